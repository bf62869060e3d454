// Client-side table exports. CSV follows RFC 4180 (CRLF, quotes doubled, fields quoted when they
// hold a delimiter) with a UTF-8 byte-order mark, without which Excel decodes Chinese as ANSI.
// XLSX is built with exceljs, loaded only when an export is asked for (it is larger than antd).

export type CellValue = string | number | null;

export type ExportColumn<Row> = {
  header: string;
  value: (row: Row) => CellValue;
  /** Column width in characters for XLSX; CSV has no widths. */
  width?: number;
};

const BOM = '\uFEFF';

// Spreadsheet applications run a cell that starts with one of these as a formula. Values here can
// be user-controlled (display names, key names), so a leading apostrophe keeps them inert text
// (OWASP "CSV injection").
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export const neutraliseFormula = (text: string): string => (FORMULA_TRIGGER.test(text) ? `'${text}` : text);

/** One CSV field per RFC 4180 §2: quoted only when needed, inner quotes doubled. */
export const csvField = (value: CellValue): string => {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : '';
  }
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The CSV text (header row first, CRLF line breaks, no BOM). */
export const toCsv = <Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string => {
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvField(column.value(row))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
};

/** CSV text prefixed with the UTF-8 BOM, as written to the downloaded file. */
export const toCsvWithBom = <Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string =>
  BOM + toCsv(columns, rows);

export const csvBlob = <Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Blob =>
  new Blob([toCsvWithBom(columns, rows)], { type: 'text/csv;charset=utf-8' });

type ExcelJsModule = typeof import('exceljs');

// exceljs ships a UMD bundle for browsers; depending on the bundler's CommonJS interop its API sits
// on the namespace itself or on `default`.
const loadExcelJs = async (): Promise<ExcelJsModule> => {
  const loaded = await import('exceljs');
  const viaDefault = (loaded as { default?: ExcelJsModule }).default;
  return viaDefault?.Workbook ? viaDefault : loaded;
};

// Excel forbids these in sheet names and caps them at 31 characters.
const safeSheetName = (name: string): string => name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1';

export const xlsxBlob = async <Row>(
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
  sheetName: string,
): Promise<Blob> => {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'tradehub';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    key: `c${index}`,
    width: column.width ?? Math.max(12, column.header.length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    // Strings become shared-string cells (never formulas), so no formula neutralising is needed.
    sheet.addRow(columns.map((column) => column.value(row) ?? ''));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
};

/** Hands a blob to the browser as a file download. */
export const downloadBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a later tick is enough.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** `prefix-YYYYMMDD-HHMMSS.ext` in local time, sortable and free of characters Windows rejects. */
export const exportFileName = (prefix: string, extension: 'csv' | 'xlsx', now: Date = new Date()): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${prefix}-${stamp}.${extension}`;
};
