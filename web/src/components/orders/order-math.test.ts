import { formatMoneyAmount } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { checkPrice, checkQuantity, lineTotal, moneyJson, orderTotal } from './order-math.ts';

const amount = (value: ReturnType<typeof lineTotal>) => (value === null ? null : formatMoneyAmount(value));

describe('order line arithmetic', () => {
  it('multiplies quantity by unit price exactly, where a float would drift', () => {
    // 0.1 * 3 is 0.30000000000000004 in binary floating point.
    expect(amount(lineTotal('3', '0.10', 'USD'))).toBe('0.30');
    expect(amount(lineTotal('12000', '1.15', 'USD'))).toBe('13800.00');
    expect(amount(lineTotal('999999999999', '99999.99', 'USD'))).toBe('99999989999900000.01');
  });

  it('rounds half-up to the minor unit of the currency', () => {
    expect(amount(lineTotal('0.5', '0.01', 'USD'))).toBe('0.01');
    expect(amount(lineTotal('0.4', '0.01', 'USD'))).toBe('0.00');
    expect(amount(lineTotal('2.5', '3', 'JPY'))).toBe('8');
    expect(amount(lineTotal('1.0005', '1.000', 'KWD'))).toBe('1.001');
  });

  it('has no total while a line is incomplete or invalid', () => {
    expect(lineTotal('', '1.00', 'USD')).toBeNull();
    expect(lineTotal('1', '1.001', 'USD')).toBeNull();
    expect(lineTotal('1', '1', 'XXX-not-a-currency')).toBeNull();
    expect(
      orderTotal(
        [
          { quantity: '1', unitPrice: '2.00' },
          { quantity: '0', unitPrice: '1' },
        ],
        'USD',
      ),
    ).toBeNull();
  });

  it('sums the rounded line totals', () => {
    const total = orderTotal(
      [
        { quantity: '0.5', unitPrice: '0.01' },
        { quantity: '0.5', unitPrice: '0.01' },
      ],
      'USD',
    );
    // Each line rounds to 0.01 first, as the server and the printed invoice do.
    expect(total && moneyJson(total)).toEqual({ amount: '0.02', currency: 'USD' });
    expect(amount(orderTotal([], 'EUR'))).toBe('0.00');
  });
});

describe('input checks', () => {
  it('accepts positive plain decimals as quantities only', () => {
    expect(checkQuantity('12')).toBe('ok');
    expect(checkQuantity('0.001')).toBe('ok');
    expect(checkQuantity('0')).toBe('not_positive');
    expect(checkQuantity('0.000')).toBe('not_positive');
    expect(checkQuantity('-1')).toBe('invalid');
    expect(checkQuantity('1e3')).toBe('invalid');
    expect(checkQuantity('1,5')).toBe('invalid');
    expect(checkQuantity(' ')).toBe('required');
  });

  it('refuses prices with more decimals than the currency has', () => {
    expect(checkPrice('1.15', 'USD')).toBe('ok');
    expect(checkPrice('1.155', 'USD')).toBe('too_many_decimals');
    expect(checkPrice('1.5', 'JPY')).toBe('too_many_decimals');
    expect(checkPrice('-1', 'USD')).toBe('negative');
    expect(checkPrice('abc', 'USD')).toBe('invalid');
    expect(checkPrice(undefined, 'USD')).toBe('required');
  });
});
