// C2SP tlog-witness (c2sp.org/tlog-witness): the wire format between a log and its witnesses.
//
//   POST <submission prefix>/add-checkpoint
//   old <size>\n
//   <base64 consistency proof hash>\n     (0..63 lines)
//   \n
//   <the signed checkpoint note>
//
// Answers: 200 with cosignature lines (c2sp.org/tlog-cosignature), 409 `text/x.tlog.size` with
// the witness's latest size, 400 / 403 / 404 / 422 otherwise. Parsers here never throw and refuse
// anything that is not the one canonical encoding, so what a witness cosigns is exactly what it read.

import { ed25519 } from '@noble/curves/ed25519.js';
import { AppError, utf8Decode, utf8Encode } from '@tradehub/kernel';
import { type Checkpoint, MAX_SUPPORTED_TREE_SIZE, MAX_TREE_SIZE, parseCheckpoint } from './checkpoint.ts';
import {
  cosignatureKeyHash,
  formatWitnessVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
} from './cosignature.ts';
import { HASH_SIZE } from './merkle.ts';
import {
  fromBase64,
  inspectNote,
  isValidKeyName,
  type KeyResult,
  MAX_NOTE_BYTES,
  MAX_NOTE_SIGNATURES,
  type NoteSigner,
  type NoteVerifier,
  signatureLine,
  signerFromEd25519Seed,
  toBase64,
} from './note.ts';

/** The witness endpoint, appended to the witness's submission prefix. */
export const ADD_CHECKPOINT_PATH = '/add-checkpoint';
/** Content type of a 409 answer whose body is the witness's latest cosigned size. */
export const TLOG_SIZE_CONTENT_TYPE = 'text/x.tlog.size';
/** The spec's limit: a client sends at most 63 consistency proof lines. */
export const MAX_CONSISTENCY_PROOF_LINES = 63;
/** The largest add-checkpoint body parsed: the old size line, a full proof and the largest note. */
export const MAX_ADD_CHECKPOINT_BYTES =
  'old '.length + 20 + MAX_CONSISTENCY_PROOF_LINES * 45 + 1 + MAX_NOTE_BYTES;
/** The largest cosignature answer parsed: a note's worth of signature lines is plenty. */
export const MAX_COSIGNATURE_RESPONSE_BYTES = 64 * 1024;

const SIGNATURE_PREFIX = '\u2014 ';
const OLD_PREFIX = 'old ';
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';
const KEY_HASH_HEX = /^[0-9a-f]{8}$/;
const ED25519_SEED_BYTES = 32;
const TIMESTAMP_BYTES = 8;

/** What a log sends a witness. */
export type AddCheckpointRequest = {
  /** The size of the latest checkpoint the witness cosigned for this log (0 when none). */
  readonly oldSize: number;
  /** RFC 6962 consistency proof from `oldSize` to the checkpoint's size; empty when oldSize is 0. */
  readonly consistencyProof: readonly Uint8Array[];
  /** The checkpoint as a signed note, verbatim, with at least the log's signature. */
  readonly checkpointNote: string;
};

/** A request that parsed, with the checkpoint read from the note (its signatures not yet checked). */
export type ParsedAddCheckpointRequest = AddCheckpointRequest & {
  readonly checkpoint: Checkpoint;
  /** The note text the log signed: what the witness cosigns. */
  readonly checkpointText: string;
};

/** Why an add-checkpoint body was refused; every one of them is a 400 Bad Request. */
export type AddCheckpointErrorReason =
  | 'too_large'
  | 'not_utf8'
  | 'invalid_old_size'
  | 'unsupported_size'
  | 'invalid_proof_line'
  | 'too_many_proof_lines'
  | 'proof_without_old_tree'
  | 'missing_checkpoint'
  | 'invalid_checkpoint';

/** The outcome of parsing an add-checkpoint body. */
export type AddCheckpointParseResult =
  | { readonly ok: true; readonly request: ParsedAddCheckpointRequest }
  | { readonly ok: false; readonly reason: AddCheckpointErrorReason; readonly message: string };

function requestError(reason: AddCheckpointErrorReason, message: string): AddCheckpointParseResult {
  return { ok: false, reason, message };
}

function invalidRequest(message: string): AppError {
  return new AppError('verifier.invalid_witness_request', message);
}

// The checkpoint inside a note, or why there is none; the note's signatures are not checked.
function readCheckpointNote(note: string): { checkpoint: Checkpoint; text: string } | { problem: string } {
  const opened = inspectNote(note, []);
  if (!opened.ok) {
    return { problem: `The checkpoint is not a signed note: ${opened.message}` };
  }
  const parsed = parseCheckpoint(opened.text);
  return parsed.ok ? { checkpoint: parsed.checkpoint, text: opened.text } : { problem: parsed.message };
}

/**
 * The add-checkpoint request body. Throws AppError `verifier.invalid_witness_request` on input a
 * witness would refuse as malformed: a bad size, too many or wrongly sized proof hashes, a proof
 * with old size 0, an old size above the checkpoint's, or a note that holds no checkpoint.
 */
export function formatAddCheckpointRequest(request: AddCheckpointRequest): Uint8Array {
  const { oldSize, consistencyProof, checkpointNote } = request;
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) {
    throw invalidRequest('The old size must be a non-negative safe integer');
  }
  if (consistencyProof.length > MAX_CONSISTENCY_PROOF_LINES) {
    throw invalidRequest(`A consistency proof has at most ${MAX_CONSISTENCY_PROOF_LINES} hashes`);
  }
  if (consistencyProof.some((hash) => hash.length !== HASH_SIZE)) {
    throw invalidRequest(`Every consistency proof hash has ${HASH_SIZE} bytes`);
  }
  if (oldSize === 0 && consistencyProof.length > 0) {
    throw invalidRequest('The consistency proof must be empty when the old size is 0');
  }
  const read = readCheckpointNote(checkpointNote);
  if ('problem' in read) {
    throw invalidRequest(read.problem);
  }
  if (oldSize > read.checkpoint.size) {
    throw invalidRequest('The old size must not exceed the checkpoint size');
  }
  const proofLines = consistencyProof.map((hash) => `${toBase64(hash)}\n`).join('');
  return utf8Encode(`${OLD_PREFIX}${oldSize}\n${proofLines}\n${checkpointNote}`);
}

// A tree size in decimal as the C2SP specs write it: no sign, no leading zero, below 2^63.
function parseSize(digits: string): number | 'unsupported' | undefined {
  if (!DECIMAL.test(digits) || digits.length > 19 || BigInt(digits) > MAX_TREE_SIZE) {
    return undefined;
  }
  const size = Number(digits);
  return size <= MAX_SUPPORTED_TREE_SIZE ? size : 'unsupported';
}

/**
 * Parses an add-checkpoint body strictly; never throws. Checks the layout and that the note holds
 * a checkpoint, not its signatures: the witness checks those against the log's key (404 / 403),
 * then compares the old size with its own state (400 / 409) and checks the proof (422).
 */
export function parseAddCheckpointRequest(body: Uint8Array | string): AddCheckpointParseResult {
  const length = typeof body === 'string' ? body.length : body.byteLength;
  if (length > MAX_ADD_CHECKPOINT_BYTES) {
    return requestError('too_large', `An add-checkpoint body has at most ${MAX_ADD_CHECKPOINT_BYTES} bytes`);
  }
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8Decode(body, { fatal: true });
  } catch {
    return requestError('not_utf8', 'The body is not valid UTF-8');
  }
  const oldEnd = text.indexOf('\n');
  const oldLine = oldEnd < 0 ? text : text.slice(0, oldEnd);
  const oldSize = oldLine.startsWith(OLD_PREFIX) ? parseSize(oldLine.slice(OLD_PREFIX.length)) : undefined;
  if (oldEnd < 0 || oldSize === undefined) {
    return requestError('invalid_old_size', 'The first line must be "old <size>", the size in plain decimal');
  }
  if (oldSize === 'unsupported') {
    return requestError('unsupported_size', `Tree sizes above ${MAX_SUPPORTED_TREE_SIZE} are not supported`);
  }
  const consistencyProof: Uint8Array[] = [];
  let at = oldEnd + 1;
  for (;;) {
    const end = text.indexOf('\n', at);
    if (end < 0) {
      return requestError('missing_checkpoint', 'An empty line and the checkpoint must follow the proof');
    }
    const line = text.slice(at, end);
    at = end + 1;
    if (line === '') {
      break;
    }
    if (consistencyProof.length === MAX_CONSISTENCY_PROOF_LINES) {
      return requestError(
        'too_many_proof_lines',
        `A consistency proof has at most ${MAX_CONSISTENCY_PROOF_LINES} lines`,
      );
    }
    const hash = fromBase64(line);
    if (hash?.length !== HASH_SIZE) {
      return requestError('invalid_proof_line', `Each proof line is the base64 of a ${HASH_SIZE}-byte hash`);
    }
    consistencyProof.push(hash);
  }
  // Nothing is consistent with an empty tree but the empty proof (C2SP tlog-witness).
  if (oldSize === 0 && consistencyProof.length > 0) {
    return requestError(
      'proof_without_old_tree',
      'The consistency proof must be empty when the old size is 0',
    );
  }
  const checkpointNote = text.slice(at);
  if (checkpointNote === '') {
    return requestError('missing_checkpoint', 'The checkpoint note is missing after the empty line');
  }
  const read = readCheckpointNote(checkpointNote);
  if ('problem' in read) {
    return requestError('invalid_checkpoint', read.problem);
  }
  return {
    ok: true,
    request: {
      oldSize,
      consistencyProof,
      checkpointNote,
      checkpoint: read.checkpoint,
      checkpointText: read.text,
    },
  };
}

/** The body of a 409 answer: the witness's latest cosigned size and a newline. */
export function formatTreeSizeResponse(size: number): string {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw invalidRequest('A tree size is a non-negative safe integer');
  }
  return `${size}\n`;
}

/** The outcome of reading a 409 `text/x.tlog.size` body. */
export type TreeSizeResponseResult =
  | { readonly ok: true; readonly size: number }
  | { readonly ok: false; readonly message: string };

/** Reads a 409 `text/x.tlog.size` body (`<decimal size>\n`); never throws. */
export function parseTreeSizeResponse(body: Uint8Array | string): TreeSizeResponseResult {
  const text = typeof body === 'string' ? body : body.byteLength > 32 ? '' : utf8Decode(body);
  const size = text.endsWith('\n') && text.length <= 32 ? parseSize(text.slice(0, -1)) : undefined;
  if (size === undefined || size === 'unsupported') {
    return { ok: false, message: 'A tree size answer is a decimal size followed by a newline' };
  }
  return { ok: true, size };
}

/** One cosignature taken from a witness's answer, verified against a trusted witness key. */
export type ReceivedCosignature = {
  /** The signature line without its newline, ready to append to the checkpoint note. */
  readonly line: string;
  readonly name: string;
  readonly keyHash: number;
  /** The witness's signed POSIX time in seconds. */
  readonly timestamp: number;
};

/** Why a 200 answer gave no usable cosignature. */
export type CosignatureResponseErrorReason =
  | 'too_large'
  | 'malformed'
  | 'invalid_checkpoint'
  | 'wrong_key_type'
  | 'invalid_signature'
  | 'no_trusted_cosignature';

/** The outcome of reading a witness's 200 answer. */
export type CosignatureResponseResult =
  | { readonly ok: true; readonly cosignatures: readonly ReceivedCosignature[] }
  | { readonly ok: false; readonly reason: CosignatureResponseErrorReason; readonly message: string };

function responseError(reason: CosignatureResponseErrorReason, message: string): CosignatureResponseResult {
  return { ok: false, reason, message };
}

function readTimestamp(signature: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < TIMESTAMP_BYTES; i++) {
    // Verified cosignatures carry timestamps below 2^53, so plain arithmetic is exact.
    value = value * 256 + (signature[i] ?? 0);
  }
  return value;
}

/**
 * Reads a witness's 200 answer (one or more signature lines) for the checkpoint text the log sent,
 * as the spec suggests: appended to the checkpoint and opened with the trusted witness keys (type
 * 0x04). Lines by unknown keys are ignored; a line by a trusted key that fails to verify refuses
 * the whole answer. Never throws.
 */
export function parseCosignatureResponse(
  body: Uint8Array | string,
  checkpointText: string,
  witnesses: readonly NoteVerifier[],
): CosignatureResponseResult {
  const length = typeof body === 'string' ? body.length : body.byteLength;
  if (length > MAX_COSIGNATURE_RESPONSE_BYTES) {
    return responseError(
      'too_large',
      `A cosignature answer has at most ${MAX_COSIGNATURE_RESPONSE_BYTES} bytes`,
    );
  }
  if (witnesses.some((w) => w.signatureType !== SIGNATURE_TYPE_COSIGNATURE_V1)) {
    return responseError('wrong_key_type', 'Witness keys must be cosignature/v1 (type 0x04) keys');
  }
  if (!parseCheckpoint(checkpointText).ok) {
    return responseError('invalid_checkpoint', 'The cosigned text is not a valid checkpoint');
  }
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8Decode(body, { fatal: true });
  } catch {
    return responseError('malformed', 'The answer is not valid UTF-8');
  }
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : [];
  if (lines.length === 0 || lines.length > MAX_NOTE_SIGNATURES || !lines.every(isSignatureLine)) {
    return responseError(
      'malformed',
      'The answer must be 1 to 100 lines "— <name> <base64>", each ending in a newline',
    );
  }
  const opened = inspectNote(`${checkpointText}\n${text}`, witnesses);
  if (!opened.ok) {
    const reason = opened.reason === 'invalid_signature' ? 'invalid_signature' : 'malformed';
    return responseError(reason, opened.message);
  }
  if (opened.verified.length === 0) {
    return responseError('no_trusted_cosignature', 'No trusted witness key cosigned the checkpoint');
  }
  const cosignatures = opened.verified.map((sig) => ({
    line: signatureLine(sig.name, sig.keyHash, sig.signature).slice(0, -1),
    name: sig.name,
    keyHash: sig.keyHash,
    timestamp: readTimestamp(sig.signature),
  }));
  return { ok: true, cosignatures };
}

function isSignatureLine(line: string): boolean {
  return line.startsWith(SIGNATURE_PREFIX);
}

/** The body of a 200 answer: the cosignature lines, each ending in a newline. */
export function formatCosignatureResponse(lines: readonly string[]): string {
  if (lines.length === 0 || !lines.every((l) => isSignatureLine(l) && !l.slice(0, -1).includes('\n'))) {
    throw invalidRequest('A cosignature answer is one or more signature lines');
  }
  return lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join('');
}

function keyError<T>(
  reason: 'malformed_key' | 'invalid_key_name' | 'key_hash_mismatch' | 'unsupported_key_type',
  message: string,
): KeyResult<T> {
  return { ok: false, reason, message };
}

function witnessSigner(name: string, seed: Uint8Array): NoteSigner {
  // The key ID a witness signs under is the 0x04 one; the 0x01 ID of the same key is never used.
  const signer = signerFromEd25519Seed(name, seed);
  return { ...signer, keyHash: cosignatureKeyHash(name, signer.publicKey) };
}

/**
 * A new witness key pair as texts, in the signed-note key format with signature type 0x04:
 * `PRIVATE+KEY+<name>+<0x04 key ID>+<base64(0x04 || seed)>` and the matching verifier key. Pass a
 * 32-byte seed for a deterministic key, e.g. in tests.
 */
export function generateWitnessKey(
  name: string,
  seed?: Uint8Array,
): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) {
    throw new AppError('verifier.invalid_key_name', 'Key names must be non-empty, without spaces or "+"', {
      details: { name },
    });
  }
  if (seed !== undefined && seed.length !== ED25519_SEED_BYTES) {
    throw new AppError('verifier.invalid_seed', 'An Ed25519 seed has 32 bytes');
  }
  const secret = seed?.slice() ?? ed25519.utils.randomSecretKey();
  const signer = witnessSigner(name, secret);
  const material = new Uint8Array(1 + ED25519_SEED_BYTES);
  material[0] = SIGNATURE_TYPE_COSIGNATURE_V1;
  material.set(secret, 1);
  const keyHash = signer.keyHash.toString(16).padStart(8, '0');
  return {
    signerKey: `${PRIVATE_KEY_PREFIX}${name}+${keyHash}+${toBase64(material)}`,
    verifierKey: formatWitnessVerifierKey(name, signer.publicKey),
  };
}

/**
 * Parses a witness signer key text (type 0x04, see generateWitnessKey); the key ID must match the
 * key. The signer's `keyHash` is the cosignature/v1 key ID. Never throws.
 */
export function parseWitnessSignerKey(text: string): KeyResult<NoteSigner> {
  if (!text.startsWith(PRIVATE_KEY_PREFIX)) {
    return keyError('malformed_key', 'A signer key starts with PRIVATE+KEY+');
  }
  const fields = text.slice(PRIVATE_KEY_PREFIX.length).split('+');
  const [name = '', hashHex = '', ...rest] = fields;
  const material = fromBase64(rest.join('+'));
  if (!KEY_HASH_HEX.test(hashHex) || material === undefined || material.length < 2) {
    return keyError('malformed_key', 'A key must look like PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>');
  }
  if (!isValidKeyName(name)) {
    return keyError('invalid_key_name', 'Key names must be non-empty, without spaces, "+" or controls');
  }
  if (material[0] !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    return keyError('unsupported_key_type', 'A witness key is a cosignature/v1 (type 0x04) key');
  }
  if (material.length !== 1 + ED25519_SEED_BYTES) {
    return keyError('malformed_key', 'A witness key holds a 32-byte Ed25519 seed');
  }
  const signer = witnessSigner(name, material.slice(1));
  if (signer.keyHash !== Number.parseInt(hashHex, 16)) {
    return keyError('key_hash_mismatch', `The key hash of ${name} does not match its key`);
  }
  return { ok: true, key: signer };
}
