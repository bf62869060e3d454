import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, parseDecimal, type RoundingMode } from './decimal.ts';
import { AssertionError } from './errors.ts';

// Reference rounding through exact rationals: compare 2·|remainder| with the denominator by brute force.
function referenceRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const floor = numerator >= 0n ? numerator / denominator : -((-numerator + denominator - 1n) / denominator);
  const fractionTwice = 2n * (numerator - floor * denominator);
  const towardZero = numerator >= 0n ? floor : numerator === floor * denominator ? floor : floor + 1n;
  if (mode === 'down' || numerator === floor * denominator) {
    return towardZero;
  }
  if (fractionTwice !== denominator) {
    return fractionTwice > denominator ? floor + 1n : floor;
  }
  if (mode === 'half_up') {
    return numerator >= 0n ? floor + 1n : floor;
  }
  return floor % 2n === 0n ? floor : floor + 1n;
}

describe('parseDecimal', () => {
  it.each([
    ['0', 0n, 0],
    ['12.34', 1234n, 2],
    ['-0.5', -5n, 1],
    ['007.10', 710n, 2],
    ['-0', 0n, 0],
  ])('reads %s', (text, unscaled, scale) => {
    expect(parseDecimal(text)).toEqual({ unscaled, scale });
  });

  it.each(['', '.5', '5.', '+1', '1e3', '1,5', ' 1', '1 ', '--1', '0x10', 'NaN', 'Infinity', '١٢'])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );

  it('refuses texts longer than 100 characters', () => {
    expect(parseDecimal('1'.repeat(100))).not.toBeNull();
    expect(parseDecimal('1'.repeat(101))).toBeNull();
  });
});

describe('divideRounded', () => {
  it.each([
    [5n, 2n, 'half_up', 3n],
    [-5n, 2n, 'half_up', -3n],
    [5n, 2n, 'half_even', 2n],
    [7n, 2n, 'half_even', 4n],
    [-5n, 2n, 'half_even', -2n],
    [5n, 2n, 'down', 2n],
    [-5n, 2n, 'down', -2n],
    [14n, 10n, 'half_up', 1n],
    [16n, 10n, 'down', 1n],
  ] as const)('%i / %i rounded %s is %i', (numerator, denominator, mode, expected) => {
    expect(divideRounded(numerator, denominator, mode)).toBe(expected);
  });

  it('matches a reference implementation', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.constantFrom<RoundingMode>('half_up', 'half_even', 'down'),
        (numerator, denominator, mode) => {
          expect(divideRounded(numerator, denominator, mode)).toBe(
            referenceRound(numerator, denominator, mode),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a non-positive denominator', () => {
    expect(() => divideRounded(1n, 0n, 'down')).toThrow(AssertionError);
  });
});
