import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FinanceDeps } from '../deps.ts';
import { asOrganisation, id, orgAccess, tags, writeContext, ZOrgParams } from '../routes-common.ts';
import { decideClaim, evidenceRoles, fileClaim } from './service/claims.ts';
import {
  declareShipment,
  getDeclaration,
  listPolicyDeclarations,
  retryPremium,
  settleDeclaration,
} from './service/declarations.ts';
import { applyForLimit, decideLimit, getPolicy, issuePolicy, listOwnPolicies } from './service/policies.ts';

const ZMoneyInput = z.strictObject({ amount: z.string().min(1).max(40), currency: z.string().max(3) });
const ZMoney = z.object({ amount: z.string(), currency: z.string() });
const date = z.string().min(1).max(10);
const reason = z.string().trim().min(1).max(500);

const ZPolicyParams = ZOrgParams.extend({ policyId: id });
const ZLimitParams = ZPolicyParams.extend({ limitId: id });
const ZDeclarationParams = ZOrgParams.extend({ declarationId: id });
const policyAccess = { ...orgAccess, objects: { policyId: 'insurance_policy' } };
const limitAccess = {
  ...orgAccess,
  objects: { policyId: 'insurance_policy', limitId: 'insurance_credit_limit' },
};
const declarationAccess = { ...orgAccess, objects: { declarationId: 'insurance_declaration' } };
const base = '/api/orgs/:orgId/finance/insurance';

const ZHistoryItem = z.object({
  kind: z.string(),
  byOrganisationId: z.string(),
  amount: ZMoney.nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

const ZLimit = z.object({
  id: z.string(),
  policyId: z.string(),
  buyer: z.object({
    organisationId: z.string().nullable(),
    name: z.string(),
    country: z.string(),
    registrationId: z.string().nullable(),
  }),
  requestedAmount: ZMoney,
  approvedAmount: ZMoney.nullable(),
  status: z.enum(['requested', 'approved', 'refused', 'cancelled']),
  history: z.array(ZHistoryItem),
});

const ZPolicySummary = z.object({
  id: z.string(),
  policyNumber: z.string(),
  role: z.enum(['insurer', 'exporter']),
  insurerOrganisationId: z.string(),
  exporterOrganisationId: z.string(),
  currency: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  premiumRate: z.string(),
  indemnityPercent: z.string(),
  waitingPeriodDays: z.number(),
  maxCreditPeriodDays: z.number(),
  insurerAccountId: z.string(),
  createdAt: z.string(),
});
const ZPolicy = ZPolicySummary.extend({ limits: z.array(ZLimit) });

const ZEvidence = z.object({
  role: z.string(),
  documentId: z.string(),
  credentialId: z.string(),
  sha256: z.string(),
});

const ZClaim = z.object({
  id: z.string(),
  status: z.enum(['filed', 'accepted', 'paid', 'rejected']),
  outstandingAmount: ZMoney,
  payoutAmount: ZMoney,
  evidence: z.array(ZEvidence),
  reason: z.string().nullable(),
  payoutTransferId: z.string().nullable(),
  filedAt: z.string(),
  history: z.array(
    z.object({
      kind: z.string(),
      byOrganisationId: z.string(),
      detail: z.record(z.string(), z.unknown()),
      at: z.string(),
    }),
  ),
});

const ZDeclarationSummary = z.object({
  id: z.string(),
  policyId: z.string(),
  limitId: z.string(),
  invoiceNumber: z.string(),
  invoiceAmount: ZMoney,
  shipmentDate: z.string(),
  dueDate: z.string(),
  claimableFrom: z.string(),
  premium: ZMoney,
  premiumTransferId: z.string().nullable(),
  accountId: z.string(),
  status: z.enum(['pending_premium', 'active', 'settled', 'claimed']),
  createdAt: z.string(),
});
const ZDeclaration = ZDeclarationSummary.extend({ claim: ZClaim.nullable() });

/** Registers the credit-insurance routes (the contract in docs/credit-insurance.md). */
export const registerInsuranceRoutes = (root: FastifyInstance, deps: FinanceDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    `${base}/policies`,
    {
      schema: {
        tags,
        summary: 'Issue a credit-insurance policy to an exporter (insurers only)',
        params: ZOrgParams,
        body: z.strictObject({
          policyNumber: z.string().trim().min(1).max(64),
          exporterOrganisationId: id,
          currency: z.string().max(3),
          periodStart: date,
          periodEnd: date,
          premiumRate: z.string().min(1).max(12),
          indemnityPercent: z.string().min(1).max(8),
          waitingPeriodDays: z.number().int().min(0).max(720),
          maxCreditPeriodDays: z.number().int().min(1).max(720),
          insurerAccountId: id,
        }),
        response: { 201: ZPolicy },
      },
      config: { access: orgAccess, audit: 'finance.insurance.policy.issue' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'insurance.underwrite', orgId);
      return reply.status(201).send(await issuePolicy(deps, writeContext(request), orgId, request.body));
    },
  );

  app.get(
    `${base}/policies`,
    {
      schema: {
        tags,
        summary: 'The policies the organisation issued (insurer) or holds (exporter), newest first',
        params: ZOrgParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
        response: { 200: z.object({ items: z.array(ZPolicySummary) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'insurance.read', orgId);
      return listOwnPolicies(deps, orgId, request.query.limit);
    },
  );

  app.get(
    `${base}/policies/:policyId`,
    {
      schema: {
        tags,
        summary: 'One policy with its buyer credit limits and their history',
        params: ZPolicyParams,
        response: { 200: ZPolicy },
      },
      config: { access: policyAccess },
    },
    async (request) => {
      const { orgId, policyId } = request.params;
      asOrganisation(request, 'insurance.read', orgId);
      return getPolicy(deps, orgId, policyId);
    },
  );

  app.post(
    `${base}/policies/:policyId/limits`,
    {
      schema: {
        tags,
        summary: 'Apply for a credit limit on a buyer (the exporter holding the policy)',
        params: ZPolicyParams,
        body: z.strictObject({
          buyer: z.strictObject({
            organisationId: id.optional(),
            name: z.string().max(200).optional(),
            country: z.string().max(2).optional(),
            registrationId: z.string().max(64).optional(),
          }),
          amount: ZMoneyInput,
        }),
        response: { 201: ZPolicy },
      },
      config: { access: policyAccess, audit: 'finance.insurance.limit.apply' },
    },
    async (request, reply) => {
      const { orgId, policyId } = request.params;
      asOrganisation(request, 'insurance.declare', orgId);
      return reply
        .status(201)
        .send(await applyForLimit(deps, writeContext(request), orgId, policyId, request.body));
    },
  );

  app.post(
    `${base}/policies/:policyId/limits/:limitId/decision`,
    {
      schema: {
        tags,
        summary: 'Approve, refuse, reduce or cancel a buyer credit limit (the insurer only)',
        params: ZLimitParams,
        body: z.discriminatedUnion('action', [
          z.strictObject({ action: z.literal('approve'), amount: ZMoneyInput }),
          z.strictObject({ action: z.literal('reduce'), amount: ZMoneyInput, reason: reason.optional() }),
          z.strictObject({ action: z.enum(['refuse', 'cancel']), reason }),
        ]),
        response: { 200: ZPolicy },
      },
      config: { access: limitAccess, audit: 'finance.insurance.limit.decide' },
    },
    async (request) => {
      const { orgId, policyId, limitId } = request.params;
      asOrganisation(request, 'insurance.underwrite', orgId);
      return decideLimit(deps, writeContext(request), orgId, policyId, limitId, request.body);
    },
  );

  app.post(
    `${base}/policies/:policyId/declarations`,
    {
      schema: {
        tags,
        summary:
          'Declare a shipment to a buyer with an approved limit; the premium is paid from the exporter account to the insurer',
        params: ZPolicyParams,
        body: z.strictObject({
          limitId: id,
          invoiceNumber: z.string().trim().min(1).max(64),
          invoiceAmount: ZMoneyInput,
          shipmentDate: date,
          dueDate: date,
          accountId: id,
        }),
        response: { 201: ZDeclaration },
      },
      config: { access: policyAccess, audit: 'finance.insurance.declaration.create' },
    },
    async (request, reply) => {
      const { orgId, policyId } = request.params;
      asOrganisation(request, 'insurance.declare', orgId);
      return reply
        .status(201)
        .send(await declareShipment(deps, writeContext(request), orgId, policyId, request.body));
    },
  );

  app.get(
    `${base}/policies/:policyId/declarations`,
    {
      schema: {
        tags,
        summary: 'The shipments declared under a policy, newest first',
        params: ZPolicyParams,
        response: { 200: z.object({ items: z.array(ZDeclarationSummary) }) },
      },
      config: { access: policyAccess },
    },
    async (request) => {
      const { orgId, policyId } = request.params;
      asOrganisation(request, 'insurance.read', orgId);
      return listPolicyDeclarations(deps, orgId, policyId);
    },
  );

  app.get(
    `${base}/declarations/:declarationId`,
    {
      schema: {
        tags,
        summary: 'One declaration with its claim and the claim history',
        params: ZDeclarationParams,
        response: { 200: ZDeclaration },
      },
      config: { access: declarationAccess },
    },
    async (request) => {
      const { orgId, declarationId } = request.params;
      asOrganisation(request, 'insurance.read', orgId);
      return getDeclaration(deps, orgId, declarationId);
    },
  );

  app.post(
    `${base}/declarations/:declarationId/premium`,
    {
      schema: {
        tags,
        summary: 'Finish a declaration whose premium posting was interrupted (the exporter)',
        params: ZDeclarationParams,
        response: { 200: ZDeclaration },
      },
      config: { access: declarationAccess, audit: 'finance.insurance.declaration.premium' },
    },
    async (request) => {
      const { orgId, declarationId } = request.params;
      asOrganisation(request, 'insurance.declare', orgId);
      return retryPremium(deps, writeContext(request), orgId, declarationId);
    },
  );

  app.post(
    `${base}/declarations/:declarationId/settle`,
    {
      schema: {
        tags,
        summary: 'Report that the buyer paid: the invoice no longer counts against its limit (the exporter)',
        params: ZDeclarationParams,
        response: { 200: ZDeclaration },
      },
      config: { access: declarationAccess, audit: 'finance.insurance.declaration.settle' },
    },
    async (request) => {
      const { orgId, declarationId } = request.params;
      asOrganisation(request, 'insurance.declare', orgId);
      return settleDeclaration(deps, writeContext(request), orgId, declarationId);
    },
  );

  app.post(
    `${base}/declarations/:declarationId/claim`,
    {
      schema: {
        tags,
        summary:
          'Claim for an unpaid declaration after the waiting period, with the evidence documents (the exporter)',
        params: ZDeclarationParams,
        body: z.strictObject({
          outstandingAmount: ZMoneyInput.optional(),
          evidence: z
            .array(z.strictObject({ role: z.enum(evidenceRoles), documentId: id }))
            .min(1)
            .max(10),
        }),
        response: { 201: ZDeclaration },
      },
      config: { access: declarationAccess, audit: 'finance.insurance.claim.file' },
    },
    async (request, reply) => {
      const { orgId, declarationId } = request.params;
      asOrganisation(request, 'insurance.claim', orgId);
      return reply
        .status(201)
        .send(await fileClaim(deps, writeContext(request), orgId, declarationId, request.body));
    },
  );

  app.post(
    `${base}/declarations/:declarationId/claim/decision`,
    {
      schema: {
        tags,
        summary:
          'Accept a claim (the payout is paid through the ledger) or reject it with a reason (the insurer)',
        params: ZDeclarationParams,
        body: z.discriminatedUnion('decision', [
          z.strictObject({ decision: z.literal('accept') }),
          z.strictObject({ decision: z.literal('reject'), reason }),
        ]),
        response: { 200: ZDeclaration },
      },
      config: { access: declarationAccess, audit: 'finance.insurance.claim.decide' },
    },
    async (request) => {
      const { orgId, declarationId } = request.params;
      asOrganisation(request, 'insurance.decide_claim', orgId);
      return decideClaim(deps, writeContext(request), orgId, declarationId, request.body);
    },
  );
};
