import { describe, expect, it } from 'vitest';
import {
  amountExceeds,
  balanceNeutralTransfers,
  checkAmount,
  newClientId,
  statementRows,
  totalsByCurrency,
} from './ledger-model.ts';

describe('checkAmount', () => {
  it('takes plain positive decimals within the currency', () => {
    expect(checkAmount('1250.50', 'USD')).toBeNull();
    expect(checkAmount(' 7 ', 'JPY')).toBeNull();
    expect(checkAmount('0.001', 'KWD')).toBeNull();
  });

  it('names the first problem', () => {
    expect(checkAmount('', 'USD')).toBe('required');
    expect(checkAmount('1e3', 'USD')).toBe('decimal');
    expect(checkAmount('-5', 'USD')).toBe('decimal');
    expect(checkAmount('1,000.00', 'USD')).toBe('decimal');
    expect(checkAmount('0.00', 'USD')).toBe('positive');
    expect(checkAmount('1.005', 'USD')).toBe('tooManyDecimals');
    expect(checkAmount('1.5', 'JPY')).toBe('tooManyDecimals');
    expect(checkAmount('10', 'XAU')).toBe('currency');
  });
});

describe('amountExceeds', () => {
  it('compares exactly in minor units, not as floats', () => {
    expect(amountExceeds('100.01', '100.00', 'USD')).toBe(true);
    expect(amountExceeds('100', '100.00', 'USD')).toBe(false);
    // 0.1 + 0.2 style traps: exact strings stay exact.
    expect(amountExceeds('90071992547409.93', '90071992547409.92', 'USD')).toBe(true);
    expect(amountExceeds('oops', '1', 'USD')).toBe(false);
  });
});

describe('totalsByCurrency', () => {
  it('adds balances per currency without mixing currencies', () => {
    const totals = totalsByCurrency([
      { currency: 'USD', balance: '0.10', available: '0.10' },
      { currency: 'CNY', balance: '5.00', available: '4.00' },
      { currency: 'USD', balance: '0.20', available: '0.05' },
      { currency: 'XAU', balance: '1', available: '1' },
    ]);
    expect(totals).toEqual([
      { currency: 'CNY', accounts: 1, balance: '5.00', available: '4.00' },
      { currency: 'USD', accounts: 2, balance: '0.30', available: '0.15' },
    ]);
  });
});

describe('balanceNeutralTransfers', () => {
  it('keeps the transfers after which the posted balance did not move', () => {
    const entries = [
      { transferId: 'reserve-at-start', balanceAfter: '0.00' },
      { transferId: 'paid-in', balanceAfter: '100.00' },
      { transferId: 'reserve', balanceAfter: '100.00' },
      { transferId: 'post', balanceAfter: '60.00' },
      { transferId: 'void', balanceAfter: '60.00' },
    ];
    expect(balanceNeutralTransfers(entries, 'USD')).toEqual(['reserve-at-start', 'reserve', 'void']);
  });
});

describe('statementRows', () => {
  it('tells a reservation and its posting apart although both are "credit 100"', () => {
    const rows = statementRows(
      [
        { transferId: 'paid-in', balanceAfter: '1250.50', pendingAfter: '0.00' },
        { transferId: 'reserve', balanceAfter: '1250.50', pendingAfter: '100.00' },
        { transferId: 'post-part', balanceAfter: '1310.50', pendingAfter: '0.00' },
        { transferId: 'pay-out', balanceAfter: '1300.00', pendingAfter: '0.00' },
      ],
      'CNY',
    );
    expect(rows.map((row) => [row.postedChange, row.reservedChange])).toEqual([
      ['1250.50', '0.00'],
      ['0.00', '100.00'],
      ['60.00', '-100.00'],
      ['-10.50', '0.00'],
    ]);
  });
});

describe('newClientId', () => {
  it('makes distinct ids the server accepts as transfer ids', () => {
    const a = newClientId('web');
    const b = newClientId('web');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
  });
});
