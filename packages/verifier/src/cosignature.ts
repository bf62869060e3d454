// C2SP witness cosignatures, Ed25519 "cosignature/v1" (c2sp.org/tlog-cosignature, signature type
// 0x04): a witness signs "cosignature/v1\ntime <t>\n" + checkpoint text, and the signature line
// carries key ID || u64 big-endian timestamp || Ed25519 signature.

import { AppError, toHex, utf8Encode } from '@tradehub/kernel';
import type { Checkpoint } from './checkpoint.ts';
import { parseCheckpoint } from './checkpoint.ts';
import type { KeyResult, NoteErrorReason, NoteSigner, NoteVerifier } from './note.ts';
import {
  computeKeyHash,
  decodeEd25519VerifierKey,
  formatKeyText,
  inspectNote,
  signatureLine,
  verifyEd25519,
} from './note.ts';

/** The signed-note signature type byte of timestamped Ed25519 witness cosignatures. */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

const TIMESTAMP_BYTES = 8;
const COSIGNATURE_BYTES = TIMESTAMP_BYTES + 64;

/** The key ID of a witness's Ed25519 key for cosignature/v1 (type byte 0x04, not 0x01). */
export function cosignatureKeyHash(name: string, publicKey: Uint8Array): number {
  return computeKeyHash(name, SIGNATURE_TYPE_COSIGNATURE_V1, publicKey);
}

/** A witness verifier key text: `<name>+<hash>+<base64(0x04 || Ed25519 public key)>`. */
export function formatWitnessVerifierKey(name: string, publicKey: Uint8Array): string {
  return formatKeyText(name, SIGNATURE_TYPE_COSIGNATURE_V1, publicKey);
}

// Timestamps beyond 2^53 - 1 seconds are far in the future, which the spec lets verifiers refuse;
// refusing them keeps timestamps plain numbers.
function readTimestamp(bytes: Uint8Array): number | undefined {
  let value = 0n;
  for (let i = 0; i < TIMESTAMP_BYTES; i++) {
    value = (value << 8n) | BigInt(bytes[i] ?? 0);
  }
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

function timestampBytes(timestamp: number): Uint8Array {
  const out = new Uint8Array(TIMESTAMP_BYTES);
  let value = BigInt(timestamp);
  for (let i = TIMESTAMP_BYTES - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

/** The bytes a witness signs: "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint text. */
export function cosignatureMessage(checkpointText: Uint8Array | string, timestamp: number): Uint8Array {
  const body = typeof checkpointText === 'string' ? utf8Encode(checkpointText) : checkpointText;
  const header = utf8Encode(`cosignature/v1\ntime ${timestamp}\n`);
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

// Checks a cosignature payload (timestamp || signature) over the checkpoint text.
function verifyPayload(publicKey: Uint8Array, text: Uint8Array, payload: Uint8Array): boolean {
  const timestamp = readTimestamp(payload);
  if (payload.length !== COSIGNATURE_BYTES || timestamp === undefined) {
    return false;
  }
  return verifyEd25519(payload.subarray(TIMESTAMP_BYTES), cosignatureMessage(text, timestamp), publicKey);
}

/** Parses a witness verifier key text (type 0x04) into a verifier that checks cosignature/v1 lines. */
export function parseWitnessVerifierKey(text: string): KeyResult<NoteVerifier> {
  const decoded = decodeEd25519VerifierKey(text, SIGNATURE_TYPE_COSIGNATURE_V1);
  if (!decoded.ok) {
    return decoded;
  }
  const { publicKey } = decoded.key;
  const verify = (message: Uint8Array, payload: Uint8Array) => verifyPayload(publicKey, message, payload);
  return { ok: true, key: { ...decoded.key, verify } };
}

/**
 * The witness's cosignature line for a checkpoint text, at `timestampSeconds` (POSIX seconds). The
 * key ID is the 0x04 one, so the same signer's log signatures and cosignatures never mix. Throws
 * AppError on an invalid checkpoint text or timestamp.
 */
export function cosignCheckpoint(
  checkpointText: string,
  witness: NoteSigner,
  timestampSeconds: number,
): string {
  if (!parseCheckpoint(checkpointText).ok) {
    throw new AppError('verifier.invalid_checkpoint', 'Witnesses cosign checkpoint texts only');
  }
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new AppError('verifier.invalid_timestamp', 'A cosignature timestamp is a non-negative integer');
  }
  const signature = witness.sign(cosignatureMessage(checkpointText, timestampSeconds));
  const payload = new Uint8Array(COSIGNATURE_BYTES);
  payload.set(timestampBytes(timestampSeconds), 0);
  payload.set(signature, TIMESTAMP_BYTES);
  return signatureLine(witness.name, cosignatureKeyHash(witness.name, witness.publicKey), payload);
}

/** Why a cosignature was refused. */
export type CosignatureErrorReason =
  | 'wrong_key_type'
  | 'invalid_checkpoint'
  | 'malformed'
  | 'wrong_key'
  | 'invalid_signature';

/** The outcome of checking one cosignature line. */
export type CosignatureResult =
  | { readonly ok: true; readonly name: string; readonly keyHash: number; readonly timestamp: number }
  | { readonly ok: false; readonly reason: CosignatureErrorReason; readonly message: string };

function cosignatureError(reason: CosignatureErrorReason, message: string): CosignatureResult {
  return { ok: false, reason, message };
}

/**
 * Checks one cosignature line (with or without its final newline) over a checkpoint text against a
 * witness key, returning the signed timestamp. Never throws.
 */
export function verifyCosignature(
  line: string,
  checkpointText: string,
  witness: NoteVerifier,
): CosignatureResult {
  if (witness.signatureType !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    return cosignatureError('wrong_key_type', 'The witness key must be a cosignature/v1 (type 0x04) key');
  }
  if (!parseCheckpoint(checkpointText).ok) {
    return cosignatureError('invalid_checkpoint', 'The cosigned text is not a valid checkpoint');
  }
  const bare = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (bare.includes('\n')) {
    return cosignatureError('malformed', 'Pass exactly one signature line');
  }
  // Reuses the note parser, so a cosignature line is read exactly as it is inside a note.
  const opened = inspectNote(`${checkpointText}\n${bare}\n`, [witness]);
  if (!opened.ok) {
    const reason = opened.reason === 'invalid_signature' ? 'invalid_signature' : 'malformed';
    return cosignatureError(reason, opened.message);
  }
  const sig = opened.verified[0];
  const timestamp = sig === undefined ? undefined : readTimestamp(sig.signature);
  if (sig === undefined || timestamp === undefined) {
    return cosignatureError('wrong_key', `The line is not signed by ${witness.name}'s cosignature key`);
  }
  return { ok: true, name: sig.name, keyHash: sig.keyHash, timestamp };
}

/** One valid witness cosignature found in a checkpoint note. */
export type WitnessCosignature = {
  readonly name: string;
  readonly keyHash: number;
  readonly timestamp: number;
};

/** Why a witness count could not be made. */
export type WitnessCountErrorReason = NoteErrorReason | 'invalid_policy' | 'invalid_checkpoint';

/** The outcome of counting witness cosignatures against a k-of-n policy. */
export type WitnessCountResult =
  | {
      readonly ok: true;
      readonly checkpoint: Checkpoint;
      /** Distinct witness public keys with a valid cosignature. */
      readonly count: number;
      readonly thresholdMet: boolean;
      readonly cosignatures: readonly WitnessCosignature[];
    }
  | { readonly ok: false; readonly reason: WitnessCountErrorReason; readonly message: string };

function countError(reason: WitnessCountErrorReason, message: string): WitnessCountResult {
  return { ok: false, reason, message };
}

function checkPolicy(witnesses: readonly NoteVerifier[], threshold: number): string | undefined {
  if (witnesses.some((w) => w.signatureType !== SIGNATURE_TYPE_COSIGNATURE_V1)) {
    return 'Every witness key must be a cosignature/v1 (type 0x04) key';
  }
  const keys = new Set(witnesses.map((w) => toHex(w.publicKey)));
  if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > keys.size) {
    return `The threshold must lie in 1 to ${keys.size}, the number of distinct witness keys`;
  }
  return undefined;
}

/**
 * Counts valid cosignatures on a checkpoint note by the policy's witnesses and says whether `threshold`
 * is met. The log's own signature is not checked here (openCheckpoint does that). A cosignature that
 * fails to verify refuses the note; one key under two names counts once, because the cosignature/v1
 * message does not commit to the name. Never throws.
 */
export function countWitnessCosignatures(
  note: Uint8Array | string,
  witnesses: readonly NoteVerifier[],
  threshold: number,
): WitnessCountResult {
  const policyProblem = checkPolicy(witnesses, threshold);
  if (policyProblem !== undefined) {
    return countError('invalid_policy', policyProblem);
  }
  const opened = inspectNote(note, witnesses);
  if (!opened.ok) {
    return countError(opened.reason, opened.message);
  }
  const parsed = parseCheckpoint(opened.text);
  if (!parsed.ok) {
    return countError('invalid_checkpoint', parsed.message);
  }
  const cosignatures = opened.verified.map((sig) => ({
    name: sig.name,
    keyHash: sig.keyHash,
    timestamp: readTimestamp(sig.signature) ?? 0,
  }));
  const keyOf = (sig: WitnessCosignature) =>
    toHex(
      witnesses.find((w) => w.name === sig.name && w.keyHash === sig.keyHash)?.publicKey ?? new Uint8Array(),
    );
  const count = new Set(cosignatures.map(keyOf)).size;
  return { ok: true, checkpoint: parsed.checkpoint, count, thresholdMet: count >= threshold, cosignatures };
}
