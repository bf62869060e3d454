import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import type { WriteContext } from '../service/context.ts';
import { exceptionKinds, exceptionStates, MAX_DELAY_THRESHOLD_MINUTES } from './domain/exception-rules.ts';
import { acknowledgeException, listExceptions } from './service/exceptions.ts';
import {
  getExceptionSettings,
  putExceptionSettings,
  putShipmentExceptionSettings,
} from './service/settings.ts';
import {
  createExceptionSubscription,
  deleteExceptionSubscription,
  listExceptionSubscriptions,
} from './service/subscriptions.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const threshold = z.number().int().min(1).max(MAX_DELAY_THRESHOLD_MINUTES);

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

const ZException = z.object({
  id: z.string(),
  shipmentId: z.string(),
  shipmentReference: z.string(),
  kind: z.enum(exceptionKinds),
  legIndex: z.number().int(),
  milestone: z.enum(['departure', 'arrival']),
  expectedAt: z.string(),
  observedAt: z.string().optional(),
  observedClassifier: z.enum(['ACT', 'EST']).optional(),
  delayMinutes: z.number().int().optional(),
  state: z.enum(exceptionStates),
  raisedAt: z.string(),
  updatedAt: z.string(),
  acknowledgedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
});
const ZSettings = z.object({
  delayThresholdMinutes: z.number().int(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
const ZSubscription = z.object({
  id: z.string(),
  callbackUrl: z.string(),
  createdAt: z.string(),
  lastDeliveryAt: z.string().nullable(),
  lastDeliveryStatus: z.number().int().nullable(),
});

/** Registers the exception, threshold and subscription routes (docs/logistics-plans-exceptions.md). */
export const registerExceptionRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/orgs/:orgId/logistics';

  app.get(
    `${base}/exceptions`,
    {
      schema: {
        tags,
        summary:
          'Exceptions (delays, missing milestones) of the shipments the organisation ships, forwards or carries',
        params: ZOrgParams,
        querystring: z
          .object({
            shipmentId: id.optional(),
            state: z.enum(exceptionStates).optional(),
            cursor: id.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZException), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      return listExceptions(deps, { organisationId: orgId, ...request.query });
    },
  );

  app.post(
    `${base}/exceptions/:exceptionId/acknowledge`,
    {
      schema: {
        tags,
        summary: 'Acknowledge an open exception for every party of the shipment',
        params: ZOrgParams.extend({ exceptionId: id }),
        response: { 200: ZException },
      },
      config: {
        access: { ...orgAccess, objects: { exceptionId: 'logistics_exception' } },
        audit: 'logistics.exception.acknowledge',
      },
    },
    async (request) => {
      const { orgId, exceptionId } = request.params;
      asOrganisation(request, 'exception.acknowledge', orgId);
      return acknowledgeException(deps, writeContext(request), orgId, exceptionId);
    },
  );

  app.get(
    `${base}/exception-settings`,
    {
      schema: {
        tags,
        summary: "The delay threshold of the organisation's shipments (the hub's 24 h when it set none)",
        params: ZOrgParams,
        response: { 200: ZSettings },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'shipment.read', request.params.orgId);
      return getExceptionSettings(deps, request.params.orgId);
    },
  );

  app.put(
    `${base}/exception-settings`,
    {
      schema: {
        tags,
        summary: 'Set the delay threshold for the shipments the organisation ships',
        params: ZOrgParams,
        body: z.strictObject({ delayThresholdMinutes: threshold }),
        response: { 200: ZSettings },
      },
      config: { access: orgAccess, audit: 'logistics.exception_settings.update' },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'exception_settings.manage', orgId);
      return putExceptionSettings(deps, writeContext(request), orgId, request.body.delayThresholdMinutes);
    },
  );

  app.put(
    `${base}/shipments/:shipmentId/exception-settings`,
    {
      schema: {
        tags,
        summary: "Set (or with null remove) a shipment's own delay threshold; its shipper only",
        params: ZOrgParams.extend({ shipmentId: id }),
        body: z.strictObject({ delayThresholdMinutes: threshold.nullable() }),
        response: {
          200: z.object({
            shipmentId: z.string(),
            delayThresholdMinutes: z.number().int().nullable(),
            effectiveDelayThresholdMinutes: z.number().int(),
          }),
        },
      },
      config: {
        access: { ...orgAccess, objects: { shipmentId: 'shipment' } },
        audit: 'logistics.shipment.exception_settings.update',
      },
    },
    async (request) => {
      const { orgId, shipmentId } = request.params;
      asOrganisation(request, 'shipment.write', orgId);
      return putShipmentExceptionSettings(
        deps,
        writeContext(request),
        orgId,
        shipmentId,
        request.body.delayThresholdMinutes,
      );
    },
  );

  app.get(
    `${base}/exception-subscriptions`,
    {
      schema: {
        tags,
        summary: "The organisation's exception callbacks (never their secrets)",
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZSubscription) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'exception_subscription.manage', request.params.orgId);
      return listExceptionSubscriptions(deps, request.params.orgId);
    },
  );

  app.post(
    `${base}/exception-subscriptions`,
    {
      schema: {
        tags,
        summary: 'Have exceptions pushed to a callback URL, signed with a secret shown only in this answer',
        params: ZOrgParams,
        body: z.strictObject({ callbackUrl: z.string().min(1).max(2000) }),
        response: { 201: z.object({ subscription: ZSubscription, secret: z.string() }) },
      },
      config: { access: orgAccess, audit: 'logistics.exception_subscription.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'exception_subscription.manage', orgId);
      const created = await createExceptionSubscription(
        deps,
        writeContext(request),
        orgId,
        request.body.callbackUrl,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    `${base}/exception-subscriptions/:subscriptionId`,
    {
      schema: {
        tags,
        summary: 'End an exception subscription',
        params: ZOrgParams.extend({ subscriptionId: id }),
      },
      config: {
        access: { ...orgAccess, objects: { subscriptionId: 'exception_subscription' } },
        audit: 'logistics.exception_subscription.delete',
      },
    },
    async (request, reply) => {
      const { orgId, subscriptionId } = request.params;
      asOrganisation(request, 'exception_subscription.manage', orgId);
      await deleteExceptionSubscription(deps, writeContext(request), orgId, subscriptionId);
      return reply.status(204).send();
    },
  );
};
