import { isCountryCode, isCurrencyCode, isUnitCode } from '@tradehub/kernel';
import { parseXml, type XmlElement } from '../../../platform/xml/index.ts';
import { PEPPOL_CUSTOMIZATION_ID } from './peppol-invoice.ts';
import { peppolSyntaxOf } from './peppol-syntax.ts';
import { cac, cacAll, cbc, cbcAll, cbcEl, textOf } from './ubl-common.ts';

/** One broken rule: its EN 16931 / Peppol identifier and what was found. */
export type RuleViolation = { rule: string; message: string };

// Electronic Address Scheme codes (Peppol code list "eas", OpenPEPPOL/peppol-bis-invoice-3
// structure/codelist/eas.xml at commit 52790d1752d42d70562dc14d32aa8df957cc7302).
const EAS = new Set(
  (
    '0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0151 0183 0184 0190 0191 0192 0193 0195 0196 ' +
    '0198 0199 0200 0201 0202 0204 9901 9906 9907 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 ' +
    '9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 ' +
    '9948 9949 9950 9951 9952 9953 9955 9956 9957 9958'
  ).split(' '),
);

// Exact decimals as bigint at a fixed scale of 10^-6, enough for every amount and rate here.
const SCALE = 1_000_000n;
const dec = (text: string | undefined): bigint | undefined => {
  const match = text === undefined ? null : /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (match === null) {
    return undefined;
  }
  const value = BigInt(match[2] ?? '0') * SCALE + BigInt((match[3] ?? '').padEnd(6, '0') || '0');
  return match[1] === '-' ? -value : value;
};
const show = (value: bigint): string => {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const fraction = (abs % SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / SCALE}${fraction === '' ? '' : `.${fraction}`}`;
};
// Round half away from zero to 2 decimals (EN 16931 rounds amounts to 2 decimals).
const round2 = (value: bigint): bigint => {
  const unit = SCALE / 100n;
  const sign = value < 0n ? -1n : 1n;
  const abs = value * sign;
  return ((abs + unit / 2n) / unit) * unit * sign;
};
const decimals = (text: string | undefined): number => (text?.split('.')[1] ?? '').length;

const amount = (parent: XmlElement | undefined, name: string): bigint | undefined => dec(cbc(parent, name));
const sum = (values: (bigint | undefined)[]): bigint =>
  values.reduce<bigint>((total, v) => total + (v ?? 0n), 0n);

// Invoice type codes of profile 01 (PEPPOL-EN16931-P0100, verbatim from PEPPOL-EN16931-UBL.sch).
const INVOICE_TYPES = new Set(
  '71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 876 877'.split(
    ' ',
  ),
);
// Credit note type codes of profile 01 (PEPPOL-EN16931-P0101, rules/sch/PEPPOL-EN16931-UBL.sch of
// OpenPEPPOL/peppol-bis-invoice-3 at commit c00e4a8fcfe43781e94ca8d222c9eadaf23834f9).
const CREDIT_NOTE_TYPES = new Set(['381', '396', '81', '83', '532']);

/**
 * Checks a UBL Invoice or CreditNote against the EN 16931 and Peppol BIS Billing 3.0 business rules
 * that matter for the documents the hub produces (totals, VAT breakdown, mandatory parties and
 * addresses, code lists, decimals; the Schematron identifiers are kept). It is a TypeScript port of
 * a subset of the official Schematron, run in tests against the hub's exports and the official
 * Peppol examples. Where the Schematron tells the documents apart, so does the port: the type code
 * list (P0100 / P0101), the line and quantity elements, BR-CO-25 (bound to the Invoice only) and
 * UBL-CR-412 (a payment means due date, which only a credit note may have).
 */
export const checkPeppolRules = (xml: string): RuleViolation[] => {
  const root = parseXml(xml);
  const out: RuleViolation[] = [];
  const fail = (rule: string, message: string) => out.push({ rule, message });
  const syntax = peppolSyntaxOf(root);
  if (syntax === undefined) {
    fail('UBL-ROOT', 'not a UBL Invoice or CreditNote');
    return out;
  }
  const creditNote = syntax.kind === 'creditNote';
  // Document level.
  if (cbc(root, 'CustomizationID') !== PEPPOL_CUSTOMIZATION_ID) {
    fail('PEPPOL-EN16931-R004', 'CustomizationID is not BIS Billing 3.0');
  }
  const profile = cbc(root, 'ProfileID');
  if (profile === undefined) {
    fail('PEPPOL-EN16931-R001', 'ProfileID is missing');
  } else if (!/^urn:fdc:peppol\.eu:2017:poacc:billing:\d{2}:1\.0$/.test(profile)) {
    fail('PEPPOL-EN16931-R007', `ProfileID ${profile}`);
  }
  if (cbc(root, 'ID') === undefined) {
    fail('BR-02', 'invoice number missing');
  }
  if (cbc(root, 'IssueDate') === undefined) {
    fail('BR-03', 'issue date missing');
  }
  const type = cbc(root, syntax.typeCode);
  if (type === undefined) {
    fail('BR-04', `${syntax.typeCode} missing`);
  } else if (creditNote) {
    if (profile?.split(':')[6] === '01' && !CREDIT_NOTE_TYPES.has(type)) {
      fail('PEPPOL-EN16931-P0101', `credit note type code ${type}`);
    }
  } else if (profile?.split(':')[6] === '01' && !INVOICE_TYPES.has(type)) {
    fail('PEPPOL-EN16931-P0100', `invoice type code ${type}`);
  }
  const currency = cbc(root, 'DocumentCurrencyCode');
  if (currency === undefined) {
    fail('BR-05', 'currency missing');
  } else if (!isCurrencyCode(currency)) {
    fail('BR-CL-04', `currency ${currency}`);
  }
  if (cbcAll(root, 'Note').length > 1) {
    fail('PEPPOL-EN16931-R002', 'more than one document note');
  }
  if (cbc(root, 'BuyerReference') === undefined && cbc(cac(root, 'OrderReference'), 'ID') === undefined) {
    fail('PEPPOL-EN16931-R003', 'neither buyer reference nor order reference');
  }
  // No empty elements anywhere (PEPPOL-EN16931-R008).
  const walk = (element: XmlElement) => {
    if (element.children.length === 0 && textOf(element) === undefined) {
      fail('PEPPOL-EN16931-R008', `empty element ${element.name} at line ${element.line}`);
    }
    element.children.forEach(walk);
  };
  walk(root);
  // Every amount in the document currency (PEPPOL-EN16931-R051), at most 2 decimals on totals.
  const amounts: XmlElement[] = [];
  const collect = (element: XmlElement) => {
    if (element.attributes.has('currencyID')) {
      amounts.push(element);
    }
    element.children.forEach(collect);
  };
  collect(root);
  const taxCurrency = cbc(root, 'TaxCurrencyCode');
  for (const element of amounts) {
    const id = element.attributes.get('currencyID');
    if (id !== currency && !(element.name === 'TaxAmount' && id === taxCurrency)) {
      fail('PEPPOL-EN16931-R051', `${element.name} in ${id}`);
    }
  }
  // Parties.
  for (const [holder, prefix, nameRule, countryRule, addressRule, endpointRule] of [
    ['AccountingSupplierParty', 'seller', 'BR-06', 'BR-09', 'BR-08', 'PEPPOL-EN16931-R020'],
    ['AccountingCustomerParty', 'buyer', 'BR-07', 'BR-11', 'BR-10', 'PEPPOL-EN16931-R010'],
  ] as const) {
    const party = cac(cac(root, holder), 'Party');
    if (cbc(cac(party, 'PartyLegalEntity'), 'RegistrationName') === undefined) {
      fail(nameRule, `${prefix} legal name missing`);
    }
    const address = cac(party, 'PostalAddress');
    if (address === undefined) {
      fail(addressRule, `${prefix} postal address missing`);
    }
    const country = cbc(cac(address, 'Country'), 'IdentificationCode');
    if (country === undefined) {
      fail(countryRule, `${prefix} country missing`);
    } else if (!isCountryCode(country)) {
      fail('BR-CL-14', `${prefix} country ${country}`);
    }
    const endpoint = cbcEl(party, 'EndpointID');
    if (textOf(endpoint) === undefined) {
      fail(endpointRule, `${prefix} electronic address missing`);
    } else if (!EAS.has(endpoint?.attributes.get('schemeID') ?? '')) {
      fail('PEPPOL-EN16931-CL008', `${prefix} endpoint scheme ${endpoint?.attributes.get('schemeID')}`);
    } else if (endpoint?.attributes.get('schemeID') === '0088' && /^\d+$/.test(textOf(endpoint) ?? '')) {
      const digits = textOf(endpoint) ?? '';
      let s = 0;
      for (let i = 0; i < digits.length - 1; i += 1) {
        s += Number(digits[digits.length - 2 - i]) * (i % 2 === 0 ? 3 : 1);
      }
      if ((10 - (s % 10)) % 10 !== Number(digits.at(-1)) && digits.length === 13) {
        fail('PEPPOL-COMMON-R040', `${prefix} GLN check digit`);
      }
    }
    for (const scheme of cacAll(party, 'PartyTaxScheme')) {
      const vat = cbc(scheme, 'CompanyID');
      if (cbc(cac(scheme, 'TaxScheme'), 'ID') === 'VAT' && vat !== undefined && !/^[A-Z]{2}/.test(vat)) {
        fail('BR-CO-09', `${prefix} VAT id ${vat} lacks a country prefix`);
      }
    }
  }
  const seller = cac(cac(root, 'AccountingSupplierParty'), 'Party');
  const sellerVat = cacAll(seller, 'PartyTaxScheme').some(
    (s) => cbc(cac(s, 'TaxScheme'), 'ID') === 'VAT' && cbc(s, 'CompanyID') !== undefined,
  );
  if (
    cbc(cac(seller, 'PartyIdentification'), 'ID') === undefined &&
    cbc(cac(seller, 'PartyLegalEntity'), 'CompanyID') === undefined &&
    !sellerVat
  ) {
    fail('BR-CO-26', 'no seller identifier, legal registration or VAT identifier');
  }
  // Lines.
  const lines = cacAll(root, syntax.line);
  if (lines.length === 0) {
    fail('BR-16', `no ${syntax.line}`);
  }
  const lineNets: bigint[] = [];
  const categoryNets = new Map<string, bigint>();
  for (const line of lines) {
    const id = cbc(line, 'ID') ?? '?';
    if (cbc(line, 'ID') === undefined) {
      fail('BR-21', 'line without identifier');
    }
    const quantityElement = cbcEl(line, syntax.quantity);
    const quantity = dec(textOf(quantityElement));
    if (quantity === undefined) {
      fail('BR-22', `line ${id}: ${syntax.quantity}`);
    }
    const unit = quantityElement?.attributes.get('unitCode');
    if (unit === undefined) {
      fail('BR-23', `line ${id}: unit code missing`);
    } else if (!isUnitCode(unit)) {
      fail('BR-CL-23', `line ${id}: unit code ${unit}`);
    }
    const netText = cbc(line, 'LineExtensionAmount');
    const net = dec(netText);
    if (net === undefined) {
      fail('BR-24', `line ${id}: net amount`);
    } else {
      lineNets.push(net);
    }
    if (decimals(netText) > 2) {
      fail('BR-DEC-23', `line ${id}: more than 2 decimals`);
    }
    const item = cac(line, 'Item');
    if (cbc(item, 'Name') === undefined) {
      fail('BR-25', `line ${id}: item name`);
    }
    const price = cac(line, 'Price');
    const priceAmount = amount(price, 'PriceAmount');
    if (priceAmount === undefined) {
      fail('BR-26', `line ${id}: item net price`);
    } else if (priceAmount < 0n) {
      fail('BR-27', `line ${id}: negative price`);
    }
    const baseElement = cbcEl(price, 'BaseQuantity');
    const base = baseElement === undefined ? SCALE : dec(textOf(baseElement));
    if (base === undefined || base <= 0n) {
      fail('PEPPOL-EN16931-R121', `line ${id}: base quantity`);
    }
    if (
      baseElement?.attributes.get('unitCode') !== undefined &&
      baseElement.attributes.get('unitCode') !== unit
    ) {
      fail('PEPPOL-EN16931-R130', `line ${id}: base quantity unit`);
    }
    const lineCharges = cacAll(line, 'AllowanceCharge').map(
      (c) => (cbc(c, 'ChargeIndicator') === 'true' ? 1n : -1n) * (amount(c, 'Amount') ?? 0n),
    );
    if (
      quantity !== undefined &&
      priceAmount !== undefined &&
      net !== undefined &&
      base !== undefined &&
      base > 0n
    ) {
      const expected = round2((quantity * priceAmount) / base) + sum(lineCharges);
      const diff = expected - net;
      if (diff > SCALE / 50n || diff < -SCALE / 50n) {
        fail('PEPPOL-EN16931-R120', `line ${id}: net ${show(net)} is not quantity x price ${show(expected)}`);
      }
    }
    const category = cac(item, 'ClassifiedTaxCategory');
    const code = cbc(category, 'ID');
    if (code === undefined) {
      fail('BR-CO-04', `line ${id}: VAT category missing`);
    } else {
      const key = `${code}:${show(dec(cbc(category, 'Percent')) ?? 0n)}`;
      categoryNets.set(key, (categoryNets.get(key) ?? 0n) + (net ?? 0n));
      if (code === 'G' && (dec(cbc(category, 'Percent')) ?? -1n) !== 0n) {
        fail('BR-G-05', `line ${id}: rate of category G is not 0`);
      }
    }
  }
  // Document allowances and charges by category.
  let allowances = 0n;
  let charges = 0n;
  for (const ac of cacAll(root, 'AllowanceCharge')) {
    const value = amount(ac, 'Amount') ?? 0n;
    const charge = cbc(ac, 'ChargeIndicator') === 'true';
    if (charge) {
      charges += value;
    } else {
      allowances += value;
    }
    const category = cac(ac, 'TaxCategory');
    const key = `${cbc(category, 'ID')}:${show(dec(cbc(category, 'Percent')) ?? 0n)}`;
    categoryNets.set(key, (categoryNets.get(key) ?? 0n) + (charge ? value : -value));
  }
  // Totals.
  const totals = cac(root, 'LegalMonetaryTotal');
  const lineTotal = amount(totals, 'LineExtensionAmount');
  const exclusive = amount(totals, 'TaxExclusiveAmount');
  const inclusive = amount(totals, 'TaxInclusiveAmount');
  const payable = amount(totals, 'PayableAmount');
  if (lineTotal === undefined) {
    fail('BR-12', 'sum of line net amounts missing');
  }
  if (exclusive === undefined) {
    fail('BR-13', 'total without VAT missing');
  }
  if (inclusive === undefined) {
    fail('BR-14', 'total with VAT missing');
  }
  if (payable === undefined) {
    fail('BR-15', 'amount due missing');
  }
  for (const name of [
    'LineExtensionAmount',
    'TaxExclusiveAmount',
    'TaxInclusiveAmount',
    'PayableAmount',
    'AllowanceTotalAmount',
    'ChargeTotalAmount',
    'PrepaidAmount',
    'PayableRoundingAmount',
  ]) {
    if (decimals(cbc(totals, name)) > 2) {
      fail('BR-DEC-09', `${name} has more than 2 decimals`);
    }
  }
  if (lineTotal !== undefined && lineTotal !== sum(lineNets)) {
    fail('BR-CO-10', `sum of lines ${show(sum(lineNets))} != ${show(lineTotal)}`);
  }
  if ((amount(totals, 'AllowanceTotalAmount') ?? 0n) !== allowances) {
    fail('BR-CO-11', 'allowance total');
  }
  if ((amount(totals, 'ChargeTotalAmount') ?? 0n) !== charges) {
    fail('BR-CO-12', 'charge total');
  }
  if (exclusive !== undefined && lineTotal !== undefined && exclusive !== lineTotal - allowances + charges) {
    fail('BR-CO-13', 'total without VAT');
  }
  const taxTotals = cacAll(root, 'TaxTotal').filter(
    (t) => cbcEl(t, 'TaxAmount')?.attributes.get('currencyID') === currency,
  );
  if (taxTotals.length !== 1) {
    fail('PEPPOL-EN16931-R053', `${taxTotals.length} tax totals in the document currency`);
  }
  const taxTotal = taxTotals[0];
  const tax = amount(taxTotal, 'TaxAmount');
  const subtotals = cacAll(taxTotal, 'TaxSubtotal');
  if (subtotals.length === 0) {
    fail('BR-CO-18', 'no VAT breakdown');
  }
  if (tax !== undefined && tax !== sum(subtotals.map((s) => amount(s, 'TaxAmount')))) {
    fail('BR-CO-14', 'VAT total is not the sum of the breakdown');
  }
  if (inclusive !== undefined && exclusive !== undefined && inclusive !== exclusive + (tax ?? 0n)) {
    fail('BR-CO-15', 'total with VAT');
  }
  if (
    payable !== undefined &&
    inclusive !== undefined &&
    payable !==
      inclusive - (amount(totals, 'PrepaidAmount') ?? 0n) + (amount(totals, 'PayableRoundingAmount') ?? 0n)
  ) {
    fail('BR-CO-16', 'amount due');
  }
  // The official Schematron binds BR-CO-25 to /Invoice only; a credit note is not checked.
  if (
    !creditNote &&
    payable !== undefined &&
    payable > 0n &&
    cbc(root, 'DueDate') === undefined &&
    cacAll(root, 'PaymentTerms').every((t) => cbc(t, 'Note') === undefined)
  ) {
    fail('BR-CO-25', 'positive amount due without due date or payment terms');
  }
  // UBL-CR-412 (a warning in the Schematron): an invoice states BT-9 as cbc:DueDate; the payment
  // means due date is the credit note's place for it.
  if (!creditNote && cacAll(root, 'PaymentMeans').some((m) => cbcEl(m, 'PaymentDueDate') !== undefined)) {
    fail('UBL-CR-412', 'an invoice has a PaymentMeans/PaymentDueDate');
  }
  // VAT breakdown per category (BR-S-08/09, BR-G-08/09/10 and the like).
  const seen = new Set<string>();
  for (const subtotal of subtotals) {
    const category = cac(subtotal, 'TaxCategory');
    const code = cbc(category, 'ID') ?? '';
    const rate = dec(cbc(category, 'Percent')) ?? 0n;
    const key = `${code}:${show(rate)}`;
    seen.add(key);
    const taxable = amount(subtotal, 'TaxableAmount');
    const taxAmount = amount(subtotal, 'TaxAmount');
    if (taxable !== (categoryNets.get(key) ?? 0n)) {
      fail(
        `BR-${code}-08`,
        `taxable amount of ${key} is ${show(taxable ?? 0n)}, lines say ${show(categoryNets.get(key) ?? 0n)}`,
      );
    }
    if (code === 'S' && taxable !== undefined && taxAmount !== round2((taxable * rate) / (100n * SCALE))) {
      fail('BR-S-09', `VAT of ${key}`);
    }
    if (['G', 'E', 'Z', 'O', 'AE', 'K'].includes(code) && taxAmount !== 0n) {
      fail(`BR-${code}-09`, `VAT of category ${code} is not 0`);
    }
    if (
      ['G', 'E', 'AE', 'K'].includes(code) &&
      cbc(category, 'TaxExemptionReasonCode') === undefined &&
      cbc(category, 'TaxExemptionReason') === undefined
    ) {
      fail(`BR-${code}-10`, `no exemption reason for category ${code}`);
    }
    if (code === 'G' && rate !== 0n) {
      fail('BR-G-06', 'rate of category G is not 0');
    }
  }
  for (const key of categoryNets.keys()) {
    if (!seen.has(key)) {
      fail('BR-CO-18', `no VAT breakdown for ${key}`);
    }
  }
  if ([...categoryNets.keys()].some((key) => key.startsWith('G:'))) {
    if (!sellerVat && cac(root, 'TaxRepresentativeParty') === undefined) {
      fail('BR-G-02', 'export invoice without seller VAT identifier');
    }
    if (subtotals.filter((s) => cbc(cac(s, 'TaxCategory'), 'ID') === 'G').length !== 1) {
      fail('BR-G-01', 'not exactly one G breakdown');
    }
  }
  return out;
};
