import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertAtRate } from './convert-at-rate.ts';

describe('convertAtRate', () => {
  it('converts between currencies with the same minor unit', () => {
    // 100.00 MYR at 0.2130 USD per MYR is 21.30 USD.
    expect(convertAtRate(10_000n, 'MYR', 'USD', '0.2130')).toBe(2_130n);
  });

  it('scales for currencies with other minor units, rounding half-up once', () => {
    // 1.00 USD at 151.235 JPY per USD is 151 JPY (no minor unit).
    expect(convertAtRate(100n, 'USD', 'JPY', '151.235')).toBe(151n);
    // 1,000 JPY at 0.0066 USD per JPY is 6.60 USD.
    expect(convertAtRate(1_000n, 'JPY', 'USD', '0.0066')).toBe(660n);
    // 1 KWD (three decimals) at 3.25 USD per KWD is 3.25 USD.
    expect(convertAtRate(1_000n, 'KWD', 'USD', '3.25')).toBe(325n);
  });

  it('never decreases when the amount grows', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (a, b) => {
        expect(convertAtRate(a + b, 'CNY', 'USD', '0.1385')).toBeGreaterThanOrEqual(
          convertAtRate(a, 'CNY', 'USD', '0.1385'),
        );
      }),
    );
  });
});
