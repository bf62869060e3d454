import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type EscrowOutcome, escrowJson } from '../../modules/payments/index.ts';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { OrderEscrowDeps } from './deps.ts';
import { ZEscrow, ZFundInput, ZOrderParams, ZResolveInput, ZSplitInput } from './schemas.ts';
import { fundOrderEscrow, getOrderEscrow, resolveOrderEscrow } from './service.ts';

const tags = ['payments'];
const base = '/api/orgs/:orgId/orders/:orderId/escrow';
const access = { kind: 'organisation' as const, param: 'orgId', objects: { orderId: 'order' } };

type WriteContext = Parameters<OrderEscrowDeps['payments']['fundEscrow']>[0];

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** The caller's role in the organisation it acts as must allow `action` (404 when it is no member). */
const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** The order-escrow routes (docs/payments.md, "Order escrow"). */
export const registerOrderEscrowRoutes = (root: FastifyInstance, deps: OrderEscrowDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          "The order's escrow and every step of it (parties and organisations the order is shared with)",
        params: ZOrderParams,
        response: { 200: ZEscrow },
      },
      config: { access },
    },
    async (request) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'order.read', orgId);
      const record = await getOrderEscrow(deps, orgId, orderId);
      return escrowJson(record.escrow, record.events, orgId);
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "The buyer funds the order: its total reserved on the buyer's account for the seller",
        params: ZOrderParams,
        body: ZFundInput,
        response: { 201: ZEscrow },
      },
      config: { access, audit: 'payments.escrow.fund' },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'payment.transfer', orgId);
      const record = await fundOrderEscrow(deps, writeContext(request), orgId, orderId, request.body);
      return reply.status(201).send(escrowJson(record.escrow, record.events, orgId));
    },
  );

  const outcomes: {
    path: string;
    summary: string;
    outcome: () => EscrowOutcome;
    audit: string;
  }[] = [
    {
      path: 'release',
      summary:
        'Release the escrow to the seller (buyer acceptance, delivery confirmed, or a dispute outcome)',
      outcome: () => ({ kind: 'release' }),
      audit: 'payments.escrow.release',
    },
    {
      path: 'refund',
      summary: 'Return the escrow to the buyer (the seller, the buyer of a cancelled order, or the mediator)',
      outcome: () => ({ kind: 'refund' }),
      audit: 'payments.escrow.refund',
    },
  ];
  for (const { path, summary, outcome, audit } of outcomes) {
    app.post(
      `${base}/${path}`,
      {
        schema: { tags, summary, params: ZOrderParams, body: ZResolveInput, response: { 200: ZEscrow } },
        config: { access, audit },
      },
      async (request) => {
        const { orgId, orderId } = request.params;
        asOrganisation(request, 'escrow.act', orgId);
        const record = await resolveOrderEscrow(deps, writeContext(request), orgId, orderId, {
          outcome: outcome(),
          note: request.body.note ?? null,
          asMediator: () => asOrganisation(request, 'escrow.decide', orgId),
        });
        return escrowJson(record.escrow, record.events, orgId);
      },
    );
  }

  app.post(
    `${base}/split`,
    {
      schema: {
        tags,
        summary: "A dispute outcome: part to the seller, the rest back to the buyer (the escrow's mediator)",
        params: ZOrderParams,
        body: ZSplitInput,
        response: { 200: ZEscrow },
      },
      config: { access, audit: 'payments.escrow.split' },
    },
    async (request) => {
      const { orgId, orderId } = request.params;
      asOrganisation(request, 'escrow.decide', orgId);
      const record = await resolveOrderEscrow(deps, writeContext(request), orgId, orderId, {
        outcome: { kind: 'split', sellerAmount: request.body.sellerAmount },
        note: request.body.note ?? null,
        asMediator: () => asOrganisation(request, 'escrow.decide', orgId),
      });
      return escrowJson(record.escrow, record.events, orgId);
    },
  );
};
