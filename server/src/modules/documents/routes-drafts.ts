import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { DocumentsDeps } from './deps.ts';
import { documentKinds } from './domain/kinds/index.ts';
import { ZDocument } from './schemas.ts';
import type { WriteContext } from './service/context.ts';
import { createDraft } from './service/draft-create.ts';
import { getDraft, getDrafts } from './service/draft-get.ts';
import { issueDraft } from './service/draft-issue.ts';
import { getDocumentLineage } from './service/draft-lineage.ts';
import { updateDraftContent } from './service/draft-update.ts';
import { getDocument } from './service/get-document.ts';
import type { ShareTokens } from './service/share-token.ts';

const tags = ['documents'];
const ZOrgParams = z.object({ orgId: z.string().max(64) });
const ZDraftParams = ZOrgParams.extend({ draftId: z.string().max(64) });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const draftAccess = { ...orgAccess, objects: { draftId: 'document_draft' } };

const ZDocumentKind = z.enum(documentKinds).meta({ description: 'Trade document kind' });
const ZSubject = z.record(z.string(), z.unknown()).meta({
  description: "The document's fields as the kind's schema names them; checked when issued",
});
const ZDocumentId = z.string().trim().min(1).max(64);

const ZDraftInput = z
  .object({
    kind: ZDocumentKind,
    documentNumber: z.string().trim().min(1).max(100),
    subject: ZSubject,
    orderRef: z.string().trim().min(1).max(100).optional(),
    replacesDocumentId: ZDocumentId.optional(),
  })
  .strict();

const ZDraftChange = z
  .object({
    version: z.number().int().min(1),
    documentNumber: z.string().trim().min(1).max(100),
    subject: ZSubject,
    orderRef: z.string().trim().min(1).max(100).nullish(),
    replacesDocumentId: ZDocumentId.nullish(),
  })
  .strict();

const ZIssueDraft = z
  .object({
    replacesDocumentId: ZDocumentId.optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

const ZFieldProblem = z.object({ field: z.string(), code: z.string(), message: z.string() });

const ZDraft = z.object({
  id: z.string(),
  kind: ZDocumentKind,
  documentNumber: z.string(),
  subject: z.record(z.string(), z.unknown()),
  orderRef: z.string().nullable(),
  replacesDocumentId: z.string().nullable(),
  version: z.number().int(),
  status: z.enum(['draft', 'issued']),
  issuedDocumentId: z.string().nullable(),
  documentVersion: z.number().int().nullable(),
  problems: z.array(ZFieldProblem).meta({ description: 'What issuing would refuse now' }),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  issuedAt: z.string().nullable(),
});

const ZLineage = z.object({
  documentId: z.string(),
  credentialId: z.string(),
  version: z.number().int(),
  draftId: z.string().nullable(),
  replaces: z.object({ documentId: z.string(), credentialId: z.string() }).nullable(),
  supersededBy: z.string().nullable(),
});

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

const onDraft = (request: FastifyRequest, action: Action, orgId: string, draftId: string) =>
  authorize(request, action, { type: 'document_draft', id: draftId, organisationId: orgId });

/** Registers drafts, amendments and document versions (documents module). */
export const registerDraftRoutes = (root: FastifyInstance, deps: DocumentsDeps, tokens: ShareTokens) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/orgs/:orgId/documents/drafts',
    {
      schema: {
        tags,
        summary: 'Start a draft of a trade document (editable until issued)',
        params: ZOrgParams,
        body: ZDraftInput,
        response: { 201: ZDraft },
      },
      config: { access: orgAccess, audit: 'documents.draft.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'document.issue', orgId);
      return reply.status(201).send(await createDraft(deps, writeContext(request), orgId, request.body));
    },
  );

  app.get(
    '/api/orgs/:orgId/documents/drafts',
    {
      schema: {
        tags,
        summary: "The organisation's drafts, newest first",
        params: ZOrgParams,
        querystring: z
          .object({
            cursor: z.string().max(64).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZDraft), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'document.read', orgId);
      return getDrafts(deps, orgId, request.query);
    },
  );

  app.get(
    '/api/orgs/:orgId/documents/drafts/:draftId',
    {
      schema: { tags, summary: 'A draft', params: ZDraftParams, response: { 200: ZDraft } },
      config: { access: draftAccess },
    },
    async (request) => {
      const { orgId, draftId } = request.params;
      onDraft(request, 'document.read', orgId, draftId);
      return getDraft(deps, orgId, draftId);
    },
  );

  app.put(
    '/api/orgs/:orgId/documents/drafts/:draftId',
    {
      schema: {
        tags,
        summary: 'Save a draft (names the version it read; 409 if someone saved since, or once issued)',
        params: ZDraftParams,
        body: ZDraftChange,
        response: { 200: ZDraft },
      },
      config: { access: draftAccess, audit: 'documents.draft.update' },
    },
    async (request) => {
      const { orgId, draftId } = request.params;
      onDraft(request, 'document.issue', orgId, draftId);
      return updateDraftContent(deps, writeContext(request), orgId, draftId, request.body);
    },
  );

  app.post(
    '/api/orgs/:orgId/documents/drafts/:draftId/issue',
    {
      schema: {
        tags,
        summary: 'Issue a draft as a signed credential; with replacesDocumentId, as an amendment',
        params: ZDraftParams,
        body: ZIssueDraft.nullish(),
        response: { 201: z.object({ document: ZDocument, draft: ZDraft }) },
      },
      config: { access: draftAccess, audit: 'documents.draft.issue' },
    },
    async (request, reply) => {
      const { orgId, draftId } = request.params;
      onDraft(request, 'document.issue', orgId, draftId);
      const { document, draft } = await issueDraft(
        deps,
        writeContext(request),
        orgId,
        draftId,
        request.body ?? {},
      );
      return reply.status(201).send({ document: await getDocument(deps, tokens, orgId, document.id), draft });
    },
  );

  app.get(
    '/api/orgs/:orgId/documents/:documentId/versions',
    {
      schema: {
        tags,
        summary: "A document's version, the document it replaces and the one that superseded it",
        params: ZOrgParams.extend({ documentId: z.string().max(64) }),
        response: { 200: ZLineage },
      },
      config: { access: { ...orgAccess, objects: { documentId: 'document' } } },
    },
    async (request) => {
      const { orgId, documentId } = request.params;
      authorize(request, 'document.read', { type: 'document', id: documentId, organisationId: orgId });
      return getDocumentLineage(deps, orgId, documentId);
    },
  );
};
