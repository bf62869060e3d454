import { z } from 'zod';

/** A client's transfer id: its idempotency key. `#` is kept for the hub's own derived ids. */
export const ZClientId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - (1-100)');
/** Amounts travel as decimal strings; the module checks sign, decimals and currency itself. */
export const ZAmount = z.string().min(1).max(40);
export const ZCurrency = z.string().min(1).max(10);
const ZReference = z.string().min(1).max(140);

export const ZAccountKind = z.enum(['customer', 'liquidity', 'rounding', 'escrow', 'settlement']);

export const ZAccountInput = z.strictObject({
  currency: ZCurrency,
  code: z.string().trim().min(1).max(100),
  kind: ZAccountKind.optional(),
  debitsMustNotExceedCredits: z.boolean().optional(),
  creditsMustNotExceedDebits: z.boolean().optional(),
  creditLimit: ZAmount.optional(),
});

export const ZAccount = z.object({
  id: z.string(),
  organisationId: z.string(),
  currency: z.string(),
  kind: ZAccountKind,
  code: z.string(),
  debitsPending: z.string(),
  debitsPosted: z.string(),
  creditsPending: z.string(),
  creditsPosted: z.string(),
  balance: z.string(),
  available: z.string(),
  debitsMustNotExceedCredits: z.boolean(),
  creditsMustNotExceedDebits: z.boolean(),
  creditLimit: z.string(),
  closed: z.boolean(),
  version: z.string(),
  createdAt: z.string(),
});

export const ZTransferInput = z.strictObject({
  id: ZClientId,
  debitAccountId: z.string().min(1).max(64),
  creditAccountId: z.string().min(1).max(64),
  amount: ZAmount,
  currency: ZCurrency,
  pending: z.boolean().optional(),
  // Up to 90 days: escrow waits for delivery.
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 3600)
    .optional(),
  reference: ZReference.optional(),
});

export const ZResolveInput = z.strictObject({
  id: ZClientId,
  amount: ZAmount.optional(),
  reference: ZReference.optional(),
});

export const ZReverseInput = z.strictObject({ id: ZClientId, reference: ZReference.optional() });

export const ZTransfer = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(['single', 'pending', 'post', 'void', 'expire']),
  debitAccountId: z.string(),
  creditAccountId: z.string(),
  amount: z.string(),
  currency: z.string(),
  pendingId: z.string().nullable(),
  expiresAt: z.string().nullable(),
  batchId: z.string().nullable(),
  reversesId: z.string().nullable(),
  fxQuoteId: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(['pending', 'posted', 'voided', 'expired']).optional(),
});

export const ZEntry = z.object({
  transferId: z.string(),
  side: z.enum(['debit', 'credit']),
  amount: z.string(),
  balanceAfter: z.string(),
  pendingAfter: z.string(),
  accountVersion: z.string(),
  createdAt: z.string(),
});

export const ZQuoteInput = z.strictObject({
  from: ZCurrency,
  to: ZCurrency,
  rate: z.string().min(1).max(40),
  ttlSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600),
  source: z.string().min(1).max(100).optional(),
});

export const ZQuote = z.object({
  id: z.string(),
  organisationId: z.string(),
  from: z.string(),
  to: z.string(),
  rate: z.string(),
  source: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const ZConversionInput = z.strictObject({
  id: ZClientId,
  quoteId: z.string().min(1).max(64),
  fromAccountId: z.string().min(1).max(64),
  toAccountId: z.string().min(1).max(64),
  amount: ZAmount,
  reference: ZReference.optional(),
});
