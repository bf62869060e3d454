import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTO, carryResidual, convertHalfUp, formatRate, parseRate } from './fx.ts';

describe('parseRate', () => {
  it('parses decimals into scaled integers without floats', () => {
    expect(parseRate('7.8125')).toEqual({ unscaled: 78125n, scale: 4 });
    expect(parseRate('0.1350000')).toEqual({ unscaled: 135n, scale: 3 });
    expect(parseRate('12')).toEqual({ unscaled: 12n, scale: 0 });
    expect(formatRate(parseRate('0.000001'))).toBe('0.000001');
  });

  it.each(['0', '0.000', '-1.2', '1e3', '1.1234567890123', 'abc', '', ' . '])('refuses %j', (text) => {
    expect(() => parseRate(text)).toThrow(expect.objectContaining({ code: 'payments.invalid_rate' }));
  });
});

describe('convertHalfUp', () => {
  it('rounds an exact half up', () => {
    // 1.00 EUR at 7.825 = 7.825 CNY -> 7.83 CNY, residual -0.5 minor unit
    expect(convertHalfUp(100n, 2, 2, parseRate('7.825'))).toEqual({
      convertedMinor: 783n,
      residualAtto: -ATTO / 2n,
    });
  });

  it('rounds below a half down', () => {
    expect(convertHalfUp(100n, 2, 2, parseRate('7.8249'))).toEqual({
      convertedMinor: 782n,
      residualAtto: (49n * ATTO) / 100n,
    });
  });

  it('handles currencies of different minor units (JPY 0, BHD 3)', () => {
    // 10.00 USD at 151.237 JPY = 1512.37 -> 1512 JPY
    expect(convertHalfUp(1000n, 2, 0, parseRate('151.237')).convertedMinor).toBe(1512n);
    // 1 JPY at 0.0025 BHD = 0.0025 BHD = 2.5 fils -> 3 fils
    expect(convertHalfUp(1n, 0, 3, parseRate('0.0025')).convertedMinor).toBe(3n);
  });

  it('converted + residual is the exact product, and |residual| <= half a minor unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(0, 2, 3),
        fc.constantFrom(0, 2, 3),
        (amount, unscaled, scale, fromMinor, toMinor) => {
          const { convertedMinor, residualAtto } = convertHalfUp(amount, fromMinor, toMinor, {
            unscaled,
            scale,
          });
          const denominator = 10n ** BigInt(scale + fromMinor);
          const numerator = amount * unscaled * 10n ** BigInt(toMinor);
          expect(convertedMinor * denominator * ATTO + residualAtto * denominator).toBe(numerator * ATTO);
          expect(residualAtto <= ATTO / 2n && residualAtto > -ATTO / 2n - 1n).toBe(true);
          expect(residualAtto === -ATTO / 2n || residualAtto > -ATTO / 2n).toBe(true);
        },
      ),
    );
  });
});

describe('carryResidual', () => {
  it('splits whole minor units off either sign', () => {
    expect(carryResidual(ATTO + 5n)).toEqual({ wholeMinor: 1n, remainingAtto: 5n });
    expect(carryResidual(-2n * ATTO - 7n)).toEqual({ wholeMinor: -2n, remainingAtto: -7n });
    expect(carryResidual(ATTO - 1n)).toEqual({ wholeMinor: 0n, remainingAtto: ATTO - 1n });
  });
});
