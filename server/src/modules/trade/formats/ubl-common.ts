import {
  AppError,
  formatMoneyAmount,
  isCountryCode,
  isCurrencyCode,
  isUnitCode,
  type Money,
  minorUnitOf,
  multiplyMoney,
  parseMoney,
} from '@tradehub/kernel';
import {
  childOf,
  childrenOf,
  el,
  FieldIssues as Issues,
  leaf,
  textOf,
  type XmlElement,
  type XmlNode,
} from '../../../platform/xml/index.ts';

// The field-error collector and text reader every XML reader of the hub shares.
export { Issues, textOf };

import type { OrderLine, OrderParty } from '../domain/order-content.ts';

export const UBL_NS = {
  order: 'urn:oasis:names:specification:ubl:schema:xsd:Order-2',
  orderResponse: 'urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2',
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** The namespace declarations of a UBL document whose default namespace is `main`. */
export const ublRootAttributes = (main: string): Record<string, string> => ({
  xmlns: main,
  'xmlns:cac': UBL_NS.cac,
  'xmlns:cbc': UBL_NS.cbc,
});

/** The cac child element named `name`. */
export const cac = (parent: XmlElement | undefined, name: string): XmlElement | undefined =>
  childOf(parent, UBL_NS.cac, name);
export const cacAll = (parent: XmlElement | undefined, name: string): XmlElement[] =>
  childrenOf(parent, UBL_NS.cac, name);
export const cbcEl = (parent: XmlElement | undefined, name: string): XmlElement | undefined =>
  childOf(parent, UBL_NS.cbc, name);
export const cbcAll = (parent: XmlElement | undefined, name: string): XmlElement[] =>
  childrenOf(parent, UBL_NS.cbc, name);

/** Trimmed text of the cbc child `name`. */
export const cbc = (parent: XmlElement | undefined, name: string): string | undefined =>
  textOf(cbcEl(parent, name));

// At most 6 decimals, as validateOrderContent accepts; a UBL file is held to the same rule.
const QUANTITY = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HS_CODE = /^\d{6}(?:\d{2}){0,2}$/;
export const UNLOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

const isIsoDate = (text: string): boolean => {
  if (!ISO_DATE.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

const isPositiveQuantity = (quantity: string): boolean => QUANTITY.test(quantity) && /[1-9]/.test(quantity);

/** A required ISO date child, or a field error. */
export const readDate = (
  parent: XmlElement | undefined,
  name: string,
  field: string,
  issues: Issues,
  required: boolean,
): string | undefined => {
  const element = cbcEl(parent, name);
  const value = textOf(element);
  if (value === undefined) {
    if (required) {
      issues.add(field, 'kernel.required', `cbc:${name} is required`, parent);
    }
    return undefined;
  }
  if (!isIsoDate(value)) {
    issues.add(field, 'kernel.invalid_format', `cbc:${name} must be a date YYYY-MM-DD`, element);
    return undefined;
  }
  return value;
};

/** The document currency: ISO 4217 with a minor unit, or a field error. */
export const readCurrency = (root: XmlElement, issues: Issues): string | undefined => {
  const element = cbcEl(root, 'DocumentCurrencyCode');
  const currency = textOf(element);
  if (currency === undefined) {
    issues.add('currency', 'kernel.required', 'cbc:DocumentCurrencyCode is required', root);
    return undefined;
  }
  if (!isCurrencyCode(currency)) {
    issues.add('currency', 'kernel.unknown_code', `${currency} is not an ISO 4217 currency code`, element);
    return undefined;
  }
  try {
    minorUnitOf(currency);
  } catch {
    issues.add(
      'currency',
      'kernel.unknown_code',
      `${currency} has no minor unit and cannot price an order`,
      element,
    );
    return undefined;
  }
  return currency;
};

/**
 * An amount element (cbc:*Amount with @currencyID) as Money in the document currency, or a field
 * error: `${field}.currency` when the currencyID differs, `${field}.amount` when the number is not a
 * plain decimal or has more decimals than the currency.
 */
export const readAmount = (
  element: XmlElement | undefined,
  field: string,
  currency: string,
  issues: Issues,
  parent?: XmlElement,
): Money | undefined => {
  if (element === undefined) {
    return undefined;
  }
  const currencyId = element.attributes.get('currencyID')?.trim();
  if (currencyId !== undefined && currencyId !== currency) {
    issues.add(
      `${field}.currency`,
      'trade.currency_mismatch',
      `currencyID ${currencyId} differs from the document currency ${currency}`,
      element,
    );
    return undefined;
  }
  const amount = textOf(element) ?? '';
  try {
    return parseMoney(amount, currency);
  } catch (error) {
    if (error instanceof AppError) {
      issues.add(
        `${field}.amount`,
        error.code,
        `${JSON.stringify(amount.slice(0, 40))}: ${error.message}`,
        element ?? parent,
      );
      return undefined;
    }
    throw error;
  }
};

/** The amount text UBL carries: the currency's decimals, no grouping, `.` as separator. */
export const amountText = (m: Money): string => formatMoneyAmount(m);

/** A cbc amount element with its currencyID. */
export const amountLeaf = (name: string, m: Money): XmlNode =>
  leaf(name, amountText(m), { currencyID: m.currency });

/** quantity x unit price, half-up to the currency's minor unit: the rule OrderLine.lineTotal follows. */
export const lineTotalOf = (quantity: string, unitPrice: Money): Money =>
  multiplyMoney(unitPrice, quantity, 'half_up');

/** Reads a cac:Party into an OrderParty; `field` is `buyer` or `seller`. */
export const readParty = (
  party: XmlElement | undefined,
  field: string,
  issues: Issues,
  holder: XmlElement,
): OrderParty | undefined => {
  if (party === undefined) {
    issues.add(field, 'kernel.required', `cac:Party of the ${field} is required`, holder);
    return undefined;
  }
  const legal = cac(party, 'PartyLegalEntity');
  const tax = cac(party, 'PartyTaxScheme');
  const address = cac(party, 'PostalAddress');
  const name =
    cbc(cac(party, 'PartyName'), 'Name') ?? cbc(legal, 'RegistrationName') ?? cbc(tax, 'RegistrationName');
  if (name === undefined) {
    issues.add(
      `${field}.name`,
      'kernel.required',
      'cac:PartyName/cbc:Name or a registration name is required',
      party,
    );
  }
  const countryElement = [address, cac(legal, 'RegistrationAddress'), cac(tax, 'RegistrationAddress')]
    .map((place) => cbcEl(cac(place, 'Country'), 'IdentificationCode'))
    .find((element) => textOf(element) !== undefined);
  const country = textOf(countryElement);
  if (country === undefined) {
    issues.add(
      `${field}.country`,
      'kernel.required',
      'cac:Country/cbc:IdentificationCode is required',
      party,
    );
  } else if (!isCountryCode(country)) {
    issues.add(
      `${field}.country`,
      'kernel.unknown_code',
      `${country} is not an ISO 3166-1 alpha-2 code`,
      countryElement,
    );
  }
  if (name === undefined || country === undefined || !isCountryCode(country)) {
    return undefined;
  }
  const addressLines = [
    cbc(address, 'StreetName'),
    cbc(address, 'AdditionalStreetName'),
    ...cacAll(address, 'AddressLine').map((line) => cbc(line, 'Line')),
  ].filter((line): line is string => line !== undefined);
  const companyId = cbc(legal, 'CompanyID') ?? cbc(tax, 'CompanyID');
  const email = cbc(cac(party, 'Contact'), 'ElectronicMail');
  const city = cbc(address, 'CityName');
  const postalCode = cbc(address, 'PostalZone');
  return {
    name,
    country,
    ...(companyId === undefined ? {} : { companyId }),
    ...(email === undefined ? {} : { email }),
    ...(addressLines.length === 0 ? {} : { addressLines }),
    ...(city === undefined ? {} : { city }),
    ...(postalCode === undefined ? {} : { postalCode }),
  };
};

/**
 * cac:PostalAddress of a party. Street lines: the first is cbc:StreetName, the second
 * cbc:AdditionalStreetName, the rest cac:AddressLine (joined into one when `singleExtraLine`, as
 * EN 16931 allows only one).
 */
export const postalAddressNode = (party: OrderParty, singleExtraLine = false): XmlNode => {
  const [street, additional, ...rest] = party.addressLines ?? [];
  const extra = singleExtraLine && rest.length > 0 ? [rest.join(', ')] : rest;
  return el('cac:PostalAddress', [
    leaf('cbc:StreetName', street),
    leaf('cbc:AdditionalStreetName', additional),
    leaf('cbc:CityName', party.city),
    leaf('cbc:PostalZone', party.postalCode),
    ...extra.map((line) => el('cac:AddressLine', [leaf('cbc:Line', line)])),
    el('cac:Country', [leaf('cbc:IdentificationCode', party.country)]),
  ]);
};

/** cac:Party of an Order or OrderResponse (UBL PartyType element order). */
export const orderPartyNode = (party: OrderParty): XmlNode =>
  el('cac:Party', [
    el('cac:PartyName', [leaf('cbc:Name', party.name)]),
    postalAddressNode(party),
    el('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', party.name),
      leaf('cbc:CompanyID', party.companyId),
    ]),
    party.email === undefined ? undefined : el('cac:Contact', [leaf('cbc:ElectronicMail', party.email)]),
  ]);

/** cac:Item of an order line (UBL ItemType element order). */
export const orderItemNode = (line: OrderLine): XmlNode =>
  el('cac:Item', [
    leaf('cbc:Description', line.descriptionEn, { languageID: 'en' }),
    leaf('cbc:Description', line.descriptionZh, { languageID: 'zh' }),
    leaf('cbc:Name', line.descriptionEn),
    line.sellerItemId === undefined
      ? undefined
      : el('cac:SellersItemIdentification', [leaf('cbc:ID', line.sellerItemId)]),
    el('cac:CommodityClassification', [leaf('cbc:ItemClassificationCode', line.hsCode, { listID: 'HS' })]),
  ]);

const isChinese = (languageId: string | undefined): boolean =>
  languageId !== undefined && /^zh\b/i.test(languageId);

/**
 * The HS code of a line: the file's, or the importer's where the file has none or one that is not
 * an HS code. A completion never overrides a usable value of the file: that is refused as a
 * conflict, because silently preferring either would lose what one side stated.
 */
const chooseHsCode = (
  fromFile: string | undefined,
  supplied: string | undefined,
  at: string,
  issues: Issues,
  where: XmlElement,
): string | undefined => {
  if (supplied === undefined) {
    return fromFile;
  }
  if (fromFile !== undefined && HS_CODE.test(fromFile)) {
    if (supplied !== fromFile) {
      issues.add(
        `${at}.hsCode`,
        'trade.completion_conflict',
        `the file classifies this line as HS ${fromFile}; the completion's ${supplied} only fills what the file lacks`,
        where,
      );
    }
    return fromFile;
  }
  return supplied;
};

/** The descriptions, seller item id and HS code of a cac:Item. */
export const readItem = (
  item: XmlElement | undefined,
  at: string,
  issues: Issues,
  holder: XmlElement,
  suppliedHsCode?: string,
): { descriptionEn: string; descriptionZh?: string; sellerItemId?: string; hsCode: string } | undefined => {
  if (item === undefined) {
    issues.add(`${at}.descriptionEn`, 'kernel.required', 'cac:Item is required', holder);
    return undefined;
  }
  const descriptions = cbcAll(item, 'Description');
  const english =
    descriptions.find((d) => !isChinese(d.attributes.get('languageID')) && textOf(d) !== undefined) ??
    undefined;
  const chinese = descriptions.find(
    (d) => isChinese(d.attributes.get('languageID')) && textOf(d) !== undefined,
  );
  const descriptionEn = textOf(english) ?? cbc(item, 'Name');
  if (descriptionEn === undefined) {
    issues.add(
      `${at}.descriptionEn`,
      'kernel.required',
      'cbc:Description or cbc:Name of the item is required',
      item,
    );
  }
  const codes = cacAll(item, 'CommodityClassification').map((c) => cbcEl(c, 'ItemClassificationCode'));
  const hsElement =
    codes.find((code) => code?.attributes.get('listID')?.trim().toUpperCase() === 'HS') ??
    codes.find(
      (code) =>
        code !== undefined && code.attributes.get('listID') === undefined && HS_CODE.test(textOf(code) ?? ''),
    );
  const hsCode = chooseHsCode(textOf(hsElement), suppliedHsCode, at, issues, hsElement ?? item);
  if (hsCode === undefined) {
    issues.add(
      `${at}.hsCode`,
      'kernel.required',
      'an HS code is required: cac:CommodityClassification/cbc:ItemClassificationCode[@listID="HS"]',
      item,
    );
  } else if (!HS_CODE.test(hsCode)) {
    issues.add(
      `${at}.hsCode`,
      'kernel.invalid_format',
      'an HS code has 6, 8 or 10 digits, no dots',
      hsElement,
    );
  }
  if (descriptionEn === undefined || hsCode === undefined || !HS_CODE.test(hsCode)) {
    return undefined;
  }
  const descriptionZh = textOf(chinese);
  const sellerItemId = cbc(cac(item, 'SellersItemIdentification'), 'ID');
  return {
    descriptionEn,
    ...(descriptionZh === undefined ? {} : { descriptionZh }),
    ...(sellerItemId === undefined ? {} : { sellerItemId }),
    hsCode,
  };
};

/** A quantity element: decimal > 0 with a Rec 20 / Rec 21 unit code, or field errors. */
export const readQuantity = (
  element: XmlElement | undefined,
  at: string,
  issues: Issues,
  holder: XmlElement,
): { quantity: string; unitCode: string } | undefined => {
  if (element === undefined) {
    issues.add(`${at}.quantity`, 'kernel.required', 'the quantity is required', holder);
    return undefined;
  }
  const quantity = textOf(element) ?? '';
  const unitCode = element.attributes.get('unitCode')?.trim();
  let ok = true;
  if (!isPositiveQuantity(quantity)) {
    issues.add(
      `${at}.quantity`,
      'trade.quantity_not_positive',
      `${JSON.stringify(quantity.slice(0, 40))}: a decimal greater than 0, at most 6 decimals`,
      element,
    );
    ok = false;
  }
  if (unitCode === undefined || unitCode === '') {
    issues.add(`${at}.unitCode`, 'kernel.required', 'the quantity needs a unitCode', element);
    ok = false;
  } else if (!isUnitCode(unitCode)) {
    issues.add(
      `${at}.unitCode`,
      'kernel.unknown_code',
      `${unitCode} is not a UN/ECE Recommendation 20 unit code`,
      element,
    );
    ok = false;
  }
  return ok && unitCode !== undefined ? { quantity, unitCode } : undefined;
};

export { el, leaf };
