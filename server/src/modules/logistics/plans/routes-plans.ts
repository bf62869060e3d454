import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import { transportModes } from '../domain/shipment.ts';
import { ZLeg } from '../schemas.ts';
import { getShipmentPlan } from './service/get-plan.ts';
import { previewRoute } from './service/preview-route.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const shipmentAccess = { ...orgAccess, objects: { shipmentId: 'shipment' } };

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

const ZPlace = z.object({
  code: z.string(),
  name: z.string().nullable(),
  latitude: z.string().nullable(),
  longitude: z.string().nullable(),
});
const ZTransshipmentPoint = ZPlace.extend({
  afterLegIndex: z.number().int(),
  dwellMinutes: z.number().int(),
  actualDwellMinutes: z.number().int().optional(),
});
const ZPlanLeg = z.object({
  index: z.number().int(),
  mode: z.enum(transportModes),
  origin: ZPlace,
  destination: ZPlace,
  carrierName: z.string().optional(),
  vesselName: z.string().optional(),
  voyageNumber: z.string().optional(),
  trainNumber: z.string().optional(),
  flightNumber: z.string().optional(),
  plannedDeparture: z.string(),
  plannedArrival: z.string(),
  estimatedDeparture: z.string().optional(),
  estimatedArrival: z.string().optional(),
  actualDeparture: z.string().optional(),
  actualArrival: z.string().optional(),
  departureDelayMinutes: z.number().int().optional(),
  arrivalDelayMinutes: z.number().int().optional(),
  status: z.enum(['planned', 'departed', 'arrived']),
});
const ZPlan = z.object({
  shipmentId: z.string(),
  reference: z.string(),
  legs: z.array(ZPlanLeg),
  transshipmentPoints: z.array(ZTransshipmentPoint),
  plannedTransitMinutes: z.number().int(),
  actualTransitMinutes: z.number().int().optional(),
  position: z
    .object({
      place: ZPlace,
      legIndex: z.number().int(),
      status: z.enum(['at', 'between']),
      nextPlace: ZPlace.optional(),
      asOf: z.string(),
    })
    .nullable(),
});
const ZPreview = z.object({
  legs: z.array(
    z.object({
      index: z.number().int(),
      mode: z.enum(transportModes),
      origin: ZPlace,
      destination: ZPlace,
      plannedDeparture: z.string(),
      plannedArrival: z.string(),
      plannedMinutes: z.number().int(),
    }),
  ),
  transshipmentPoints: z.array(ZTransshipmentPoint),
  plannedTransitMinutes: z.number().int(),
});

/** Registers the multimodal plan routes (docs/logistics-plans-exceptions.md). */
export const registerPlanRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/orgs/:orgId/logistics/shipments/:shipmentId/plan',
    {
      schema: {
        tags,
        summary:
          'The multimodal plan of a shipment: planned against estimated and actual per leg, and its position',
        params: z.object({ orgId: id, shipmentId: id }),
        response: { 200: ZPlan },
      },
      config: { access: shipmentAccess },
    },
    async (request) => {
      const { orgId, shipmentId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      return getShipmentPlan(deps, orgId, shipmentId);
    },
  );

  app.post(
    '/api/logistics/route-plans/preview',
    {
      schema: {
        tags,
        summary:
          'Check a route composed of legs (continuity included) and answer its transshipment points and transit time',
        body: z.strictObject({ legs: z.array(ZLeg).min(1).max(20) }),
        response: { 200: ZPreview },
      },
      // Reads nothing of anyone's: the code lists are public. Signed-in callers only, as the
      // booking form that calls it.
      config: { access: { kind: 'authenticated' } },
    },
    async (request) => previewRoute(deps, request.body.legs),
  );
};
