import { AppError, type FieldError, type Money, minorUnitOf, validateLei } from '@tradehub/kernel';
import { renderXml, type XmlNode } from '../../../platform/xml/index.ts';
import type { OrderContent, OrderParty } from '../domain/order-content.ts';
import {
  computePeppolTotals,
  type PeppolAddress,
  type PeppolAllowanceCharge,
  type PeppolDocumentReference,
  type PeppolEndpoint,
  type PeppolInvoice,
  type PeppolInvoiceLine,
  type PeppolParty,
  type PeppolPeriod,
} from './peppol-model.ts';
import { PEPPOL_SYNTAX, type PeppolSyntax, PROJECT_REFERENCE_TYPE_CODE } from './peppol-syntax.ts';
import { amountLeaf, el, leaf, ublRootAttributes } from './ubl-common.ts';

export const PEPPOL_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** The invoice-level facts an order does not hold. */
export type PeppolInvoiceMeta = {
  invoiceNumber: string;
  issueDate: string;
  dueDate?: string;
  /** Overrides the electronic address derived from the seller's companyId. */
  sellerEndpoint?: PeppolEndpoint;
  /** Overrides the electronic address derived from the buyer's companyId. */
  buyerEndpoint?: PeppolEndpoint;
};

// EAS codes of the national VAT-number schemes (Peppol code list "eas"), by VAT prefix.
const VAT_SCHEMES: Readonly<Record<string, string>> = {
  AD: '9922',
  AL: '9923',
  AT: '9914',
  BA: '9924',
  BE: '9925',
  BG: '9926',
  CH: '9927',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  EE: '9931',
  EL: '9933',
  ES: '9920',
  FR: '9957',
  GB: '9932',
  GR: '9933',
  HR: '9934',
  HU: '9910',
  IE: '9935',
  IT: '9906',
  LI: '9936',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MC: '9940',
  ME: '9941',
  MK: '9942',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  RS: '9948',
  SE: '9955',
  SI: '9949',
  SK: '9950',
  SM: '9951',
  TR: '9952',
  VA: '9953',
};

const gs1CheckOk = (digits: string): boolean => {
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
};

/**
 * The Peppol electronic address (BT-34 / BT-49) of a party, derived from its companyId: an LEI
 * (0199), a GLN (0088) or an EU/EEA VAT number (99xx). Other identifiers (a Chinese USCC, say) have
 * no Peppol scheme, so the caller must pass one.
 */
const endpointOf = (party: OrderParty, given: PeppolEndpoint | undefined): PeppolEndpoint | undefined => {
  if (given !== undefined) {
    return given;
  }
  const id = party.companyId?.replace(/\s+/g, '');
  if (id === undefined || id === '') {
    return undefined;
  }
  if (validateLei(id).ok) {
    return { schemeId: '0199', id };
  }
  if (/^\d{13}$/.test(id) && gs1CheckOk(id)) {
    return { schemeId: '0088', id };
  }
  const scheme = VAT_SCHEMES[id.slice(0, 2)];
  return scheme !== undefined && /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(id) ? { schemeId: scheme, id } : undefined;
};

/** The seller's VAT identifier (BT-31): the companyId, prefixed with the country code (BR-CO-09). */
const vatIdOf = (party: OrderParty): string | undefined => {
  const id = party.companyId?.replace(/\s+/g, '');
  if (id === undefined || id === '') {
    return undefined;
  }
  return id.startsWith(party.country) || (party.country === 'GR' && id.startsWith('EL'))
    ? id
    : `${party.country}${id}`;
};

// Writing: the model as UBL 2.1 Invoice or CreditNote XML, every aggregate in the element order of
// the UBL InvoiceType or CreditNoteType (checked against the OASIS schemas in schemas/ubl-2.4 by
// xsd-validation.test.ts and peppol-credit-note.test.ts).

const periodNode = (name: string, period: PeppolPeriod | undefined): XmlNode =>
  period === undefined
    ? undefined
    : el(name, [leaf('cbc:StartDate', period.startDate), leaf('cbc:EndDate', period.endDate)]);

/**
 * cac:PostalAddress or cac:Address. Street lines: the first is cbc:StreetName, the second
 * cbc:AdditionalStreetName, the rest one cac:AddressLine (EN 16931 has only BT-162/163/164).
 */
const addressNode = (name: string, address: PeppolAddress): XmlNode => {
  const [street, additional, ...rest] = address.addressLines ?? [];
  return el(name, [
    leaf('cbc:StreetName', street),
    leaf('cbc:AdditionalStreetName', additional),
    leaf('cbc:CityName', address.city),
    leaf('cbc:PostalZone', address.postalCode),
    leaf('cbc:CountrySubentity', address.countrySubentity),
    rest.length === 0 ? undefined : el('cac:AddressLine', [leaf('cbc:Line', rest.join(', '))]),
    el('cac:Country', [leaf('cbc:IdentificationCode', address.country)]),
  ]);
};

const partyNode = (party: PeppolParty) =>
  el('cac:Party', [
    party.endpoint === undefined
      ? undefined
      : leaf('cbc:EndpointID', party.endpoint.id, { schemeID: party.endpoint.schemeId }),
    ...(party.identifiers ?? []).map((identifier) =>
      el('cac:PartyIdentification', [leaf('cbc:ID', identifier.id, { schemeID: identifier.schemeId })]),
    ),
    el('cac:PartyName', [leaf('cbc:Name', party.name)]),
    addressNode('cac:PostalAddress', party),
    party.vatId === undefined
      ? undefined
      : el('cac:PartyTaxScheme', [
          leaf('cbc:CompanyID', party.vatId),
          el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
        ]),
    el('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', party.registrationName ?? party.name),
      leaf('cbc:CompanyID', party.companyId, { schemeID: party.companyIdScheme }),
      leaf('cbc:CompanyLegalForm', party.legalForm),
    ]),
    party.contactName === undefined && party.telephone === undefined && party.email === undefined
      ? undefined
      : el('cac:Contact', [
          leaf('cbc:Name', party.contactName),
          leaf('cbc:Telephone', party.telephone),
          leaf('cbc:ElectronicMail', party.email),
        ]),
  ]);

const taxCategoryNode = (
  name: string,
  category: string,
  percent: string | undefined,
  reasonCode?: string,
  reason?: string,
) =>
  el(name, [
    leaf('cbc:ID', category, { schemeID: 'UNCL5305' }),
    leaf('cbc:Percent', percent),
    leaf('cbc:TaxExemptionReasonCode', reasonCode),
    leaf('cbc:TaxExemptionReason', reason),
    el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
  ]);

const allowanceChargeNode = (ac: PeppolAllowanceCharge) =>
  el('cac:AllowanceCharge', [
    leaf('cbc:ChargeIndicator', ac.charge ? 'true' : 'false'),
    leaf('cbc:AllowanceChargeReasonCode', ac.reasonCode),
    leaf('cbc:AllowanceChargeReason', ac.reason),
    leaf('cbc:MultiplierFactorNumeric', ac.multiplier),
    amountLeaf('cbc:Amount', ac.amount),
    ac.baseAmount === undefined ? undefined : amountLeaf('cbc:BaseAmount', ac.baseAmount),
    ac.taxCategory === undefined
      ? undefined
      : taxCategoryNode('cac:TaxCategory', ac.taxCategory, ac.taxPercent),
  ]);

const optionalAmount = (name: string, m: Money | undefined): XmlNode =>
  m === undefined ? undefined : amountLeaf(name, m);

// InvoiceLineType and CreditNoteLineType agree on the order of every element written here.
const lineNode = (line: PeppolInvoiceLine, syntax: PeppolSyntax) =>
  el(`cac:${syntax.line}`, [
    leaf('cbc:ID', line.lineNumber),
    leaf('cbc:Note', line.note),
    leaf(`cbc:${syntax.quantity}`, line.quantity, { unitCode: line.unitCode }),
    amountLeaf('cbc:LineExtensionAmount', line.lineTotal),
    leaf('cbc:AccountingCost', line.accountingCost),
    periodNode('cac:InvoicePeriod', line.period),
    line.orderLineId === undefined
      ? undefined
      : el('cac:OrderLineReference', [leaf('cbc:LineID', line.orderLineId)]),
    ...(line.allowanceCharges ?? []).map(allowanceChargeNode),
    el('cac:Item', [
      leaf('cbc:Description', line.description),
      leaf('cbc:Name', line.name),
      line.buyerItemId === undefined
        ? undefined
        : el('cac:BuyersItemIdentification', [leaf('cbc:ID', line.buyerItemId)]),
      line.sellerItemId === undefined
        ? undefined
        : el('cac:SellersItemIdentification', [leaf('cbc:ID', line.sellerItemId)]),
      line.standardItemId === undefined
        ? undefined
        : el('cac:StandardItemIdentification', [
            leaf('cbc:ID', line.standardItemId.id, { schemeID: line.standardItemId.schemeId }),
          ]),
      line.originCountry === undefined
        ? undefined
        : el('cac:OriginCountry', [leaf('cbc:IdentificationCode', line.originCountry)]),
      line.hsCode === undefined
        ? undefined
        : el('cac:CommodityClassification', [
            leaf('cbc:ItemClassificationCode', line.hsCode, { listID: 'HS' }),
          ]),
      ...(line.classifications ?? []).map((c) =>
        el('cac:CommodityClassification', [
          leaf('cbc:ItemClassificationCode', c.code, { listID: c.listId, listVersionID: c.listVersionId }),
        ]),
      ),
      taxCategoryNode('cac:ClassifiedTaxCategory', line.taxCategory, line.taxPercent),
      ...(line.properties ?? []).map((p) =>
        el('cac:AdditionalItemProperty', [leaf('cbc:Name', p.name), leaf('cbc:Value', p.value)]),
      ),
    ]),
    el('cac:Price', [
      amountLeaf('cbc:PriceAmount', line.unitPrice),
      leaf('cbc:BaseQuantity', line.baseQuantity, {
        unitCode: line.baseQuantity === undefined ? undefined : line.unitCode,
      }),
      line.priceDiscount === undefined
        ? undefined
        : el('cac:AllowanceCharge', [
            leaf('cbc:ChargeIndicator', 'false'),
            amountLeaf('cbc:Amount', line.priceDiscount.amount),
            optionalAmount('cbc:BaseAmount', line.priceDiscount.grossPrice),
          ]),
    ]),
  ]);

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { amountMinor?: unknown }).amountMinor === 'bigint';

// Every amount of the model in the document currency (PEPPOL-EN16931-R051), the VAT total in the
// VAT accounting currency; a Money of another currency would silently mislabel an amount.
const currencyErrors = (invoice: PeppolInvoice): FieldError[] => {
  const errors: FieldError[] = [];
  const walk = (value: unknown, path: string) => {
    if (isMoney(value)) {
      const expected = path === 'taxAmountInTaxCurrency' ? invoice.taxCurrency : invoice.currency;
      if (value.currency !== expected) {
        errors.push({
          field: `${path}.currency`,
          code: 'trade.currency_mismatch',
          message: `${value.currency} differs from the currency ${expected ?? '(no tax currency)'}`,
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, `${path}.${index}`);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        walk(item, path === '' ? key : `${path}.${key}`);
      }
    }
  };
  walk(invoice, '');
  if (minorUnitOf(invoice.currency) > 2) {
    errors.push({
      field: 'currency',
      code: 'trade.peppol_currency_decimals',
      message: 'Peppol amounts have at most 2 decimals',
    });
  }
  // A UBL 2.1 CreditNote has no cbc:DueDate: BT-9 lives in a payment means, so without one it
  // would be silently lost.
  if (
    invoice.documentKind === 'creditNote' &&
    invoice.dueDate !== undefined &&
    (invoice.paymentMeans ?? []).length === 0
  ) {
    errors.push({
      field: 'paymentMeans',
      code: 'kernel.required',
      message:
        'a credit note carries its due date in cac:PaymentMeans/cbc:PaymentDueDate: name a payment means',
    });
  }
  return errors;
};

/**
 * A Peppol BIS Billing 3.0 invoice as UBL 2.1 Invoice XML, or a credit note (`documentKind`
 * `creditNote`) as UBL 2.1 CreditNote XML. It writes what the model holds and computes nothing:
 * totals and the VAT breakdown are the caller's (computePeppolTotals derives them by the EN 16931
 * calculation rules), so an imported document is written back exactly as it was. Throws AppError
 * `http.validation_failed` when an amount is not in the document's currency, the currency has more
 * than 2 decimals, or a credit note has a due date but no payment means to carry it.
 */
export const buildPeppolInvoiceXml = (invoice: PeppolInvoice): string => {
  const syntax = PEPPOL_SYNTAX[invoice.documentKind ?? 'invoice'];
  const creditNote = syntax.kind === 'creditNote';
  const errors = currencyErrors(invoice);
  if (errors.length > 0) {
    throw new AppError(
      'http.validation_failed',
      `The ${creditNote ? 'credit note' : 'invoice'} cannot be written as Peppol BIS Billing 3.0`,
      { fieldErrors: errors },
    );
  }
  // A credit note's project reference is an additional document reference (see peppol-syntax.ts).
  const additionalDocuments = [
    ...(invoice.additionalDocuments ?? []),
    ...(creditNote && invoice.projectReference !== undefined
      ? [{ id: invoice.projectReference, typeCode: PROJECT_REFERENCE_TYPE_CODE }]
      : []),
  ];
  const root = el(
    syntax.root,
    [
      leaf('cbc:CustomizationID', invoice.customizationId),
      leaf('cbc:ProfileID', invoice.profileId),
      leaf('cbc:ID', invoice.invoiceNumber),
      leaf('cbc:IssueDate', invoice.issueDate),
      // InvoiceType: DueDate, InvoiceTypeCode, Note, TaxPointDate; the UBL 2.1 CreditNoteType has
      // no DueDate and puts TaxPointDate before CreditNoteTypeCode.
      creditNote ? undefined : leaf('cbc:DueDate', invoice.dueDate),
      creditNote ? leaf('cbc:TaxPointDate', invoice.taxPointDate) : undefined,
      leaf(`cbc:${syntax.typeCode}`, invoice.typeCode),
      leaf('cbc:Note', invoice.note),
      creditNote ? undefined : leaf('cbc:TaxPointDate', invoice.taxPointDate),
      leaf('cbc:DocumentCurrencyCode', invoice.currency),
      leaf('cbc:TaxCurrencyCode', invoice.taxCurrency),
      leaf('cbc:AccountingCost', invoice.accountingCost),
      leaf('cbc:BuyerReference', invoice.buyerReference),
      periodNode('cac:InvoicePeriod', invoice.period),
      invoice.orderReference === undefined
        ? undefined
        : el('cac:OrderReference', [
            leaf('cbc:ID', invoice.orderReference),
            leaf('cbc:SalesOrderID', invoice.salesOrderId),
          ]),
      ...(invoice.precedingInvoices ?? []).map((preceding) =>
        el('cac:BillingReference', [
          el('cac:InvoiceDocumentReference', [
            leaf('cbc:ID', preceding.id),
            leaf('cbc:IssueDate', preceding.issueDate),
          ]),
        ]),
      ),
      invoice.contractReference === undefined
        ? undefined
        : el('cac:ContractDocumentReference', [leaf('cbc:ID', invoice.contractReference)]),
      ...additionalDocuments.map((doc: PeppolDocumentReference) =>
        el('cac:AdditionalDocumentReference', [
          leaf('cbc:ID', doc.id, { schemeID: doc.schemeId }),
          leaf('cbc:DocumentTypeCode', doc.typeCode),
          leaf('cbc:DocumentDescription', doc.description),
          doc.uri === undefined
            ? undefined
            : el('cac:Attachment', [el('cac:ExternalReference', [leaf('cbc:URI', doc.uri)])]),
        ]),
      ),
      creditNote || invoice.projectReference === undefined
        ? undefined
        : el('cac:ProjectReference', [leaf('cbc:ID', invoice.projectReference)]),
      el('cac:AccountingSupplierParty', [partyNode(invoice.seller)]),
      el('cac:AccountingCustomerParty', [partyNode(invoice.buyer)]),
      invoice.delivery === undefined
        ? undefined
        : el('cac:Delivery', [
            leaf('cbc:ActualDeliveryDate', invoice.delivery.actualDate),
            invoice.delivery.locationId === undefined && invoice.delivery.address === undefined
              ? undefined
              : el('cac:DeliveryLocation', [
                  leaf('cbc:ID', invoice.delivery.locationId?.id, {
                    schemeID: invoice.delivery.locationId?.schemeId,
                  }),
                  invoice.delivery.address === undefined
                    ? undefined
                    : addressNode('cac:Address', invoice.delivery.address),
                ]),
            invoice.delivery.partyName === undefined
              ? undefined
              : el('cac:DeliveryParty', [
                  el('cac:PartyName', [leaf('cbc:Name', invoice.delivery.partyName)]),
                ]),
          ]),
      ...(invoice.paymentMeans ?? []).map((means, index) =>
        el('cac:PaymentMeans', [
          leaf('cbc:PaymentMeansCode', means.code, { name: means.codeName }),
          // BT-9 of a credit note, once: EN 16931 has one due date per document.
          creditNote && index === 0 ? leaf('cbc:PaymentDueDate', invoice.dueDate) : undefined,
          leaf('cbc:PaymentID', means.paymentId),
          means.account === undefined
            ? undefined
            : el('cac:PayeeFinancialAccount', [
                leaf('cbc:ID', means.account.id),
                leaf('cbc:Name', means.account.name),
                means.account.branchId === undefined
                  ? undefined
                  : el('cac:FinancialInstitutionBranch', [leaf('cbc:ID', means.account.branchId)]),
              ]),
        ]),
      ),
      invoice.paymentTerms === undefined
        ? undefined
        : el('cac:PaymentTerms', [leaf('cbc:Note', invoice.paymentTerms)]),
      ...(invoice.allowanceCharges ?? []).map(allowanceChargeNode),
      el('cac:TaxTotal', [
        amountLeaf('cbc:TaxAmount', invoice.taxAmount),
        ...invoice.taxSubtotals.map((subtotal) =>
          el('cac:TaxSubtotal', [
            amountLeaf('cbc:TaxableAmount', subtotal.taxableAmount),
            amountLeaf('cbc:TaxAmount', subtotal.taxAmount),
            taxCategoryNode(
              'cac:TaxCategory',
              subtotal.category,
              subtotal.percent,
              subtotal.exemptionReasonCode,
              subtotal.exemptionReason,
            ),
          ]),
        ),
      ]),
      invoice.taxAmountInTaxCurrency === undefined
        ? undefined
        : el('cac:TaxTotal', [amountLeaf('cbc:TaxAmount', invoice.taxAmountInTaxCurrency)]),
      el('cac:LegalMonetaryTotal', [
        amountLeaf('cbc:LineExtensionAmount', invoice.lineExtensionAmount),
        amountLeaf('cbc:TaxExclusiveAmount', invoice.taxExclusiveAmount),
        amountLeaf('cbc:TaxInclusiveAmount', invoice.taxInclusiveAmount),
        optionalAmount('cbc:AllowanceTotalAmount', invoice.allowanceTotalAmount),
        optionalAmount('cbc:ChargeTotalAmount', invoice.chargeTotalAmount),
        optionalAmount('cbc:PrepaidAmount', invoice.prepaidAmount),
        optionalAmount('cbc:PayableRoundingAmount', invoice.payableRoundingAmount),
        amountLeaf('cbc:PayableAmount', invoice.payableAmount),
      ]),
      ...invoice.lines.map((line) => lineNode(line, syntax)),
    ],
    ublRootAttributes(syntax.ns),
  );
  return renderXml(root);
};

// Reading the order: VAT category G, export outside the EU, rate 0 (EN 16931 BR-G-*), exemption
// reason VATEX-EU-G.
const EXPORT_REASON = { code: 'VATEX-EU-G', text: 'Export outside the EU' } as const;

const nonEmpty = <K extends string>(key: K, value: string | undefined): { [P in K]?: string } =>
  (value === undefined || value.trim() === '' ? {} : { [key]: value }) as { [P in K]?: string };

/**
 * The commercial invoice of an order as a Peppol invoice model (CustomizationID and ProfileID of
 * BIS 3.0, InvoiceTypeCode 380), every line in VAT category G (export outside the EU, 0 %). Throws
 * AppError `http.validation_failed` when the order lacks what Peppol requires: an electronic address
 * for each party (from an LEI, GLN or EU VAT number in companyId, or given in `invoice`), the
 * seller's tax identifier (BR-G-02) and a currency with at most two decimals (BR-DEC).
 */
export const peppolInvoiceOfOrder = (order: OrderContent, invoice: PeppolInvoiceMeta): PeppolInvoice => {
  const errors: FieldError[] = [];
  const sellerEndpoint = endpointOf(order.seller, invoice.sellerEndpoint);
  const buyerEndpoint = endpointOf(order.buyer, invoice.buyerEndpoint);
  const sellerVat = vatIdOf(order.seller);
  if (sellerEndpoint === undefined) {
    errors.push({
      field: 'seller.companyId',
      code: 'trade.peppol_endpoint_missing',
      message:
        'Peppol needs an electronic address: an LEI, GLN or EU VAT number as companyId, or sellerEndpoint',
    });
  }
  if (buyerEndpoint === undefined) {
    errors.push({
      field: 'buyer.companyId',
      code: 'trade.peppol_endpoint_missing',
      message:
        'Peppol needs an electronic address: an LEI, GLN or EU VAT number as companyId, or buyerEndpoint',
    });
  }
  if (sellerVat === undefined) {
    errors.push({
      field: 'seller.companyId',
      code: 'kernel.required',
      message: "an export (VAT category G) invoice names the seller's tax id (BR-G-02)",
    });
  }
  if (minorUnitOf(order.currency) > 2) {
    errors.push({
      field: 'currency',
      code: 'trade.peppol_currency_decimals',
      message: 'Peppol amounts have at most 2 decimals',
    });
  }
  if (invoice.dueDate !== undefined && invoice.dueDate < invoice.issueDate) {
    errors.push({
      field: 'dueDate',
      code: 'trade.due_before_issue',
      message: 'the due date is not before the issue date',
    });
  }
  if (order.paymentTerms.trim() === '' && invoice.dueDate === undefined && order.total.amountMinor > 0n) {
    errors.push({
      field: 'dueDate',
      code: 'kernel.required',
      message: 'a due date or payment terms are required (BR-CO-25)',
    });
  }
  if (errors.length > 0 || sellerEndpoint === undefined || buyerEndpoint === undefined) {
    throw new AppError(
      'http.validation_failed',
      'The order cannot be invoiced under Peppol BIS Billing 3.0',
      { fieldErrors: errors },
    );
  }
  const lines = order.lines.map(
    (line): PeppolInvoiceLine => ({
      lineNumber: String(line.lineNumber),
      quantity: line.quantity,
      unitCode: line.unitCode,
      lineTotal: line.lineTotal,
      orderLineId: String(line.lineNumber),
      name: line.descriptionEn,
      ...(line.descriptionZh === undefined
        ? {}
        : { description: `${line.descriptionEn} / ${line.descriptionZh}` }),
      ...nonEmpty('sellerItemId', line.sellerItemId),
      ...nonEmpty('hsCode', line.hsCode),
      taxCategory: 'G',
      taxPercent: '0',
      unitPrice: line.unitPrice,
    }),
  );
  return {
    documentKind: 'invoice',
    customizationId: PEPPOL_CUSTOMIZATION_ID,
    profileId: PEPPOL_PROFILE_ID,
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    ...nonEmpty('dueDate', invoice.dueDate),
    typeCode: '380',
    ...nonEmpty('note', order.note),
    currency: order.currency,
    ...nonEmpty('buyerReference', order.buyerReference),
    ...nonEmpty('orderReference', order.buyerReference),
    seller: { ...order.seller, endpoint: sellerEndpoint, ...nonEmpty('vatId', sellerVat) },
    buyer: { ...order.buyer, endpoint: buyerEndpoint },
    ...nonEmpty('paymentTerms', order.paymentTerms),
    ...computePeppolTotals(order.currency, lines, [], { reasons: { G: EXPORT_REASON } }),
    lines,
  };
};

/**
 * The commercial invoice of an order as a UBL 2.1 Invoice conforming to Peppol BIS Billing 3.0:
 * peppolInvoiceOfOrder, then buildPeppolInvoiceXml.
 */
export const buildPeppolInvoice = (order: OrderContent, invoice: PeppolInvoiceMeta): string =>
  buildPeppolInvoiceXml(peppolInvoiceOfOrder(order, invoice));
