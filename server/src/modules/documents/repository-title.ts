import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { TitleAction, TitleStatus } from './domain/title-actions.ts';

type TransferableRecordsTable = {
  id: string;
  document_id: string;
  record_id: Uint8Array;
  issuer_organisation_id: string;
  holder_organisation_id: string;
  endorsee_organisation_id: string | null;
  surrendered_by_organisation_id: string | null;
  status: TitleStatus;
  doc_hash: Uint8Array;
  current_document_id: string;
  head_hash: Uint8Array;
  action_count: number;
  created_at: Date;
  updated_at: Date;
};
type TransferableRecordActionsTable = {
  record_id: string;
  seq: number;
  action: TitleAction;
  kind: number;
  by_organisation_id: string;
  to_organisation_id: string | null;
  document_id: string;
  entry: Uint8Array;
  entry_leaf_hash: Uint8Array;
  log_index: string | null;
  at: Date;
};

type TitleTables = {
  'documents.transferable_records': TransferableRecordsTable;
  'documents.transferable_record_actions': TransferableRecordActionsTable;
};

export type TitleRecordRow = Selectable<TransferableRecordsTable>;
export type TitleActionRow = Selectable<TransferableRecordActionsTable>;

const tables = (ex: Executor) => ex.withTables<TitleTables>();

/** Creates a record unless its document already has one; false when it does (nothing written). */
export const insertTitleRecord = async (ex: Executor, row: TitleRecordRow): Promise<boolean> => {
  const inserted = await tables(ex)
    .insertInto('documents.transferable_records')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
};

export const insertTitleAction = (ex: Executor, row: Omit<TitleActionRow, 'log_index'>) =>
  tables(ex)
    .insertInto('documents.transferable_record_actions')
    .values({ ...row, log_index: null })
    .execute();

export const findTitleRecord = (ex: Executor, id: string) =>
  tables(ex).selectFrom('documents.transferable_records').selectAll().where('id', '=', id).executeTakeFirst();

/** The state a record moves to; every field an action can change. */
export type TitleRecordChange = Pick<
  TitleRecordRow,
  | 'holder_organisation_id'
  | 'endorsee_organisation_id'
  | 'surrendered_by_organisation_id'
  | 'status'
  | 'doc_hash'
  | 'current_document_id'
  | 'head_hash'
  | 'action_count'
  | 'updated_at'
>;

/**
 * Moves a record's head from `expectedHead` to the change's, in the caller's transaction: the
 * compare-and-set that makes two actions from one head impossible. A concurrent transaction that
 * moved the head first makes this one match no row (PostgreSQL re-reads the row once the other
 * commits), so it answers false and the caller rolls back.
 */
export const moveTitleHead = async (
  ex: Executor,
  id: string,
  expectedHead: Uint8Array,
  change: TitleRecordChange,
): Promise<boolean> => {
  const moved = await tables(ex)
    .updateTable('documents.transferable_records')
    .set(change)
    .where('id', '=', id)
    .where('head_hash', '=', expectedHead)
    .returning('id')
    .executeTakeFirst();
  return moved !== undefined;
};

export const listTitleActions = (ex: Executor, recordId: string) =>
  tables(ex)
    .selectFrom('documents.transferable_record_actions')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('seq')
    .execute();

/** Whether the organisation ever acted on the record or received it (or an endorsement). */
export const tookPartIn = async (
  ex: Executor,
  recordId: string,
  organisationId: string,
): Promise<boolean> => {
  const row = await tables(ex)
    .selectFrom('documents.transferable_record_actions')
    .select('seq')
    .where('record_id', '=', recordId)
    .where((eb) =>
      eb.or([eb('by_organisation_id', '=', organisationId), eb('to_organisation_id', '=', organisationId)]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
};

export type TitleRole = 'holder' | 'issuer' | 'past';

/**
 * The records an organisation sees, newest first: those it holds, issued, or took part in before
 * (`past`: took part, holds no longer); all three without a role.
 */
export const listTitleRecords = (
  ex: Executor,
  organisationId: string,
  role: TitleRole | undefined,
  limit: number,
) => {
  const took = tables(ex)
    .selectFrom('documents.transferable_record_actions')
    .select('record_id')
    .where((eb) =>
      eb.or([eb('by_organisation_id', '=', organisationId), eb('to_organisation_id', '=', organisationId)]),
    );
  let query = tables(ex).selectFrom('documents.transferable_records').selectAll();
  if (role === 'holder') {
    query = query.where('holder_organisation_id', '=', organisationId);
  } else if (role === 'issuer') {
    query = query.where('issuer_organisation_id', '=', organisationId);
  } else if (role === 'past') {
    query = query.where('id', 'in', took).where('holder_organisation_id', '<>', organisationId);
  } else {
    query = query.where('id', 'in', took);
  }
  return query.orderBy('id', 'desc').limit(limit).execute();
};

/** Remembers where the log put an action's entry; it never moves. */
export const setTitleActionLogIndex = (ex: Executor, recordId: string, seq: number, index: number) =>
  tables(ex)
    .updateTable('documents.transferable_record_actions')
    .set({ log_index: String(index) })
    .where('record_id', '=', recordId)
    .where('seq', '=', seq)
    .where('log_index', 'is', null)
    .execute();
