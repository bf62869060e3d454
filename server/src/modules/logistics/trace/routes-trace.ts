import { TRACE_TYPE } from '@tradehub/verifier';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import { exportTrace } from './export-trace.ts';

const id = z.string().max(64);

const ZTrace = z.object({
  type: z.literal(TRACE_TYPE),
  shipment: z.object({ id: z.string(), reference: z.string() }),
  log: z.object({ origin: z.string(), verifierKey: z.string() }),
  events: z.array(
    z.object({
      index: z.number().int(),
      eventID: z.string(),
      chainHash: z.string(),
      body: z.record(z.string(), z.unknown()),
    }),
  ),
  commitments: z.array(
    z.object({
      length: z.number().int(),
      head: z.string(),
      batch: z.object({
        id: z.string(),
        signer: z.string(),
        index: z.number().int(),
        size: z.number().int(),
        path: z.array(z.string()),
      }),
      tlogProof: z.string(),
    }),
  ),
});

/** The verifiable trace export (docs/logistics-trace.md). */
export const registerTraceRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/orgs/:orgId/logistics/shipments/:shipmentId/trace',
    {
      schema: {
        tags: ['logistics'],
        summary: `The shipment's verifiable trace (${TRACE_TYPE}): its events in received order with their hash chain, and the heads committed to the transparency log with their proofs; check it offline with tradehub-verify`,
        params: z.object({ orgId: id, shipmentId: id }),
        response: { 200: ZTrace },
      },
      config: { access: { kind: 'organisation', param: 'orgId', objects: { shipmentId: 'shipment' } } },
    },
    async (request, reply) => {
      const { orgId, shipmentId } = request.params;
      authorize(request, 'shipment.read', { type: 'organisation', id: orgId, organisationId: orgId });
      const trace = await exportTrace(deps, orgId, shipmentId);
      reply.header('Content-Disposition', `attachment; filename="${shipmentId}.trace.json"`);
      return trace;
    },
  );
};
