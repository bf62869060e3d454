import type { FastifyInstance } from 'fastify';
import type { LogisticsDeps } from './deps.ts';
import { registerLogisticsRoutes } from './routes.ts';
import type { WriteContext } from './service/context.ts';
import { type CreateShipmentInput, createShipment } from './service/create-shipment.ts';
import { getShipment } from './service/get-shipment.ts';
import { ingestEvents } from './service/ingest-events.ts';
import { listShipments } from './service/list-shipments.ts';
import { registerWarehouseRoutes } from './warehouses/routes-warehouses.ts';

export type { LogisticsCodeLists, LogisticsDeps, LogisticsOrders } from './deps.ts';
export type { ShipmentContent, TransportMode } from './domain/shipment.ts';
export { logisticsErrorStatuses, logisticsFieldErrorCodes } from './errors.ts';
export { logisticsEvents } from './events.ts';
export { DCSA_TNT_VERSION, validateDcsaEvent } from './formats/dcsa-tnt/index.ts';
export type { WriteContext as LogisticsWriteContext } from './service/context.ts';
export type { CreateShipmentInput } from './service/create-shipment.ts';

/** The logistics module bound to its dependencies: what the composition root and flows use. */
export const createLogisticsModule = (deps: LogisticsDeps) => ({
  registerRoutes: (app: FastifyInstance) => {
    registerLogisticsRoutes(app, deps);
    registerWarehouseRoutes(app, deps);
  },
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
});

export type LogisticsModule = ReturnType<typeof createLogisticsModule>;
