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
  /**
   * A commercial invoice issued (its first version; an amendment is the same sale): the moment the
   * sale is invoiced between the two organisations, which the trade statistics count.
   */
  invoiceIssued: 'trade.invoice.issued',
} as const;

/**
 * The payload of `trade.invoice.issued`: the parties' organisations and countries and, per line,
 * the HS code, unit and amount; never names, addresses or e-mails.
 */
export type InvoiceIssuedPayload = {
  orderId: string;
  documentId: string;
  documentVersion: number;
  /** YYYY-MM-DD, the invoice's issue date. */
  issueDate: string;
  sellerOrganisationId: string;
  buyerOrganisationId: string | null;
  /** ISO 3166-1 alpha-2, as the order names the parties. */
  sellerCountry: string;
  buyerCountry: string;
  currency: string;
  /** Amounts in minor units of `currency`, as decimal strings. */
  lines: { hsCode: string; unitCode: string; amountMinor: string }[];
  totalMinor: string;
};
