import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/access/index.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import type { DocumentsDeps } from './deps.ts';
import type { DocumentInput } from './domain/credential.ts';
import { registerDocumentsRoutes } from './routes.ts';
import { ZDocumentInput } from './schemas.ts';
import type { TradehubBundle } from './service/build-bundle.ts';
import type { WriteContext } from './service/context.ts';
import { getBundle } from './service/get-bundle.ts';
import { verificationUrl } from './service/get-document.ts';
import { type IssuedDocument, issueDocuments } from './service/issue-documents.ts';
import { createShareTokens } from './service/share-token.ts';

export type { DocumentsDeps, DocumentsLog, IssuerKey } from './deps.ts';
export type { DocumentInput } from './domain/credential.ts';
export { type DocumentType, documentTypes } from './domain/document-types.ts';
export { documentsErrorStatuses, documentsFieldErrorCodes } from './errors.ts';
export { documentsEvents } from './events.ts';
export type { TradehubBundle } from './service/build-bundle.ts';
export type { IssuedDocument } from './service/issue-documents.ts';

const auditActorOf = (actor: Actor | null) =>
  actor === null
    ? { type: 'system' as const, id: null, label: 'tradehub' }
    : actor.kind === 'user'
      ? { type: 'user' as const, id: actor.userId, label: actor.label }
      : { type: 'api_key' as const, id: actor.apiKeyId, label: actor.label };

/** A write context for callers outside HTTP: audit rows name the actor and a fresh request id. */
const directContext = (actor: Actor | null, action: string): WriteContext => {
  const requestId = newId('req');
  return {
    actor,
    audit: async (ex, change) => {
      await appendAudit(ex, {
        organisationId: change.organisationId,
        actor: auditActorOf(actor),
        action,
        object: change.object,
        requestId,
        outcome: 'success',
        statusCode: 201,
        ...(change.detail === undefined ? {} : { detail: change.detail }),
      });
    },
  };
};

const parseInputs = (inputs: readonly DocumentInput[]): DocumentInput[] => {
  const errors: FieldError[] = [];
  const parsed = inputs.map((input, i) => {
    const result = ZDocumentInput.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({
          field: [i, ...issue.path].join('.'),
          code: 'kernel.invalid_format',
          message: issue.message,
        });
      }
      return input;
    }
    return result.data as DocumentInput;
  });
  if (errors.length > 0) {
    throw new AppError('http.validation_failed', 'The documents have invalid fields.', {
      fieldErrors: errors,
    });
  }
  return parsed;
};

/** The documents module bound to its dependencies: what the composition root and flows use. */
export const createDocumentsModule = (deps: DocumentsDeps) => {
  const tokens = createShareTokens(deps.secretKey);
  return {
    registerRoutes: (app: FastifyInstance) => registerDocumentsRoutes(app, deps, tokens),
    /**
     * Issues any number of documents for `organisationId` as signed credentials anchored in the
     * log, in transactions of 1,000 (each all-or-nothing). For flows and the benchmark: the caller
     * has already decided that `actor` may issue for the organisation.
     */
    issueDocuments: (
      actor: Actor | null,
      organisationId: string,
      inputs: readonly DocumentInput[],
    ): Promise<IssuedDocument[]> =>
      issueDocuments(
        deps,
        directContext(actor, 'documents.document.issue_batch'),
        organisationId,
        parseInputs(inputs),
        (i) => `${i}.`,
      ),
    /**
     * The tradehub-bundle/v1 of one of the organisation's documents (AppError
     * documents.not_yet_anchored until a checkpoint covers it). The caller decided access.
     */
    getBundle: async (organisationId: string, documentId: string): Promise<TradehubBundle> =>
      (await getBundle(deps, organisationId, documentId)).bundle,
    /** The capability link to a document's public verification page. */
    verificationUrl: (documentId: string) => verificationUrl(deps.publicUrl, tokens, documentId),
  };
};

export type DocumentsModule = ReturnType<typeof createDocumentsModule>;
