import { AppError, assert } from '../errors.ts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BYTE_ORDER_MARK = 0xfeff;

/** Malformed CSV; `line` and `column` (1-based) point at the offending character. */
export class CsvError extends AppError {
  override readonly name: string = 'CsvError';
  readonly line: number;
  readonly column: number;

  constructor(reason: string, text: string, offset: number) {
    const { line, column } = positionOf(text, offset);
    super('kernel.invalid_csv', `Invalid CSV at line ${line}, column ${column}: ${reason}`, {
      details: { line, column },
    });
    this.line = line;
    this.column = column;
  }
}

// Only computed when reporting an error, so parsing does not pay for tracking positions.
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function isFieldEnd(c: number): boolean {
  return c === COMMA || c === CR || c === LF || Number.isNaN(c);
}

// Reads an unquoted field starting at `start`; returns it and the offset of the character after it.
function readPlainField(text: string, start: number): [string, number] {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isFieldEnd(c)) {
      break;
    }
    if (c === QUOTE) {
      throw new CsvError('a double quote inside an unquoted field', text, i);
    }
  }
  return [text.slice(start, i), i];
}

// Reads a quoted field whose opening quote is at `start`; "" inside it stands for one quote.
function readQuotedField(text: string, start: number): [string, number] {
  let value = '';
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) {
      throw new CsvError('a quoted field is not closed', text, start);
    }
    value += text.slice(from, quote);
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += '"';
      from = quote + 2;
      continue;
    }
    if (!isFieldEnd(text.charCodeAt(quote + 1))) {
      throw new CsvError('unexpected character after a closing quote', text, quote + 1);
    }
    return [value, quote + 1];
  }
}

/**
 * Parses RFC 4180 CSV into rows of fields, all kept as strings (so `NA` and `007` survive).
 * Accepts CRLF, LF or CR line breaks, quoted fields with doubled quotes and embedded line breaks,
 * and a leading byte order mark. A final line break does not start an empty row. Throws CsvError.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let i = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  if (i >= text.length) {
    return rows;
  }
  let row: string[] = [];
  for (;;) {
    const [field, end] = text.charCodeAt(i) === QUOTE ? readQuotedField(text, i) : readPlainField(text, i);
    row.push(field);
    i = end;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= text.length) {
      return rows;
    }
  }
}

function formatField(field: string): string {
  const needsQuotes = /[",\r\n]/.test(field) || field.charCodeAt(0) === BYTE_ORDER_MARK;
  return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Writes rows as RFC 4180 CSV (CRLF after every row), quoting only where needed; parseCsv reverses it. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => {
      assert(row.length > 0, 'formatCsv: a CSV row needs at least one field');
      // Quoted so that readers which skip blank lines still see a row holding one empty field.
      return row.length === 1 && row[0] === '' ? '""\r\n' : `${row.map(formatField).join(',')}\r\n`;
    })
    .join('');
}
