import { describe, expect, it } from 'vitest';
import {
  checkPackingLine,
  compareDecimal,
  documentOverrides,
  packingOverrides,
  parseExtraJson,
} from './document-overrides.ts';

describe('packing list overrides', () => {
  it('turns the packing of each line into the packing list fields', () => {
    expect(
      packingOverrides({
        shippingMarks: ' ELBE / HAMBURG ',
        lines: [
          {
            packageCount: '40',
            packageType: 'CT',
            grossWeightKg: '410.5',
            netWeightKg: '380',
            volumeM3: '2.1',
          },
        ],
      }),
    ).toEqual({
      shippingMarks: 'ELBE / HAMBURG',
      lines: [
        {
          packageCount: 40,
          packageType: 'CT',
          grossWeight: { value: '410.5', unitCode: 'KGM' },
          netWeight: { value: '380', unitCode: 'KGM' },
          measurement: { value: '2.1', unitCode: 'MTQ' },
        },
      ],
    });
  });

  it('checks each line before sending', () => {
    expect(
      checkPackingLine({ packageCount: '40', packageType: 'CT', grossWeightKg: '410', netWeightKg: '380' }),
    ).toEqual({});
    expect(checkPackingLine({})).toEqual({
      packageCount: 'required',
      packageType: 'required',
      grossWeightKg: 'required',
      netWeightKg: 'required',
    });
    expect(
      checkPackingLine({
        packageCount: '0',
        packageType: 'CT',
        grossWeightKg: '1,5',
        netWeightKg: '1',
        volumeM3: 'x',
      }),
    ).toEqual({
      packageCount: 'invalid',
      grossWeightKg: 'invalid',
      volumeM3: 'invalid',
    });
    expect(
      checkPackingLine({ packageCount: '1', packageType: 'CT', grossWeightKg: '10.05', netWeightKg: '10.1' }),
    ).toEqual({
      netWeightKg: 'net_over_gross',
    });
  });

  it('compares decimals exactly', () => {
    expect(compareDecimal('10.1', '10.05')).toBe(1);
    expect(compareDecimal('10.10', '10.1')).toBe(0);
    expect(compareDecimal('9', '10')).toBe(-1);
  });
});

describe('extra JSON and merging', () => {
  it('accepts an object or nothing', () => {
    expect(parseExtraJson('')).toEqual({ ok: true, value: {} });
    expect(parseExtraJson('{"invoiceNumber":"CI-1"}')).toEqual({
      ok: true,
      value: { invoiceNumber: 'CI-1' },
    });
    expect(parseExtraJson('[1]')).toEqual({ ok: false });
    expect(parseExtraJson('{')).toEqual({ ok: false });
  });

  it('sends no overrides when there is nothing to add, and the JSON wins over the form', () => {
    expect(documentOverrides('commercial_invoice', null, {})).toBeUndefined();
    expect(documentOverrides('commercial_invoice', { lines: [{ packageCount: '1' }] }, {})).toBeUndefined();
    const merged = documentOverrides(
      'packing_list',
      { shippingMarks: 'A', lines: [] },
      { shippingMarks: 'B' },
    );
    expect(merged).toEqual({ shippingMarks: 'B', lines: [] });
  });
});
