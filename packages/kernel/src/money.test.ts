import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  allocateMoney,
  compareMoney,
  DEFAULT_ROUNDING,
  formatMoneyAmount,
  isZero,
  type Money,
  minorUnitOf,
  money,
  moneyFromJson,
  moneyToJson,
  multiplyMoney,
  negate,
  parseMoney,
  type RoundingMode,
  subtractMoney,
} from './money.ts';
import { thrownAppError } from './test-support.ts';

const CURRENCIES = ['USD', 'CNY', 'EUR', 'JPY', 'KWD', 'BHD', 'CLF', 'KRW'] as const;
const anyAmountMinor = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
const anyMoney = (currency: string) => anyAmountMinor.map((amountMinor) => money(currency, amountMinor));
const anyCurrency = fc.constantFrom(...CURRENCIES);
const anyRounding = fc.constantFrom<RoundingMode>('half_up', 'half_even', 'down');
const anyFactor = fc
  .tuple(fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }), fc.integer({ min: 0, max: 8 }))
  .map(([unscaled, scale]) => {
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return { text: unscaled < 0n ? `-${text}` : text, unscaled, scale };
  });

describe('minorUnitOf', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['USD', 2],
    ['CNY', 2],
    ['EUR', 2],
    ['BHD', 3],
    ['KWD', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('%s has %i decimals', (currency, decimals) => {
    expect(minorUnitOf(currency)).toBe(decimals);
  });

  it('refuses unknown and minor-unit-less currencies', () => {
    thrownAppError(() => minorUnitOf('XYZ'), 'kernel.unknown_currency');
    thrownAppError(() => minorUnitOf('usd'), 'kernel.unknown_currency');
    thrownAppError(() => minorUnitOf('XAU'), 'kernel.unsupported_currency');
    thrownAppError(() => minorUnitOf('XDR'), 'kernel.unsupported_currency');
  });
});

describe('money', () => {
  it('builds a frozen value', () => {
    const m = money('USD', 1234n);
    expect(m).toEqual({ amountMinor: 1234n, currency: 'USD' });
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('refuses number amounts and unknown currencies', () => {
    thrownAppError(() => money('USD', 12 as unknown as bigint), 'kernel.invalid_money');
    thrownAppError(() => money('ABC', 1n), 'kernel.unknown_currency');
  });
});

describe('parseMoney', () => {
  it.each([
    ['12.34', 'USD', 1234n],
    ['12.3', 'USD', 1230n],
    ['12', 'USD', 1200n],
    ['-0.05', 'USD', -5n],
    ['-0.00', 'USD', 0n],
    ['1000', 'JPY', 1000n],
    ['1.234', 'KWD', 1234n],
    ['0.0001', 'CLF', 1n],
    ['99999999999999999999.99', 'CNY', 9999999999999999999999n],
  ])('reads %s %s', (amount, currency, amountMinor) => {
    expect(parseMoney(amount, currency).amountMinor).toBe(amountMinor);
  });

  it('refuses numbers with a clear message', () => {
    const error = thrownAppError(() => parseMoney(12.34 as unknown as string, 'USD'), 'kernel.invalid_money');
    expect(error.message).toMatch(/decimal strings.*number/);
  });

  it.each(['', '1e3', '.5', '5.', '+1', '1,000.00', ' 1', 'abc', '1'.repeat(101)])('refuses %j', (text) => {
    thrownAppError(() => parseMoney(text, 'USD'), 'kernel.invalid_money');
  });

  it('refuses more decimals than the currency has, unless a rounding mode is given', () => {
    const error = thrownAppError(() => parseMoney('12.345', 'USD'), 'kernel.too_many_decimals');
    expect(error.details).toMatchObject({ currency: 'USD', minorUnit: 2 });
    thrownAppError(() => parseMoney('1.5', 'JPY'), 'kernel.too_many_decimals');
    expect(parseMoney('12.345', 'USD', 'half_up').amountMinor).toBe(1235n);
    expect(parseMoney('12.345', 'USD', 'half_even').amountMinor).toBe(1234n);
    expect(parseMoney('12.349', 'USD', 'down').amountMinor).toBe(1234n);
    expect(parseMoney('-12.345', 'USD', 'half_up').amountMinor).toBe(-1235n);
    expect(parseMoney('2.5', 'JPY', 'half_even').amountMinor).toBe(2n);
  });

  it('round-trips with formatMoneyAmount', () => {
    fc.assert(
      fc.property(anyCurrency, anyAmountMinor, (currency, amountMinor) => {
        const m = money(currency, amountMinor);
        expect(parseMoney(formatMoneyAmount(m), currency)).toEqual(m);
      }),
    );
  });

  it('never throws anything but an AppError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), anyCurrency, (text, currency) => {
        try {
          const m = parseMoney(text, currency);
          expect(parseMoney(formatMoneyAmount(m), currency)).toEqual(m);
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^kernel\.(invalid_money|too_many_decimals)$/);
        }
      }),
    );
  });
});

describe('formatMoneyAmount', () => {
  it.each([
    ['USD', 1234n, '12.34'],
    ['USD', 5n, '0.05'],
    ['USD', -5n, '-0.05'],
    ['USD', 0n, '0.00'],
    ['USD', -100n, '-1.00'],
    ['JPY', 1234n, '1234'],
    ['JPY', -7n, '-7'],
    ['KWD', 1n, '0.001'],
    ['CLF', 12345n, '1.2345'],
  ])('writes %s %i as %s', (currency, amountMinor, text) => {
    expect(formatMoneyAmount(money(currency, amountMinor))).toBe(text);
  });
});

describe('addMoney, subtractMoney, compareMoney, negate, isZero', () => {
  const usd = (amountMinor: bigint) => money('USD', amountMinor);

  it('computes with same-currency values', () => {
    expect(addMoney(usd(150n), usd(250n))).toEqual(usd(400n));
    expect(subtractMoney(usd(150n), usd(250n))).toEqual(usd(-100n));
    expect(compareMoney(usd(1n), usd(2n))).toBe(-1);
    expect(compareMoney(usd(2n), usd(2n))).toBe(0);
    expect(compareMoney(usd(3n), usd(2n))).toBe(1);
    expect(negate(usd(5n))).toEqual(usd(-5n));
    expect(isZero(usd(0n))).toBe(true);
    expect(isZero(negate(usd(0n)))).toBe(true);
    expect(isZero(usd(1n))).toBe(false);
  });

  it('refuses to mix currencies', () => {
    const error = thrownAppError(() => addMoney(usd(1n), money('CNY', 1n)), 'kernel.currency_mismatch');
    expect(error.details).toEqual({ left: 'USD', right: 'CNY' });
    thrownAppError(() => subtractMoney(usd(1n), money('EUR', 1n)), 'kernel.currency_mismatch');
    thrownAppError(() => compareMoney(usd(1n), money('JPY', 1n)), 'kernel.currency_mismatch');
  });

  it('obeys the laws of integer addition', () => {
    fc.assert(
      fc.property(anyMoney('EUR'), anyMoney('EUR'), anyMoney('EUR'), (a, b, c) => {
        expect(addMoney(a, b)).toEqual(addMoney(b, a));
        expect(addMoney(addMoney(a, b), c)).toEqual(addMoney(a, addMoney(b, c)));
        expect(subtractMoney(addMoney(a, b), b)).toEqual(a);
        expect(addMoney(a, negate(a)).amountMinor).toBe(0n);
        expect(negate(negate(a))).toEqual(a);
        expect(compareMoney(a, b) + compareMoney(b, a)).toBe(0);
        expect(compareMoney(a, b) === 0).toBe(a.amountMinor === b.amountMinor);
      }),
    );
  });
});

describe('multiplyMoney', () => {
  it('rounds half-up by default', () => {
    expect(DEFAULT_ROUNDING).toBe('half_up');
    expect(multiplyMoney(money('USD', 1000n), '0.13').amountMinor).toBe(130n);
    expect(multiplyMoney(money('USD', 5n), '0.5').amountMinor).toBe(3n);
    expect(multiplyMoney(money('USD', -5n), '0.5').amountMinor).toBe(-3n);
    expect(multiplyMoney(money('USD', 5n), '0.5', 'half_even').amountMinor).toBe(2n);
    expect(multiplyMoney(money('USD', 7n), '0.5', 'half_even').amountMinor).toBe(4n);
    expect(multiplyMoney(money('USD', 5n), '0.5', 'down').amountMinor).toBe(2n);
    expect(multiplyMoney(money('CNY', 9999n), '1.13').amountMinor).toBe(11299n);
    expect(multiplyMoney(money('JPY', 100n), '-2').amountMinor).toBe(-200n);
  });

  it('refuses factors that are not decimal strings', () => {
    thrownAppError(() => multiplyMoney(money('USD', 1n), 1.5 as unknown as string), 'kernel.invalid_money');
    thrownAppError(() => multiplyMoney(money('USD', 1n), '1e2'), 'kernel.invalid_money');
  });

  it('is within half a minor unit of the exact product (one unit when rounding down)', () => {
    fc.assert(
      fc.property(anyMoney('USD'), anyFactor, anyRounding, (m, factor, rounding) => {
        const result = multiplyMoney(m, factor.text, rounding).amountMinor;
        const scale = 10n ** BigInt(factor.scale);
        const exactTimesScale = m.amountMinor * factor.unscaled;
        const errorTwice = 2n * (result * scale - exactTimesScale);
        const absErrorTwice = errorTwice < 0n ? -errorTwice : errorTwice;
        expect(absErrorTwice <= (rounding === 'down' ? 2n * scale - 2n : scale)).toBe(true);
        if (rounding === 'down') {
          const absResult = result < 0n ? -result : result;
          const absExact = exactTimesScale < 0n ? -exactTimesScale : exactTimesScale;
          expect(absResult * scale <= absExact).toBe(true);
        }
      }),
    );
  });

  it('is the identity for factor 1 and exact for integer factors', () => {
    fc.assert(
      fc.property(anyMoney('KWD'), fc.bigInt({ min: -1000n, max: 1000n }), anyRounding, (m, k, rounding) => {
        expect(multiplyMoney(m, '1.000', rounding)).toEqual(m);
        expect(multiplyMoney(m, k.toString(), rounding).amountMinor).toBe(m.amountMinor * k);
      }),
    );
  });

  it('differs between half_up and half_even only on exact ties', () => {
    fc.assert(
      fc.property(anyMoney('USD'), anyFactor, (m, factor) => {
        const up = multiplyMoney(m, factor.text, 'half_up').amountMinor;
        const even = multiplyMoney(m, factor.text, 'half_even').amountMinor;
        const scale = 10n ** BigInt(factor.scale);
        const remainder = (m.amountMinor * factor.unscaled) % scale;
        const isTie = 2n * (remainder < 0n ? -remainder : remainder) === scale;
        expect(up !== even ? isTie : true).toBe(true);
      }),
    );
  });
});

describe('allocateMoney', () => {
  const sum = (parts: readonly Money[]) => parts.reduce((total, part) => total + part.amountMinor, 0n);

  it('splits by largest remainder without losing a minor unit', () => {
    expect(allocateMoney(money('USD', 100n), [1n, 1n, 1n]).map((m) => m.amountMinor)).toEqual([
      34n,
      33n,
      33n,
    ]);
    expect(allocateMoney(money('USD', 5n), [3n, 7n]).map((m) => m.amountMinor)).toEqual([2n, 3n]);
    expect(allocateMoney(money('USD', -100n), [1n, 1n, 1n]).map((m) => m.amountMinor)).toEqual([
      -34n,
      -33n,
      -33n,
    ]);
    expect(allocateMoney(money('JPY', 10n), [0n, 1n, 0n]).map((m) => m.amountMinor)).toEqual([0n, 10n, 0n]);
    expect(allocateMoney(money('USD', 2n), [1n, 1n, 1n]).map((m) => m.amountMinor)).toEqual([1n, 1n, 0n]);
  });

  it.each([[[]], [[0n, 0n]], [[1n, -1n]], [[1 as unknown as bigint]]])('refuses the ratios %s', (ratios) => {
    thrownAppError(() => allocateMoney(money('USD', 100n), ratios), 'kernel.invalid_allocation');
  });

  it('keeps the total, gives every part its share ±1 and zero ratios nothing', () => {
    fc.assert(
      fc.property(
        anyMoney('CNY'),
        fc
          .array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0n)),
        (m, ratios) => {
          const parts = allocateMoney(m, ratios);
          const total = ratios.reduce((a, b) => a + b, 0n);
          expect(parts).toHaveLength(ratios.length);
          expect(sum(parts)).toBe(m.amountMinor);
          parts.forEach((part, i) => {
            const ratio = ratios[i] ?? 0n;
            const difference = part.amountMinor * total - m.amountMinor * ratio;
            expect(difference < total && difference > -total).toBe(true);
            expect(part.currency).toBe('CNY');
            if (ratio === 0n) {
              expect(part.amountMinor).toBe(0n);
            }
          });
        },
      ),
    );
  });
});

describe('JSON form', () => {
  it('writes and reads { amount, currency }', () => {
    expect(moneyToJson(money('USD', 1234n))).toEqual({ amount: '12.34', currency: 'USD' });
    expect(moneyToJson(money('JPY', -5n))).toEqual({ amount: '-5', currency: 'JPY' });
    expect(moneyFromJson({ amount: '12.34', currency: 'USD' })).toEqual(money('USD', 1234n));
    expect(moneyFromJson(JSON.parse('{"amount":"0.5","currency":"EUR"}'))).toEqual(money('EUR', 50n));
  });

  it.each([
    [null, 'kernel.invalid_money'],
    [[], 'kernel.invalid_money'],
    ['12.34 USD', 'kernel.invalid_money'],
    [{ amount: 12.34, currency: 'USD' }, 'kernel.invalid_money'],
    [{ amount: '12.34' }, 'kernel.invalid_money'],
    [{ amount: '12.345', currency: 'USD' }, 'kernel.too_many_decimals'],
    [{ amount: '1', currency: 'XXX' }, 'kernel.unsupported_currency'],
    [{ amount: '1', currency: 'ABC' }, 'kernel.unknown_currency'],
  ])('refuses %j', (json, code) => {
    thrownAppError(() => moneyFromJson(json), code);
  });

  it('round-trips through JSON text', () => {
    fc.assert(
      fc.property(anyCurrency, anyAmountMinor, (currency, amountMinor) => {
        const m = money(currency, amountMinor);
        expect(moneyFromJson(JSON.parse(JSON.stringify(moneyToJson(m))))).toEqual(m);
      }),
    );
  });
});
