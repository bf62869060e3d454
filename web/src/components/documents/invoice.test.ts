import { formatMoneyAmount } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCurrency,
  checkHsCode,
  checkQuantity,
  checkUnitPrice,
  completeInvoiceSubject,
  invoiceCurrencies,
  invoiceTotals,
  lineAmount,
} from './invoice.ts';

const amount = (quantity: string, unitPrice: string, currency: string) =>
  formatMoneyAmount(lineAmount(quantity, unitPrice, currency));

describe('invoice line amounts', () => {
  it('multiplies exactly where binary floats go wrong', () => {
    // 0.1 × 3 is 0.30000000000000004 in floating point; 1.005 × 100 rounds the wrong way there.
    expect(amount('3', '0.10', 'USD')).toBe('0.30');
    expect(amount('100', '1.005', 'USD')).toBe('100.50');
    expect(amount('1', '1.005', 'USD')).toBe('1.01');
    expect(amount('1200', '1.85', 'USD')).toBe('2220.00');
  });

  it('rounds half up to the currency minor unit, per line', () => {
    expect(amount('1', '0.125', 'USD')).toBe('0.13');
    expect(amount('1', '0.124999', 'USD')).toBe('0.12');
    expect(amount('2.5', '1', 'JPY')).toBe('3');
    expect(amount('0.001', '1.5', 'KWD')).toBe('0.002');
  });

  it('keeps prices finer than the currency exact before rounding', () => {
    // 0.0035 × 1,000,001 = 3500.0035 USD
    expect(amount('1000001', '0.0035', 'USD')).toBe('3500.00');
    expect(amount('3.5', '0.3333', 'CNY')).toBe('1.17');
    expect(amount('0.000001', '999999.999999', 'USD')).toBe('1.00');
  });

  it('equals the exact product rounded half up, for any inputs', () => {
    const decimal = (maxWhole: number) =>
      fc
        .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 6 }), fc.nat())
        .map(([whole, places, digits]) =>
          places === 0 ? String(whole) : `${whole}.${String(digits % 10 ** places).padStart(places, '0')}`,
        );
    fc.assert(
      fc.property(decimal(1_000_000), decimal(100_000), fc.constantFrom('USD', 'JPY', 'KWD'), (q, p, cur) => {
        fc.pre(checkQuantity(q) === null);
        const minor = { USD: 2, JPY: 0, KWD: 3 }[cur] ?? 2;
        const scaled = (text: string) => {
          const [whole = '0', fraction = ''] = text.split('.');
          return { units: BigInt(whole + fraction), scale: fraction.length };
        };
        const a = scaled(q);
        const b = scaled(p);
        const product = a.units * b.units;
        const scale = a.scale + b.scale;
        // round half up of product / 10^(scale - minor), in minor units
        const expected =
          scale <= minor
            ? product * 10n ** BigInt(minor - scale)
            : (product * 2n + 10n ** BigInt(scale - minor)) / (2n * 10n ** BigInt(scale - minor));
        expect(lineAmount(q, p, cur).amountMinor).toBe(expected);
      }),
    );
  });
});

describe('invoice checks', () => {
  it('accepts plain positive decimals as quantities', () => {
    expect(checkQuantity('12')).toBeNull();
    expect(checkQuantity('0.5')).toBeNull();
    expect(checkQuantity('')).toBe('required');
    expect(checkQuantity('0')).toBe('positive');
    expect(checkQuantity('0.000')).toBe('positive');
    expect(checkQuantity('1e3')).toBe('decimal');
    expect(checkQuantity('-1')).toBe('decimal');
    expect(checkQuantity('1,5')).toBe('decimal');
    expect(checkQuantity(' 1')).toBe('decimal');
    expect(checkQuantity('1.1234567')).toBe('tooManyDecimals');
  });

  it('accepts zero prices (free samples) but no signs or exponents', () => {
    expect(checkUnitPrice('0')).toBeNull();
    expect(checkUnitPrice('0.0035')).toBeNull();
    expect(checkUnitPrice('+1')).toBe('decimal');
    expect(checkUnitPrice('.5')).toBe('decimal');
    expect(checkUnitPrice('5.')).toBe('decimal');
  });

  it('knows currencies that are money and refuses others', () => {
    expect(checkCurrency('CNY')).toBeNull();
    expect(checkCurrency('usd')).toBe('currency');
    expect(checkCurrency('XAU')).toBe('currency');
    expect(checkCurrency('')).toBe('required');
    const list = invoiceCurrencies();
    expect(list.slice(0, 3)).toEqual(['CNY', 'USD', 'EUR']);
    expect(list).not.toContain('XAU');
    expect(new Set(list).size).toBe(list.length);
    expect(list.length).toBeGreaterThan(100);
  });

  it('accepts HS codes as people write them', () => {
    expect(checkHsCode('')).toBeNull();
    expect(checkHsCode('6912.00')).toBeNull();
    expect(checkHsCode('8471 30 00 00')).toBeNull();
    expect(checkHsCode('69120')).toBe('hsCode');
    expect(checkHsCode('ABCD')).toBe('hsCode');
  });
});

describe('invoiceTotals', () => {
  it('sums the rounded lines', () => {
    const totals = invoiceTotals('USD', [
      { quantity: '1', unitPrice: '0.125' },
      { quantity: '1', unitPrice: '0.125' },
    ]);
    // Each line rounds to 0.13, so the invoice total is 0.26, not round(0.25).
    expect(totals).toEqual({ lines: ['0.13', '0.13'], total: '0.26' });
  });

  it('shows the lines it can and no total while one is incomplete', () => {
    const totals = invoiceTotals('EUR', [
      { quantity: '2', unitPrice: '3.50' },
      { quantity: '', unitPrice: '1' },
    ]);
    expect(totals).toEqual({ lines: ['7.00', null], total: null });
  });

  it('has no figures without a valid currency or lines', () => {
    expect(invoiceTotals('', [{ quantity: '1', unitPrice: '1' }])).toEqual({ lines: [null], total: null });
    expect(invoiceTotals('USD', [])).toEqual({ lines: [], total: null });
  });
});

describe('completeInvoiceSubject', () => {
  const subject = {
    currency: 'USD',
    seller: { name: 'Yiwu Commodities' },
    lineItems: [
      { description: 'Mugs', hsCode: '6912.00', quantity: '1200', unitPrice: '1.85' },
      { description: 'Boxes', quantity: '100', unitPrice: '0.3250' },
    ],
  };

  it('adds line amounts and the total, and normalises HS codes', () => {
    const { subject: completed, problems } = completeInvoiceSubject(subject);
    expect(problems).toEqual([]);
    expect(completed).toEqual({
      currency: 'USD',
      seller: { name: 'Yiwu Commodities' },
      lineItems: [
        { description: 'Mugs', hsCode: '691200', quantity: '1200', unitPrice: '1.85', lineAmount: '2220.00' },
        { description: 'Boxes', quantity: '100', unitPrice: '0.3250', lineAmount: '32.50' },
      ],
      totalAmount: { amount: '2252.50', currency: 'USD' },
    });
  });

  it('accepts a total written differently but equal, and reports one that differs', () => {
    expect(
      completeInvoiceSubject({ ...subject, totalAmount: { amount: '2252.5', currency: 'USD' } }).problems,
    ).toEqual([]);
    expect(
      completeInvoiceSubject({ ...subject, totalAmount: { amount: '2252.49', currency: 'USD' } }).problems,
    ).toEqual([{ path: 'totalAmount', code: 'totalMismatch' }]);
  });

  it('names every bad value by its path', () => {
    const { problems } = completeInvoiceSubject({
      currency: 'ABC',
      lineItems: [{ quantity: '0', unitPrice: '1.2.3', hsCode: '12345' }, 'not a line'],
    });
    expect(problems).toEqual([
      { path: 'currency', code: 'currency' },
      { path: 'lineItems.0.quantity', code: 'positive' },
      { path: 'lineItems.0.unitPrice', code: 'decimal' },
      { path: 'lineItems.0.hsCode', code: 'hsCode' },
      { path: 'lineItems.1', code: 'notObject' },
    ]);
  });

  it('needs at least one line', () => {
    expect(completeInvoiceSubject({ currency: 'USD' }).problems).toEqual([
      { path: 'lineItems', code: 'lineItems' },
    ]);
  });
});
