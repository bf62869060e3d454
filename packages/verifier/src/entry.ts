// TradeLogEntry v1: the fixed 266-byte record every transparency-log leaf of tradehub holds
// (docs/transparency-log.md, "Entry format"). Hashes and ids only, never personal data, so the
// append-only log never conflicts with a duty to erase. Big-endian throughout.

import { sha256, utf8Encode } from '@tradehub/kernel';
import { leafHash } from './merkle.ts';
import { verifyEd25519 } from './note.ts';

/** Bytes in every v1 entry. */
export const TRADE_LOG_ENTRY_SIZE = 266;

/** The version byte of this format. */
export const TRADE_LOG_ENTRY_VERSION = 0x01;

/** Bytes covered by the signature: everything before it. */
export const TRADE_LOG_ENTRY_SIGNED_BYTES = 202;

/** Prefixed to the signed bytes so a signature on an entry is never valid for anything else. */
export const TRADE_LOG_ENTRY_DOMAIN = 'trade-log-entry/v1\n';

const HASH = 32;
const SIGNATURE = 64;

/** What an entry records. Numbers are stable: they are part of the signed bytes. */
export const TradeLogEntryKind = {
  ISSUE: 1,
  REVOKE: 2,
  SUSPEND: 3,
  UNSUSPEND: 4,
  /** One entry for many credentials: doc_hash is the RFC 6962 root over their doc hashes. */
  ISSUE_BATCH: 5,
  /**
   * One entry for many messages an organisation submitted (customs CEB messages): doc_hash is the
   * RFC 6962 root over the SHA-256 of each message's verbatim bytes, aux the count.
   */
  MESSAGE_BATCH: 6,
  /**
   * One entry per logistics ingest transaction: doc_hash is the RFC 6962 root over the heads of
   * the shipment trace chains it moved (packages/verifier/src/trace.ts), aux the number of heads.
   */
  TRACE_BATCH: 7,
  TRANSFER_HOLDER: 10,
  NOMINATE: 11,
  TRANSFER_BENEFICIARY: 12,
  ENDORSE_TO_ORDER: 13,
  BLANK_ENDORSE: 14,
  REJECT_TRANSFER: 15,
  SIGN: 16,
  SURRENDER_FOR_DELIVERY: 20,
  SURRENDER_FOR_AMENDMENT: 21,
  SURRENDER_ACCEPT: 22,
  SURRENDER_REJECT: 23,
  AMEND: 24,
  SWITCH_TO_PAPER: 25,
  STATUS_LIST_PUBLISHED: 30,
  KEY_ROTATION: 31,
} as const;

export type TradeLogEntryKindName = keyof typeof TradeLogEntryKind;

const kindNames = new Map<number, TradeLogEntryKindName>(
  Object.entries(TradeLogEntryKind).map(([name, code]) => [code, name as TradeLogEntryKindName]),
);

/** The name of a kind code, or undefined for a code this version does not define. */
export function tradeLogEntryKindName(kind: number): TradeLogEntryKindName | undefined {
  return kindNames.get(kind);
}

/** Thirty-two zero bytes: "none" for prev_entry_hash, counterparty and aux. */
export const ZERO_HASH: Uint8Array = new Uint8Array(HASH);

/** The signed fields of an entry. Every hash is 32 bytes. */
export type TradeLogEntryFields = {
  kind: number;
  /** The actor's claimed time in Unix milliseconds; the checkpoint and witnesses give the authoritative one. */
  timeMs: number;
  recordId: Uint8Array;
  docHash: Uint8Array;
  /** RFC 6962 leaf hash of this record's previous entry; zeros for the first. */
  prevEntryHash: Uint8Array;
  /** SHA-256 of the multikey bytes of the key that signed the entry. */
  actor: Uint8Array;
  counterparty: Uint8Array;
  aux: Uint8Array;
};

/** A parsed entry: its fields, its signature, and the bytes it came from. */
export type TradeLogEntry = TradeLogEntryFields & {
  signature: Uint8Array;
  bytes: Uint8Array;
};

export type TradeLogEntryErrorReason =
  | 'wrong_size'
  | 'unsupported_version'
  | 'unknown_kind'
  | 'invalid_time'
  | 'bad_field_length';

export type TradeLogEntryParseResult =
  | { ok: true; entry: TradeLogEntry }
  | { ok: false; reason: TradeLogEntryErrorReason; message: string };

const hashFields = ['recordId', 'docHash', 'prevEntryHash', 'actor', 'counterparty', 'aux'] as const;

const fieldsProblem = (fields: TradeLogEntryFields): string | undefined => {
  if (tradeLogEntryKindName(fields.kind) === undefined) {
    return `unknown entry kind ${fields.kind}`;
  }
  if (!Number.isSafeInteger(fields.timeMs) || fields.timeMs < 0) {
    return 'timeMs must be a non-negative safe integer';
  }
  for (const name of hashFields) {
    if (fields[name].length !== HASH) {
      return `${name} must be ${HASH} bytes, got ${fields[name].length}`;
    }
  }
  return undefined;
};

const writeSignedPart = (out: Uint8Array, fields: TradeLogEntryFields): void => {
  const problem = fieldsProblem(fields);
  if (problem !== undefined) {
    throw new RangeError(problem);
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out[0] = TRADE_LOG_ENTRY_VERSION;
  out[1] = fields.kind;
  view.setBigUint64(2, BigInt(fields.timeMs));
  let at = 10;
  for (const name of hashFields) {
    out.set(fields[name], at);
    at += HASH;
  }
};

const domain = utf8Encode(TRADE_LOG_ENTRY_DOMAIN);

const signingInputOf = (signedPart: Uint8Array): Uint8Array => {
  const input = new Uint8Array(domain.length + TRADE_LOG_ENTRY_SIGNED_BYTES);
  input.set(domain, 0);
  input.set(signedPart.subarray(0, TRADE_LOG_ENTRY_SIGNED_BYTES), domain.length);
  return input;
};

/** The message an actor signs: the domain string followed by the entry's first 202 bytes. Throws on bad fields. */
export function tradeLogEntrySigningInput(fields: TradeLogEntryFields): Uint8Array {
  const signedPart = new Uint8Array(TRADE_LOG_ENTRY_SIGNED_BYTES);
  writeSignedPart(signedPart, fields);
  return signingInputOf(signedPart);
}

/** The 266 entry bytes for signed fields. Throws on fields that cannot be encoded (a programming error). */
export function encodeTradeLogEntry(fields: TradeLogEntryFields, signature: Uint8Array): Uint8Array {
  if (signature.length !== SIGNATURE) {
    throw new RangeError(`signature must be ${SIGNATURE} bytes, got ${signature.length}`);
  }
  const out = new Uint8Array(TRADE_LOG_ENTRY_SIZE);
  writeSignedPart(out, fields);
  out.set(signature, TRADE_LOG_ENTRY_SIGNED_BYTES);
  return out;
}

/** Encodes and signs in one step; `sign` receives the signing input and returns an Ed25519 signature. */
export function signTradeLogEntry(
  fields: TradeLogEntryFields,
  sign: (message: Uint8Array) => Uint8Array,
): Uint8Array {
  return encodeTradeLogEntry(fields, sign(tradeLogEntrySigningInput(fields)));
}

/** Parses entry bytes strictly; never throws. The signature is not checked here. */
export function parseTradeLogEntry(bytes: Uint8Array): TradeLogEntryParseResult {
  if (bytes.length !== TRADE_LOG_ENTRY_SIZE) {
    return {
      ok: false,
      reason: 'wrong_size',
      message: `a v1 entry is ${TRADE_LOG_ENTRY_SIZE} bytes, got ${bytes.length}`,
    };
  }
  if (bytes[0] !== TRADE_LOG_ENTRY_VERSION) {
    return { ok: false, reason: 'unsupported_version', message: `unsupported entry version ${bytes[0]}` };
  }
  const kind = bytes[1] ?? 0;
  if (tradeLogEntryKindName(kind) === undefined) {
    return { ok: false, reason: 'unknown_kind', message: `unknown entry kind ${kind}` };
  }
  const time = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(2);
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, reason: 'invalid_time', message: 'entry time is beyond any real date' };
  }
  const copy = bytes.slice();
  const hashAt = (i: number) => copy.subarray(10 + i * HASH, 10 + (i + 1) * HASH);
  return {
    ok: true,
    entry: {
      kind,
      timeMs: Number(time),
      recordId: hashAt(0),
      docHash: hashAt(1),
      prevEntryHash: hashAt(2),
      actor: hashAt(3),
      counterparty: hashAt(4),
      aux: hashAt(5),
      signature: copy.subarray(TRADE_LOG_ENTRY_SIGNED_BYTES),
      bytes: copy,
    },
  };
}

/** Checks the entry's Ed25519 signature under the actor's public key (strict RFC 8032). */
export function verifyTradeLogEntrySignature(entry: TradeLogEntry, publicKey: Uint8Array): boolean {
  return verifyEd25519(entry.signature, signingInputOf(entry.bytes), publicKey);
}

const ED25519_MULTICODEC = [0xed, 0x01];

// By key object: a verifier checks thousands of entries against one issuer key object.
const actorHashes = new WeakMap<Uint8Array, { key: Uint8Array; actor: Uint8Array }>();

/** The `actor` value of an Ed25519 key: SHA-256 of its multikey bytes (0xed 0x01 || public key). */
export function actorHashOfEd25519Key(publicKey: Uint8Array): Uint8Array {
  const known = actorHashes.get(publicKey);
  // The bytes are compared too, in case the caller changed the array since.
  if (known !== undefined && sameBytes(known.key, publicKey)) {
    return known.actor.slice();
  }
  const actor = computeActorHash(publicKey);
  actorHashes.set(publicKey, { key: publicKey.slice(), actor: actor.slice() });
  return actor;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function computeActorHash(publicKey: Uint8Array): Uint8Array {
  const multikey = new Uint8Array(ED25519_MULTICODEC.length + publicKey.length);
  multikey.set(ED25519_MULTICODEC, 0);
  multikey.set(publicKey, ED25519_MULTICODEC.length);
  return sha256(multikey);
}

/** The RFC 6962 leaf hash of an entry, as stored in the tree and used for prev_entry_hash. */
export function tradeLogEntryLeafHash(entryBytes: Uint8Array): Uint8Array {
  return leafHash(entryBytes);
}
