// C2SP tlog-proof@v1 (c2sp.org/tlog-proof): an offline proof that an entry is in a log, as text:
//
//   c2sp.org/tlog-proof@v1
//   extra <base64>            (optional, unauthenticated)
//   index <N>
//   <base64 inclusion hash>   (zero or more, leaf's sibling first)
//
//   <the checkpoint note, verbatim, with its signatures and cosignatures>

import { utf8Decode, utf8Encode } from '@tradehub/kernel';
import { MAX_SUPPORTED_TREE_SIZE } from './checkpoint.ts';
import { HASH_SIZE, MAX_PROOF_HASHES } from './merkle.ts';
import { fromBase64, MAX_NOTE_BYTES, toBase64 } from './note.ts';

/** The first line of every v1 proof. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** The most `extra` bytes accepted; tradehub puts one 266-byte entry there. */
export const MAX_TLOG_PROOF_EXTRA_BYTES = 64 * 1024;

/** A whole proof is at most the note plus its other lines; anything longer is hostile. */
export const MAX_TLOG_PROOF_BYTES = MAX_NOTE_BYTES + 128 * 1024;

export type TlogProof = {
  /** Opaque application data: tradehub puts the entry bytes here. Never trusted on its own. */
  readonly extra?: Uint8Array;
  readonly index: number;
  /** RFC 6962 inclusion proof, from the leaf's sibling up to the root's child. */
  readonly hashes: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string;
};

export type TlogProofErrorReason =
  | 'too_large'
  | 'not_utf8'
  | 'missing_header'
  | 'invalid_extra'
  | 'missing_index'
  | 'invalid_index'
  | 'unsupported_index'
  | 'invalid_hash'
  | 'too_many_hashes'
  | 'missing_checkpoint';

export type TlogProofParseResult =
  | { readonly ok: true; readonly proof: TlogProof }
  | { readonly ok: false; readonly reason: TlogProofErrorReason; readonly message: string };

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Formats a proof. Throws on input that would not parse back (a programming error). */
export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) {
    throw new RangeError('index must be a non-negative safe integer');
  }
  if (proof.hashes.length > MAX_PROOF_HASHES || proof.hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new RangeError(`an inclusion proof is at most ${MAX_PROOF_HASHES} hashes of ${HASH_SIZE} bytes`);
  }
  if (proof.checkpoint.length === 0 || !proof.checkpoint.endsWith('\n')) {
    throw new RangeError('the checkpoint must be a whole signed note ending in a newline');
  }
  if (proof.extra !== undefined && proof.extra.length > MAX_TLOG_PROOF_EXTRA_BYTES) {
    throw new RangeError(`extra is at most ${MAX_TLOG_PROOF_EXTRA_BYTES} bytes`);
  }
  const lines = [TLOG_PROOF_HEADER];
  if (proof.extra !== undefined) {
    lines.push(`extra ${toBase64(proof.extra)}`);
  }
  lines.push(`index ${proof.index}`);
  for (const hash of proof.hashes) {
    lines.push(toBase64(hash));
  }
  return `${lines.join('\n')}\n\n${proof.checkpoint}`;
}

const fail = (reason: TlogProofErrorReason, message: string): TlogProofParseResult => ({
  ok: false,
  reason,
  message,
});

/**
 * Parses a proof strictly and never throws. Only the layout is checked here: the checkpoint's
 * signatures and the inclusion proof are checked against a trust policy by the caller.
 */
export function parseTlogProof(input: Uint8Array | string): TlogProofParseResult {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_TLOG_PROOF_BYTES) {
    return fail('too_large', `a tlog proof is at most ${MAX_TLOG_PROOF_BYTES} bytes`);
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8Decode(input, { fatal: true });
  } catch {
    return fail('not_utf8', 'the proof is not valid UTF-8');
  }
  const blank = text.indexOf('\n\n');
  if (blank < 0) {
    return fail('missing_checkpoint', 'no empty line before the checkpoint');
  }
  const lines = text.slice(0, blank).split('\n');
  const checkpoint = text.slice(blank + 2);
  if (lines[0] !== TLOG_PROOF_HEADER) {
    return fail('missing_header', `the first line must be ${TLOG_PROOF_HEADER}`);
  }
  let at = 1;
  let extra: Uint8Array | undefined;
  if (lines[at]?.startsWith('extra ')) {
    const decoded = fromBase64((lines[at] ?? '').slice('extra '.length));
    if (decoded === undefined || decoded.length > MAX_TLOG_PROOF_EXTRA_BYTES) {
      return fail('invalid_extra', 'the extra line must be standard base64 of at most 64 KiB');
    }
    extra = decoded;
    at += 1;
  }
  const indexLine = lines[at];
  if (indexLine === undefined || !indexLine.startsWith('index ')) {
    return fail('missing_index', 'an index line must follow the header (and extra line)');
  }
  const digits = indexLine.slice('index '.length);
  if (!DECIMAL.test(digits)) {
    return fail('invalid_index', 'the index must be a decimal number without leading zeros');
  }
  const index = Number(digits);
  if (!Number.isSafeInteger(index) || index > MAX_SUPPORTED_TREE_SIZE) {
    return fail('unsupported_index', 'the index is beyond what this verifier handles');
  }
  at += 1;
  const hashLines = lines.slice(at);
  if (hashLines.length > MAX_PROOF_HASHES) {
    return fail('too_many_hashes', `an inclusion proof has at most ${MAX_PROOF_HASHES} hashes`);
  }
  const hashes: Uint8Array[] = [];
  for (const line of hashLines) {
    const hash = fromBase64(line);
    if (hash === undefined || hash.length !== HASH_SIZE) {
      return fail(
        'invalid_hash',
        `every proof line must be a base64 SHA-256 hash: ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    hashes.push(hash);
  }
  if (checkpoint.length === 0 || !checkpoint.endsWith('\n')) {
    return fail('missing_checkpoint', 'the checkpoint note after the empty line is missing or truncated');
  }
  return { ok: true, proof: { ...(extra === undefined ? {} : { extra }), index, hashes, checkpoint } };
}

/** The proof as UTF-8 bytes, e.g. to write a `.tlog-proof` file. */
export function encodeTlogProof(proof: TlogProof): Uint8Array {
  return utf8Encode(formatTlogProof(proof));
}
