import { newId } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import { parseCurrency } from '../domain/amount.ts';
import { formatRate, parseRate } from '../domain/fx.ts';
import { type FxQuote, insertQuote } from '../repository.ts';
import { refused, requireFinancialInstitution, type WriteContext } from './context.ts';
import type { FxRateProvider } from './fx-rate-provider.ts';

export type FxQuoteInput = { from: string; to: string; rate: string; ttlSeconds: number; source?: string };

/**
 * Quotes a rate from the organisation's own liquidity: conversions at this quote are paid from
 * its liquidity accounts, so only a bank or a payment institution quotes.
 */
export const createFxQuote = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: FxQuoteInput,
): Promise<FxQuote> => {
  await requireFinancialInstitution(deps, organisationId);
  return deps.db.transaction(async (trx) => {
    const quote = await insertQuote(trx, quoteOf(deps.now(), organisationId, input));
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'fx_quote', id: quote.id },
      detail: { rate: quote.rate },
    });
    return quote;
  });
};

/** Stores one quote per rate the provider offers, valid for `ttlSeconds`. */
export const loadFxQuotes = async (
  deps: PaymentsDeps,
  organisationId: string,
  provider: FxRateProvider,
  ttlSeconds: number,
): Promise<FxQuote[]> => {
  await requireFinancialInstitution(deps, organisationId);
  const now = deps.now();
  const quotes = (await provider.rates()).map((rate) =>
    quoteOf(now, organisationId, { ...rate, ttlSeconds, source: rate.source }),
  );
  return deps.db.transaction(async (trx) => {
    const stored: FxQuote[] = [];
    for (const quote of quotes) {
      stored.push(await insertQuote(trx, quote));
    }
    return stored;
  });
};

const quoteOf = (now: Date, organisationId: string, input: FxQuoteInput): FxQuote => {
  const from = parseCurrency(input.from, 'from');
  const to = parseCurrency(input.to, 'to');
  if (from === to) {
    throw refused('payments.currency_mismatch', 'A quote converts between two currencies.', 'to');
  }
  return {
    id: newId('fxq'),
    organisationId,
    fromCurrency: from,
    toCurrency: to,
    rate: formatRate(parseRate(input.rate)),
    source: input.source ?? 'operator',
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
    createdAt: now,
  };
};
