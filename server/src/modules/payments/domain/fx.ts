import { AppError } from '@tradehub/kernel';

/** A rate as an integer and a power of ten: `unscaled / 10^scale` units of target per unit of source. */
export type Rate = { unscaled: bigint; scale: number };

/** Rates carry at most 12 decimals (ISO 20022 BaseOneRate allows 10; a little headroom). */
export const MAX_RATE_SCALE = 12;
const RATE = /^(\d{1,18})(?:\.(\d{1,12}))?$/;

/** 10^18: the residual of a conversion is kept in these fractions of a minor unit. */
export const ATTO = 10n ** 18n;

/** Parses `'7.8125'` into a scaled integer; anything but a positive plain decimal is refused. */
export const parseRate = (text: string): Rate => {
  const match = RATE.exec(text.trim());
  const fraction = (match?.[2] ?? '').replace(/0+$/, '');
  const unscaled = match === null ? 0n : BigInt(`${match[1] ?? '0'}${fraction}`);
  if (match === null || unscaled === 0n) {
    const message = 'A rate is a positive decimal with at most 12 decimals, such as "7.8125".';
    throw new AppError('payments.invalid_rate', message, {
      fieldErrors: [{ field: 'rate', code: 'payments.invalid_rate', message }],
    });
  }
  return { unscaled, scale: fraction.length };
};

/** The canonical decimal text of a rate (no trailing zeros). */
export const formatRate = (rate: Rate): string => {
  if (rate.scale === 0) {
    return rate.unscaled.toString();
  }
  const digits = rate.unscaled.toString().padStart(rate.scale + 1, '0');
  return `${digits.slice(0, -rate.scale)}.${digits.slice(-rate.scale)}`;
};

export type Conversion = {
  /** The target amount, rounded half up to the target currency's minor unit. */
  convertedMinor: bigint;
  /** exact - converted, in 10^-18 of a target minor unit (between -0.5 and +0.5 minor units). */
  residualAtto: bigint;
};

/**
 * Converts `amountMinor` (source minor units) at `rate` into target minor units with integer
 * arithmetic only. exact = amount * rate * 10^toMinor / 10^fromMinor; half up (EU 1103/97).
 */
export const convertHalfUp = (
  amountMinor: bigint,
  fromMinorUnit: number,
  toMinorUnit: number,
  rate: Rate,
): Conversion => {
  if (amountMinor <= 0n) {
    throw new RangeError('convertHalfUp: the amount must be positive');
  }
  const numerator = amountMinor * rate.unscaled * 10n ** BigInt(toMinorUnit);
  const denominator = 10n ** BigInt(rate.scale + fromMinorUnit);
  const convertedMinor = (2n * numerator + denominator) / (2n * denominator);
  // denominator is a power of ten no larger than 10^16, so it divides 10^18 and this is exact.
  const residualAtto = ((numerator - convertedMinor * denominator) * ATTO) / denominator;
  return { convertedMinor, residualAtto };
};

/**
 * Splits an accumulated residual into the whole minor units to post now and what stays behind
 * (the sign says which way: positive means the liquidity account kept more than it paid out).
 */
export const carryResidual = (residualAtto: bigint): { wholeMinor: bigint; remainingAtto: bigint } => {
  const wholeMinor = residualAtto / ATTO;
  return { wholeMinor, remainingAtto: residualAtto - wholeMinor * ATTO };
};
