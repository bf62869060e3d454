import {
  AppError,
  type FieldError,
  isUnitCode,
  type Money,
  minorUnitOf,
  money,
  validateLei,
} from '@tradehub/kernel';
import type { OrderContent, OrderParty } from '../domain/order-content.ts';
import {
  amountLeaf,
  cac,
  cacAll,
  cbc,
  cbcAll,
  cbcEl,
  el,
  Issues,
  leaf,
  postalAddressNode,
  readAmount,
  readCurrency,
  readDate,
  readParty,
  textOf,
  UBL_NS,
  ublRootAttributes,
} from './ubl-common.ts';
import { readNotes } from './ubl-order-body.ts';
import { parseXml, type XmlElement } from './xml-reader.ts';
import { renderXml } from './xml-writer.ts';

export const PEPPOL_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** A Peppol electronic address: an EAS scheme code and the identifier in it. */
export type PeppolEndpoint = { schemeId: string; id: string };

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

const partyNode = (party: OrderParty, endpoint: PeppolEndpoint, vatId: string | undefined) =>
  el('cac:Party', [
    leaf('cbc:EndpointID', endpoint.id, { schemeID: endpoint.schemeId }),
    el('cac:PartyName', [leaf('cbc:Name', party.name)]),
    postalAddressNode(party, true),
    vatId === undefined
      ? undefined
      : el('cac:PartyTaxScheme', [
          leaf('cbc:CompanyID', vatId),
          el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
        ]),
    el('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', party.name),
      leaf('cbc:CompanyID', party.companyId),
    ]),
    party.email === undefined ? undefined : el('cac:Contact', [leaf('cbc:ElectronicMail', party.email)]),
  ]);

// VAT category G: export outside the EU, rate 0 (EN 16931 BR-G-*), exemption reason VATEX-EU-G.
const taxCategory = (name: string) =>
  el(name, [
    leaf('cbc:ID', 'G', { schemeID: 'UNCL5305' }),
    leaf('cbc:Percent', '0'),
    ...(name === 'cac:TaxCategory'
      ? [
          leaf('cbc:TaxExemptionReasonCode', 'VATEX-EU-G'),
          leaf('cbc:TaxExemptionReason', 'Export outside the EU'),
        ]
      : []),
    el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
  ]);

/**
 * The commercial invoice of an order as a UBL 2.1 Invoice conforming to Peppol BIS Billing 3.0
 * (CustomizationID and ProfileID of BIS 3.0, InvoiceTypeCode 380), every line in VAT category G
 * (export outside the EU, 0 %). Throws AppError `http.validation_failed` when the order lacks what
 * Peppol requires: an electronic address for each party (from an LEI, GLN or EU VAT number in
 * companyId, or given in `invoice`), the seller's tax identifier (BR-G-02) and a currency with at
 * most two decimals (BR-DEC).
 */
export const buildPeppolInvoice = (order: OrderContent, invoice: PeppolInvoiceMeta): string => {
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
  const zero = money(order.currency, 0n);
  const root = el(
    'Invoice',
    [
      leaf('cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID),
      leaf('cbc:ProfileID', PEPPOL_PROFILE_ID),
      leaf('cbc:ID', invoice.invoiceNumber),
      leaf('cbc:IssueDate', invoice.issueDate),
      leaf('cbc:DueDate', invoice.dueDate),
      leaf('cbc:InvoiceTypeCode', '380'),
      leaf('cbc:Note', order.note),
      leaf('cbc:DocumentCurrencyCode', order.currency),
      leaf('cbc:BuyerReference', order.buyerReference),
      el('cac:OrderReference', [leaf('cbc:ID', order.buyerReference)]),
      el('cac:AccountingSupplierParty', [partyNode(order.seller, sellerEndpoint, sellerVat)]),
      el('cac:AccountingCustomerParty', [partyNode(order.buyer, buyerEndpoint, undefined)]),
      order.paymentTerms.trim() === ''
        ? undefined
        : el('cac:PaymentTerms', [leaf('cbc:Note', order.paymentTerms)]),
      el('cac:TaxTotal', [
        amountLeaf('cbc:TaxAmount', zero),
        el('cac:TaxSubtotal', [
          amountLeaf('cbc:TaxableAmount', order.total),
          amountLeaf('cbc:TaxAmount', zero),
          taxCategory('cac:TaxCategory'),
        ]),
      ]),
      el('cac:LegalMonetaryTotal', [
        amountLeaf('cbc:LineExtensionAmount', order.total),
        amountLeaf('cbc:TaxExclusiveAmount', order.total),
        amountLeaf('cbc:TaxInclusiveAmount', order.total),
        amountLeaf('cbc:PayableAmount', order.total),
      ]),
      ...order.lines.map((line) =>
        el('cac:InvoiceLine', [
          leaf('cbc:ID', String(line.lineNumber)),
          leaf('cbc:InvoicedQuantity', line.quantity, { unitCode: line.unitCode }),
          amountLeaf('cbc:LineExtensionAmount', line.lineTotal),
          el('cac:OrderLineReference', [leaf('cbc:LineID', String(line.lineNumber))]),
          el('cac:Item', [
            leaf(
              'cbc:Description',
              line.descriptionZh === undefined ? undefined : `${line.descriptionEn} / ${line.descriptionZh}`,
            ),
            leaf('cbc:Name', line.descriptionEn),
            line.sellerItemId === undefined
              ? undefined
              : el('cac:SellersItemIdentification', [leaf('cbc:ID', line.sellerItemId)]),
            el('cac:CommodityClassification', [
              leaf('cbc:ItemClassificationCode', line.hsCode, { listID: 'HS' }),
            ]),
            taxCategory('cac:ClassifiedTaxCategory'),
          ]),
          el('cac:Price', [amountLeaf('cbc:PriceAmount', line.unitPrice)]),
        ]),
      ),
    ],
    ublRootAttributes(UBL_NS.invoice),
  );
  return renderXml(root);
};

/** One invoice line as read back; quantities may be negative in a Peppol invoice (corrections). */
export type PeppolInvoiceLine = {
  lineNumber: string;
  quantity: string;
  unitCode: string;
  lineTotal: Money;
  unitPrice: Money;
  name: string;
  description?: string;
  sellerItemId?: string;
  hsCode?: string;
  taxCategory: string;
  taxPercent?: string;
};

/** What a Peppol BIS Billing 3.0 invoice says, in the terms the hub's invoices use. */
export type ParsedPeppolInvoice = {
  customizationId: string;
  profileId: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate?: string;
  typeCode: string;
  currency: string;
  buyerReference?: string;
  orderReference?: string;
  note?: string;
  seller: OrderParty & { endpoint?: PeppolEndpoint; vatId?: string };
  buyer: OrderParty & { endpoint?: PeppolEndpoint; vatId?: string };
  paymentTerms?: string;
  lines: PeppolInvoiceLine[];
  taxAmount: Money;
  lineExtensionAmount: Money;
  taxExclusiveAmount: Money;
  taxInclusiveAmount: Money;
  payableAmount: Money;
};

const readEndpointParty = (
  holder: XmlElement | undefined,
  field: string,
  issues: Issues,
  root: XmlElement,
): (OrderParty & { endpoint?: PeppolEndpoint; vatId?: string }) | undefined => {
  const party = cac(holder, 'Party');
  const read = readParty(party, field, issues, holder ?? root);
  if (read === undefined) {
    return undefined;
  }
  const endpointElement = cbcEl(party, 'EndpointID');
  const endpointId = textOf(endpointElement);
  const schemeId = endpointElement?.attributes.get('schemeID');
  const vatId = cacAll(party, 'PartyTaxScheme')
    .filter((scheme) => cbc(cac(scheme, 'TaxScheme'), 'ID') === 'VAT')
    .map((scheme) => cbc(scheme, 'CompanyID'))
    .find((id) => id !== undefined);
  // PartyLegalEntity/CompanyID is the company id; PartyTaxScheme/CompanyID is the VAT id.
  const legalId = cbc(cac(party, 'PartyLegalEntity'), 'CompanyID');
  const { companyId: _either, ...rest } = read;
  return {
    ...rest,
    ...(legalId === undefined ? {} : { companyId: legalId }),
    ...(endpointId === undefined || schemeId === undefined ? {} : { endpoint: { schemeId, id: endpointId } }),
    ...(vatId === undefined ? {} : { vatId }),
  };
};

const requiredAmount = (
  parent: XmlElement | undefined,
  name: string,
  field: string,
  currency: string,
  issues: Issues,
  holder: XmlElement,
) => {
  const element = cbcEl(parent, name);
  if (element === undefined) {
    issues.add(field, 'kernel.required', `cbc:${name} is required`, parent ?? holder);
    return undefined;
  }
  return readAmount(element, field, currency, issues);
};

/**
 * Reads a Peppol BIS Billing 3.0 (UBL 2.1) Invoice back, for round-trip tests and for importing a
 * partner's invoice. It checks well-formedness, the root, the required business terms it returns and
 * that amounts are in the document currency; the Peppol rules themselves are checkPeppolRules'.
 */
export const parsePeppolInvoice = (xml: string): ParsedPeppolInvoice => {
  const root = parseXml(xml);
  const issues = new Issues();
  if (root.ns !== UBL_NS.invoice || root.name !== 'Invoice') {
    issues.add('file', 'trade.not_ubl_document', `the root element is ${root.name}, not a UBL Invoice`, root);
    throw issues.failure('invoice');
  }
  const customizationId = cbc(root, 'CustomizationID') ?? '';
  const profileId = cbc(root, 'ProfileID') ?? '';
  const invoiceNumber = cbc(root, 'ID');
  if (invoiceNumber === undefined) {
    issues.add('invoiceNumber', 'kernel.required', 'cbc:ID is required', root);
  }
  const issueDate = readDate(root, 'IssueDate', 'issueDate', issues, true);
  const dueDate = readDate(root, 'DueDate', 'dueDate', issues, false);
  const typeCode = cbc(root, 'InvoiceTypeCode') ?? '';
  const currency = readCurrency(root, issues);
  const seller = readEndpointParty(cac(root, 'AccountingSupplierParty'), 'seller', issues, root);
  const buyer = readEndpointParty(cac(root, 'AccountingCustomerParty'), 'buyer', issues, root);
  if (currency === undefined) {
    throw issues.failure('invoice');
  }
  const totals = cac(root, 'LegalMonetaryTotal');
  const lineExtensionAmount = requiredAmount(totals, 'LineExtensionAmount', 'total', currency, issues, root);
  const taxExclusiveAmount = requiredAmount(
    totals,
    'TaxExclusiveAmount',
    'taxExclusiveAmount',
    currency,
    issues,
    root,
  );
  const taxInclusiveAmount = requiredAmount(
    totals,
    'TaxInclusiveAmount',
    'taxInclusiveAmount',
    currency,
    issues,
    root,
  );
  const payableAmount = requiredAmount(totals, 'PayableAmount', 'payableAmount', currency, issues, root);
  const taxTotal = cacAll(root, 'TaxTotal').find(
    (total) => cbcEl(total, 'TaxAmount')?.attributes.get('currencyID') === currency,
  );
  const taxAmount = requiredAmount(taxTotal, 'TaxAmount', 'taxAmount', currency, issues, root);
  const lines = cacAll(root, 'InvoiceLine').map((line, index): PeppolInvoiceLine | undefined => {
    const at = `lines.${index}`;
    const quantityElement = cbcEl(line, 'InvoicedQuantity');
    const quantity = textOf(quantityElement);
    const unitCode = quantityElement?.attributes.get('unitCode')?.trim();
    if (quantity === undefined || !/^-?\d+(?:\.\d+)?$/.test(quantity)) {
      issues.add(
        `${at}.quantity`,
        'kernel.invalid_format',
        'cbc:InvoicedQuantity must be a decimal',
        quantityElement ?? line,
      );
    }
    if (unitCode === undefined || !isUnitCode(unitCode)) {
      issues.add(
        `${at}.unitCode`,
        'kernel.unknown_code',
        'the unitCode must be a UN/ECE Rec 20 or X-prefixed Rec 21 code',
        quantityElement ?? line,
      );
    }
    const lineTotal = requiredAmount(line, 'LineExtensionAmount', `${at}.lineTotal`, currency, issues, line);
    const unitPrice = requiredAmount(
      cac(line, 'Price'),
      'PriceAmount',
      `${at}.unitPrice`,
      currency,
      issues,
      line,
    );
    const item = cac(line, 'Item');
    const name = cbc(item, 'Name');
    if (name === undefined) {
      issues.add(`${at}.name`, 'kernel.required', 'cac:Item/cbc:Name is required', item ?? line);
    }
    const category = cac(item, 'ClassifiedTaxCategory');
    const hsCode = cacAll(item, 'CommodityClassification')
      .map((c) => cbcEl(c, 'ItemClassificationCode'))
      .filter((code) => code?.attributes.get('listID') === 'HS')
      .map((code) => textOf(code))
      .find((code) => code !== undefined);
    const lineNumber = cbc(line, 'ID');
    const description = cbc(item, 'Description');
    const sellerItemId = cbc(cac(item, 'SellersItemIdentification'), 'ID');
    const taxPercent = cbc(category, 'Percent');
    if (
      lineNumber === undefined ||
      quantity === undefined ||
      unitCode === undefined ||
      lineTotal === undefined ||
      unitPrice === undefined ||
      name === undefined
    ) {
      return undefined;
    }
    return {
      lineNumber,
      quantity,
      unitCode,
      lineTotal,
      unitPrice,
      name,
      ...(description === undefined ? {} : { description }),
      ...(sellerItemId === undefined ? {} : { sellerItemId }),
      ...(hsCode === undefined ? {} : { hsCode }),
      taxCategory: cbc(category, 'ID') ?? '',
      ...(taxPercent === undefined ? {} : { taxPercent }),
    };
  });
  const failure = issues.failure('invoice');
  if (
    failure !== undefined ||
    invoiceNumber === undefined ||
    issueDate === undefined ||
    seller === undefined ||
    buyer === undefined ||
    lineExtensionAmount === undefined ||
    taxExclusiveAmount === undefined ||
    taxInclusiveAmount === undefined ||
    payableAmount === undefined ||
    taxAmount === undefined
  ) {
    throw (
      failure ??
      issues.failure('invoice') ??
      new AppError('http.validation_failed', 'The invoice was refused')
    );
  }
  const buyerReference = cbc(root, 'BuyerReference');
  const orderReference = cbc(cac(root, 'OrderReference'), 'ID');
  const note = readNotes(root);
  const paymentTerms = cacAll(root, 'PaymentTerms')
    .flatMap((terms) => cbcAll(terms, 'Note').map((n) => textOf(n)))
    .filter((n): n is string => n !== undefined)
    .join('\n');
  return {
    customizationId,
    profileId,
    invoiceNumber,
    issueDate,
    ...(dueDate === undefined ? {} : { dueDate }),
    typeCode,
    currency,
    ...(buyerReference === undefined ? {} : { buyerReference }),
    ...(orderReference === undefined ? {} : { orderReference }),
    ...(note === undefined ? {} : { note }),
    seller,
    buyer,
    ...(paymentTerms === '' ? {} : { paymentTerms }),
    lines: lines.filter((line): line is PeppolInvoiceLine => line !== undefined),
    taxAmount,
    lineExtensionAmount,
    taxExclusiveAmount,
    taxInclusiveAmount,
    payableAmount,
  };
};
