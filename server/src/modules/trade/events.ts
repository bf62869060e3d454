/**
 * Events the trade module publishes through the outbox. Payloads carry ids, statuses and the
 * organisations involved, never the order's content: a consumer reads that through the module.
 */
export const tradeEvents = {
  orderCreated: 'trade.order.created',
  orderUpdated: 'trade.order.updated',
  /** Any lifecycle action: offer, accept, reject, counter, start_fulfilment, complete, cancel. */
  orderTransitioned: 'trade.order.transitioned',
  orderClaimed: 'trade.order.claimed',
  orderShared: 'trade.order.shared',
  orderUnshared: 'trade.order.unshared',
  orderDocumentIssued: 'trade.order.document_issued',
} as const;
