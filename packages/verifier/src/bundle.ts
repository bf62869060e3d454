// The two JSON documents a verifier reads besides the credential: the `tradehub-bundle/v1`
// verification bundle (the credential with its log proof, the issuer's DID document and optional
// status lists) and the `tradehub-trust-policy/v1` trust policy (which logs, witnesses and issuer
// DID documents to trust). Parsing is strict and bounded, returns reasons, and never throws.

import { toHex, utf8Decode, utf8Encode } from '@tradehub/kernel';
import { parseWitnessVerifierKey } from './cosignature.ts';
import type { JsonObject } from './data-integrity.ts';
import type { NoteVerifier } from './note.ts';
import { parseVerifierKey } from './note.ts';
import { nativeUtf8Decoder } from './web-platform.ts';

/** The `type` of a verification bundle. */
export const BUNDLE_TYPE = 'tradehub-bundle/v1';
/** The `type` of a trust policy. */
export const TRUST_POLICY_TYPE = 'tradehub-trust-policy/v1';
/** The largest bundle accepted, in UTF-8 bytes. */
export const MAX_BUNDLE_BYTES = 1024 * 1024;
/** The largest trust policy accepted, in UTF-8 bytes. */
export const MAX_TRUST_POLICY_BYTES = 1024 * 1024;
/** The most status list credentials one bundle may carry. */
export const MAX_BUNDLE_STATUS_LISTS = 16;
/** The most log or witness keys a trust policy may list. */
export const MAX_POLICY_KEYS = 100;

/** A parsed `tradehub-bundle/v1`. */
export type TradehubBundle = {
  readonly type: typeof BUNDLE_TYPE;
  readonly credential: JsonObject;
  /** C2SP tlog-proof@v1 text of the credential's ISSUE entry, with the entry in `extra`. */
  readonly tlogProof: string;
  /** The issuer's DID document as the hub served it when the bundle was made: untrusted on its own. */
  readonly issuerDidDocument: JsonObject;
  readonly statusList?: {
    readonly credentials: readonly JsonObject[];
    /** The tlog-proof of each list's STATUS_LIST_PUBLISHED entry, in the same order. */
    readonly tlogProofs: readonly string[];
  };
  /**
   * Present when the log entry is an ISSUE_BATCH: where the credential's doc hash sits in the
   * batch's RFC 6962 tree, whose root the entry's doc_hash is.
   */
  readonly issueBatch?: IssueBatchProof;
};

/** The credential's place in an issuance batch (a tradehub-bundle/v1 member since ISSUE_BATCH). */
export type IssueBatchProof = {
  /** The batch id the entry's record_id names: SHA-256("batch/v1\n" || issuer DID || "\n" || id). */
  readonly id: string;
  /** The credential's leaf index in the batch tree. */
  readonly index: number;
  /** Credentials in the batch: the tree size. */
  readonly size: number;
  /** RFC 9162 inclusion proof, standard base64 hashes, the leaf's sibling first. */
  readonly path: readonly string[];
};

/** The most credentials one issuance batch may hold. */
export const MAX_ISSUE_BATCH_SIZE = 2 ** 32;
const MAX_BATCH_ID_LENGTH = 200;
const MAX_BATCH_PATH = 32;

/** Why a bundle was refused. */
export type BundleErrorReason =
  | 'too_large'
  | 'not_utf8'
  | 'truncated'
  | 'not_json'
  | 'not_an_object'
  | 'wrong_type'
  | 'unexpected_member'
  | 'invalid_credential'
  | 'invalid_tlog_proof'
  | 'invalid_did_document'
  | 'invalid_status_list'
  | 'invalid_issue_batch';

export type BundleParseResult =
  | { readonly ok: true; readonly bundle: TradehubBundle }
  | { readonly ok: false; readonly reason: BundleErrorReason; readonly message: string };

/** A `tradehub-trust-policy/v1` as written. */
export type TrustPolicy = {
  readonly type: typeof TRUST_POLICY_TYPE;
  readonly logs: readonly {
    readonly origin: string;
    readonly vkeys: readonly string[];
    /**
     * The log records an issuance only from the issuer its entry's record id names, signed with
     * that issuer's current key (tradehub's own log does): an ISSUE entry in it then attests
     * which DID the signing key belongs to.
     */
    readonly attestsIssuers?: boolean;
  }[];
  readonly witnesses?: { readonly vkeys: readonly string[]; readonly quorum: number };
  readonly issuers?: { readonly didDocuments?: Readonly<Record<string, JsonObject>> };
};

/** A trust policy with its keys parsed, ready for verification. */
export type ParsedTrustPolicy = {
  readonly policy: TrustPolicy;
  /** Log keys by origin (each key's name equals its origin). */
  readonly logKeys: ReadonlyMap<string, readonly NoteVerifier[]>;
  /** Origins of logs whose ISSUE entries attest the issuer's key (`attestsIssuers`). */
  readonly issuerAttestingLogs: ReadonlySet<string>;
  readonly witnessKeys: readonly NoteVerifier[];
  /** How many distinct policy witnesses must have cosigned a checkpoint. */
  readonly quorum: number;
  /** DID documents pinned by the policy, by DID. */
  readonly didDocuments: ReadonlyMap<string, JsonObject>;
};

/** Why a trust policy was refused. */
export type TrustPolicyErrorReason =
  | 'too_large'
  | 'not_utf8'
  | 'not_json'
  | 'not_an_object'
  | 'wrong_type'
  | 'unexpected_member'
  | 'invalid_logs'
  | 'invalid_log_key'
  | 'invalid_witnesses'
  | 'invalid_witness_key'
  | 'invalid_quorum'
  | 'invalid_issuers';

export type TrustPolicyParseResult =
  | { readonly ok: true; readonly trust: ParsedTrustPolicy }
  | { readonly ok: false; readonly reason: TrustPolicyErrorReason; readonly message: string };

type JsonInput =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'too_large' | 'not_utf8' | 'truncated' | 'not_json'; message: string };

function isObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// True when JSON text stops inside a string or an open object or array: the file was cut short.
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) {
        i++;
      } else if (c === 0x22) {
        inString = false;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return inString || depth > 0;
}

function utf8Length(text: string, maxBytes: number): number {
  // UTF-8 never has fewer bytes than UTF-16 code units, nor more than three per unit.
  return text.length * 3 <= maxBytes ? text.length : utf8Encode(text).length;
}

/** Reads JSON from text, bytes or an already parsed value, with a size bound. Never throws. */
function readJson(input: unknown, maxBytes: number, what: string): JsonInput {
  let text: string;
  if (input instanceof Uint8Array) {
    if (input.length > maxBytes) {
      return { ok: false, reason: 'too_large', message: `The ${what} is larger than ${maxBytes} bytes` };
    }
    try {
      text = nativeUtf8Decoder()?.decode(input) ?? utf8Decode(input, { fatal: true });
    } catch {
      return { ok: false, reason: 'not_utf8', message: `The ${what} is not UTF-8 text` };
    }
  } else if (typeof input === 'string') {
    text = input;
  } else {
    // A value the caller parsed already: the bound protects parsing, which has happened. Each
    // part is still bounded where it is used (canonical forms, proofs, notes).
    return { ok: true, value: input };
  }
  if (utf8Length(text, maxBytes) > maxBytes) {
    return { ok: false, reason: 'too_large', message: `The ${what} is larger than ${maxBytes} bytes` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return looksTruncated(text)
      ? { ok: false, reason: 'truncated', message: `The ${what} ends early: the file is truncated` }
      : { ok: false, reason: 'not_json', message: `The ${what} is not valid JSON` };
  }
}

function unexpectedMember(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !allowed.includes(key));
}

function bundleError(reason: BundleErrorReason, message: string): BundleParseResult {
  return { ok: false, reason, message };
}

const BUNDLE_MEMBERS = [
  'type',
  'credential',
  'tlogProof',
  'issuerDidDocument',
  'statusList',
  'issueBatch',
] as const;

function parseIssueBatchMember(value: unknown): IssueBatchProof | string {
  if (!isObject(value) || unexpectedMember(value, ['id', 'index', 'size', 'path']) !== undefined) {
    return 'issueBatch must be an object with id, index, size and path';
  }
  const { id, index, size, path } = value;
  if (typeof id !== 'string' || id === '' || id.length > MAX_BATCH_ID_LENGTH) {
    return `issueBatch.id must be a string of 1 to ${MAX_BATCH_ID_LENGTH} characters`;
  }
  if (
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    size < 1 ||
    size > MAX_ISSUE_BATCH_SIZE ||
    typeof index !== 'number' ||
    !Number.isSafeInteger(index) ||
    index < 0 ||
    index >= size
  ) {
    return 'issueBatch.index and issueBatch.size must be integers with 0 <= index < size';
  }
  if (!Array.isArray(path) || path.length > MAX_BATCH_PATH || !path.every((h) => typeof h === 'string')) {
    return `issueBatch.path must be an array of at most ${MAX_BATCH_PATH} base64 hashes`;
  }
  return { id, index, size, path: path as string[] };
}

function parseStatusListMember(value: unknown): TradehubBundle['statusList'] | string {
  if (!isObject(value) || unexpectedMember(value, ['credentials', 'tlogProofs']) !== undefined) {
    return 'statusList must be an object with credentials and tlogProofs';
  }
  const { credentials, tlogProofs } = value;
  if (!Array.isArray(credentials) || !Array.isArray(tlogProofs)) {
    return 'statusList.credentials and statusList.tlogProofs must be arrays';
  }
  if (credentials.length > MAX_BUNDLE_STATUS_LISTS || credentials.length !== tlogProofs.length) {
    return `statusList needs one tlog-proof per credential, at most ${MAX_BUNDLE_STATUS_LISTS}`;
  }
  if (!credentials.every(isObject) || !tlogProofs.every((p) => typeof p === 'string')) {
    return 'statusList.credentials must be objects and statusList.tlogProofs strings';
  }
  return { credentials, tlogProofs: tlogProofs as string[] };
}

function bundleFromValue(value: unknown): BundleParseResult {
  if (!isObject(value)) {
    return bundleError('not_an_object', 'A bundle is a JSON object');
  }
  if (value.type !== BUNDLE_TYPE) {
    return bundleError('wrong_type', `A bundle has "type": "${BUNDLE_TYPE}"`);
  }
  const extra = unexpectedMember(value, BUNDLE_MEMBERS);
  if (extra !== undefined) {
    return bundleError('unexpected_member', `A ${BUNDLE_TYPE} has no member "${extra.slice(0, 40)}"`);
  }
  const { credential, tlogProof, issuerDidDocument } = value;
  if (!isObject(credential)) {
    return bundleError('invalid_credential', 'The bundle has no credential object');
  }
  if (typeof tlogProof !== 'string' || tlogProof === '') {
    return bundleError('invalid_tlog_proof', 'The bundle has no tlogProof text');
  }
  if (!isObject(issuerDidDocument)) {
    return bundleError('invalid_did_document', 'The bundle has no issuerDidDocument object');
  }
  let issueBatch: IssueBatchProof | undefined;
  if (value.issueBatch !== undefined) {
    const parsed = parseIssueBatchMember(value.issueBatch);
    if (typeof parsed === 'string') {
      return bundleError('invalid_issue_batch', parsed);
    }
    issueBatch = parsed;
  }
  const bundle = {
    type: BUNDLE_TYPE,
    credential,
    tlogProof,
    issuerDidDocument,
    ...(issueBatch === undefined ? {} : { issueBatch }),
  } as const;
  if (value.statusList === undefined) {
    return { ok: true, bundle };
  }
  const statusList = parseStatusListMember(value.statusList);
  if (typeof statusList === 'string') {
    return bundleError('invalid_status_list', statusList);
  }
  return { ok: true, bundle: { ...bundle, ...(statusList === undefined ? {} : { statusList }) } };
}

/**
 * Parses a `tradehub-bundle/v1` from its text, its bytes or a parsed JSON value: text and bytes at
 * most MAX_BUNDLE_BYTES, no unknown members. Only the layout is checked here. Never throws.
 */
export function parseBundle(input: unknown): BundleParseResult {
  const json = readJson(input, MAX_BUNDLE_BYTES, 'bundle');
  return json.ok ? bundleFromValue(json.value) : bundleError(json.reason, json.message);
}

/** What a file or value turned out to be. */
export type VerificationInput =
  | { readonly kind: 'bundle'; readonly bundle: TradehubBundle }
  | { readonly kind: 'credential'; readonly credential: JsonObject }
  | {
      readonly kind: 'unreadable';
      readonly reason: BundleErrorReason | 'not_a_credential';
      readonly message: string;
    };

/**
 * Tells a bundle from a bare credential (an object with a `proof`, not of the bundle type). Bytes and
 * text are parsed first, with the bundle's size bound. Never throws.
 */
export function readVerificationInput(input: unknown): VerificationInput {
  const json = readJson(input, MAX_BUNDLE_BYTES, 'input');
  if (!json.ok) {
    return { kind: 'unreadable', reason: json.reason, message: json.message };
  }
  const value = json.value;
  if (isObject(value) && value.type !== BUNDLE_TYPE && value.proof !== undefined) {
    return { kind: 'credential', credential: value };
  }
  const parsed = bundleFromValue(value);
  if (parsed.ok) {
    return { kind: 'bundle', bundle: parsed.bundle };
  }
  if (parsed.reason === 'wrong_type' || parsed.reason === 'not_an_object') {
    return {
      kind: 'unreadable',
      reason: 'not_a_credential',
      message: `The input is neither a ${BUNDLE_TYPE} nor a credential with a proof`,
    };
  }
  return { kind: 'unreadable', reason: parsed.reason, message: parsed.message };
}

function policyError(reason: TrustPolicyErrorReason, message: string): TrustPolicyParseResult {
  return { ok: false, reason, message };
}

function parseLogs(logs: unknown): Map<string, NoteVerifier[]> | TrustPolicyParseResult {
  if (!Array.isArray(logs) || logs.length > MAX_POLICY_KEYS) {
    return policyError('invalid_logs', `logs must be an array of at most ${MAX_POLICY_KEYS} logs`);
  }
  const byOrigin = new Map<string, NoteVerifier[]>();
  for (const log of logs) {
    if (!isObject(log) || unexpectedMember(log, ['origin', 'vkeys', 'attestsIssuers']) !== undefined) {
      return policyError('invalid_logs', 'every log is {origin, vkeys, attestsIssuers?}');
    }
    if (log.attestsIssuers !== undefined && typeof log.attestsIssuers !== 'boolean') {
      return policyError('invalid_logs', 'attestsIssuers is true or false');
    }
    const { origin, vkeys } = log;
    if (typeof origin !== 'string' || origin === '' || !Array.isArray(vkeys) || vkeys.length === 0) {
      return policyError('invalid_logs', 'every log has an origin and at least one vkey');
    }
    const keys = byOrigin.get(origin) ?? [];
    for (const text of vkeys) {
      const parsed = typeof text === 'string' ? parseVerifierKey(text) : undefined;
      if (parsed === undefined || !parsed.ok) {
        return policyError('invalid_log_key', `a log key of ${origin} is not an Ed25519 note verifier key`);
      }
      if (parsed.key.name !== origin) {
        return policyError(
          'invalid_log_key',
          `the log key ${parsed.key.name} is not named after its origin ${origin}`,
        );
      }
      keys.push(parsed.key);
    }
    byOrigin.set(origin, keys);
  }
  return byOrigin;
}

type Witnesses = { keys: NoteVerifier[]; quorum: number };

function parseWitnesses(witnesses: unknown): Witnesses | TrustPolicyParseResult {
  if (witnesses === undefined) {
    return { keys: [], quorum: 0 };
  }
  if (!isObject(witnesses) || unexpectedMember(witnesses, ['vkeys', 'quorum']) !== undefined) {
    return policyError('invalid_witnesses', 'witnesses is {vkeys, quorum}');
  }
  const { vkeys, quorum } = witnesses;
  if (!Array.isArray(vkeys) || vkeys.length > MAX_POLICY_KEYS) {
    return policyError('invalid_witnesses', `witnesses.vkeys is an array of at most ${MAX_POLICY_KEYS} keys`);
  }
  const keys: NoteVerifier[] = [];
  for (const text of vkeys) {
    const parsed = typeof text === 'string' ? parseWitnessVerifierKey(text) : undefined;
    if (parsed === undefined || !parsed.ok) {
      return policyError('invalid_witness_key', 'every witness vkey is a cosignature/v1 (type 0x04) key');
    }
    keys.push(parsed.key);
  }
  // Counted as countWitnessCosignatures counts: one key under two names is one witness.
  const distinct = new Set(keys.map((k) => toHex(k.publicKey))).size;
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 0 || quorum > distinct) {
    return policyError('invalid_quorum', `witnesses.quorum is an integer from 0 to ${distinct}`);
  }
  return { keys, quorum };
}

function parseIssuers(issuers: unknown): Map<string, JsonObject> | TrustPolicyParseResult {
  const pinned = new Map<string, JsonObject>();
  if (issuers === undefined) {
    return pinned;
  }
  if (!isObject(issuers) || unexpectedMember(issuers, ['didDocuments']) !== undefined) {
    return policyError('invalid_issuers', 'issuers is {didDocuments}');
  }
  const documents = issuers.didDocuments ?? {};
  if (!isObject(documents)) {
    return policyError('invalid_issuers', 'issuers.didDocuments maps DIDs to DID documents');
  }
  for (const [did, document] of Object.entries(documents)) {
    if (!isObject(document) || document.id !== did) {
      return policyError(
        'invalid_issuers',
        `the pinned DID document for ${did.slice(0, 80)} must have that id`,
      );
    }
    pinned.set(did, document);
  }
  return pinned;
}

function isFailure<T>(value: T | TrustPolicyParseResult): value is TrustPolicyParseResult {
  return typeof value === 'object' && value !== null && 'ok' in value && value.ok === false;
}

function policyFromValue(value: unknown): TrustPolicyParseResult {
  if (!isObject(value)) {
    return policyError('not_an_object', 'A trust policy is a JSON object');
  }
  if (value.type !== TRUST_POLICY_TYPE) {
    return policyError('wrong_type', `A trust policy has "type": "${TRUST_POLICY_TYPE}"`);
  }
  const extra = unexpectedMember(value, ['type', 'logs', 'witnesses', 'issuers']);
  if (extra !== undefined) {
    return policyError('unexpected_member', `A ${TRUST_POLICY_TYPE} has no member "${extra.slice(0, 40)}"`);
  }
  const logKeys = parseLogs(value.logs);
  if (isFailure(logKeys)) {
    return logKeys;
  }
  const witnesses = parseWitnesses(value.witnesses);
  if (isFailure(witnesses)) {
    return witnesses;
  }
  const didDocuments = parseIssuers(value.issuers);
  if (isFailure(didDocuments)) {
    return didDocuments;
  }
  return {
    ok: true,
    trust: {
      policy: value as unknown as TrustPolicy,
      logKeys,
      issuerAttestingLogs: new Set(
        (value.logs as { origin: string; attestsIssuers?: boolean }[])
          .filter((log) => log.attestsIssuers === true)
          .map((log) => log.origin),
      ),
      witnessKeys: witnesses.keys,
      quorum: witnesses.quorum,
      didDocuments,
    },
  };
}

/**
 * Parses a `tradehub-trust-policy/v1` from text, bytes or a parsed value: every log key named after
 * its origin, witness keys of type 0x04, a quorum no larger than the witnesses. Never throws.
 */
export function parseTrustPolicy(input: unknown): TrustPolicyParseResult {
  const json = readJson(input, MAX_TRUST_POLICY_BYTES, 'trust policy');
  if (!json.ok) {
    const reason = json.reason === 'truncated' ? 'not_json' : json.reason;
    return policyError(reason, json.message);
  }
  return policyFromValue(json.value);
}
