import { AppError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { DocumentsDeps } from '../deps.ts';
import { presentDraft } from './draft-present.ts';
import { findDraft, listDrafts } from './draft-repository.ts';

/** A draft of the organisation, or 404 documents.draft_not_found (also for another's draft). */
export const loadDraft = async (ex: Executor, organisationId: string, draftId: string, forUpdate = false) => {
  const row = await findDraft(ex, organisationId, draftId, { forUpdate });
  if (row === undefined) {
    throw new AppError('documents.draft_not_found', `No draft ${draftId}.`);
  }
  return row;
};

export const getDraft = async (deps: DocumentsDeps, organisationId: string, draftId: string) =>
  presentDraft(await loadDraft(deps.db.kysely, organisationId, draftId));

/** The organisation's drafts, newest first, issued ones included. */
export const getDrafts = async (
  deps: DocumentsDeps,
  organisationId: string,
  query: { cursor?: string | undefined; limit: number },
) => {
  const rows = await listDrafts(deps.db.kysely, organisationId, {
    ...(query.cursor === undefined ? {} : { beforeId: query.cursor }),
    limit: query.limit,
  });
  return {
    items: rows.map(presentDraft),
    nextCursor: rows.length === query.limit ? (rows.at(-1)?.id ?? null) : null,
  };
};
