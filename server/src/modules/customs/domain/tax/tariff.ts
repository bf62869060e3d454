import { AppError, type FieldError, parseCsv } from '@tradehub/kernel';
import { parseRatio, type Ratio } from './fixed-decimal.ts';

/**
 * One line of the operator's tariff table: the rates the retail-import tax engine applies to a
 * 10-digit HS code. Rates are decimal fractions written as in the CSV (`0.13` for 13%), kept as
 * strings so they round-trip exactly; ad valorem rates only (specific duties per kg or per litre
 * are not modelled).
 */
export type TariffRow = {
  hsCode: string;
  mfnDutyRate: string;
  vatRate: string;
  consumptionTaxRate: string;
  descriptionZh?: string;
  descriptionEn?: string;
};

/** A parsed tariff table, looked up by 10-digit HS code. */
export type TariffTable = {
  readonly rows: readonly TariffRow[];
  lookup(hsCode: string): TariffRow | undefined;
};

/** Field error codes the tariff CSV parser produces. */
export const TARIFF_FIELD_ERROR_CODES = [
  'customs.tariff_bad_header',
  'customs.tariff_wrong_column_count',
  'customs.tariff_invalid_hs_code',
  'customs.tariff_duplicate_hs_code',
  'customs.tariff_invalid_rate',
  'customs.tariff_line_break_in_field',
] as const;

const REQUIRED_COLUMNS = ['hs_code', 'mfn_duty_rate', 'vat_rate', 'consumption_tax_rate'] as const;
const OPTIONAL_COLUMNS = ['description_zh', 'description_en'] as const;
const RATE_COLUMNS = ['mfn_duty_rate', 'vat_rate', 'consumption_tax_rate'] as const;
type RateColumn = (typeof RATE_COLUMNS)[number];

/** Most fraction digits a rate may have: 0.075 (7.5%) needs 3; six leaves room without inviting floats. */
const MAX_RATE_FRACTION_DIGITS = 6;

/** The most problems reported for one file, so a wrong file does not produce a megabyte of errors. */
const MAX_REPORTED_ERRORS = 100;

const HS_CODE_PATTERN = /^\d{10}$/;

// A rate is a fraction in [0, 1]; consumption tax must stay below 1 because the engine divides by
// (1 - c). A value above 1 is almost always a percentage typed as `13`, which must not pass as 1300%.
const rateProblem = (column: RateColumn, text: string): string | undefined => {
  const ratio = parseRatio(text);
  if (ratio === null || ratio.numerator < 0n) {
    return 'must be a decimal fraction such as 0.13 (for 13%)';
  }
  if ((text.split('.')[1]?.length ?? 0) > MAX_RATE_FRACTION_DIGITS) {
    return `must have at most ${MAX_RATE_FRACTION_DIGITS} fraction digits`;
  }
  if (
    column === 'consumption_tax_rate'
      ? ratio.numerator >= ratio.denominator
      : ratio.numerator > ratio.denominator
  ) {
    return column === 'consumption_tax_rate'
      ? 'must be a fraction below 1 (write 0.15 for 15%)'
      : 'must be a fraction from 0 to 1 (write 0.13 for 13%)';
  }
  return undefined;
};

/** The exact rates of a tariff row: duty t, VAT v and consumption tax c. */
export type TariffRates = { duty: Ratio; vat: Ratio; consumption: Ratio };

/**
 * The rates of a row as exact Ratios. Rows from parseTariffCsv are valid already; a row built in
 * code is checked by the same rules, because a consumption tax rate of 1 or more would divide by
 * zero or turn the gross-up negative. Throws AppError `customs.tariff_invalid_rate`.
 */
export const tariffRatesOf = (row: TariffRow): TariffRates => {
  const columns: [RateColumn, string][] = [
    ['mfn_duty_rate', row.mfnDutyRate],
    ['vat_rate', row.vatRate],
    ['consumption_tax_rate', row.consumptionTaxRate],
  ];
  const [duty, vat, consumption] = columns.map(([column, text]) => {
    const ratio = parseRatio(text);
    const message = rateProblem(column, text);
    if (ratio === null || message !== undefined) {
      throw new AppError('customs.tariff_invalid_rate', `HS ${row.hsCode} ${column} ${message ?? ''}`, {
        details: { hsCode: row.hsCode, column },
      });
    }
    return ratio;
  }) as [Ratio, Ratio, Ratio];
  return { duty, vat, consumption };
};

// Columns are reported 1-based, as a spreadsheet shows them.
const problem = (line: number, column: number, name: string, code: string, message: string) => ({
  line,
  column,
  name,
  fieldError: {
    field: `rows[${line}].${name}`,
    code,
    message: `Line ${line}, column ${column} (${name}): ${message}`,
  },
});

type Problem = ReturnType<typeof problem>;

const refuse = (problems: Problem[]): never => {
  const shown = problems.slice(0, MAX_REPORTED_ERRORS);
  throw new AppError(
    'customs.invalid_tariff',
    `The tariff table has ${problems.length} problem(s); the first: ${shown[0]?.fieldError.message ?? ''}`,
    {
      fieldErrors: shown.map((p): FieldError => p.fieldError),
      details: {
        problems: shown.map(({ line, column, name, fieldError }) => ({
          line,
          column,
          name,
          code: fieldError.code,
        })),
        total: problems.length,
      },
    },
  );
};

/** Builds a table from rows already validated (parseTariffCsv's output, or a test's). */
export const tariffTable = (rows: readonly TariffRow[]): TariffTable => {
  const byCode = new Map(rows.map((row) => [row.hsCode, row]));
  return { rows, lookup: (hsCode) => byCode.get(hsCode) };
};

/**
 * Parses an operator tariff CSV: a header `hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate`
 * optionally followed by `description_zh` and `description_en`, then one row per 10-digit HS
 * code. Lines starting with `#` are comments and blank lines are skipped. Rates are decimal
 * fractions (`0.13` means 13%). Every bad row is reported with its line and column in one
 * AppError `customs.invalid_tariff` (field errors `rows[<line>].<column name>`); malformed CSV
 * is the kernel's CsvError `kernel.invalid_csv`, also with line and column.
 */
export const parseTariffCsv = (text: string): TariffTable => {
  // Comment lines are blanked, not removed, so line numbers stay those of the operator's file.
  // This is safe because a field spanning lines is refused below anyway.
  const uncommented = text
    .split(/\r\n|\n|\r/)
    .map((line) => (line.replace(/^\uFEFF/, '').startsWith('#') ? '' : line))
    .join('\n');
  const records = parseCsv(uncommented);
  const problems: Problem[] = [];
  let header: string[] | undefined;
  const rows: TariffRow[] = [];
  const seen = new Map<string, number>();
  // With no field spanning lines, record i is line i + 1.
  records.forEach((record, index) => {
    const line = index + 1;
    if (record.length === 1 && record[0]?.trim() === '') {
      return;
    }
    const broken = record.findIndex((field) => /[\r\n]/.test(field));
    if (broken >= 0) {
      problems.push(
        problem(
          line,
          broken + 1,
          header?.[broken] ?? `column ${broken + 1}`,
          'customs.tariff_line_break_in_field',
          'a field must not contain a line break',
        ),
      );
      return;
    }
    if (header === undefined) {
      header = record.map((name) => name.trim());
      const expected = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].slice(
        0,
        Math.max(header.length, REQUIRED_COLUMNS.length),
      );
      const wrong = expected.findIndex((name, i) => header?.[i] !== name);
      if (wrong >= 0 || header.length > expected.length) {
        const at = wrong >= 0 ? wrong : expected.length;
        problems.push(
          problem(
            line,
            at + 1,
            header[at] ?? '',
            'customs.tariff_bad_header',
            `the header must be ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(',')} (the two description columns are optional)`,
          ),
        );
        header = undefined;
        refuse(problems);
      }
      return;
    }
    if (record.length !== header.length) {
      problems.push(
        problem(
          line,
          Math.min(record.length, header.length) + 1,
          '',
          'customs.tariff_wrong_column_count',
          `expected ${header.length} columns, found ${record.length}`,
        ),
      );
      return;
    }
    const field = (i: number): string => (record[i] ?? '').trim();
    let valid = true;
    const hsCode = field(0);
    if (!HS_CODE_PATTERN.test(hsCode)) {
      valid = false;
      problems.push(
        problem(line, 1, 'hs_code', 'customs.tariff_invalid_hs_code', 'must be exactly 10 digits'),
      );
    } else {
      const earlier = seen.get(hsCode);
      if (earlier !== undefined) {
        valid = false;
        problems.push(
          problem(
            line,
            1,
            'hs_code',
            'customs.tariff_duplicate_hs_code',
            `the code is already on line ${earlier}`,
          ),
        );
      }
      seen.set(hsCode, earlier ?? line);
    }
    RATE_COLUMNS.forEach((name, i) => {
      const message = rateProblem(name, field(i + 1));
      if (message !== undefined) {
        valid = false;
        problems.push(problem(line, i + 2, name, 'customs.tariff_invalid_rate', message));
      }
    });
    if (valid) {
      const row: TariffRow = {
        hsCode,
        mfnDutyRate: field(1),
        vatRate: field(2),
        consumptionTaxRate: field(3),
      };
      if (header.length > 4 && field(4) !== '') {
        row.descriptionZh = field(4);
      }
      if (header.length > 5 && field(5) !== '') {
        row.descriptionEn = field(5);
      }
      rows.push(row);
    }
  });
  if (header === undefined) {
    problems.push(problem(1, 1, '', 'customs.tariff_bad_header', 'the file has no header row'));
  }
  if (problems.length > 0) {
    refuse(problems);
  }
  return tariffTable(rows);
};
