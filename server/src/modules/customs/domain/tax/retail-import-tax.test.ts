import { readFileSync } from 'node:fs';
import { isAppError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideHalfUp, formatAmount, parseAmount, roundAmountToFen } from './fixed-decimal.ts';
import {
  apportion,
  computeRetailImportTax,
  type ParcelLine,
  type RetailImportTaxInput,
  retailImportTaxLimits,
} from './retail-import-tax.ts';
import { parseTariffCsv, type TariffRow } from './tariff.ts';

const milkPowder: TariffRow = {
  hsCode: '1901101000',
  mfnDutyRate: '0.15',
  vatRate: '0.13',
  consumptionTaxRate: '0',
};
const cosmetics: TariffRow = {
  hsCode: '3304990010',
  mfnDutyRate: '0.01',
  vatRate: '0.13',
  consumptionTaxRate: '0.15',
};
const watch: TariffRow = {
  hsCode: '9101210000',
  mfnDutyRate: '0.05',
  vatRate: '0.13',
  consumptionTaxRate: '0.15',
};
const books: TariffRow = { hsCode: '4901990000', mfnDutyRate: '0', vatRate: '0.09', consumptionTaxRate: '0' };
const tariff = [milkPowder, cosmetics, watch, books];

const parcel = (lines: ParcelLine[], extra: Partial<RetailImportTaxInput> = {}): RetailImportTaxInput => ({
  lines,
  freight: '0',
  insuredFee: '0',
  tariff,
  annualUsed: '0',
  ...extra,
});

const admitted = (input: RetailImportTaxInput) => {
  const result = computeRetailImportTax(input);
  if (result.decision === 'refused') {
    throw new Error(`refused: ${result.reasons.map((r) => r.code).join(', ')}`);
  }
  return result;
};

const refusalCodes = (input: RetailImportTaxInput): string[] => {
  const result = computeRetailImportTax(input);
  return result.decision === 'refused' ? result.reasons.map((r) => r.code) : [];
};

describe('the reference worked examples (customs-cbec.md §6.1)', () => {
  it('milk powder: P = 400 + 10 freight, v = 13% → 37.31', () => {
    const result = admitted(
      parcel([{ gnum: 1, gcode: milkPowder.hsCode, totalPrice: '400', qty: 2 }], { freight: '10' }),
    );
    expect(result.decision).toBe('within_limits');
    expect(result.dutiablePrice).toBe('410.00000');
    expect(result.lines[0]?.dutiablePrice).toBe('410.00000');
    expect(result.totals).toEqual({ duty: '0.00', consumptionTax: '0.00', vat: '37.31', total: '37.31' });
  });

  it('cosmetics: P = 400, c = 15% → CT 49.41, VAT 42.82, total 92.23 (each tax rounded on its own)', () => {
    const result = admitted(parcel([{ gnum: 1, gcode: cosmetics.hsCode, totalPrice: '400', qty: 1 }]));
    expect(result.lines[0]).toMatchObject({ consumptionTax: '49.41176', vat: '42.82353', duty: '0.00000' });
    expect(result.totals).toEqual({ duty: '0.00', consumptionTax: '49.41', vat: '42.82', total: '92.23' });
  });

  it('over-limit single item: P = 6,000, t = 5%, v = 13%, c = 15% → 300.00, 1,111.76, 963.53, 2,375.29', () => {
    const result = admitted(parcel([{ gnum: 1, gcode: watch.hsCode, totalPrice: '6000', qty: '1' }]));
    expect(result.decision).toBe('over_limit_single_item');
    expect(result.totals).toEqual({
      duty: '300.00',
      consumptionTax: '1111.76',
      vat: '963.53',
      total: '2375.29',
    });
    expect(result.annualUsedAfter).toBe('6000.00000');
    expect(result.annualRemainingAfter).toBe('20000.00000');
  });
});

describe('limits', () => {
  const line = (totalPrice: string, qty: string | number = 1): ParcelLine => ({
    gnum: 1,
    gcode: books.hsCode,
    totalPrice,
    qty,
  });

  it('names its limits', () => {
    expect(retailImportTaxLimits).toMatchObject({ transactionLimit: '5000', annualLimit: '26000' });
  });

  it('a dutiable price of exactly 5,000.00 is within limits; 5,000.01 is not', () => {
    expect(
      computeRetailImportTax(parcel([line('4990.00')], { freight: '5', insuredFee: '5.00' })).decision,
    ).toBe('within_limits');
    expect(
      computeRetailImportTax(parcel([line('4990.01')], { freight: '5', insuredFee: '5.00' })).decision,
    ).toBe('over_limit_single_item');
    expect(computeRetailImportTax(parcel([line('5000.00001')])).decision).toBe('over_limit_single_item');
  });

  it('over 5,000 is refused for several lines or a quantity other than 1', () => {
    expect(refusalCodes(parcel([line('5000.01', 2)]))).toEqual(['customs.over_transaction_limit']);
    expect(refusalCodes(parcel([line('5000.01', '0.5')]))).toEqual(['customs.over_transaction_limit']);
    expect(
      refusalCodes(
        parcel([
          { gnum: 1, gcode: books.hsCode, totalPrice: '3000', qty: 1 },
          { gnum: 2, gcode: milkPowder.hsCode, totalPrice: '2000.01', qty: 1 },
        ]),
      ),
    ).toEqual(['customs.over_transaction_limit']);
    // Freight alone can take a parcel over the limit.
    expect(refusalCodes(parcel([line('4999', 2)], { freight: '1.01' }))).toEqual([
      'customs.over_transaction_limit',
    ]);
    expect(computeRetailImportTax(parcel([line('4999', 2)], { freight: '1.00' })).decision).toBe(
      'within_limits',
    );
  });

  it('the annual total may reach 26,000 exactly but not exceed it', () => {
    expect(computeRetailImportTax(parcel([line('1000')], { annualUsed: '25000' })).decision).toBe(
      'within_limits',
    );
    expect(refusalCodes(parcel([line('1000.01')], { annualUsed: '25000' }))).toEqual([
      'customs.over_annual_limit',
    ]);
    expect(refusalCodes(parcel([line('1000')], { annualUsed: '25000.00001' }))).toEqual([
      'customs.over_annual_limit',
    ]);
    const single = computeRetailImportTax(parcel([line('6000')], { annualUsed: '20000' }));
    expect(single).toMatchObject({ decision: 'over_limit_single_item', annualRemainingAfter: '0.00000' });
    expect(refusalCodes(parcel([line('6000.01')], { annualUsed: '20000' }))).toEqual([
      'customs.over_annual_limit',
    ]);
  });

  it('a single item over the annual limit by itself is refused', () => {
    expect(refusalCodes(parcel([line('26000.01')]))).toEqual(['customs.over_annual_limit']);
  });

  it('reports every reason that applies, including each line without a tariff', () => {
    const result = computeRetailImportTax(
      parcel(
        [
          { gnum: 1, gcode: '0000000001', totalPrice: '3000', qty: 1 },
          { gnum: 2, gcode: books.hsCode, totalPrice: '3000', qty: 1 },
          { gnum: 3, gcode: '0000000003', totalPrice: '1', qty: 1 },
        ],
        { annualUsed: '25000' },
      ),
    );
    expect(result.decision).toBe('refused');
    if (result.decision === 'refused') {
      expect(result.reasons.map((r) => [r.code, r.gnum])).toEqual([
        ['customs.tariff_missing', 1],
        ['customs.tariff_missing', 3],
        ['customs.over_transaction_limit', undefined],
        ['customs.over_annual_limit', undefined],
      ]);
      expect(result.dutiablePrice).toBe('6001.00000');
    }
  });

  it('refuses malformed input with field errors', () => {
    const attempt = () =>
      computeRetailImportTax(
        parcel(
          [
            { gnum: 1, gcode: '123', totalPrice: '1e3', qty: 0 },
            { gnum: 1, gcode: books.hsCode, totalPrice: '1.000001', qty: 1 },
          ],
          { freight: '-1', annualUsed: 'x' },
        ),
      );
    expect(attempt).toThrowError(expect.objectContaining({ code: 'customs.invalid_tax_input' }));
    try {
      attempt();
    } catch (error) {
      expect(isAppError(error)).toBe(true);
      expect(isAppError(error) ? error.fieldErrors?.map((e) => `${e.field}:${e.code}`) : []).toEqual([
        'lines[0].gcode:customs.invalid_hs_code',
        'lines[0].qty:customs.invalid_qty',
        'lines[0].totalPrice:customs.invalid_amount',
        'lines[1].gnum:customs.invalid_gnum',
        'lines[1].totalPrice:customs.invalid_amount',
        'freight:customs.invalid_amount',
        'annualUsed:customs.invalid_amount',
      ]);
    }
    // Rows built in code are held to the parser's rules: c = 1 would divide by zero.
    expect(() =>
      computeRetailImportTax({
        ...parcel([{ gnum: 1, gcode: '3304990010', totalPrice: '1', qty: 1 }]),
        tariff: [{ ...cosmetics, consumptionTaxRate: '1' }],
      }),
    ).toThrowError(expect.objectContaining({ code: 'customs.tariff_invalid_rate' }));
    expect(() => computeRetailImportTax(parcel([]))).toThrowError(
      expect.objectContaining({ code: 'customs.invalid_tax_input' }),
    );
  });
});

describe('apportioning freight and insurance', () => {
  it('gives each line its share by value, the lines adding up to the dutiable price exactly', () => {
    const result = admitted(
      parcel(
        [
          { gnum: 1, gcode: books.hsCode, totalPrice: '100', qty: 1 },
          { gnum: 2, gcode: books.hsCode, totalPrice: '100', qty: 1 },
          { gnum: 3, gcode: books.hsCode, totalPrice: '100', qty: 1 },
        ],
        { freight: '0.00001', insuredFee: '0.00001' },
      ),
    );
    // 2 units over 3 equal lines: the first two (earlier on a tie) get one each.
    expect(result.lines.map((l) => l.dutiablePrice)).toEqual(['100.00001', '100.00001', '100.00000']);
  });

  it('splits equally when every price is zero', () => {
    expect(apportion(5n, [0n, 0n])).toEqual([3n, 2n]);
  });

  it('always sums to the amount and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        (extra, prices) => {
          const shares = apportion(extra, prices);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(extra);
          const total = prices.reduce((a, b) => a + b, 0n);
          if (total > 0n) {
            shares.forEach((share, i) => {
              const exactTimesTotal = extra * (prices[i] ?? 0n);
              const diff = share * total - exactTimesTotal;
              expect(diff < total && diff > -total).toBe(true);
            });
          }
        },
      ),
    );
  });
});

// Rates as percentages with up to one decimal, as tariffs write them.
const rateArbitrary = (maxPerMille: number) =>
  fc.integer({ min: 0, max: maxPerMille }).map((perMille) => perMille);
const perMilleText = (perMille: number): string => formatAmount(BigInt(perMille) * 100n);
const amountArbitrary = (maxFen: number) =>
  fc.integer({ min: 0, max: maxFen }).map((fen) => BigInt(fen) * 1000n);

describe('properties', () => {
  it('per-tax totals are the per-line amounts summed and rounded once; the comprehensive rate agrees within 0.01', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: amountArbitrary(150_000),
            qty: fc.integer({ min: 1, max: 3 }),
            t: rateArbitrary(500),
            v: fc.constantFrom(90, 130),
            c: rateArbitrary(400),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        amountArbitrary(5_000),
        amountArbitrary(2_000),
        (specs, freight, insuredFee) => {
          const rows: TariffRow[] = specs.map((spec, i) => ({
            hsCode: String(1_000_000_000 + i),
            mfnDutyRate: perMilleText(spec.t),
            vatRate: perMilleText(spec.v),
            consumptionTaxRate: perMilleText(spec.c),
          }));
          const result = computeRetailImportTax({
            lines: specs.map((spec, i) => ({
              gnum: i + 1,
              gcode: rows[i]?.hsCode ?? '',
              totalPrice: formatAmount(spec.price),
              qty: specs.length === 1 ? 1 : spec.qty,
            })),
            freight: formatAmount(freight),
            insuredFee: formatAmount(insuredFee),
            tariff: rows,
            annualUsed: '0',
          });
          if (result.decision === 'refused') {
            return;
          }
          const units = (text: string): bigint => parseAmount(text) as bigint;
          const kinds = ['duty', 'consumptionTax', 'vat'] as const;
          // Lines add up exactly to the dutiable price.
          expect(result.lines.reduce((sum, line) => sum + units(line.dutiablePrice), 0n)).toBe(
            units(result.dutiablePrice),
          );
          for (const kind of kinds) {
            const sum = result.lines.reduce((total, line) => total + units(line[kind]), 0n);
            expect(result.totals[kind]).toBe(formatAmount(roundAmountToFen(sum)).slice(0, -3));
          }
          expect(units(result.totals.total)).toBe(
            kinds.reduce((sum, kind) => sum + units(result.totals[kind]), 0n),
          );
          // Comprehensive formulas on the whole line, in rationals over 10^5 units and per-mille rates:
          // within limits CT = 0.7·P·c/(1−c), VAT = 0.7·P·v/(1−c); over the limit
          // duty = P·t, CT = P·(1+t)·c/(1−c), VAT = P·(1+t)·v/(1−c).
          const within = result.decision === 'within_limits';
          result.lines.forEach((line, i) => {
            const spec = specs[i];
            if (spec === undefined) {
              return;
            }
            const p = units(line.dutiablePrice);
            const t = within ? 0n : BigInt(spec.t);
            const v = BigInt(spec.v);
            const c = BigInt(spec.c);
            const share = within ? 7n : 10n;
            // P·(1000+t)/1000 · rate/(1000−c) · share/10, all in 10^-5 units.
            const ct = divideHalfUp(p * (1000n + t) * c * share, 1000n * (1000n - c) * 10n);
            const vat = divideHalfUp(p * (1000n + t) * v * share, 1000n * (1000n - c) * 10n);
            const duty = divideHalfUp(p * t, 1000n);
            const close = (a: bigint, b: bigint) => (a > b ? a - b : b - a) <= 1000n;
            expect(close(units(line.duty), duty)).toBe(true);
            expect(close(units(line.consumptionTax), ct)).toBe(true);
            expect(close(units(line.vat), vat)).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the shipped sample tariff', () => {
  it('parses, covers the worked examples and says it is illustrative', () => {
    const text = readFileSync(new URL('../../data/tariff-sample.csv', import.meta.url), 'utf8');
    expect(text.split('\n')[0]).toContain('ILLUSTRATIVE');
    const table = parseTariffCsv(text);
    expect(table.rows.length).toBeGreaterThanOrEqual(12);
    expect(table.lookup('3304990010')).toMatchObject({ consumptionTaxRate: '0.15', vatRate: '0.13' });
    expect(table.lookup('4901990000')).toMatchObject({ vatRate: '0.09' });
    const result = admitted({
      lines: [{ gnum: 1, gcode: '3304990010', totalPrice: '400', qty: 1 }],
      freight: '0',
      insuredFee: '0',
      tariff: table,
      annualUsed: '0',
    });
    expect(result.totals.total).toBe('92.23');
  });
});
