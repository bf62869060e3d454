import { minorUnitOf, newId } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import { parseAmountMinor } from '../domain/amount.ts';
import { carryResidual, convertHalfUp, parseRate } from '../domain/fx.ts';
import {
  type AccountKind,
  findAccount,
  findAccountByCode,
  findQuote,
  findTransfersByClientIds,
  insertAccount,
  lockRoundingResidual,
  storeRoundingResidual,
  type Transfer,
} from '../repository.ts';
import { refused, type WriteContext } from './context.ts';
import { inLedgerTransaction } from './ledger-transaction.ts';
import { postTransfers, requestHashOf } from './posting.ts';

export type ConversionInput = {
  /** The client's id: the idempotency key of the conversion (its legs take `<id>#2`, `<id>#rounding`). */
  id: string;
  quoteId: string;
  fromAccountId: string;
  toAccountId: string;
  /** In the currency of the source account. */
  amount: string;
  reference?: string;
};

export type Conversion = { transfers: Transfer[]; replayed: boolean };

export const LIQUIDITY_CODE = 'fx.liquidity';
export const ROUNDING_CODE = 'fx.rounding';

/**
 * Converts through the quoting institution's liquidity accounts: the source account pays the
 * source-currency liquidity account, and the target-currency liquidity account pays the target
 * account the amount rounded half up. Each currency's ledger nets to zero on its own. What the
 * rounding leaves over is kept exactly (in 10^-18 of a minor unit) and posted to the
 * institution's rounding account whenever it adds up to a whole minor unit.
 */
export const convertCurrency = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: ConversionInput,
): Promise<Conversion> => {
  const now = deps.now();
  const ex = deps.db.kysely;
  const legIds = [input.id, `${input.id}#2`, `${input.id}#rounding`];
  const requestHash = requestHashOf({
    op: 'fx_conversion',
    quoteId: input.quoteId,
    fromAccountId: input.fromAccountId,
    toAccountId: input.toAccountId,
    amount: input.amount,
    reference: input.reference ?? null,
  });
  // A replay answers the first result even after the quote expired.
  const earlier = await findTransfersByClientIds(ex, organisationId, legIds);
  const first = earlier.get(input.id);
  if (first !== undefined) {
    if (!first.requestHash.every((byte, i) => byte === requestHash[i])) {
      throw refused(
        'payments.idempotency_conflict',
        `Transfer id ${input.id} was used for another request.`,
        'id',
      );
    }
    return { transfers: legIds.flatMap((id) => earlier.get(id) ?? []), replayed: true };
  }
  const [from, to] = await Promise.all([
    findAccount(ex, input.fromAccountId),
    findAccount(ex, input.toAccountId),
  ]);
  if (from === undefined || from.organisationId !== organisationId) {
    throw refused('payments.account_not_found', `No account ${input.fromAccountId}.`, 'fromAccountId');
  }
  if (to === undefined) {
    throw refused('payments.account_not_found', `No account ${input.toAccountId}.`, 'toAccountId');
  }
  const quote = await findQuote(ex, input.quoteId);
  if (quote === undefined) {
    throw refused('payments.quote_required', `No FX quote ${input.quoteId}.`, 'quoteId');
  }
  if (quote.expiresAt <= now) {
    throw refused(
      'payments.quote_expired',
      `FX quote ${quote.id} expired at ${quote.expiresAt.toISOString()}.`,
      'quoteId',
    );
  }
  if (from.currency !== quote.fromCurrency || to.currency !== quote.toCurrency) {
    throw refused(
      'payments.currency_mismatch',
      `Quote ${quote.id} converts ${quote.fromCurrency} to ${quote.toCurrency}, the accounts hold ${from.currency} and ${to.currency}.`,
      'quoteId',
    );
  }
  const amountMinor = parseAmountMinor(input.amount, from.currency);
  const { convertedMinor, residualAtto } = convertHalfUp(
    amountMinor,
    minorUnitOf(from.currency),
    minorUnitOf(to.currency),
    parseRate(quote.rate),
  );
  if (convertedMinor === 0n) {
    throw refused(
      'payments.amount_too_small',
      'The amount converts to less than half a minor unit.',
      'amount',
    );
  }
  const liquidityFrom = await ensureAccount(
    deps,
    quote.organisationId,
    from.currency,
    'liquidity',
    LIQUIDITY_CODE,
  );
  const liquidityTo = await ensureAccount(
    deps,
    quote.organisationId,
    to.currency,
    'liquidity',
    LIQUIDITY_CODE,
  );
  const rounding = await ensureAccount(deps, quote.organisationId, to.currency, 'rounding', ROUNDING_CODE);
  const reference = input.reference ?? null;
  const batchId = newId('bat');

  return inLedgerTransaction(deps, async (trx) => {
    const options = { organisationId, now, batchId, alsoLock: [rounding] };
    const legs = await postTransfers(trx, options, [
      {
        op: 'single',
        clientId: input.id,
        debitAccountId: from.id,
        creditAccountId: liquidityFrom,
        amountMinor,
        currency: from.currency,
        fxQuoteId: quote.id,
        reference,
        requestHash,
      },
      {
        op: 'single',
        clientId: `${input.id}#2`,
        debitAccountId: liquidityTo,
        creditAccountId: to.id,
        amountMinor: convertedMinor,
        currency: to.currency,
        fxQuoteId: quote.id,
        reference,
        requestHash,
        debitChosenBySystem: true,
      },
    ]);
    const transfers = legs.map((leg) => leg.transfer);
    const residual = (await lockRoundingResidual(trx, quote.organisationId, to.currency)) + residualAtto;
    const { wholeMinor, remainingAtto } = carryResidual(residual);
    if (wholeMinor !== 0n) {
      // Positive: the liquidity account paid out less than the exact amount and owes the difference.
      const [carry] = await postTransfers(trx, options, [
        {
          op: 'single',
          clientId: `${input.id}#rounding`,
          debitAccountId: wholeMinor > 0n ? liquidityTo : rounding,
          creditAccountId: wholeMinor > 0n ? rounding : liquidityTo,
          amountMinor: wholeMinor > 0n ? wholeMinor : -wholeMinor,
          currency: to.currency,
          fxQuoteId: quote.id,
          reference,
          requestHash,
          debitChosenBySystem: true,
        },
      ]);
      transfers.push(...(carry === undefined ? [] : [carry.transfer]));
    }
    await storeRoundingResidual(trx, quote.organisationId, to.currency, remainingAtto);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'transfer', id: transfers[0]?.id ?? input.id },
      detail: { kind: 'fx_conversion', quoteId: quote.id, converted: convertedMinor.toString() },
    });
    return { transfers, replayed: false };
  });
};

/** The institution's liquidity or rounding account in a currency, opened on first use. */
const ensureAccount = async (
  deps: PaymentsDeps,
  organisationId: string,
  currency: string,
  kind: AccountKind,
  code: string,
): Promise<string> => {
  const ex = deps.db.kysely;
  const found = await findAccountByCode(ex, organisationId, currency, code);
  if (found !== undefined) {
    return found.id;
  }
  await insertAccount(ex, {
    id: newId('acc'),
    organisationId,
    currency,
    kind,
    code,
    // Liquidity is real money the institution put in; the rounding account goes either way.
    debitsMustNotExceedCredits: kind === 'liquidity',
    creditsMustNotExceedDebits: false,
    creditLimitMinor: 0n,
    createdAt: deps.now(),
  });
  const created = await findAccountByCode(ex, organisationId, currency, code);
  if (created === undefined) {
    throw new Error(`could not open the ${code} ${currency} account`);
  }
  return created.id;
};
