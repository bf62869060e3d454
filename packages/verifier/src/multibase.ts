// Base58-btc, the multibase `z` prefix, Ed25519 Multikey (`publicKeyMultibase`) and `did:key`, as used by
// W3C Data Integrity and Controlled Identifiers v1.0. Decoders are strict and return results instead of
// throwing, because their input comes from documents the verifier does not trust.
import { AppError } from '@tradehub/kernel';

/** Why a base58-btc, multibase, Multikey or did:key text was rejected. */
export type MultibaseErrorReason =
  | 'not_a_string'
  | 'too_long'
  | 'invalid_character'
  | 'missing_prefix'
  | 'wrong_codec'
  | 'wrong_length'
  | 'not_did_key';

/** The outcome of a strict decode: the value, or why the input was rejected. */
export type DecodeResult<T> = { ok: true; value: T } | { ok: false; reason: MultibaseErrorReason };

/** The AppError codes this module throws (only when encoding a caller's malformed key). */
export const MULTIBASE_ERROR_CODES = ['verifier.invalid_public_key'] as const;

/** The Bitcoin base58 alphabet: no 0, O, I or l. */
export const BASE58_BTC_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The multibase prefix of base58-btc. */
export const MULTIBASE_BASE58_BTC_PREFIX = 'z';

/** The longest base58 text the decoders accept; decoding is quadratic, so untrusted input is capped. */
export const MAX_BASE58_TEXT_LENGTH = 4096;

/** The multicodec header of an Ed25519 public key (varint 0xed), the first bytes of a Multikey. */
export const ED25519_PUB_MULTICODEC: readonly number[] = [0xed, 0x01];

/** The size of a raw Ed25519 public key in bytes. */
export const ED25519_PUBLIC_KEY_BYTES = 32;

const DID_KEY_PREFIX = 'did:key:';
const ZERO_DIGIT = BASE58_BTC_ALPHABET.charAt(0);

// ASCII code -> digit value, or -1; anything outside ASCII is invalid.
const DIGIT_OF = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE58_BTC_ALPHABET.length; i++) {
    table[BASE58_BTC_ALPHABET.charCodeAt(i)] = i;
  }
  return table;
})();

function fail<T>(reason: MultibaseErrorReason): DecodeResult<T> {
  return { ok: false, reason };
}

// Repeated division of a big-endian base-`from` number into little-endian base-`to` digits.
function convertDigits(source: ArrayLike<number>, start: number, from: number, to: number): number[] {
  const digits: number[] = [];
  for (let i = start; i < source.length; i++) {
    let carry = source[i] as number;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] as number) * from;
      digits[j] = carry % to;
      carry = Math.floor(carry / to);
    }
    while (carry > 0) {
      digits.push(carry % to);
      carry = Math.floor(carry / to);
    }
  }
  return digits;
}

function countLeading(values: ArrayLike<number>, zero: number): number {
  let count = 0;
  while (count < values.length && values[count] === zero) {
    count++;
  }
  return count;
}

/** The base58-btc text of `bytes`; each leading zero byte becomes a leading `1`. */
export function encodeBase58Btc(bytes: Uint8Array): string {
  const zeros = countLeading(bytes, 0);
  const digits = convertDigits(bytes, zeros, 256, 58);
  let text = ZERO_DIGIT.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) {
    text += BASE58_BTC_ALPHABET.charAt(digits[i] as number);
  }
  return text;
}

function digitsOf(text: string): number[] | undefined {
  const values: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (DIGIT_OF[code] as number) : -1;
    if (digit < 0) {
      return undefined;
    }
    values.push(digit);
  }
  return values;
}

/** The bytes of a base58-btc text; rejects characters outside the alphabet and over-long input. */
export function decodeBase58Btc(text: unknown): DecodeResult<Uint8Array> {
  if (typeof text !== 'string') {
    return fail('not_a_string');
  }
  if (text.length > MAX_BASE58_TEXT_LENGTH) {
    return fail('too_long');
  }
  const values = digitsOf(text);
  if (values === undefined) {
    return fail('invalid_character');
  }
  const zeros = countLeading(values, 0);
  const bytes = convertDigits(values, zeros, 58, 256);
  const result = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    result[zeros + i] = bytes[bytes.length - 1 - i] as number;
  }
  return { ok: true, value: result };
}

/** The multibase base58-btc text (`z…`) of `bytes`. */
export function encodeMultibaseBase58Btc(bytes: Uint8Array): string {
  return MULTIBASE_BASE58_BTC_PREFIX + encodeBase58Btc(bytes);
}

/** The bytes of a multibase text; only the base58-btc (`z`) encoding is accepted. */
export function decodeMultibaseBase58Btc(text: unknown): DecodeResult<Uint8Array> {
  if (typeof text !== 'string') {
    return fail('not_a_string');
  }
  if (!text.startsWith(MULTIBASE_BASE58_BTC_PREFIX)) {
    return fail('missing_prefix');
  }
  return decodeBase58Btc(text.slice(MULTIBASE_BASE58_BTC_PREFIX.length));
}

function assertEd25519PublicKey(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new AppError('verifier.invalid_public_key', 'An Ed25519 public key must be 32 bytes', {
      details: { length: publicKey instanceof Uint8Array ? publicKey.length : null },
    });
  }
}

/** The Multikey `publicKeyMultibase` (`z6Mk…`) of a raw 32-byte Ed25519 public key. */
export function encodeEd25519Multikey(publicKey: Uint8Array): string {
  assertEd25519PublicKey(publicKey);
  const bytes = new Uint8Array(ED25519_PUB_MULTICODEC.length + ED25519_PUBLIC_KEY_BYTES);
  bytes.set(ED25519_PUB_MULTICODEC, 0);
  bytes.set(publicKey, ED25519_PUB_MULTICODEC.length);
  return encodeMultibaseBase58Btc(bytes);
}

/** The raw 32-byte Ed25519 public key of a `publicKeyMultibase`; any other multicodec is rejected. */
export function decodeEd25519Multikey(text: unknown): DecodeResult<Uint8Array> {
  const decoded = decodeMultibaseBase58Btc(text);
  if (!decoded.ok) {
    return decoded;
  }
  const bytes = decoded.value;
  const header = ED25519_PUB_MULTICODEC.length;
  // vc-di-eddsa §2.1.1: any header but 0xed01 (e.g. a secret key's 0x8026) must raise an error.
  if (bytes.length < header || ED25519_PUB_MULTICODEC.some((byte, i) => bytes[i] !== byte)) {
    return fail('wrong_codec');
  }
  if (bytes.length !== header + ED25519_PUBLIC_KEY_BYTES) {
    return fail('wrong_length');
  }
  return { ok: true, value: bytes.slice(header) };
}

/** The `did:key` DID (`did:key:z6Mk…`) of a raw 32-byte Ed25519 public key. */
export function encodeEd25519DidKey(publicKey: Uint8Array): string {
  return DID_KEY_PREFIX + encodeEd25519Multikey(publicKey);
}

/** The `did:key:z6Mk…#z6Mk…` verification method URL of a raw Ed25519 public key. */
export function encodeEd25519DidKeyVerificationMethod(publicKey: Uint8Array): string {
  const multikey = encodeEd25519Multikey(publicKey);
  return `${DID_KEY_PREFIX}${multikey}#${multikey}`;
}

/** The raw Ed25519 public key of `did:key:z6Mk…`, or of `did:key:z6Mk…#z6Mk…` with a matching fragment. */
export function decodeEd25519DidKey(did: unknown): DecodeResult<Uint8Array> {
  if (typeof did !== 'string') {
    return fail('not_a_string');
  }
  if (!did.startsWith(DID_KEY_PREFIX)) {
    return fail('not_did_key');
  }
  const [multikey = '', fragment, ...rest] = did.slice(DID_KEY_PREFIX.length).split('#');
  // The did:key method only defines the fragment that repeats the key; anything else names another key.
  if (rest.length > 0 || (fragment !== undefined && fragment !== multikey)) {
    return fail('not_did_key');
  }
  return decodeEd25519Multikey(multikey);
}
