import {
  AppError,
  addMoney,
  type FieldError,
  isCountryCode,
  isCurrencyCode,
  type Money,
  type MoneyJson,
  minorUnitOf,
  money,
  moneyFromJson,
  moneyToJson,
  multiplyMoney,
} from '@tradehub/kernel';
import type { OrderContent, OrderLine, OrderParty } from './order-content.ts';
import type { OrderContentInput, OrderLineInput } from './order-json.ts';

/** The code lists an order is checked against, handed in so this stays pure. */
export type OrderCodeLists = {
  /** True when the 6-digit HS subheading exists in the loaded HS edition. */
  isHs6: (code: string) => boolean;
  checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
  /** UN/ECE Recommendation 20 unit code. */
  isUnitCode: (code: string) => boolean;
};

// At most 6 decimals: UN/ECE units allow fractions (0.5 KGM), nothing needs finer than a milligram.
const QUANTITY = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/;
const HS_CODE = /^\d{6}(?:\d{2}){0,2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isIsoDate = (text: string): boolean => {
  if (!ISO_DATE.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

const isPositiveQuantity = (quantity: string): boolean => QUANTITY.test(quantity) && /[1-9]/.test(quantity);

type Collector = { errors: FieldError[]; add: (field: string, code: string, message: string) => void };

const collector = (prefix: string): Collector => {
  const errors: FieldError[] = [];
  return {
    errors,
    add: (field, code, message) => errors.push({ field: `${prefix}${field}`, code, message }),
  };
};

/** Money in the order's currency, or a field error naming `field`. */
const moneyIn = (json: MoneyJson, currency: string, field: string, c: Collector): Money | undefined => {
  if (json.currency !== currency) {
    c.add(`${field}.currency`, 'trade.currency_mismatch', `must be the order's currency ${currency}`);
    return undefined;
  }
  try {
    return moneyFromJson(json);
  } catch (error) {
    if (error instanceof AppError) {
      c.add(`${field}.amount`, error.code, error.message);
      return undefined;
    }
    throw error;
  }
};

const checkParty = (party: OrderParty, field: string, c: Collector) => {
  if (!isCountryCode(party.country)) {
    c.add(`${field}.country`, 'kernel.unknown_code', 'not an ISO 3166-1 alpha-2 country code');
  }
};

const checkLine = (
  line: OrderLineInput,
  index: number,
  currency: string | undefined,
  lists: OrderCodeLists,
  c: Collector,
): OrderLine | undefined => {
  const at = `lines.${index}`;
  const before = c.errors.length;
  if (!HS_CODE.test(line.hsCode)) {
    c.add(`${at}.hsCode`, 'kernel.invalid_format', 'an HS code has 6, 8 or 10 digits, no dots');
  } else if (!lists.isHs6(line.hsCode.slice(0, 6))) {
    c.add(`${at}.hsCode`, 'kernel.unknown_code', `no HS subheading ${line.hsCode.slice(0, 6)}`);
  }
  if (!lists.isUnitCode(line.unitCode)) {
    c.add(`${at}.unitCode`, 'kernel.unknown_code', 'not a UN/ECE Recommendation 20 unit code');
  }
  if (!isPositiveQuantity(line.quantity)) {
    c.add(`${at}.quantity`, 'trade.quantity_not_positive', 'a decimal greater than 0, at most 6 decimals');
  }
  if (currency === undefined) {
    return undefined;
  }
  const unitPrice = moneyIn(line.unitPrice, currency, `${at}.unitPrice`, c);
  if (unitPrice !== undefined && unitPrice.amountMinor < 0n) {
    c.add(`${at}.unitPrice.amount`, 'trade.negative_price', 'a price is not negative');
  }
  if (unitPrice === undefined || c.errors.length > before) {
    return undefined;
  }
  const lineTotal = multiplyMoney(unitPrice, line.quantity, 'half_up');
  if (line.lineTotal !== undefined) {
    const sent = moneyIn(line.lineTotal, currency, `${at}.lineTotal`, c);
    if (sent !== undefined && sent.amountMinor !== lineTotal.amountMinor) {
      c.add(
        `${at}.lineTotal`,
        'trade.total_mismatch',
        `quantity x unit price is ${moneyToJson(lineTotal).amount}, not ${line.lineTotal.amount}`,
      );
    }
  }
  const { lineNumber: _sent, lineTotal: _total, unitPrice: _price, ...rest } = line;
  return { ...rest, lineNumber: line.lineNumber ?? index + 1, unitPrice, lineTotal };
};

/**
 * Checks an order's content against the code lists and recomputes its totals (line total =
 * quantity x unit price, half-up to the currency's minor unit; total = the sum). Every problem is
 * a field error under `prefix` (`content.lines.2.hsCode`), so a client can mark each field.
 */
export const validateOrderContent = (
  input: OrderContentInput,
  lists: OrderCodeLists,
  today: string,
  prefix = 'content.',
): { content: OrderContent } | { errors: FieldError[] } => {
  const c = collector(prefix);
  let currency: string | undefined = input.currency;
  if (!isCurrencyCode(input.currency)) {
    c.add('currency', 'kernel.unknown_code', 'not an ISO 4217 currency code');
    currency = undefined;
  } else {
    try {
      minorUnitOf(input.currency);
    } catch {
      c.add(
        'currency',
        'kernel.unknown_code',
        'a currency without a minor unit (gold, SDR) cannot price an order',
      );
      currency = undefined;
    }
  }
  const issueDate = input.issueDate ?? today;
  if (!isIsoDate(issueDate)) {
    c.add('issueDate', 'kernel.invalid_format', 'a date YYYY-MM-DD');
  }
  if (input.requestedDeliveryDate !== undefined) {
    if (!isIsoDate(input.requestedDeliveryDate)) {
      c.add('requestedDeliveryDate', 'kernel.invalid_format', 'a date YYYY-MM-DD');
    } else if (input.requestedDeliveryDate < issueDate) {
      c.add('requestedDeliveryDate', 'trade.delivery_before_issue', 'not before the order date');
    }
  }
  checkParty(input.seller, 'seller', c);
  checkParty(input.buyer, 'buyer', c);
  // Every way in (form, API, UBL import) must agree: an order states its payment terms.
  if (input.paymentTerms.trim() === '') {
    c.add('paymentTerms', 'kernel.required', 'the payment terms, e.g. 30% T/T in advance');
  }
  if (lists.checkUnlocode(input.incoterms.namedPlace.unlocode) === 'invalid') {
    c.add('incoterms.namedPlace.unlocode', 'kernel.unknown_code', 'not a known UN/LOCODE');
  }
  const numbers = new Set<number>();
  const lines: OrderLine[] = [];
  input.lines.forEach((line, index) => {
    const checked = checkLine(line, index, currency, lists, c);
    if (checked === undefined) {
      return;
    }
    if (numbers.has(checked.lineNumber)) {
      c.add(`lines.${index}.lineNumber`, 'trade.duplicate_line_number', 'each line has its own number');
    }
    numbers.add(checked.lineNumber);
    lines.push(checked);
  });
  if (currency === undefined || c.errors.length > 0) {
    return { errors: c.errors };
  }
  const total = lines.reduce((sum, line) => addMoney(sum, line.lineTotal), money(currency, 0n));
  if (input.total !== undefined) {
    const sent = moneyIn(input.total, currency, 'total', c);
    if (sent !== undefined && sent.amountMinor !== total.amountMinor) {
      c.add('total', 'trade.total_mismatch', `the lines add up to ${moneyToJson(total).amount}`);
    }
  }
  if (c.errors.length > 0) {
    return { errors: c.errors };
  }
  const { total: _total, lines: _lines, issueDate: _issue, ...rest } = input;
  return { content: { ...rest, issueDate, lines, total } };
};
