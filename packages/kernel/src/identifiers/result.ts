import type { FieldError, KernelFieldErrorCode } from '../errors.ts';

/** Outcome of an identifier validator: the normalised value, or a field error code and an English message. */
export type ValidationResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code: KernelFieldErrorCode; readonly message: string };

/** A successful result holding the normalised value. */
export function valid(value: string): ValidationResult {
  return { ok: true, value };
}

/** A failed result. */
export function invalid(code: KernelFieldErrorCode, message: string): ValidationResult {
  return { ok: false, code, message };
}

/** The FieldError for a failed result (for AppError.fieldErrors), or null when the result is valid. */
export function toFieldError(field: string, result: ValidationResult): FieldError | null {
  return result.ok ? null : { field, code: result.code, message: result.message };
}

/**
 * The common first checks of fixed-length codes: present, exact length, allowed characters. Returns a
 * failed result, or null when the value may go on to the scheme's own checks.
 */
export function checkShape(
  value: string,
  label: string,
  length: number,
  pattern: RegExp,
): ValidationResult | null {
  if (value === '') {
    return invalid('kernel.required', `${label} is required`);
  }
  if (value.length < length) {
    return invalid('kernel.too_short', `${label} must have ${length} characters, got ${value.length}`);
  }
  if (value.length > length) {
    return invalid('kernel.too_long', `${label} must have ${length} characters, got ${value.length}`);
  }
  if (!pattern.test(value)) {
    return invalid('kernel.invalid_format', `${label} has characters that are not allowed in it`);
  }
  return null;
}

/** Upper-cases `input` and removes surrounding whitespace; non-strings become ''. */
export function normaliseCode(input: unknown): string {
  return typeof input === 'string' ? input.trim().toUpperCase() : '';
}
