// Ledger arithmetic of the payments pages: amounts stay decimal strings from the keyboard to the
// request and are added up as the kernel's bigint Money, never as floats.
import {
  addMoney,
  currencyByCode,
  formatMoneyAmount,
  isCurrencyCode,
  type Money,
  money,
  parseMoney,
} from '@tradehub/kernel';

/** i18n keys under `payments.validation` for what is wrong with an amount. */
export type AmountProblem = 'required' | 'decimal' | 'positive' | 'tooManyDecimals' | 'currency';

// The plain notation the server accepts: digits, at most one point, no sign, exponent or spaces.
const PLAIN_DECIMAL = /^\d{1,20}(?:\.\d{1,20})?$/;

/** Whether `code` is an ISO 4217 currency that money can be held in (it has a minor unit). */
export const isMoneyCurrency = (code: string): boolean =>
  isCurrencyCode(code) && currencyByCode(code)?.minorUnit != null;

/** The first thing wrong with an amount typed for `currency`, or null when the server will take it. */
export const checkAmount = (text: string, currency: string): AmountProblem | null => {
  const value = text.trim();
  if (value === '') {
    return 'required';
  }
  if (!PLAIN_DECIMAL.test(value)) {
    return 'decimal';
  }
  if (/^[0.]+$/.test(value)) {
    return 'positive';
  }
  if (!isMoneyCurrency(currency)) {
    return 'currency';
  }
  const dot = value.indexOf('.');
  const decimals = dot < 0 ? 0 : value.length - dot - 1;
  return decimals > (currencyByCode(currency)?.minorUnit ?? 0) ? 'tooManyDecimals' : null;
};

/** Whether `amount` is more than `limit`, both valid amounts of `currency`; exact, in minor units. */
export const amountExceeds = (amount: string, limit: string, currency: string): boolean => {
  if (checkAmount(amount, currency) !== null || checkAmount(limit, currency) !== null) {
    return false;
  }
  return parseMoney(amount.trim(), currency).amountMinor > parseMoney(limit.trim(), currency).amountMinor;
};

export type CurrencyTotal = {
  currency: string;
  accounts: number;
  /** Decimal strings with the currency's decimals. */
  balance: string;
  available: string;
};

type AccountAmounts = { currency: string; balance: string; available: string };

const parseOrZero = (amount: string, currency: string): Money => {
  try {
    return parseMoney(amount, currency);
  } catch {
    // An amount the server sent that does not parse is a server bug; it must not hide the others.
    return money(currency, 0n);
  }
};

/**
 * Balances summed per currency, currencies in alphabetical order. Accounts in a currency the
 * kernel does not know are left out: they cannot be summed exactly.
 */
export const totalsByCurrency = (accounts: readonly AccountAmounts[]): CurrencyTotal[] => {
  const totals = new Map<string, { accounts: number; balance: Money; available: Money }>();
  for (const account of accounts) {
    if (!isMoneyCurrency(account.currency)) {
      continue;
    }
    const balance = parseOrZero(account.balance, account.currency);
    const available = parseOrZero(account.available, account.currency);
    const sum = totals.get(account.currency);
    totals.set(
      account.currency,
      sum === undefined
        ? { accounts: 1, balance, available }
        : {
            accounts: sum.accounts + 1,
            balance: addMoney(sum.balance, balance),
            available: addMoney(sum.available, available),
          },
    );
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => ({
      currency,
      accounts: sum.accounts,
      balance: formatMoneyAmount(sum.balance),
      available: formatMoneyAmount(sum.available),
    }));
};

type StatementEntry = { transferId: string; balanceAfter: string };

/**
 * Transfers of a statement that left the posted balance unchanged: reservations (pending) and
 * their release (void, expire). Only these can be open reservations, so only these are read by id
 * to find the ones still waiting for a post or void. `entries` starts at the account's first entry,
 * whose balance before is zero.
 */
export const balanceNeutralTransfers = (entries: readonly StatementEntry[], currency: string): string[] => {
  if (!isMoneyCurrency(currency)) {
    return [];
  }
  const ids: string[] = [];
  let before = 0n;
  for (const entry of entries) {
    const after = parseOrZero(entry.balanceAfter, currency).amountMinor;
    if (after === before) {
      ids.push(entry.transferId);
    }
    before = after;
  }
  return ids;
};

export type StatementRow<E> = E & {
  /** Signed decimal change of the posted balance ('0.00' for a reservation or its release). */
  postedChange: string;
  /** Signed decimal change of the reserved (pending) amount. */
  reservedChange: string;
};

/**
 * Each entry with what it changed: the posted balance, the reservations, or both (posting a
 * reservation moves money and releases the reservation). An entry's own amount does not say
 * which: a reservation of 100 and its posting are both "credit 100". `entries` starts at the
 * account's first entry, before which both were zero.
 */
export const statementRows = <E extends StatementEntry & { pendingAfter: string }>(
  entries: readonly E[],
  currency: string,
): StatementRow<E>[] => {
  if (!isMoneyCurrency(currency)) {
    return entries.map((entry) => ({ ...entry, postedChange: '', reservedChange: '' }));
  }
  let balance = 0n;
  let pending = 0n;
  return entries.map((entry) => {
    const balanceAfter = parseOrZero(entry.balanceAfter, currency).amountMinor;
    const pendingAfter = parseOrZero(entry.pendingAfter, currency).amountMinor;
    const row = {
      ...entry,
      postedChange: formatMoneyAmount(money(currency, balanceAfter - balance)),
      reservedChange: formatMoneyAmount(money(currency, pendingAfter - pending)),
    };
    balance = balanceAfter;
    pending = pendingAfter;
    return row;
  });
};

/**
 * A fresh client id for a transfer or a resolution: the server's idempotency key, kept for the
 * lifetime of one form so that a retried submit answers the first transfer instead of paying twice.
 */
export const newClientId = (prefix: string): string => `${prefix}-${crypto.randomUUID()}`;
