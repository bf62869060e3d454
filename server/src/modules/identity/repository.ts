import { type Generated, type Insertable, type Selectable, sql, type Transaction } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { KeyEventKind, RevocationReason } from './domain/key-events.ts';
import type { OrganisationKind } from './domain/organisation-kinds.ts';
import type { SigningAlgorithm } from './keys/key-provider.ts';

type OrganisationsTable = {
  id: string;
  name_zh: string;
  name_en: string;
  kind: OrganisationKind;
  country: string;
  uscc: string | null;
  customs_code: string | null;
  eori: string | null;
  lei: string | null;
  website: string | null;
  address_street: string | null;
  address_city: string | null;
  address_postcode: string | null;
  address_unlocode: string | null;
  unlocode_status: 'verified' | 'unverified' | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
};
type UsersTable = {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: 'zh-CN' | 'en' | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  disabled_at: Date | null;
};
type SessionsTable = {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  revoked_at: Date | null;
};
type InvitationsTable = {
  id: string;
  organisation_id: string;
  email: string;
  role: string;
  token_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
};
type ApiKeysTable = {
  id: string;
  organisation_id: string;
  name: string;
  scopes: string[];
  secret_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

type SigningKeysTable = {
  id: string;
  organisation_id: string;
  algorithm: SigningAlgorithm;
  public_key: Uint8Array;
  actor_hash: Uint8Array | null;
  key_handle: Uint8Array;
  provider: string;
  status: 'active' | 'retired' | 'revoked';
  created_at: Date;
  retired_at: Date | null;
  revoked_at: Date | null;
  revocation_reason: RevocationReason | null;
};
type SigningKeyEventsTable = {
  seq: Generated<string>;
  organisation_id: string;
  key_id: string;
  event: KeyEventKind;
  at: Date;
  statement: string;
  log_entry: Uint8Array;
  leaf_hash: Uint8Array;
  created_at: Generated<Date>;
};

export type IdentityTables = {
  'identity.organisations': OrganisationsTable;
  'identity.users': UsersTable;
  'identity.sessions': SessionsTable;
  'identity.invitations': InvitationsTable;
  'identity.api_keys': ApiKeysTable;
  'identity.signing_keys': SigningKeysTable;
  'identity.signing_key_events': SigningKeyEventsTable;
};

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type SigningKeyRow = Selectable<SigningKeysTable>;
export type SigningKeyEventRow = Selectable<SigningKeyEventsTable>;

/** The identity tables on any executor; the only place this module names its SQL tables. */
export const identityTables = (ex: Executor) => ex.withTables<IdentityTables>();

export const findOrganisation = (ex: Executor, id: string) =>
  identityTables(ex).selectFrom('identity.organisations').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrganisations = (ex: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : identityTables(ex)
        .selectFrom('identity.organisations')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('name_en')
        .execute();

export const findUserByEmail = (ex: Executor, email: string) =>
  identityTables(ex)
    .selectFrom('identity.users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();

export const findUser = (ex: Executor, id: string) =>
  identityTables(ex).selectFrom('identity.users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUsers = (ex: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : identityTables(ex).selectFrom('identity.users').selectAll().where('id', 'in', ids).execute();

/**
 * The live session of a token hash, with its user and the user's organisation roles, in one round
 * trip: every signed-in request does this, and each query costs about 0.4 ms of CPU (see
 * docs/benchmarks.md). The roles come from access.relations, the platform's relation table.
 */
export const findSessionWithUser = (ex: Executor, tokenHash: string, now: Date) =>
  identityTables(ex)
    .selectFrom('identity.sessions as s')
    .innerJoin('identity.users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.last_seen_at as lastSeenAt',
      'u.id as userId',
      'u.email',
      'u.display_name',
    ])
    .select(
      sql<string[]>`coalesce((select array_agg(r.object_id || ' ' || r.relation) from access.relations r
        where r.subject_type = 'user' and r.subject_id = u.id and r.object_type = 'organisation'), '{}')`.as(
        'roles',
      ),
    )
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();

export const findLiveApiKey = (ex: Executor, id: string) =>
  identityTables(ex)
    .selectFrom('identity.api_keys')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const findInvitationByTokenHash = (ex: Executor, tokenHash: string) =>
  identityTables(ex)
    .selectFrom('identity.invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

/**
 * Locks the organisation's row against other key changes until the transaction ends, so that
 * rotations and revocations of one organisation run one after another and each sees the key the
 * previous one left active. `no key update` leaves inserts that reference the organisation free.
 */
export const lockOrganisationForKeyChange = (trx: Transaction<object>, organisationId: string) =>
  identityTables(trx)
    .selectFrom('identity.organisations')
    .select('id')
    .where('id', '=', organisationId)
    .forNoKeyUpdate()
    .executeTakeFirst();

export const findActiveSigningKey = (ex: Executor, organisationId: string, algorithm: SigningAlgorithm) =>
  identityTables(ex)
    .selectFrom('identity.signing_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('algorithm', '=', algorithm)
    .where('status', '=', 'active')
    .executeTakeFirst();

export const findSigningKey = (ex: Executor, organisationId: string, keyId: string) =>
  identityTables(ex)
    .selectFrom('identity.signing_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', keyId)
    .executeTakeFirst();

export const findSigningKeyByActorHash = (ex: Executor, organisationId: string, actorHash: Uint8Array) =>
  identityTables(ex)
    .selectFrom('identity.signing_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('actor_hash', '=', actorHash)
    .executeTakeFirst();

/** Every key the organisation ever had, oldest first (the order of a DID document). */
export const listSigningKeys = (ex: Executor, organisationId: string) =>
  identityTables(ex)
    .selectFrom('identity.signing_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const insertSigningKey = (trx: Transaction<object>, row: Insertable<SigningKeysTable>) =>
  identityTables(trx)
    .insertInto('identity.signing_keys')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();

export const retireSigningKey = (trx: Transaction<object>, organisationId: string, keyId: string, at: Date) =>
  identityTables(trx)
    .updateTable('identity.signing_keys')
    .set({ status: 'retired', retired_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', keyId)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirstOrThrow();

export const revokeSigningKey = (
  trx: Transaction<object>,
  organisationId: string,
  keyId: string,
  at: Date,
  reason: RevocationReason,
) =>
  identityTables(trx)
    .updateTable('identity.signing_keys')
    .set({ status: 'revoked', revoked_at: at, revocation_reason: reason })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', keyId)
    .where('status', '<>', 'revoked')
    .returningAll()
    .executeTakeFirstOrThrow();

/** The leaf hash of the organisation's latest key event: the prev_entry_hash of the next one. */
export const latestSigningKeyEventLeafHash = async (ex: Executor, organisationId: string) =>
  (
    await identityTables(ex)
      .selectFrom('identity.signing_key_events')
      .select('leaf_hash')
      .where('organisation_id', '=', organisationId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.leaf_hash ?? null;

export const insertSigningKeyEvent = (trx: Transaction<object>, row: Insertable<SigningKeyEventsTable>) =>
  identityTables(trx).insertInto('identity.signing_key_events').values(row).execute();

/** The organisation's key events, oldest first. */
export const listSigningKeyEvents = (ex: Executor, organisationId: string) =>
  identityTables(ex)
    .selectFrom('identity.signing_key_events')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('seq')
    .execute();
