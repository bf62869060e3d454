import { AppError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { findSharedCredential } from '../repository.ts';
import { buildBundle } from './build-bundle.ts';
import type { ShareTokens } from './share-token.ts';

/**
 * The bundle behind a verification link. An unknown document and a wrong token get the same
 * answer, so the link's token is the only way to learn that a document exists.
 */
export const getSharedBundle = async (
  deps: DocumentsDeps,
  tokens: ShareTokens,
  documentId: string,
  token: string | undefined,
) => {
  // The token is checked before the database is asked, so timing does not tell ids apart either.
  const row = tokens.matches(documentId, token)
    ? await findSharedCredential(deps.db.kysely, documentId)
    : undefined;
  if (row === undefined) {
    throw new AppError('documents.not_found', 'No document behind this link.');
  }
  return buildBundle(deps, row);
};
