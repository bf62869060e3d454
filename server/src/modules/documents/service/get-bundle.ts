import { AppError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { findCredential } from '../repository.ts';
import { buildBundle } from './build-bundle.ts';
import { resolveLogIndex } from './log-position.ts';

/** The verification bundle of one of the organisation's documents, with the row it came from. */
export const getBundle = async (deps: DocumentsDeps, organisationId: string, documentId: string) => {
  const found = await findCredential(deps.db.kysely, organisationId, documentId);
  if (found === undefined) {
    throw new AppError('documents.not_found', `No document ${documentId}.`);
  }
  const index = await resolveLogIndex(deps, found);
  const row = { ...found, log_index: index === undefined ? null : String(index) };
  return { row, logIndex: index ?? 0, bundle: await buildBundle(deps, row) };
};
