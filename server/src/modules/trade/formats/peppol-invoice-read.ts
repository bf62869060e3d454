import { AppError, isUnitCode, type Money } from '@tradehub/kernel';
import { parseXml, type XmlElement } from '../../../platform/xml/index.ts';
import type {
  PeppolAddress,
  PeppolAllowanceCharge,
  PeppolDocumentKind,
  PeppolDocumentReference,
  PeppolIdentifier,
  PeppolInvoice,
  PeppolInvoiceLine,
  PeppolParty,
  PeppolPaymentMeans,
  PeppolPeriod,
  PeppolTaxSubtotal,
} from './peppol-model.ts';
import { type PeppolSyntax, PROJECT_REFERENCE_TYPE_CODE, peppolSyntaxOf } from './peppol-syntax.ts';
import {
  cac,
  cacAll,
  cbc,
  cbcAll,
  cbcEl,
  Issues,
  readAmount,
  readCurrency,
  readDate,
  readParty,
  textOf,
} from './ubl-common.ts';
import { readNotes } from './ubl-order-body.ts';

// Optional properties are left out rather than set to undefined, so models compare with toEqual
// and survive exactOptionalPropertyTypes.
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
const optList = <K extends string, V>(key: K, values: V[]): { [P in K]?: V[] } =>
  (values.length === 0 ? {} : { [key]: values }) as { [P in K]?: V[] };

const identifierOf = (element: XmlElement | undefined): PeppolIdentifier | undefined => {
  const id = textOf(element);
  const schemeId = element?.attributes.get('schemeID')?.trim();
  return id === undefined ? undefined : { id, ...opt('schemeId', schemeId === '' ? undefined : schemeId) };
};

const readPeriod = (
  parent: XmlElement | undefined,
  issues: Issues,
  field: string,
): PeppolPeriod | undefined => {
  const period = cac(parent, 'InvoicePeriod');
  if (period === undefined) {
    return undefined;
  }
  const startDate = readDate(period, 'StartDate', `${field}.startDate`, issues, false);
  const endDate = readDate(period, 'EndDate', `${field}.endDate`, issues, false);
  return startDate === undefined && endDate === undefined
    ? undefined
    : { ...opt('startDate', startDate), ...opt('endDate', endDate) };
};

const readAddress = (address: XmlElement | undefined): PeppolAddress | undefined => {
  const country = cbc(cac(address, 'Country'), 'IdentificationCode');
  if (address === undefined || country === undefined) {
    return undefined;
  }
  const addressLines = [
    cbc(address, 'StreetName'),
    cbc(address, 'AdditionalStreetName'),
    ...cacAll(address, 'AddressLine').map((line) => cbc(line, 'Line')),
  ].filter((line): line is string => line !== undefined);
  return {
    ...optList('addressLines', addressLines),
    ...opt('city', cbc(address, 'CityName')),
    ...opt('postalCode', cbc(address, 'PostalZone')),
    ...opt('countrySubentity', cbc(address, 'CountrySubentity')),
    country,
  };
};

const readEndpointParty = (
  holder: XmlElement | undefined,
  field: string,
  issues: Issues,
  root: XmlElement,
): PeppolParty | undefined => {
  const party = cac(holder, 'Party');
  const read = readParty(party, field, issues, holder ?? root);
  if (read === undefined) {
    return undefined;
  }
  const endpoint = identifierOf(cbcEl(party, 'EndpointID'));
  const vatId = cacAll(party, 'PartyTaxScheme')
    .filter((scheme) => cbc(cac(scheme, 'TaxScheme'), 'ID') === 'VAT')
    .map((scheme) => cbc(scheme, 'CompanyID'))
    .find((id) => id !== undefined);
  // PartyLegalEntity/CompanyID is the company id; PartyTaxScheme/CompanyID is the VAT id.
  const legal = cac(party, 'PartyLegalEntity');
  const legalId = identifierOf(cbcEl(legal, 'CompanyID'));
  const registrationName = cbc(legal, 'RegistrationName');
  const contact = cac(party, 'Contact');
  const { companyId: _either, ...rest } = read;
  return {
    ...rest,
    ...opt('companyId', legalId?.id),
    ...opt('companyIdScheme', legalId?.schemeId),
    ...opt('legalForm', cbc(legal, 'CompanyLegalForm')),
    ...opt('registrationName', registrationName === read.name ? undefined : registrationName),
    ...opt('countrySubentity', cbc(cac(party, 'PostalAddress'), 'CountrySubentity')),
    ...opt('contactName', cbc(contact, 'Name')),
    ...opt('telephone', cbc(contact, 'Telephone')),
    ...(endpoint?.schemeId === undefined
      ? {}
      : { endpoint: { schemeId: endpoint.schemeId, id: endpoint.id } }),
    ...opt('vatId', vatId),
    ...optList(
      'identifiers',
      cacAll(party, 'PartyIdentification')
        .map((identification) => identifierOf(cbcEl(identification, 'ID')))
        .filter((identifier): identifier is PeppolIdentifier => identifier !== undefined),
    ),
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

const optionalAmount = (
  parent: XmlElement | undefined,
  name: string,
  field: string,
  currency: string,
  issues: Issues,
): Money | undefined => readAmount(cbcEl(parent, name), field, currency, issues);

const readAllowanceCharge = (
  element: XmlElement,
  field: string,
  currency: string,
  issues: Issues,
): PeppolAllowanceCharge | undefined => {
  const indicator = cbc(element, 'ChargeIndicator');
  if (indicator !== 'true' && indicator !== 'false') {
    issues.add(`${field}.charge`, 'kernel.required', 'cbc:ChargeIndicator must be true or false', element);
  }
  const amount = requiredAmount(element, 'Amount', `${field}.amount`, currency, issues, element);
  const baseAmount = optionalAmount(element, 'BaseAmount', `${field}.baseAmount`, currency, issues);
  const category = cac(element, 'TaxCategory');
  if (amount === undefined || (indicator !== 'true' && indicator !== 'false')) {
    return undefined;
  }
  return {
    charge: indicator === 'true',
    ...opt('reasonCode', cbc(element, 'AllowanceChargeReasonCode')),
    ...opt('reason', cbc(element, 'AllowanceChargeReason')),
    ...opt('multiplier', cbc(element, 'MultiplierFactorNumeric')),
    amount,
    ...opt('baseAmount', baseAmount),
    ...opt('taxCategory', cbc(category, 'ID')),
    ...opt('taxPercent', cbc(category, 'Percent')),
  };
};

const readLine = (
  line: XmlElement,
  index: number,
  currency: string,
  issues: Issues,
  syntax: PeppolSyntax,
): PeppolInvoiceLine | undefined => {
  const at = `lines.${index}`;
  const quantityElement = cbcEl(line, syntax.quantity);
  const quantity = textOf(quantityElement);
  const unitCode = quantityElement?.attributes.get('unitCode')?.trim();
  if (quantity === undefined || !/^-?\d+(?:\.\d+)?$/.test(quantity)) {
    issues.add(
      `${at}.quantity`,
      'kernel.invalid_format',
      `cbc:${syntax.quantity} must be a decimal`,
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
  const price = cac(line, 'Price');
  const unitPrice = requiredAmount(price, 'PriceAmount', `${at}.unitPrice`, currency, issues, line);
  const discount = cacAll(price, 'AllowanceCharge')[0];
  const discountAmount = optionalAmount(discount, 'Amount', `${at}.priceDiscount.amount`, currency, issues);
  const grossPrice = optionalAmount(
    discount,
    'BaseAmount',
    `${at}.priceDiscount.grossPrice`,
    currency,
    issues,
  );
  const item = cac(line, 'Item');
  const name = cbc(item, 'Name');
  if (name === undefined) {
    issues.add(`${at}.name`, 'kernel.required', 'cac:Item/cbc:Name is required', item ?? line);
  }
  const category = cac(item, 'ClassifiedTaxCategory');
  const codes = cacAll(item, 'CommodityClassification')
    .map((c) => cbcEl(c, 'ItemClassificationCode'))
    .filter((code): code is XmlElement => textOf(code) !== undefined);
  const hsCode = textOf(codes.find((code) => code.attributes.get('listID') === 'HS'));
  const classifications = codes
    .filter((code) => code.attributes.get('listID') !== 'HS')
    .map((code) => ({
      code: textOf(code) ?? '',
      ...opt('listId', code.attributes.get('listID')),
      ...opt('listVersionId', code.attributes.get('listVersionID')),
    }));
  const allowanceCharges = cacAll(line, 'AllowanceCharge').map((ac, i) =>
    readAllowanceCharge(ac, `${at}.allowanceCharges.${i}`, currency, issues),
  );
  const lineNumber = cbc(line, 'ID');
  if (lineNumber === undefined) {
    issues.add(`${at}.lineNumber`, 'kernel.required', 'cbc:ID of the line is required', line);
  }
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
  const properties = cacAll(item, 'AdditionalItemProperty')
    .map((p) => ({ name: cbc(p, 'Name'), value: cbc(p, 'Value') }))
    .filter((p): p is { name: string; value: string } => p.name !== undefined && p.value !== undefined);
  const baseQuantity = cbc(price, 'BaseQuantity');
  // EN 16931 has one item description (BT-154); several cbc:Description are read as one text.
  const description = cbcAll(item, 'Description')
    .map((d) => textOf(d))
    .filter((d): d is string => d !== undefined)
    .join('\n');
  return {
    lineNumber,
    ...opt('note', readNotes(line)),
    quantity,
    unitCode,
    lineTotal,
    ...opt('accountingCost', cbc(line, 'AccountingCost')),
    ...opt('period', readPeriod(line, issues, `${at}.period`)),
    ...opt('orderLineId', cbc(cac(line, 'OrderLineReference'), 'LineID')),
    ...optList(
      'allowanceCharges',
      allowanceCharges.filter((ac): ac is PeppolAllowanceCharge => ac !== undefined),
    ),
    name,
    ...opt('description', description === '' ? undefined : description),
    ...opt('buyerItemId', cbc(cac(item, 'BuyersItemIdentification'), 'ID')),
    ...opt('sellerItemId', cbc(cac(item, 'SellersItemIdentification'), 'ID')),
    ...opt('standardItemId', identifierOf(cbcEl(cac(item, 'StandardItemIdentification'), 'ID'))),
    ...opt('originCountry', cbc(cac(item, 'OriginCountry'), 'IdentificationCode')),
    ...opt('hsCode', hsCode),
    ...optList('classifications', classifications),
    taxCategory: cbc(category, 'ID') ?? '',
    ...opt('taxPercent', cbc(category, 'Percent')),
    ...optList('properties', properties),
    unitPrice,
    ...opt('baseQuantity', baseQuantity),
    ...(discountAmount === undefined
      ? {}
      : { priceDiscount: { amount: discountAmount, ...opt('grossPrice', grossPrice) } }),
  };
};

/**
 * Reads a Peppol BIS Billing 3.0 (UBL 2.1) Invoice or CreditNote into the model
 * buildPeppolInvoiceXml writes (`documentKind` says which it was), for round trips and for
 * importing a partner's document. It checks well-formedness, the root, the required business terms
 * and that amounts are in the document currency; the Peppol rules themselves are
 * checkPeppolRules'. What the model does not carry is listed in docs/ubl-peppol.md.
 */
export const parsePeppolDocument = (xml: string): PeppolInvoice => readPeppol(xml, ['invoice', 'creditNote']);

/**
 * parsePeppolDocument for an Invoice only: a CreditNote is refused (`file`,
 * `trade.not_ubl_document`), so a caller that expects an invoice never books a credit as one.
 */
export const parsePeppolInvoice = (xml: string): PeppolInvoice => readPeppol(xml, ['invoice']);

const readPeppol = (xml: string, accepted: readonly PeppolDocumentKind[]): PeppolInvoice => {
  const root = parseXml(xml);
  const issues = new Issues();
  const syntax = peppolSyntaxOf(root);
  if (syntax === undefined || !accepted.includes(syntax.kind)) {
    const expected = accepted.map((kind) => (kind === 'invoice' ? 'Invoice' : 'CreditNote')).join(' or ');
    issues.add(
      'file',
      'trade.not_ubl_document',
      `the root element is ${root.name}, not a UBL ${expected}`,
      root,
    );
    throw issues.failure('invoice');
  }
  const creditNote = syntax.kind === 'creditNote';
  const customizationId = cbc(root, 'CustomizationID') ?? '';
  const profileId = cbc(root, 'ProfileID') ?? '';
  const invoiceNumber = cbc(root, 'ID');
  if (invoiceNumber === undefined) {
    issues.add('invoiceNumber', 'kernel.required', 'cbc:ID is required', root);
  }
  const issueDate = readDate(root, 'IssueDate', 'issueDate', issues, true);
  // A UBL 2.1 CreditNote has no cbc:DueDate; Peppol binds its BT-9 to the payment means.
  const dueDate = creditNote
    ? cacAll(root, 'PaymentMeans')
        .map((means, i) => readDate(means, 'PaymentDueDate', `paymentMeans.${i}.dueDate`, issues, false))
        .find((date) => date !== undefined)
    : readDate(root, 'DueDate', 'dueDate', issues, false);
  const taxPointDate = readDate(root, 'TaxPointDate', 'taxPointDate', issues, false);
  const typeCode = cbc(root, syntax.typeCode) ?? '';
  const currency = readCurrency(root, issues);
  const seller = readEndpointParty(cac(root, 'AccountingSupplierParty'), 'seller', issues, root);
  const buyer = readEndpointParty(cac(root, 'AccountingCustomerParty'), 'buyer', issues, root);
  if (currency === undefined) {
    throw issues.failure('invoice');
  }
  const totals = cac(root, 'LegalMonetaryTotal');
  const amountOf = (name: string, field: string) =>
    requiredAmount(totals, name, field, currency, issues, root);
  const lineExtensionAmount = amountOf('LineExtensionAmount', 'total');
  const taxExclusiveAmount = amountOf('TaxExclusiveAmount', 'taxExclusiveAmount');
  const taxInclusiveAmount = amountOf('TaxInclusiveAmount', 'taxInclusiveAmount');
  const payableAmount = amountOf('PayableAmount', 'payableAmount');
  const allowanceTotalAmount = optionalAmount(
    totals,
    'AllowanceTotalAmount',
    'allowanceTotalAmount',
    currency,
    issues,
  );
  const chargeTotalAmount = optionalAmount(
    totals,
    'ChargeTotalAmount',
    'chargeTotalAmount',
    currency,
    issues,
  );
  const prepaidAmount = optionalAmount(totals, 'PrepaidAmount', 'prepaidAmount', currency, issues);
  const payableRoundingAmount = optionalAmount(
    totals,
    'PayableRoundingAmount',
    'payableRoundingAmount',
    currency,
    issues,
  );
  const taxTotal = cacAll(root, 'TaxTotal').find(
    (total) => cbcEl(total, 'TaxAmount')?.attributes.get('currencyID') === currency,
  );
  const taxAmount = requiredAmount(taxTotal, 'TaxAmount', 'taxAmount', currency, issues, root);
  const taxCurrency = cbc(root, 'TaxCurrencyCode');
  const taxCurrencyTotal =
    taxCurrency === undefined || taxCurrency === currency
      ? undefined
      : cacAll(root, 'TaxTotal').find(
          (total) => cbcEl(total, 'TaxAmount')?.attributes.get('currencyID') === taxCurrency,
        );
  const taxAmountInTaxCurrency =
    taxCurrency === undefined || taxCurrencyTotal === undefined
      ? undefined
      : readAmount(cbcEl(taxCurrencyTotal, 'TaxAmount'), 'taxAmountInTaxCurrency', taxCurrency, issues);
  const taxSubtotals = cacAll(taxTotal, 'TaxSubtotal').map((subtotal, i): PeppolTaxSubtotal | undefined => {
    const at = `taxSubtotals.${i}`;
    const taxableAmount = requiredAmount(
      subtotal,
      'TaxableAmount',
      `${at}.taxableAmount`,
      currency,
      issues,
      subtotal,
    );
    const subtotalTax = requiredAmount(subtotal, 'TaxAmount', `${at}.taxAmount`, currency, issues, subtotal);
    const category = cac(subtotal, 'TaxCategory');
    const code = cbc(category, 'ID');
    if (code === undefined) {
      issues.add(`${at}.category`, 'kernel.required', 'cac:TaxCategory/cbc:ID is required', subtotal);
    }
    return taxableAmount === undefined || subtotalTax === undefined || code === undefined
      ? undefined
      : {
          taxableAmount,
          taxAmount: subtotalTax,
          category: code,
          ...opt('percent', cbc(category, 'Percent')),
          ...opt('exemptionReasonCode', cbc(category, 'TaxExemptionReasonCode')),
          ...opt('exemptionReason', cbc(category, 'TaxExemptionReason')),
        };
  });
  const allowanceCharges = cacAll(root, 'AllowanceCharge').map((ac, i) =>
    readAllowanceCharge(ac, `allowanceCharges.${i}`, currency, issues),
  );
  const lines = cacAll(root, syntax.line).map((line, index) =>
    readLine(line, index, currency, issues, syntax),
  );
  const period = readPeriod(root, issues, 'period');
  const delivery = cac(root, 'Delivery');
  const actualDate = readDate(delivery, 'ActualDeliveryDate', 'delivery.actualDate', issues, false);
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
      new AppError('http.validation_failed', `The ${creditNote ? 'credit note' : 'invoice'} was refused`)
    );
  }
  const orderReference = cac(root, 'OrderReference');
  const paymentTerms = cacAll(root, 'PaymentTerms')
    .flatMap((terms) => cbcAll(terms, 'Note').map((n) => textOf(n)))
    .filter((n): n is string => n !== undefined)
    .join('\n');
  const location = cac(delivery, 'DeliveryLocation');
  const deliveryModel = {
    ...opt('actualDate', actualDate),
    ...opt('locationId', identifierOf(cbcEl(location, 'ID'))),
    ...opt('address', readAddress(cac(location, 'Address'))),
    ...opt('partyName', cbc(cac(cac(delivery, 'DeliveryParty'), 'PartyName'), 'Name')),
  };
  const paymentMeans = cacAll(root, 'PaymentMeans')
    .map((means): PeppolPaymentMeans | undefined => {
      const codeElement = cbcEl(means, 'PaymentMeansCode');
      const code = textOf(codeElement);
      const account = cac(means, 'PayeeFinancialAccount');
      const accountId = cbc(account, 'ID');
      return code === undefined
        ? undefined
        : {
            code,
            ...opt('codeName', codeElement?.attributes.get('name')),
            ...opt('paymentId', cbc(means, 'PaymentID')),
            ...(accountId === undefined
              ? {}
              : {
                  account: {
                    id: accountId,
                    ...opt('name', cbc(account, 'Name')),
                    ...opt('branchId', cbc(cac(account, 'FinancialInstitutionBranch'), 'ID')),
                  },
                }),
          };
    })
    .filter((means): means is PeppolPaymentMeans => means !== undefined);
  // A credit note's project reference (BT-11) is the additional document reference of type 50.
  const isProject = (doc: XmlElement) =>
    creditNote && cbc(doc, 'DocumentTypeCode') === PROJECT_REFERENCE_TYPE_CODE;
  const projectReference = creditNote
    ? cbc(cacAll(root, 'AdditionalDocumentReference').find(isProject), 'ID')
    : cbc(cac(root, 'ProjectReference'), 'ID');
  const additionalDocuments = cacAll(root, 'AdditionalDocumentReference')
    .filter((doc) => !isProject(doc))
    .map((doc): PeppolDocumentReference | undefined => {
      const id = identifierOf(cbcEl(doc, 'ID'));
      return id === undefined
        ? undefined
        : {
            ...id,
            ...opt('typeCode', cbc(doc, 'DocumentTypeCode')),
            ...opt('description', cbc(doc, 'DocumentDescription')),
            ...opt('uri', cbc(cac(cac(doc, 'Attachment'), 'ExternalReference'), 'URI')),
          };
    })
    .filter((doc): doc is PeppolDocumentReference => doc !== undefined);
  const precedingInvoices = cacAll(root, 'BillingReference')
    .map((ref) => cac(ref, 'InvoiceDocumentReference'))
    .map((ref) => {
      const id = cbc(ref, 'ID');
      return id === undefined ? undefined : { id, ...opt('issueDate', cbc(ref, 'IssueDate')) };
    })
    .filter((ref): ref is { id: string; issueDate?: string } => ref !== undefined);
  return {
    documentKind: syntax.kind,
    customizationId,
    profileId,
    invoiceNumber,
    issueDate,
    ...opt('dueDate', dueDate),
    typeCode,
    ...opt('note', readNotes(root)),
    ...opt('taxPointDate', taxPointDate),
    currency,
    ...opt('taxCurrency', taxCurrency),
    ...opt('taxAmountInTaxCurrency', taxAmountInTaxCurrency),
    ...opt('accountingCost', cbc(root, 'AccountingCost')),
    ...opt('buyerReference', cbc(root, 'BuyerReference')),
    ...opt('period', period),
    ...opt('orderReference', cbc(orderReference, 'ID')),
    ...opt('salesOrderId', cbc(orderReference, 'SalesOrderID')),
    ...optList('precedingInvoices', precedingInvoices),
    ...opt('contractReference', cbc(cac(root, 'ContractDocumentReference'), 'ID')),
    ...optList('additionalDocuments', additionalDocuments),
    ...opt('projectReference', projectReference),
    seller,
    buyer,
    ...(Object.keys(deliveryModel).length === 0 ? {} : { delivery: deliveryModel }),
    ...optList('paymentMeans', paymentMeans),
    ...opt('paymentTerms', paymentTerms === '' ? undefined : paymentTerms),
    ...optList(
      'allowanceCharges',
      allowanceCharges.filter((ac): ac is PeppolAllowanceCharge => ac !== undefined),
    ),
    taxAmount,
    taxSubtotals: taxSubtotals.filter((s): s is PeppolTaxSubtotal => s !== undefined),
    lineExtensionAmount,
    taxExclusiveAmount,
    taxInclusiveAmount,
    ...opt('allowanceTotalAmount', allowanceTotalAmount),
    ...opt('chargeTotalAmount', chargeTotalAmount),
    ...opt('prepaidAmount', prepaidAmount),
    ...opt('payableRoundingAmount', payableRoundingAmount),
    payableAmount,
    lines: lines.filter((line): line is PeppolInvoiceLine => line !== undefined),
  };
};
