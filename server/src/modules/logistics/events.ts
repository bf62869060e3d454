/**
 * Events the logistics module publishes through the outbox. Payloads carry ids, codes and the
 * organisations involved; a consumer reads a shipment's content through the module.
 */
export const logisticsEvents = {
  shipmentCreated: 'logistics.shipment.created',
  /** One per DCSA event stored the first time (a replay publishes nothing). */
  trackingEventReceived: 'logistics.tracking_event.received',
} as const;
