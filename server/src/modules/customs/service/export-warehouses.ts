import { AppError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

// 9810 overseas-warehouse filing (海外仓业务模式备案, reference §7): an exporter files its warehouse,
// a customs authority approves or returns it; a 9810 export list must name an approved filing of
// its declarant. The filing number (OWH + 12 digits) is what the list carries in its note.

export type WarehouseFiling = {
  id: string;
  organisationId: string;
  filingNo: string;
  name: string;
  country: string;
  address: string;
  areaM2: string;
  operator: string;
  proofDocumentId: string;
  state: 'filed' | 'approved' | 'returned';
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
};

export type WarehouseFilingInput = {
  name: string;
  country: string;
  address: string;
  areaM2: string;
  operator: string;
  proofDocumentId: string;
};

type Row = {
  id: string;
  organisation_id: string;
  filing_no: string;
  name: string;
  country: string;
  address: string;
  area_m2: string;
  operator: string;
  proof_document_id: string;
  state: WarehouseFiling['state'];
  decision_note: string | null;
  decided_at: Date | null;
  created_at: Date;
};

const COLUMNS = sql`id, organisation_id, filing_no, name, country, address, area_m2::text as area_m2, operator,
  proof_document_id, state, decision_note, decided_at, created_at`;

const viewOf = (row: Row): WarehouseFiling => ({
  id: row.id,
  organisationId: row.organisation_id,
  filingNo: row.filing_no,
  name: row.name,
  country: row.country,
  address: row.address,
  areaM2: row.area_m2,
  operator: row.operator,
  proofDocumentId: row.proof_document_id,
  state: row.state,
  decisionNote: row.decision_note,
  decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
});

export const fileWarehouse = async (
  trx: Executor,
  organisationId: string,
  input: WarehouseFilingInput,
  now: Date,
): Promise<WarehouseFiling> => {
  const row = (
    await sql<Row>`insert into customs.overseas_warehouse_filings (id, organisation_id, filing_no, name, country,
        address, area_m2, operator, proof_document_id, state, created_at, updated_at)
      values (${newId('owf')}, ${organisationId},
        'OWH' || ${String(now.getUTCFullYear())} || lpad(nextval('customs.export_filing_serial')::text, 8, '0'),
        ${input.name}, ${input.country}, ${input.address}, ${input.areaM2}::numeric, ${input.operator},
        ${input.proofDocumentId}, 'filed', ${now}, ${now})
      returning ${COLUMNS}`.execute(trx)
  ).rows[0] as Row;
  return viewOf(row);
};

/** Filings the viewer may see: its own, or (customs) every one. */
export const listWarehouses = async (
  ex: Executor,
  viewer: { organisationId: string; isCustoms: boolean },
): Promise<WarehouseFiling[]> =>
  (
    await sql<Row>`select ${COLUMNS} from customs.overseas_warehouse_filings
      where ${viewer.isCustoms} or organisation_id = ${viewer.organisationId}
      order by created_at desc, id desc limit 500`.execute(ex)
  ).rows.map(viewOf);

/** A customs authority approves or returns a filing that is waiting (409 otherwise). */
export const decideWarehouse = async (
  trx: Executor,
  viewer: { organisationId: string; isCustoms: boolean },
  filingId: string,
  decision: { outcome: 'approve' | 'return'; note: string },
  now: Date,
): Promise<WarehouseFiling> => {
  if (!viewer.isCustoms) {
    throw new AppError(
      'customs.warehouse_customs_only',
      'Only a customs authority decides overseas-warehouse filings.',
    );
  }
  const current = (
    await sql<Row>`select ${COLUMNS} from customs.overseas_warehouse_filings where id = ${filingId} for update`.execute(
      trx,
    )
  ).rows[0];
  if (current === undefined) {
    throw new AppError('customs.warehouse_not_found', 'No such overseas-warehouse filing.');
  }
  if (current.state !== 'filed') {
    throw new AppError('customs.warehouse_already_decided', `The filing is already ${current.state}.`, {
      details: { currentState: current.state },
    });
  }
  const row = (
    await sql<Row>`update customs.overseas_warehouse_filings
      set state = ${decision.outcome === 'approve' ? 'approved' : 'returned'}, decision_note = ${decision.note},
        decided_by = ${viewer.organisationId}, decided_at = ${now}, updated_at = ${now}
      where id = ${filingId} returning ${COLUMNS}`.execute(trx)
  ).rows[0] as Row;
  return viewOf(row);
};
