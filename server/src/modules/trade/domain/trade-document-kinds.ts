import type { OrderStatus } from './order-state-machine.ts';

/** The trade documents an order gives rise to (issue 4, part 2). */
export const tradeDocumentKinds = [
  'sales_contract',
  'proforma_invoice',
  'commercial_invoice',
  'packing_list',
  'certificate_of_origin',
  'bill_of_lading',
  'e_invoice',
] as const;
export type TradeDocumentKind = (typeof tradeDocumentKinds)[number];

/** Printed before the number, so a document's kind reads off its number. */
export const documentNumberPrefixes: Record<TradeDocumentKind, string> = {
  sales_contract: 'SC',
  proforma_invoice: 'PI',
  commercial_invoice: 'CI',
  packing_list: 'PL',
  certificate_of_origin: 'CO',
  bill_of_lading: 'BL',
  e_invoice: 'EI',
};

// A contract and a proforma invoice are what a buyer asks for while still deciding; the shipping
// and payment documents exist only for an order both parties have agreed.
const negotiating: readonly OrderStatus[] = ['offered', 'countered'];
const agreed: readonly OrderStatus[] = ['accepted', 'in_fulfilment', 'completed'];

/** True when a document of `kind` may be issued for an order in `status`. */
export const canIssueIn = (kind: TradeDocumentKind, status: OrderStatus): boolean =>
  agreed.includes(status) ||
  ((kind === 'sales_contract' || kind === 'proforma_invoice') && negotiating.includes(status));

/** The kinds a Peppol BIS Billing 3.0 invoice can be exported from. */
export const invoiceKinds: readonly TradeDocumentKind[] = ['commercial_invoice', 'e_invoice'];
