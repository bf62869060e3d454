import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { DocumentsDeps } from './deps.ts';
import { registerDraftRoutes } from './routes-drafts.ts';
import { registerTitleRoutes } from './routes-title.ts';
import {
  MAX_BATCH_DOCUMENTS,
  ZBatchInput,
  ZDocument,
  ZDocumentInput,
  ZDocumentStatus,
  ZDocumentSummary,
  ZDocumentType,
  ZIssuedDocument,
  ZOptionalReason,
  ZStatusChange,
} from './schemas.ts';
import { ANCHOR_RETRY_AFTER_SECONDS, BUNDLE_MEDIA_TYPE } from './service/build-bundle.ts';
import type { WriteContext } from './service/context.ts';
import { getBundle } from './service/get-bundle.ts';
import { getDocument } from './service/get-document.ts';
import { getSharedBundle } from './service/get-shared-bundle.ts';
import { getStatusList } from './service/get-status-list.ts';
import { issueDocuments } from './service/issue-documents.ts';
import { listDocuments } from './service/list-documents.ts';
import { getDocumentPdf } from './service/render-document-pdf.ts';
import { revokeDocument } from './service/revoke-document.ts';
import type { ShareTokens } from './service/share-token.ts';
import { suspendDocument } from './service/suspend-document.ts';
import { unsuspendDocument } from './service/unsuspend-document.ts';

const tags = ['documents'];
const ZOrgParams = z.object({ orgId: z.string().max(64) });
const ZDocumentParams = ZOrgParams.extend({ documentId: z.string().max(64) });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const documentAccess = { ...orgAccess, objects: { documentId: 'document' } };

/** A batch is at most 1,000 documents of at most 64 KiB each; its body gets its own bound. */
export const BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

const onDocument = (request: FastifyRequest, action: Action, orgId: string, documentId: string) =>
  authorize(request, action, { type: 'document', id: documentId, organisationId: orgId });

/** 409 not_yet_anchored tells the client when to ask again. */
const withRetryAfter = async <T>(
  reply: { header(name: string, value: string): unknown },
  work: () => Promise<T>,
) => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'documents.not_yet_anchored') {
      reply.header('retry-after', String(ANCHOR_RETRY_AFTER_SECONDS));
    }
    throw error;
  }
};

/** Registers the documents module's HTTP routes. */
export const registerDocumentsRoutes = (root: FastifyInstance, deps: DocumentsDeps, tokens: ShareTokens) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerDraftRoutes(root, deps, tokens);
  registerTitleRoutes(root, deps);

  app.post(
    '/api/orgs/:orgId/documents',
    {
      schema: {
        tags,
        summary: 'Issue one document as a signed Verifiable Credential anchored in the log',
        params: ZOrgParams,
        body: ZDocumentInput,
        response: { 201: ZDocument },
      },
      config: { access: orgAccess, audit: 'documents.document.issue' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'document.issue', orgId);
      const [issued] = await issueDocuments(deps, writeContext(request), orgId, [request.body], () => '');
      if (issued === undefined) {
        throw new AppError('http.internal', 'Issuing returned no document.');
      }
      return reply.status(201).send(await getDocument(deps, tokens, orgId, issued.id));
    },
  );

  app.post(
    '/api/orgs/:orgId/documents/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        tags,
        summary: `Issue up to ${MAX_BATCH_DOCUMENTS} documents at once, all or none`,
        params: ZOrgParams,
        body: ZBatchInput,
        response: { 201: z.object({ items: z.array(ZIssuedDocument) }) },
      },
      config: { access: orgAccess, audit: 'documents.document.issue_batch' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'document.issue', orgId);
      const { documents } = request.body;
      if (documents.length > MAX_BATCH_DOCUMENTS) {
        throw new AppError(
          'documents.batch_too_large',
          `A batch holds at most ${MAX_BATCH_DOCUMENTS} documents; this one has ${documents.length}.`,
        );
      }
      const items = await issueDocuments(deps, writeContext(request), orgId, documents);
      return reply.status(201).send({ items });
    },
  );

  app.get(
    '/api/orgs/:orgId/documents',
    {
      schema: {
        tags,
        summary: "The organisation's documents, newest first",
        params: ZOrgParams,
        querystring: z
          .object({
            type: ZDocumentType.optional(),
            status: ZDocumentStatus.optional(),
            number: z.string().trim().min(1).max(100).optional(),
            cursor: z.string().max(64).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZDocumentSummary), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'document.read', orgId);
      return listDocuments(deps, orgId, request.query);
    },
  );

  app.get(
    '/api/orgs/:orgId/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'A document: credential, status, log position and verification link',
        params: ZDocumentParams,
        response: { 200: ZDocument },
      },
      config: { access: documentAccess },
    },
    async (request) => {
      const { orgId, documentId } = request.params;
      onDocument(request, 'document.read', orgId, documentId);
      return getDocument(deps, tokens, orgId, documentId);
    },
  );

  app.get(
    '/api/orgs/:orgId/documents/:documentId/bundle',
    {
      schema: {
        tags,
        summary: 'The tradehub-bundle/v1 for offline verification (409 until a checkpoint covers it)',
        params: ZDocumentParams,
      },
      config: { access: documentAccess },
    },
    async (request, reply) => {
      const { orgId, documentId } = request.params;
      onDocument(request, 'document.read', orgId, documentId);
      const { bundle } = await withRetryAfter(reply, () => getBundle(deps, orgId, documentId));
      return reply.type(BUNDLE_MEDIA_TYPE).send(JSON.stringify(bundle));
    },
  );

  app.get(
    '/api/orgs/:orgId/documents/:documentId/pdf',
    {
      schema: {
        tags,
        summary: 'A printable PDF with a verification QR code and the bundle attached',
        params: ZDocumentParams,
      },
      config: { access: documentAccess },
    },
    async (request, reply) => {
      const { orgId, documentId } = request.params;
      onDocument(request, 'document.read', orgId, documentId);
      const { pdf, fileName } = await withRetryAfter(reply, () =>
        getDocumentPdf(deps, tokens, orgId, documentId),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );

  const statusRoute = (
    path: string,
    summary: string,
    audit: string,
    body: typeof ZStatusChange | ReturnType<typeof ZOptionalReason.nullish>,
    change: (
      ctx: WriteContext,
      orgId: string,
      documentId: string,
      reason: string | undefined,
    ) => Promise<unknown>,
  ) =>
    app.post(
      `/api/orgs/:orgId/documents/:documentId/${path}`,
      {
        schema: { tags, summary, params: ZDocumentParams, body, response: { 200: ZDocument } },
        config: { access: documentAccess, audit },
      },
      async (request) => {
        const { orgId, documentId } = request.params;
        onDocument(request, 'document.revoke', orgId, documentId);
        const reason = (request.body as { reason?: string } | null | undefined)?.reason;
        await change(writeContext(request), orgId, documentId, reason);
        return getDocument(deps, tokens, orgId, documentId);
      },
    );
  statusRoute(
    'revoke',
    'Revoke a document for good',
    'documents.document.revoke',
    ZStatusChange,
    (ctx, orgId, documentId, reason) => revokeDocument(deps, ctx, orgId, documentId, reason ?? 'unspecified'),
  );
  statusRoute(
    'suspend',
    'Suspend a document until the suspension is lifted',
    'documents.document.suspend',
    ZOptionalReason.nullish(),
    (ctx, orgId, documentId, reason) => suspendDocument(deps, ctx, orgId, documentId, reason),
  );
  statusRoute(
    'unsuspend',
    "Lift a document's suspension",
    'documents.document.unsuspend',
    ZOptionalReason.nullish(),
    (ctx, orgId, documentId, reason) => unsuspendDocument(deps, ctx, orgId, documentId, reason),
  );

  app.get(
    '/org/:orgId/status/:purpose',
    {
      schema: {
        tags,
        summary: "An organisation's current BitstringStatusListCredential (public)",
        params: ZOrgParams.extend({ purpose: z.enum(['revocation', 'suspension']) }),
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const credential = await getStatusList(deps, request.params.orgId, request.params.purpose);
      // Short: a revocation should reach verifiers within a minute, and the list is cheap to serve.
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=60')
        .send(credential);
    },
  );

  app.get(
    '/public/documents/:documentId/bundle',
    {
      // The token in the query string is the capability: the info-level request lines, which
      // carry the URL, are not written for this route (warnings and errors still are).
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'The bundle behind a verification link (capability token t); 404 otherwise',
        params: z.object({ documentId: z.string().max(64) }),
        querystring: z.object({ t: z.string().max(64).optional() }),
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const bundle = await withRetryAfter(reply, () =>
        getSharedBundle(deps, tokens, request.params.documentId, request.query.t),
      );
      return reply.type(BUNDLE_MEDIA_TYPE).header('cache-control', 'no-store').send(JSON.stringify(bundle));
    },
  );
};
