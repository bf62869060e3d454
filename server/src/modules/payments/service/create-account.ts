import { newId } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import { parseAmountMinor, parseCurrency } from '../domain/amount.ts';
import { type Account, type AccountKind, insertAccount } from '../repository.ts';
import { refused, requireFinancialInstitution, type WriteContext } from './context.ts';

export type CreateAccountInput = {
  currency: string;
  code: string;
  kind?: AccountKind;
  debitsMustNotExceedCredits?: boolean;
  creditsMustNotExceedDebits?: boolean;
  /** An overdraft as a decimal string; only a bank or payment institution grants one. */
  creditLimit?: string;
};

/**
 * Opens an account of the organisation. A customer account may not go below zero; an account
 * that may (a settlement account mirroring money held outside the hub, a liquidity account, an
 * overdraft) is a bank's or payment institution's to open.
 */
export const createAccount = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: CreateAccountInput,
): Promise<Account> => {
  const currency = parseCurrency(input.currency);
  const kind = input.kind ?? 'customer';
  const debitsMustNotExceedCredits = input.debitsMustNotExceedCredits ?? true;
  const creditLimitMinor =
    input.creditLimit === undefined || /^0+(\.0*)?$/.test(input.creditLimit)
      ? 0n
      : parseAmountMinor(input.creditLimit, currency, 'creditLimit');
  if (!debitsMustNotExceedCredits || creditLimitMinor > 0n || kind === 'liquidity' || kind === 'rounding') {
    await requireFinancialInstitution(deps, organisationId);
  }
  return deps.db.transaction(async (trx) => {
    const account = await insertAccount(trx, {
      id: newId('acc'),
      organisationId,
      currency,
      kind,
      code: input.code,
      debitsMustNotExceedCredits,
      creditsMustNotExceedDebits: input.creditsMustNotExceedDebits ?? false,
      creditLimitMinor,
      createdAt: deps.now(),
    });
    if (account === undefined) {
      throw refused(
        'payments.account_exists',
        `The organisation already has a ${currency} account ${input.code}.`,
        'code',
      );
    }
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'account', id: account.id },
      detail: { currency, kind, code: input.code },
    });
    return account;
  });
};
