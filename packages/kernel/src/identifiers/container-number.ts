import { assert } from '../errors.ts';
import { checkShape, invalid, type ValidationResult, valid } from './result.ts';

// Owner code (3 letters), equipment category (U freight container, J detachable equipment, Z trailer or
// chassis), 6-digit serial number, check digit.
const CONTAINER_PATTERN = /^[A-Z]{3}[UJZ]\d{7}$/;

// ISO 6346 letter values count up from A = 10 but skip multiples of 11 (11, 22, 33).
const LETTER_VALUES = new Map<string, number>();
for (let code = 65, value = 10; code <= 90; code++, value++) {
  value += value % 11 === 0 ? 1 : 0;
  LETTER_VALUES.set(String.fromCharCode(code), value);
}

function characterValue(char: string): number {
  const value = /\d/.test(char) ? Number(char) : LETTER_VALUES.get(char);
  assert(value !== undefined, `containerCheckDigit: ${JSON.stringify(char)} is not a digit or A-Z`);
  return value;
}

/**
 * The ISO 6346 check digit for the first 10 characters of a container number: the sum of the values
 * weighted 2^position, mod 11, mod 10 (ISO advises against serials whose remainder is 10, which gives 0).
 */
export function containerCheckDigit(first10: string): string {
  assert(first10.length === 10, 'containerCheckDigit: expected the first 10 characters');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    sum += characterValue(first10.charAt(i)) * 2 ** i;
  }
  return String((sum % 11) % 10);
}

/**
 * Validates an ISO 6346 container number such as `CSQU3054383`; spaces and hyphens, as printed on
 * container doors (`CSQU 305438 3`), are removed first.
 */
export function validateContainerNumber(input: unknown): ValidationResult {
  const value = typeof input === 'string' ? input.replace(/[\s-]/g, '').toUpperCase() : '';
  const shapeError = checkShape(value, 'A container number', 11, CONTAINER_PATTERN);
  if (shapeError !== null) {
    return shapeError;
  }
  if (containerCheckDigit(value.slice(0, 10)) !== value.charAt(10)) {
    return invalid('kernel.invalid_check_digit', 'The check digit of the container number is wrong');
  }
  return valid(value);
}
