import { AppError } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { createPersonalDataVault } from '../../../platform/crypto/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { quotaOf } from '../quota/index.ts';
import { maskMessageXml, maskName, maskPersonal } from './masking.ts';
import { messageBatchPath } from './message-batch.ts';

// What the clearance board, the parcel search and the parcel page read. An organisation sees the
// parcels it sent a document of; a customs authority sees every parcel. Buyer ID numbers, names
// and phones are masked in every answer; only the audited reveal shows them.

export type Viewer = { organisationId: string; isCustoms: boolean };

export const viewerOf = async (deps: CustomsDeps, organisationId: string): Promise<Viewer> => ({
  organisationId,
  isCustoms: (await deps.organisationKind(organisationId)) === 'customs_authority',
});

/** `p` restricted to the parcels the viewer may see. */
const visible = (viewer: Viewer) =>
  viewer.isCustoms
    ? sql`true`
    : sql`exists (select 1 from customs.parcel_parties pp where pp.parcel_id = p.id and pp.organisation_id = ${viewer.organisationId})`;

const notFound = () => new AppError('customs.parcel_not_found', 'No such parcel.');

export type BoardCounts = {
  byState: { state: string; tradeMode: string | null; count: number }[];
  total: number;
  taxWithheld: string;
  quotaRejections: number;
  matchingFailures: number;
  riskHits: number;
  recentFailures: ParcelSummary[];
  /** Which tariff the sandbox taxes with: the operator's, or the illustrative sample. */
  tariff: { source: 'imported' | 'illustrative_sample'; lines: number };
};

/** Live counts for the clearance board. */
export const clearanceBoard = async (deps: CustomsDeps, viewer: Viewer): Promise<BoardCounts> => {
  const db = deps.db.kysely;
  const byState = await sql<{ state: string; trade_mode: string | null; count: string }>`
    select state, trade_mode, count(*)::text as count from customs.parcels p where ${visible(viewer)}
    group by state, trade_mode order by state, trade_mode`.execute(db);
  const totals = (
    await sql<{ tax: string | null; quota: string; failures: string; risk: string }>`
      select coalesce(sum(tax_total) filter (where state = 'released'), 0)::numeric(19, 2)::text as tax,
        count(*) filter (where refusal_code = 'customs.over_annual_limit')::text as quota,
        count(*) filter (where state = 'failed')::text as failures,
        count(*) filter (where risk is not null and jsonb_array_length(risk -> 'hits') > 0)::text as risk
      from customs.parcels p where ${visible(viewer)}`.execute(db)
  ).rows[0];
  const recent = await listParcels(deps, viewer, { state: 'failed', limit: 10 });
  return {
    byState: byState.rows.map((r) => ({ state: r.state, tradeMode: r.trade_mode, count: Number(r.count) })),
    total: byState.rows.reduce((sum, r) => sum + Number(r.count), 0),
    taxWithheld: totals?.tax ?? '0.00',
    quotaRejections: Number(totals?.quota ?? 0),
    matchingFailures: Number(totals?.failures ?? 0),
    riskHits: Number(totals?.risk ?? 0),
    recentFailures: recent.items,
    tariff: { source: deps.tariff.source, lines: deps.tariff.lines },
  };
};

export type ParcelSummary = {
  id: string;
  orderNo: string;
  ebpCode: string | null;
  logisticsNo: string | null;
  invtNo: string | null;
  state: string;
  tradeMode: string | null;
  customsCode: string | null;
  documents: { order: boolean; payment: boolean; waybill: boolean; inventory: boolean };
  taxTotal: string | null;
  dutiableValue: string | null;
  findings: number;
  refusalCode: string | null;
  updatedAt: string;
};

type ParcelListRow = {
  id: string;
  order_no: string;
  ebp_code: string | null;
  logistics_no: string | null;
  invt_no: string | null;
  state: string;
  trade_mode: string | null;
  customs_code: string | null;
  order_message_id: string | null;
  payment_message_id: string | null;
  waybill_message_id: string | null;
  inventory_message_id: string | null;
  tax_total: string | null;
  dutiable_value: string | null;
  findings: unknown[];
  refusal_code: string | null;
  updated_at: Date;
};

const summaryOf = (row: ParcelListRow): ParcelSummary => ({
  id: row.id,
  orderNo: row.order_no,
  ebpCode: row.ebp_code,
  logisticsNo: row.logistics_no,
  invtNo: row.invt_no,
  state: row.state,
  tradeMode: row.trade_mode,
  customsCode: row.customs_code,
  documents: {
    order: row.order_message_id !== null,
    payment: row.payment_message_id !== null,
    waybill: row.waybill_message_id !== null,
    inventory: row.inventory_message_id !== null,
  },
  taxTotal: row.tax_total,
  dutiableValue: row.dutiable_value,
  findings: Array.isArray(row.findings) ? row.findings.length : 0,
  refusalCode: row.refusal_code,
  updatedAt: new Date(row.updated_at).toISOString(),
});

const PARCEL_COLUMNS = sql`p.id, p.order_no, p.ebp_code, p.logistics_no, p.invt_no, p.state, p.trade_mode,
  p.customs_code, p.order_message_id, p.payment_message_id, p.waybill_message_id, p.inventory_message_id,
  p.tax_total::numeric(19, 2)::text as tax_total, p.dutiable_value::numeric(19, 2)::text as dutiable_value,
  p.findings, p.refusal_code, p.updated_at`;

/** Parcels newest first; `q` finds an order number, waybill number or inventory number exactly. */
export const listParcels = async (
  deps: CustomsDeps,
  viewer: Viewer,
  query: {
    state?: string | undefined;
    tradeMode?: string | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: ParcelSummary[]; nextCursor: string | null }> => {
  const conditions = [visible(viewer)];
  if (query.state !== undefined) {
    conditions.push(sql`p.state = ${query.state}`);
  }
  if (query.tradeMode !== undefined) {
    conditions.push(sql`p.trade_mode = ${query.tradeMode}`);
  }
  if (query.q !== undefined) {
    conditions.push(sql`(p.order_no = ${query.q} or p.logistics_no = ${query.q} or p.invt_no = ${query.q})`);
  }
  if (query.cursor !== undefined) {
    conditions.push(sql`p.id < ${query.cursor}`);
  }
  const rows = await sql<ParcelListRow>`
    select ${PARCEL_COLUMNS} from customs.parcels p
    where ${sql.join(conditions, sql` and `)}
    order by p.id desc limit ${query.limit + 1}`.execute(deps.db.kysely);
  const items = rows.rows.slice(0, query.limit).map(summaryOf);
  return { items, nextCursor: rows.rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
};

const loadVisibleParcel = async (ex: Executor, viewer: Viewer, parcelId: string) => {
  const row = (
    await sql<
      ParcelListRow & {
        buyer_id_sealed: string | null;
        buyer_name_sealed: string | null;
        buyer_phone_sealed: string | null;
        tax: unknown;
        risk: unknown;
      }
    >`
      select ${PARCEL_COLUMNS}, p.buyer_id_sealed, p.buyer_name_sealed, p.buyer_phone_sealed, p.tax, p.risk
      from customs.parcels p where p.id = ${parcelId} and ${visible(viewer)}`.execute(ex)
  ).rows[0];
  if (row === undefined) {
    throw notFound();
  }
  return row;
};

/** One parcel: its four documents, every receipt, the timeline, findings, tax and risk; buyer masked. */
export const getParcel = async (deps: CustomsDeps, viewer: Viewer, parcelId: string) => {
  const db = deps.db.kysely;
  const row = await loadVisibleParcel(db, viewer, parcelId);
  const vault = createPersonalDataVault(deps.secretKey);
  const open = (sealed: string | null) => (sealed === null ? null : vault.decrypt(sealed));
  const messageIds = [
    row.order_message_id,
    row.payment_message_id,
    row.waybill_message_id,
    row.inventory_message_id,
  ].filter((id): id is string => id !== null);
  const messages =
    messageIds.length === 0
      ? []
      : (
          await sql<{
            id: string;
            message_type: string;
            guid: string;
            organisation_id: string;
            received_at: Date;
            sha256: Uint8Array;
            signature: unknown;
          }>`
            select id, message_type, guid, organisation_id, received_at, sha256, signature
            from customs.messages where id in (${sql.join(messageIds)})`.execute(db)
        ).rows;
  const receipts = (
    await sql<{
      id: string;
      message_id: string;
      receipt_type: string;
      return_status: string;
      return_info: string;
      created_at: Date;
    }>`
      select r.id, r.message_id, r.receipt_type, r.return_status, r.return_info, r.created_at
      from customs.receipts r
      where r.parcel_id = ${parcelId} or r.message_id in (${sql.join(messageIds.length === 0 ? [''] : messageIds)})
      order by r.id`.execute(db)
  ).rows;
  const events = (
    await sql<{
      seq: number;
      at: Date;
      kind: string;
      state: string;
      message_id: string | null;
      detail: unknown;
    }>`
      select seq, at, kind, state, message_id, detail from customs.parcel_events where parcel_id = ${parcelId} order by seq`.execute(
      db,
    )
  ).rows;
  return {
    ...summaryOf(row),
    buyer: {
      idNumber: maskPersonal(open(row.buyer_id_sealed)),
      name: maskName(open(row.buyer_name_sealed)),
      telephone: maskPersonal(open(row.buyer_phone_sealed)),
    },
    messages: messages.map((m) => ({
      id: m.id,
      messageType: m.message_type,
      guid: m.guid,
      // Another party's message is listed (it is part of the parcel) but only its sender and
      // customs may open it.
      readable: viewer.isCustoms || m.organisation_id === viewer.organisationId,
      receivedAt: new Date(m.received_at).toISOString(),
      sha256: Buffer.from(m.sha256).toString('hex'),
      signature: m.signature ?? null,
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      receiptType: r.receipt_type,
      returnStatus: r.return_status,
      returnInfo: r.return_info,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    timeline: events.map((e) => ({
      seq: e.seq,
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      state: e.state,
      messageId: e.message_id,
      detail: e.detail ?? null,
    })),
    findingsDetail: row.findings,
    tax: row.tax ?? null,
    risk: row.risk ?? null,
  };
};

/** A message the viewer sent (or any, for customs): pretty XML with ID numbers and phones masked, and its log anchor. */
export const getMessage = async (deps: CustomsDeps, viewer: Viewer, messageId: string) => {
  const row = (
    await sql<{
      id: string;
      organisation_id: string;
      message_type: string;
      guid: string;
      xml_sealed: string;
      sha256: Uint8Array;
      received_at: Date;
      batch_id: string;
      batch_index: number;
      entry_leaf_hash: Uint8Array;
      leaves: Uint8Array;
    }>`
      select m.id, m.organisation_id, m.message_type, m.guid, m.xml_sealed, m.sha256, m.received_at, m.batch_id,
        m.batch_index, b.entry_leaf_hash, b.leaves
      from customs.messages m join customs.message_batches b on b.id = m.batch_id
      where m.id = ${messageId}`.execute(deps.db.kysely)
  ).rows[0];
  if (row === undefined || !(viewer.isCustoms || row.organisation_id === viewer.organisationId)) {
    throw new AppError('customs.message_not_found', 'No such message.');
  }
  const xml = createPersonalDataVault(deps.secretKey).decrypt(row.xml_sealed);
  return {
    id: row.id,
    messageType: row.message_type,
    guid: row.guid,
    receivedAt: new Date(row.received_at).toISOString(),
    sha256: Buffer.from(row.sha256).toString('hex'),
    xml: maskMessageXml(xml),
    anchor: {
      batchId: row.batch_id,
      index: row.batch_index,
      size: row.leaves.length / 32,
      entryLeafHash: Buffer.from(row.entry_leaf_hash).toString('hex'),
      path: messageBatchPath(new Uint8Array(row.leaves), row.batch_index).map((h) =>
        Buffer.from(h).toString('base64'),
      ),
    },
  };
};

/** Receipts for the organisation's messages, oldest first after `after` (a receipt id): what a system polls. */
export const listReceipts = async (
  deps: CustomsDeps,
  organisationId: string,
  query: { after?: string | undefined; limit: number },
) => {
  const rows = await sql<{
    id: string;
    message_id: string;
    parcel_id: string | null;
    receipt_type: string;
    return_status: string;
    return_info: string;
    xml: string;
    created_at: Date;
  }>`
    select id, message_id, parcel_id, receipt_type, return_status, return_info, xml, created_at from customs.receipts
    where organisation_id = ${organisationId} ${query.after === undefined ? sql`` : sql`and id > ${query.after}`}
    order by id limit ${query.limit}`.execute(deps.db.kysely);
  return rows.rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    parcelId: r.parcel_id,
    receiptType: r.receipt_type,
    returnStatus: r.return_status,
    returnInfo: r.return_info,
    xml: r.xml,
    createdAt: new Date(r.created_at).toISOString(),
  }));
};

/** The unmasked buyer identifiers of a parcel, for a customs officer (the route audits it). */
export const revealBuyer = async (deps: CustomsDeps, viewer: Viewer, parcelId: string) => {
  if (!viewer.isCustoms) {
    throw new AppError(
      'customs.reveal_customs_only',
      'Only a customs authority may see unmasked buyer data.',
    );
  }
  const row = await loadVisibleParcel(deps.db.kysely, viewer, parcelId);
  const vault = createPersonalDataVault(deps.secretKey);
  const open = (sealed: string | null) => (sealed === null ? null : vault.decrypt(sealed));
  return {
    idNumber: open(row.buyer_id_sealed),
    name: open(row.buyer_name_sealed),
    telephone: open(row.buyer_phone_sealed),
  };
};

/**
 * A buyer's own quota for a calendar year, as the public quota query of customs gives it: the
 * buyer names their ID number and their name, and gets used and remaining only when a parcel of
 * theirs is on record under both (else `customs.buyer_not_found`, the same for a wrong name as
 * for an unknown number, so the query cannot be used to learn whose numbers are on record).
 */
export const buyerOwnQuota = async (
  deps: CustomsDeps,
  input: { idNumber: string; name: string; year: number },
) => {
  const vault = createPersonalDataVault(deps.secretKey);
  const idNumber = input.idNumber.trim().toUpperCase();
  const names = await sql<{ buyer_name_sealed: string | null }>`
    select buyer_name_sealed from customs.parcels where buyer_id_hash = ${vault.lookupHash(idNumber)}
    order by created_at desc limit 5`.execute(deps.db.kysely);
  const known = names.rows.some(
    (row) => row.buyer_name_sealed !== null && vault.decrypt(row.buyer_name_sealed) === input.name.trim(),
  );
  if (!known) {
    throw new AppError('customs.buyer_not_found', 'No parcel is on record for this ID number and name.');
  }
  const quota = await quotaOf({ db: deps.db, vault }, idNumber, input.year);
  return {
    year: quota.year,
    idNumber: maskPersonal(idNumber),
    limit: quota.limit,
    used: quota.used,
    remaining: quota.remaining,
  };
};
