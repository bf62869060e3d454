import { formatCsv } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvTemplate,
  decodeCsvBytes,
  mapCsvDocuments,
  normaliseValidUntil,
  rowOfBatchField,
} from './csv-import.ts';

const csv = (rows: string[][]) => formatCsv(rows);

describe('mapCsvDocuments', () => {
  it('maps the template to one invoice with computed amounts', () => {
    const { documents, problems } = mapCsvDocuments(csvTemplate());
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toEqual({
      row: 2,
      input: {
        documentType: 'CommercialInvoice',
        documentNumber: 'INV-2026-0001',
        subject: {
          invoiceDate: '2026-03-04',
          currency: 'USD',
          incoterms: 'FOB',
          seller: { name: 'Yiwu Commodities Co., Ltd.', country: 'CN' },
          buyer: { name: 'Elbe Handelshaus GmbH', country: 'DE' },
          lineItems: [
            {
              description: 'Ceramic mugs',
              hsCode: '691200',
              quantity: '1200',
              unitCode: 'H87',
              unitPrice: '1.85',
              lineAmount: '2220.00',
            },
            {
              description: 'Gift boxes',
              hsCode: '481920',
              quantity: '100',
              unitCode: 'H87',
              unitPrice: '0.3250',
              lineAmount: '32.50',
            },
          ],
          totalAmount: { amount: '2252.50', currency: 'USD' },
        },
      },
    });
  });

  it('keeps cells as strings, skips empty cells, lines and rows, and reads validUntil', () => {
    const { documents, problems } = mapCsvDocuments(
      csv([
        [
          'documentType',
          'documentNumber',
          'validUntil',
          'reference',
          'containers.0.number',
          'containers.1.number',
        ],
        ['BillOfLading', 'BL-007', '2026-12-31', '007', 'MSCU1234565', ''],
        ['', '', '', '', '', ''],
        ['Other', ' X-1 ', '', '', '', ''],
      ]),
    );
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        row: 2,
        input: {
          documentType: 'BillOfLading',
          documentNumber: 'BL-007',
          validUntil: '2026-12-31T23:59:59.999Z',
          subject: { reference: '007', containers: [{ number: 'MSCU1234565' }] },
        },
      },
      { row: 4, input: { documentType: 'Other', documentNumber: 'X-1', subject: {} } },
    ]);
  });

  it('reports every bad cell with its row and column, and returns no documents then', () => {
    const { documents, problems } = mapCsvDocuments(
      csv([
        [
          'documentType',
          'documentNumber',
          'validUntil',
          'currency',
          'lineItems.0.quantity',
          'lineItems.0.unitPrice',
        ],
        ['CommercialInvoice', 'A-1', '', 'USD', '2', '1.00'],
        ['Invoice', 'A-2', 'tomorrow', '', '', ''],
        ['CommercialInvoice', 'A-1', '2026-02-30', 'USD', '1e3', '1'],
        ['Other', 'A-3', '', ''],
      ]),
    );
    expect(documents).toEqual([]);
    expect(problems).toEqual([
      { row: 3, column: 'documentType', code: 'documentType', detail: 'Invoice' },
      { row: 3, column: 'validUntil', code: 'validUntil' },
      { row: 4, column: 'documentNumber', code: 'duplicateNumber', detail: '2' },
      { row: 4, column: 'validUntil', code: 'validUntil' },
      { row: 4, column: 'lineItems.0.quantity', code: 'decimal' },
      { row: 5, column: null, code: 'columnCount', detail: '4/6' },
    ]);
  });

  it('checks the header before any row', () => {
    expect(
      mapCsvDocuments(
        csv([
          ['documentNumber', 'type', 'a..b', 'x', 'x.y', 'x'],
          ['1', '2', '3', '4', '5', '6'],
        ]),
      ).problems,
    ).toEqual([
      { row: 1, column: 'documentType', code: 'missingColumn' },
      { row: 1, column: 'x', code: 'duplicateColumn' },
      { row: 1, column: 'type', code: 'reservedColumn' },
      { row: 1, column: 'a..b', code: 'badColumn' },
      { row: 1, column: 'x.y', code: 'columnConflict' },
      { row: 1, column: 'x', code: 'columnConflict' },
    ]);
    expect(
      mapCsvDocuments(csv([['documentType', 'documentNumber', 'items.0', 'items.name']])).problems,
    ).toEqual([{ row: 1, column: 'items.name', code: 'columnConflict' }]);
  });

  it('refuses files without rows, with too many rows, or with broken quoting', () => {
    expect(mapCsvDocuments('documentType,documentNumber\r\n').problems).toEqual([
      { row: null, column: null, code: 'noRows' },
    ]);
    const many = [
      ['documentType', 'documentNumber'],
      ...Array.from({ length: 1001 }, (_, i) => ['Other', `N${i}`]),
    ];
    expect(mapCsvDocuments(csv(many)).problems).toEqual([
      { row: null, column: null, code: 'tooManyRows', detail: '1001' },
    ]);
    const broken = mapCsvDocuments('documentType,documentNumber\r\nOther,"N1\r\n');
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]?.code).toBe('csvSyntax');
  });

  it('accepts a byte order mark and LF line ends (Excel and Unix exports)', () => {
    const { documents } = mapCsvDocuments('\uFEFFdocumentType,documentNumber,note\nOther,N-1,"a, ""b"""\n');
    expect(documents).toEqual([
      { row: 2, input: { documentType: 'Other', documentNumber: 'N-1', subject: { note: 'a, "b"' } } },
    ]);
  });

  it('never throws and never returns both documents and problems, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = mapCsvDocuments(text);
        expect(result.documents.length === 0 || result.problems.length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any cell text written by the kernel formatter into the subject', () => {
    const cell = fc
      .string({ unit: 'grapheme', maxLength: 30 })
      .filter((s) => s.trim() !== '' && s.trim() === s);
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), (values) => {
        const header = ['documentType', 'documentNumber', ...values.map((_, i) => `f${i}`)];
        const { documents, problems } = mapCsvDocuments(csv([header, ['Other', 'N-1', ...values]]));
        expect(problems).toEqual([]);
        expect(documents[0]?.input.subject).toEqual(Object.fromEntries(values.map((v, i) => [`f${i}`, v])));
      }),
      { numRuns: 200 },
    );
  });
});

describe('normaliseValidUntil', () => {
  it('reads dates as the end of the day in UTC and keeps date-times', () => {
    expect(normaliseValidUntil('2026-06-30')).toBe('2026-06-30T23:59:59.999Z');
    expect(normaliseValidUntil('2026-06-30T08:00:00+08:00')).toBe('2026-06-30T00:00:00.000Z');
    expect(normaliseValidUntil('2026-06-30T08:00Z')).toBe('2026-06-30T08:00:00.000Z');
  });

  it('refuses impossible and zone-less values', () => {
    expect(normaliseValidUntil('2026-02-30')).toBeNull();
    expect(normaliseValidUntil('2026-06-30T08:00:00')).toBeNull();
    expect(normaliseValidUntil('30/06/2026')).toBeNull();
    expect(normaliseValidUntil('')).toBeNull();
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 and falls back to GB 18030 for Chinese Excel exports', () => {
    const utf8 = new TextEncoder().encode('documentNumber\r\n发票-1\r\n');
    expect(decodeCsvBytes(utf8)).toEqual({ text: 'documentNumber\r\n发票-1\r\n', encoding: 'utf-8' });
    // 发票 in GB 18030 (and GBK): B7 A2 C6 B1, which is not valid UTF-8.
    const gb = new Uint8Array([0x41, 0x2c, 0xb7, 0xa2, 0xc6, 0xb1]);
    expect(decodeCsvBytes(gb)).toEqual({ text: 'A,发票', encoding: 'gb18030' });
  });
});

describe('rowOfBatchField', () => {
  const sent = [
    { row: 2, input: { documentType: 'Other' as const, documentNumber: 'A', subject: {} } },
    { row: 5, input: { documentType: 'Other' as const, documentNumber: 'B', subject: {} } },
  ];

  it('names the file row and column of a batch field error', () => {
    expect(rowOfBatchField('documents.1.subject.seller.name', sent)).toEqual({
      row: 5,
      column: 'seller.name',
    });
    expect(rowOfBatchField('/documents/0/documentNumber', sent)).toEqual({
      row: 2,
      column: 'documentNumber',
    });
    expect(rowOfBatchField('documents.0.subject', sent)).toEqual({ row: 2, column: '' });
  });

  it('gives null for fields of no sent row', () => {
    expect(rowOfBatchField('documents.7.subject', sent)).toBeNull();
    expect(rowOfBatchField('documents', sent)).toBeNull();
  });
});
