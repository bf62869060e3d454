// The UBL 2.4 Order / OrderResponse and Peppol BIS Billing 3.0 Invoice converters of the trade
// module: pure functions from OrderContent to XML and back, no I/O. Field mapping: docs/ubl-peppol.md.

export type { PeppolInvoiceMeta } from './peppol-invoice.ts';
export { buildPeppolInvoice, buildPeppolInvoiceXml, peppolInvoiceOfOrder } from './peppol-invoice.ts';
export { parsePeppolDocument, parsePeppolInvoice } from './peppol-invoice-read.ts';
export type {
  ParsedPeppolInvoice,
  PeppolAddress,
  PeppolAllowanceCharge,
  PeppolDocumentKind,
  PeppolDocumentReference,
  PeppolEndpoint,
  PeppolIdentifier,
  PeppolInvoice,
  PeppolInvoiceLine,
  PeppolParty,
  PeppolPaymentMeans,
  PeppolPeriod,
  PeppolTaxSubtotal,
} from './peppol-model.ts';
export { computePeppolTotals, vatOf } from './peppol-model.ts';
export type { UblOrderCompletion } from './ubl-order.ts';
export { buildUblOrder, parseUblOrder } from './ubl-order.ts';
export type { OrderResponseCode, ParsedOrderResponse } from './ubl-order-response.ts';
export {
  buildUblOrderResponse,
  buildUblOrderStatusResponse,
  parseUblOrderResponse,
} from './ubl-order-response.ts';
