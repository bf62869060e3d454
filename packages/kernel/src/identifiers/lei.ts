import { assert } from '../errors.ts';
import { checkShape, invalid, normaliseCode, type ValidationResult, valid } from './result.ts';

// ISO 17442: 18 alphanumeric characters, then two check digits.
const LEI_PATTERN = /^[0-9A-Z]{18}\d{2}$/;

// ISO 7064 MOD 97-10 over an alphanumeric string, letters counting as two digits (A = 10 ... Z = 35).
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = Number.parseInt(char, 36);
    assert(!Number.isNaN(value), `mod97: ${JSON.stringify(char)} is not alphanumeric`);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

/** The two ISO 17442 check digits (02-98) for the first 18 characters of a Legal Entity Identifier. */
export function leiCheckDigits(first18: string): string {
  assert(first18.length === 18, 'leiCheckDigits: expected the first 18 characters');
  return String(98 - mod97(`${first18}00`)).padStart(2, '0');
}

/**
 * Validates a Legal Entity Identifier (ISO 17442): 20 characters whose MOD 97-10 value is 1. The check
 * digits are compared with the computed ones, so the congruent but non-standard `00`, `01` and `99` fail.
 */
export function validateLei(input: unknown): ValidationResult {
  const value = normaliseCode(input);
  const shapeError = checkShape(value, 'A Legal Entity Identifier', 20, LEI_PATTERN);
  if (shapeError !== null) {
    return shapeError;
  }
  if (leiCheckDigits(value.slice(0, 18)) !== value.slice(18)) {
    return invalid('kernel.invalid_check_digit', 'The check digits of the Legal Entity Identifier are wrong');
  }
  return valid(value);
}
