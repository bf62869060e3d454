import {
  AppError,
  type FieldError,
  formatMoneyAmount,
  type Money,
  money,
  parseMoney,
} from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';

/** Who acts (the organisation in the path) and how its change is audited in the same transaction. */
export type ServicesTradeContext = {
  organisationId: string;
  audit: (
    ex: Executor,
    change: {
      organisationId: string;
      object: { type: string; id: string };
      detail?: Record<string, unknown>;
    },
  ) => Promise<void>;
};

export type MoneyInput = { amount: string; currency: string };

/** Money of an input, or a field error: an unknown currency or too many decimals is bad input, not a 500. */
export const moneyOf = (
  input: MoneyInput,
  field: string,
  codePrefix: 'expo.service' | 'expo.technology',
  errors: FieldError[],
): Money | undefined => {
  try {
    const parsed = parseMoney(input.amount, input.currency);
    if (parsed.amountMinor <= 0n) {
      errors.push({ field, code: `${codePrefix}_invalid_amount`, message: 'A positive amount' });
      return undefined;
    }
    return parsed;
  } catch (error) {
    if (error instanceof AppError) {
      errors.push({
        field,
        code: `${codePrefix}_invalid_amount`,
        message: `Not an amount of a known currency: ${error.message}`,
      });
      return undefined;
    }
    throw error;
  }
};

export const moneyJson = (amountMinor: bigint, currency: string) => ({
  amount: formatMoneyAmount(money(currency, amountMinor)),
  currency,
});
