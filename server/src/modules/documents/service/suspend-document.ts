import type { DocumentsDeps } from '../deps.ts';
import { changeDocumentStatus } from './change-status.ts';
import type { WriteContext } from './context.ts';

/** Suspends a document (reversible): its bit in the suspension list is set. */
export const suspendDocument = (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  documentId: string,
  reason: string | undefined,
) => changeDocumentStatus(deps, ctx, organisationId, documentId, 'suspend', reason);
