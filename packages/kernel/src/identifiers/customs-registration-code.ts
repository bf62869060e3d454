import { checkShape, normaliseCode, type ValidationResult, valid } from './result.ts';

const CUSTOMS_CODE_PATTERN = /^[0-9A-Z]{10}$/;

/**
 * Validates a China Customs registration code (海关注册编码): 10 letters or digits. The code has no
 * public check digit, so only its shape can be checked.
 */
export function validateCustomsRegistrationCode(input: unknown): ValidationResult {
  const value = normaliseCode(input);
  return checkShape(value, 'A customs registration code', 10, CUSTOMS_CODE_PATTERN) ?? valid(value);
}
