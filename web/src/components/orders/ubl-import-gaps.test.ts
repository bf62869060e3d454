import { describe, expect, it } from 'vitest';
import { completionFormPath, ublCompletionOf, ublImportGaps } from './ubl-import-gaps.ts';

const lines = [
  { lineId: '1', description: 'Red paint' },
  { lineId: '2', description: 'Very good pencils for red paint.' },
];
const lineAt = (index: number) => lines[index];
const officialRefusal = [
  { field: 'incoterms.rule', code: 'kernel.unknown_code', message: 'FOT is not an Incoterms 2020 rule' },
  { field: 'incoterms.namedPlace.unlocode', code: 'kernel.invalid_format', message: 'STO' },
  { field: 'lines.1.hsCode', code: 'kernel.required', message: 'an HS code is required' },
  { field: 'lines.0.hsCode', code: 'kernel.required', message: 'an HS code is required' },
  { field: 'paymentTerms', code: 'kernel.required', message: 'required' },
];

describe('ublImportGaps', () => {
  it('names what the OASIS example lacks, lines by their number in the file', () => {
    expect(ublImportGaps(officialRefusal, lineAt)).toEqual({
      hsLines: [
        { index: 0, lineId: '1', description: 'Red paint' },
        { index: 1, lineId: '2', description: 'Very good pencils for red paint.' },
      ],
      incoterms: true,
      paymentTerms: true,
    });
  });

  it('gives up when something a completion cannot fix is wrong, or a line is not in the file', () => {
    expect(
      ublImportGaps(
        [...officialRefusal, { field: 'total', code: 'trade.total_mismatch', message: 'sum' }],
        lineAt,
      ),
    ).toBeUndefined();
    expect(
      ublImportGaps([{ field: 'lines.5.hsCode', code: 'kernel.required', message: '' }], lineAt),
    ).toBeUndefined();
    expect(ublImportGaps([], lineAt)).toBeUndefined();
  });
});

describe('ublCompletionOf', () => {
  it('sends only what was asked, cleaned as the server expects', () => {
    const gaps = ublImportGaps(officialRefusal, lineAt);
    if (gaps === undefined) {
      throw new Error('gaps expected');
    }
    expect(
      ublCompletionOf(gaps, {
        hsCodes: { '1': '3209.10', '2': ' 960340 ', '9': 'ignored' },
        incotermsRule: 'FCA',
        unlocode: 'sesto',
        placeName: ' Stockholm ',
        paymentTerms: ' 30 days net ',
      }),
    ).toEqual({
      hsCodes: { '1': '320910', '2': '960340' },
      incoterms: { rule: 'FCA', namedPlace: { unlocode: 'SESTO', name: 'Stockholm' } },
      paymentTerms: '30 days net',
    });
    const onlyTerms = { hsLines: [], incoterms: false, paymentTerms: true };
    expect(ublCompletionOf(onlyTerms, { hsCodes: {}, paymentTerms: 'Net 30' })).toEqual({
      paymentTerms: 'Net 30',
    });
  });

  it('puts a refusal of the completion on the field it came from', () => {
    const gaps = ublImportGaps(officialRefusal, lineAt);
    if (gaps === undefined) {
      throw new Error('gaps expected');
    }
    expect(completionFormPath('lines.1.hsCode', gaps)).toEqual(['hsCodes', '2']);
    expect(completionFormPath('incoterms', gaps)).toEqual(['incotermsRule']);
    expect(completionFormPath('incoterms.namedPlace.unlocode', gaps)).toEqual(['unlocode']);
    expect(completionFormPath('paymentTerms', gaps)).toEqual(['paymentTerms']);
    expect(completionFormPath('currency', gaps)).toBeUndefined();
  });
});
