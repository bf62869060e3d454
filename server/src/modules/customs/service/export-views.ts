import { AppError } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

// What the export side of the clearance board reads. An organisation sees the export parcels it
// sent a document of; a customs authority sees all. Export documents carry no buyer data.

export type ExportViewer = { organisationId: string; isCustoms: boolean };

const visible = (viewer: ExportViewer) =>
  viewer.isCustoms
    ? sql`true`
    : sql`exists (select 1 from customs.export_parcel_parties pp where pp.parcel_id = p.id and pp.organisation_id = ${viewer.organisationId})`;

export type ExportParcelSummary = {
  id: string;
  orderNo: string;
  ebpCode: string;
  state: string;
  tradeMode: string | null;
  invtNo: string | null;
  logisticsNo: string | null;
  route: string | null;
  goodsValue: string | null;
  currency: string | null;
  country: string | null;
  /** What a held list waits for: order, receipts, waybill, inventory. */
  waitingFor: string[];
  summaryId: string | null;
  arrived: boolean;
  departed: boolean;
  updatedAt: string;
};

type ParcelRow = {
  id: string;
  order_no: string;
  ebp_code: string;
  state: string;
  trade_mode: string | null;
  invt_no: string | null;
  logistics_no: string | null;
  route: string | null;
  goods_value: string | null;
  currency: string | null;
  country: string | null;
  has_order: boolean;
  has_receipts: boolean;
  has_inventory: boolean;
  has_waybill: boolean;
  summary_id: string | null;
  arrived_at: Date | null;
  departed_at: Date | null;
  updated_at: Date;
};

const COLUMNS = sql`p.id, p.order_no, p.ebp_code, p.state, p.trade_mode, p.invt_no, p.logistics_no, p.route,
  p.goods_value::text as goods_value, p.currency, p.country, p.order_message_id is not null as has_order,
  p.receipts_message_id is not null as has_receipts, p.inventory_message_id is not null as has_inventory,
  exists (select 1 from customs.export_waybills w where w.logistics_code = p.logistics_code
    and w.logistics_no = p.logistics_no and w.message_id is not null) as has_waybill,
  p.summary_id, p.arrived_at, p.departed_at, p.updated_at`;

const summaryOf = (row: ParcelRow): ExportParcelSummary => ({
  id: row.id,
  orderNo: row.order_no,
  ebpCode: row.ebp_code,
  state: row.state,
  tradeMode: row.trade_mode,
  invtNo: row.invt_no,
  logisticsNo: row.logistics_no,
  route: row.route,
  goodsValue: row.goods_value,
  currency: row.currency,
  country: row.country,
  waitingFor:
    row.state === 'waiting'
      ? [
          ...(row.has_order ? [] : ['order']),
          ...(row.has_receipts ? [] : ['receipts']),
          ...(row.has_waybill ? [] : ['waybill']),
          ...(row.has_inventory ? [] : ['inventory']),
        ]
      : [],
  summaryId: row.summary_id,
  arrived: row.arrived_at !== null,
  departed: row.departed_at !== null,
  updatedAt: new Date(row.updated_at).toISOString(),
});

export type ExportBoard = {
  byState: { state: string; tradeMode: string | null; count: number }[];
  byRoute: { route: string; count: number }[];
  total: number;
  held: ExportParcelSummary[];
  recentFailures: ExportParcelSummary[];
  summaries: number;
  /** The inspection and duty HS lists used for 9710/9810 routing are illustrative. */
  routingControls: 'illustrative';
};

export const exportBoard = async (ex: Executor, viewer: ExportViewer): Promise<ExportBoard> => {
  const counts = await sql<{ state: string; trade_mode: string | null; count: number }>`
    select p.state, p.trade_mode, count(*)::int as count from customs.export_parcels p
    where ${visible(viewer)} group by p.state, p.trade_mode order by p.state, p.trade_mode`.execute(ex);
  const routes = await sql<{ route: string; count: number }>`
    select p.route, count(*)::int as count from customs.export_parcels p
    where p.route is not null and ${visible(viewer)} group by p.route order by p.route`.execute(ex);
  const held = await sql<ParcelRow>`select ${COLUMNS} from customs.export_parcels p
    where p.state = 'waiting' and ${visible(viewer)} order by p.updated_at desc, p.id desc limit 20`.execute(
    ex,
  );
  const failures = await sql<ParcelRow>`select ${COLUMNS} from customs.export_parcels p
    where p.state in ('failed', 'refused') and ${visible(viewer)} order by p.updated_at desc, p.id desc limit 20`.execute(
    ex,
  );
  const summaries = await sql<{ n: number }>`select count(*)::int as n from customs.export_summaries
    where ${viewer.isCustoms} or organisation_id = ${viewer.organisationId}`.execute(ex);
  return {
    byState: counts.rows.map((r) => ({ state: r.state, tradeMode: r.trade_mode, count: r.count })),
    byRoute: routes.rows,
    total: counts.rows.reduce((n, r) => n + r.count, 0),
    held: held.rows.map(summaryOf),
    recentFailures: failures.rows.map(summaryOf),
    summaries: summaries.rows[0]?.n ?? 0,
    routingControls: 'illustrative',
  };
};

export const listExportParcels = async (
  ex: Executor,
  viewer: ExportViewer,
  query: {
    state?: string | undefined;
    tradeMode?: string | undefined;
    q?: string | undefined;
    limit: number;
  },
): Promise<{ items: ExportParcelSummary[] }> => {
  const rows = await sql<ParcelRow>`select ${COLUMNS} from customs.export_parcels p
    where ${visible(viewer)}
      and (${query.state ?? null}::text is null or p.state = ${query.state ?? null})
      and (${query.tradeMode ?? null}::text is null or p.trade_mode = ${query.tradeMode ?? null})
      and (${query.q ?? null}::text is null or p.order_no = ${query.q ?? null} or p.logistics_no = ${query.q ?? null}
        or p.invt_no = ${query.q ?? null})
    order by p.updated_at desc, p.id desc limit ${query.limit}`.execute(ex);
  return { items: rows.rows.map(summaryOf) };
};

export type ExportParcelDetail = ExportParcelSummary & {
  findings: unknown[];
  refusal: unknown[] | null;
  routeReasons: string[] | null;
  warehouseFilingNo: string | null;
  lines: unknown[];
  timeline: {
    seq: number;
    at: string;
    kind: string;
    state: string;
    messageId: string | null;
    detail: unknown;
  }[];
  receipts: { receiptType: string; returnStatus: string; returnInfo: string; createdAt: string }[];
};

export const getExportParcel = async (
  ex: Executor,
  viewer: ExportViewer,
  parcelId: string,
): Promise<ExportParcelDetail> => {
  const row = (
    await sql<
      ParcelRow & {
        findings: unknown[];
        refusal: unknown[] | null;
        route_reasons: string[] | null;
        warehouse_filing_no: string | null;
        lines: unknown[];
        message_ids: string[];
      }
    >`select ${COLUMNS}, p.findings, p.refusal, p.route_reasons, p.warehouse_filing_no, p.lines
      from customs.export_parcels p where p.id = ${parcelId} and ${visible(viewer)}`.execute(ex)
  ).rows[0];
  if (row === undefined) {
    throw new AppError('customs.parcel_not_found', 'No such parcel.');
  }
  const events = await sql<{
    seq: number;
    at: Date;
    kind: string;
    state: string;
    message_id: string | null;
    detail: unknown;
  }>`
    select seq, at, kind, state, message_id, detail from customs.export_parcel_events where parcel_id = ${parcelId}
    order by seq`.execute(ex);
  // The receipts of this parcel's messages that went to the viewer (customs: all of them).
  const receipts = await sql<{
    receipt_type: string;
    return_status: string;
    return_info: string;
    created_at: Date;
  }>`
    select r.receipt_type, r.return_status, r.return_info, r.created_at from customs.receipts r
    where r.message_id in (select e.message_id from customs.export_parcel_events e where e.parcel_id = ${parcelId}
      and e.message_id is not null)
      and (${viewer.isCustoms} or r.organisation_id = ${viewer.organisationId})
    order by r.id`.execute(ex);
  return {
    ...summaryOf(row),
    findings: row.findings,
    refusal: row.refusal,
    routeReasons: row.route_reasons,
    warehouseFilingNo: row.warehouse_filing_no,
    lines: row.lines,
    timeline: events.rows.map((e) => ({
      seq: e.seq,
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      state: e.state,
      messageId: e.message_id,
      detail: e.detail,
    })),
    receipts: receipts.rows.map((r) => ({
      receiptType: r.receipt_type,
      returnStatus: r.return_status,
      returnInfo: r.return_info,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
};
