import { describe, expect, it } from 'vitest';
import { csvField, type ExportColumn, exportFileName, toCsv, toCsvWithBom } from './table-export.ts';

type Row = { name: string; count: number | null; note: string | null };

const columns: ExportColumn<Row>[] = [
  { header: '名称', value: (row) => row.name },
  { header: 'Count', value: (row) => row.count },
  { header: 'Note, remark', value: (row) => row.note },
];

describe('csvField', () => {
  it('leaves plain text and numbers unquoted', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('数字贸易')).toBe('数字贸易');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3.5)).toBe('-3.5');
  });

  it('writes null and non-finite numbers as empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvField('"')).toBe('""""');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+86 10')).toBe("'+86 10");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });
});

describe('toCsv', () => {
  it('writes a header row and CRLF-terminated records', () => {
    const csv = toCsv(columns, [
      { name: '上海, 浦东', count: 3, note: null },
      { name: 'A "B"', count: null, note: 'x' },
    ]);
    expect(csv).toBe('名称,Count,"Note, remark"\r\n"上海, 浦东",3,\r\n"A ""B""",,x\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(columns, [])).toBe('名称,Count,"Note, remark"\r\n');
  });

  it('prefixes the UTF-8 byte-order mark for Excel', () => {
    const text = toCsvWithBom(columns, []);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe(toCsv(columns, []));
  });
});

describe('exportFileName', () => {
  it('stamps the local time', () => {
    expect(exportFileName('audit', 'csv', new Date(2026, 0, 2, 3, 4, 5))).toBe('audit-20260102-030405.csv');
  });
});
