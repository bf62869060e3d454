import { type Money, money, multiplyMoney } from '@tradehub/kernel';
import type { OrderParty } from '../domain/order-content.ts';

// The Peppol BIS Billing 3.0 invoice or credit note as data: what parsePeppolDocument returns and
// buildPeppolInvoiceXml writes. EN 16931 has one model for both documents, so this is one type;
// `documentKind` picks the UBL document. Business-term numbers (BT-/BG-) are EN 16931's; the UBL
// paths are in docs/ubl-peppol.md. Amounts are Money in the document currency; quantities, percentages and
// multipliers stay decimal strings exactly as written, so a round trip does not change them.

/** A Peppol electronic address: an EAS scheme code and the identifier in it. */
export type PeppolEndpoint = { schemeId: string; id: string };

/** An identifier with its optional scheme (ISO 6523 ICD, GTIN's 0160 and the like). */
export type PeppolIdentifier = { id: string; schemeId?: string };

/** A postal address without a party (BG-15 delivery address). */
export type PeppolAddress = {
  addressLines?: string[];
  city?: string;
  postalCode?: string;
  countrySubentity?: string;
  country: string;
};

/** Seller (BG-4) or buyer (BG-7). `name` is the trading name (BT-28/45), or the legal name when there is none. */
export type PeppolParty = OrderParty & {
  /** BT-34 / BT-49 */
  endpoint?: PeppolEndpoint;
  /** BT-31 / BT-48, PartyTaxScheme with TaxScheme VAT. */
  vatId?: string;
  /** BT-27 / BT-44, only when it differs from `name`. */
  registrationName?: string;
  /** BT-29 / BT-46 */
  identifiers?: PeppolIdentifier[];
  /** The scheme of the legal registration id `companyId` (BT-30 / BT-47 scheme); ignored without companyId. */
  companyIdScheme?: string;
  /** BT-33 */
  legalForm?: string;
  /** BT-39 / BT-54 */
  countrySubentity?: string;
  /** BT-41 / BT-56 */
  contactName?: string;
  /** BT-42 / BT-57 */
  telephone?: string;
};

export type PeppolPeriod = { startDate?: string; endDate?: string };

/** A document-level (BG-20/21) or line-level (BG-27/28) allowance or charge. */
export type PeppolAllowanceCharge = {
  charge: boolean;
  reasonCode?: string;
  reason?: string;
  /** Percentage, as written (BT-94/101/138/143). */
  multiplier?: string;
  amount: Money;
  baseAmount?: Money;
  /** Document level only: VAT category and rate (BT-95/96, BT-102/103). */
  taxCategory?: string;
  taxPercent?: string;
};

/** One VAT breakdown (BG-23). */
export type PeppolTaxSubtotal = {
  taxableAmount: Money;
  taxAmount: Money;
  category: string;
  percent?: string;
  exemptionReasonCode?: string;
  exemptionReason?: string;
};

/** One payment means (BG-16). */
export type PeppolPaymentMeans = {
  code: string;
  codeName?: string;
  paymentId?: string;
  /** BG-17: IBAN or account number, account name, BIC. */
  account?: { id: string; name?: string; branchId?: string };
};

export type PeppolDocumentReference = {
  id: string;
  schemeId?: string;
  typeCode?: string;
  description?: string;
  uri?: string;
};

/** Which UBL 2.1 document carries the model: `Invoice` or `CreditNote`. */
export type PeppolDocumentKind = 'invoice' | 'creditNote';

/** One invoice or credit note line (BG-25); quantities and amounts may be negative (corrections). */
export type PeppolInvoiceLine = {
  lineNumber: string;
  note?: string;
  quantity: string;
  unitCode: string;
  lineTotal: Money;
  accountingCost?: string;
  period?: PeppolPeriod;
  orderLineId?: string;
  allowanceCharges?: PeppolAllowanceCharge[];
  name: string;
  description?: string;
  buyerItemId?: string;
  sellerItemId?: string;
  standardItemId?: PeppolIdentifier;
  originCountry?: string;
  hsCode?: string;
  /** Item classifications other than HS (BT-158 with its listID). */
  classifications?: { code: string; listId?: string; listVersionId?: string }[];
  taxCategory: string;
  taxPercent?: string;
  /** BG-32 item attributes. */
  properties?: { name: string; value: string }[];
  /** BT-146, the net price. */
  unitPrice: Money;
  /** BT-149 */
  baseQuantity?: string;
  /** BT-147/148: the price discount and the gross price. */
  priceDiscount?: { amount: Money; grossPrice?: Money };
};

/** What a Peppol BIS Billing 3.0 invoice or credit note says. */
export type PeppolInvoice = {
  /**
   * The UBL document: an invoice when absent (models written before credit notes existed stay
   * valid); the readers always set it. A credit note carries `dueDate` (BT-9) in its first payment
   * means and `projectReference` (BT-11) as an additional document reference of type 50.
   */
  documentKind?: PeppolDocumentKind;
  customizationId: string;
  profileId: string;
  /** BT-1, the credit note's number in a credit note. */
  invoiceNumber: string;
  issueDate: string;
  dueDate?: string;
  /** BT-3: InvoiceTypeCode (380, 384, …) or CreditNoteTypeCode (381, 396, …). */
  typeCode: string;
  note?: string;
  taxPointDate?: string;
  currency: string;
  /** BT-6 and BT-111: the VAT accounting currency and the VAT total in it. */
  taxCurrency?: string;
  taxAmountInTaxCurrency?: Money;
  accountingCost?: string;
  buyerReference?: string;
  period?: PeppolPeriod;
  orderReference?: string;
  salesOrderId?: string;
  /** BG-3 preceding invoices. */
  precedingInvoices?: { id: string; issueDate?: string }[];
  contractReference?: string;
  additionalDocuments?: PeppolDocumentReference[];
  projectReference?: string;
  seller: PeppolParty;
  buyer: PeppolParty;
  delivery?: {
    actualDate?: string;
    locationId?: PeppolIdentifier;
    address?: PeppolAddress;
    partyName?: string;
  };
  paymentMeans?: PeppolPaymentMeans[];
  paymentTerms?: string;
  allowanceCharges?: PeppolAllowanceCharge[];
  taxAmount: Money;
  taxSubtotals: PeppolTaxSubtotal[];
  lineExtensionAmount: Money;
  taxExclusiveAmount: Money;
  taxInclusiveAmount: Money;
  allowanceTotalAmount?: Money;
  chargeTotalAmount?: Money;
  prepaidAmount?: Money;
  payableRoundingAmount?: Money;
  payableAmount: Money;
  lines: PeppolInvoiceLine[];
};

/** The earlier name of PeppolInvoice, kept for importers. */
export type ParsedPeppolInvoice = PeppolInvoice;

/** percent / 100 as a decimal string ('25.0' -> '0.250'), so no float is ever involved. */
const percentFactor = (percent: string): string => {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(percent);
  if (match === null) {
    throw new Error(`not a percentage: ${percent}`);
  }
  const digits = `${match[1]}${match[2] ?? ''}`.padStart((match[2]?.length ?? 0) + 3, '0');
  const scale = (match[2]?.length ?? 0) + 2;
  return `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
};

/**
 * The VAT of a category's taxable amount: taxable x rate / 100, rounded half-up (ties away from
 * zero) to the currency's minor unit. EN 16931 BR-S-09 / BR-CO-17 say the VAT category tax amount
 * is "rounded to two decimals" without naming the mode; half-up agrees with the XPath round() of
 * the official Schematron on positive amounts.
 */
export const vatOf = (taxable: Money, percent: string | undefined): Money =>
  percent === undefined
    ? money(taxable.currency, 0n)
    : multiplyMoney(taxable, percentFactor(percent), 'half_up');

// '25', '25.0' and '25.00' are one rate.
const samePercent = (percent: string): string => percent.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

const sum = (currency: string, amounts: readonly Money[]): Money =>
  money(
    currency,
    amounts.reduce((total, m) => total + m.amountMinor, 0n),
  );

/**
 * The VAT breakdown (BG-23) and document totals (BG-22) that EN 16931's calculation rules give for
 * these lines and document allowances/charges: one breakdown per category and rate, in first-seen
 * order (BR-CO-18), VAT per breakdown by vatOf, totals per BR-CO-10..16. Exemption reasons are the
 * caller's (`reasons`, by category code).
 */
export const computePeppolTotals = (
  currency: string,
  lines: readonly Pick<PeppolInvoiceLine, 'lineTotal' | 'taxCategory' | 'taxPercent'>[],
  allowanceCharges: readonly PeppolAllowanceCharge[] = [],
  options: {
    reasons?: Readonly<Record<string, { code?: string; text?: string }>>;
    prepaid?: Money;
    rounding?: Money;
  } = {},
): Pick<
  PeppolInvoice,
  | 'taxAmount'
  | 'taxSubtotals'
  | 'lineExtensionAmount'
  | 'taxExclusiveAmount'
  | 'taxInclusiveAmount'
  | 'allowanceTotalAmount'
  | 'chargeTotalAmount'
  | 'prepaidAmount'
  | 'payableRoundingAmount'
  | 'payableAmount'
> => {
  const groups = new Map<string, { category: string; percent?: string; taxable: bigint }>();
  const add = (category: string, percent: string | undefined, amount: bigint) => {
    const key = `${category}:${percent === undefined ? '' : samePercent(percent)}`;
    const group = groups.get(key) ?? { category, ...(percent === undefined ? {} : { percent }), taxable: 0n };
    group.taxable += amount;
    groups.set(key, group);
  };
  for (const line of lines) {
    add(line.taxCategory, line.taxPercent, line.lineTotal.amountMinor);
  }
  for (const ac of allowanceCharges) {
    add(ac.taxCategory ?? '', ac.taxPercent, ac.charge ? ac.amount.amountMinor : -ac.amount.amountMinor);
  }
  const taxSubtotals = [...groups.values()].map((group): PeppolTaxSubtotal => {
    const taxableAmount = money(currency, group.taxable);
    const reason = options.reasons?.[group.category];
    return {
      taxableAmount,
      taxAmount: vatOf(taxableAmount, group.percent),
      category: group.category,
      ...(group.percent === undefined ? {} : { percent: group.percent }),
      ...(reason?.code === undefined ? {} : { exemptionReasonCode: reason.code }),
      ...(reason?.text === undefined ? {} : { exemptionReason: reason.text }),
    };
  });
  const lineExtensionAmount = sum(
    currency,
    lines.map((line) => line.lineTotal),
  );
  const allowances = allowanceCharges.filter((ac) => !ac.charge).map((ac) => ac.amount);
  const charges = allowanceCharges.filter((ac) => ac.charge).map((ac) => ac.amount);
  const allowanceTotal = sum(currency, allowances);
  const chargeTotal = sum(currency, charges);
  const taxExclusiveAmount = money(
    currency,
    lineExtensionAmount.amountMinor - allowanceTotal.amountMinor + chargeTotal.amountMinor,
  );
  const taxAmount = sum(
    currency,
    taxSubtotals.map((s) => s.taxAmount),
  );
  const taxInclusiveAmount = money(currency, taxExclusiveAmount.amountMinor + taxAmount.amountMinor);
  const payableAmount = money(
    currency,
    taxInclusiveAmount.amountMinor -
      (options.prepaid?.amountMinor ?? 0n) +
      (options.rounding?.amountMinor ?? 0n),
  );
  return {
    taxAmount,
    taxSubtotals,
    lineExtensionAmount,
    taxExclusiveAmount,
    taxInclusiveAmount,
    ...(allowances.length === 0 ? {} : { allowanceTotalAmount: allowanceTotal }),
    ...(charges.length === 0 ? {} : { chargeTotalAmount: chargeTotal }),
    ...(options.prepaid === undefined ? {} : { prepaidAmount: options.prepaid }),
    ...(options.rounding === undefined ? {} : { payableRoundingAmount: options.rounding }),
    payableAmount,
  };
};
