import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess, requireActor } from '../../../platform/http/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { ebopsItems, ebopsSource } from './ebops.ts';
import {
  browseExhibitors,
  browseProducts,
  exhibitorPage,
  publishedProduct,
  publishedService,
} from './reads.ts';
import {
  pageOf,
  ZBooth,
  ZBoothInput,
  ZEvent,
  ZEventDetail,
  ZEventInput,
  ZExhibitor,
  ZHall,
  ZHallInput,
  ZId,
  ZPaging,
  ZProduct,
  ZProductInput,
  ZProductPatch,
  ZPublicExhibitor,
  ZPublicProduct,
  ZScheme,
  ZService,
  ZServiceInput,
  ZServicePatch,
  ZSession,
  ZSessionInput,
  ZShowcaseInput,
  ZStatus,
} from './schemas.ts';
import {
  addBooth,
  addHall,
  addSession,
  assignExhibitorToBooth,
  createEvent,
  getEvent,
  listEvents,
  setOwnEventStatus,
} from './service-events.ts';
import {
  attachCertification,
  type CatalogueContext,
  createProduct,
  createService,
  detachCertification,
  getOwnProduct,
  getOwnService,
  getShowcase,
  listProducts,
  listServices,
  patchProduct,
  patchService,
  putShowcase,
  setProductStatus,
  setServiceStatus,
} from './service-showcase.ts';

const tags = ['expo'];
const base = '/api/orgs/:orgId/expo';
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const productAccess = { ...orgAccess, objects: { productId: 'expo_product' } };
const serviceAccess = { ...orgAccess, objects: { serviceId: 'expo_service' } };
const eventAccess = { ...orgAccess, objects: { eventId: 'expo_event' } };
const boothAccess = { ...orgAccess, objects: { eventId: 'expo_event', boothId: 'expo_booth' } };
const signedIn = { kind: 'authenticated' as const };

const ZOrgParams = z.object({ orgId: ZId });
const ZProductParams = ZOrgParams.extend({ productId: ZId });
const ZCertificationParams = ZProductParams.extend({ scheme: ZScheme });
const ZServiceParams = ZOrgParams.extend({ serviceId: ZId });
const ZEventParams = ZOrgParams.extend({ eventId: ZId });
const ZBoothParams = ZEventParams.extend({ boothId: ZId });
const ZOwnList = ZPaging.extend({ status: ZStatus.optional() });

const context = (request: FastifyRequest, organisationId: string): CatalogueContext => ({
  organisationId,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** Role check on the organisation in the path: a non-member gets 404, a too-small role 403. */
const onOrganisation = (
  request: FastifyRequest,
  action: Action,
  orgId: string,
  object?: { type: string; id: string },
) =>
  authorize(request, action, {
    type: object?.type ?? 'organisation',
    id: object?.id ?? orgId,
    organisationId: orgId,
  });

/** The organisations the caller acts for: whose drafts (events) it may see. */
const memberOf = (request: FastifyRequest) => [...requireActor(request).roles.keys()];

/** The exhibitor showcase, products, services and expo events (docs/expo-catalogue.md). */
export const registerCatalogueRoutes = (root: FastifyInstance, deps: ExpoDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // ------------------------------------------------------------ the caller's own showcase

  app.get(
    `${base}/exhibitor`,
    {
      schema: {
        tags,
        summary: "The organisation's own exhibitor showcase (null before it is set up)",
        params: ZOrgParams,
        response: { 200: z.object({ showcase: ZExhibitor.nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'expo_catalogue.read', request.params.orgId);
      return { showcase: await getShowcase(deps, request.params.orgId) };
    },
  );

  app.put(
    `${base}/exhibitor`,
    {
      schema: {
        tags,
        summary: 'Create or change the showcase: bilingual names and intro, place, export markets, status',
        params: ZOrgParams,
        body: ZShowcaseInput,
        response: { 200: ZExhibitor },
      },
      config: { access: orgAccess, audit: 'expo.exhibitor.put' },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId);
      return putShowcase(deps, context(request, orgId), request.body);
    },
  );

  // ------------------------------------------------------------ products

  app.get(
    `${base}/products`,
    {
      schema: {
        tags,
        summary: "The organisation's own products, every status, newest first",
        params: ZOrgParams,
        querystring: ZOwnList,
        response: { 200: pageOf(ZProduct) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'expo_catalogue.read', request.params.orgId);
      return listProducts(deps, request.params.orgId, request.query);
    },
  );

  app.post(
    `${base}/products`,
    {
      schema: {
        tags,
        summary: 'Add a product (as a draft): HS code, MOQ with unit, price range, lead time, images',
        params: ZOrgParams,
        body: ZProductInput,
        response: { 201: ZProduct },
      },
      config: { access: orgAccess, audit: 'expo.product.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId);
      return reply.status(201).send(await createProduct(deps, context(request, orgId), request.body));
    },
  );

  app.get(
    `${base}/products/:productId`,
    {
      schema: {
        tags,
        summary: 'One of the organisation’s own products',
        params: ZProductParams,
        response: { 200: ZProduct },
      },
      config: { access: productAccess },
    },
    async (request) => {
      const { orgId, productId } = request.params;
      onOrganisation(request, 'expo_catalogue.read', orgId, { type: 'expo_product', id: productId });
      return getOwnProduct(deps, orgId, productId);
    },
  );

  app.patch(
    `${base}/products/:productId`,
    {
      schema: {
        tags,
        summary: 'Change a product (naming the version read)',
        params: ZProductParams,
        body: ZProductPatch,
        response: { 200: ZProduct },
      },
      config: { access: productAccess, audit: 'expo.product.update' },
    },
    async (request) => {
      const { orgId, productId } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId, { type: 'expo_product', id: productId });
      return patchProduct(deps, context(request, orgId), productId, request.body);
    },
  );

  for (const action of ['publish', 'withdraw'] as const) {
    app.post(
      `${base}/products/:productId/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'publish'
              ? 'Publish a product: buyers see it once the showcase is published too'
              : 'Withdraw a published product from the hall',
          params: ZProductParams,
          response: { 200: ZProduct },
        },
        config: { access: productAccess, audit: `expo.product.${action}` },
      },
      async (request) => {
        const { orgId, productId } = request.params;
        onOrganisation(request, 'expo_catalogue.write', orgId, { type: 'expo_product', id: productId });
        return setProductStatus(deps, context(request, orgId), productId, action);
      },
    );
  }

  app.put(
    `${base}/products/:productId/certifications/:scheme`,
    {
      schema: {
        tags,
        summary:
          'Claim a certification (CE, RoHS, FCC …), optionally backed by a credential the organisation holds',
        params: ZCertificationParams,
        body: z.strictObject({ credentialDocumentId: ZId.optional() }),
        response: { 200: ZProduct },
      },
      config: { access: productAccess, audit: 'expo.product.certify' },
    },
    async (request) => {
      const { orgId, productId, scheme } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId, { type: 'expo_product', id: productId });
      return attachCertification(deps, context(request, orgId), productId, scheme, request.body);
    },
  );

  app.delete(
    `${base}/products/:productId/certifications/:scheme`,
    {
      schema: {
        tags,
        summary: 'Drop a certification claim',
        params: ZCertificationParams,
        response: { 200: ZProduct },
      },
      config: { access: productAccess, audit: 'expo.product.uncertify' },
    },
    async (request) => {
      const { orgId, productId, scheme } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId, { type: 'expo_product', id: productId });
      return detachCertification(deps, context(request, orgId), productId, scheme);
    },
  );

  // ------------------------------------------------------------ services

  app.get(
    `${base}/services`,
    {
      schema: {
        tags,
        summary: "The organisation's own services, every status",
        params: ZOrgParams,
        querystring: ZOwnList,
        response: { 200: pageOf(ZService) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'expo_catalogue.read', request.params.orgId);
      return listServices(deps, request.params.orgId, request.query);
    },
  );

  app.post(
    `${base}/services`,
    {
      schema: {
        tags,
        summary: 'Add a service (as a draft): EBOPS 2010 category, GATS modes, languages, references',
        params: ZOrgParams,
        body: ZServiceInput,
        response: { 201: ZService },
      },
      config: { access: orgAccess, audit: 'expo.service.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId);
      return reply.status(201).send(await createService(deps, context(request, orgId), request.body));
    },
  );

  app.get(
    `${base}/services/:serviceId`,
    {
      schema: {
        tags,
        summary: 'One of the organisation’s own services',
        params: ZServiceParams,
        response: { 200: ZService },
      },
      config: { access: serviceAccess },
    },
    async (request) => {
      const { orgId, serviceId } = request.params;
      onOrganisation(request, 'expo_catalogue.read', orgId, { type: 'expo_service', id: serviceId });
      return getOwnService(deps, orgId, serviceId);
    },
  );

  app.patch(
    `${base}/services/:serviceId`,
    {
      schema: {
        tags,
        summary: 'Change a service (naming the version read)',
        params: ZServiceParams,
        body: ZServicePatch,
        response: { 200: ZService },
      },
      config: { access: serviceAccess, audit: 'expo.service.update' },
    },
    async (request) => {
      const { orgId, serviceId } = request.params;
      onOrganisation(request, 'expo_catalogue.write', orgId, { type: 'expo_service', id: serviceId });
      return patchService(deps, context(request, orgId), serviceId, request.body);
    },
  );

  for (const action of ['publish', 'withdraw'] as const) {
    app.post(
      `${base}/services/:serviceId/${action}`,
      {
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish a service' : 'Withdraw a published service',
          params: ZServiceParams,
          response: { 200: ZService },
        },
        config: { access: serviceAccess, audit: `expo.service.${action}` },
      },
      async (request) => {
        const { orgId, serviceId } = request.params;
        onOrganisation(request, 'expo_catalogue.write', orgId, { type: 'expo_service', id: serviceId });
        return setServiceStatus(deps, context(request, orgId), serviceId, action);
      },
    );
  }

  // ------------------------------------------------------------ events (the organiser's)

  app.post(
    `${base}/events`,
    {
      schema: {
        tags,
        summary: 'Open an expo event (annual expo or online week) in its IANA time zone',
        params: ZOrgParams,
        body: ZEventInput,
        response: { 201: ZEvent },
      },
      config: { access: orgAccess, audit: 'expo.event.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_event.write', orgId);
      return reply.status(201).send(await createEvent(deps, context(request, orgId), request.body));
    },
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['cancel', 'cancelled'],
  ] as const) {
    app.post(
      `${base}/events/:eventId/${action}`,
      {
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish an event' : 'Cancel an event',
          params: ZEventParams,
          response: { 200: ZEvent },
        },
        config: { access: eventAccess, audit: `expo.event.${action}` },
      },
      async (request) => {
        const { orgId, eventId } = request.params;
        onOrganisation(request, 'expo_event.write', orgId, { type: 'expo_event', id: eventId });
        return setOwnEventStatus(deps, context(request, orgId), eventId, status);
      },
    );
  }

  app.post(
    `${base}/events/:eventId/halls`,
    {
      schema: {
        tags,
        summary: 'Add a hall',
        params: ZEventParams,
        body: ZHallInput,
        response: { 201: ZHall },
      },
      config: { access: eventAccess, audit: 'expo.event.hall_add' },
    },
    async (request, reply) => {
      const { orgId, eventId } = request.params;
      onOrganisation(request, 'expo_event.write', orgId, { type: 'expo_event', id: eventId });
      return reply.status(201).send(await addHall(deps, context(request, orgId), eventId, request.body));
    },
  );

  app.post(
    `${base}/events/:eventId/booths`,
    {
      schema: {
        tags,
        summary: 'Add a booth to a hall, optionally given to an exhibitor with a published showcase',
        params: ZEventParams,
        body: ZBoothInput,
        response: { 201: ZBooth },
      },
      config: { access: eventAccess, audit: 'expo.event.booth_add' },
    },
    async (request, reply) => {
      const { orgId, eventId } = request.params;
      onOrganisation(request, 'expo_event.write', orgId, { type: 'expo_event', id: eventId });
      return reply.status(201).send(await addBooth(deps, context(request, orgId), eventId, request.body));
    },
  );

  app.put(
    `${base}/events/:eventId/booths/:boothId/exhibitor`,
    {
      schema: {
        tags,
        summary: 'Give a booth to an exhibitor, or free it (null); `replace` takes it from another',
        params: ZBoothParams,
        body: z.strictObject({ exhibitorOrganisationId: ZId.nullable(), replace: z.boolean().optional() }),
        response: { 200: ZBooth },
      },
      config: { access: boothAccess, audit: 'expo.event.booth_assign' },
    },
    async (request) => {
      const { orgId, eventId, boothId } = request.params;
      onOrganisation(request, 'expo_event.write', orgId, { type: 'expo_event', id: eventId });
      return assignExhibitorToBooth(deps, context(request, orgId), eventId, boothId, request.body);
    },
  );

  app.post(
    `${base}/events/:eventId/sessions`,
    {
      schema: {
        tags,
        summary: 'Add a session to the schedule (times with their UTC offset)',
        params: ZEventParams,
        body: ZSessionInput,
        response: { 201: ZSession },
      },
      config: { access: eventAccess, audit: 'expo.event.session_add' },
    },
    async (request, reply) => {
      const { orgId, eventId } = request.params;
      onOrganisation(request, 'expo_event.write', orgId, { type: 'expo_event', id: eventId });
      return reply.status(201).send(await addSession(deps, context(request, orgId), eventId, request.body));
    },
  );

  // ------------------------------------------------------------ what every signed-in organisation reads

  app.get(
    '/api/expo/ebops',
    {
      schema: {
        tags,
        summary: 'The EBOPS 2010 services classification, with Chinese and English names',
        response: {
          200: z.object({
            source: z.string(),
            items: z.array(
              z.object({ code: z.string(), parent: z.string().nullable(), en: z.string(), zh: z.string() }),
            ),
          }),
        },
      },
      config: { access: signedIn },
    },
    async (request) => {
      requireActor(request);
      return { source: ebopsSource, items: [...ebopsItems] };
    },
  );

  app.get(
    '/api/expo/exhibitors',
    {
      schema: {
        tags,
        summary: 'Published exhibitors, by country or HS chapter of their products',
        querystring: ZPaging.extend({
          country: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .optional(),
          hsChapter: z
            .string()
            .regex(/^[0-9]{2}$/)
            .optional(),
        }),
        response: {
          200: pageOf(ZPublicExhibitor.extend({ productCount: z.number(), serviceCount: z.number() })),
        },
      },
      config: { access: signedIn },
    },
    async (request) => {
      requireActor(request);
      return browseExhibitors(deps, request.query);
    },
  );

  app.get(
    '/api/expo/exhibitors/:orgId',
    {
      schema: {
        tags,
        summary: "An exhibitor's page: showcase, published products and services, booths",
        params: ZOrgParams,
        response: {
          200: ZPublicExhibitor.extend({
            products: z.array(ZProduct),
            services: z.array(ZService),
            booths: z.array(
              z.object({
                boothId: z.string(),
                code: z.string(),
                eventId: z.string(),
                eventNameZh: z.string(),
                eventNameEn: z.string(),
                startsOn: z.string(),
                endsOn: z.string(),
                hallId: z.string(),
                hallNameZh: z.string(),
                hallNameEn: z.string(),
              }),
            ),
          }),
        },
      },
      // Published showcases are the hall's public face: any signed-in caller reads them.
      config: { access: signedIn },
    },
    async (request) => {
      requireActor(request);
      return exhibitorPage(deps, request.params.orgId);
    },
  );

  app.get(
    '/api/expo/products',
    {
      schema: {
        tags,
        summary: 'Published products, newest first, by HS chapter, exhibitor country or exhibitor',
        querystring: ZPaging.extend({
          hsChapter: z
            .string()
            .regex(/^[0-9]{2}$/)
            .optional(),
          country: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .optional(),
          organisationId: ZId.optional(),
        }),
        response: { 200: pageOf(ZPublicProduct) },
      },
      config: { access: signedIn },
    },
    async (request) => {
      requireActor(request);
      return browseProducts(deps, request.query);
    },
  );

  app.get(
    '/api/expo/products/:productId',
    {
      schema: {
        tags,
        summary: 'A published product, its certifications checked against their credentials',
        params: z.object({ productId: ZId }),
        response: { 200: ZPublicProduct },
      },
      config: { access: signedIn },
    },
    async (request) => {
      requireActor(request);
      return publishedProduct(deps, request.params.productId);
    },
  );

  app.get(
    '/api/expo/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'A published service',
        params: z.object({ serviceId: ZId }),
        response: { 200: ZService },
      },
      config: { access: signedIn },
    },
    async (request) => {
      requireActor(request);
      return publishedService(deps, request.params.serviceId);
    },
  );

  app.get(
    '/api/expo/events',
    {
      schema: {
        tags,
        summary: "Published expo events, and drafts of the caller's own organisations",
        response: { 200: z.object({ items: z.array(ZEvent.extend({ isOrganiser: z.boolean() })) }) },
      },
      config: { access: signedIn },
    },
    async (request) => listEvents(deps, memberOf(request)),
  );

  app.get(
    '/api/expo/events/:eventId',
    {
      schema: {
        tags,
        summary: 'An event with its halls, booths (and their exhibitors) and schedule',
        params: z.object({ eventId: ZId }),
        response: { 200: ZEventDetail },
      },
      config: { access: signedIn },
    },
    async (request) => getEvent(deps, memberOf(request), request.params.eventId),
  );
};
