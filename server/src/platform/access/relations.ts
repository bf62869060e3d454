import type { Generated, Kysely, Transaction } from 'kysely';
import type { Role } from './actor.ts';

type RelationsTable = {
  subject_type: string;
  subject_id: string;
  relation: string;
  object_type: string;
  object_id: string;
  created_at: Generated<Date>;
  created_by: string | null;
};
type AccessTables = { 'access.relations': RelationsTable };

/** Anything that can run a query: the database or an open transaction. */
export type Executor = Kysely<object> | Transaction<object>;

export type RelationTuple = {
  subject: { type: string; id: string };
  relation: string;
  object: { type: string; id: string };
};

const tables = (ex: Executor) => ex.withTables<AccessTables>();

export const grantRelation = async (ex: Executor, tuple: RelationTuple, createdBy: string | null) => {
  await tables(ex)
    .insertInto('access.relations')
    .values({
      subject_type: tuple.subject.type,
      subject_id: tuple.subject.id,
      relation: tuple.relation,
      object_type: tuple.object.type,
      object_id: tuple.object.id,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
};

export const revokeRelation = async (ex: Executor, tuple: RelationTuple): Promise<number> => {
  const result = await tables(ex)
    .deleteFrom('access.relations')
    .where('subject_type', '=', tuple.subject.type)
    .where('subject_id', '=', tuple.subject.id)
    .where('relation', '=', tuple.relation)
    .where('object_type', '=', tuple.object.type)
    .where('object_id', '=', tuple.object.id)
    .executeTakeFirst();

  return Number(result.numDeletedRows);
};

/** The organisations a user belongs to, with the role in each. */
export const loadUserRoles = async (ex: Executor, userId: string): Promise<Map<string, Role>> => {
  const rows = await tables(ex)
    .selectFrom('access.relations')
    .select(['object_id', 'relation'])
    .where('subject_type', '=', 'user')
    .where('subject_id', '=', userId)
    .where('object_type', '=', 'organisation')
    .execute();

  return new Map(rows.map((row) => [row.object_id, row.relation as Role]));
};

/** Relations the given organisations were granted on one object (used for sharing). */
export const loadSharedGrants = async (
  ex: Executor,
  organisationIds: readonly string[],
  object: { type: string; id: string },
): Promise<Set<string>> => {
  if (organisationIds.length === 0) {
    return new Set();
  }
  const rows = await tables(ex)
    .selectFrom('access.relations')
    .select('relation')
    .where('subject_type', '=', 'organisation')
    .where('subject_id', 'in', organisationIds)
    .where('object_type', '=', object.type)
    .where('object_id', '=', object.id)
    .execute();

  return new Set(rows.map((row) => row.relation));
};

/** Users holding a role in an organisation (its members). */
export const listOrganisationRoles = async (ex: Executor, organisationId: string) =>
  tables(ex)
    .selectFrom('access.relations')
    .select(['subject_id as userId', 'relation as role', 'created_at as since'])
    .where('subject_type', '=', 'user')
    .where('object_type', '=', 'organisation')
    .where('object_id', '=', organisationId)
    .orderBy('created_at')
    .execute();
