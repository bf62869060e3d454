import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { thrown } from '../test-support.ts';
import { CsvError, formatCsv, parseCsv } from './csv.ts';

// Any Unicode scalar value: cheaper to generate than fast-check's "binary" unit.
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

// Fields drawn mostly from the characters that matter to CSV, so quoting paths are hit often.
const anyField = fc.string({
  unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', '\ufeff', '中'),
  maxLength: 6,
});
const anyTable = fc.array(fc.array(anyField, { minLength: 1, maxLength: 5 }), { maxLength: 8 });

// An independent writer with a choice of line break, always quoting fields that need it.
function writeCsv(rows: readonly (readonly string[])[], lineBreak: string, finalBreak: boolean): string {
  const quote = (field: string) =>
    /[",\r\n]/.test(field) || field.startsWith('\ufeff') || field === ''
      ? `"${field.replaceAll('"', '""')}"`
      : field;
  const text = rows.map((row) => row.map(quote).join(',')).join(lineBreak);
  return finalBreak && rows.length > 0 ? text + lineBreak : text;
}

function csvErrorOf(text: string): CsvError {
  const error = thrown(() => parseCsv(text));
  expect(error).toBeInstanceOf(CsvError);
  return error as CsvError;
}

describe('parseCsv', () => {
  it('reads plain rows and keeps every value as text', () => {
    expect(parseCsv('a,b,c\nNA,007,\n')).toEqual([
      ['a', 'b', 'c'],
      ['NA', '007', ''],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"x, y","say ""hi""","line1\r\nline2","a\nb"\r\n')).toEqual([
      ['x, y', 'say "hi"', 'line1\r\nline2', 'a\nb'],
    ]);
  });

  it('accepts CRLF, LF and CR line breaks and an optional final one', () => {
    expect(parseCsv('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(parseCsv('a\r\n')).toEqual([['a']]);
  });

  it('strips a leading byte order mark only', () => {
    expect(parseCsv('\ufeffa,b')).toEqual([['a', 'b']]);
    expect(parseCsv('a,\ufeffb')).toEqual([['a', '\ufeffb']]);
  });

  it('reads empty input, empty lines and empty fields', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
    expect(parseCsv('\n')).toEqual([['']]);
    expect(parseCsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv(',')).toEqual([['', '']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it.each([
    ['an unclosed quote', 'a,"b\nc', 1, 3],
    ['a quote inside an unquoted field', 'ab"c', 1, 3],
    ['text after a closing quote', '\n"a"b', 2, 4],
    ['a quote after a CRLF-terminated line', 'x\r\ny\r\n"a" ', 3, 4],
  ])('reports %s with its position', (_, text, line, column) => {
    const error = csvErrorOf(text);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('kernel.invalid_csv');
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.details).toEqual({ line, column });
  });

  it('reads back what formatCsv writes', () => {
    fc.assert(
      fc.property(anyTable, (rows) => {
        expect(parseCsv(formatCsv(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back tables written with LF or CRLF, with or without a final line break', () => {
    fc.assert(
      fc.property(anyTable, fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, lineBreak, finalBreak) => {
        expect(parseCsv(writeCsv(rows, lineBreak, finalBreak))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but CsvError on arbitrary text', () => {
    const csvish = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '\ufeff'), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), csvish, fc.string({ unit: anyCodePoint })), (text) => {
        try {
          const rows = parseCsv(text);
          expect(rows.every((row) => row.length > 0)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('re-parses its own output to the same rows (idempotent normal form)', () => {
    const csvish = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n'), maxLength: 30 });
    fc.assert(
      fc.property(csvish, (text) => {
        let rows: string[][];
        try {
          rows = parseCsv(text);
        } catch {
          return;
        }
        expect(parseCsv(formatCsv(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatCsv', () => {
  it('quotes only where needed and ends every row with CRLF', () => {
    expect(formatCsv([['a', 'b,c', 'd"e', ''], ['x\ny'], ['']])).toBe('a,"b,c","d""e",\r\n"x\ny"\r\n""\r\n');
    expect(formatCsv([])).toBe('');
  });
});
