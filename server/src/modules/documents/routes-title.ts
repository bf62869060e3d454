import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { DocumentsDeps } from './deps.ts';
import { titleHttpActions } from './domain/title-actions.ts';
import { ANCHOR_RETRY_AFTER_SECONDS } from './service/build-bundle.ts';
import type { WriteContext } from './service/context.ts';
import { exportTitleChain } from './service/title-export-chain.ts';
import { getTitleRecord } from './service/title-get-record.ts';
import { issueTitleRecord } from './service/title-issue-record.ts';
import { listTitleRecords } from './service/title-list-records.ts';
import { recordTitleAction } from './service/title-record-action.ts';

const tags = ['transferable records'];
const ZId = z.string().min(1).max(64);
const ZOrgParams = z.object({ orgId: ZId });
const ZRecordParams = ZOrgParams.extend({ recordId: ZId });
// Records are not owned by one organisation (issuer, holders, endorsees all see them): the
// services decide visibility, the route only that the caller acts as a member of :orgId.
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
// Declared all the same, so that the access matrix calls these routes with another
// organisation's real record under the caller's own organisation, and sees the 404.
const recordAccess = { ...orgAccess, objects: { recordId: 'transferable_record' } };

const ZHash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .meta({ description: 'Hex RFC 6962 leaf hash of the action the caller saw last (the head)' });

const ZRecordView = z.object({
  id: z.string(),
  documentId: z.string(),
  currentDocumentId: z.string(),
  documentNumber: z.string(),
  status: z.enum(['active', 'surrendered', 'accomplished']),
  issuerOrganisationId: z.string(),
  holderOrganisationId: z.string(),
  holderName: z.string(),
  endorseeOrganisationId: z.string().nullable(),
  headHash: z.string(),
  actions: z.array(
    z.object({
      seq: z.number().int(),
      action: z.string(),
      pintCode: z.string(),
      byOrganisationId: z.string(),
      toOrganisationId: z.string().nullable(),
      at: z.string(),
      entryHash: z.string(),
      logIndex: z.number().int().nullable(),
    }),
  ),
});

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asMember = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Registers the routes of transferable records (electronic bills of lading). */
export const registerTitleRoutes = (root: FastifyInstance, deps: DocumentsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/orgs/:orgId/transferable-records',
    {
      schema: {
        tags,
        summary: 'Make an issued bill of lading a transferable record held by an organisation',
        params: ZOrgParams,
        body: z.object({ documentId: ZId, holderOrganisationId: ZId }).strict(),
        response: { 201: ZRecordView },
      },
      config: { access: orgAccess, audit: 'documents.transferable_record.issue' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asMember(request, 'transferable_record.issue', orgId);
      return reply.status(201).send(await issueTitleRecord(deps, writeContext(request), orgId, request.body));
    },
  );

  app.get(
    '/api/orgs/:orgId/transferable-records',
    {
      schema: {
        tags,
        summary: 'Transferable records the organisation holds, issued, or held before',
        params: ZOrgParams,
        querystring: z.object({ role: z.enum(['holder', 'issuer', 'past']).optional() }).strict(),
        response: { 200: z.object({ items: z.array(ZRecordView) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asMember(request, 'transferable_record.read', orgId);
      return listTitleRecords(deps, orgId, request.query.role);
    },
  );

  app.get(
    '/api/orgs/:orgId/transferable-records/:recordId',
    {
      schema: {
        tags,
        summary: 'A transferable record with its actions',
        params: ZRecordParams,
        response: { 200: ZRecordView },
      },
      config: { access: recordAccess },
    },
    async (request) => {
      const { orgId, recordId } = request.params;
      asMember(request, 'transferable_record.read', orgId);
      return getTitleRecord(deps, orgId, recordId);
    },
  );

  app.post(
    '/api/orgs/:orgId/transferable-records/:recordId/actions',
    {
      schema: {
        tags,
        summary:
          'An action by the current holder, extending exactly the head it names (403 not holder, 409 stale head)',
        params: ZRecordParams,
        body: z
          .object({
            action: z.enum(titleHttpActions),
            toOrganisationId: ZId.optional(),
            expectedHead: ZHash,
            documentId: ZId.optional().meta({ description: 'The amended bill of lading (amend only)' }),
          })
          .strict(),
        response: { 201: ZRecordView },
      },
      config: { access: recordAccess, audit: 'documents.transferable_record.act' },
    },
    async (request, reply) => {
      const { orgId, recordId } = request.params;
      asMember(request, 'transferable_record.act', orgId);
      return reply
        .status(201)
        .send(await recordTitleAction(deps, writeContext(request), orgId, recordId, request.body));
    },
  );

  app.get(
    '/api/orgs/:orgId/transferable-records/:recordId/chain',
    {
      schema: {
        tags,
        summary:
          'The tradehub-title-chain/v1 export, verifiable offline with tradehub-verify (409 until anchored)',
        params: ZRecordParams,
      },
      config: { access: recordAccess },
    },
    async (request, reply) => {
      const { orgId, recordId } = request.params;
      asMember(request, 'transferable_record.read', orgId);
      try {
        const chain = await exportTitleChain(deps, orgId, recordId);
        return reply
          .type('application/json')
          .header('content-disposition', `attachment; filename="${recordId}.title-chain.json"`)
          .send(JSON.stringify(chain));
      } catch (error) {
        if ((error as { code?: unknown }).code === 'documents.not_yet_anchored') {
          reply.header('retry-after', String(ANCHOR_RETRY_AFTER_SECONDS));
        }
        throw error;
      }
    },
  );
};
