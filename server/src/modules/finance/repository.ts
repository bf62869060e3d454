import { type ColumnType, type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { AssetType, FingerprintType } from './domain/fingerprints.ts';
import type { RegistryAnswerKind, RiskLevel } from './domain/registry-answer.ts';

export type RegistrationStatus = 'active' | 'released' | 'expired';

type BigintText = ColumnType<string, string, string>;

type RegistrationsTable = {
  id: string;
  asset_type: AssetType;
  fp_type: FingerprintType;
  key_id: string;
  fingerprint: Uint8Array;
  financier_organisation_id: string;
  face_amount_minor: BigintText;
  financed_amount_minor: BigintText;
  currency: string;
  status: RegistrationStatus;
  registered_at: Date;
  expires_at: Date;
  released_at: Date | null;
  reference: string | null;
};

type QueriesTable = {
  id: string;
  kind: 'check' | 'registration';
  organisation_id: string;
  actor_type: 'user' | 'api_key';
  actor_id: string;
  request_id: string;
  asset_type: AssetType;
  key_id: string;
  /** Lower-case hex, the exact fingerprint first. */
  fingerprints: string[];
  answer: RegistryAnswerKind | 'registered' | 'already_financed';
  risk: RiskLevel;
  asked_at: Date;
};

type FinanceTables = {
  'finance.financing_registrations': RegistrationsTable;
  'finance.registry_queries': QueriesTable;
};

export type RegistrationRow = Selectable<RegistrationsTable>;
export type RegistryQueryRow = Selectable<QueriesTable>;

/** The module's tables on any executor; the only place this module names its SQL tables. */
const tables = (ex: Executor) => ex.withTables<FinanceTables>();

/** The fingerprint types of active, unexpired registrations holding any of these fingerprints. */
export const matchingFingerprintTypes = async (
  ex: Executor,
  assetType: AssetType,
  fingerprints: readonly { keyId: string; fpType: FingerprintType; fingerprint: Uint8Array }[],
  now: Date,
): Promise<Set<FingerprintType>> => {
  if (fingerprints.length === 0) {
    return new Set();
  }
  const rows = await tables(ex)
    .selectFrom('finance.financing_registrations')
    .select('fp_type')
    .distinct()
    .where('status', '=', 'active')
    .where('asset_type', '=', assetType)
    .where('expires_at', '>', now)
    .where((eb) =>
      eb.or(
        fingerprints.map((fp) =>
          eb.and([
            eb('fingerprint', '=', fp.fingerprint),
            eb('fp_type', '=', fp.fpType),
            eb('key_id', '=', fp.keyId),
          ]),
        ),
      ),
    )
    .execute();
  return new Set(rows.map((row) => row.fp_type));
};

/**
 * Marks active registrations past their expiry with these fingerprints as expired, so the unique
 * index no longer holds the invoice for them.
 */
export const expireLapsed = (
  ex: Executor,
  assetType: AssetType,
  fingerprints: readonly Uint8Array[],
  now: Date,
) =>
  tables(ex)
    .updateTable('finance.financing_registrations')
    .set({ status: 'expired' })
    .where('status', '=', 'active')
    .where('asset_type', '=', assetType)
    .where('expires_at', '<=', now)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('finance.financing_registrations')
        .select('id')
        .where('fingerprint', 'in', [...fingerprints]),
    )
    .execute();

export type NewRegistrationRow = Omit<RegistrationRow, 'released_at'>;

export const insertRegistrationRows = (ex: Executor, rows: readonly NewRegistrationRow[]) =>
  tables(ex)
    .insertInto('finance.financing_registrations')
    .values(rows.map((row) => ({ ...row, released_at: null })))
    .execute();

/**
 * Inserts a one-row registration unless an active one holds the same fingerprint (the partial
 * unique index): then nothing is written and false is returned, with the caller's transaction
 * still usable (no unique violation aborts it). A concurrent registration of the same fingerprint
 * makes this wait for that one's commit or rollback.
 */
export const insertRegistrationRowUnlessHeld = async (
  ex: Executor,
  row: NewRegistrationRow,
): Promise<boolean> => {
  const inserted = await tables(ex)
    .insertInto('finance.financing_registrations')
    .values({ ...row, released_at: null })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
};

/** The exact-fingerprint row of a registration: the one that stands for it in lists. */
export const findRegistration = (ex: Executor, id: string, forUpdate = false) => {
  const query = tables(ex)
    .selectFrom('finance.financing_registrations')
    .selectAll()
    .where('id', '=', id)
    .where('fp_type', '=', 'exact');
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export const releaseRegistration = (ex: Executor, id: string, now: Date) =>
  tables(ex)
    .updateTable('finance.financing_registrations')
    .set({ status: 'released', released_at: now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .execute();

/** A financier's registrations, newest first; `cursor` is the last id of the previous page. */
export const listRegistrations = (
  ex: Executor,
  financierOrganisationId: string,
  options: { status?: RegistrationStatus | undefined; cursor?: string | undefined; limit: number },
  now: Date,
) =>
  tables(ex)
    .selectFrom('finance.financing_registrations')
    .selectAll()
    .where('financier_organisation_id', '=', financierOrganisationId)
    .where('fp_type', '=', 'exact')
    // An active row past its expiry counts as expired, whether or not a later registration of the
    // same invoice has marked it so yet.
    .$if(options.status === 'active', (qb) => qb.where('status', '=', 'active').where('expires_at', '>', now))
    .$if(options.status === 'expired', (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('status', '=', 'expired'),
          eb.and([eb('status', '=', 'active'), eb('expires_at', '<=', now)]),
        ]),
      ),
    )
    .$if(options.status === 'released', (qb) => qb.where('status', '=', 'released'))
    .$if(options.cursor !== undefined, (qb) => qb.where('id', '<', options.cursor as string))
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();

export const insertRegistryQuery = (ex: Executor, row: RegistryQueryRow) =>
  tables(ex)
    .insertInto('finance.registry_queries')
    .values({ ...row, fingerprints: sql<string[]>`${row.fingerprints}::text[]` })
    .execute();
