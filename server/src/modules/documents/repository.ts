import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { StatusPurpose } from './domain/credential.ts';
import type { DocumentType } from './domain/document-types.ts';

type CredentialsTable = {
  id: string;
  organisation_id: string;
  credential_id: string;
  document_type: DocumentType;
  document_number: string;
  credential: string;
  doc_hash: Uint8Array;
  record_id: Uint8Array;
  entry_leaf_hash: Uint8Array;
  log_index: string | null;
  status_index: number;
  revoked_at: Date | null;
  revocation_reason: string | null;
  suspended: boolean;
  issued_at: Date;
  issued_by: string;
  valid_until: Date | null;
};
type StatusListsTable = {
  organisation_id: string;
  purpose: StatusPurpose;
  bits: Uint8Array;
  next_index: number;
  version: number;
  credential: string;
  entry_leaf_hash: Uint8Array;
  updated_at: Date;
};
type StatusListVersionsTable = {
  organisation_id: string;
  purpose: StatusPurpose;
  version: number;
  credential: string;
  entry_leaf_hash: Uint8Array;
  log_index: string | null;
  published_at: Date;
};
type RecordHeadsTable = {
  record_id: Uint8Array;
  organisation_id: string;
  head_leaf_hash: Uint8Array;
  updated_at: Date;
};

export type DocumentsTables = {
  'documents.credentials': CredentialsTable;
  'documents.status_lists': StatusListsTable;
  'documents.status_list_versions': StatusListVersionsTable;
  'documents.record_heads': RecordHeadsTable;
};

export type CredentialRow = Selectable<CredentialsTable>;
export type StatusListRow = Selectable<StatusListsTable>;
export type StatusListVersionRow = Selectable<StatusListVersionsTable>;

/** The module's tables on any executor; the only place this module names its SQL tables. */
const tables = (ex: Executor) => ex.withTables<DocumentsTables>();

// Rows per statement: one JSON parameter carries them all, so PostgreSQL parses one statement
// with one parameter however many rows it holds, and nothing escapes values one by one in JS.
const INSERT_ROWS = 1000;

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** What issuing writes per credential; the batch's organisation, time and issuer are shared. */
export type NewCredentialRow = Pick<
  CredentialRow,
  | 'id'
  | 'credential_id'
  | 'document_type'
  | 'document_number'
  | 'credential'
  | 'doc_hash'
  | 'record_id'
  | 'entry_leaf_hash'
  | 'status_index'
  | 'valid_until'
>;

/**
 * Inserts newly issued credentials of one organisation, issued together (one `issued_at`,
 * `issued_by`): one `insert ... select from json_to_recordset($1)` per 1,000 rows, hashes as hex.
 */
export const insertCredentials = async (
  ex: Executor,
  batch: { organisationId: string; issuedAt: Date; issuedBy: string },
  rows: readonly NewCredentialRow[],
) => {
  for (let at = 0; at < rows.length; at += INSERT_ROWS) {
    const json = JSON.stringify(
      rows.slice(at, at + INSERT_ROWS).map((r) => ({
        id: r.id,
        credential_id: r.credential_id,
        document_type: r.document_type,
        document_number: r.document_number,
        credential: r.credential,
        doc_hash: hex(r.doc_hash),
        record_id: hex(r.record_id),
        entry_leaf_hash: hex(r.entry_leaf_hash),
        status_index: r.status_index,
        valid_until: r.valid_until?.toISOString() ?? null,
      })),
    );
    await sql`
      insert into documents.credentials (id, organisation_id, credential_id, document_type,
        document_number, credential, doc_hash, record_id, entry_leaf_hash, status_index,
        suspended, issued_at, issued_by, valid_until)
      select r.id, ${batch.organisationId}, r.credential_id, r.document_type, r.document_number,
        r.credential, decode(r.doc_hash, 'hex'), decode(r.record_id, 'hex'),
        decode(r.entry_leaf_hash, 'hex'), r.status_index, false, ${batch.issuedAt}::timestamptz,
        ${batch.issuedBy}, r.valid_until::timestamptz
      from json_to_recordset(${json}::json) as r(id text, credential_id text, document_type text,
        document_number text, credential text, doc_hash text, record_id text, entry_leaf_hash text,
        status_index int, valid_until text)`.execute(ex);
  }
};

const summaryColumns = [
  'id',
  'organisation_id',
  'credential_id',
  'document_type',
  'document_number',
  'doc_hash',
  'log_index',
  'status_index',
  'revoked_at',
  'suspended',
  'issued_at',
] as const;

export type CredentialSummaryRow = Pick<CredentialRow, (typeof summaryColumns)[number]>;

export type CredentialFilter = {
  organisationId: string;
  documentType?: DocumentType;
  status?: 'active' | 'revoked' | 'suspended';
  documentNumber?: string;
  /** Keyset cursor: the id of the last row of the previous page. */
  beforeId?: string;
  limit: number;
};

/** One page of an organisation's documents, newest first (ids are time-ordered). */
export const listCredentials = async (ex: Executor, filter: CredentialFilter) => {
  let query = tables(ex)
    .selectFrom('documents.credentials')
    .select(summaryColumns)
    .where('organisation_id', '=', filter.organisationId);
  if (filter.documentType !== undefined) {
    query = query.where('document_type', '=', filter.documentType);
  }
  if (filter.documentNumber !== undefined) {
    query = query.where('document_number', '=', filter.documentNumber);
  }
  if (filter.status === 'revoked') {
    query = query.where('revoked_at', 'is not', null);
  } else if (filter.status === 'suspended') {
    query = query.where('revoked_at', 'is', null).where('suspended', '=', true);
  } else if (filter.status === 'active') {
    query = query.where('revoked_at', 'is', null).where('suspended', '=', false);
  }
  if (filter.beforeId !== undefined) {
    query = query.where('id', '<', filter.beforeId);
  }
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
};

/** A document of the organisation, optionally locked for a status change. */
export const findCredential = async (
  ex: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CredentialRow | undefined> => {
  const query = tables(ex)
    .selectFrom('documents.credentials')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  return options.forUpdate === true ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
};

/**
 * A document by id alone, for the public share link: the caller has no organisation, and the
 * route answers only after checking the link's token against this id.
 */
export const findSharedCredential = (ex: Executor, id: string): Promise<CredentialRow | undefined> =>
  tables(ex).selectFrom('documents.credentials').selectAll().where('id', '=', id).executeTakeFirst();

export const setCredentialStatus = (
  ex: Executor,
  organisationId: string,
  id: string,
  change: Partial<Pick<CredentialRow, 'revoked_at' | 'revocation_reason' | 'suspended'>>,
) =>
  tables(ex)
    .updateTable('documents.credentials')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();

/** Remembers where the log put a document's ISSUE entry; it never moves. */
export const setCredentialLogIndex = (ex: Executor, organisationId: string, id: string, index: number) =>
  tables(ex)
    .updateTable('documents.credentials')
    .set({ log_index: String(index) })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('log_index', 'is', null)
    .execute();

/** Both status lists of an organisation, locked until the transaction ends (revocation first). */
export const lockStatusLists = (ex: Executor, organisationId: string) =>
  tables(ex)
    .selectFrom('documents.status_lists')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('purpose')
    .forUpdate()
    .execute();

/** Locks one status list row. */
export const lockStatusList = (ex: Executor, organisationId: string, purpose: StatusPurpose) =>
  tables(ex)
    .selectFrom('documents.status_lists')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .forUpdate()
    .executeTakeFirst();

export const findStatusList = (ex: Executor, organisationId: string, purpose: StatusPurpose) =>
  tables(ex)
    .selectFrom('documents.status_lists')
    .select(['credential', 'version', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();

/**
 * Creates an organisation's lists unless a concurrent transaction already did; returns the
 * purposes this call inserted (none when it lost the race).
 */
export const insertStatusLists = async (ex: Executor, rows: readonly StatusListRow[]) => {
  const inserted = await tables(ex)
    .insertInto('documents.status_lists')
    .values([...rows])
    .onConflict((oc) => oc.columns(['organisation_id', 'purpose']).doNothing())
    .returning('purpose')
    .execute();
  return inserted.map((row) => row.purpose);
};

export const updateStatusList = (
  ex: Executor,
  organisationId: string,
  purpose: StatusPurpose,
  change: Partial<Omit<StatusListRow, 'organisation_id' | 'purpose'>>,
) =>
  tables(ex)
    .updateTable('documents.status_lists')
    .set(change)
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .execute();

/** Moves both lists' next index together (they allocate the same index to a document). */
export const setNextStatusIndex = (ex: Executor, organisationId: string, nextIndex: number, at: Date) =>
  tables(ex)
    .updateTable('documents.status_lists')
    .set({ next_index: nextIndex, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .execute();

export const insertStatusListVersions = (ex: Executor, rows: readonly StatusListVersionRow[]) =>
  tables(ex)
    .insertInto('documents.status_list_versions')
    .values([...rows])
    .execute();

/** The newest versions of a list, newest first. */
export const findStatusListVersions = (
  ex: Executor,
  organisationId: string,
  purpose: StatusPurpose,
  limit: number,
) =>
  tables(ex)
    .selectFrom('documents.status_list_versions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();

export const setStatusListVersionLogIndex = (
  ex: Executor,
  organisationId: string,
  purpose: StatusPurpose,
  version: number,
  index: number,
) =>
  tables(ex)
    .updateTable('documents.status_list_versions')
    .set({ log_index: String(index) })
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .where('version', '=', version)
    .where('log_index', 'is', null)
    .execute();

/** The leaf hash of a record's latest entry after its ISSUE, if it has one. */
export const findRecordHead = async (ex: Executor, organisationId: string, recordId: Uint8Array) =>
  (
    await tables(ex)
      .selectFrom('documents.record_heads')
      .select('head_leaf_hash')
      .where('organisation_id', '=', organisationId)
      .where('record_id', '=', recordId)
      .executeTakeFirst()
  )?.head_leaf_hash;

export const upsertRecordHead = (
  ex: Executor,
  row: { recordId: Uint8Array; organisationId: string; headLeafHash: Uint8Array; at: Date },
) =>
  tables(ex)
    .insertInto('documents.record_heads')
    .values({
      record_id: row.recordId,
      organisation_id: row.organisationId,
      head_leaf_hash: row.headLeafHash,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.column('record_id').doUpdateSet({
        head_leaf_hash: sql`excluded.head_leaf_hash`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .execute();
