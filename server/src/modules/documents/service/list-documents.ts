import type { DocumentsDeps } from '../deps.ts';
import type { DocumentType } from '../domain/document-types.ts';
import { listCredentials } from '../repository.ts';
import { type DocumentStatus, presentSummary } from './presenters.ts';

export type ListDocumentsQuery = {
  type?: DocumentType | undefined;
  status?: DocumentStatus | undefined;
  number?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** One page of the organisation's documents, newest first, with the cursor of the next page. */
export const listDocuments = async (
  deps: DocumentsDeps,
  organisationId: string,
  query: ListDocumentsQuery,
) => {
  const rows = await listCredentials(deps.db.kysely, {
    organisationId,
    limit: query.limit + 1,
    ...(query.type === undefined ? {} : { documentType: query.type }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.number === undefined ? {} : { documentNumber: query.number }),
    ...(query.cursor === undefined ? {} : { beforeId: query.cursor }),
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentSummary),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
};
