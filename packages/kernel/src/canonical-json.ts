import { utf8Encode } from './encoding.ts';
import { AppError } from './errors.ts';

/** A value that JSON can represent exactly. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function notCanonicalizable(what: string, path: string): AppError {
  return new AppError('kernel.invalid_json_value', `Cannot canonicalize ${what} at ${path}: not JSON data`, {
    details: { path },
  });
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${path}[${key}]`;
  }
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

// RFC 8785 §3.2.2.2: ECMAScript's JSON.stringify escaping; I-JSON (RFC 7493) forbids lone surrogates.
function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw notCanonicalizable('a string with a lone surrogate', path);
  }
  return JSON.stringify(value);
}

// RFC 8785 §3.2.2.3: ECMAScript Number-to-String, which also writes -0 as 0.
function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw notCanonicalizable(String(value), path);
  }
  return String(value);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function serializeArray(value: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    parts.push(serialize(value[i], childPath(path, i), ancestors));
  }
  return `[${parts.join(',')}]`;
}

// RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names, which is what sort() compares.
function serializeObject(value: Record<string, unknown>, path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const memberPath = childPath(path, key);
    parts.push(`${serializeString(key, memberPath)}:${serialize(value[key], memberPath, ancestors)}`);
  }
  return `{${parts.join(',')}}`;
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) {
    throw notCanonicalizable('a circular reference', path);
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return serializeArray(value, path, ancestors);
    }
    if (isPlainObject(value)) {
      return serializeObject(value, path, ancestors);
    }
    throw notCanonicalizable(`an instance of ${value.constructor?.name ?? 'a class'}`, path);
  } finally {
    ancestors.delete(value);
  }
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'number':
      return serializeNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : serializeContainer(value, path, ancestors);
    default:
      // bigint, undefined, function and symbol have no JSON form; failing beats silently dropping them.
      throw notCanonicalizable(`a value of type ${typeof value}`, path);
  }
}

/**
 * The RFC 8785 (JCS) canonical JSON text of a value: sorted keys, ECMAScript numbers, no whitespace.
 * Throws AppError `kernel.invalid_json_value` (with the JSON path) for anything that is not JSON data.
 */
export function canonicalize(value: unknown): string {
  return serialize(value, '$', new Set());
}

/** The UTF-8 bytes of `canonicalize(value)`, ready for hashing or signing. */
export function canonicalizeToBytes(value: unknown): Uint8Array {
  return utf8Encode(canonicalize(value));
}
