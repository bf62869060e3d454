import { AppError, type FieldError, parseCsv } from '@tradehub/kernel';

/**
 * The positive list of CBEC retail-import goods (跨境电商零售进口商品清单): the tariff lines a
 * retail-import inventory may declare. The published list names 8-digit tariff lines (税则号列),
 * with remarks such as "仅限网购保税商品"; an entry of 8 digits covers every 10-digit code under
 * it, an entry of 10 digits only that code.
 */
export type PositiveListRow = { hsCode: string; remark?: string };

export type PositiveList = {
  readonly rows: readonly PositiveListRow[];
  /** The entry covering a 10-digit code (its own, else its 8-digit line), if any. */
  covering(gcode: string): PositiveListRow | undefined;
};

export const positiveList = (rows: readonly PositiveListRow[]): PositiveList => {
  const byCode = new Map(rows.map((row) => [row.hsCode, row]));
  return { rows, covering: (gcode) => byCode.get(gcode) ?? byCode.get(gcode.slice(0, 8)) };
};

/** The inventory lines whose HS code the list does not cover, as field errors by line. */
export const linesOffPositiveList = (
  list: PositiveList,
  lines: readonly { gnum: string | number; gcode: string }[],
): FieldError[] =>
  lines
    .filter((line) => list.covering(line.gcode) === undefined)
    .map((line) => ({
      field: `InventoryList[gnum=${line.gnum}].gcode`,
      code: 'customs.not_on_positive_list',
      message: `商品编码 ${line.gcode} 不在跨境电商零售进口商品清单内 (HS ${line.gcode} is not on the CBEC retail-import positive list)`,
    }));

const MAX_REPORTED_ERRORS = 100;
const HS = /^(\d{8}|\d{10})$/;

/**
 * Parses the operator's positive-list CSV: header `hs_code` optionally followed by `remark`, one
 * row per 8- or 10-digit code; `#` lines are comments. Every bad row is reported with its line in
 * one AppError `customs.invalid_positive_list`, so a wrong file is refused whole.
 */
export const parsePositiveListCsv = (text: string): PositiveList => {
  const uncommented = text
    .split(/\r\n|\n|\r/)
    .map((line) => (line.replace(/^\uFEFF/, '').startsWith('#') ? '' : line))
    .join('\n');
  const records = parseCsv(uncommented);
  const problems: FieldError[] = [];
  const rows: PositiveListRow[] = [];
  const seen = new Set<string>();
  let header: string[] | undefined;
  records.forEach((record, index) => {
    const line = index + 1;
    if (record.length === 1 && record[0]?.trim() === '') {
      return;
    }
    if (header === undefined) {
      header = record.map((name) => name.trim());
      if (header[0] !== 'hs_code' || (header.length > 1 && header[1] !== 'remark') || header.length > 2) {
        problems.push({
          field: `rows[${line}]`,
          code: 'customs.positive_list_bad_header',
          message: `Line ${line}: the header must be hs_code[,remark]`,
        });
      }
      return;
    }
    const code = (record[0] ?? '').trim();
    if (record.length !== header.length) {
      problems.push({
        field: `rows[${line}]`,
        code: 'customs.positive_list_wrong_column_count',
        message: `Line ${line}: ${record.length} columns, the header has ${header.length}`,
      });
    } else if (!HS.test(code)) {
      problems.push({
        field: `rows[${line}].hs_code`,
        code: 'customs.positive_list_invalid_hs_code',
        message: `Line ${line}: "${code.slice(0, 20)}" is not an 8- or 10-digit HS code`,
      });
    } else if (seen.has(code)) {
      problems.push({
        field: `rows[${line}].hs_code`,
        code: 'customs.positive_list_duplicate_hs_code',
        message: `Line ${line}: ${code} is listed twice`,
      });
    } else {
      seen.add(code);
      const remark = (record[1] ?? '').trim();
      rows.push(remark === '' ? { hsCode: code } : { hsCode: code, remark });
    }
  });
  if (header === undefined && problems.length === 0) {
    problems.push({ field: 'rows', code: 'customs.positive_list_bad_header', message: 'The file is empty' });
  }
  if (problems.length > 0) {
    throw new AppError(
      'customs.invalid_positive_list',
      `The positive list has ${problems.length} problem(s); the first: ${problems[0]?.message ?? ''}`,
      { fieldErrors: problems.slice(0, MAX_REPORTED_ERRORS), details: { total: problems.length } },
    );
  }
  return positiveList(rows);
};
