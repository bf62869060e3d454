import { type FieldError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { PersonalDataVault } from '../../../platform/crypto/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { type CebMessage, parseCebMessage } from '../formats/ceb/index.ts';
import { quotaYearOf } from '../quota/index.ts';
import { restoreImportStock, screenImportInventory } from './bonded-screening.ts';
import { recordDeliveryList } from './bonded-stock.ts';
import {
  admitBuyerQuota,
  assessParcelRisk,
  type CebDocument,
  computeParcelTax,
  matchDocuments,
  type ParcelDocuments,
  type ParcelTax,
  refundBuyerQuota,
} from './clearance-rules.ts';
import { publishParcelReleased } from './parcel-released.ts';
import {
  headOf,
  infoOf,
  RETURN_STATUS,
  type ReceiptDraft,
  receiptRecord,
  receiptTime,
  receiptTypeOf,
  receiptXml,
  taxBillXml,
} from './receipts.ts';

// The customs sandbox's clearance of import parcels (9610 direct purchase, 1210 bonded): each
// accepted document is filed under its parcel (the platform's code and order number), and once
// the inventory list and its three documents are all there and agree, the parcel is taxed,
// checked against the buyer's annual quota and the risk rules, and released or sent to
// inspection. Receipts go to whoever sent the message they answer.

export type ParcelState =
  | 'waiting'
  | 'failed'
  | 'released'
  | 'inspection'
  | 'refused'
  | 'cancelled'
  | 'returned';

type ParcelRow = {
  id: string;
  ebp_code: string | null;
  order_no: string;
  state: ParcelState;
  order_message_id: string | null;
  payment_message_id: string | null;
  waybill_message_id: string | null;
  inventory_message_id: string | null;
  invt_no: string | null;
  buyer_id_sealed: string | null;
  dutiable_value: string | null;
  updated_at: Date;
};

type Slot = 'order' | 'payment' | 'waybill' | 'inventory';
const slotColumn = {
  order: 'order_message_id',
  payment: 'payment_message_id',
  waybill: 'waybill_message_id',
  inventory: 'inventory_message_id',
} as const;
const slotOfType: Record<string, Slot> = {
  CEB311: 'order',
  CEB411: 'payment',
  CEB511: 'waybill',
  CEB621: 'inventory',
};
const FINAL_STATES: ReadonlySet<ParcelState> = new Set([
  'released',
  'inspection',
  'refused',
  'cancelled',
  'returned',
]);

export type ApplyInput = {
  organisationId: string;
  messageId: string;
  message: CebMessage;
  now: Date;
  /** Messages already parsed in this call, by id: read from here rather than unsealed again. */
  parsed: ReadonlyMap<string, CebMessage>;
};
export type ApplyResult = { receipts: ReceiptDraft[]; parcelIds: string[]; reasons: FieldError[] };

/** Files every document of an accepted message and answers its receipt (plus any it unblocked). */
export const applyMessage = async (
  trx: Executor,
  deps: CustomsDeps,
  vault: PersonalDataVault,
  input: ApplyInput,
): Promise<ApplyResult> => {
  const { message } = input;
  const slot = slotOfType[message.messageType];
  if (slot !== undefined) {
    return fileDocuments(trx, deps, vault, input, slot);
  }
  if (message.messageType === 'CEB623' || message.messageType === 'CEB625') {
    return reverseParcels(trx, deps, input, message.messageType === 'CEB623' ? 'cancelled' : 'returned');
  }
  // Other enterprise messages (delivery status, inbound lists, the export side) are stored,
  // anchored and acknowledged; the sandbox takes no clearance decision on them yet.
  if (message.messageType === 'CEB711') {
    // An accepted inbound list makes the bonded goods declared under its bill stock (1210).
    await recordDeliveryList(trx, {
      messageId: input.messageId,
      organisationId: input.organisationId,
      message,
      now: input.now,
    });
  }
  const receiptType = receiptTypeOf(message.messageType);
  const records = message.documents.map((doc) =>
    receiptRecord(receiptType, headOf(doc), RETURN_STATUS.accepted, '入库 Accepted', input.now),
  );
  return {
    receipts: [
      {
        messageId: input.messageId,
        parcelId: null,
        receiptType,
        returnStatus: RETURN_STATUS.accepted,
        returnInfo: '入库 Accepted',
        xml: receiptXml(receiptType, records),
      },
    ],
    parcelIds: [],
    reasons: [],
  };
};

const text = (record: Readonly<Record<string, unknown>>, name: string): string | null => {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

const PARCEL_ROW_COLUMNS = sql`id, ebp_code, order_no, state, order_message_id, payment_message_id, waybill_message_id,
  inventory_message_id, invt_no, buyer_id_sealed, dutiable_value::text as dutiable_value, updated_at`;

/** The parcel a document belongs to, locked for this transaction (created when first seen). */
const lockParcel = async (
  trx: Executor,
  key: { ebpCode: string | null; orderNo: string },
  now: Date,
): Promise<ParcelRow> => {
  // A waybill names no platform: it joins the parcel of its order number, or starts one the
  // order later claims.
  const find = () =>
    sql<ParcelRow>`
      select ${PARCEL_ROW_COLUMNS}
      from customs.parcels
      where order_no = ${key.orderNo}
        and (${key.ebpCode}::text is null or ebp_code = ${key.ebpCode} or ebp_code is null)
      order by (ebp_code is null), created_at desc
      limit 1
      for update`.execute(trx);
  let row = (await find()).rows[0];
  if (row === undefined) {
    // A concurrent first document of the same parcel makes this the update, which returns its row locked.
    row = (
      await sql<ParcelRow>`
        insert into customs.parcels (id, ebp_code, order_no, direction, state, created_at, updated_at)
        values (${newParcelId()}, ${key.ebpCode}, ${key.orderNo}, 'import', 'waiting', ${now}, ${now})
        on conflict (ebp_code, order_no) do update set updated_at = excluded.updated_at
        returning ${PARCEL_ROW_COLUMNS}`.execute(trx)
    ).rows[0] as ParcelRow;
  }
  if (row.ebp_code === null && key.ebpCode !== null) {
    await sql`update customs.parcels set ebp_code = ${key.ebpCode} where id = ${row.id}`.execute(trx);
    row = { ...row, ebp_code: key.ebpCode };
  }
  return row;
};

const newParcelId = (): string => newId('pcl');

/** Appends to the parcel's timeline; with `party`, also makes that organisation a party, in one statement. */
const addEvent = async (
  trx: Executor,
  parcelId: string,
  at: Date,
  kind: string,
  state: ParcelState,
  messageId: string | null,
  detail: Record<string, unknown> | null,
  party?: string,
) => {
  const event = sql`
    insert into customs.parcel_events (parcel_id, seq, at, kind, state, message_id, detail)
    values (${parcelId}, (select coalesce(max(seq), 0) + 1 from customs.parcel_events where parcel_id = ${parcelId}),
      ${at}, ${kind}, ${state}, ${messageId}, ${detail === null ? null : JSON.stringify(detail)})`;
  await (party === undefined
    ? event
    : sql`
        with joined as (
          insert into customs.parcel_parties (parcel_id, organisation_id) values (${parcelId}, ${party})
          on conflict do nothing
        )
        ${event}`
  ).execute(trx);
};

const addParty = async (trx: Executor, parcelId: string, organisationId: string) => {
  await sql`
    insert into customs.parcel_parties (parcel_id, organisation_id) values (${parcelId}, ${organisationId})
    on conflict do nothing`.execute(trx);
};

const fileDocuments = async (
  trx: Executor,
  deps: CustomsDeps,
  vault: PersonalDataVault,
  input: ApplyInput,
  slot: Slot,
): Promise<ApplyResult> => {
  const { message, now, messageId, organisationId } = input;
  const receiptType = receiptTypeOf(message.messageType);
  const records: Record<string, string>[] = [];
  const extra: ReceiptDraft[] = [];
  const parcelIds: string[] = [];
  const reasons: FieldError[] = [];
  let firstStatus: string = RETURN_STATUS.accepted;
  let firstInfo = '';
  for (const [index, document] of message.documents.entries()) {
    const head = headOf(document);
    const orderNo = text(head, 'orderNo') as string;
    const ebpCode = slot === 'waybill' ? null : text(head, 'ebpCode');
    const parcel = await lockParcel(trx, { ebpCode, orderNo }, now);
    const column = slotColumn[slot];
    const current = parcel[column];
    const appType = text(head, 'appType') ?? '1';
    let status: string = RETURN_STATUS.accepted;
    let info = '入库 Accepted';
    if (FINAL_STATES.has(parcel.state)) {
      status = RETURN_STATUS.rejected;
      info = `退单 Rejected: parcel ${orderNo} is already ${parcel.state}`;
      reasons.push({ field: `documents[${index}]`, code: 'customs.parcel_closed', message: info });
    } else if (current !== null && appType === '1') {
      status = RETURN_STATUS.rejected;
      info = `退单 Rejected: a ${slot} for order ${orderNo} was already declared (send appType 2 to change it)`;
      reasons.push({ field: `documents[${index}]`, code: 'customs.already_declared', message: info });
    } else {
      // Only a filed document names its parcel to the sender (a refused one tells it nothing).
      parcelIds.push(parcel.id);
      const filed = appType === '3' ? null : messageId;
      // One statement files the document and what the parcel keeps of it.
      const sets = [sql`${sql.ref(column)} = ${filed}`, sql`updated_at = ${now}`, sql`version = version + 1`];
      if (slot === 'order' || slot === 'inventory') {
        sets.push(...buyerColumns(vault, head));
      }
      if (slot === 'waybill' || slot === 'inventory') {
        sets.push(
          sql`logistics_code = ${text(head, 'logisticsCode')}`,
          sql`logistics_no = ${text(head, 'logisticsNo')}`,
        );
      }
      if (slot === 'inventory') {
        // The pre-entry number is given once, when the parcel's first inventory list is accepted.
        sets.push(
          sql`trade_mode = ${text(head, 'tradeMode')}`,
          sql`customs_code = ${text(head, 'customsCode')}`,
          sql`pre_no = coalesce(pre_no, ${`B${receiptTime(now).slice(0, 8)}`} || lpad(nextval('customs.pre_entry_serial')::text, 9, '0'))`,
        );
      }
      const filedRow = (
        await sql<EvaluatedRow>`update customs.parcels set ${sql.join(sets)}
          where id = ${parcel.id} returning ${EVALUATED_COLUMNS}`.execute(trx)
      ).rows[0] as EvaluatedRow;
      if (slot === 'inventory' && filedRow.pre_no !== null) {
        head.preNo = filedRow.pre_no;
      }
      // Only a filed document makes its sender a party of the parcel: a refused one shows nothing.
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
      const decided = await evaluateParcel(trx, deps, vault, filedRow, now, {
        messageId,
        message,
        documentIndex: index,
        parsed: input.parsed,
      });
      if (slot === 'inventory' && decided.inventoryReceipt !== undefined) {
        status = decided.inventoryReceipt.status;
        info = decided.inventoryReceipt.info;
        if (decided.inventoryReceipt.invtNo !== undefined) {
          head.invtNo = decided.inventoryReceipt.invtNo;
        }
      } else if (decided.inventoryReceipt !== undefined && decided.inventoryMessageId !== undefined) {
        // The document that completed a held inventory: customs answers the inventory's sender.
        extra.push(
          await inventoryReceiptDraft(
            trx,
            parcel.id,
            decided.inventoryMessageId,
            decided.inventoryReceipt,
            now,
            vault,
          ),
        );
      }
      extra.push(...decided.taxBills);
    }
    if (index === 0) {
      firstStatus = status;
      firstInfo = info;
    }
    records.push(receiptRecord(receiptType, head, status, info, now));
  }
  const own: ReceiptDraft = {
    messageId,
    parcelId: parcelIds[0] ?? null,
    receiptType,
    returnStatus: firstStatus,
    returnInfo: firstInfo,
    xml: receiptXml(receiptType, records),
  };
  return { receipts: [own, ...extra], parcelIds, reasons };
};

/** The parcel's buyer columns from an order or inventory head: sealed, with the lookup hash. */
const buyerColumns = (vault: PersonalDataVault, head: Record<string, unknown>) => {
  const idNumber = text(head, 'buyerIdNumber');
  if (idNumber === null) {
    return [];
  }
  const name = text(head, 'buyerName');
  const phone = text(head, 'buyerTelephone');
  return [
    sql`buyer_id_hash = ${vault.lookupHash(idNumber)}`,
    sql`buyer_id_sealed = ${vault.encrypt(idNumber)}`,
    sql`buyer_name_sealed = ${name === null ? null : vault.encrypt(name)}`,
    sql`buyer_phone_sealed = ${phone === null ? null : vault.encrypt(phone)}`,
  ];
};

type InventoryDecision = { status: string; info: string; invtNo?: string };
type Evaluation = {
  inventoryReceipt?: InventoryDecision;
  inventoryMessageId?: string;
  taxBills: ReceiptDraft[];
};

/** The parcel's documents as stored, each message read back (sealed) and its document picked by order number. */
/** What evaluation reads of the parcel: its row as the filing left it, and who sent the inventory. */
type EvaluatedRow = ParcelRow & {
  inventory_sender: string | null;
  findings_text: string;
  pre_no: string | null;
};
const EVALUATED_COLUMNS = sql`id, ebp_code, order_no, state, order_message_id, payment_message_id, waybill_message_id,
  inventory_message_id, invt_no, buyer_id_sealed, dutiable_value::text as dutiable_value, updated_at, pre_no,
  findings::text as findings_text,
  (select m.organisation_id from customs.messages m where m.id = inventory_message_id) as inventory_sender`;

const loadDocuments = async (
  trx: Executor,
  vault: PersonalDataVault,
  row: EvaluatedRow,
  current: { messageId: string; message: CebMessage; parsed: ReadonlyMap<string, CebMessage> },
): Promise<ParcelDocuments> => {
  const documents: ParcelDocuments = {};
  for (const slot of ['order', 'payment', 'waybill', 'inventory'] as const) {
    const id = row[slotColumn[slot]];
    if (id === null) {
      continue;
    }
    const message =
      current.parsed.get(id) ??
      parseCebMessage(
        vault.decrypt(
          (
            await sql<{
              xml_sealed: string;
            }>`select xml_sealed from customs.messages where id = ${id}`.execute(trx)
          ).rows[0]?.xml_sealed as string,
        ),
        { businessRules: false },
      );
    const document = message.documents.find((doc) => text(headOf(doc), 'orderNo') === row.order_no);
    if (document !== undefined) {
      documents[slot] = document as CebDocument;
    }
  }
  return documents;
};

/**
 * Runs matching on the parcel and, once its inventory list is complete and agrees, the customs
 * decision: tax, quota, risk, release. Returns the inventory's receipt when one is due.
 */
const evaluateParcel = async (
  trx: Executor,
  deps: CustomsDeps,
  vault: PersonalDataVault,
  row: EvaluatedRow,
  now: Date,
  current: {
    messageId: string;
    message: CebMessage;
    documentIndex: number;
    parsed: ReadonlyMap<string, CebMessage>;
  },
): Promise<Evaluation> => {
  const parcelId = row.id;
  const documents = await loadDocuments(trx, vault, row, current);
  const match = matchDocuments(documents, deps.sandbox);
  const findings = JSON.stringify(match.findings);
  if (match.rejected) {
    await setState(trx, parcelId, 'failed', now, { findings });
    // The timeline says so once; later documents show as received, the findings as they stand.
    if (row.state !== 'failed') {
      await addEvent(trx, parcelId, now, 'matching_failed', 'failed', current.messageId, {
        findings: match.findings.length,
      });
    }
    return row.inventory_message_id === null
      ? { taxBills: [] }
      : {
          inventoryReceipt: {
            status: RETURN_STATUS.rejected,
            info: infoOf(
              match.findings
                .filter((f) => f.severity === 'reject')
                .map((f) => ({ field: f.rule, message: f.message })),
              '退单 Rejected: documents do not agree',
            ),
          },
          inventoryMessageId: row.inventory_message_id,
          taxBills: [],
        };
  }
  if (row.inventory_message_id === null || match.missing.length > 0 || documents.inventory === undefined) {
    // Nothing to write while a parcel waits as it was (the common case: its first documents).
    if (row.state !== 'waiting' || !sameFindings(row.findings_text, match.findings)) {
      await setState(trx, parcelId, 'waiting', now, { findings });
    }
    // A held inventory is acknowledged when it arrives (accepted, waiting for its documents).
    return row.inventory_message_id === current.messageId
      ? {
          inventoryReceipt: {
            status: RETURN_STATUS.accepted,
            info: `入库 Accepted, held for: ${match.missing.join(', ') || 'documents'}`,
          },
          taxBills: [],
        }
      : { taxBills: [] };
  }
  const inventory = documents.inventory;
  // Positive list and (1210) bonded stock, before tax and quota; the book's rows stay locked
  // until the release below takes the goods.
  const screened = await screenImportInventory(trx, inventory);
  if (screened.kind === 'refused') {
    await setState(trx, parcelId, 'refused', now, { findings, refusal_code: screened.code });
    await addEvent(trx, parcelId, now, 'refused', 'refused', current.messageId, { code: screened.code });
    return decisionFor(row, current, {
      status: RETURN_STATUS.rejected,
      info: infoOf(screened.reasons, '退单 Rejected'),
    });
  }
  const year = quotaYearOf(now);
  const buyerIdNumber = vault.decrypt(row.buyer_id_sealed as string);
  // Risk needs nothing of the quota; the quota step needs the tax, and the tax the buyer's use
  // so far, which only the locked buyer-year row tells reliably.
  const risk = assessParcelRisk(deps, documents, vault.lookupHash(buyerIdNumber).toUpperCase());
  let taxed: ParcelTax | undefined;
  const quota = await admitBuyerQuota(
    trx,
    deps,
    { buyerIdNumber, year, inventoryRef: row.id, organisationId: row.inventory_sender as string },
    (usedBefore) => {
      taxed = computeParcelTax(inventory, usedBefore, deps.tariff.table);
      return taxed.decision === 'refused' ? null : { amount: taxed.dutiableValue, consume: !risk.inspect };
    },
  );
  const tax = taxed as ParcelTax;
  if (tax.decision === 'refused') {
    await setState(trx, parcelId, 'refused', now, {
      findings,
      refusal_code: tax.refusalCode,
      tax: JSON.stringify(tax),
      dutiable_value: tax.dutiableValue,
    });
    await addEvent(trx, parcelId, now, 'refused', 'refused', current.messageId, { code: tax.refusalCode });
    return decisionFor(row, current, {
      status: RETURN_STATUS.rejected,
      info: `退单 Rejected: ${tax.refusalMessage}`,
    });
  }
  if (quota.outcome !== 'admitted') {
    const remaining = quota.outcome === 'over_annual_limit' ? quota.remaining : '';
    await setState(trx, parcelId, 'refused', now, {
      findings,
      refusal_code: 'customs.over_annual_limit',
      tax: JSON.stringify(tax),
    });
    await addEvent(trx, parcelId, now, 'quota_refused', 'refused', current.messageId, { remaining });
    return decisionFor(row, current, {
      status: RETURN_STATUS.rejected,
      info: `退单 Rejected: over the buyer's annual limit (remaining ${remaining} CNY)`,
    });
  }
  const invtNo = await nextInventoryNumber(trx, text(headOf(inventory), 'customsCode') ?? '0000', year);
  const state: ParcelState = risk.inspect ? 'inspection' : 'released';
  await setState(trx, parcelId, state, now, {
    findings,
    invt_no: invtNo,
    tax: JSON.stringify(tax),
    dutiable_value: tax.dutiableValue,
    tax_total: tax.total,
    risk: JSON.stringify(risk),
  });
  await addEvent(trx, parcelId, now, state, state, current.messageId, {
    invtNo,
    tax: tax.total,
    riskHits: risk.hits.length,
  });
  // Goods sent to inspection have left the book too: they are out of stock either way.
  await screened.take(parcelId, row.inventory_sender as string, now);
  const taxBills: ReceiptDraft[] = [];
  if (state === 'released') {
    await publishParcelReleased(trx, {
      parcelId,
      declarantOrganisationId: row.inventory_sender as string,
      head: headOf(inventory),
      tax,
      at: now,
      afterInspection: false,
    });
    taxBills.push({
      messageId: row.inventory_message_id,
      organisationId: row.inventory_sender ?? undefined,
      parcelId,
      receiptType: 'CEB816',
      returnStatus: '1',
      returnInfo: `Tax bill ${tax.total} CNY`,
      xml: taxBillXml(headOf(inventory), invtNo, tax, now),
    } as ReceiptDraft);
  }
  const decision: InventoryDecision = risk.inspect
    ? {
        status: RETURN_STATUS.inspection,
        info: `查验 Inspection: ${risk.hits.map((h) => h.code).join(', ') || 'random selection'}`,
        invtNo,
      }
    : { status: RETURN_STATUS.released, info: '放行 Released', invtNo };
  return { ...decisionFor(row, current, decision), taxBills };
};

// jsonb prints its own way, so only "none before, none now" is recognised as unchanged.
const sameFindings = (stored: string, findings: readonly unknown[]): boolean =>
  findings.length === 0 && stored === '[]';

const decisionFor = (
  row: ParcelRow,
  current: { messageId: string },
  decision: InventoryDecision,
): Evaluation =>
  row.inventory_message_id === current.messageId
    ? { inventoryReceipt: decision, taxBills: [] }
    : { inventoryReceipt: decision, inventoryMessageId: row.inventory_message_id as string, taxBills: [] };

const setState = async (
  trx: Executor,
  parcelId: string,
  state: ParcelState,
  now: Date,
  columns: Record<string, string | null>,
) => {
  const sets = Object.entries(columns).map(([name, value]) =>
    ['findings', 'tax', 'risk'].includes(name)
      ? sql`${sql.ref(name)} = ${value}::jsonb`
      : ['dutiable_value', 'tax_total'].includes(name)
        ? sql`${sql.ref(name)} = ${value}::numeric`
        : sql`${sql.ref(name)} = ${value}`,
  );
  await sql`update customs.parcels set state = ${state}, updated_at = ${now}, version = version + 1
    ${sets.length === 0 ? sql`` : sql`, ${sql.join(sets)}`}
    where id = ${parcelId}`.execute(trx);
};

/** 4-digit customs area + year + I + 9-digit serial: the inventory number customs assigns. */
const nextInventoryNumber = async (trx: Executor, customsCode: string, year: number): Promise<string> => {
  const serial =
    (await sql<{ n: string }>`select nextval('customs.inventory_serial')::text as n`.execute(trx)).rows[0]
      ?.n ?? '0';
  return `${customsCode.slice(0, 4).padStart(4, '0')}${year}I${serial.padStart(9, '0')}`;
};

/** The CEB622 for a held inventory that another party's document has now decided. */
const inventoryReceiptDraft = async (
  trx: Executor,
  parcelId: string,
  inventoryMessageId: string,
  decision: InventoryDecision,
  now: Date,
  vault: PersonalDataVault,
): Promise<ReceiptDraft> => {
  const stored = (
    await sql<{ xml_sealed: string; organisation_id: string }>`
      select xml_sealed, organisation_id from customs.messages where id = ${inventoryMessageId}`.execute(trx)
  ).rows[0] as { xml_sealed: string; organisation_id: string };
  const message = parseCebMessage(vault.decrypt(stored.xml_sealed), { businessRules: false });
  const orderNo = (
    await sql<{ order_no: string }>`select order_no from customs.parcels where id = ${parcelId}`.execute(trx)
  ).rows[0]?.order_no;
  const inventory =
    message.documents.find((doc) => text(headOf(doc), 'orderNo') === orderNo) ?? message.documents[0];
  const head = headOf(inventory ?? {});
  return {
    messageId: inventoryMessageId,
    organisationId: stored.organisation_id,
    parcelId,
    receiptType: 'CEB622',
    returnStatus: decision.status,
    returnInfo: decision.info,
    xml: receiptXml('CEB622', [
      receiptRecord(
        'CEB622',
        head,
        decision.status,
        decision.info,
        now,
        decision.invtNo === undefined ? {} : { invtNo: decision.invtNo },
      ),
    ]),
  };
};

/** CEB623 cancels a released inventory, CEB625 returns it: the parcel closes and the quota comes back. */
const reverseParcels = async (
  trx: Executor,
  deps: CustomsDeps,
  input: ApplyInput,
  to: 'cancelled' | 'returned',
): Promise<ApplyResult> => {
  const { message, now, messageId, organisationId } = input;
  const receiptType = receiptTypeOf(message.messageType);
  const records: Record<string, string>[] = [];
  const parcelIds: string[] = [];
  const reasons: FieldError[] = [];
  let first: { status: string; info: string } | undefined;
  for (const [index, document] of message.documents.entries()) {
    const head = headOf(document);
    const parcel = (
      await sql<ParcelRow & { released_at: Date | null; pre_no: string | null }>`
        select p.id, p.state, p.invt_no, p.pre_no, p.updated_at, p.buyer_id_sealed,
          (select max(at) from customs.parcel_events e where e.parcel_id = p.id and e.kind = 'released') as released_at
        from customs.parcels p
        where p.ebp_code = ${text(head, 'ebpCode')} and p.order_no = ${text(head, 'orderNo')}
          and p.invt_no = ${text(head, 'invtNo')}
        for update`.execute(trx)
    ).rows[0];
    let status: string = RETURN_STATUS.concluded;
    let info = to === 'cancelled' ? '审结 Cancelled' : '审结 Returned';
    const withinWindow =
      parcel?.released_at !== null &&
      parcel?.released_at !== undefined &&
      now.getTime() - new Date(parcel.released_at).getTime() <= 30 * 24 * 60 * 60 * 1000;
    if (parcel === undefined || parcel.state !== 'released') {
      status = RETURN_STATUS.rejected;
      info = `退单 Rejected: no released inventory ${text(head, 'invtNo') ?? ''} for this order`;
      reasons.push({
        field: `documents[${index}].invtNo`,
        code: 'customs.inventory_not_released',
        message: info,
      });
    } else if (to === 'returned' && !withinWindow) {
      status = RETURN_STATUS.rejected;
      info = '退单 Rejected: a return must be applied for within 30 days of release';
      reasons.push({ field: `documents[${index}]`, code: 'customs.return_window_passed', message: info });
    } else {
      await addParty(trx, parcel.id, organisationId);
      await setState(trx, parcel.id, to, now, {});
      await addEvent(trx, parcel.id, now, to, to, messageId, { reason: text(head, 'reason') });
      await refundBuyerQuota(trx, deps, { inventoryRef: parcel.id, organisationId, at: now });
      await restoreImportStock(trx, { parcelId: parcel.id, to, document, organisationId, at: now });
      parcelIds.push(parcel.id);
    }
    first ??= { status, info };
    records.push(
      receiptRecord(
        receiptType,
        parcel?.pre_no ? { ...head, preNo: parcel.pre_no } : head,
        status,
        info,
        now,
      ),
    );
  }
  return {
    receipts: [
      {
        messageId,
        parcelId: parcelIds[0] ?? null,
        receiptType,
        returnStatus: first?.status ?? RETURN_STATUS.rejected,
        returnInfo: first?.info ?? '',
        xml: receiptXml(receiptType, records),
      },
    ],
    parcelIds,
    reasons,
  };
};
