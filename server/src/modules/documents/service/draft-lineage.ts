import { AppError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { findCredential } from '../repository.ts';
import { findDraftOfDocument, findSuccessor } from './draft-repository.ts';

/**
 * Where a document stands among its versions: its `version`, the document it replaces and the
 * one that superseded it (null while it is the latest).
 */
export const getDocumentLineage = async (deps: DocumentsDeps, organisationId: string, documentId: string) => {
  const row = await findCredential(deps.db.kysely, organisationId, documentId);
  if (row === undefined) {
    throw new AppError('documents.not_found', `No document ${documentId}.`);
  }
  const [draft, successor] = await Promise.all([
    findDraftOfDocument(deps.db.kysely, organisationId, documentId),
    findSuccessor(deps.db.kysely, organisationId, documentId),
  ]);
  const replaced =
    draft?.replaces_document_id == null
      ? undefined
      : await findCredential(deps.db.kysely, organisationId, draft.replaces_document_id);
  return {
    documentId,
    credentialId: row.credential_id,
    version: draft?.document_version ?? 1,
    draftId: draft?.id ?? null,
    replaces:
      replaced === undefined ? null : { documentId: replaced.id, credentialId: replaced.credential_id },
    supersededBy: successor?.issued_document_id ?? null,
  };
};
