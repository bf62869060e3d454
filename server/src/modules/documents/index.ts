import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/access/index.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import type { DocumentsDeps } from './deps.ts';
import type { DocumentInput } from './domain/credential.ts';
import { findCredential } from './repository.ts';
import { registerDocumentsRoutes } from './routes.ts';
import { ZDocumentInput } from './schemas.ts';
import type { TradehubBundle } from './service/build-bundle.ts';
import type { WriteContext } from './service/context.ts';
import { createDraft, type DraftInput } from './service/draft-create.ts';
import { versionOf } from './service/draft-issue.ts';
import { getBundle } from './service/get-bundle.ts';
import { verificationUrl } from './service/get-document.ts';
import { type IssuedDocument, type IssueOptions, issueDocuments } from './service/issue-documents.ts';
import { statusOf } from './service/presenters.ts';
import { getDocumentPdf } from './service/render-document-pdf.ts';
import { createShareTokens } from './service/share-token.ts';
import { recordTitleAction, type TitleActionInput } from './service/title-record-action.ts';

export type { DocumentsDeps, DocumentsLog, IssuerKey } from './deps.ts';
export type { DocumentInput } from './domain/credential.ts';
export { type DocumentType, documentTypes } from './domain/document-types.ts';
export {
  type Bilingual,
  type DocumentKind,
  type DocumentKindSpec,
  documentKinds,
  kindOfDocumentType,
  kindSpec,
  kindSpecs,
  validateKindSubject,
} from './domain/kinds/index.ts';
export { documentsErrorStatuses, documentsFieldErrorCodes } from './errors.ts';
export { documentsEvents } from './events.ts';
export { type DcsaExportOptions, toDcsaTransportDocument } from './formats/dcsa/transport-document.ts';
export { validateDcsaTransportDocument } from './formats/dcsa/transport-document-schema.ts';
export type { TradehubBundle } from './service/build-bundle.ts';
export type { IssuedDocument, IssueOptions } from './service/issue-documents.ts';
export { type RecordView, titleEvents } from './service/title-common.ts';
export type { TitleActionInput } from './service/title-record-action.ts';

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
     * Issues one document, optionally as an amendment of an earlier one of the same type (its
     * subject then carries `replaces`, the earlier credential's id, and `version`, one more than
     * the earlier one's), and runs `within` in the issuing transaction so the caller's own record
     * of the document commits with it or not at all. The caller decided access.
     */
    issueOne: async (
      actor: Actor | null,
      organisationId: string,
      input: DocumentInput,
      options: { amends?: string | undefined; within?: IssueOptions['within'] } = {},
    ): Promise<IssuedDocument> => {
      let subject = input.subject;
      if (options.amends !== undefined) {
        const earlier = await findCredential(deps.db.kysely, organisationId, options.amends);
        if (earlier === undefined) {
          throw new AppError('documents.not_found', `No document ${options.amends}.`);
        }
        if (earlier.document_type !== input.documentType) {
          throw new AppError('http.validation_failed', 'An amendment replaces a document of its own kind.', {
            fieldErrors: [
              {
                field: 'replacesDocumentId',
                code: 'documents.replaces_other_kind',
                message: `${options.amends} is a ${earlier.document_type}, not a ${input.documentType}`,
              },
            ],
          });
        }
        const credential = JSON.parse(earlier.credential) as { id: string; credentialSubject?: unknown };
        subject = {
          ...subject,
          replaces: credential.id,
          version: versionOf(credential.credentialSubject) + 1,
        };
      }
      const [issued] = await issueDocuments(
        deps,
        directContext(actor, 'documents.document.issue'),
        organisationId,
        parseInputs([{ ...input, subject }]),
        () => '',
        options.within === undefined ? {} : { within: options.within },
      );
      if (issued === undefined) {
        throw new AppError('http.internal', 'Issuing returned no document.');
      }
      return issued;
    },
    /**
     * The tradehub-bundle/v1 of one of the organisation's documents (AppError
     * documents.not_yet_anchored until a checkpoint covers it). The caller decided access.
     */
    getBundle: async (organisationId: string, documentId: string): Promise<TradehubBundle> =>
      (await getBundle(deps, organisationId, documentId)).bundle,
    /** The capability link to a document's public verification page. */
    verificationUrl: (documentId: string) => verificationUrl(deps.publicUrl, tokens, documentId),
    /**
     * One action on a transferable record by the organisation that holds it (flows; the HTTP
     * route calls the same use case): AppError documents.title_stale_head (409),
     * documents.title_not_holder (403) or documents.title_action_not_allowed (409) otherwise.
     * The caller decided that `actor` may act for the organisation.
     */
    recordTitleAction: (
      actor: Actor | null,
      organisationId: string,
      recordId: string,
      input: TitleActionInput,
    ) =>
      recordTitleAction(
        deps,
        directContext(actor, 'documents.transferable_record.act'),
        organisationId,
        recordId,
        input,
      ),
    /**
     * The printable PDF (verification QR code, bundle attached) of one of the organisation's
     * documents; AppError documents.not_yet_anchored until a checkpoint covers it. The caller
     * decided access (trade: any party that sees the order).
     */
    renderPdf: (organisationId: string, documentId: string) =>
      getDocumentPdf(deps, tokens, organisationId, documentId),
    /** active | revoked | suspended for each of the given ids the organisation holds. */
    documentStatuses: async (organisationId: string, documentIds: readonly string[]) => {
      const statuses = new Map<string, string>();
      for (const documentId of documentIds) {
        const row = await findCredential(deps.db.kysely, organisationId, documentId);
        if (row !== undefined) {
          statuses.set(documentId, statusOf(row));
        }
      }
      return statuses;
    },
    /**
     * Saves a draft of a trade document (e.g. generated from an order) for `organisationId`; it
     * is checked against its kind's schema when issued. The caller decided access.
     */
    createDraft: (actor: Actor | null, organisationId: string, input: DraftInput) =>
      createDraft(deps, directContext(actor, 'documents.draft.create'), organisationId, input),
  };
};

export type DocumentsModule = ReturnType<typeof createDocumentsModule>;
