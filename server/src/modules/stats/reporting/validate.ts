import { isCountryCode } from '@tradehub/kernel';
import { type CellDefinition, cellOf, type FormDefinition, TOP_PARTNERS } from './forms.ts';

/** A report's cells as filled: cell name to text, as typed, uploaded or sent. */
export type CellValues = Readonly<Record<string, string>>;

/** One problem with one cell: an error blocks submission, a warning needs a confirmed reason. */
export type Issue = {
  cell: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
};

/** How far a month may move from the last accepted one before the enterprise must confirm it. */
export const JUMP_FACTOR = 3n;
const MAX_TEXT = 200;

const decimalPattern = /^-?\d{1,20}(\.\d{1,12})?$/;

/** A decimal string as a scaled integer (12 places), so comparisons never pass through a float. */
const scaled = (text: string): bigint => {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
  return negative ? -value : value;
};

/** Why a cell's text is not a value of its type, or undefined when it is one. */
export const formatProblem = (
  cell: CellDefinition,
  text: string,
): { code: string; message: string } | undefined => {
  switch (cell.type) {
    case 'money':
      if (/^-\d+$/.test(text)) {
        return { code: 'stats.report_negative', message: 'Amounts cannot be negative.' };
      }
      return /^\d{1,18}$/.test(text)
        ? undefined
        : { code: 'stats.report_not_a_number', message: 'Give the amount in whole US cents, digits only.' };
    case 'integer':
      return /^-?\d{1,18}$/.test(text)
        ? undefined
        : { code: 'stats.report_not_a_number', message: 'Give a whole number.' };
    case 'percentage':
    case 'decimal':
      return decimalPattern.test(text)
        ? undefined
        : { code: 'stats.report_not_a_number', message: 'Give a decimal number such as 0.35.' };
    case 'yes_no':
      return text === 'yes' || text === 'no'
        ? undefined
        : { code: 'stats.report_invalid_value', message: 'Answer yes or no.' };
    case 'text':
      if (text.length > MAX_TEXT) {
        return { code: 'stats.report_invalid_value', message: `At most ${MAX_TEXT} characters.` };
      }
      if (/^partners\.\d+\.country$/.test(cell.name) && !isCountryCode(text)) {
        return { code: 'stats.report_invalid_value', message: 'Give an ISO 3166 country code such as US.' };
      }
      return undefined;
  }
};

const numeric = (cell: CellDefinition) => cell.type !== 'text' && cell.type !== 'yes_no';

const present = (values: CellValues, name: string) => {
  const text = values[name];
  return text === undefined || text.trim() === '' ? undefined : text.trim();
};

/** Cents of a well-formed money cell, or undefined when it is empty or not an amount. */
const cents = (values: CellValues, name: string): bigint | undefined => {
  const text = present(values, name);
  return text !== undefined && /^\d{1,18}$/.test(text) ? BigInt(text) : undefined;
};

/**
 * Every problem of a report's values against its form: required cells, formats, ranges, totals,
 * partners within the total, and (with the last accepted period's values) month-on-month jumps.
 */
export const validateValues = (form: FormDefinition, values: CellValues, previous?: CellValues): Issue[] => {
  const issues: Issue[] = [];
  const error = (cell: string, code: string, message: string) =>
    issues.push({ cell, code, severity: 'error', message });
  for (const name of Object.keys(values)) {
    if (cellOf(form, name) === undefined) {
      error(name, 'stats.report_unknown_cell', `The form has no cell ${name}.`);
    }
  }
  for (const cell of form.cells) {
    const text = present(values, cell.name);
    if (text === undefined) {
      if (cell.required) {
        error(cell.name, 'stats.report_required', 'This cell is required.');
      }
      continue;
    }
    const problem = formatProblem(cell, text);
    if (problem !== undefined) {
      error(cell.name, problem.code, problem.message);
      continue;
    }
    if (numeric(cell)) {
      const value = scaled(text);
      if (cell.min !== undefined && value < scaled(cell.min)) {
        error(
          cell.name,
          cell.min === '0' ? 'stats.report_negative' : 'stats.report_out_of_range',
          `Give at least ${cell.min}.`,
        );
      } else if (cell.max !== undefined && value > scaled(cell.max)) {
        error(cell.name, 'stats.report_out_of_range', `Give at most ${cell.max}.`);
      }
    }
  }
  for (const { total, parts } of form.totals) {
    const totalCents = cents(values, total);
    const partCents = parts.map((part) => cents(values, part));
    if (totalCents === undefined || partCents.some((part) => part === undefined)) {
      continue;
    }
    const sum = partCents.reduce<bigint>((acc, part) => acc + (part ?? 0n), 0n);
    if (sum !== totalCents) {
      error(total, 'stats.report_total_mismatch', `The total must equal the sum of its parts (${sum}).`);
    }
  }
  if (form.code === 'monthly_services') {
    for (const flow of ['export', 'import']) {
      const total = cents(values, `rows.total.${flow}`);
      let partners = 0n;
      for (let rank = 1; rank <= TOP_PARTNERS; rank += 1) {
        const amount = cents(values, `partners.${rank}.${flow}`);
        partners += amount ?? 0n;
        if (
          amount !== undefined &&
          amount > 0n &&
          present(values, `partners.${rank}.country`) === undefined
        ) {
          error(`partners.${rank}.country`, 'stats.report_required', 'Name the partner country.');
        }
      }
      if (total !== undefined && partners > total) {
        error(
          `partners.1.${flow}`,
          'stats.report_partners_exceed_total',
          'The top partners together cannot exceed the total.',
        );
      }
    }
  }
  if (previous !== undefined) {
    for (const name of form.jumpChecked) {
      const now = cents(values, name);
      const before = cents(previous, name);
      if (now === undefined || before === undefined || before === 0n) {
        continue;
      }
      if (now >= before * JUMP_FACTOR || now * JUMP_FACTOR <= before) {
        issues.push({
          cell: name,
          code: 'stats.report_jump',
          severity: 'warning',
          message: `Last accepted period: ${before}. Confirm the change with a reason, or correct it.`,
        });
      }
    }
  }
  return issues;
};
