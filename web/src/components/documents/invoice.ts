// Commercial invoice arithmetic and checks, shared by the structured form and the CSV import so a
// document issued either way carries the same figures. Quantities and prices stay decimal strings
// from the keyboard to the credential; amounts go through the kernel's bigint Money, never a float.
import {
  addMoney,
  currencyByCode,
  formatMoneyAmount,
  isCurrencyCode,
  type JsonValue,
  listCurrencies,
  type Money,
  minorUnitOf,
  money,
  multiplyMoney,
  normalizeHsCode,
  parseMoney,
} from '@tradehub/kernel';

export type JsonObject = { [key: string]: JsonValue };

/** i18n keys under `documents.validation` for what is wrong with one value. */
export type InvoiceProblemCode =
  | 'required'
  | 'decimal'
  | 'positive'
  | 'tooManyDecimals'
  | 'currency'
  | 'hsCode'
  | 'lineItems'
  | 'notObject'
  | 'totalMismatch';

/** A problem at a path of the subject (`lineItems.2.quantity`), in the subject's own names. */
export type InvoiceProblem = { path: string; code: InvoiceProblemCode };

/** Quantities and unit prices may be finer than the currency (0.0035 USD a screw), up to this. */
export const MAX_INPUT_DECIMALS = 6;

// Plain, non-negative decimal notation, as the kernel's Money accepts: no exponent, sign or spaces.
// The length bound keeps bigint arithmetic on pasted input cheap.
const PLAIN_DECIMAL = /^\d{1,24}(?:\.\d{1,24})?$/;

// Digits only after removing the dots and spaces people write (8471.30, 8471 30 00): the 2, 4 or 6
// digits of the Harmonized System or a national tariff line of 8 or 10 (China uses 10).
const HS_CODE = /^(?:\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/;

const decimalPlaces = (text: string): number => {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};

const isZeroDecimal = (text: string): boolean => /^[0.]+$/.test(text);

/** ISO 4217 codes that can be money (they have a minor unit), most used in China's trade first. */
export const invoiceCurrencies = (): string[] => {
  const first = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'KRW', 'SGD', 'AUD', 'RUB'];
  const rest = listCurrencies()
    .filter((currency) => currency.minorUnit !== null && !first.includes(currency.code))
    .map((currency) => currency.code as string);
  return [...first.filter((code) => currencyByCode(code)?.minorUnit != null), ...rest];
};

export const checkCurrency = (code: string): InvoiceProblemCode | null => {
  if (code.trim() === '') {
    return 'required';
  }
  return isCurrencyCode(code) && currencyByCode(code)?.minorUnit != null ? null : 'currency';
};

/** A quantity: a decimal above zero with at most MAX_INPUT_DECIMALS decimals. */
export const checkQuantity = (text: string): InvoiceProblemCode | null => {
  if (text.trim() === '') {
    return 'required';
  }
  if (!PLAIN_DECIMAL.test(text)) {
    return 'decimal';
  }
  if (decimalPlaces(text) > MAX_INPUT_DECIMALS) {
    return 'tooManyDecimals';
  }
  return isZeroDecimal(text) ? 'positive' : null;
};

/** A unit price: a decimal of zero or more (free samples are invoiced at zero). */
export const checkUnitPrice = (text: string): InvoiceProblemCode | null => {
  if (text.trim() === '') {
    return 'required';
  }
  if (!PLAIN_DECIMAL.test(text)) {
    return 'decimal';
  }
  return decimalPlaces(text) > MAX_INPUT_DECIMALS ? 'tooManyDecimals' : null;
};

/** Optional; when given, 2 to 10 digits once dots and spaces are removed. */
export const checkHsCode = (text: string): InvoiceProblemCode | null => {
  const digits = normalizeHsCode(text.trim());
  return digits === '' || HS_CODE.test(digits) ? null : 'hsCode';
};

export const normaliseHsCode = (text: string): string => normalizeHsCode(text.trim());

// `text` divided by 10^places, as a decimal string: "3.5" shifted by 2 is "0.035".
const shiftDecimalLeft = (text: string, places: number): string => {
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = `${whole}${fraction}`;
  const scale = fraction.length + places;
  if (scale === 0) {
    return digits;
  }
  const padded = digits.padStart(scale + 1, '0');
  return `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
};

/**
 * quantity × unit price, rounded half-up to the currency's minor unit (the line net amount of
 * EN 16931: each line is rounded, the invoice total is the sum of the rounded lines). Inputs must
 * have passed checkQuantity / checkUnitPrice / checkCurrency.
 */
export const lineAmount = (quantity: string, unitPrice: string, currency: string): Money => {
  const extraPlaces = decimalPlaces(unitPrice) - minorUnitOf(currency);
  if (extraPlaces <= 0) {
    return multiplyMoney(parseMoney(unitPrice, currency), quantity, 'half_up');
  }
  // The price is finer than the currency, so it is not Money itself: count it in units of its own
  // last decimal and move the surplus places onto the quantity, keeping the product exact.
  const priceUnits = BigInt(unitPrice.replace('.', ''));
  return multiplyMoney(money(currency, priceUnits), shiftDecimalLeft(quantity, extraPlaces), 'half_up');
};

export type InvoiceLineInput = { quantity?: string | undefined; unitPrice?: string | undefined };

export type InvoiceTotals = {
  /** Each line's amount as a decimal string, or null while its quantity or price is not valid. */
  lines: (string | null)[];
  /** The sum of the lines, or null while any line (or the currency) is not valid. */
  total: string | null;
};

/** Line amounts and the total for the form's live display. */
export const invoiceTotals = (currency: string, lines: readonly InvoiceLineInput[]): InvoiceTotals => {
  if (checkCurrency(currency) !== null) {
    return { lines: lines.map(() => null), total: null };
  }
  let total: Money | null = money(currency, 0n);
  const amounts = lines.map((line) => {
    const quantity = line.quantity ?? '';
    const unitPrice = line.unitPrice ?? '';
    if (checkQuantity(quantity) !== null || checkUnitPrice(unitPrice) !== null) {
      total = null;
      return null;
    }
    const amount = lineAmount(quantity, unitPrice, currency);
    total = total === null ? null : addMoney(total, amount);
    return formatMoneyAmount(amount);
  });
  const sum: Money | null = total;
  return { lines: amounts, total: sum === null || lines.length === 0 ? null : formatMoneyAmount(sum) };
};

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

// A figure someone wrote ("125" or "125.0") equals the computed one when it is the same money.
const sameAmount = (given: JsonValue | undefined, computed: Money): boolean => {
  if (typeof given !== 'string' || !PLAIN_DECIMAL.test(given)) {
    return false;
  }
  try {
    return parseMoney(given, computed.currency).amountMinor === computed.amountMinor;
  } catch {
    // More decimals than the currency has: not an amount of it.
    return false;
  }
};

/**
 * Checks the parts of an invoice subject the hub computes with (currency, line quantities, prices,
 * HS codes) and fills in each line's `lineAmount` and the `totalAmount`, so a figure a person typed
 * can never disagree with the lines. A total already present that differs is reported, not replaced
 * silently. Other properties pass through untouched.
 */
export const completeInvoiceSubject = (
  subject: JsonObject,
): { subject: JsonObject; problems: InvoiceProblem[] } => {
  const problems: InvoiceProblem[] = [];
  const currency = text(subject.currency);
  const currencyProblem = checkCurrency(currency);
  if (currencyProblem) {
    problems.push({ path: 'currency', code: currencyProblem });
  }
  const rawLines = subject.lineItems;
  if (!Array.isArray(rawLines) || rawLines.length === 0) {
    problems.push({ path: 'lineItems', code: 'lineItems' });
    return { subject, problems };
  }
  const lines: JsonObject[] = [];
  let total: Money | null = currencyProblem ? null : money(currency, 0n);
  rawLines.forEach((raw, index) => {
    if (!isObject(raw)) {
      problems.push({ path: `lineItems.${index}`, code: 'notObject' });
      total = null;
      return;
    }
    const line: JsonObject = { ...raw };
    const quantity = text(raw.quantity);
    const unitPrice = text(raw.unitPrice);
    const quantityProblem = checkQuantity(quantity);
    const priceProblem = checkUnitPrice(unitPrice);
    if (quantityProblem) {
      problems.push({ path: `lineItems.${index}.quantity`, code: quantityProblem });
    }
    if (priceProblem) {
      problems.push({ path: `lineItems.${index}.unitPrice`, code: priceProblem });
    }
    if (raw.hsCode !== undefined) {
      const hsProblem = checkHsCode(text(raw.hsCode));
      if (hsProblem) {
        problems.push({ path: `lineItems.${index}.hsCode`, code: hsProblem });
      } else {
        line.hsCode = normaliseHsCode(text(raw.hsCode));
      }
    }
    if (total !== null && !quantityProblem && !priceProblem) {
      const amount = lineAmount(quantity, unitPrice, currency);
      total = addMoney(total, amount);
      const computed = formatMoneyAmount(amount);
      if (raw.lineAmount !== undefined && !sameAmount(raw.lineAmount, amount)) {
        problems.push({ path: `lineItems.${index}.lineAmount`, code: 'totalMismatch' });
      }
      line.lineAmount = computed;
    } else {
      total = null;
    }
    lines.push(line);
  });
  const sum: Money | null = total;
  if (sum === null) {
    return { subject, problems };
  }
  const totalAmount = formatMoneyAmount(sum);
  const given = subject.totalAmount;
  if (
    given !== undefined &&
    !(isObject(given) && given.currency === currency && sameAmount(given.amount, sum))
  ) {
    problems.push({ path: 'totalAmount', code: 'totalMismatch' });
  }
  return {
    subject: { ...subject, lineItems: lines, totalAmount: { amount: totalAmount, currency } },
    problems,
  };
};
