import { assert } from '../errors.ts';
import { checkShape, invalid, normaliseCode, type ValidationResult, valid } from './result.ts';

// GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence, check character.
const PRC_ID_PATTERN = /^\d{17}[\dX]$/;
const PRC_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PRC_ID_CHECK_CHARACTERS = '10X98765432';
const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;
const EARLIEST_BIRTH_YEAR = 1800;

/** Options of validatePrcIdNumber. */
export type PrcIdNumberOptions = {
  /** Today's date as `YYYY-MM-DD`, against which birth dates may not lie in the future; defaults to today in China. */
  today?: string;
};

/** The GB 11643-1999 check character (0-9 or X) for the first 17 digits of a PRC resident identity number. */
export function prcIdCheckCharacter(first17: string): string {
  assert(/^\d{17}$/.test(first17), 'prcIdCheckCharacter: expected the first 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (PRC_ID_WEIGHTS[i] as number);
  }
  return PRC_ID_CHECK_CHARACTERS.charAt(sum % 11);
}

function chinaToday(): string {
  return new Date(Date.now() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 10);
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkBirthDate(birthDate: string, today: string): ValidationResult | null {
  assert(/^\d{4}-\d{2}-\d{2}$/.test(today), 'validatePrcIdNumber: options.today must be YYYY-MM-DD');
  if (!isRealDate(birthDate) || Number(birthDate.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
    return invalid('kernel.invalid_format', 'The birth date in the identity number is not a real date');
  }
  if (birthDate > today.replaceAll('-', '')) {
    return invalid('kernel.invalid_format', 'The birth date in the identity number is in the future');
  }
  return null;
}

/**
 * Validates an 18-character PRC resident identity number (居民身份证号码, GB 11643-1999): digits, a
 * real birth date that is not in the future, and the MOD 11-2 check character (a lower-case x is accepted).
 */
export function validatePrcIdNumber(input: unknown, options: PrcIdNumberOptions = {}): ValidationResult {
  const value = normaliseCode(input);
  const shapeError =
    checkShape(value, 'An identity number', 18, PRC_ID_PATTERN) ??
    checkBirthDate(value.slice(6, 14), options.today ?? chinaToday());
  if (shapeError !== null) {
    return shapeError;
  }
  if (prcIdCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    return invalid('kernel.invalid_check_digit', 'The check character of the identity number is wrong');
  }
  return valid(value);
}

/**
 * The identity number with all but the first 3 and last 2 characters replaced by `*`, keeping its
 * length (`110*************2X`); strings of 5 characters or fewer are masked completely.
 */
export function maskPrcIdNumber(id: string): string {
  if (id.length <= 5) {
    return '*'.repeat(id.length);
  }
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;
}
