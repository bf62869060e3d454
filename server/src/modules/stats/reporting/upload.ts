import type { FieldError } from '@tradehub/kernel';
import ExcelJS from 'exceljs';
import { checkZipExpansion } from '../../../platform/archive/index.ts';
import { cellOf, type FormDefinition } from './forms.ts';
import { formatProblem } from './validate.ts';

/**
 * A report's cells as a file: one row per cell, columns `cell`, `label`, `value`, the layout of the
 * form's own template. The same reading applies to CSV and to the first sheet of an XLSX workbook.
 */

export const UPLOAD_LIMIT_BYTES = 1024 * 1024;
/**
 * What a 1 MiB workbook may inflate to. Spreadsheets of numbers compress about ten to one, so this
 * passes any real report while a "zip bomb" (deflated zeros declaring a small size) is refused
 * before the XLSX library unpacks it into memory.
 */
export const XLSX_EXPANDED_LIMIT = { maxEntries: 200, maxExpandedBytes: 32 * 1024 * 1024 };
export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TEMPLATE_SHEET = 'report';

export type UploadOutcome =
  | { ok: true; values: Record<string, string> }
  | { ok: false; errors: FieldError[] };

const columnLetter = (index: number) => String.fromCharCode(65 + index);

/** RFC 4180 records; undefined when a quoted field never closes. */
export const parseCsvRecords = (text: string): string[][] | undefined => {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < text.length) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
      index += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (char === '\r' && text[index + 1] === '\n') {
        index += 1;
      }
    } else {
      field += char;
    }
    index += 1;
  }
  if (quoted) {
    return undefined;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
};

/** The values of a grid laid out as the template, or every cell-level problem with its place. */
export const readGrid = (
  form: FormDefinition,
  grid: readonly (readonly string[])[],
  sheet: string,
): UploadOutcome => {
  const errors: FieldError[] = [];
  const at = (row: number, column: number) => `${sheet}, row ${row + 1}, column ${columnLetter(column)}`;
  const header = (grid[0] ?? []).map((name) => name.trim().toLowerCase());
  const cellColumn = header.indexOf('cell');
  const valueColumn = header.indexOf('value');
  if (cellColumn < 0 || valueColumn < 0) {
    return {
      ok: false,
      errors: [
        {
          field: 'upload',
          code: 'stats.report_upload_layout',
          message: `${sheet}, row 1: the first row must name the columns cell and value, as the template does.`,
        },
      ],
    };
  }
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  grid.slice(1).forEach((record, offset) => {
    const row = offset + 1;
    const name = (record[cellColumn] ?? '').trim();
    const value = (record[valueColumn] ?? '').trim();
    if (name === '' && record.every((field) => field.trim() === '')) {
      return;
    }
    const cell = cellOf(form, name);
    if (cell === undefined) {
      errors.push({
        field: name === '' ? `upload.row${row + 1}` : name,
        code: 'stats.report_unknown_cell',
        message: `${at(row, cellColumn)}: the form has no cell ${JSON.stringify(name.slice(0, 60))}.`,
      });
      return;
    }
    if (seen.has(name)) {
      errors.push({
        field: name,
        code: 'stats.report_duplicate_cell',
        message: `${at(row, cellColumn)}: ${name} appears twice.`,
      });
      return;
    }
    seen.add(name);
    const problem = value === '' ? undefined : formatProblem(cell, value);
    if (problem !== undefined) {
      errors.push({
        field: name,
        code: problem.code,
        message: `${at(row, valueColumn)}: ${problem.message}`,
      });
      return;
    }
    if (value !== '') {
      values[name] = value;
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
};

const unreadable = (message: string): UploadOutcome => ({
  ok: false,
  errors: [{ field: 'upload', code: 'stats.report_upload_unreadable', message }],
});

export const readCsv = (form: FormDefinition, bytes: Buffer): UploadOutcome => {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000') || text.includes('\ufffd')) {
    return unreadable('The file is not UTF-8 text: save it as CSV (UTF-8).');
  }
  const records = parseCsvRecords(text);
  return records === undefined ? unreadable('A quoted field never closes.') : readGrid(form, records, 'CSV');
};

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  // Numbers typed in a spreadsheet: integers only reach here exactly; a fraction stays as Excel wrote it.
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'object' && 'richText' in value) {
    return value.richText.map((part) => part.text).join('');
  }
  if (typeof value === 'object' && 'result' in value && value.result !== undefined) {
    return cellText(value.result as ExcelJS.CellValue);
  }
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') {
    return value.text;
  }
  return '';
};

export const readXlsx = async (form: FormDefinition, bytes: Buffer): Promise<UploadOutcome> => {
  // An XLSX file is a ZIP archive; anything else is refused before the parser sees it.
  const expansion = checkZipExpansion(bytes, XLSX_EXPANDED_LIMIT);
  if (!expansion.ok) {
    return unreadable(
      expansion.reason === 'too_large' || expansion.reason === 'too_many_entries'
        ? "The XLSX workbook unpacks to more than 32 MiB or 200 parts: send the form's own template."
        : 'The file is not an XLSX workbook.',
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return unreadable('The XLSX workbook cannot be read.');
  }
  const sheet = workbook.getWorksheet(TEMPLATE_SHEET) ?? workbook.worksheets[0];
  if (sheet === undefined) {
    return unreadable('The workbook has no sheet.');
  }
  const grid: string[][] = [];
  for (let row = 1; row <= Math.min(sheet.rowCount, 1000); row += 1) {
    const cells = sheet.getRow(row);
    grid.push([1, 2, 3].map((column) => cellText(cells.getCell(column).value)));
  }
  return readGrid(form, grid, `Sheet ${sheet.name}`);
};

const templateRows = (
  form: FormDefinition,
  locale: 'en' | 'zh',
  values: Readonly<Record<string, string>>,
) => [
  ['cell', 'label', 'value'],
  ...form.cells.map((cell) => [cell.name, cell.label[locale], values[cell.name] ?? '']),
];

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The form as a CSV to fill in (with the report's current values when given). */
export const templateCsv = (
  form: FormDefinition,
  locale: 'en' | 'zh',
  values: Readonly<Record<string, string>> = {},
): string =>
  `\ufeff${templateRows(form, locale, values)
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;

export const templateXlsx = async (
  form: FormDefinition,
  locale: 'en' | 'zh',
  values: Readonly<Record<string, string>> = {},
): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET);
  for (const row of templateRows(form, locale, values)) {
    sheet.addRow(row);
  }
  // Text cells, so that Excel keeps cents and codes exactly as typed.
  sheet.getColumn(3).numFmt = '@';
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 20;
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
