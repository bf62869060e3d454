import type { DocumentsDeps } from '../deps.ts';
import { changeDocumentStatus } from './change-status.ts';
import type { WriteContext } from './context.ts';

/** Lifts a suspension; a revoked document stays revoked. */
export const unsuspendDocument = (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  documentId: string,
  reason: string | undefined,
) => changeDocumentStatus(deps, ctx, organisationId, documentId, 'unsuspend', reason);
