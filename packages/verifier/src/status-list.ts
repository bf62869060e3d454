// W3C Bitstring Status List v1.0 (Recommendation, 15 May 2025): the `encodedList` of a
// BitstringStatusListCredential is the multibase base64url (prefix `u`, no padding) of the GZIP of a
// bitstring of at least 131,072 bits, where index 0 is the most significant bit of the first byte.
// The same code encodes the lists the hub publishes and decodes the lists a verifier is shown.

import { fromBase64Url, toBase64Url } from '@tradehub/kernel';
import { newCompressionStream, newDecompressionStream, transformBytes } from './web-platform.ts';

/** The multibase prefix of unpadded base64url. */
export const MULTIBASE_BASE64URL_PREFIX = 'u';

/** The fewest entries a list may have (the spec's herd-privacy minimum): 16 KiB of bits. */
export const MIN_STATUS_LIST_BITS = 131_072;

/**
 * The largest decompressed list this verifier expands: 8 MiB, 67 million entries. GZIP compresses
 * zeros about a thousandfold, so without a bound a one-megabyte bundle could expand to a gigabyte.
 */
export const MAX_STATUS_LIST_BYTES = 8 * 1024 * 1024;

/** The longest `encodedList` text accepted before any decoding. */
export const MAX_ENCODED_LIST_CHARS = 1024 * 1024;

/** Why an encoded list was refused. */
export type StatusListErrorReason =
  | 'not_a_string'
  | 'too_long'
  | 'missing_prefix'
  | 'invalid_base64url'
  | 'invalid_gzip'
  | 'too_large'
  | 'too_short'
  | 'unsupported';

/** A decoded list, or why it could not be decoded. `unsupported`: the engine has no DecompressionStream. */
export type StatusListDecodeResult =
  | { ok: true; bits: Uint8Array }
  | { ok: false; reason: StatusListErrorReason; message: string };

function fail(reason: StatusListErrorReason, message: string): StatusListDecodeResult {
  return { ok: false, reason, message };
}

/**
 * Decodes an `encodedList` into its bitstring bytes. Refuses lists shorter than the spec's minimum
 * and stops expanding past `maxBytes`. Never throws.
 */
export async function decodeStatusList(
  encodedList: unknown,
  maxBytes: number = MAX_STATUS_LIST_BYTES,
): Promise<StatusListDecodeResult> {
  if (typeof encodedList !== 'string') {
    return fail('not_a_string', 'encodedList must be a string');
  }
  if (encodedList.length > MAX_ENCODED_LIST_CHARS) {
    return fail('too_long', `encodedList is longer than ${MAX_ENCODED_LIST_CHARS} characters`);
  }
  if (!encodedList.startsWith(MULTIBASE_BASE64URL_PREFIX)) {
    return fail('missing_prefix', 'encodedList must be multibase base64url, starting with "u"');
  }
  let compressed: Uint8Array;
  try {
    compressed = fromBase64Url(encodedList.slice(MULTIBASE_BASE64URL_PREFIX.length));
  } catch {
    return fail('invalid_base64url', 'encodedList is not unpadded base64url after its "u" prefix');
  }
  const expanded = await transformBytes(newDecompressionStream('gzip'), compressed, maxBytes);
  if (!expanded.ok) {
    switch (expanded.reason) {
      case 'unavailable':
        return fail('unsupported', 'this JavaScript engine has no DecompressionStream for gzip');
      case 'too_large':
        return fail('too_large', `the list expands beyond ${maxBytes} bytes`);
      default:
        return fail('invalid_gzip', 'encodedList is not valid GZIP data');
    }
  }
  if (expanded.bytes.length * 8 < MIN_STATUS_LIST_BITS) {
    return fail('too_short', `a status list has at least ${MIN_STATUS_LIST_BITS} entries`);
  }
  return { ok: true, bits: expanded.bytes };
}

/** The `encodedList` of a bitstring (at least MIN_STATUS_LIST_BITS bits). Throws RangeError on a short one. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  if (bits.length * 8 < MIN_STATUS_LIST_BITS) {
    throw new RangeError(`a status list has at least ${MIN_STATUS_LIST_BITS} bits`);
  }
  const compressed = await transformBytes(newCompressionStream('gzip'), bits, Number.MAX_SAFE_INTEGER);
  if (!compressed.ok) {
    throw new RangeError('this JavaScript engine has no CompressionStream for gzip');
  }
  return `${MULTIBASE_BASE64URL_PREFIX}${toBase64Url(compressed.bytes)}`;
}

/** An empty (all zero) bitstring of `entries` entries, rounded up to whole bytes and the spec minimum. */
export function newStatusBits(entries: number = MIN_STATUS_LIST_BITS): Uint8Array {
  return new Uint8Array(Math.ceil(Math.max(entries, MIN_STATUS_LIST_BITS) / 8));
}

/** The bit at `index` (0 = most significant bit of byte 0), or undefined when outside the list. */
export function readStatusBit(bits: Uint8Array, index: number): boolean | undefined {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    return undefined;
  }
  return (((bits[Math.floor(index / 8)] as number) >> (7 - (index % 8))) & 1) === 1;
}

/** Sets or clears the bit at `index` in place. Throws RangeError outside the list. */
export function writeStatusBit(bits: Uint8Array, index: number, value: boolean): void {
  if (readStatusBit(bits, index) === undefined) {
    throw new RangeError(`status index ${index} is outside a list of ${bits.length * 8} entries`);
  }
  const at = Math.floor(index / 8);
  const mask = 1 << (7 - (index % 8));
  bits[at] = value ? (bits[at] as number) | mask : (bits[at] as number) & ~mask;
}

const DECIMAL_INDEX = /^(0|[1-9][0-9]{0,15})$/;

/** A `statusListIndex` (a base-10 string) as a number, or undefined when it is not one this verifier handles. */
export function parseStatusListIndex(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DECIMAL_INDEX.test(value)) {
    return undefined;
  }
  const index = Number(value);
  return Number.isSafeInteger(index) ? index : undefined;
}
