import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { PaymentsDeps } from '../deps.ts';
import type { PostalAddress } from '../formats/iso20022/index.ts';
import type { WriteContext } from '../service/context.ts';
import { createOutboundPayment } from './create-outbound-payment.ts';
import { getOutboundPayment, listOutbound } from './get-outbound-payment.ts';
import { outboundJson, outboundSummaryJson } from './outbound-json.ts';
import { receivePaymentStatus } from './receive-payment-status.ts';
import {
  ZOutboundInput,
  ZOutboundPayment,
  ZOutboundStatus,
  ZOutboundSummary,
  ZStatusInput,
  ZSubmitInput,
} from './schemas.ts';
import { submitOutboundPayment } from './submit-outbound-payment.ts';

const tags = ['payments'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const ZPaymentParams = ZOrgParams.extend({ paymentId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const paymentAccess = { ...orgAccess, objects: { paymentId: 'outbound_payment' } };
const base = '/api/orgs/:orgId/payments/outbound';

/** The address without the members the client left out (the builder's type has no undefined). */
const addressOf = (address: Record<string, string | string[] | undefined>): PostalAddress =>
  Object.fromEntries(Object.entries(address).filter(([, value]) => value !== undefined)) as PostalAddress;

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (
  request: FastifyRequest,
  action: 'payment.read' | 'payment.transfer' | 'payment.manage',
  orgId: string,
) => authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Outbound payments over the rails (docs/payment-rails.md). */
export const registerRailRoutes = (root: FastifyInstance, deps: PaymentsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Pay an external beneficiary over a rail (sandbox, CIPS or e-CNY) from an account',
        description:
          'Reserves the amount, builds the pacs.008 and submits it. The id is the idempotency key: the same id and request answer the first payment (200).',
        params: ZOrgParams,
        body: ZOutboundInput,
        response: { 200: ZOutboundPayment, 201: ZOutboundPayment },
      },
      config: { access: orgAccess, audit: 'payments.outbound.create' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.transfer', request.params.orgId);
      const { remittanceInformation, purposeCode, debtor, beneficiary, ...rest } = request.body;
      const { cipsParticipantId, lei, ...beneficiaryRest } = beneficiary;
      const result = await createOutboundPayment(deps, writeContext(request), request.params.orgId, {
        ...rest,
        debtor: {
          name: debtor.name,
          postalAddress: addressOf(debtor.postalAddress),
          ...(debtor.lei === undefined ? {} : { lei: debtor.lei }),
        },
        beneficiary: {
          ...beneficiaryRest,
          postalAddress: addressOf(beneficiaryRest.postalAddress),
          ...(cipsParticipantId === undefined ? {} : { cipsParticipantId }),
          ...(lei === undefined ? {} : { lei }),
        },
        ...(remittanceInformation === undefined ? {} : { remittanceInformation }),
        ...(purposeCode === undefined ? {} : { purposeCode }),
      });
      return reply.status(result.replayed ? 200 : 201).send(outboundJson(result));
    },
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The organisation's outbound payments, newest first",
        params: ZOrgParams,
        querystring: z
          .object({
            status: ZOutboundStatus.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZOutboundSummary) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      const items = await listOutbound(deps, request.params.orgId, {
        limit: request.query.limit,
        ...(request.query.status === undefined ? {} : { status: request.query.status }),
      });
      return { items: items.map(outboundSummaryJson) };
    },
  );

  app.get(
    `${base}/:paymentId`,
    {
      schema: {
        tags,
        summary: 'An outbound payment with its timeline',
        params: ZPaymentParams,
        response: { 200: ZOutboundPayment },
      },
      config: { access: paymentAccess },
    },
    async (request) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      return outboundJson(await getOutboundPayment(deps, request.params.orgId, request.params.paymentId));
    },
  );

  app.get(
    `${base}/:paymentId/message`,
    {
      schema: {
        tags,
        summary: 'The message the payment left as (pacs.008.001.08 XML), as a download',
        params: ZPaymentParams,
      },
      config: { access: paymentAccess },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      const { payment } = await getOutboundPayment(deps, request.params.orgId, request.params.paymentId);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${payment.messageId}.pacs.008.xml"`)
        .send(payment.messageXml);
    },
  );

  app.post(
    `${base}/:paymentId/submit`,
    {
      schema: {
        tags,
        summary:
          "Send a prepared payment over its rail's transport, or record that the operator delivered it itself",
        params: ZPaymentParams,
        body: ZSubmitInput,
        response: { 200: ZOutboundPayment },
      },
      config: { access: paymentAccess, audit: 'payments.outbound.submit' },
    },
    async (request) => {
      asOrganisation(request, 'payment.transfer', request.params.orgId);
      return outboundJson(
        await submitOutboundPayment(
          deps,
          writeContext(request),
          request.params.orgId,
          request.params.paymentId,
          request.body.via,
        ),
      );
    },
  );

  app.post(
    `${base}/:paymentId/status`,
    {
      schema: {
        tags,
        summary: 'Apply a pacs.002 status report the bank or the rail sent about the payment',
        description:
          'ACSP/ACCP accept, ACSC settles (the reservation posts), RJCT with its reason rejects (the reservation is voided, once). The same report again answers 200 as before.',
        params: ZPaymentParams,
        body: ZStatusInput,
        response: { 200: ZOutboundPayment, 201: ZOutboundPayment },
      },
      config: { access: paymentAccess, audit: 'payments.outbound.status' },
    },
    async (request, reply) => {
      // Reporting what the rail did moves money: the organisation's administrators (or its
      // bank connection's API key) only.
      asOrganisation(request, 'payment.manage', request.params.orgId);
      const result = await receivePaymentStatus(
        deps,
        writeContext(request),
        request.params.orgId,
        request.params.paymentId,
        request.body.message,
      );
      return reply.status(result.replayed ? 200 : 201).send(outboundJson(result));
    },
  );
};
