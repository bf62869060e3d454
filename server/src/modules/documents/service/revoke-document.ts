import type { DocumentsDeps } from '../deps.ts';
import { changeDocumentStatus } from './change-status.ts';
import type { WriteContext } from './context.ts';

/** Revokes a document for good: its bit in the revocation list is set and can never be cleared. */
export const revokeDocument = (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  documentId: string,
  reason: string,
) => changeDocumentStatus(deps, ctx, organisationId, documentId, 'revoke', reason);
