import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FinanceDeps } from './deps.ts';
import { asOrganisation, id, orgAccess, tags, writeContext, ZOrgParams } from './routes-common.ts';
import {
  ZCheckAnswer,
  ZCheckInput,
  ZIpAssetCheckInput,
  ZRegisterInput,
  ZRegistration,
  ZRegistrationStatus,
} from './schemas.ts';
import { checkInvoice } from './service/check-invoice.ts';
import { checkIpAsset } from './service/check-ip-asset.ts';
import { getRegistration } from './service/get-registration.ts';
import { listRegistrations } from './service/list-registrations.ts';
import { registerInvoice } from './service/register-invoice.ts';
import { releaseRegistration } from './service/release-registration.ts';

const ZRegistrationParams = ZOrgParams.extend({ registrationId: id });
const registrationAccess = { ...orgAccess, objects: { registrationId: 'financing_registration' } };
const base = '/api/orgs/:orgId/finance/registry';

/** Registers the duplicate-financing registry's HTTP routes (the contract in the module README). */
export const registerFinanceRoutes = (root: FastifyInstance, deps: FinanceDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    `${base}/checks`,
    {
      schema: {
        tags,
        summary:
          'Ask whether an invoice (or a purchase order) is financed already: no_match, exact_match or similar with a risk level, nothing more',
        params: ZOrgParams,
        body: ZCheckInput,
        response: { 200: ZCheckAnswer },
      },
      config: { access: orgAccess, audit: 'finance.registry.check' },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'finance_registry.check', orgId);
      return checkInvoice(deps, writeContext(request), orgId, request.body.invoice, request.body.assetType);
    },
  );

  app.post(
    `${base}/ip-assets/check`,
    {
      schema: {
        tags,
        summary:
          'Ask whether an IP right (kind, jurisdiction, registry number in any spelling) is pledged already: no_match or exact_match with a risk level, nothing more',
        params: ZOrgParams,
        body: ZIpAssetCheckInput,
        response: { 200: ZCheckAnswer },
      },
      config: { access: orgAccess, audit: 'finance.registry.ip_check' },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'finance_registry.check', orgId);
      return checkIpAsset(deps, writeContext(request), orgId, request.body);
    },
  );

  app.post(
    `${base}/registrations`,
    {
      schema: {
        tags,
        summary:
          'Register an invoice (or a purchase order) as financed by the organisation, before disbursing (409 finance.already_financed when it is)',
        params: ZOrgParams,
        body: ZRegisterInput,
        response: {
          201: ZRegistration.extend({
            check: ZCheckAnswer.pick({ answer: true, risk: true }),
          }),
        },
      },
      config: { access: orgAccess, audit: 'finance.registry.register' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'finance_registry.register', orgId);
      const registration = await registerInvoice(deps, writeContext(request), orgId, request.body);
      return reply.status(201).send(registration);
    },
  );

  app.get(
    `${base}/registrations`,
    {
      schema: {
        tags,
        summary: "The organisation's own registrations, newest first",
        params: ZOrgParams,
        querystring: z
          .object({
            status: ZRegistrationStatus.optional(),
            cursor: id.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZRegistration), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'finance_registry.read', orgId);
      return listRegistrations(deps, orgId, request.query);
    },
  );

  app.get(
    `${base}/registrations/:registrationId`,
    {
      schema: {
        tags,
        summary: 'One of the organisation’s own registrations',
        params: ZRegistrationParams,
        response: { 200: ZRegistration },
      },
      config: { access: registrationAccess },
    },
    async (request) => {
      const { orgId, registrationId } = request.params;
      asOrganisation(request, 'finance_registry.read', orgId);
      return getRegistration(deps, orgId, registrationId);
    },
  );

  app.post(
    `${base}/registrations/:registrationId/release`,
    {
      schema: {
        tags,
        summary:
          'Release a registration once the financing is repaid or cancelled (the registering financier only; an IP pledge is released in the IP registry: 409 finance.registration_is_ip_pledge)',
        params: ZRegistrationParams,
        response: { 200: ZRegistration },
      },
      config: { access: registrationAccess, audit: 'finance.registry.release' },
    },
    async (request) => {
      const { orgId, registrationId } = request.params;
      asOrganisation(request, 'finance_registry.register', orgId);
      return releaseRegistration(deps, writeContext(request), orgId, registrationId);
    },
  );
};
