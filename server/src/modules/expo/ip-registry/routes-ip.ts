import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { ExpoDeps } from '../deps.ts';
import {
  id,
  ZAgreement,
  ZAgreementInput,
  ZAlert,
  ZAsset,
  ZAssetChange,
  ZAssetInput,
  ZAssetPage,
  ZHitInput,
  ZIntake,
  ZIntakeInput,
  ZKind,
  ZListing,
  ZListingChange,
  ZListingInput,
  ZPledge,
  ZPledgeInput,
  ZWatch,
  ZWatchInput,
} from './schemas-ip.ts';
import {
  acceptIpAgreement,
  getIpAgreement,
  getIpAgreementBundle,
  issueIpAgreement,
  listIpAgreements,
} from './service-agreements.ts';
import { createAsset, getIpAsset, listIpAssets, updateAsset } from './service-assets.ts';
import type { IpContext } from './service-common.ts';
import { createIpListing, getIpListing, listIpListings, updateIpListing } from './service-listings.ts';
import { listIpPledges, pledgeIpAsset, releaseIpPledge } from './service-pledges.ts';
import {
  createIpWatch,
  dismissIpAlert,
  listIpWatches,
  openIpDisputeIntake,
  reportIpWatchHit,
} from './service-watches.ts';

const tags = ['expo'];
const base = '/api/orgs/:orgId/expo/ip';
// Objects in the path may belong to another organisation (a published asset or listing, an
// agreement whose counterparty the caller is): the services scope every read by the caller.
const access = { kind: 'organisation' as const, param: 'orgId' };
const onAsset = { ...access, objects: { assetId: 'expo_ip_asset' } };
const onAgreement = { ...access, objects: { agreementId: 'expo_ip_agreement' } };
const onPledge = { ...access, objects: { pledgeId: 'expo_ip_pledge' } };
const onListing = { ...access, objects: { listingId: 'expo_ip_listing' } };
const onWatch = { ...access, objects: { watchId: 'expo_ip_watch' } };
const onAlert = { ...access, objects: { alertId: 'expo_ip_alert' } };
const ZOrg = z.object({ orgId: id });
const ZAssetParams = ZOrg.extend({ assetId: id });
const ZAgreementParams = ZOrg.extend({ agreementId: id });
const ZPledgeParams = ZOrg.extend({ pledgeId: id });
const ZListingParams = ZOrg.extend({ listingId: id });
const ZWatchParams = ZOrg.extend({ watchId: id });
const ZAlertParams = ZOrg.extend({ alertId: id });

/** Role check on the organisation in the path (404 for a non-member, 403 for too small a role). */
const allow = (request: FastifyRequest, action: Action, orgId: string) => {
  return authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });
};

const context = (request: FastifyRequest, action: Action, orgId: string): IpContext => ({
  organisationId: orgId,
  actor: allow(request, action, orgId),
  requestId: request.id,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** The IP and technology-transfer registry (docs/expo-ip-registry.md). */
export const registerIpRegistryRoutes = (root: FastifyInstance, deps: ExpoDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${base}/assets`,
    {
      schema: {
        tags,
        summary: "The published registry, or the organisation's own assets (every visibility)",
        params: ZOrg,
        querystring: z.object({
          scope: z.enum(['mine', 'registry']).default('registry'),
          kind: ZKind.optional(),
          jurisdiction: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZAsset) }) },
      },
      config: { access },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return listIpAssets(deps, request.params.orgId, request.query);
    },
  );

  app.post(
    `${base}/assets`,
    {
      schema: {
        tags,
        summary: 'Record an IP right or a trade-secret reference (the hash of the secret document only)',
        params: ZOrg,
        body: ZAssetInput,
        response: { 201: ZAsset },
      },
      config: { access, audit: 'expo.ip_asset.create' },
    },
    async (request, reply) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return reply.status(201).send(await createAsset(deps, ctx, request.body));
    },
  );

  app.get(
    `${base}/assets/:assetId`,
    {
      schema: {
        tags,
        summary:
          "An asset: owners, the caller's agreements on it, pledge state; to its holder also history, watches and alerts",
        params: ZAssetParams,
        response: { 200: ZAssetPage },
      },
      config: { access: onAsset },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return getIpAsset(deps, request.params.orgId, request.params.assetId);
    },
  );

  app.patch(
    `${base}/assets/:assetId`,
    {
      schema: {
        tags,
        summary: 'Change an asset the organisation holds (status, dates, classes, publish or withdraw)',
        params: ZAssetParams,
        body: ZAssetChange,
        response: { 200: ZAsset },
      },
      config: { access: onAsset, audit: 'expo.ip_asset.update' },
    },
    async (request) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return updateAsset(deps, ctx, request.params.assetId, request.body);
    },
  );

  app.post(
    `${base}/assets/:assetId/agreements`,
    {
      schema: {
        tags,
        summary:
          'Issue a licence or an assignment of an asset the organisation holds, as a signed credential anchored in the log',
        params: ZAssetParams,
        body: ZAgreementInput,
        response: { 201: ZAgreement },
      },
      config: { access: onAsset, audit: 'expo.ip_agreement.issue' },
    },
    async (request, reply) => {
      // Assigning gives the right away: a person's decision; licensing is daily work.
      const action =
        request.body.kind === 'assignment' ? 'expo_ip_agreement.assign' : 'expo_ip_agreement.issue';
      const ctx = context(request, action, request.params.orgId);
      return reply.status(201).send(await issueIpAgreement(deps, ctx, request.params.assetId, request.body));
    },
  );

  app.get(
    `${base}/agreements`,
    {
      schema: {
        tags,
        summary: 'Licences and assignments the organisation granted or received',
        params: ZOrg,
        response: { 200: z.object({ items: z.array(ZAgreement) }) },
      },
      config: { access },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return listIpAgreements(deps, request.params.orgId);
    },
  );

  app.get(
    `${base}/agreements/:agreementId`,
    {
      schema: {
        tags,
        summary: 'One agreement, to either party',
        params: ZAgreementParams,
        response: { 200: ZAgreement },
      },
      config: { access: onAgreement },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return getIpAgreement(deps, request.params.orgId, request.params.agreementId);
    },
  );

  app.get(
    `${base}/agreements/:agreementId/bundle`,
    {
      schema: {
        tags,
        summary: "The signed agreement's tradehub-bundle/v1, verifiable offline, to either party",
        params: ZAgreementParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
      config: { access: onAgreement },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return (await getIpAgreementBundle(deps, request.params.orgId, request.params.agreementId)) as Record<
        string,
        unknown
      >;
    },
  );

  app.post(
    `${base}/agreements/:agreementId/accept`,
    {
      schema: {
        tags,
        summary: 'The counterparty accepts; accepting an assignment moves the asset to it',
        params: ZAgreementParams,
        body: z.strictObject({}).optional(),
        response: { 200: ZAgreement },
      },
      config: { access: onAgreement, audit: 'expo.ip_agreement.accept' },
    },
    async (request) => {
      const ctx = context(request, 'expo_ip_agreement.accept', request.params.orgId);
      return acceptIpAgreement(deps, ctx, request.params.agreementId);
    },
  );

  app.post(
    `${base}/assets/:assetId/pledge`,
    {
      schema: {
        tags,
        summary:
          'Register a granted asset as collateral with a bank, in the duplicate-financing registry too (409 expo.ip_pledged when the right is pledged, at any bank)',
        params: ZAssetParams,
        body: ZPledgeInput,
        response: { 201: ZPledge },
      },
      config: { access: onAsset, audit: 'expo.ip_pledge.register' },
    },
    async (request, reply) => {
      const ctx = context(request, 'expo_ip_pledge.register', request.params.orgId);
      return reply.status(201).send(await pledgeIpAsset(deps, ctx, request.params.assetId, request.body));
    },
  );

  app.get(
    `${base}/pledges`,
    {
      schema: {
        tags,
        summary: 'Pledges the organisation registered (holder) or holds (bank)',
        params: ZOrg,
        response: { 200: z.object({ items: z.array(ZPledge) }) },
      },
      config: { access },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return listIpPledges(deps, request.params.orgId);
    },
  );

  app.post(
    `${base}/pledges/:pledgeId/release`,
    {
      schema: {
        tags,
        summary: 'The bank releases its pledge (and its duplicate-financing registration)',
        params: ZPledgeParams,
        body: z.strictObject({}).optional(),
        response: { 200: ZPledge },
      },
      config: { access: onPledge, audit: 'expo.ip_pledge.release' },
    },
    async (request) => {
      const ctx = context(request, 'expo_ip_pledge.release', request.params.orgId);
      return releaseIpPledge(deps, ctx, request.params.pledgeId);
    },
  );

  app.get(
    `${base}/listings`,
    {
      schema: {
        tags,
        summary:
          'Technology-transfer listings: the published market by text, field and deal, or the organisation’s own',
        params: ZOrg,
        querystring: z.object({
          scope: z.enum(['mine', 'market']).default('market'),
          q: z.string().max(200).optional(),
          field: z.string().max(60).optional(),
          deal: z.enum(['licence', 'sale']).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZListing) }) },
      },
      config: { access },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return listIpListings(deps, request.params.orgId, request.query);
    },
  );

  app.post(
    `${base}/listings`,
    {
      schema: {
        tags,
        summary:
          'List assets the organisation holds for licence or sale, with a bilingual pitch and asking terms',
        params: ZOrg,
        body: ZListingInput,
        response: { 201: ZListing },
      },
      config: { access, audit: 'expo.ip_listing.create' },
    },
    async (request, reply) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return reply.status(201).send(await createIpListing(deps, ctx, request.body));
    },
  );

  app.get(
    `${base}/listings/:listingId`,
    {
      schema: {
        tags,
        summary: 'A published listing, or one of the organisation’s own',
        params: ZListingParams,
        response: { 200: ZListing },
      },
      config: { access: onListing },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return getIpListing(deps, request.params.orgId, request.params.listingId);
    },
  );

  app.patch(
    `${base}/listings/:listingId`,
    {
      schema: {
        tags,
        summary: 'Change, publish or withdraw one of the organisation’s listings',
        params: ZListingParams,
        body: ZListingChange,
        response: { 200: ZListing },
      },
      config: { access: onListing, audit: 'expo.ip_listing.update' },
    },
    async (request) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return updateIpListing(deps, ctx, request.params.listingId, request.body);
    },
  );

  app.post(
    `${base}/assets/:assetId/watches`,
    {
      schema: {
        tags,
        summary: 'Watch for infringements of an asset the organisation holds, in jurisdictions, by keywords',
        params: ZAssetParams,
        body: ZWatchInput,
        response: { 201: ZWatch },
      },
      config: { access: onAsset, audit: 'expo.ip_watch.create' },
    },
    async (request, reply) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return reply.status(201).send(await createIpWatch(deps, ctx, request.params.assetId, request.body));
    },
  );

  app.get(
    `${base}/watches`,
    {
      schema: {
        tags,
        summary: "The organisation's watches and their alerts",
        params: ZOrg,
        response: {
          200: z.object({
            watches: z.array(
              ZWatch.extend({ assetTitleZh: z.string().nullable(), assetTitleEn: z.string().nullable() }),
            ),
            alerts: z.array(ZAlert),
          }),
        },
      },
      config: { access },
    },
    async (request) => {
      allow(request, 'expo_ip.read', request.params.orgId);
      return listIpWatches(deps, request.params.orgId);
    },
  );

  app.post(
    `${base}/watches/:watchId/hits`,
    {
      schema: {
        tags,
        summary:
          "A hit of a watch (by the owner, or a monitoring service with the owner's API key); the same evidence at the same URL is one alert",
        params: ZWatchParams,
        body: ZHitInput,
        response: { 201: z.object({ created: z.boolean(), alert: ZAlert }) },
      },
      config: { access: onWatch, audit: 'expo.ip_watch.hit' },
    },
    async (request, reply) => {
      const ctx = context(request, 'expo_ip_watch.report', request.params.orgId);
      return reply.status(201).send(await reportIpWatchHit(deps, ctx, request.params.watchId, request.body));
    },
  );

  app.post(
    `${base}/alerts/:alertId/dismiss`,
    {
      schema: {
        tags,
        summary: 'Dismiss an alert (not an infringement)',
        params: ZAlertParams,
        body: z.strictObject({}).optional(),
        response: { 200: ZAlert },
      },
      config: { access: onAlert, audit: 'expo.ip_alert.dismiss' },
    },
    async (request) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return dismissIpAlert(deps, ctx, request.params.alertId);
    },
  );

  app.post(
    `${base}/alerts/:alertId/dispute-intake`,
    {
      schema: {
        tags,
        summary:
          'Record a dispute intake (parties, asset, evidence) for the disputes module, which does not exist yet: no dispute is opened',
        params: ZAlertParams,
        body: ZIntakeInput,
        response: { 201: z.object({ created: z.boolean(), intake: ZIntake }) },
      },
      config: { access: onAlert, audit: 'expo.ip_alert.dispute_intake' },
    },
    async (request, reply) => {
      const ctx = context(request, 'expo_ip.write', request.params.orgId);
      return reply
        .status(201)
        .send(await openIpDisputeIntake(deps, ctx, request.params.alertId, request.body));
    },
  );
};
