import { AppError, isCountryCode } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { ExpoDeps } from '../deps.ts';
import type { ServicesTradeContext } from './context.ts';
import {
  gatsModes,
  isCalendarDate,
  paymentMethods,
  serviceContractStatuses,
  technologyCatalogue,
  technologyCategories,
  technologyDirections,
  technologyFields,
  technologyStatuses,
} from './domain-services-trade.ts';
import {
  createServiceContract,
  deleteServiceContract,
  getServiceContract,
  listServiceContractsOf,
  recordServiceDelivery,
  updateServiceContract,
} from './service-contracts.ts';
import {
  cancelTechnologyContract,
  createTechnologyContract,
  getTechnologyContract,
  listTechnologyContractsOf,
  registerTechnologyContract,
} from './service-technology.ts';

const tags = ['expo'];
const id = z.string().max(64);
const base = '/api/orgs/:orgId/expo';
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const contractAccess = { ...orgAccess, objects: { contractId: 'expo_service_contract' } };
const technologyAccess = { ...orgAccess, objects: { technologyContractId: 'expo_technology_contract' } };
const ZOrgParams = z.object({ orgId: id });
const ZContractParams = ZOrgParams.extend({ contractId: id });
const ZTechnologyParams = ZOrgParams.extend({ technologyContractId: id });

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  .refine(isCalendarDate, 'A calendar date');
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case')
  .refine((code) => isCountryCode(code), 'An ISO 3166-1 country');
const text = (max: number) => z.string().trim().min(1).max(max);
const ZMoneyInput = z.strictObject({
  amount: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,4})?$/, 'A decimal amount such as 12000.00')
    .describe('Decimal string in the currency, never a number'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217'),
});
const ZMoney = z.object({ amount: z.string(), currency: z.string() });
const ZEvidence = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), documentId: z.string().regex(/^doc_[0-9A-Za-z]{1,60}$/) }),
  z.strictObject({
    kind: z.literal('file'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lower-case hex digits'),
    name: text(200),
    sizeBytes: z.number().int().min(0).max(1e12),
  }),
]);
const ZEvidenceList = z.array(ZEvidence).max(20);
const ebopsCode = z.string().regex(/^S[A-L][0-9.]{0,8}$/, 'An EBOPS 2010 item code such as SI2');

const ZClientInput = z.strictObject({
  name: text(200),
  country,
  organisationId: id.nullable().optional(),
});
const ZHistory = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});
const ZServiceContract = z.object({
  id: z.string(),
  organisationId: z.string(),
  providerName: z.string().nullable(),
  providerNameZh: z.string().nullable(),
  role: z.enum(['provider', 'client', 'regulator']),
  reference: z.string(),
  title: z.string(),
  client: z.object({ name: z.string(), country: z.string(), organisationId: z.string().nullable() }),
  ebopsCode: z.string(),
  ebopsEn: z.string().nullable(),
  ebopsZh: z.string().nullable(),
  gatsMode: z.enum(gatsModes),
  value: ZMoney,
  delivered: ZMoney,
  remaining: ZMoney,
  startsOn: z.string(),
  endsOn: z.string(),
  digitallyDelivered: z.boolean(),
  evidence: z.array(
    z.union([
      z.object({ kind: z.literal('document'), documentId: z.string() }),
      z.object({ kind: z.literal('file'), sha256: z.string(), name: z.string(), sizeBytes: z.number() }),
    ]),
  ),
  status: z.enum(serviceContractStatuses),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZDelivery = z.object({
  id: z.string(),
  contractId: z.string(),
  deliveredOn: z.string(),
  value: ZMoney,
  note: z.string(),
  evidence: ZServiceContract.shape.evidence,
  eventId: z.string(),
  createdAt: z.string(),
});
const ZTechnologyContract = z.object({
  id: z.string(),
  organisationId: z.string(),
  chinesePartyName: z.string().nullable(),
  chinesePartyNameZh: z.string().nullable(),
  role: z.enum(['chinese_party', 'foreign_party', 'regulator']),
  reference: z.string(),
  direction: z.enum(technologyDirections),
  foreignParty: z.object({ name: z.string(), country: z.string(), organisationId: z.string().nullable() }),
  technologyName: z.string(),
  technologyFields: z.array(z.string()),
  category: z.enum(['free', 'restricted']),
  catalogueEntry: z
    .object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), verified: z.boolean() })
    .nullable(),
  licenceNumber: z.string().nullable(),
  value: ZMoney,
  paymentMethod: z.enum(paymentMethods),
  termStartsOn: z.string(),
  termEndsOn: z.string(),
  status: z.enum(technologyStatuses),
  registrationNumber: z.string().nullable(),
  registeredOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const limit = z.coerce.number().int().min(1).max(1000).default(200);
const ZServiceQuery = z.strictObject({
  role: z.enum(['provider', 'client', 'all']).default('all'),
  status: z.enum(serviceContractStatuses).optional(),
  ebops: z
    .string()
    .regex(/^S[A-L][0-9.]{0,8}$/, 'An EBOPS 2010 category or item')
    .optional(),
  gatsMode: z.enum(gatsModes).optional(),
  clientCountry: country.optional(),
  from: date.optional(),
  to: date.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit,
});
const ZTechnologyQuery = z.strictObject({
  direction: z.enum(technologyDirections).optional(),
  category: z.enum(['free', 'restricted']).optional(),
  status: z.enum(technologyStatuses).optional(),
  limit,
});

const context = (request: FastifyRequest, organisationId: string): ServicesTradeContext => ({
  organisationId,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});
const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });
const onObject = (request: FastifyRequest, action: Action, type: string, orgId: string, objectId: string) =>
  authorize(request, action, { type, id: objectId, organisationId: orgId });

/**
 * The regulator's view reads every organisation's records: for the commerce department (a
 * regulator) only, as the statistics' enterprise drill-down is.
 */
const asRegulator = async (deps: ExpoDeps, request: FastifyRequest, orgId: string) => {
  onOrganisation(request, 'expo_services_trade.read_all', orgId);
  if ((await deps.organisationKind(orgId)) !== 'regulator') {
    throw new AppError(
      'expo.service_regulators_only',
      'All organisations’ services-trade records are for the commerce department.',
    );
  }
};

/** Service contracts and deliveries, technology import/export contracts and their registration. */
export const registerServicesTradeRoutes = (root: FastifyInstance, deps: ExpoDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/expo/technology-catalogue',
    {
      schema: {
        tags,
        summary:
          'The shipped selection of the catalogues of technologies prohibited or restricted from export and import',
        response: {
          200: z.object({
            source: z.object({
              exportZh: z.string(),
              exportEn: z.string(),
              importZh: z.string(),
              importEn: z.string(),
              note: z.string(),
            }),
            entries: z.array(
              z.object({
                id: z.string(),
                direction: z.enum(technologyDirections),
                category: z.enum(['restricted', 'prohibited']),
                industryZh: z.string(),
                industryEn: z.string(),
                nameZh: z.string(),
                nameEn: z.string(),
                verified: z.boolean(),
              }),
            ),
          }),
        },
      },
      config: { access: { kind: 'public' } },
    },
    async () => technologyCatalogue,
  );

  app.get(
    `${base}/service-contracts`,
    {
      schema: {
        tags,
        summary: 'Service contracts the organisation provides, or is the client of, with filters',
        params: ZOrgParams,
        querystring: ZServiceQuery,
        response: { 200: z.object({ items: z.array(ZServiceContract) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_services_trade.read', orgId);
      return listServiceContractsOf(deps, { organisationId: orgId, ...request.query });
    },
  );

  app.post(
    `${base}/service-contracts`,
    {
      schema: {
        tags,
        summary: 'Record a service contract with a client abroad (the organisation is the provider)',
        params: ZOrgParams,
        body: z.strictObject({
          reference: text(80).describe('The contract number, unique in the organisation'),
          title: text(200),
          client: ZClientInput,
          ebopsCode,
          gatsMode: z.enum(gatsModes),
          value: ZMoneyInput,
          startsOn: date,
          endsOn: date,
          digitallyDelivered: z.boolean(),
          evidence: ZEvidenceList.default([]),
        }),
        response: { 201: ZServiceContract },
      },
      config: { access: orgAccess, audit: 'expo.service_contract.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_services_trade.write', orgId);
      return reply.status(201).send(await createServiceContract(deps, context(request, orgId), request.body));
    },
  );

  app.get(
    `${base}/service-contracts/:contractId`,
    {
      schema: {
        tags,
        summary: 'One service contract with its deliveries and status history',
        params: ZContractParams,
        response: {
          200: ZServiceContract.extend({ deliveries: z.array(ZDelivery), history: z.array(ZHistory) }),
        },
      },
      config: { access: contractAccess },
    },
    async (request) => {
      const { orgId, contractId } = request.params;
      onObject(request, 'expo_services_trade.read', 'expo_service_contract', orgId, contractId);
      return getServiceContract(deps, orgId, contractId);
    },
  );

  app.patch(
    `${base}/service-contracts/:contractId`,
    {
      schema: {
        tags,
        summary: 'Change an active contract, or complete or terminate it (active → completed | terminated)',
        params: ZContractParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          title: text(200).optional(),
          client: ZClientInput.optional(),
          ebopsCode: ebopsCode.optional(),
          gatsMode: z.enum(gatsModes).optional(),
          value: ZMoneyInput.optional(),
          startsOn: date.optional(),
          endsOn: date.optional(),
          digitallyDelivered: z.boolean().optional(),
          evidence: ZEvidenceList.optional(),
          status: z.enum(serviceContractStatuses).optional(),
          reason: z.string().trim().max(500).optional(),
        }),
        response: { 200: ZServiceContract },
      },
      config: { access: contractAccess, audit: 'expo.service_contract.update' },
    },
    async (request) => {
      const { orgId, contractId } = request.params;
      onObject(request, 'expo_services_trade.write', 'expo_service_contract', orgId, contractId);
      return updateServiceContract(deps, context(request, orgId), contractId, request.body);
    },
  );

  app.delete(
    `${base}/service-contracts/:contractId`,
    {
      schema: {
        tags,
        summary: 'Delete a contract recorded by mistake (only one without deliveries)',
        params: ZContractParams,
      },
      config: { access: contractAccess, audit: 'expo.service_contract.delete' },
    },
    async (request, reply) => {
      const { orgId, contractId } = request.params;
      onObject(request, 'expo_services_trade.write', 'expo_service_contract', orgId, contractId);
      await deleteServiceContract(deps, context(request, orgId), contractId);
      return reply.status(204).send();
    },
  );

  app.post(
    `${base}/service-contracts/:contractId/deliveries`,
    {
      schema: {
        tags,
        summary:
          'Record a delivery or instalment (the deliveries add up to at most the contract value); it feeds the statistics',
        params: ZContractParams,
        body: z.strictObject({
          deliveredOn: date,
          value: ZMoneyInput,
          note: z.string().trim().max(2000).optional(),
          evidence: ZEvidenceList.default([]),
        }),
        response: { 201: ZDelivery },
      },
      config: { access: contractAccess, audit: 'expo.service_delivery.record' },
    },
    async (request, reply) => {
      const { orgId, contractId } = request.params;
      onObject(request, 'expo_services_trade.write', 'expo_service_contract', orgId, contractId);
      return reply
        .status(201)
        .send(await recordServiceDelivery(deps, context(request, orgId), contractId, request.body));
    },
  );

  app.get(
    `${base}/technology-contracts`,
    {
      schema: {
        tags,
        summary:
          'Technology import and export contracts of the organisation (or naming it as the foreign party)',
        params: ZOrgParams,
        querystring: ZTechnologyQuery,
        response: { 200: z.object({ items: z.array(ZTechnologyContract) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_services_trade.read', orgId);
      return listTechnologyContractsOf(deps, { organisationId: orgId, ...request.query });
    },
  );

  app.post(
    `${base}/technology-contracts`,
    {
      schema: {
        tags,
        summary:
          'Record a technology import or export contract as a draft; a prohibited technology is refused (422)',
        params: ZOrgParams,
        body: z.strictObject({
          reference: text(80),
          direction: z.enum(technologyDirections),
          foreignParty: ZClientInput,
          technologyName: text(200),
          technologyFields: z.array(z.enum(technologyFields)).min(1).max(technologyFields.length),
          category: z.enum(technologyCategories),
          catalogueEntry: z.string().max(64).nullable().optional(),
          licenceNumber: text(80).nullable().optional(),
          value: ZMoneyInput,
          paymentMethod: z.enum(paymentMethods),
          termStartsOn: date,
          termEndsOn: date,
        }),
        response: { 201: ZTechnologyContract },
      },
      config: { access: orgAccess, audit: 'expo.technology_contract.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_services_trade.write', orgId);
      return reply
        .status(201)
        .send(await createTechnologyContract(deps, context(request, orgId), request.body));
    },
  );

  app.get(
    `${base}/technology-contracts/:technologyContractId`,
    {
      schema: {
        tags,
        summary: 'One technology contract with its registration record and status history',
        params: ZTechnologyParams,
        response: { 200: ZTechnologyContract.extend({ history: z.array(ZHistory) }) },
      },
      config: { access: technologyAccess },
    },
    async (request) => {
      const { orgId, technologyContractId } = request.params;
      onObject(request, 'expo_services_trade.read', 'expo_technology_contract', orgId, technologyContractId);
      return getTechnologyContract(deps, orgId, technologyContractId);
    },
  );

  app.post(
    `${base}/technology-contracts/:technologyContractId/register`,
    {
      schema: {
        tags,
        summary:
          'Register a draft (技术进出口合同登记): a restricted technology needs its licence number first',
        params: ZTechnologyParams,
        body: z.strictObject({ version: z.number().int().min(1), licenceNumber: text(80).optional() }),
        response: { 200: ZTechnologyContract.extend({ history: z.array(ZHistory) }) },
      },
      config: { access: technologyAccess, audit: 'expo.technology_contract.register' },
    },
    async (request) => {
      const { orgId, technologyContractId } = request.params;
      onObject(
        request,
        'expo_technology_contract.register',
        'expo_technology_contract',
        orgId,
        technologyContractId,
      );
      return registerTechnologyContract(deps, context(request, orgId), technologyContractId, request.body);
    },
  );

  app.post(
    `${base}/technology-contracts/:technologyContractId/cancel`,
    {
      schema: {
        tags,
        summary: 'Cancel a draft or a registration, with the reason',
        params: ZTechnologyParams,
        body: z.strictObject({ version: z.number().int().min(1), reason: text(500) }),
        response: { 200: ZTechnologyContract.extend({ history: z.array(ZHistory) }) },
      },
      config: { access: technologyAccess, audit: 'expo.technology_contract.cancel' },
    },
    async (request) => {
      const { orgId, technologyContractId } = request.params;
      onObject(
        request,
        'expo_technology_contract.register',
        'expo_technology_contract',
        orgId,
        technologyContractId,
      );
      return cancelTechnologyContract(deps, context(request, orgId), technologyContractId, request.body);
    },
  );

  app.get(
    `${base}/services-trade/all-service-contracts`,
    {
      schema: {
        tags,
        summary: "Every organisation's service contracts, for the commerce department's statistics",
        params: ZOrgParams,
        querystring: ZServiceQuery.omit({ role: true }).extend({ providerOrganisationId: id.optional() }),
        response: { 200: z.object({ items: z.array(ZServiceContract) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId);
      return listServiceContractsOf(deps, { organisationId: null, role: 'all', ...request.query });
    },
  );

  app.get(
    `${base}/services-trade/all-technology-contracts`,
    {
      schema: {
        tags,
        summary: "Every organisation's technology import and export contracts, for the commerce department",
        params: ZOrgParams,
        querystring: ZTechnologyQuery,
        response: { 200: z.object({ items: z.array(ZTechnologyContract) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId);
      return listTechnologyContractsOf(deps, { organisationId: null, ...request.query });
    },
  );
};
