import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { CustomsDeps } from './deps.ts';
import { quotaYearOf } from './quota/index.ts';
import { registerBondedRoutes } from './service/bonded-routes.ts';
import { registerExportRoutes } from './service/export-routes.ts';
import { decideInspection } from './service/inspection-result.ts';
import { MAX_MESSAGES_PER_BATCH, type ReceiveContext, receiveMessages } from './service/receive-messages.ts';
import {
  buyerOwnQuota,
  clearanceBoard,
  getMessage,
  getParcel,
  listParcels,
  listReceipts,
  revealBuyer,
  viewerOf,
} from './service/views.ts';

const tags = ['customs'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const parcelAccess = { ...orgAccess, objects: { parcelId: 'parcel' } };
const messageAccess = { ...orgAccess, objects: { messageId: 'customs_message' } };
const XML = 'application/xml; charset=utf-8';
/** A CEB message carries at most 100 documents of 99 lines: a few MB at the very most. */
const MESSAGE_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const BATCH_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const ZParcelState = z.enum([
  'waiting',
  'failed',
  'released',
  'inspection',
  'refused',
  'cancelled',
  'returned',
]);

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/**
 * The organisation a submission is sent as: `?org=` when given, else the caller's only one (an
 * API key always has exactly one).
 */
const submittingOrganisation = (request: FastifyRequest, org: string | undefined): string => {
  if (org !== undefined) {
    return org;
  }
  const organisations = [...(request.actor?.roles.keys() ?? [])];
  if (organisations.length !== 1) {
    throw new AppError(
      'customs.organisation_required',
      'Say which organisation sends the message (?org=<id>).',
      {
        fieldErrors: [{ field: 'org', code: 'kernel.required', message: 'the sending organisation' }],
      },
    );
  }
  return organisations[0] as string;
};

const receiveContext = (request: FastifyRequest, organisationId: string): ReceiveContext => ({
  organisationId,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const ZReason = z.object({ field: z.string(), code: z.string(), message: z.string() });
const ZOutcome = z.object({
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  messageType: z.string().nullable(),
  guid: z.string().nullable(),
  messageId: z.string().nullable(),
  receiptType: z.string(),
  returnStatus: z.string(),
  returnInfo: z.string(),
  receiptXml: z.string(),
  parcelIds: z.array(z.string()),
  reasons: z.array(ZReason),
});

/** Registers the customs module's HTTP routes (the contract in the module README). */
export const registerCustomsRoutes = (root: FastifyInstance, deps: CustomsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerExportRoutes(root, deps);
  registerBondedRoutes(root, deps);

  // XML bodies are accepted by the single-message route only, in a scope of its own.
  root.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/xml', 'text/xml'],
      { parseAs: 'string', bodyLimit: MESSAGE_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/customs/ceb',
      {
        bodyLimit: MESSAGE_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary:
            'Send one CEB message (or a DXP envelope holding one); the answer is the customs receipt XML',
          querystring: z.strictObject({ org: id.optional() }),
        },
        config: { access: { kind: 'authenticated' }, audit: 'customs.message.receive' },
      },
      async (request, reply) => {
        if (typeof request.body !== 'string') {
          throw new AppError('http.unsupported_media_type', 'Send the CEB message as application/xml.');
        }
        const orgId = submittingOrganisation(request, request.query.org);
        asOrganisation(request, 'customs.submit', orgId);
        const [outcome] = await receiveMessages(deps, receiveContext(request, orgId), [request.body]);
        if (outcome === undefined) {
          throw new Error('receiveMessages answered nothing for one message');
        }
        if (outcome.transportError !== undefined) {
          throw outcome.transportError;
        }
        return reply
          .header('x-tradehub-outcome', outcome.status)
          .header('x-tradehub-message-id', outcome.messageId ?? '')
          .header('x-tradehub-return-status', outcome.returnStatus)
          .type(XML)
          .send(outcome.receiptXml);
      },
    );
  });

  app.post(
    '/api/customs/ceb/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        tags,
        summary: `Send up to ${MAX_MESSAGES_PER_BATCH} CEB messages (or DXP envelopes) at once; one outcome each, in order`,
        querystring: z.strictObject({ org: id.optional() }),
        body: z.strictObject({ messages: z.array(z.string().min(1)).min(1).max(MAX_MESSAGES_PER_BATCH) }),
        response: { 200: z.object({ outcomes: z.array(ZOutcome) }) },
      },
      config: { access: { kind: 'authenticated' }, audit: 'customs.message.receive_batch' },
    },
    async (request) => {
      const orgId = submittingOrganisation(request, request.query.org);
      asOrganisation(request, 'customs.submit', orgId);
      const outcomes = await receiveMessages(deps, receiveContext(request, orgId), request.body.messages);
      return { outcomes: outcomes.map(({ transportError: _, ...outcome }) => outcome) };
    },
  );

  // A buyer is no user of the hub: like the customs public query, the ID number and the name are
  // the credentials. POST, so the ID number never appears in a URL or an access log.
  app.post(
    '/api/customs/buyer-quota',
    {
      schema: {
        tags,
        summary:
          "A buyer's used and remaining annual CBEC quota (ID number and name, as on the customs public query)",
        body: z.strictObject({
          idNumber: z.string().trim().min(15).max(18),
          name: z.string().trim().min(1).max(60),
          year: z.number().int().min(2019).max(2100).optional(),
        }),
      },
      config: { access: { kind: 'public' } },
    },
    async (request) =>
      buyerOwnQuota(deps, {
        idNumber: request.body.idNumber,
        name: request.body.name,
        year: request.body.year ?? quotaYearOf(deps.now()),
      }),
  );

  app.get(
    '/api/orgs/:orgId/customs/board',
    {
      schema: {
        tags,
        summary: 'Clearance board: parcels by state and mode, tax withheld, failures, quota and risk',
        params: ZOrgParams,
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return clearanceBoard(deps, await viewerOf(deps, orgId));
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/parcels',
    {
      schema: {
        tags,
        summary: 'Parcels the organisation sent documents of (customs: every parcel), newest first',
        params: ZOrgParams,
        querystring: z
          .object({
            state: ZParcelState.optional(),
            tradeMode: z.string().max(4).optional(),
            q: z.string().trim().min(1).max(80).optional(),
            cursor: id.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          })
          .strict(),
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return listParcels(deps, await viewerOf(deps, orgId), request.query);
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/parcels/:parcelId',
    {
      schema: {
        tags,
        summary:
          'A parcel: its documents, receipts, timeline, matching findings, tax and risk (buyer masked)',
        params: ZOrgParams.extend({ parcelId: id }),
      },
      config: { access: parcelAccess },
    },
    async (request) => {
      const { orgId, parcelId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return getParcel(deps, await viewerOf(deps, orgId), parcelId);
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/parcels/:parcelId/reveal',
    {
      schema: {
        tags,
        summary: "A customs officer sees the parcel's buyer unmasked (audited)",
        params: ZOrgParams.extend({ parcelId: id }),
        body: z.strictObject({ reason: z.string().trim().min(3).max(500) }),
      },
      config: { access: parcelAccess, audit: 'customs.buyer.reveal' },
    },
    async (request) => {
      const { orgId, parcelId } = request.params;
      asOrganisation(request, 'customs.reveal', orgId);
      const viewer = await viewerOf(deps, orgId);
      const revealed = await revealBuyer(deps, viewer, parcelId);
      await deps.db.transaction((trx) =>
        recordAuditSuccess(trx, request, {
          organisationId: orgId,
          object: { type: 'parcel', id: parcelId },
          detail: { reason: request.body.reason },
        }),
      );
      return revealed;
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/parcels/:parcelId/inspection',
    {
      schema: {
        tags,
        summary:
          'A customs officer releases or refuses a parcel sent to inspection (receipts to its declarant)',
        params: ZOrgParams.extend({ parcelId: id }),
        body: z.strictObject({
          outcome: z.enum(['release', 'refuse']),
          note: z.string().trim().min(2).max(500),
        }),
      },
      config: { access: parcelAccess, audit: 'customs.inspection.decide' },
    },
    async (request) => {
      const { orgId, parcelId } = request.params;
      asOrganisation(request, 'customs.reveal', orgId);
      return decideInspection(deps, await viewerOf(deps, orgId), parcelId, request.body, (trx) =>
        recordAuditSuccess(trx, request, {
          organisationId: orgId,
          object: { type: 'parcel', id: parcelId },
          detail: { outcome: request.body.outcome },
        }),
      );
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/messages/:messageId',
    {
      schema: {
        tags,
        summary:
          'A message the organisation sent (customs: any), as XML with ID numbers and phones masked, and its log anchor',
        params: ZOrgParams.extend({ messageId: id }),
      },
      config: { access: messageAccess },
    },
    async (request) => {
      const { orgId, messageId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return getMessage(deps, await viewerOf(deps, orgId), messageId);
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/receipts',
    {
      schema: {
        tags,
        summary: "Receipts for the organisation's messages after a receipt id, oldest first (for polling)",
        params: ZOrgParams,
        querystring: z.strictObject({
          after: id.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return { items: await listReceipts(deps, orgId, request.query) };
    },
  );
};
