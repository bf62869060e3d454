import { describe, expect, it } from 'vitest';
import { readRisk, readTaxBill } from './tax-bill.ts';

describe('tax bill', () => {
  it('reads totals at the top, per tax type under totals, and each line, as strings', () => {
    const bill = readTaxBill({
      decision: 'within_limits',
      dutiableValue: '420.00000',
      total: '38.22',
      totals: { duty: '0.00', consumptionTax: '0.00', vat: '38.22', total: '99.99' },
      lines: [
        {
          gnum: 1,
          gcode: '1901101000',
          dutiablePrice: '420.00000',
          duty: '0.00000',
          consumptionTax: '0.00000',
          vat: '38.22000',
        },
      ],
      annualUsedAfter: '420.00',
      nested: { ignored: true },
    });
    expect(bill?.decision).toBe('within_limits');
    // The top-level total wins over totals.total: it is what the server also stored as tax_total.
    expect(bill?.amounts).toEqual({
      dutiableValue: '420.00000',
      total: '38.22',
      duty: '0.00',
      vat: '38.22',
      consumptionTax: '0.00',
    });
    expect(bill?.lines).toEqual([
      {
        gnum: '1',
        gcode: '1901101000',
        dutiableValue: '420.00000',
        duty: '0.00000',
        consumptionTax: '0.00000',
        vat: '38.22000',
      },
    ]);
    expect(bill?.other).toEqual([{ key: 'annualUsedAfter', value: '420.00' }]);
  });

  it('reads a refusal with its reason', () => {
    const bill = readTaxBill({
      decision: 'refused',
      dutiablePrice: '5200.00000',
      reasons: [{ code: 'customs.over_transaction_limit', message: 'over 5000' }],
    });
    expect(bill?.refusalCode).toBe('customs.over_transaction_limit');
    expect(bill?.refusalMessage).toBe('over 5000');
    expect(bill?.amounts.dutiableValue).toBe('5200.00000');
    expect(bill?.lines).toEqual([]);
  });

  it('keeps amounts exactly and skips what is not an amount', () => {
    const bill = readTaxBill({ total: '123456789012345678.91', duty: 'lots', vat: { amount: '1' } });
    expect(bill?.amounts).toEqual({ total: '123456789012345678.91' });
    expect(bill?.other).toEqual([{ key: 'duty', value: 'lots' }]);
  });

  it('is null for a parcel not taxed', () => {
    expect(readTaxBill(null)).toBeNull();
    expect(readTaxBill('x')).toBeNull();
    expect(readTaxBill([1])).toBeNull();
  });
});

describe('risk', () => {
  it('reads hits like findings, and the random sample', () => {
    const risk = readRisk({
      inspect: true,
      sampled: false,
      hits: [
        {
          rule: 'watch_list.buyer',
          code: 'customs.risk_watched_buyer',
          message: 'The buyer is on the watch list',
          fields: [{ document: 'inventory', field: 'buyerIdNumber', value: '33**************1X' }],
        },
      ],
    });
    expect(risk.inspect).toBe(true);
    expect(risk.sampled).toBe(false);
    expect(risk.hits[0]?.code).toBe('customs.risk_watched_buyer');
    expect(risk.hits[0]?.sides[0]?.value).toBe('33**************1X');
    expect(readRisk({ inspect: true, sampled: true, hits: [] })).toEqual({
      inspect: true,
      sampled: true,
      hits: [],
    });
    expect(readRisk(null)).toEqual({ inspect: null, sampled: false, hits: [] });
  });
});
