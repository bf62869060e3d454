import type { MoneyJson } from '../../../api/expo-services-trade.ts';

// Pure helpers of the services-trade pages: amounts stay decimal strings, compared as integers
// of the smallest unit, never as floats.

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,4}))?$/;

/** The amount in units of 10^-4 (enough for every ISO 4217 currency), or null when not a plain decimal. */
export const scaledAmount = (amount: string): bigint | null => {
  const match = DECIMAL.exec(amount.trim());
  if (match === null) {
    return null;
  }
  return BigInt(`${match[1]}${(match[2] ?? '').padEnd(4, '0')}`);
};

/** Whether `amount` is a positive plain decimal no larger than `remaining` (the form's own check; the server decides). */
export const fitsRemaining = (amount: string, remaining: MoneyJson): boolean => {
  const wanted = scaledAmount(amount);
  const left = scaledAmount(remaining.amount);
  return wanted !== null && left !== null && wanted > 0n && wanted <= left;
};

/** `12345.60` → `12,345.60 USD`: groups the whole part, keeps the decimals as the server wrote them. */
export const moneyText = (money: MoneyJson): string => {
  const [whole = '0', fraction] = money.amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${money.currency}`;
};

/** Share of the contract delivered, whole percent (0–100), for the progress bar. */
export const deliveredPercent = (delivered: MoneyJson, value: MoneyJson): number => {
  const done = scaledAmount(delivered.amount);
  const total = scaledAmount(value.amount);
  if (done === null || total === null || total === 0n) {
    return 0;
  }
  return Number((done * 100n) / total);
};

/** Whether a text is a SHA-256 digest as the server takes it (64 lower-case hex digits). */
export const isSha256 = (text: string): boolean => /^[0-9a-f]{64}$/.test(text);
