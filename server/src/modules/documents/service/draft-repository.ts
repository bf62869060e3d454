import type { Selectable } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { DocumentKind } from '../domain/kinds/index.ts';

type DraftsTable = {
  id: string;
  organisation_id: string;
  kind: DocumentKind;
  document_number: string;
  subject: Record<string, unknown>;
  order_ref: string | null;
  replaces_document_id: string | null;
  version: number;
  issued_document_id: string | null;
  document_version: number | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  issued_at: Date | null;
};

export type DraftRow = Selectable<DraftsTable>;

// Drafts live in the documents schema; this file is the only place that names the table.
const drafts = (ex: Executor) => ex.withTables<{ 'documents.drafts': DraftsTable }>();

export const insertDraft = (ex: Executor, row: DraftRow) =>
  drafts(ex)
    .insertInto('documents.drafts')
    .values({ ...row, subject: JSON.stringify(row.subject) as unknown as Record<string, unknown> })
    .execute();

export const findDraft = (
  ex: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DraftRow | undefined> => {
  const query = drafts(ex)
    .selectFrom('documents.drafts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  return options.forUpdate === true ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
};

export const listDrafts = (
  ex: Executor,
  organisationId: string,
  filter: { beforeId?: string; limit: number },
) => {
  let query = drafts(ex)
    .selectFrom('documents.drafts')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (filter.beforeId !== undefined) {
    query = query.where('id', '<', filter.beforeId);
  }
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
};

/** Saves an unissued draft if it is still at `version`; the number of rows changed (0 or 1). */
export const updateDraft = async (
  ex: Executor,
  organisationId: string,
  id: string,
  version: number,
  change: Pick<DraftRow, 'document_number' | 'subject' | 'order_ref' | 'replaces_document_id' | 'updated_at'>,
) => {
  const result = await drafts(ex)
    .updateTable('documents.drafts')
    .set({
      ...change,
      subject: JSON.stringify(change.subject) as unknown as Record<string, unknown>,
      version: version + 1,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('issued_document_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/** Records the credential an unissued draft became; 0 when another request issued it first. */
export const markDraftIssued = async (
  ex: Executor,
  organisationId: string,
  id: string,
  issued: { documentId: string; documentVersion: number; replacesDocumentId: string | null; at: Date },
) => {
  const result = await drafts(ex)
    .updateTable('documents.drafts')
    .set({
      issued_document_id: issued.documentId,
      document_version: issued.documentVersion,
      replaces_document_id: issued.replacesDocumentId,
      issued_at: issued.at,
      updated_at: issued.at,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('issued_document_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/** The issued draft that replaced a document, if any: its successor. */
export const findSuccessor = (ex: Executor, organisationId: string, documentId: string) =>
  drafts(ex)
    .selectFrom('documents.drafts')
    .select(['issued_document_id', 'document_version'])
    .where('organisation_id', '=', organisationId)
    .where('replaces_document_id', '=', documentId)
    .where('issued_document_id', 'is not', null)
    .executeTakeFirst();

/** The issued draft a document came from, if it came from one. */
export const findDraftOfDocument = (ex: Executor, organisationId: string, documentId: string) =>
  drafts(ex)
    .selectFrom('documents.drafts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('issued_document_id', '=', documentId)
    .executeTakeFirst();
