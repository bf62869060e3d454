// RFC 8785 (JCS) for the verifier's hot path. The kernel's canonicalize tracks the JSON path of
// every value for its error messages, which costs a string per value; this one does not, and
// answers undefined for anything that is not plain JSON data (lone surrogates, non-finite
// numbers, class instances, undefined, cycles, very deep nesting), so the caller can ask the
// kernel for the exact error. For plain JSON data both give the same text (fast-jcs.test.ts).

import { canonicalize } from '@tradehub/kernel';

const MAX_DEPTH = 200;

type WellFormed = { isWellFormed?: () => boolean };
const hasIsWellFormed = typeof ('' as unknown as WellFormed).isWellFormed === 'function';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(value: string): boolean {
  return hasIsWellFormed
    ? (value as unknown as Required<WellFormed>).isWellFormed()
    : !LONE_SURROGATE.test(value);
}

// Thrown internally to leave the fast path; never escapes this file.
const NOT_PLAIN = Symbol('not plain JSON');

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (!wellFormed(value)) {
        throw NOT_PLAIN;
      }
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw NOT_PLAIN;
      }
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) {
        return 'null';
      }
      if (depth > MAX_DEPTH) {
        throw NOT_PLAIN;
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          out += (i === 0 ? '' : ',') + write(value[i], depth + 1);
        }
        return `${out}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw NOT_PLAIN;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        if (!wellFormed(key)) {
          throw NOT_PLAIN;
        }
        out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${write(record[key], depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      throw NOT_PLAIN;
  }
}

/**
 * The JCS text of `value`, as the kernel's canonicalize gives it; throws the kernel's AppError
 * (with the JSON path) for what is not JSON data.
 */
export function canonicalizeJson(value: unknown): string {
  try {
    return write(value, 0);
  } catch (error) {
    if (error !== NOT_PLAIN && !(error instanceof RangeError)) {
      throw error;
    }
    // The kernel finds the problem again and names where it is (a RangeError is a stack overflow).
    return canonicalize(value);
  }
}
