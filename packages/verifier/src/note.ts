// C2SP signed notes (c2sp.org/signed-note): Ed25519 keys in the vkey/skey text forms of
// golang.org/x/mod/sumdb/note, signing, and opening a note against a set of trusted keys.
// Opening never throws: every problem with the note bytes is a result with a reason code.

import { ed25519 } from '@noble/curves/ed25519.js';
import { AppError, sha256, toHex, utf8Decode, utf8Encode } from '@tradehub/kernel';

/** The signed-note signature type byte of plain Ed25519 signatures over the note text. */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** The largest note openNote reads, in bytes; bigger inputs are refused before any parsing. */
export const MAX_NOTE_BYTES = 1024 * 1024;
/** The most signature lines openNote reads; the spec asks verifiers to accept at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const ED25519_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
const KEY_ID_BYTES = 4;
const SIGNATURE_PREFIX = '\u2014 ';
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Character code -> six-bit value, or -1: a table lookup per character, as tlog proofs are decoded in bulk.
const BASE64_VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) {
    table[BASE64_ALPHABET.charCodeAt(i)] = i;
  }
  return table;
})();
// Go's unicode.IsSpace, which is what the reference implementation uses for key names.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const KEY_HASH_HEX = /^[0-9a-f]{8}$/;

/** Standard padded base64 (RFC 4648 §4), the encoding of every binary field in notes and checkpoints. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const remaining = bytes.length - i;
    const triple = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    for (let j = 0; j < 4; j++) {
      out += j <= remaining ? BASE64_ALPHABET[(triple >> (18 - 6 * j)) & 0x3f] : '=';
    }
  }
  return out;
}

/**
 * Bytes from standard padded base64, or undefined. Strict so every byte string has one encoding:
 * missing or extra padding, other alphabets and non-zero leftover bits are all refused.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) {
    return undefined;
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const body = text.slice(0, text.length - padding);
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? (BASE64_VALUES[code] as number) : -1;
    if (value < 0) {
      return undefined;
    }
    buffer = ((buffer << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return (buffer & ((1 << bits) - 1)) === 0 ? out : undefined;
}

/** True when the text holds an ASCII control character other than newline, which notes forbid. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) {
      return true;
    }
  }
  return false;
}

/** True for a valid key name: non-empty, well-formed, no Unicode space, no '+', no control character. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 &&
    !name.includes('+') &&
    !UNICODE_SPACE.test(name) &&
    !hasControlCharacter(name) &&
    !LONE_SURROGATE.test(name)
  );
}

/** The 32-bit key ID: the first four bytes, big-endian, of SHA-256(name || 0x0A || type || public key). */
export function computeKeyHash(name: string, signatureType: number, publicKey: Uint8Array): number {
  const nameBytes = utf8Encode(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = signatureType;
  input.set(publicKey, nameBytes.length + 2);
  return readUint32(sha256(input), 0);
}

/** A key hash as the eight lower-case hex digits used in key texts and messages. */
export function formatKeyHash(keyHash: number): string {
  return keyHash.toString(16).padStart(8, '0');
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}

function uint32Bytes(value: number): Uint8Array {
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A trusted public key that checks note signatures of one signature type. */
export type NoteVerifier = {
  readonly name: string;
  readonly keyHash: number;
  readonly signatureType: number;
  readonly publicKey: Uint8Array;
  /** Checks `signature` (the bytes after the key ID) over the note text; never throws. */
  readonly verify: (text: Uint8Array, signature: Uint8Array) => boolean;
};

/** A private Ed25519 key with its name; `sign` signs any bytes, so keep it away from untrusted input. */
export type NoteSigner = {
  readonly name: string;
  readonly keyHash: number;
  readonly publicKey: Uint8Array;
  readonly sign: (message: Uint8Array) => Uint8Array;
};

/** Why a key text was refused. */
export type KeyErrorReason =
  | 'malformed_key'
  | 'invalid_key_name'
  | 'key_hash_mismatch'
  | 'unsupported_key_type'
  | 'invalid_public_key';

/** The outcome of parsing a key text. */
export type KeyResult<T> = { ok: true; key: T } | { ok: false; reason: KeyErrorReason; message: string };

/** A verifier key text taken apart and hash-checked, of any signature type. */
export type DecodedVerifierKey = {
  readonly name: string;
  readonly keyHash: number;
  readonly signatureType: number;
  readonly publicKey: Uint8Array;
};

function keyError<T>(reason: KeyErrorReason, message: string): KeyResult<T> {
  return { ok: false, reason, message };
}

// Splits at the first separator like Go's strings.Cut; key names cannot contain '+', base64 can.
function chop(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

type KeyFields = { name: string; keyHash: number; signatureType: number; material: Uint8Array };

// Parses `<name>+<hash>+<base64(type || key)>` without checking the hash, shared by vkeys and skeys.
function parseKeyFields(text: string): KeyResult<KeyFields> {
  const [name, rest] = chop(text, '+');
  const [hashHex, keyBase64] = chop(rest ?? '', '+');
  const bytes = keyBase64 === undefined ? undefined : fromBase64(keyBase64);
  if (!KEY_HASH_HEX.test(hashHex) || bytes === undefined || bytes.length < 2) {
    return keyError('malformed_key', 'A key must look like <name>+<8 hex digits>+<base64 key>');
  }
  if (!isValidKeyName(name)) {
    return keyError('invalid_key_name', 'Key names must be non-empty, without spaces, "+" or controls');
  }
  const fields = { name, keyHash: Number.parseInt(hashHex, 16), signatureType: bytes[0] as number };
  return { ok: true, key: { ...fields, material: bytes.subarray(1) } };
}

/** Takes a verifier key text (`<name>+<hash>+<base64(type || public key)>`) apart and checks its hash. */
export function decodeVerifierKey(text: string): KeyResult<DecodedVerifierKey> {
  const fields = parseKeyFields(text);
  if (!fields.ok) {
    return fields;
  }
  const { name, keyHash, signatureType, material } = fields.key;
  if (computeKeyHash(name, signatureType, material) !== keyHash) {
    return keyError('key_hash_mismatch', `The key hash of ${name} does not match its key`);
  }
  return { ok: true, key: { name, keyHash, signatureType, publicKey: material } };
}

/** A verifier key text of the given type, checked down to its Ed25519 public key. */
export function decodeEd25519VerifierKey(text: string, signatureType: number): KeyResult<DecodedVerifierKey> {
  const decoded = decodeVerifierKey(text);
  if (!decoded.ok) {
    return decoded;
  }
  if (decoded.key.signatureType !== signatureType) {
    return keyError('unsupported_key_type', `Expected signature type ${signatureType}`);
  }
  if (!isValidEd25519PublicKey(decoded.key.publicKey)) {
    return keyError('invalid_public_key', 'The key is not a valid Ed25519 public key');
  }
  return decoded;
}

function isValidEd25519PublicKey(publicKey: Uint8Array): boolean {
  try {
    return publicKey.length === ED25519_KEY_BYTES && ed25519.utils.isValidPublicKey(publicKey, false);
  } catch {
    return false;
  }
}

/** Strict RFC 8032 Ed25519 verification (no ZIP-215 leniency), false on any malformed input. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) {
    return false;
  }
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Parses an Ed25519 (type 0x01) verifier key text, e.g. a log's checkpoint key. */
export function parseVerifierKey(text: string): KeyResult<NoteVerifier> {
  const decoded = decodeEd25519VerifierKey(text, SIGNATURE_TYPE_ED25519);
  if (!decoded.ok) {
    return decoded;
  }
  const { publicKey } = decoded.key;
  const verify = (message: Uint8Array, signature: Uint8Array) => verifyEd25519(signature, message, publicKey);
  return { ok: true, key: { ...decoded.key, verify } };
}

/** The verifier key text of an Ed25519 public key: `<name>+<hash>+<base64(0x01 || key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  return formatKeyText(name, SIGNATURE_TYPE_ED25519, publicKey);
}

/** A verifier key text of any type; throws AppError on a bad name or a key that is not 32 bytes. */
export function formatKeyText(name: string, signatureType: number, publicKey: Uint8Array): string {
  requireKeyName(name);
  if (publicKey.length !== ED25519_KEY_BYTES) {
    throw new AppError('verifier.invalid_public_key', 'An Ed25519 public key has 32 bytes');
  }
  const keyHash = formatKeyHash(computeKeyHash(name, signatureType, publicKey));
  return `${name}+${keyHash}+${toBase64(concat(new Uint8Array([signatureType]), publicKey))}`;
}

function requireKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new AppError('verifier.invalid_key_name', 'Key names must be non-empty, without spaces or "+"', {
      details: { name },
    });
  }
}

function signerFromSeed(name: string, seed: Uint8Array): NoteSigner {
  const publicKey = ed25519.getPublicKey(seed);
  const keyHash = computeKeyHash(name, SIGNATURE_TYPE_ED25519, publicKey);
  return { name, keyHash, publicKey, sign: (message) => ed25519.sign(message, seed) };
}

/** Parses a signer key text `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>`; the hash must match. */
export function parseSignerKey(text: string): KeyResult<NoteSigner> {
  if (!text.startsWith(PRIVATE_KEY_PREFIX)) {
    return keyError('malformed_key', 'A signer key starts with PRIVATE+KEY+');
  }
  const fields = parseKeyFields(text.slice(PRIVATE_KEY_PREFIX.length));
  if (!fields.ok) {
    return fields;
  }
  const { name, keyHash, signatureType, material } = fields.key;
  if (signatureType !== SIGNATURE_TYPE_ED25519 || material.length !== ED25519_KEY_BYTES) {
    return keyError(
      'unsupported_key_type',
      'Only Ed25519 signer keys (type 0x01, 32-byte seed) are supported',
    );
  }
  // The hash covers the public key, so it can only be checked after deriving it from the seed.
  const signer = signerFromSeed(name, material.slice());
  if (signer.keyHash !== keyHash) {
    return keyError('key_hash_mismatch', `The key hash of ${name} does not match its key`);
  }
  return { ok: true, key: signer };
}

/** A new Ed25519 key pair as texts; pass a 32-byte seed for a deterministic key, e.g. in tests. */
export function generateSignerKey(
  name: string,
  seed?: Uint8Array,
): { signerKey: string; verifierKey: string } {
  requireKeyName(name);
  if (seed !== undefined && seed.length !== ED25519_KEY_BYTES) {
    throw new AppError('verifier.invalid_seed', 'An Ed25519 seed has 32 bytes');
  }
  const secret = seed?.slice() ?? ed25519.utils.randomSecretKey();
  const signer = signerFromSeed(name, secret);
  const material = toBase64(concat(new Uint8Array([SIGNATURE_TYPE_ED25519]), secret));
  return {
    signerKey: `${PRIVATE_KEY_PREFIX}${name}+${formatKeyHash(signer.keyHash)}+${material}`,
    verifierKey: formatVerifierKey(name, signer.publicKey),
  };
}

/** Builds a signer from a name and a 32-byte Ed25519 seed, e.g. one held in a key store. */
export function signerFromEd25519Seed(name: string, seed: Uint8Array): NoteSigner {
  requireKeyName(name);
  if (seed.length !== ED25519_KEY_BYTES) {
    throw new AppError('verifier.invalid_seed', 'An Ed25519 seed has 32 bytes');
  }
  return signerFromSeed(name, seed.slice());
}

// Throws unless the text is a valid note text: ends in a newline, no controls, no lone surrogates.
function requireNoteText(text: string): void {
  if (!text.endsWith('\n') || hasControlCharacter(text) || LONE_SURROGATE.test(text)) {
    throw new AppError(
      'verifier.invalid_note_text',
      'Note text must end in a newline and hold no control character other than newline',
    );
  }
}

/** One signature line `— <name> <base64(key ID || signature)>\n` over the text by the signer. */
export function signatureLine(name: string, keyHash: number, signature: Uint8Array): string {
  return `${SIGNATURE_PREFIX}${name} ${toBase64(concat(uint32Bytes(keyHash), signature))}\n`;
}

/**
 * The signed note: the text, a blank line, then one signature line per signer, in order.
 * Throws AppError on a bad text, no signers, two signers with the same key, or an oversized note.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  requireNoteText(text);
  const keys = new Set(signers.map((signer) => `${signer.name}+${signer.keyHash}`));
  if (signers.length === 0 || keys.size !== signers.length || signers.length > MAX_NOTE_SIGNATURES) {
    throw new AppError('verifier.invalid_signers', 'Sign with 1 to 100 signers, each with a distinct key');
  }
  const textBytes = utf8Encode(text);
  const lines = signers.map((signer) => {
    requireKeyName(signer.name);
    return signatureLine(signer.name, signer.keyHash, signer.sign(textBytes));
  });
  const note = `${text}\n${lines.join('')}`;
  if (utf8Encode(note).length > MAX_NOTE_BYTES) {
    throw new AppError('verifier.note_too_large', 'The signed note would exceed MAX_NOTE_BYTES');
  }
  return note;
}

/** One signature found in a note; `signature` holds the bytes after the key ID. */
export type NoteSignature = {
  readonly name: string;
  readonly keyHash: number;
  readonly signature: Uint8Array;
};

/** Why a note was refused. */
export type NoteErrorReason =
  | 'too_large'
  | 'malformed'
  | 'no_signatures'
  | 'too_many_signatures'
  | 'ambiguous_key'
  | 'duplicate_signature'
  | 'invalid_signature'
  | 'no_verified_signature';

/** A note that parsed and whose signatures by known keys all verified. */
export type OpenedNote = {
  readonly ok: true;
  /** The note text, including its final newline; the only part a signature covers. */
  readonly text: string;
  readonly textBytes: Uint8Array;
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys the caller did not pass; they prove nothing. */
  readonly unverified: readonly NoteSignature[];
};

/** A refused note; `keyName`/`keyHash` name the key involved when there is one. */
export type NoteError = {
  readonly ok: false;
  readonly reason: NoteErrorReason;
  readonly message: string;
  readonly keyName?: string;
  readonly keyHash?: number;
};

/** The outcome of opening a note. */
export type NoteResult = OpenedNote | NoteError;

function noteError(reason: NoteErrorReason, message: string, key?: NoteSignature): NoteError {
  return key === undefined
    ? { ok: false, reason, message }
    : { ok: false, reason, message, keyName: key.name, keyHash: key.keyHash };
}

type ParsedLine = NoteSignature & { readonly line: string };
type SplitNote = { text: string; textBytes: Uint8Array; lines: string[] };

// Valid UTF-8 (fatal decoding) without control characters other than newline, or undefined.
function decodeNoteBytes(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8Decode(bytes, { fatal: true });
    return hasControlCharacter(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

function lastBlankLine(bytes: Uint8Array): number {
  for (let i = bytes.length - 2; i >= 0; i--) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) {
      return i;
    }
  }
  return -1;
}

// Splits the note at its last blank line into the text and the signature lines.
function splitNote(bytes: Uint8Array): SplitNote | NoteError {
  if (decodeNoteBytes(bytes) === undefined) {
    return noteError('malformed', 'A note must be UTF-8 without control characters other than newline');
  }
  const split = lastBlankLine(bytes);
  if (split < 0) {
    return noteError('malformed', 'A note needs a blank line between its text and its signatures');
  }
  const textBytes = bytes.slice(0, split + 1);
  const block = utf8Decode(bytes.subarray(split + 2));
  if (block === '') {
    return noteError('no_signatures', 'The note has no signature lines');
  }
  if (!block.endsWith('\n')) {
    return noteError('malformed', 'The last signature line must end in a newline');
  }
  return { text: utf8Decode(textBytes), textBytes, lines: block.slice(0, -1).split('\n') };
}

function parseSignatureLine(line: string): ParsedLine | undefined {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    return undefined;
  }
  const [name, encoded] = chop(line.slice(SIGNATURE_PREFIX.length), ' ');
  const bytes = encoded === undefined ? undefined : fromBase64(encoded);
  if (bytes === undefined || bytes.length <= KEY_ID_BYTES || !isValidKeyName(name)) {
    return undefined;
  }
  return { name, keyHash: readUint32(bytes, 0), signature: bytes.slice(KEY_ID_BYTES), line };
}

// The one verifier for a name and key hash; 'ambiguous' when distinct keys share both.
function findVerifier(
  verifiers: readonly NoteVerifier[],
  sig: NoteSignature,
): NoteVerifier | 'ambiguous' | undefined {
  const matches = verifiers.filter((v) => v.name === sig.name && v.keyHash === sig.keyHash);
  const first = matches[0];
  const distinct = matches.some(
    (v) => v.signatureType !== first?.signatureType || toHex(v.publicKey) !== toHex(first.publicKey),
  );
  return distinct ? 'ambiguous' : first;
}

type Collected = { verified: NoteSignature[]; unverified: NoteSignature[] };

// Checks every line: unknown keys are kept (once) as unverified, known keys must verify exactly once.
function checkLines(
  parsed: readonly ParsedLine[],
  textBytes: Uint8Array,
  verifiers: readonly NoteVerifier[],
) {
  const collected: Collected = { verified: [], unverified: [] };
  const seenKnown = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const sig of parsed) {
    const verifier = findVerifier(verifiers, sig);
    const entry = { name: sig.name, keyHash: sig.keyHash, signature: sig.signature };
    const label = `${sig.name}+${formatKeyHash(sig.keyHash)}`;
    if (verifier === 'ambiguous') {
      return noteError('ambiguous_key', `Two trusted keys are named ${label}`, sig);
    }
    if (verifier === undefined) {
      if (!seenUnknown.has(sig.line)) {
        seenUnknown.add(sig.line);
        collected.unverified.push(entry);
      }
    } else if (seenKnown.has(label)) {
      return noteError('duplicate_signature', `Key ${label} signed the note twice`, sig);
    } else if (!verifier.verify(textBytes, sig.signature)) {
      return noteError('invalid_signature', `Invalid signature for key ${label}`, sig);
    } else {
      seenKnown.add(label);
      collected.verified.push(entry);
    }
  }
  return collected;
}

function toBytes(note: Uint8Array | string): Uint8Array {
  return typeof note === 'string' ? utf8Encode(note) : note;
}

/**
 * Parses a note and checks every signature whose name and key hash match a trusted verifier, without
 * requiring one: for policies that count signatures (e.g. witnesses). Never throws.
 */
export function inspectNote(note: Uint8Array | string, verifiers: readonly NoteVerifier[]): NoteResult {
  const bytes = toBytes(note);
  if (bytes.length > MAX_NOTE_BYTES) {
    return noteError('too_large', `A note may have at most ${MAX_NOTE_BYTES} bytes`);
  }
  const split = splitNote(bytes);
  if ('ok' in split) {
    return split;
  }
  if (split.lines.length > MAX_NOTE_SIGNATURES) {
    return noteError('too_many_signatures', `A note may have at most ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const parsed: ParsedLine[] = [];
  for (const line of split.lines) {
    const sig = parseSignatureLine(line);
    if (sig === undefined) {
      return noteError('malformed', 'Signature lines must read "— <key name> <base64 signature>"');
    }
    parsed.push(sig);
  }
  const collected = checkLines(parsed, split.textBytes, verifiers);
  if ('ok' in collected) {
    return collected;
  }
  return { ok: true, text: split.text, textBytes: split.textBytes, ...collected };
}

/**
 * Opens a signed note: it must parse, every signature by a trusted key must verify, and at least one
 * must be present. Signatures by unknown keys are ignored, as the spec requires. Never throws.
 */
export function openNote(note: Uint8Array | string, verifiers: readonly NoteVerifier[]): NoteResult {
  const result = inspectNote(note, verifiers);
  if (result.ok && result.verified.length === 0) {
    return noteError('no_verified_signature', 'No trusted key signed the note');
  }
  return result;
}
