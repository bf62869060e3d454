import { type ColumnType, type Selectable, sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

/** What happened to a buyer's quota for one inventory; see migrations/0002_buyer_quota.sql. */
export type QuotaEntryKind = 'reserve' | 'consume' | 'release_reservation' | 'refund';

// numeric(19,5) comes back as a string on both engines (never a float); written as a string too.
type Numeric = ColumnType<string, string, string>;

type YearsTable = {
  buyer_hash: string;
  year: number;
  buyer_id_number_sealed: string;
  consumed: ColumnType<string, string | undefined, string>;
  reserved: ColumnType<string, string | undefined, string>;
  organisation_id: string;
  created_at: Date;
  updated_at: Date;
};

type EntriesTable = {
  id: ColumnType<string, never, never>;
  buyer_hash: string;
  year: number;
  kind: QuotaEntryKind;
  inventory_ref: string;
  amount: Numeric;
  organisation_id: string;
  at: Date;
};

type QuotaTables = {
  'customs.buyer_quota_years': YearsTable;
  'customs.buyer_quota_entries': EntriesTable;
};

export type QuotaYearRow = Selectable<YearsTable>;
export type QuotaEntryRow = Selectable<EntriesTable>;
export type NewQuotaEntry = Omit<QuotaEntryRow, 'id'>;

const tables = (ex: Executor) => ex.withTables<QuotaTables>();

/** Creates the buyer-year totals row unless it exists (a concurrent creator wins; nothing fails). */
export const ensureQuotaYear = (
  ex: Executor,
  row: Pick<YearsTable, 'buyer_hash' | 'year' | 'buyer_id_number_sealed' | 'organisation_id' | 'created_at'>,
) =>
  tables(ex)
    .insertInto('customs.buyer_quota_years')
    .values({ ...row, updated_at: row.created_at })
    .onConflict((oc) => oc.columns(['buyer_hash', 'year']).doNothing())
    .execute();

/**
 * The buyer-year totals row, locked until the transaction ends: every change to a buyer's quota
 * for the year takes this lock first, so their checks and writes never interleave.
 */
export const lockQuotaYear = (
  ex: Executor,
  buyerHash: string,
  year: number,
): Promise<QuotaYearRow | undefined> =>
  tables(ex)
    .selectFrom('customs.buyer_quota_years')
    .selectAll()
    .where('buyer_hash', '=', buyerHash)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();

/** Adds `consumedDelta` and `reservedDelta` (decimal strings, may be negative) to the totals. */
export const moveQuotaTotals = (
  ex: Executor,
  key: { buyerHash: string; year: number },
  change: { consumedDelta: string; reservedDelta: string; at: Date },
) =>
  tables(ex)
    .updateTable('customs.buyer_quota_years')
    .set({
      consumed: sql<string>`consumed + ${change.consumedDelta}::numeric`,
      reserved: sql<string>`reserved + ${change.reservedDelta}::numeric`,
      updated_at: change.at,
    })
    .where('buyer_hash', '=', key.buyerHash)
    .where('year', '=', key.year)
    .execute();

/** Appends an entry; false when one of that kind already exists for the inventory. */
export const appendQuotaEntry = async (ex: Executor, entry: NewQuotaEntry): Promise<boolean> => {
  const inserted = await tables(ex)
    .insertInto('customs.buyer_quota_entries')
    .values(entry)
    .onConflict((oc) => oc.columns(['kind', 'inventory_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
};

/** Every entry for one inventory, oldest first. */
export const entriesForInventory = (ex: Executor, inventoryRef: string): Promise<QuotaEntryRow[]> =>
  tables(ex)
    .selectFrom('customs.buyer_quota_entries')
    .selectAll()
    .where('inventory_ref', '=', inventoryRef)
    .orderBy('id')
    .execute();

/** Every entry of a buyer for a year, oldest first. */
export const entriesForBuyerYear = (
  ex: Executor,
  buyerHash: string,
  year: number,
): Promise<QuotaEntryRow[]> =>
  tables(ex)
    .selectFrom('customs.buyer_quota_entries')
    .selectAll()
    .where('buyer_hash', '=', buyerHash)
    .where('year', '=', year)
    .orderBy('id')
    .execute();

/**
 * The buyer-year totals row, created when missing and then locked until the transaction ends:
 * the first step of every change that may add to a buyer's use (see lockQuotaYear).
 */
export const ensureAndLockQuotaYear = async (
  ex: Executor,
  row: Pick<YearsTable, 'buyer_hash' | 'year' | 'buyer_id_number_sealed' | 'organisation_id' | 'created_at'>,
): Promise<QuotaYearRow> => {
  await ensureQuotaYear(ex, row);
  const totals = await lockQuotaYear(ex, row.buyer_hash, row.year);
  if (totals === undefined) {
    throw new Error('the buyer-year row vanished after it was ensured');
  }
  return totals;
};
