/**
 * Events the logistics module publishes through the outbox. Payloads carry ids, codes and the
 * organisations involved; a consumer reads a shipment's content through the module.
 */
export const logisticsEvents = {
  shipmentCreated: 'logistics.shipment.created',
  /** One per DCSA event stored the first time (a replay publishes nothing). */
  trackingEventReceived: 'logistics.tracking_event.received',
  /** A booking's steps, for the other party's notifications: shipper and forwarder are named. */
  bookingRequested: 'logistics.booking.requested',
  bookingConfirmed: 'logistics.booking.confirmed',
  bookingDeclined: 'logistics.booking.declined',
  bookingCancelled: 'logistics.booking.cancelled',
  /** An exception's life (exceptions/): the payload is the exception as its parties see it. */
  exceptionRaised: 'logistics.exception.raised',
  exceptionUpdated: 'logistics.exception.updated',
  exceptionResolved: 'logistics.exception.resolved',
  /** One per subscription an exception event is pushed to; its consumer POSTs the callback. */
  exceptionDeliveryRequested: 'logistics.exception_delivery.requested',
} as const;
