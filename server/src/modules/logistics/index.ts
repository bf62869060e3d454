import type { FastifyInstance } from 'fastify';
import { registerBookingRoutes } from './bookings/routes-bookings.ts';
import { type RequestBookingInput, requestBooking } from './bookings/service/bookings.ts';
import type { LogisticsDeps } from './deps.ts';
import { registerExceptionRoutes } from './exceptions/routes-exceptions.ts';
import { registerExceptionDeliveries } from './exceptions/service/deliveries.ts';
import { sweepLogisticsExceptions } from './exceptions/service/sweep-exceptions.ts';
import { createExceptionSweeper } from './exceptions/sweeper.ts';
import { registerPlanRoutes } from './plans/routes-plans.ts';
import { registerLogisticsRoutes } from './routes.ts';
import { registerEpcisRoutes } from './routes-epcis.ts';
import type { WriteContext } from './service/context.ts';
import { type CreateShipmentInput, createShipment } from './service/create-shipment.ts';
import { getShipment } from './service/get-shipment.ts';
import { ingestEvents } from './service/ingest-events.ts';
import { listShipments } from './service/list-shipments.ts';
import { registerTraceRoutes } from './trace/routes-trace.ts';
import { registerWarehouseRoutes } from './warehouses/routes-warehouses.ts';
import { advanceRepair, type OpenRepairInput, openRepair } from './warehouses/service/repairs.ts';
import {
  decideReturn,
  inspectReturn,
  type ReceiveReturnInput,
  type ReturnDecisionInput,
  receiveReturn,
} from './warehouses/service/returns.ts';
import { type MovementInput, recordMovement } from './warehouses/service/stock.ts';
import { type CreateWarehouseInput, createWarehouse, grantClient } from './warehouses/service/warehouses.ts';
import { registerEventCallbackRoutes } from './webhooks/routes-callbacks.ts';

export type { LogisticsCodeLists, LogisticsDeps, LogisticsOrders } from './deps.ts';
export type { ShipmentContent, TransportMode } from './domain/shipment.ts';
export { logisticsErrorStatuses, logisticsFieldErrorCodes } from './errors.ts';
export { logisticsEvents } from './events.ts';
export { DCSA_TNT_VERSION, validateDcsaEvent } from './formats/dcsa-tnt/index.ts';
export { validateEpcisJson } from './formats/epcis/index.ts';
export type { WriteContext as LogisticsWriteContext } from './service/context.ts';
export type { CreateShipmentInput } from './service/create-shipment.ts';
export type { LogisticsTraceDeps, TraceSigningKey } from './trace/deps.ts';

/** The logistics module bound to its dependencies: what the composition root and flows use. */
export const createLogisticsModule = (deps: LogisticsDeps) => ({
  registerRoutes: (app: FastifyInstance) => {
    registerLogisticsRoutes(app, deps);
    registerWarehouseRoutes(app, deps);
    registerBookingRoutes(app, deps);
    registerEventCallbackRoutes(app, deps);
    registerTraceRoutes(app, deps);
    registerPlanRoutes(app, deps);
    registerExceptionRoutes(app, deps);
    registerEpcisRoutes(app, deps);
  },
  /** Subscribes the exception callbacks' deliveries to the outbox (exceptions/service/deliveries.ts). */
  registerConsumers: (bus: Parameters<typeof registerExceptionDeliveries>[1]) =>
    registerExceptionDeliveries(deps, bus),
  /** Raises gap exceptions for milestones missing at `now`; returns how many (the sweeper's tick). */
  sweepExceptions: (now: Date) => sweepLogisticsExceptions(deps, now),
  /** Runs `sweepExceptions` in the background until `stop`. */
  exceptionSweeper: createExceptionSweeper(deps),
  /** Creates a shipment with `organisationId` as its shipper; the caller decided access. */
  createShipment: (ctx: WriteContext, organisationId: string, input: CreateShipmentInput) =>
    createShipment(deps, ctx, organisationId, input),
  /** A shipment as `organisationId` sees it, with its events; 404 when it is no party of it. */
  getShipment: (organisationId: string, shipmentId: string) => getShipment(deps, organisationId, shipmentId),
  /** A page of the shipments the organisation is a party of, newest first. */
  listShipments: (filter: Parameters<typeof listShipments>[1]) => listShipments(deps, filter),
  /** Stores DCSA events sent by an organisation, all or none (see service/ingest-events.ts). */
  ingestEvents: (ctx: WriteContext, senderOrganisationId: string, events: readonly unknown[]) =>
    ingestEvents(deps, ctx, senderOrganisationId, events, 'batch'),
  /** A shipper's booking request to a forwarder (bookings/service/bookings.ts). */
  requestBooking: (ctx: WriteContext, organisationId: string, input: RequestBookingInput) =>
    requestBooking(deps, ctx, organisationId, input),
  /** Warehouses, stock, returns and repairs as their operator does them (docs/warehouses.md). */
  warehouses: {
    create: (ctx: WriteContext, organisationId: string, input: CreateWarehouseInput) =>
      createWarehouse(deps, ctx, organisationId, input),
    grantClient: (ctx: WriteContext, organisationId: string, warehouseId: string, clientId: string) =>
      grantClient(deps, ctx, organisationId, warehouseId, clientId),
    recordMovement: (ctx: WriteContext, organisationId: string, warehouseId: string, input: MovementInput) =>
      recordMovement(deps, ctx, organisationId, warehouseId, input),
    receiveReturn: (
      ctx: WriteContext,
      organisationId: string,
      warehouseId: string,
      input: ReceiveReturnInput,
    ) => receiveReturn(deps, ctx, organisationId, warehouseId, input),
    inspectReturn: (
      ctx: WriteContext,
      organisationId: string,
      warehouseId: string,
      returnId: string,
      input: Parameters<typeof inspectReturn>[5],
    ) => inspectReturn(deps, ctx, organisationId, warehouseId, returnId, input),
    decideReturn: (
      ctx: WriteContext,
      organisationId: string,
      warehouseId: string,
      returnId: string,
      input: ReturnDecisionInput,
    ) => decideReturn(deps, ctx, organisationId, warehouseId, returnId, input),
    openRepair: (ctx: WriteContext, organisationId: string, warehouseId: string, input: OpenRepairInput) =>
      openRepair(deps, ctx, organisationId, warehouseId, input),
    advanceRepair: (
      ctx: WriteContext,
      organisationId: string,
      warehouseId: string,
      ticketId: string,
      step: Parameters<typeof advanceRepair>[5],
      detail: Parameters<typeof advanceRepair>[6],
    ) => advanceRepair(deps, ctx, organisationId, warehouseId, ticketId, step, detail),
  },
});

export type LogisticsModule = ReturnType<typeof createLogisticsModule>;
