import { assert } from '../errors.ts';
import { checkShape, invalid, normaliseCode, type ValidationResult, valid } from './result.ts';

// GB 32100-2015: the 31 characters allowed, in the order of their values 0-30 (no I, O, S, V, Z).
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Positions 3-8 are the GB/T 2260 administrative division code, which is always numeric.
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The GB 32100-2015 check character for the first 17 characters of a Unified Social Credit Code. */
export function usccCheckCharacter(first17: string): string {
  assert(first17.length === 17, 'usccCheckCharacter: expected the first 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    assert(value >= 0, `usccCheckCharacter: ${JSON.stringify(first17.charAt(i))} is not a USCC character`);
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates a Chinese Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters and
 * the mod-31 check character. The embedded organisation code's own check digit is not checked.
 */
export function validateUscc(input: unknown): ValidationResult {
  const value = normaliseCode(input);
  const shapeError = checkShape(value, 'A Unified Social Credit Code', 18, USCC_PATTERN);
  if (shapeError !== null) {
    return shapeError;
  }
  if (usccCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    return invalid(
      'kernel.invalid_check_digit',
      'The check character of the Unified Social Credit Code is wrong',
    );
  }
  return valid(value);
}
