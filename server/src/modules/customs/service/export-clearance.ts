import { createHash } from 'node:crypto';
import { type FieldError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { PersonalDataVault } from '../../../platform/crypto/index.ts';
import type { CustomsDeps } from '../deps.ts';
import {
  checkExportInventory,
  type ExportDocuments,
  type ExportFields,
  filingNumberOf,
  matchExportDocuments,
} from '../domain/export-matching/index.ts';
import { type CebMessage, type CebRecord, parseCebMessage } from '../formats/ceb/index.ts';
import type { ApplyInput, ApplyResult } from './parcel-pipeline.ts';
import { publishExportReleased } from './parcel-released.ts';
import { headOf, infoOf, RETURN_STATUS, type ReceiptDraft, receiptTime, receiptXml } from './receipts.ts';

// The customs sandbox's clearance of 9610 (and 9710/9810, 1210/1239) export lists. The order
// (CEB303) and the collection voucher (CEB403) join the parcel of platform code + order number;
// the waybill (CEB505) names no order and joins the lists that name its logistics code + number.
// A list (CEB603) is held until the three exist and agree, then checked and released with a
// CEB604 (120 held, 100 refused with the reasons, 800 released). CEB605 cancels a released list
// not yet summarised; CEB507/509 record arrival and departure on the parcels' timelines.

export const EXPORT_CLEARANCE_TYPES: ReadonlySet<string> = new Set([
  'CEB303',
  'CEB403',
  'CEB505',
  'CEB507',
  'CEB509',
  'CEB603',
  'CEB605',
  'CEB607',
]);

export type ExportState = 'waiting' | 'failed' | 'refused' | 'released' | 'cancelled';
const FINAL: ReadonlySet<ExportState> = new Set(['released', 'cancelled']);

type ExportRow = {
  id: string;
  ebp_code: string;
  order_no: string;
  state: ExportState;
  order_message_id: string | null;
  receipts_message_id: string | null;
  inventory_message_id: string | null;
  logistics_code: string | null;
  logistics_no: string | null;
  invt_no: string | null;
  pre_no: string | null;
  inventory_sender: string | null;
};
const ROW = sql`id, ebp_code, order_no, state, order_message_id, receipts_message_id, inventory_message_id,
  logistics_code, logistics_no, invt_no, pre_no,
  (select m.organisation_id from customs.messages m where m.id = inventory_message_id) as inventory_sender`;

const str = (record: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The simple fields of a record (head or line), as the pure rules read them. */
const fieldsOf = (record: unknown): ExportFields => {
  const out: Record<string, string> = {};
  if (record !== null && typeof record === 'object' && !Array.isArray(record)) {
    for (const [name, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        out[name] = value;
      }
    }
  }
  return out;
};

const linesOf = (document: CebRecord, name: string): ExportFields[] => {
  const value = document[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(fieldsOf);
};

const addEvent = async (
  trx: Executor,
  parcelId: string,
  at: Date,
  kind: string,
  state: ExportState,
  messageId: string | null,
  detail: Record<string, unknown> | null,
  party?: string,
) => {
  if (party !== undefined) {
    await sql`insert into customs.export_parcel_parties (parcel_id, organisation_id) values (${parcelId}, ${party})
      on conflict do nothing`.execute(trx);
  }
  await sql`
    insert into customs.export_parcel_events (parcel_id, seq, at, kind, state, message_id, detail)
    values (${parcelId}, (select coalesce(max(seq), 0) + 1 from customs.export_parcel_events where parcel_id = ${parcelId}),
      ${at}, ${kind}, ${state}, ${messageId}, ${detail === null ? null : JSON.stringify(detail)})`.execute(
    trx,
  );
};

/** The export parcel of a platform's order, locked (created when first seen). */
const lockParcel = async (trx: Executor, ebpCode: string, orderNo: string, now: Date): Promise<ExportRow> => {
  await sql`insert into customs.export_parcels (id, ebp_code, order_no, state, created_at, updated_at)
    values (${newId('xpc')}, ${ebpCode}, ${orderNo}, 'waiting', ${now}, ${now})
    on conflict (ebp_code, order_no) do nothing`.execute(trx);
  return (
    await sql<ExportRow>`select ${ROW} from customs.export_parcels
      where ebp_code = ${ebpCode} and order_no = ${orderNo} for update`.execute(trx)
  ).rows[0] as ExportRow;
};

/** Files and decides the export documents of one accepted message; answers its receipt(s). */
export const applyExportMessage = async (
  trx: Executor,
  deps: Pick<CustomsDeps, 'sandbox'>,
  vault: PersonalDataVault,
  input: ApplyInput,
): Promise<ApplyResult> => {
  const { message } = input;
  // The sandbox's severity overrides apply to export rules by their own ids.
  const withSettings: ExportInput = { ...input, severities: deps.sandbox.matchingSeverities };
  switch (message.messageType) {
    case 'CEB505':
      return fileWaybills(trx, vault, withSettings);
    case 'CEB605':
      return cancelLists(trx, input);
    case 'CEB507':
    case 'CEB509':
    case 'CEB607':
      return recordMovement(trx, input);
    default:
      return fileParcelDocuments(trx, vault, withSettings);
  }
};

type ExportInput = ApplyInput & { severities: Readonly<Record<string, 'reject' | 'warn' | 'off'>> };

type Slot = 'order' | 'receipts' | 'inventory';
const slotOf: Record<string, Slot> = { CEB303: 'order', CEB403: 'receipts', CEB603: 'inventory' };
const columnOf = {
  order: 'order_message_id',
  receipts: 'receipts_message_id',
  inventory: 'inventory_message_id',
} as const;

const fileParcelDocuments = async (
  trx: Executor,
  vault: PersonalDataVault,
  input: ExportInput,
): Promise<ApplyResult> => {
  const { message, now, messageId, organisationId } = input;
  const slot = slotOf[message.messageType] as Slot;
  const receiptType = `CEB${Number(message.messageType.slice(3)) + 1}`;
  const records: Record<string, string>[] = [];
  const extra: ReceiptDraft[] = [];
  const parcelIds: string[] = [];
  const reasons: FieldError[] = [];
  let first: { status: string; info: string } | undefined;
  for (const [index, document] of message.documents.entries()) {
    const head = headOf(document);
    const parcel = await lockParcel(trx, str(head, 'ebpCode') ?? '', str(head, 'orderNo') ?? '', now);
    const appType = str(head, 'appType') ?? '1';
    let status: string = RETURN_STATUS.accepted;
    let info = '入库 Accepted';
    let numbers = { preNo: parcel.pre_no, invtNo: parcel.invt_no };
    if (FINAL.has(parcel.state)) {
      status = RETURN_STATUS.rejected;
      info = `退单 Rejected: export parcel ${parcel.order_no} is already ${parcel.state}`;
      reasons.push({ field: `documents[${index}]`, code: 'customs.parcel_closed', message: info });
    } else if (parcel[columnOf[slot]] !== null && appType === '1') {
      status = RETURN_STATUS.rejected;
      info = `退单 Rejected: a ${slot} for order ${parcel.order_no} was already declared (send appType 2 to change it)`;
      reasons.push({ field: `documents[${index}]`, code: 'customs.already_declared', message: info });
    } else {
      parcelIds.push(parcel.id);
      const filed = appType === '3' ? null : messageId;
      const sets = [
        sql`${sql.ref(columnOf[slot])} = ${filed}`,
        sql`updated_at = ${now}`,
        sql`version = version + 1`,
      ];
      if (slot === 'inventory') {
        // The pre-entry and inventory numbers are given once, when the list is first accepted.
        const customsCode = (str(head, 'customsCode') ?? '0000').padStart(4, '0').slice(0, 4);
        sets.push(
          sql`logistics_code = ${str(head, 'logisticsCode') ?? null}`,
          sql`logistics_no = ${str(head, 'logisticsNo') ?? null}`,
          sql`trade_mode = ${str(head, 'tradeMode') ?? null}`,
          sql`customs_code = ${customsCode}`,
          sql`ebc_code = ${str(head, 'ebcCode') ?? null}`,
          sql`owner_code = ${str(head, 'ownerCode') ?? null}`,
          sql`ebc_name = ${str(head, 'ebcName') ?? null}`,
          sql`agent_code = ${str(head, 'agentCode') ?? null}`,
          sql`agent_name = ${str(head, 'agentName') ?? null}`,
          sql`statistics_flag = ${str(head, 'statisticsFlag') ?? null}`,
          sql`pre_no = coalesce(pre_no, ${`B${receiptTime(now).slice(0, 8)}`} || lpad(nextval('customs.pre_entry_serial')::text, 9, '0'))`,
          sql`invt_no = coalesce(invt_no, ${`${customsCode}${receiptTime(now).slice(0, 4)}E`} || lpad(nextval('customs.inventory_serial')::text, 9, '0'))`,
        );
      }
      const filedRow = (
        await sql<ExportRow>`update customs.export_parcels set ${sql.join(sets)} where id = ${parcel.id}
          returning ${ROW}`.execute(trx)
      ).rows[0] as ExportRow;
      numbers = { preNo: filedRow.pre_no, invtNo: filedRow.invt_no };
      await addEvent(
        trx,
        parcel.id,
        now,
        appType === '3' ? `${slot}_deleted` : `${slot}_received`,
        parcel.state,
        messageId,
        { messageType: message.messageType, appType },
        organisationId,
      );
      const decision = await evaluate(trx, vault, filedRow, now, input);
      if (decision !== null) {
        if (filedRow.inventory_message_id === messageId) {
          status = decision.status;
          info = decision.info;
        } else {
          extra.push(await listReceiptDraft(trx, vault, filedRow, decision, now, input));
        }
      }
    }
    first ??= { status, info };
    records.push(
      slot === 'inventory'
        ? listRecord(head, numbers, status, info, now)
        : slot === 'order'
          ? {
              guid: str(head, 'guid') ?? '',
              ebpCode: str(head, 'ebpCode') ?? '',
              ebcCode: str(head, 'ebcCode') ?? '',
              orderNo: str(head, 'orderNo') ?? '',
              ...returned(status, info, now),
            }
          : {
              guid: str(head, 'guid') ?? '',
              ebcCode: str(head, 'ebcCode') ?? '',
              orderNo: str(head, 'orderNo') ?? '',
              ...(str(head, 'payNo') === undefined ? {} : { payNo: str(head, 'payNo') as string }),
              ...returned(status, info, now),
            },
    );
  }
  return {
    receipts: [
      {
        messageId,
        parcelId: null,
        receiptType,
        returnStatus: first?.status ?? RETURN_STATUS.accepted,
        returnInfo: first?.info ?? '',
        xml: receiptXml(receiptType, records),
      },
      ...extra,
    ],
    parcelIds,
    reasons,
  };
};

const returned = (status: string, info: string, at: Date) => ({
  returnStatus: status,
  returnTime: receiptTime(at),
  returnInfo: info === '' ? status : info,
});

/** An 18-character number derived from a guid, for a receipt that must carry one the list was never given. */
const derivedNumber = (prefix: string, guid: string): string => {
  const digits = BigInt(`0x${createHash('sha256').update(guid).digest('hex').slice(0, 15)}`) % 1_000_000_000n;
  return `${prefix}${String(digits).padStart(9, '0')}`.slice(0, 18).padEnd(18, '0');
};

/** One CEB604 record for a list head. */
const listRecord = (
  head: Readonly<Record<string, unknown>>,
  numbers: { preNo: string | null; invtNo: string | null },
  status: string,
  info: string,
  at: Date,
): Record<string, string> => {
  const guid = str(head, 'guid') ?? '';
  const day = receiptTime(at);
  return {
    guid,
    agentCode: str(head, 'agentCode') ?? '',
    copNo: str(head, 'copNo') ?? '',
    preNo: numbers.preNo ?? derivedNumber(`B${day.slice(0, 8)}`, guid),
    invtNo:
      numbers.invtNo ??
      derivedNumber(`${(str(head, 'customsCode') ?? '0000').slice(0, 4)}${day.slice(0, 4)}E`, guid),
    ebcCode: str(head, 'ebcCode') ?? '',
    ebpCode: str(head, 'ebpCode') ?? '',
    orderNo: str(head, 'orderNo') ?? '',
    statisticsFlag: str(head, 'statisticsFlag') ?? 'B',
    ...returned(status, info, at),
  };
};

type Decision = { status: string; info: string };

const readMessage = async (
  trx: Executor,
  vault: PersonalDataVault,
  id: string,
  parsed: ReadonlyMap<string, CebMessage>,
): Promise<CebMessage> => {
  const known = parsed.get(id);
  if (known !== undefined) {
    return known;
  }
  const row = (
    await sql<{ xml_sealed: string }>`select xml_sealed from customs.messages where id = ${id}`.execute(trx)
  ).rows[0] as { xml_sealed: string };
  return parseCebMessage(vault.decrypt(row.xml_sealed), { businessRules: false });
};

/** The parcel's documents as filed: each message read back and its document picked by key. */
const loadDocuments = async (
  trx: Executor,
  vault: PersonalDataVault,
  row: ExportRow,
  parsed: ReadonlyMap<string, CebMessage>,
): Promise<ExportDocuments> => {
  const docs: ExportDocuments = {};
  const byOrder = (message: CebMessage) =>
    message.documents.find(
      (doc) => str(headOf(doc), 'orderNo') === row.order_no && str(headOf(doc), 'ebpCode') === row.ebp_code,
    );
  if (row.order_message_id !== null) {
    const doc = byOrder(await readMessage(trx, vault, row.order_message_id, parsed));
    if (doc !== undefined) {
      docs.order = { head: fieldsOf(doc.OrderHead), lines: linesOf(doc, 'OrderList') };
    }
  }
  if (row.receipts_message_id !== null) {
    const doc = byOrder(await readMessage(trx, vault, row.receipts_message_id, parsed));
    if (doc !== undefined) {
      docs.receipts = fieldsOf(doc);
    }
  }
  if (row.inventory_message_id !== null) {
    const doc = byOrder(await readMessage(trx, vault, row.inventory_message_id, parsed));
    if (doc !== undefined) {
      docs.inventory = { head: fieldsOf(doc.InventoryHead), lines: linesOf(doc, 'InventoryList') };
    }
  }
  if (row.logistics_code !== null && row.logistics_no !== null) {
    const waybill = (
      await sql<{ message_id: string | null }>`select message_id from customs.export_waybills
        where logistics_code = ${row.logistics_code} and logistics_no = ${row.logistics_no}`.execute(trx)
    ).rows[0];
    if (waybill?.message_id != null) {
      const message = await readMessage(trx, vault, waybill.message_id, parsed);
      const doc = message.documents.find(
        (d) => str(d, 'logisticsCode') === row.logistics_code && str(d, 'logisticsNo') === row.logistics_no,
      );
      if (doc !== undefined) {
        docs.waybill = fieldsOf(doc);
      }
    }
  }
  return docs;
};

/**
 * Matches the parcel and, once its list is complete and agrees, runs the checks and releases or
 * refuses it. Returns the list's decision when a CEB604 is due (null when there is no list).
 */
const evaluate = async (
  trx: Executor,
  vault: PersonalDataVault,
  row: ExportRow,
  now: Date,
  input: ExportInput,
): Promise<Decision | null> => {
  const docs = await loadDocuments(trx, vault, row, input.parsed);
  const match = matchExportDocuments(docs, { severities: input.severities });
  const findings = JSON.stringify(match.findings);
  const setState = async (state: ExportState, extra: ReturnType<typeof sql>[] = []) => {
    await sql`update customs.export_parcels set state = ${state}, findings = ${findings}::jsonb, updated_at = ${now},
      version = version + 1 ${extra.length === 0 ? sql`` : sql`, ${sql.join(extra)}`}
      where id = ${row.id}`.execute(trx);
  };
  if (match.state === 'failed') {
    await setState('failed');
    if (row.state !== 'failed') {
      await addEvent(trx, row.id, now, 'matching_failed', 'failed', input.messageId, {
        findings: match.findings.length,
      });
    }
    return docs.inventory === undefined
      ? null
      : {
          status: RETURN_STATUS.rejected,
          info: infoOf(
            match.findings
              .filter((f) => f.severity === 'reject')
              .map((f) => ({ field: f.rule, message: f.message })),
            '退单 Rejected: documents do not agree',
          ),
        };
  }
  if (match.state === 'waiting' || docs.inventory === undefined) {
    await setState('waiting');
    return row.inventory_message_id === input.messageId
      ? { status: RETURN_STATUS.accepted, info: `入库 Accepted, held for: ${match.missing.join(', ')}` }
      : null;
  }
  const inventory = docs.inventory;
  const filingNo = filingNumberOf(inventory);
  const approved =
    filingNo === null || row.inventory_sender === null
      ? false
      : (
          await sql<{ n: number }>`select count(*)::int as n from customs.overseas_warehouse_filings
            where filing_no = ${filingNo} and organisation_id = ${row.inventory_sender} and state = 'approved'`.execute(
            trx,
          )
        ).rows[0]?.n === 1;
  const checked = checkExportInventory(inventory, () => approved);
  const head = inventory.head;
  const routeColumns = [
    sql`route = ${checked.route?.route ?? null}`,
    sql`route_reasons = ${checked.route === null ? null : JSON.stringify(checked.route.reasons)}::jsonb`,
    sql`warehouse_filing_no = ${filingNo}`,
    sql`country = ${head.country ?? null}`,
    sql`port_code = ${head.portCode ?? null}`,
    sql`traf_mode = ${head.trafMode ?? null}`,
    sql`goods_value = ${checked.goodsValue}::numeric`,
    sql`currency = ${inventory.lines[0]?.currency ?? null}`,
    sql`gross_weight = ${head.grossWeight ?? null}::numeric`,
    sql`net_weight = ${head.netWeight ?? null}::numeric`,
  ];
  const routeText =
    checked.route === null
      ? ''
      : checked.route.route === 'simplified_list'
        ? '; 申报清单 simplified list, HS 6 digits (≤ CNY 5,000, no licence, inspection or duty)'
        : '';
  if (checked.failures.length > 0) {
    await setState('refused', [...routeColumns, sql`refusal = ${JSON.stringify(checked.failures)}::jsonb`]);
    await addEvent(trx, row.id, now, 'refused', 'refused', input.messageId, {
      codes: checked.failures.map((f) => f.code),
    });
    return { status: RETURN_STATUS.rejected, info: infoOf(checked.failures, '退单 Rejected') };
  }
  const lines = inventory.lines.map((line) => ({
    gnum: Number(line.gnum),
    gcode: line.gcode ?? '',
    itemName: line.itemName ?? line.gname ?? '',
    country: line.country ?? '',
    currency: line.currency ?? '',
    unit: line.unit ?? '',
    qty: line.qty ?? '0',
    totalPrice: line.totalPrice ?? '0',
  }));
  await setState('released', [
    ...routeColumns,
    sql`refusal = null`,
    sql`released_at = ${now}`,
    sql`lines = ${JSON.stringify(lines)}::jsonb`,
  ]);
  await addEvent(trx, row.id, now, 'released', 'released', input.messageId, {
    invtNo: row.invt_no,
    route: checked.route?.route ?? null,
  });
  if (row.inventory_sender !== null) {
    await publishExportReleased(trx, {
      parcelId: row.id,
      declarantOrganisationId: row.inventory_sender,
      head,
      lines,
      at: now,
    });
  }
  return { status: RETURN_STATUS.released, info: `放行 Released${routeText}` };
};

/** The CEB604 for a held list that another party's document has now decided: to the list's sender. */
const listReceiptDraft = async (
  trx: Executor,
  vault: PersonalDataVault,
  row: ExportRow,
  decision: Decision,
  now: Date,
  input: ApplyInput,
): Promise<ReceiptDraft> => {
  const listMessageId = row.inventory_message_id as string;
  const message = await readMessage(trx, vault, listMessageId, input.parsed);
  const doc =
    message.documents.find((d) => str(headOf(d), 'orderNo') === row.order_no) ?? message.documents[0] ?? {};
  const current = (
    await sql<{
      pre_no: string | null;
      invt_no: string | null;
    }>`select pre_no, invt_no from customs.export_parcels
      where id = ${row.id}`.execute(trx)
  ).rows[0];
  return {
    messageId: listMessageId,
    ...(row.inventory_sender === null ? {} : { organisationId: row.inventory_sender }),
    parcelId: null,
    receiptType: 'CEB604',
    returnStatus: decision.status,
    returnInfo: decision.info,
    xml: receiptXml('CEB604', [
      listRecord(
        headOf(doc),
        { preNo: current?.pre_no ?? null, invtNo: current?.invt_no ?? null },
        decision.status,
        decision.info,
        now,
      ),
    ]),
  };
};

/** CEB505: each waybill is filed under its logistics key; the lists naming it are re-evaluated. */
const fileWaybills = async (
  trx: Executor,
  vault: PersonalDataVault,
  input: ExportInput,
): Promise<ApplyResult> => {
  const { message, now, messageId, organisationId } = input;
  const records: Record<string, string>[] = [];
  const extra: ReceiptDraft[] = [];
  const parcelIds: string[] = [];
  for (const document of message.documents) {
    const code = str(document, 'logisticsCode') ?? '';
    const no = str(document, 'logisticsNo') ?? '';
    const filed = str(document, 'appType') === '3' ? null : messageId;
    await sql`insert into customs.export_waybills (logistics_code, logistics_no, message_id, organisation_id, updated_at)
      values (${code}, ${no}, ${filed}, ${organisationId}, ${now})
      on conflict (logistics_code, logistics_no) do update set message_id = excluded.message_id,
        organisation_id = excluded.organisation_id, updated_at = excluded.updated_at`.execute(trx);
    const parcels = (
      await sql<ExportRow>`select ${ROW} from customs.export_parcels
        where logistics_code = ${code} and logistics_no = ${no} for update`.execute(trx)
    ).rows;
    for (const parcel of parcels) {
      parcelIds.push(parcel.id);
      await addEvent(
        trx,
        parcel.id,
        now,
        'waybill_received',
        parcel.state,
        messageId,
        { messageType: 'CEB505' },
        organisationId,
      );
      if (FINAL.has(parcel.state)) {
        continue;
      }
      const decision = await evaluate(trx, vault, parcel, now, input);
      if (decision !== null && parcel.inventory_message_id !== null) {
        extra.push(await listReceiptDraft(trx, vault, parcel, decision, now, input));
      }
    }
    records.push({
      guid: str(document, 'guid') ?? '',
      logisticsCode: code,
      logisticsNo: no,
      ...returned('120', '入库 Accepted', now),
    });
  }
  return {
    receipts: [
      {
        messageId,
        parcelId: null,
        receiptType: 'CEB506',
        returnStatus: '120',
        returnInfo: '入库 Accepted',
        xml: receiptXml('CEB506', records),
      },
      ...extra,
    ],
    parcelIds,
    reasons: [],
  };
};

/** CEB605: a released list not yet in a summary is cancelled (399); anything else is refused (100). */
const cancelLists = async (trx: Executor, input: ApplyInput): Promise<ApplyResult> => {
  const { message, now, messageId, organisationId } = input;
  const records: Record<string, string>[] = [];
  const parcelIds: string[] = [];
  const reasons: FieldError[] = [];
  let first: Decision | undefined;
  for (const [index, document] of message.documents.entries()) {
    const invtNo = str(document, 'invtNo') ?? '';
    const parcel = (
      await sql<{
        id: string;
        state: ExportState;
        summary_id: string | null;
        pre_no: string | null;
        sender: string | null;
      }>`
        select p.id, p.state, p.summary_id, p.pre_no,
          (select m.organisation_id from customs.messages m where m.id = p.inventory_message_id) as sender
        from customs.export_parcels p where p.invt_no = ${invtNo} and p.ebc_code = ${str(document, 'ebcCode') ?? ''}
        for update`.execute(trx)
    ).rows[0];
    let decision: Decision = { status: RETURN_STATUS.concluded, info: '审结 Cancelled' };
    // Only the list's own declarant may cancel it; to anyone else it does not exist.
    if (parcel === undefined || parcel.sender !== organisationId || parcel.state !== 'released') {
      decision = {
        status: RETURN_STATUS.rejected,
        info: `退单 Rejected: no released export list ${invtNo} of yours`,
      };
      reasons.push({
        field: `documents[${index}].invtNo`,
        code: 'customs.inventory_not_released',
        message: decision.info,
      });
    } else if (parcel.summary_id !== null) {
      decision = {
        status: RETURN_STATUS.rejected,
        info: `退单 Rejected: list ${invtNo} is already in a summary declaration`,
      };
      reasons.push({
        field: `documents[${index}].invtNo`,
        code: 'customs.export_already_summarised',
        message: decision.info,
      });
    } else {
      await sql`update customs.export_parcels set state = 'cancelled', updated_at = ${now}, version = version + 1
        where id = ${parcel.id}`.execute(trx);
      await addEvent(
        trx,
        parcel.id,
        now,
        'cancelled',
        'cancelled',
        messageId,
        { reason: str(document, 'reason') ?? null },
        organisationId,
      );
      parcelIds.push(parcel.id);
    }
    first ??= decision;
    records.push({
      guid: str(document, 'guid') ?? '',
      agentCode: str(document, 'agentCode') ?? '',
      copNo: str(document, 'copNo') ?? '',
      preNo:
        parcel?.pre_no ??
        str(document, 'preNo') ??
        derivedNumber(`B${receiptTime(now).slice(0, 8)}`, str(document, 'guid') ?? ''),
      invtNo,
      ...returned(decision.status, decision.info, now),
    });
  }
  return {
    receipts: [
      {
        messageId,
        parcelId: null,
        receiptType: 'CEB606',
        returnStatus: first?.status ?? RETURN_STATUS.rejected,
        returnInfo: first?.info ?? '',
        xml: receiptXml('CEB606', records),
      },
    ],
    parcelIds,
    reasons,
  };
};

/** CEB507 arrival, CEB509 departure, CEB607 bill link: each listed waybill's released parcels get a timeline event. */
const MOVEMENTS = {
  CEB507: { list: 'ArrivalList', column: 'arrived_at', kind: 'arrived', receiptType: 'CEB508' },
  CEB509: { list: 'DepartureList', column: 'departed_at', kind: 'departed', receiptType: 'CEB510' },
  // The master/house bill (清单总分单) links released lists to the voyage and bill of lading.
  CEB607: { list: 'WayBillList', column: null, kind: 'bill_linked', receiptType: 'CEB608' },
} as const;

const recordMovement = async (trx: Executor, input: ApplyInput): Promise<ApplyResult> => {
  const { message, now, messageId, organisationId } = input;
  const movement = MOVEMENTS[message.messageType as keyof typeof MOVEMENTS];
  const records: Record<string, string>[] = [];
  const parcelIds: string[] = [];
  for (const document of message.documents) {
    const head = headOf(document);
    const code = str(head, 'logisticsCode') ?? '';
    for (const line of linesOf(document, movement.list)) {
      const parcels = (
        await sql<{ id: string; state: ExportState }>`
          update customs.export_parcels set updated_at = ${now}
            ${movement.column === null ? sql`` : sql`, ${sql.ref(movement.column)} = ${now}`}
          where logistics_code = ${code} and logistics_no = ${line.logisticsNo ?? ''} and state = 'released'
          returning id, state`.execute(trx)
      ).rows;
      for (const parcel of parcels) {
        parcelIds.push(parcel.id);
        await addEvent(
          trx,
          parcel.id,
          now,
          movement.kind,
          parcel.state,
          messageId,
          {
            messageType: message.messageType,
            ...(str(head, 'billNo') === undefined ? {} : { billNo: str(head, 'billNo') }),
          },
          organisationId,
        );
      }
    }
    const base = {
      guid: str(head, 'guid') ?? '',
      logisticsCode: code,
      copNo: str(head, 'copNo') ?? '',
      preNo: str(head, 'preNo') ?? derivedNumber(`B${receiptTime(now).slice(0, 8)}`, str(head, 'guid') ?? ''),
      msgSeqNo: str(head, 'msgSeqNo') ?? '1',
    };
    const accepted = returned('120', '入库 Accepted', now);
    records.push(
      message.messageType === 'CEB507'
        ? {
            guid: base.guid,
            operatorCode: str(head, 'operatorCode') ?? '',
            logisticsCode: code,
            preNo: base.preNo,
            copNo: base.copNo,
            billNo: str(head, 'billNo') ?? str(head, 'domesticTrafNo')?.slice(0, 37) ?? '',
            msgSeqNo: base.msgSeqNo,
            ...accepted,
          }
        : message.messageType === 'CEB607'
          ? {
              guid: base.guid,
              agentCode: str(head, 'agentCode') ?? '',
              logisticsCode: code,
              copNo: base.copNo,
              preNo: base.preNo,
              billNo: str(head, 'billNo') ?? '',
              msgSeqNo: base.msgSeqNo,
              ...accepted,
            }
          : { ...base, ...accepted },
    );
  }
  const receiptType = movement.receiptType;
  return {
    receipts: [
      {
        messageId,
        parcelId: null,
        receiptType,
        returnStatus: '120',
        returnInfo: '入库 Accepted',
        xml: receiptXml(receiptType, records),
      },
    ],
    parcelIds,
    reasons: [],
  };
};
