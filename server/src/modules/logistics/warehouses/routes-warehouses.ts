import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, problem, recordAuditSuccess, sendProblem } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import type { WriteContext } from '../service/context.ts';
import {
  directMovementKinds,
  returnDecisions,
  returnGrades,
  returnStages,
  warehouseRoles,
} from './domain/stock.ts';
import { registerRepairRoutes } from './routes-repairs.ts';
import {
  decideReturn,
  getReturn,
  inspectReturn,
  listReturns,
  receiveReturn,
  returnsFunnel,
} from './service/returns.ts';
import { getMovements, getStock, recordMovement } from './service/stock.ts';
import { createWarehouse, getWarehouse, grantClient, listWarehouses } from './service/warehouses.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const sku = text(64);
const quantity = z.number().int().min(-1_000_000).max(1_000_000);
const ZOrgParams = z.object({ orgId: id });
const ZWarehouseParams = ZOrgParams.extend({ warehouseId: id });
const ZReturnParams = ZWarehouseParams.extend({ returnId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const warehouseAccess = { ...orgAccess, objects: { warehouseId: 'warehouse' } };
const returnAccess = { ...orgAccess, objects: { warehouseId: 'warehouse', returnId: 'return_case' } };

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** A refused movement tells how many units the bucket holds, so the caller need not ask again. */
const withAvailable = async <T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'logistics.stock_insufficient') {
      return sendProblem(reply, {
        ...problem(request, 409, error.code, error.message),
        available: error.details?.available,
        bucket: error.details?.bucket,
      } as ReturnType<typeof problem>);
    }
    throw error;
  }
};

const ZAddress = z.strictObject({
  lines: z.array(text(100)).min(1).max(4),
  postcode: text(20).optional(),
  city: text(100),
  country: z.string().regex(/^[A-Za-z]{2}$/),
});

const ZWarehouse = z.object({
  id: z.string(),
  operatorOrganisationId: z.string(),
  name: z.string(),
  unlocode: z.string(),
  address: ZAddress,
  roles: z.array(z.enum(warehouseRoles)),
  myStanding: z.enum(['operator', 'client']),
  createdAt: z.string(),
});
const ZWarehouseView = ZWarehouse.extend({
  clients: z.array(z.object({ organisationId: z.string(), grantedAt: z.string() })),
});
const ZMovement = z.object({
  id: z.string(),
  warehouseId: z.string(),
  clientOrganisationId: z.string(),
  sku: z.string(),
  kind: z.string(),
  quantity: z.number().int(),
  fromBucket: z.string().nullable(),
  toBucket: z.string().nullable(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  returnCaseId: z.string().nullable(),
  recordedByOrganisationId: z.string(),
  createdAt: z.string(),
});
const ZReturn = z.object({
  id: z.string(),
  warehouseId: z.string(),
  clientOrganisationId: z.string(),
  buyerReference: z.string(),
  orderReference: z.string(),
  sku: z.string(),
  quantity: z.number().int(),
  reason: z.string(),
  stage: z.enum(returnStages),
  grade: z.enum(returnGrades).nullable(),
  customsReturnReference: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZReturnView = ZReturn.extend({
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

/** Registers the warehouse, stock and returns routes (the contract in docs/warehouses.md). */
export const registerWarehouseRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/orgs/:orgId/logistics/warehouses';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Warehouses the organisation operates or is a client of',
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZWarehouse) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'warehouse.read', request.params.orgId);
      return listWarehouses(deps, request.params.orgId);
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Register a warehouse the organisation (a logistics provider or an exporter) operates',
        params: ZOrgParams,
        body: z.strictObject({
          name: text(200),
          unlocode: z.string().regex(/^[A-Za-z]{2}[A-Za-z2-9]{3}$/),
          address: ZAddress,
          roles: z.array(z.enum(warehouseRoles)).min(1).max(3),
        }),
        response: { 201: ZWarehouseView },
      },
      config: { access: orgAccess, audit: 'logistics.warehouse.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'warehouse.manage', orgId);
      return reply.status(201).send(await createWarehouse(deps, writeContext(request), orgId, request.body));
    },
  );

  app.get(
    `${base}/:warehouseId`,
    {
      schema: {
        tags,
        summary: 'A warehouse; its operator also sees the clients it granted',
        params: ZWarehouseParams,
        response: { 200: ZWarehouseView },
      },
      config: { access: warehouseAccess },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return getWarehouse(deps, orgId, warehouseId);
    },
  );

  app.post(
    `${base}/:warehouseId/clients`,
    {
      schema: {
        tags,
        summary: "Grant an organisation use of the operator's warehouse",
        params: ZWarehouseParams,
        body: z.strictObject({ organisationId: id }),
        response: { 200: z.object({ granted: z.boolean(), warehouse: ZWarehouseView }) },
      },
      config: { access: warehouseAccess, audit: 'logistics.warehouse.grant_client' },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.manage', orgId);
      return grantClient(deps, writeContext(request), orgId, warehouseId, request.body.organisationId);
    },
  );

  app.get(
    `${base}/:warehouseId/stock`,
    {
      schema: {
        tags,
        summary:
          'Stock per client and SKU (sellable, picked, quarantine, in repair); a client sees its own only',
        params: ZWarehouseParams,
        querystring: z.strictObject({ sku: sku.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                clientOrganisationId: z.string(),
                sku: z.string(),
                sellable: z.number().int(),
                picked: z.number().int(),
                quarantine: z.number().int(),
                inRepair: z.number().int(),
              }),
            ),
          }),
        },
      },
      config: { access: warehouseAccess },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return getStock(deps, orgId, warehouseId, request.query.sku);
    },
  );

  app.get(
    `${base}/:warehouseId/movements`,
    {
      schema: {
        tags,
        summary: 'The stock movement ledger in the order recorded; a client sees its own only',
        params: ZWarehouseParams,
        querystring: z.strictObject({
          sku: sku.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(ZMovement) }) },
      },
      config: { access: warehouseAccess },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return getMovements(deps, orgId, warehouseId, request.query);
    },
  );

  app.post(
    `${base}/:warehouseId/movements`,
    {
      schema: {
        tags,
        summary: "Record an inbound, pick, outbound or adjustment of a client's stock (409 below zero)",
        params: ZWarehouseParams,
        body: z.strictObject({
          clientOrganisationId: id,
          sku,
          kind: z.enum(directMovementKinds),
          quantity,
          reference: text(100).optional(),
          reason: text(500).optional(),
        }),
        response: { 201: ZMovement },
      },
      config: { access: warehouseAccess, audit: 'logistics.stock.move' },
    },
    async (request, reply) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'stock.move', orgId);
      return withAvailable(request, reply, async () =>
        reply
          .status(201)
          .send(await recordMovement(deps, writeContext(request), orgId, warehouseId, request.body)),
      );
    },
  );

  app.get(
    `${base}/:warehouseId/returns`,
    {
      schema: {
        tags,
        summary: 'Return cases at the warehouse, newest first; a client sees its own only',
        params: ZWarehouseParams,
        response: { 200: z.object({ items: z.array(ZReturn) }) },
      },
      config: { access: warehouseAccess },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return listReturns(deps, orgId, warehouseId);
    },
  );

  app.get(
    `${base}/:warehouseId/returns/funnel`,
    {
      schema: {
        tags,
        summary: 'How many return cases stand at each stage',
        params: ZWarehouseParams,
        response: { 200: z.record(z.enum(returnStages), z.number().int()) },
      },
      config: { access: warehouseAccess },
    },
    async (request) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return returnsFunnel(deps, orgId, warehouseId);
    },
  );

  app.post(
    `${base}/:warehouseId/returns`,
    {
      schema: {
        tags,
        summary: "Receive a buyer's return at a returns centre into the client's quarantine stock",
        params: ZWarehouseParams,
        body: z.strictObject({
          clientOrganisationId: id,
          buyerReference: text(100),
          orderReference: text(100),
          sku,
          quantity: z.number().int().min(1).max(1_000_000),
          reason: text(500),
        }),
        response: { 201: ZReturnView },
      },
      config: { access: warehouseAccess, audit: 'logistics.return.receive' },
    },
    async (request, reply) => {
      const { orgId, warehouseId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      return reply
        .status(201)
        .send(await receiveReturn(deps, writeContext(request), orgId, warehouseId, request.body));
    },
  );

  app.get(
    `${base}/:warehouseId/returns/:returnId`,
    {
      schema: {
        tags,
        summary: 'A return case with its history',
        params: ZReturnParams,
        response: { 200: ZReturnView },
      },
      config: { access: returnAccess },
    },
    async (request) => {
      const { orgId, warehouseId, returnId } = request.params;
      asOrganisation(request, 'warehouse.read', orgId);
      return getReturn(deps, orgId, warehouseId, returnId);
    },
  );

  app.post(
    `${base}/:warehouseId/returns/:returnId/inspection`,
    {
      schema: {
        tags,
        summary: 'Grade a received return: A resaleable, B refurbish, C scrap',
        params: ZReturnParams,
        body: z.strictObject({ grade: z.enum(returnGrades), note: text(500).optional() }),
        response: { 200: ZReturnView },
      },
      config: { access: returnAccess, audit: 'logistics.return.inspect' },
    },
    async (request) => {
      const { orgId, warehouseId, returnId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      return inspectReturn(deps, writeContext(request), orgId, warehouseId, returnId, request.body);
    },
  );

  app.post(
    `${base}/:warehouseId/returns/:returnId/decision`,
    {
      schema: {
        tags,
        summary: 'Restock, re-export, return to China or scrap an inspected return',
        params: ZReturnParams,
        body: z.strictObject({
          decision: z.enum(returnDecisions),
          customsReturnReference: text(100).optional(),
          reference: text(100).optional(),
        }),
        response: { 200: ZReturnView },
      },
      config: { access: returnAccess, audit: 'logistics.return.decide' },
    },
    async (request, reply) => {
      const { orgId, warehouseId, returnId } = request.params;
      asOrganisation(request, 'return.handle', orgId);
      return withAvailable(request, reply, () =>
        decideReturn(deps, writeContext(request), orgId, warehouseId, returnId, request.body),
      );
    },
  );
  registerRepairRoutes(root, deps);
};
