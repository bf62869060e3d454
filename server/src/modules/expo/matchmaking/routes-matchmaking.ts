import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { requirementStatuses } from './requirement-rules.ts';
import { matchWeights } from './score-match.ts';
import {
  changeRequirement,
  getLead,
  getRequirement,
  listOwnRequirements,
  type MatchmakingContext,
  markLead,
  postRequirement,
  requirementMatches,
  supplierLeads,
} from './service-matchmaking.ts';
import { expoTrends } from './trends.ts';

const tags = ['expo'];
const id = z.string().max(64);
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const requirementAccess = { ...orgAccess, objects: { requirementId: 'expo_requirement' } };
const leadAccess = { ...orgAccess, objects: { leadId: 'expo_lead' } };
const ZOrgParams = z.object({ orgId: id });
const ZRequirementParams = ZOrgParams.extend({ requirementId: id });
const ZLeadParams = ZOrgParams.extend({ leadId: id });
const base = '/api/orgs/:orgId/expo';

// Fields arrive as loose strings and are judged by the requirement's rules, so every problem comes
// back at once with a code the web app translates (not Zod's first complaint).
const text = (max: number) => z.string().max(max);
const ZMoneyInput = z.strictObject({
  amount: text(40).describe('Decimal string in major units, e.g. "1.25"'),
  currency: text(8).describe('ISO 4217'),
});
const ZRequirementFields = {
  title: text(1000),
  description: text(20_000).optional(),
  hsCode: text(20).nullable().optional().describe('HS 2022 subheading, six digits'),
  quantity: text(40).describe('Decimal string'),
  unit: text(8).describe('UN/ECE Recommendation 20 unit code, e.g. H87 (piece)'),
  targetPrice: ZMoneyInput.nullable().optional().describe('Target unit price per `unit`'),
  destinationCountry: text(8).nullable().optional().describe('ISO 3166-1 alpha-2; required'),
  destinationUnlocode: text(16).nullable().optional(),
  certifications: z.array(text(100)).max(50).optional().describe('Schemes wanted: CE, RoHS …'),
  deadline: text(40).describe('YYYY-MM-DD, not in the past'),
};
const ZMoney = z.object({ amount: z.string(), currency: z.string() });
const ZRequirement = z.object({
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  description: z.string(),
  hsCode: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  targetPrice: ZMoney.nullable(),
  destinationCountry: z.string(),
  destinationUnlocode: z.string().nullable(),
  certifications: z.array(z.string()),
  deadline: z.string(),
  status: z.enum(requirementStatuses),
  version: z.number().int(),
  matchCount: z.number().int(),
  matchedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const leadStatuses = ['new', 'interested', 'declined'] as const;
const ZComponent = z.object({
  key: z.enum(Object.keys(matchWeights) as [keyof typeof matchWeights, ...(keyof typeof matchWeights)[]]),
  weight: z.number(),
  value: z.number(),
  points: z.number(),
  reason: z.string().describe('Translated as expoMatchmaking.reasons.<reason> with params'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const ZLead = z.object({
  id: z.string(),
  side: z.enum(['buyer', 'supplier']),
  requirementId: z.string(),
  buyerOrganisationId: z.string(),
  supplierOrganisationId: z.string(),
  score: z.number().int(),
  components: z.array(ZComponent),
  buyerStatus: z.enum(leadStatuses),
  supplierStatus: z.enum(leadStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
  buyer: z.object({ name: z.string(), nameZh: z.string() }),
  exhibitor: z.object({ nameZh: z.string(), nameEn: z.string(), country: z.string() }),
  product: z.object({
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    hsCode: z.string(),
    moq: z.string(),
    moqUnit: z.string(),
    priceMin: ZMoney.nullable(),
    priceMax: ZMoney.nullable(),
  }),
  requirement: z.object({
    title: z.string(),
    description: z.string(),
    hsCode: z.string().nullable(),
    quantity: z.string(),
    unit: z.string(),
    targetPrice: ZMoney.nullable(),
    destinationCountry: z.string(),
    destinationUnlocode: z.string().nullable(),
    certifications: z.array(z.string()),
    deadline: z.string(),
    status: z.enum(requirementStatuses),
  }),
});
const ZPage = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
const ZTrendSeries = z.object({
  key: z.string(),
  total: z.number().int(),
  counts: z.array(z.number().int()),
});

const context = (request: FastifyRequest, organisationId: string): MatchmakingContext => ({
  organisationId,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** Role check on the organisation in the path: 404 for a non-member, 403 for too small a role. */
const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Buyer requirements, their matches, supplier leads and trends (docs/expo-matchmaking.md). */
export const registerMatchmakingRoutes = (root: FastifyInstance, deps: ExpoDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    `${base}/requirements`,
    {
      schema: {
        tags,
        summary: "Post a buyer's requirement; it is matched against the published catalogue at once",
        params: ZOrgParams,
        body: z.strictObject(ZRequirementFields),
        response: { 201: ZRequirement },
      },
      config: { access: orgAccess, audit: 'expo.requirement.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_requirement.write', orgId);
      return reply.status(201).send(await postRequirement(deps, context(request, orgId), request.body));
    },
  );

  app.get(
    `${base}/requirements`,
    {
      schema: {
        tags,
        summary: "The organisation's own requirements, newest first, with their match counts",
        params: ZOrgParams,
        querystring: ZPage.extend({ status: z.enum(requirementStatuses).optional() }),
        response: { 200: z.object({ items: z.array(ZRequirement), total: z.number().int() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_requirement.read', orgId);
      return listOwnRequirements(deps, orgId, request.query);
    },
  );

  app.get(
    `${base}/requirements/:requirementId`,
    {
      schema: {
        tags,
        summary: 'One own requirement',
        params: ZRequirementParams,
        response: { 200: ZRequirement },
      },
      config: { access: requirementAccess },
    },
    async (request) => {
      const { orgId, requirementId } = request.params;
      onOrganisation(request, 'expo_requirement.read', orgId);
      return getRequirement(deps, orgId, requirementId);
    },
  );

  app.patch(
    `${base}/requirements/:requirementId`,
    {
      schema: {
        tags,
        summary:
          'Edit an open requirement (it is matched again), or close, fulfil or reopen it; `version` as read',
        params: ZRequirementParams,
        body: z
          .strictObject(ZRequirementFields)
          .partial()
          .extend({ version: z.number().int().min(1), status: z.enum(requirementStatuses).optional() }),
        response: { 200: ZRequirement },
      },
      config: { access: requirementAccess, audit: 'expo.requirement.update' },
    },
    async (request) => {
      const { orgId, requirementId } = request.params;
      onOrganisation(request, 'expo_requirement.write', orgId);
      return changeRequirement(deps, context(request, orgId), requirementId, request.body);
    },
  );

  app.get(
    `${base}/requirements/:requirementId/matches`,
    {
      schema: {
        tags,
        summary: "The buyer's ranked matches of its requirement, each score explained component by component",
        params: ZRequirementParams,
        response: { 200: z.object({ requirement: ZRequirement, items: z.array(ZLead) }) },
      },
      config: { access: requirementAccess },
    },
    async (request) => {
      const { orgId, requirementId } = request.params;
      onOrganisation(request, 'expo_requirement.read', orgId);
      return requirementMatches(deps, orgId, requirementId);
    },
  );

  app.get(
    `${base}/leads`,
    {
      schema: {
        tags,
        summary:
          "The supplier's leads: buyers' requirements that matched its products, with score and explanation",
        params: ZOrgParams,
        querystring: ZPage.extend({
          status: z.enum(leadStatuses).optional().describe("The supplier's own mark"),
          minScore: z.coerce.number().int().min(0).max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZLead), total: z.number().int() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_lead.read', orgId);
      return supplierLeads(deps, orgId, request.query);
    },
  );

  app.get(
    `${base}/leads/:leadId`,
    {
      schema: {
        tags,
        summary: 'One lead, for its buyer or its supplier (the meeting request names it by id)',
        params: ZLeadParams,
        response: { 200: ZLead },
      },
      config: { access: leadAccess },
    },
    async (request) => {
      const { orgId, leadId } = request.params;
      onOrganisation(request, 'expo_lead.read', orgId);
      return getLead(deps, orgId, leadId);
    },
  );

  app.patch(
    `${base}/leads/:leadId`,
    {
      schema: {
        tags,
        summary: "Mark a lead interested or declined (or new again): the buyer's or the supplier's own mark",
        params: ZLeadParams,
        body: z.strictObject({ status: z.enum(leadStatuses) }),
        response: { 200: ZLead },
      },
      config: { access: leadAccess, audit: 'expo.lead.mark' },
    },
    async (request) => {
      const { orgId, leadId } = request.params;
      onOrganisation(request, 'expo_lead.write', orgId);
      return markLead(deps, context(request, orgId), leadId, request.body.status);
    },
  );

  app.get(
    '/api/expo/trends',
    {
      schema: {
        tags,
        summary:
          'What buyers ask for per month, by HS chapter or destination country: requirements, searches and trade (aggregates only)',
        querystring: z.object({
          from: z.string().max(20).optional().describe('YYYY-MM; default: twelve months before `to`'),
          to: z.string().max(20).optional().describe('YYYY-MM; default: this month'),
          by: z.enum(['hs_chapter', 'country']).default('hs_chapter'),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            by: z.enum(['hs_chapter', 'country']),
            months: z.array(z.string()),
            requirements: z.array(ZTrendSeries),
            searches: z.array(ZTrendSeries),
            trade: z
              .object({
                year: z.number().int(),
                throughMonth: z.number().int(),
                items: z.array(z.object({ key: z.string(), usdMinor: z.string() })),
              })
              .nullable(),
          }),
        },
      },
      config: { access: { kind: 'authenticated' } },
    },
    async (request) => expoTrends(deps, request.query),
  );
};
