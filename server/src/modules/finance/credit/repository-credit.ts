import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

type SnapshotsTable = {
  id: string;
  organisation_id: string;
  scorecard_version: string;
  score: number;
  grade: string;
  payload: string;
  payload_sha256: Uint8Array;
  key_id: string;
  signature: Uint8Array;
  entry_leaf_hash: Uint8Array;
  entry: Uint8Array;
  actor_type: 'user' | 'api_key';
  actor_id: string;
  created_at: Date;
};

type SharesTable = {
  snapshot_id: string;
  financier_organisation_id: string;
  shared_at: Date;
};

type CreditTables = {
  'finance.credit_snapshots': SnapshotsTable;
  'finance.credit_snapshot_shares': SharesTable;
};

export type SnapshotRow = Selectable<SnapshotsTable>;
export type ShareRow = Selectable<SharesTable>;

/** The credit tables on any executor; the only place credit scores name their SQL tables. */
const tables = (ex: Executor) => ex.withTables<CreditTables>();

export const insertSnapshot = (ex: Executor, row: SnapshotRow) =>
  tables(ex).insertInto('finance.credit_snapshots').values(row).execute();

export const findSnapshot = (ex: Executor, id: string) =>
  tables(ex).selectFrom('finance.credit_snapshots').selectAll().where('id', '=', id).executeTakeFirst();

export const listShares = (ex: Executor, snapshotId: string) =>
  tables(ex)
    .selectFrom('finance.credit_snapshot_shares')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .orderBy('shared_at')
    .orderBy('financier_organisation_id')
    .execute();

export const isSharedWith = async (ex: Executor, snapshotId: string, financierId: string) =>
  (await tables(ex)
    .selectFrom('finance.credit_snapshot_shares')
    .select('snapshot_id')
    .where('snapshot_id', '=', snapshotId)
    .where('financier_organisation_id', '=', financierId)
    .executeTakeFirst()) !== undefined;

/** Shares once; sharing again with the same financier changes nothing. */
export const insertShare = (ex: Executor, row: ShareRow) =>
  tables(ex)
    .insertInto('finance.credit_snapshot_shares')
    .values(row)
    .onConflict((oc) => oc.columns(['snapshot_id', 'financier_organisation_id']).doNothing())
    .execute();

/**
 * The organisation's own snapshots and those shared with it, newest first; `cursor` is the last
 * id of the previous page.
 */
export const listVisibleSnapshots = (
  ex: Executor,
  organisationId: string,
  options: { cursor?: string | undefined; limit: number },
) =>
  tables(ex)
    .selectFrom('finance.credit_snapshots')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('organisation_id', '=', organisationId),
        eb(
          'id',
          'in',
          eb
            .selectFrom('finance.credit_snapshot_shares')
            .select('snapshot_id')
            .where('financier_organisation_id', '=', organisationId),
        ),
      ]),
    )
    .$if(options.cursor !== undefined, (qb) => qb.where('id', '<', options.cursor as string))
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();

/**
 * The organisation's financing record as an exporter (finance.financing_requests, the same
 * module): requests repaid, and disbursed ones whose tenor ran out before `asOf` unrepaid.
 */
export const financingRecord = async (ex: Executor, organisationId: string, asOf: Date) => {
  const result = await sql<{ repaid: string; overdue: string }>`
    select
      count(*) filter (where r.status = 'repaid') as repaid,
      count(*) filter (where r.status = 'disbursed'
        and d.at + make_interval(days => o.tenor_days) < ${asOf}) as overdue
    from finance.financing_requests r
    left join finance.financing_offers o on o.id = r.accepted_offer_id
    left join lateral (
      select min(e.at) as at from finance.financing_events e
      where e.request_id = r.id and e.kind = 'disbursed'
    ) d on true
    where r.exporter_organisation_id = ${organisationId}`.execute(ex);
  const row = result.rows[0];
  return { repaid: Number(row?.repaid ?? 0), overdue: Number(row?.overdue ?? 0) };
};
