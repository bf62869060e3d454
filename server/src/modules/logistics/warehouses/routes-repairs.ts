import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import type { WriteContext } from '../service/context.ts';
import { repairOrigins, repairOutcomes, repairStages } from './domain/repair.ts';
import { advanceRepair, getRepair, listRepairs, openRepair } from './service/repairs.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const ZWarehouseParams = z.object({ orgId: id, warehouseId: id });
const ZRepairParams = ZWarehouseParams.extend({ ticketId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const warehouseAccess = { ...orgAccess, objects: { warehouseId: 'warehouse' } };
const repairAccess = { ...orgAccess, objects: { warehouseId: 'warehouse', ticketId: 'repair_ticket' } };

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (request: FastifyRequest, action: 'warehouse.read' | 'return.handle', orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

const ZRepair = z.object({
  id: z.string(),
  warehouseId: z.string(),
  clientOrganisationId: z.string(),
  origin: z.enum(repairOrigins),
  returnCaseId: z.string().nullable(),
  buyerReference: z.string(),
  sku: z.string(),
  serialNumber: z.string().nullable(),
  quantity: z.number().int(),
  fault: z.string(),
  stage: z.enum(repairStages),
  returnShipmentReference: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZRepairView = ZRepair.extend({
  history: z.array(
    z.object({
      stage: z.string(),
      detail: z.record(z.string(), z.unknown()),
      organisationId: z.string(),
      actor: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

/** Repair tickets at after-sales service centres (docs/warehouses.md, "After-sales service"). */
export const registerRepairRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/orgs/:orgId/logistics/warehouses/:warehouseId/repairs';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Repair tickets at the after-sales centre, newest first; a client sees its own only',
        params: ZWarehouseParams,
        response: { 200: z.object({ items: z.array(ZRepair) }) },
      },
      config: { access: warehouseAccess },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return listRepairs(deps, orgId, warehouseId);
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          "Open a repair ticket: a buyer's item under warranty, or the refurbishment of a grade B return",
        params: ZWarehouseParams,
        body: z.strictObject({
          clientOrganisationId: id,
          buyerReference: text(100),
          sku: text(64),
          quantity: z.number().int().min(1).max(1_000_000).default(1),
          fault: text(1000),
          serialNumber: text(100).optional(),
          returnCaseId: id.optional(),
        }),
        response: { 201: ZRepairView },
      },
      config: { access: warehouseAccess, audit: 'logistics.repair.open' },
    },
    async (request, reply) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      return reply
        .status(201)
        .send(await openRepair(deps, writeContext(request), orgId, warehouseId, request.body));
    },
  );

  app.get(
    `${base}/:ticketId`,
    {
      schema: {
        tags,
        summary: 'A repair ticket with its history',
        params: ZRepairParams,
        response: { 200: ZRepairView },
      },
      config: { access: repairAccess },
    },
    async (request) => {
      const { orgId, warehouseId, ticketId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return getRepair(deps, orgId, warehouseId, ticketId);
    },
  );

  app.post(
    `${base}/:ticketId/diagnosis`,
    {
      schema: {
        tags,
        summary: 'Diagnose a received item: repairable or not',
        params: ZRepairParams,
        body: z.strictObject({ repairable: z.boolean(), note: text(1000).optional() }),
        response: { 200: ZRepairView },
      },
      config: { access: repairAccess, audit: 'logistics.repair.diagnose' },
    },
    async (request) => {
      const { orgId, warehouseId, ticketId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      const { repairable, note } = request.body;
      return advanceRepair(
        deps,
        writeContext(request),
        orgId,
        warehouseId,
        ticketId,
        {
          step: 'diagnose',
          repairable,
        },
        { note },
      );
    },
  );

  app.post(
    `${base}/:ticketId/completion`,
    {
      schema: {
        tags,
        summary: 'Record a diagnosed item as repaired',
        params: ZRepairParams,
        body: z.strictObject({ note: text(1000).optional() }),
        response: { 200: ZRepairView },
      },
      config: { access: repairAccess, audit: 'logistics.repair.complete' },
    },
    async (request) => {
      const { orgId, warehouseId, ticketId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      return advanceRepair(
        deps,
        writeContext(request),
        orgId,
        warehouseId,
        ticketId,
        { step: 'complete' },
        {
          note: request.body.note,
        },
      );
    },
  );

  app.post(
    `${base}/:ticketId/closing`,
    {
      schema: {
        tags,
        summary:
          "Close a ticket: a buyer's item goes back to the buyer; a refurbished return is restocked or scrapped",
        params: ZRepairParams,
        body: z.strictObject({
          outcome: z.enum(repairOutcomes),
          returnShipmentReference: text(100).optional(),
          note: text(1000).optional(),
        }),
        response: { 200: ZRepairView },
      },
      config: { access: repairAccess, audit: 'logistics.repair.close' },
    },
    async (request) => {
      const { orgId, warehouseId, ticketId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      const { outcome, returnShipmentReference, note } = request.body;
      return advanceRepair(
        deps,
        writeContext(request),
        orgId,
        warehouseId,
        ticketId,
        { step: 'close', outcome },
        {
          note,
          returnShipmentReference,
        },
      );
    },
  );
};
