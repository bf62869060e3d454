import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, problem, recordAuditSuccess, sendProblem } from '../../platform/http/index.ts';
import type { LogisticsDeps } from './deps.ts';
import { logisticsErrorStatuses } from './errors.ts';
import { DCSA_TNT_VERSION } from './formats/dcsa-tnt/index.ts';
import {
  commaList,
  ZDcsaEvent,
  ZEventOutcome,
  ZShipmentInput,
  ZShipmentSummary,
  ZShipmentView,
} from './schemas.ts';
import type { WriteContext } from './service/context.ts';
import { createShipment } from './service/create-shipment.ts';
import { getShipment } from './service/get-shipment.ts';
import { ingestEvents, MAX_EVENTS_PER_BATCH } from './service/ingest-events.ts';
import { listEvents } from './service/list-events.ts';
import { listShipments } from './service/list-shipments.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const shipmentAccess = { ...orgAccess, objects: { shipmentId: 'shipment' } };

/** A batch of 500 events with transport calls and seals stays well under this. */
const BATCH_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/**
 * The organisation an event is sent as: `?org=` when given, else the caller's only one (an API
 * key always has exactly one).
 */
const sendingOrganisation = (request: FastifyRequest, org: string | undefined): string => {
  if (org !== undefined) {
    return org;
  }
  const organisations = [...(request.actor?.roles.keys() ?? [])];
  if (organisations.length !== 1) {
    throw new AppError(
      'logistics.organisation_required',
      'Say which organisation sends the event (?org=<id>).',
      {
        fieldErrors: [{ field: 'org', code: 'kernel.required', message: 'the sending organisation' }],
      },
    );
  }
  return organisations[0] as string;
};

/**
 * A refused event names the index of the event in its batch as the problem's `index` member, so a
 * sender knows which one to fix; nothing of the batch was stored.
 */
export const withEventIndex = async <T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<T>,
) => {
  try {
    return await work();
  } catch (error) {
    const index = error instanceof AppError ? error.details?.index : undefined;
    if (error instanceof AppError && typeof index === 'number') {
      const status =
        error.code === 'http.validation_failed'
          ? 400
          : (logisticsErrorStatuses as Record<string, number>)[error.code];
      if (status !== undefined) {
        return sendProblem(reply, {
          ...problem(request, status, error.code, error.message, error.fieldErrors),
          index,
        } as ReturnType<typeof problem>);
      }
    }
    throw error;
  }
};

const ZEventsQuery = z
  .object({
    eventType: commaList(['SHIPMENT', 'TRANSPORT', 'EQUIPMENT']).optional(),
    shipmentEventTypeCode: commaList([
      'RECE',
      'DRFT',
      'PENA',
      'PENU',
      'REJE',
      'APPR',
      'ISSU',
      'SURR',
      'SUBM',
      'VOID',
      'CONF',
      'REQS',
      'CMPL',
      'HOLD',
      'RELS',
    ]).optional(),
    transportEventTypeCode: commaList(['ARRI', 'DEPA']).optional(),
    equipmentEventTypeCode: commaList([
      'LOAD',
      'DISC',
      'GTIN',
      'GTOT',
      'STUF',
      'STRP',
      'PICK',
      'DROP',
      'INSP',
      'RSEA',
      'RMVD',
    ]).optional(),
    carrierBookingReference: z.string().min(1).max(35).optional(),
    transportDocumentReference: z.string().min(1).max(20).optional(),
    equipmentReference: z.string().min(1).max(15).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Registers the logistics module's HTTP routes (the contract in the module README). */
export const registerLogisticsRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/orgs/:orgId/logistics/shipments',
    {
      schema: {
        tags,
        summary:
          'Shipments the organisation is shipper, forwarder, carrier or an order party of, newest first',
        params: ZOrgParams,
        querystring: z
          .object({ cursor: id.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
          .strict(),
        response: { 200: z.object({ items: z.array(ZShipmentSummary), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      return listShipments(deps, { organisationId: orgId, ...request.query });
    },
  );

  app.post(
    '/api/orgs/:orgId/logistics/shipments',
    {
      schema: {
        tags,
        summary: 'Create a shipment as its shipper, for orders the organisation is seller or buyer of',
        params: ZOrgParams,
        body: ZShipmentInput,
        response: { 201: ZShipmentView },
      },
      config: { access: orgAccess, audit: 'logistics.shipment.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'shipment.write', orgId);
      const created = await createShipment(deps, writeContext(request), orgId, request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/orgs/:orgId/logistics/shipments/:shipmentId',
    {
      schema: {
        tags,
        summary: 'A shipment with its DCSA events in event-time order',
        params: ZOrgParams.extend({ shipmentId: id }),
        response: { 200: ZShipmentView.extend({ events: z.array(ZDcsaEvent) }) },
      },
      config: { access: shipmentAccess },
    },
    async (request) => {
      const { orgId, shipmentId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      return getShipment(deps, orgId, shipmentId);
    },
  );

  app.get(
    '/api/orgs/:orgId/logistics/events',
    {
      schema: {
        tags,
        summary: `DCSA T&T ${DCSA_TNT_VERSION} events of the shipments the organisation may see, in event-time order`,
        params: ZOrgParams,
        querystring: ZEventsQuery,
        response: { 200: z.array(ZDcsaEvent) },
      },
      config: { access: orgAccess },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      const { events, nextCursor } = await listEvents(deps, { organisationId: orgId, ...request.query });
      reply.header('API-Version', DCSA_TNT_VERSION);
      if (nextCursor !== null) {
        const next = new URLSearchParams();
        for (const [key, value] of Object.entries(request.query as Record<string, unknown>)) {
          if (key !== 'cursor' && value !== undefined) {
            next.set(key, Array.isArray(value) ? value.join(',') : String(value));
          }
        }
        next.set('cursor', nextCursor);
        reply.header('Next-Page', `/api/orgs/${orgId}/logistics/events?${next.toString()}`);
      }
      return events;
    },
  );

  app.post(
    '/api/logistics/events',
    {
      schema: {
        tags,
        summary: `Report one DCSA T&T ${DCSA_TNT_VERSION} event as the shipper, forwarder or carrier of its shipment`,
        querystring: z.strictObject({ org: id.optional() }),
        body: z.unknown(),
        response: { 200: ZEventOutcome, 201: ZEventOutcome },
      },
      config: { access: { kind: 'authenticated' }, audit: 'logistics.event.receive' },
    },
    async (request, reply) => {
      const orgId = sendingOrganisation(request, request.query.org);
      asOrganisation(request, 'tracking_event.submit', orgId);
      const [outcome] = await ingestEvents(deps, writeContext(request), orgId, [request.body], 'single');
      if (outcome === undefined) {
        throw new Error('ingestEvents answered nothing for one event');
      }
      return reply.status(outcome.status === 'accepted' ? 201 : 200).send(outcome);
    },
  );

  app.post(
    '/api/logistics/events/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        tags,
        summary: `Report up to ${MAX_EVENTS_PER_BATCH} DCSA events at once: all are stored or none (the problem names the failing index)`,
        querystring: z.strictObject({ org: id.optional() }),
        body: z.strictObject({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH) }),
        response: { 200: z.object({ outcomes: z.array(ZEventOutcome) }) },
      },
      config: { access: { kind: 'authenticated' }, audit: 'logistics.event.receive_batch' },
    },
    async (request, reply) => {
      const orgId = sendingOrganisation(request, request.query.org);
      asOrganisation(request, 'tracking_event.submit', orgId);
      return withEventIndex(request, reply, async () => ({
        outcomes: await ingestEvents(deps, writeContext(request), orgId, request.body.events, 'batch'),
      }));
    },
  );
};
