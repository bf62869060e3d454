import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/http/index.ts';
import type { LogisticsDeps } from './deps.ts';
import { exportEpcis } from './service/export-epcis.ts';

/** The media type of EPCIS 2.0's JSON-LD binding. */
export const EPCIS_MEDIA_TYPE = 'application/ld+json';

const tags = ['logistics'];
const id = z.string().max(64);
const shipmentAccess = {
  kind: 'organisation' as const,
  param: 'orgId',
  objects: { shipmentId: 'shipment' },
};

/** Registers the EPCIS 2.0 export of a shipment's trace (docs/logistics-epcis.md). */
export const registerEpcisRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/orgs/:orgId/logistics/shipments/:shipmentId/epcis',
    {
      schema: {
        tags,
        summary:
          "The shipment's trace as a GS1 EPCIS 2.0 EPCISDocument (JSON-LD): one event per actual DCSA event, in event-time order",
        params: z.object({ orgId: id, shipmentId: id }),
      },
      config: { access: shipmentAccess },
    },
    async (request, reply) => {
      const { orgId, shipmentId } = request.params;
      authorize(request, 'shipment.read', { type: 'organisation', id: orgId, organisationId: orgId });
      const document = await exportEpcis(deps, orgId, shipmentId);
      return reply.type(EPCIS_MEDIA_TYPE).send(JSON.stringify(document));
    },
  );
};
