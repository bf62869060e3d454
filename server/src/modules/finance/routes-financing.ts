import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { problem, sendProblem } from '../../platform/http/index.ts';
import type { FinanceDeps } from './deps.ts';
import { asOrganisation, id, orgAccess, tags, writeContext, ZOrgParams } from './routes-common.ts';
import {
  ZAcceptInput,
  ZCreateRequestInput,
  ZFinancingRequest,
  ZOfferInput,
  ZPayInput,
  ZRequestStatus,
  ZShareInput,
} from './schemas.ts';
import type { WriteContext } from './service/context.ts';
import { acceptOffer, makeOffer } from './service/financing-offers.ts';
import {
  createFinancingRequest,
  getFinancingRequest,
  listFinancingRequests,
  shareFinancingRequest,
  withdrawFinancingRequest,
} from './service/financing-requests.ts';
import { disburseFinancing, repayFinancing } from './service/financing-settlement.ts';

const ZRequestParams = ZOrgParams.extend({ requestId: id });

/**
 * A purchase order refused for its status says which (`orderStatus`), and one refused because its
 * chain is being financed names the order (`orderId`), so the client can explain without asking
 * the order again.
 */
const withOrderDetails = async <T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'finance.order_not_financeable' || error.code === 'finance.order_already_financed')
    ) {
      const { orderStatus, orderId } = error.details ?? {};
      return sendProblem(reply, {
        ...problem(request, 409, error.code, error.message),
        ...(orderStatus === undefined ? {} : { orderStatus }),
        ...(orderId === undefined ? {} : { orderId }),
      } as ReturnType<typeof problem>);
    }
    throw error;
  }
};
// A request is the exporter's; the banks it is shared with reach it under their own organisation.
const requestAccess = { ...orgAccess, objects: { requestId: 'financing_request' } };
const base = '/api/orgs/:orgId/finance/requests';

/** Registers the financing-request routes (the contract in docs/finance.md). */
export const registerFinancingRoutes = (root: FastifyInstance, deps: FinanceDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const requestStep = (
    path: string,
    summary: string,
    audit: string,
    action: Action,
    body: z.ZodType | undefined,
    run: (
      ctx: WriteContext,
      orgId: string,
      requestId: string,
      body: unknown,
    ) => Promise<z.infer<typeof ZFinancingRequest>>,
  ) =>
    app.post(
      `${base}/:requestId/${path}`,
      {
        schema: {
          tags,
          summary,
          params: ZRequestParams,
          ...(body === undefined ? {} : { body }),
          response: { 200: ZFinancingRequest },
        },
        config: { access: requestAccess, audit },
      },
      async (request, reply) => {
        const { orgId, requestId } = request.params;
        asOrganisation(request, action, orgId);
        return withOrderDetails(request, reply, () =>
          run(writeContext(request), orgId, requestId, request.body),
        );
      },
    );

  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          'Ask for financing of an invoice the organisation issued, or of an agreed order it sells (purchase-order financing); refused when revoked, not agreed, not its own, or already being financed',
        params: ZOrgParams,
        body: ZCreateRequestInput,
        response: { 201: ZFinancingRequest },
      },
      config: { access: orgAccess, audit: 'finance.request.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'financing.request', orgId);
      return withOrderDetails(request, reply, async () => {
        const created = await createFinancingRequest(deps, writeContext(request), orgId, request.body);
        return reply.status(201).send(created);
      });
    },
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The requests the organisation made and those shared with it, newest first',
        params: ZOrgParams,
        querystring: z
          .object({
            status: ZRequestStatus.optional(),
            cursor: id.optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZFinancingRequest), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'financing.read', orgId);
      return listFinancingRequests(deps, orgId, request.query);
    },
  );

  app.get(
    `${base}/:requestId`,
    {
      schema: {
        tags,
        summary:
          'One request as the exporter (every offer) or a bank it is shared with (its own offers) sees it',
        params: ZRequestParams,
        response: { 200: ZFinancingRequest },
      },
      config: { access: requestAccess },
    },
    async (request) => {
      const { orgId, requestId } = request.params;
      asOrganisation(request, 'financing.read', orgId);
      return getFinancingRequest(deps, orgId, requestId);
    },
  );

  requestStep(
    'shares',
    'Share the request with banks (organisations of kind bank): they see it and may offer',
    'finance.request.share',
    'financing.request',
    ZShareInput,
    (ctx, orgId, requestId, body) =>
      shareFinancingRequest(
        deps,
        ctx,
        orgId,
        requestId,
        (body as z.infer<typeof ZShareInput>).bankOrganisationIds,
      ),
  );
  requestStep(
    'offers',
    'Offer terms as a bank the request is shared with (replaces its own open offer)',
    'finance.offer.create',
    'financing.offer',
    ZOfferInput,
    (ctx, orgId, requestId, body) =>
      makeOffer(deps, ctx, orgId, requestId, body as z.infer<typeof ZOfferInput>),
  );
  requestStep(
    'accept',
    'Accept one open offer and name the account to be paid into; the other offers lapse',
    'finance.offer.accept',
    'financing.request',
    ZAcceptInput,
    (ctx, orgId, requestId, body) =>
      acceptOffer(deps, ctx, orgId, requestId, body as z.infer<typeof ZAcceptInput>),
  );
  requestStep(
    'disburse',
    'Disburse as the bank whose offer was accepted: registers the invoice in the registry first (409 finance.already_financed), then pays through the ledger',
    'finance.request.disburse',
    'financing.offer',
    ZPayInput,
    (ctx, orgId, requestId, body) =>
      disburseFinancing(deps, ctx, orgId, requestId, body as z.infer<typeof ZPayInput>),
  );
  requestStep(
    'repay',
    "Repay the bank from the exporter's account (where the buyer's payment came in); releases the registration",
    'finance.request.repay',
    'financing.request',
    ZPayInput,
    (ctx, orgId, requestId, body) =>
      repayFinancing(deps, ctx, orgId, requestId, body as z.infer<typeof ZPayInput>),
  );
  requestStep(
    'withdraw',
    'Withdraw a request no offer of which was accepted',
    'finance.request.withdraw',
    'financing.request',
    undefined,
    (ctx, orgId, requestId) => withdrawFinancingRequest(deps, ctx, orgId, requestId),
  );
};
