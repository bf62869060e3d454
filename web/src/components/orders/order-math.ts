import { addMoney, formatMoneyAmount, type Money, money, multiplyMoney, parseMoney } from '@tradehub/kernel';

// Live totals of the order form, computed exactly as the server recomputes them: unit price as
// Money (bigint minor units), times the decimal quantity, rounded half-up to the currency's minor
// unit; the total is the sum of the line totals. Nothing here goes through a float.

const QUANTITY = /^\d{1,15}(?:\.\d{1,6})?$/;
const PRICE = /^\d{1,15}(?:\.\d{1,6})?$/;

export type QuantityCheck = 'ok' | 'required' | 'invalid' | 'not_positive';
export type PriceCheck = 'ok' | 'required' | 'invalid' | 'too_many_decimals' | 'negative';

/** A quantity as typed: a plain positive decimal (up to 6 decimals, as UBL quantities carry). */
export const checkQuantity = (text: string | undefined): QuantityCheck => {
  const value = (text ?? '').trim();
  if (value === '') {
    return 'required';
  }
  if (!QUANTITY.test(value)) {
    return 'invalid';
  }
  return /[1-9]/.test(value) ? 'ok' : 'not_positive';
};

/** A unit price as typed: a plain decimal with no more decimals than the currency has. */
export const checkPrice = (text: string | undefined, currency: string): PriceCheck => {
  const value = (text ?? '').trim();
  if (value === '') {
    return 'required';
  }
  if (value.startsWith('-')) {
    return 'negative';
  }
  if (!PRICE.test(value)) {
    return 'invalid';
  }
  return toMoney(value, currency) === null ? 'too_many_decimals' : 'ok';
};

/** Money from a typed amount, or null when it is not one (bad text, unknown currency, too precise). */
export const toMoney = (amount: string, currency: string): Money | null => {
  try {
    return parseMoney(amount.trim(), currency);
  } catch {
    return null;
  }
};

/** quantity × unit price, half-up to the minor unit; null while either is not valid yet. */
export const lineTotal = (
  quantity: string | undefined,
  unitPrice: string | undefined,
  currency: string,
): Money | null => {
  if (checkQuantity(quantity) !== 'ok' || checkPrice(unitPrice, currency) !== 'ok') {
    return null;
  }
  const price = toMoney(unitPrice ?? '', currency);
  return price === null ? null : multiplyMoney(price, (quantity ?? '').trim(), 'half_up');
};

/** The sum of the line totals; null if any line is incomplete or the currency is unknown. */
export const orderTotal = (
  lines: readonly { quantity?: string | undefined; unitPrice?: string | undefined }[],
  currency: string,
): Money | null => {
  let sum: Money;
  try {
    sum = money(currency, 0n);
  } catch {
    return null;
  }
  for (const line of lines) {
    const total = lineTotal(line.quantity, line.unitPrice, currency);
    if (total === null) {
      return null;
    }
    sum = addMoney(sum, total);
  }
  return sum;
};

/** The JSON form the API takes: `{ amount: "12.50", currency: "USD" }`. */
export const moneyJson = (value: Money): { amount: string; currency: string } => ({
  amount: formatMoneyAmount(value),
  currency: value.currency,
});
