import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, problem, recordAuditSuccess, sendProblem } from '../../platform/http/index.ts';
import type { TradeDeps } from './deps.ts';
import type { OrderContentInput } from './domain/order-json.ts';
import { tradeErrorStatuses } from './errors.ts';
import type { UblOrderCompletion } from './formats/index.ts';
import {
  ZDocumentKind,
  ZNote,
  ZOrderAction,
  ZOrderContentInput,
  ZOrderCreated,
  ZOrderDetail,
  ZOrderStatus,
  ZOrderView,
  ZPartner,
  ZShareRole,
  ZUblOrderImport,
} from './schemas.ts';
import { actOnOrder } from './service/act-on-order.ts';
import { claimOrderInvitation } from './service/claim-order-invitation.ts';
import type { WriteContext } from './service/context.ts';
import { createOrder } from './service/create-order.ts';
import { exportPeppolInvoice } from './service/export-peppol-invoice.ts';
import { exportUblOrder } from './service/export-ubl-order.ts';
import { exportUblOrderResponse } from './service/export-ubl-order-response.ts';
import { getOrder } from './service/get-order.ts';
import { getOrderDocumentBundle } from './service/get-order-document-bundle.ts';
import { getOrderDocumentPdf } from './service/get-order-document-pdf.ts';
import { getOrderInvitation } from './service/get-order-invitation.ts';
import { importUblOrder } from './service/import-ubl-order.ts';
import { importUblOrderResponse } from './service/import-ubl-order-response.ts';
import { issueOrderDocument } from './service/issue-order-document.ts';
import { listOrders } from './service/list-orders.ts';
import { listPartners } from './service/list-partners.ts';
import { shareOrder } from './service/share-order.ts';
import { unshareOrder } from './service/unshare-order.ts';
import { updateOrder } from './service/update-order.ts';

const tags = ['trade'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const ZOrderParams = ZOrgParams.extend({ orderId: id });
const ZOrderDocumentParams = ZOrderParams.extend({ documentId: id });
const ZInvitationParams = ZOrgParams.extend({ token: z.string().min(1).max(100) });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const orderAccess = { ...orgAccess, objects: { orderId: 'order' } };
const orderDocumentAccess = { ...orgAccess, objects: { orderId: 'order', documentId: 'document' } };

/** The file and the importer's completion, from an XML body or a JSON {ubl, completion} body. */
const ublImportOf = (body: unknown): { xml: string; completion?: UblOrderCompletion } => {
  if (typeof body === 'string') {
    return { xml: body };
  }
  if (body === null || typeof body !== 'object') {
    throw new AppError(
      'http.unsupported_media_type',
      'Send the UBL Order as application/xml, or as application/json {"ubl": ..., "completion": ...}.',
    );
  }
  const parsed = ZUblOrderImport.safeParse(body);
  if (!parsed.success) {
    throw new AppError('http.validation_failed', 'The import request has invalid fields.', {
      fieldErrors: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        code: 'kernel.invalid_format',
        message: issue.message,
      })),
    });
  }
  const { ubl, completion } = parsed.data;
  if (completion === undefined) {
    return { xml: ubl };
  }
  const { incoterms, hsCodes, paymentTerms } = completion;
  const place = incoterms?.namedPlace;
  return {
    xml: ubl,
    completion: {
      ...(incoterms === undefined || place === undefined
        ? {}
        : {
            incoterms: {
              rule: incoterms.rule,
              namedPlace: {
                unlocode: place.unlocode,
                ...(place.name === undefined ? {} : { name: place.name }),
              },
            },
          }),
      ...(hsCodes === undefined ? {} : { hsCodes }),
      ...(paymentTerms === undefined ? {} : { paymentTerms }),
    },
  };
};

/** A UBL Order is a few hundred KiB at most, even with hundreds of lines. */
const UBL_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const XML = 'application/xml; charset=utf-8';
const BUNDLE_MEDIA_TYPE = 'application/vnd.tradehub.bundle+json';

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** The caller's role in the organisation it acts as must allow `action` (404 when it is no member). */
const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/**
 * A refused transition tells the client the order's current status (and a stale write its current
 * version) as extension members of the problem, so the UI can refresh without another request.
 */
const answering = async <T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    const status =
      error instanceof AppError ? (tradeErrorStatuses as Record<string, number>)[error.code] : undefined;
    if (error instanceof AppError && status !== undefined && error.details !== undefined) {
      const { currentStatus, currentVersion } = error.details;
      const body = {
        ...problem(request, status, error.code, error.message),
        ...(currentStatus === undefined ? {} : { currentStatus }),
        ...(currentVersion === undefined ? {} : { currentVersion }),
      };
      return sendProblem(reply, body);
    }
    throw error;
  }
};

const ZShare = z.object({
  organisationId: z.string(),
  name: z.string(),
  role: ZShareRole,
  sharedAt: z.string(),
  sharedByOrganisationId: z.string(),
});

/** Registers the trade module's HTTP routes (the contract in the module README). */
export const registerTradeRoutes = (root: FastifyInstance, deps: TradeDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/orgs/:orgId/orders',
    {
      schema: {
        tags,
        summary: 'Orders the organisation is seller, buyer or a shared party of, newest first',
        params: ZOrgParams,
        querystring: z
          .object({
            status: ZOrderStatus.optional(),
            role: z.enum(['seller', 'buyer', 'shared']).optional(),
            q: z.string().trim().min(1).max(100).optional(),
            cursor: id.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(ZOrderView),
            nextCursor: z.string().nullable(),
            total: z.number().int(),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      return listOrders(deps, { organisationId: orgId, ...request.query });
    },
  );

  app.post(
    '/api/orgs/:orgId/orders',
    {
      schema: {
        tags,
        summary: 'Draft an order as its seller or its buyer (a buyer not on the hub is invited by e-mail)',
        params: ZOrgParams,
        body: z.strictObject({ content: ZOrderContentInput }),
        response: { 201: ZOrderCreated },
      },
      config: { access: orgAccess, audit: 'trade.order.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'order.write', orgId);
      const created = await createOrder(
        deps,
        writeContext(request),
        orgId,
        request.body.content as OrderContentInput,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/orgs/:orgId/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'An order with its timeline, parties, shares and documents',
        params: ZOrderParams,
        response: { 200: ZOrderDetail },
      },
      config: { access: orderAccess },
    },
    async (request) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      return getOrder(deps, orgId, orderId);
    },
  );

  app.put(
    '/api/orgs/:orgId/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'Replace the content of a draft (its creator only; 409 on a stale version)',
        params: ZOrderParams,
        body: z.strictObject({ version: z.number().int().min(1), content: ZOrderContentInput }),
        response: { 200: ZOrderCreated },
      },
      config: { access: orderAccess, audit: 'trade.order.update' },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.write', orgId);
      return answering(request, reply, () =>
        updateOrder(deps, writeContext(request), orgId, orderId, {
          version: request.body.version,
          content: request.body.content as OrderContentInput,
        }),
      );
    },
  );

  app.post(
    '/api/orgs/:orgId/orders/:orderId/actions',
    {
      schema: {
        tags,
        summary: 'Offer, accept, reject, counter, start fulfilment, complete or cancel an order',
        params: ZOrderParams,
        body: z.strictObject({
          action: ZOrderAction,
          version: z.number().int().min(1),
          note: ZNote.optional(),
          content: ZOrderContentInput.optional(),
        }),
        response: { 200: ZOrderView },
      },
      config: { access: orderAccess, audit: 'trade.order.act' },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.write', orgId);
      const { action, version, note, content } = request.body;
      return answering(request, reply, () =>
        actOnOrder(deps, writeContext(request), orgId, orderId, {
          action,
          version,
          note,
          content: content as OrderContentInput | undefined,
        }),
      );
    },
  );

  app.post(
    '/api/orgs/:orgId/orders/:orderId/shares',
    {
      schema: {
        tags,
        summary: 'Share the order (and its documents, nothing else) with a forwarder, broker or bank',
        params: ZOrderParams,
        body: z.strictObject({ organisationId: id, role: ZShareRole }),
        response: { 201: ZShare },
      },
      config: { access: orderAccess, audit: 'trade.order.share' },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.share', orgId);
      const share = await shareOrder(deps, writeContext(request), orgId, orderId, request.body);
      return reply.status(201).send(share);
    },
  );

  app.delete(
    '/api/orgs/:orgId/orders/:orderId/shares/:organisationId',
    {
      schema: {
        tags,
        summary: 'Stop sharing the order with an organisation',
        params: ZOrderParams.extend({ organisationId: id }),
      },
      config: { access: orderAccess, audit: 'trade.order.unshare' },
    },
    async (request, reply) => {
      const { orgId, orderId, organisationId } = request.params;
      asOrganisation(request, 'order.share', orgId);
      await unshareOrder(deps, writeContext(request), orgId, orderId, organisationId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/orgs/:orgId/orders/:orderId/documents',
    {
      schema: {
        tags,
        summary: 'Generate a trade document from the order and issue it as the seller’s signed credential',
        params: ZOrderParams,
        body: z.strictObject({
          kind: ZDocumentKind,
          overrides: z.record(z.string(), z.unknown()).optional(),
          replacesDocumentId: id.optional(),
        }),
        response: {
          201: z.object({
            documentId: z.string(),
            kind: ZDocumentKind,
            documentNumber: z.string(),
            version: z.number().int(),
          }),
        },
      },
      config: { access: orderAccess, audit: 'trade.order.issue_document' },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.issue_document', orgId);
      return answering(request, reply, async () =>
        reply
          .status(201)
          .send(await issueOrderDocument(deps, writeContext(request), orgId, orderId, request.body)),
      );
    },
  );

  app.get(
    '/api/orgs/:orgId/orders/:orderId/documents/:documentId/pdf',
    {
      schema: { tags, summary: 'The printable PDF of a document of the order', params: ZOrderDocumentParams },
      config: { access: orderDocumentAccess },
    },
    async (request, reply) => {
      const { orgId, orderId, documentId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      const { pdf, fileName } = await getOrderDocumentPdf(deps, orgId, orderId, documentId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );

  app.get(
    '/api/orgs/:orgId/orders/:orderId/documents/:documentId/bundle',
    {
      schema: {
        tags,
        summary: 'The tradehub-bundle/v1 of a document of the order',
        params: ZOrderDocumentParams,
      },
      config: { access: orderDocumentAccess },
    },
    async (request, reply) => {
      const { orgId, orderId, documentId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      const bundle = await getOrderDocumentBundle(deps, orgId, orderId, documentId);
      return reply.type(BUNDLE_MEDIA_TYPE).send(JSON.stringify(bundle));
    },
  );

  app.get(
    '/api/orgs/:orgId/orders/:orderId/documents/:documentId/peppol',
    {
      schema: {
        tags,
        summary: 'A commercial invoice or e-invoice of the order as a Peppol BIS Billing 3.0 Invoice',
        params: ZOrderDocumentParams,
      },
      config: { access: orderDocumentAccess },
    },
    async (request, reply) => {
      const { orgId, orderId, documentId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      return reply.type(XML).send(await exportPeppolInvoice(deps, orgId, orderId, documentId));
    },
  );

  app.get(
    '/api/orgs/:orgId/orders/:orderId/ubl/order',
    {
      schema: { tags, summary: 'The order as a UBL 2.4 Order', params: ZOrderParams },
      config: { access: orderAccess },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      return reply.type(XML).send(await exportUblOrder(deps, orgId, orderId));
    },
  );

  app.get(
    '/api/orgs/:orgId/orders/:orderId/ubl/order-response',
    {
      schema: { tags, summary: 'The answer to the order as a UBL 2.4 OrderResponse', params: ZOrderParams },
      config: { access: orderAccess },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      return answering(request, reply, async () =>
        reply.type(XML).send(await exportUblOrderResponse(deps, orgId, orderId)),
      );
    },
  );

  app.get(
    '/api/orgs/:orgId/order-invitations/:token',
    {
      // The token in the path is the capability: the info-level request lines are not written.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'An order a buyer was invited to by e-mail, before claiming it',
        params: ZInvitationParams,
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'order.read', request.params.orgId);
      return getOrderInvitation(deps, request.params.token);
    },
  );

  app.post(
    '/api/orgs/:orgId/order-invitations/:token/claim',
    {
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Claim the order an e-mail invitation names, as its buyer',
        params: ZInvitationParams,
        response: { 200: ZOrderView },
      },
      config: { access: orgAccess, audit: 'trade.order.claim' },
    },
    async (request) => {
      const { orgId, token } = request.params;
      asOrganisation(request, 'order.write', orgId);
      return claimOrderInvitation(deps, writeContext(request), orgId, token);
    },
  );

  app.get(
    '/api/orgs/:orgId/partners',
    {
      schema: {
        tags,
        summary: 'Organisations on the hub to pick as counterparty or share target (public fields)',
        params: ZOrgParams,
        querystring: z.object({ q: z.string().trim().min(1).max(100).optional() }).strict(),
        response: { 200: z.array(ZPartner) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      return listPartners(deps, orgId, request.query.q);
    },
  );

  // XML bodies are accepted by this one route only, in a scope of their own.
  root.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/xml', 'text/xml'],
      { parseAs: 'string', bodyLimit: UBL_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/orgs/:orgId/orders/import/ubl',
      {
        bodyLimit: UBL_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary:
            'Import a UBL 2.4 Order as a draft: the file as application/xml, or as JSON {ubl, completion} stating HS codes and Incoterms the file lacks',
          params: ZOrgParams,
          response: { 201: ZOrderCreated },
        },
        config: { access: orgAccess, audit: 'trade.order.import_ubl' },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        asOrganisation(request, 'order.write', orgId);
        const { xml, completion } = ublImportOf(request.body);
        const created = await importUblOrder(deps, writeContext(request), orgId, xml, completion);
        return reply.status(201).send(created);
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/orgs/:orgId/orders/:orderId/import/ubl-order-response',
      {
        bodyLimit: UBL_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary:
            'Apply a UBL OrderResponse from the other party (application/xml): AP accepts, RE rejects, CA counters',
          params: ZOrderParams,
          querystring: z.strictObject({ version: z.coerce.number().int().min(1) }),
          response: { 200: ZOrderView },
        },
        config: { access: orderAccess, audit: 'trade.order.import_ubl_response' },
      },
      async (request, reply) => {
        const { orgId, orderId } = request.params;
        asOrganisation(request, 'order.write', orgId);
        if (typeof request.body !== 'string') {
          throw new AppError('http.unsupported_media_type', 'Send the UBL OrderResponse as application/xml.');
        }
        const xml = request.body;
        return answering(request, reply, () =>
          importUblOrderResponse(deps, writeContext(request), orgId, orderId, request.query.version, xml),
        );
      },
    );
  });
};
