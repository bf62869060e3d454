import type { Money } from '@tradehub/kernel';

/**
 * What two parties agree in an order, independent of how it is stored or exchanged: the order
 * module stores it, the UBL 2.4 Order / OrderResponse and Peppol BIS Billing 3.0 converters map
 * it to and from XML, and the document kinds are generated from it. Quantities are decimal
 * strings (UN/ECE Recommendation 20 units allow fractions of a kilogram, never a float); prices
 * and totals are Money.
 */
export type OrderLine = {
  /** 1-based position, as UBL `cac:OrderLine/cac:LineItem/cbc:ID` numbers it. */
  lineNumber: number;
  /** The seller's item id (UBL `cac:SellersItemIdentification`), when known. */
  sellerItemId?: string;
  descriptionEn: string;
  descriptionZh?: string;
  /** HS code, 6 to 10 digits without dots. */
  hsCode: string;
  /** Decimal string, > 0. */
  quantity: string;
  /** UN/ECE Recommendation 20 unit code, e.g. `H87` (piece), `KGM`, `XCT` (carton). */
  unitCode: string;
  /** Price per one unit of `unitCode`, in the order's currency. */
  unitPrice: Money;
  /** quantity x unitPrice, rounded half-up to the currency's minor unit. */
  lineTotal: Money;
};

export type Incoterms2020Rule =
  | 'EXW'
  | 'FCA'
  | 'CPT'
  | 'CIP'
  | 'DAP'
  | 'DPU'
  | 'DDP'
  | 'FAS'
  | 'FOB'
  | 'CFR'
  | 'CIF';

export const incoterms2020Rules: readonly Incoterms2020Rule[] = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
];

/** A party as the order names it: a hub organisation when it is one, always with a printable name. */
export type OrderParty = {
  /** The hub organisation id, when the party is registered on the hub. */
  organisationId?: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** e.g. the USCC of a Chinese company, an EORI, a VAT number: printed, and `cbc:CompanyID` in UBL. */
  companyId?: string;
  email?: string;
  addressLines?: string[];
  city?: string;
  postalCode?: string;
};

export type OrderContent = {
  /** The buyer's own reference (UBL `cbc:ID` of the Order), unique per buyer. */
  buyerReference: string;
  /** ISO 8601 date the order was raised. */
  issueDate: string;
  currency: string;
  seller: OrderParty;
  buyer: OrderParty;
  incoterms: { rule: Incoterms2020Rule; namedPlace: { unlocode: string; name?: string } };
  /** ISO 8601 date. */
  requestedDeliveryDate?: string;
  /** Free text, e.g. "30% T/T in advance, 70% against copy of B/L". */
  paymentTerms: string;
  note?: string;
  lines: OrderLine[];
  /** Sum of the line totals. */
  total: Money;
};
