import type { FieldError } from '@tradehub/kernel';

/** The largest subject, in bytes of its canonical (RFC 8785) form. */
export const MAX_SUBJECT_BYTES = 64 * 1024;
/** Nesting beyond this is refused: no trade document needs it, and deep input costs stack. */
export const MAX_SUBJECT_DEPTH = 32;

/** Members the hub writes into `credentialSubject` itself. */
const RESERVED = new Set(['type', 'documentNumber']);

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else {
      bytes += 3;
    }
  }
  return bytes;
};

/**
 * Field errors of a document subject (`field` paths start with `prefix`): reserved members, any
 * number that is not a safe integer (amounts and measures travel as decimal strings, so no float
 * ever rounds a price and every verifier canonicalises the same digits), too deep, too large.
 */
export const checkSubject = (subject: Record<string, unknown>, prefix: string): FieldError[] => {
  const errors: FieldError[] = [];
  for (const key of Object.keys(subject)) {
    if (RESERVED.has(key)) {
      errors.push({
        field: `${prefix}.${key}`,
        code: 'documents.reserved_field',
        message: `${key} is set by the hub from documentType and documentNumber`,
      });
    }
  }
  let tooDeep = false;
  const walk = (value: unknown, path: string, depth: number) => {
    if (errors.length >= 20 || tooDeep) {
      return;
    }
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        errors.push({
          field: path,
          code: 'documents.number_not_integer',
          message: 'numbers must be whole; write decimals (amounts, weights) as strings',
        });
      }
      return;
    }
    if (value === null || typeof value !== 'object') {
      return;
    }
    if (depth > MAX_SUBJECT_DEPTH) {
      tooDeep = true;
      errors.push({
        field: path,
        code: 'kernel.invalid_format',
        message: `nested more than ${MAX_SUBJECT_DEPTH} levels`,
      });
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        walk(item, `${path}.${i}`, depth + 1);
      }
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      walk(item, `${path}.${key}`, depth + 1);
    }
  };
  walk(subject, prefix, 0);
  if (errors.length === 0 && utf8Length(JSON.stringify(subject)) > MAX_SUBJECT_BYTES) {
    // JSON.stringify differs from the canonical form only in member order, so the length is the same.
    errors.push({
      field: prefix,
      code: 'documents.subject_too_large',
      message: `at most ${MAX_SUBJECT_BYTES} bytes`,
    });
  }
  return errors;
};
