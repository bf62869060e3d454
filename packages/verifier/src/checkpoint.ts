// C2SP transparency log checkpoints (c2sp.org/tlog-checkpoint): the note text
// `<origin>\n<tree size>\n<base64 root hash>\n[extension lines]` and opening one signed by a log.

import { AppError } from '@tradehub/kernel';
import type { NoteErrorReason, NoteSignature, NoteVerifier } from './note.ts';
import { fromBase64, hasControlCharacter, openNote, SIGNATURE_TYPE_ED25519, toBase64 } from './note.ts';

/** The largest tree size the spec allows: sizes are unsigned 63-bit numbers. */
export const MAX_TREE_SIZE = 2n ** 63n - 1n;
/**
 * The largest tree size this verifier handles: sizes are plain numbers, as in merkle.ts and tiles.ts.
 * No real log reaches 2^53 entries; a larger, spec-valid size is refused as 'unsupported_size'.
 */
export const MAX_SUPPORTED_TREE_SIZE = Number.MAX_SAFE_INTEGER;
/** Bytes in an RFC 6962 SHA-256 root hash. */
export const ROOT_HASH_BYTES = 32;

const TREE_SIZE = /^(0|[1-9][0-9]*)$/;

/** A parsed checkpoint: the log's origin, its tree size and root hash, and any extension lines. */
export type Checkpoint = {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
};

/** What formatCheckpoint needs. */
export type CheckpointInput = {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions?: readonly string[];
};

/** Why a checkpoint text was refused. */
export type CheckpointErrorReason =
  | 'malformed'
  | 'too_few_lines'
  | 'empty_origin'
  | 'invalid_size'
  | 'unsupported_size'
  | 'invalid_root_hash'
  | 'empty_extension';

/** The outcome of parsing a checkpoint text. */
export type CheckpointParseResult =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly reason: CheckpointErrorReason; readonly message: string };

function invalidInput(message: string): AppError {
  return new AppError('verifier.invalid_checkpoint', message);
}

function requireTreeSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw invalidInput('A tree size must be a safe non-negative integer');
  }
}

// A checkpoint line: non-empty, and neither newline nor any other control character inside.
function isValidLine(line: string): boolean {
  return line.length > 0 && !line.includes('\n') && !hasControlCharacter(line);
}

/** The checkpoint's note text; throws AppError `verifier.invalid_checkpoint` on an invalid field. */
export function formatCheckpoint(input: CheckpointInput): string {
  requireTreeSize(input.size);
  if (!isValidLine(input.origin)) {
    throw invalidInput('The origin must be one non-empty line without control characters');
  }
  if (input.rootHash.length !== ROOT_HASH_BYTES) {
    throw invalidInput(`The root hash must have ${ROOT_HASH_BYTES} bytes`);
  }
  const extensions = input.extensions ?? [];
  if (!extensions.every(isValidLine)) {
    throw invalidInput('Extension lines must be non-empty, without control characters');
  }
  return [input.origin, String(input.size), toBase64(input.rootHash), ...extensions]
    .map((l) => `${l}\n`)
    .join('');
}

function parseError(reason: CheckpointErrorReason, message: string): CheckpointParseResult {
  return { ok: false, reason, message };
}

// The size as a number, 'unsupported' when valid but past 2^53 - 1, or undefined when invalid.
function parseTreeSize(line: string): number | 'unsupported' | undefined {
  if (!TREE_SIZE.test(line) || line.length > 19 || BigInt(line) > MAX_TREE_SIZE) {
    return undefined;
  }
  const size = Number(line);
  return size <= MAX_SUPPORTED_TREE_SIZE ? size : 'unsupported';
}

/** Parses a checkpoint's note text strictly, as the spec words it; never throws. */
export function parseCheckpoint(text: string): CheckpointParseResult {
  if (!text.endsWith('\n') || hasControlCharacter(text)) {
    return parseError('malformed', 'A checkpoint ends in a newline and has no control characters');
  }
  const [origin, sizeLine, rootLine, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    return parseError('too_few_lines', 'A checkpoint has at least three lines');
  }
  if (origin === '') {
    return parseError('empty_origin', 'The origin line must not be empty');
  }
  const size = parseTreeSize(sizeLine);
  if (size === undefined) {
    return parseError('invalid_size', 'The tree size must be decimal, without leading zeros, below 2^63');
  }
  if (size === 'unsupported') {
    return parseError('unsupported_size', `Tree sizes above ${MAX_SUPPORTED_TREE_SIZE} are not supported`);
  }
  const rootHash = fromBase64(rootLine);
  if (rootHash?.length !== ROOT_HASH_BYTES) {
    return parseError('invalid_root_hash', `The root hash must be base64 of ${ROOT_HASH_BYTES} bytes`);
  }
  if (extensions.includes('')) {
    return parseError('empty_extension', 'Extension lines must not be empty');
  }
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}

/** Why a signed checkpoint was refused. */
export type OpenCheckpointErrorReason =
  | NoteErrorReason
  | CheckpointErrorReason
  | 'wrong_key_type'
  | 'origin_mismatch'
  | 'missing_log_signature';

/** The outcome of opening a signed checkpoint. */
export type OpenCheckpointResult =
  | {
      readonly ok: true;
      readonly checkpoint: Checkpoint;
      /** The note text, exactly as signed: what witnesses cosign. */
      readonly text: string;
      readonly verified: readonly NoteSignature[];
      readonly unverified: readonly NoteSignature[];
    }
  | { readonly ok: false; readonly reason: OpenCheckpointErrorReason; readonly message: string };

function openError(reason: OpenCheckpointErrorReason, message: string): OpenCheckpointResult {
  return { ok: false, reason, message };
}

/**
 * Opens a checkpoint signed by a log: the note must verify, carry a valid Ed25519 signature by the
 * log's key, whose name must equal the origin, and parse strictly. Witness keys, if given, must
 * verify too when present (count them with countWitnessCosignatures). Never throws.
 */
export function openCheckpoint(
  note: Uint8Array | string,
  logVerifier: NoteVerifier,
  witnessVerifiers: readonly NoteVerifier[] = [],
): OpenCheckpointResult {
  if (logVerifier.signatureType !== SIGNATURE_TYPE_ED25519) {
    return openError('wrong_key_type', 'The log key must be an Ed25519 (type 0x01) key');
  }
  const opened = openNote(note, [logVerifier, ...witnessVerifiers]);
  if (!opened.ok) {
    const reason = opened.reason === 'no_verified_signature' ? 'missing_log_signature' : opened.reason;
    return openError(reason, opened.message);
  }
  const bySameKey = (sig: NoteSignature) =>
    sig.name === logVerifier.name && sig.keyHash === logVerifier.keyHash;
  if (!opened.verified.some(bySameKey)) {
    return openError('missing_log_signature', `The log key ${logVerifier.name} did not sign the checkpoint`);
  }
  const parsed = parseCheckpoint(opened.text);
  if (!parsed.ok) {
    return parsed;
  }
  if (parsed.checkpoint.origin !== logVerifier.name) {
    return openError('origin_mismatch', 'The origin line must equal the log key name');
  }
  const { text, verified, unverified } = opened;
  return { ok: true, checkpoint: parsed.checkpoint, text, verified, unverified };
}
