import { formatAmount } from '../domain/amount.ts';
import type { Account, Entry, FxQuote, Transfer } from '../repository.ts';

/** An account as the API shows it: every amount a decimal string in the account's currency. */
export const accountJson = (a: Account) => ({
  id: a.id,
  organisationId: a.organisationId,
  currency: a.currency,
  kind: a.kind,
  code: a.code,
  debitsPending: formatAmount(a.debitsPending, a.currency),
  debitsPosted: formatAmount(a.debitsPosted, a.currency),
  creditsPending: formatAmount(a.creditsPending, a.currency),
  creditsPosted: formatAmount(a.creditsPosted, a.currency),
  // What the owner holds (credit-normal) and what it may still spend, reservations deducted.
  balance: formatAmount(a.creditsPosted - a.debitsPosted, a.currency),
  available: formatAmount(
    a.creditsPosted -
      a.debitsPosted -
      a.debitsPending +
      (a.debitsMustNotExceedCredits ? a.creditLimitMinor : 0n),
    a.currency,
  ),
  debitsMustNotExceedCredits: a.debitsMustNotExceedCredits,
  creditsMustNotExceedDebits: a.creditsMustNotExceedDebits,
  creditLimit: formatAmount(a.creditLimitMinor, a.currency),
  closed: a.closed,
  version: a.version.toString(),
  createdAt: a.createdAt.toISOString(),
});

export type AccountJson = ReturnType<typeof accountJson>;

export type PendingStatus = 'pending' | 'posted' | 'voided' | 'expired';

export const transferJson = (t: Transfer, status?: PendingStatus) => ({
  id: t.id,
  clientId: t.clientId,
  kind: t.kind,
  debitAccountId: t.debitAccountId,
  creditAccountId: t.creditAccountId,
  amount: formatAmount(t.amountMinor, t.currency),
  currency: t.currency,
  pendingId: t.pendingId,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  batchId: t.batchId,
  reversesId: t.reversesId,
  fxQuoteId: t.fxQuoteId,
  reference: t.reference,
  createdAt: t.createdAt.toISOString(),
  ...(status === undefined ? {} : { status }),
});

export type TransferJson = ReturnType<typeof transferJson>;

export const entryJson = (e: Entry, currency: string) => ({
  transferId: e.transferId,
  side: e.side,
  amount: formatAmount(e.amountMinor, currency),
  balanceAfter: formatAmount(e.balanceAfterMinor, currency),
  pendingAfter: formatAmount(e.pendingAfterMinor, currency),
  accountVersion: e.accountVersion.toString(),
  createdAt: e.createdAt.toISOString(),
});

export const quoteJson = (q: FxQuote) => ({
  id: q.id,
  organisationId: q.organisationId,
  from: q.fromCurrency,
  to: q.toCurrency,
  rate: q.rate,
  source: q.source,
  expiresAt: q.expiresAt.toISOString(),
  createdAt: q.createdAt.toISOString(),
});
