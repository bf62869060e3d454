// W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (vc-di-eddsa v1.0 §3.3): JCS (RFC 8785)
// canonical JSON, SHA-256(proof configuration) || SHA-256(document), Ed25519, base58-btc `proofValue`.
import { ed25519 } from '@noble/curves/ed25519.js';
import type { JsonValue } from '@tradehub/kernel';
import { AppError, canonicalize } from '@tradehub/kernel';
import { canonicalizeJson } from './fast-jcs.ts';
import { decodeMultibaseBase58Btc, ED25519_PUBLIC_KEY_BYTES, encodeMultibaseBase58Btc } from './multibase.ts';
import { sha256Utf8 } from './sha256.ts';
import { encodeUtf8 } from './web-platform.ts';

/** The proof `type` of every Data Integrity proof. */
export const DATA_INTEGRITY_PROOF_TYPE = 'DataIntegrityProof';

/** The cryptosuite identifier this module creates and verifies. */
export const EDDSA_JCS_2022 = 'eddsa-jcs-2022';

/** The largest canonical document or proof configuration, in UTF-8 bytes, that is signed or verified. */
export const MAX_CANONICAL_BYTES = 1024 * 1024;

/** The AppError codes `createEddsaJcs2022Proof` and `proofHashData` throw. */
export const DATA_INTEGRITY_ERROR_CODES = [
  'verifier.already_has_proof',
  'verifier.document_too_large',
  'verifier.invalid_created',
  'verifier.invalid_document',
  'verifier.invalid_private_key',
  'verifier.invalid_proof_options',
  'verifier.not_canonicalizable',
] as const;

const ED25519_SEED_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

/** A JSON object: the shape of a credential and of its proof. */
export type JsonObject = { [key: string]: JsonValue };

/** A Data Integrity proof made with `eddsa-jcs-2022`. */
export type EddsaJcs2022Proof = {
  type: typeof DATA_INTEGRITY_PROOF_TYPE;
  cryptosuite: typeof EDDSA_JCS_2022;
  created: string;
  verificationMethod: string;
  proofPurpose: string;
  '@context'?: JsonValue;
  proofValue: string;
};

/** A document with an `eddsa-jcs-2022` proof attached. */
export type SecuredDocument = JsonObject & { proof: EddsaJcs2022Proof };

/** What `createEddsaJcs2022Proof` signs, and with which key and metadata. */
export type CreateEddsaJcs2022ProofInput = {
  /** The unsecured document; it must not already have a `proof`. */
  document: JsonObject;
  /** The 32-byte Ed25519 secret key (seed). */
  privateKey: Uint8Array;
  /** The URL of the verification method, e.g. `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  /** Defaults to `assertionMethod`, the relationship for issuing credentials. */
  proofPurpose?: string;
  /** An XML Schema dateTime; defaults to now, to the second, in UTC. */
  created?: string;
};

/** Options of `verifyEddsaJcs2022Proof`. */
export type VerifyEddsaJcs2022Options = {
  /** Fail with `wrong_proof_purpose` unless the proof states this purpose. */
  expectedProofPurpose?: string;
  /** The canonical size bound in UTF-8 bytes; defaults to MAX_CANONICAL_BYTES. */
  maxCanonicalBytes?: number;
};

/** Why a secured document did not verify. */
export type VerificationFailureReason =
  | 'invalid_public_key'
  | 'not_an_object'
  | 'no_proof'
  | 'proof_set_unsupported'
  | 'malformed_proof'
  | 'wrong_type'
  | 'wrong_cryptosuite'
  | 'wrong_proof_purpose'
  | 'malformed_proof_value'
  | 'context_mismatch'
  | 'not_canonicalizable'
  | 'too_large'
  | 'bad_signature'
  | 'unreadable_input';

/** The outcome of verifying a proof; failures carry a stable reason and never throw. */
export type VerificationResult = { ok: true } | VerificationFailure;

/** A failed verification and its stable reason. */
export type VerificationFailure = { ok: false; reason: VerificationFailureReason };

/** The signed bytes and their parts: what `hashData` is made of (vc-di-eddsa §3.3.4). */
export type ProofHashData = {
  canonicalProofConfig: string;
  canonicalDocument: string;
  proofConfigHash: Uint8Array;
  documentHash: Uint8Array;
  /** proofConfigHash followed by documentHash: the 64 bytes Ed25519 signs. */
  hashData: Uint8Array;
};

// XML Schema 1.1 Part 2 §3.3.8 dateTime lexical space; day-of-month is checked separately.
const XSD_DATE_TIME =
  /^-?(?:[1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `value` is an XML Schema dateTime, the format Data Integrity requires for `created`. */
export function isXsdDateTime(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const match = XSD_DATE_TIME.exec(value);
  if (match === null) {
    return false;
  }
  const year = Number.parseInt(value.slice(0, value.indexOf('-', 1)), 10);
  return Number(match[2]) <= daysInMonth(year, Number(match[1]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// A null prototype makes `copy['__proto__'] = …` an own member, as JSON.parse would make it.
function withoutKey(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const [name, member] of Object.entries(value)) {
    if (name !== key) {
      copy[name] = member;
    }
  }
  return copy;
}

// JCS rejects non-JSON values with an AppError; deep nesting overflows the stack. Both mean "not JSON data".
function canonicalizeOrThrow(
  value: unknown,
  what: string,
  maxBytes: number,
): { text: string; hash: Uint8Array } {
  let text: string;
  try {
    text = canonicalizeJson(value);
  } catch (error) {
    throw new AppError(
      'verifier.not_canonicalizable',
      `The ${what} is not JSON data that JCS can canonicalize`,
      {
        cause: error,
      },
    );
  }
  // UTF-8 has at least one and at most three bytes per UTF-16 code unit: only long texts need the
  // exact count, and the usual short ones are hashed without a separate encoding step.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && encodeUtf8(text).length > maxBytes)) {
    throw new AppError('verifier.document_too_large', `The canonical ${what} exceeds ${maxBytes} bytes`, {
      details: { maxBytes },
    });
  }
  return { text, hash: sha256Utf8(text) };
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}

/**
 * The `eddsa-jcs-2022` hash data of an unsecured document (no `proof`) and a proof configuration (no
 * `proofValue`). Throws AppError `verifier.not_canonicalizable` or `verifier.document_too_large`.
 */
export function proofHashData(
  unsecuredDocument: unknown,
  proofConfig: unknown,
  maxCanonicalBytes: number = MAX_CANONICAL_BYTES,
): ProofHashData {
  const config = canonicalizeOrThrow(proofConfig, 'proof configuration', maxCanonicalBytes);
  const document = canonicalizeOrThrow(unsecuredDocument, 'document', maxCanonicalBytes);
  const proofConfigHash = config.hash;
  const documentHash = document.hash;
  return {
    canonicalProofConfig: config.text,
    canonicalDocument: document.text,
    proofConfigHash,
    documentHash,
    hashData: concat(proofConfigHash, documentHash),
  };
}

// Seconds precision keeps `created` short and equal to what most issuers emit.
function nowAsXsdDateTime(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function checkCreateInput(input: CreateEddsaJcs2022ProofInput): void {
  if (!isPlainObject(input.document)) {
    throw new AppError('verifier.invalid_document', 'The document to sign must be a JSON object');
  }
  if (Object.hasOwn(input.document, 'proof')) {
    throw new AppError(
      'verifier.already_has_proof',
      'The document already has a proof; proof sets are not supported',
    );
  }
  if (!(input.privateKey instanceof Uint8Array) || input.privateKey.length !== ED25519_SEED_BYTES) {
    throw new AppError('verifier.invalid_private_key', 'The Ed25519 private key must be a 32-byte seed');
  }
  const { verificationMethod, proofPurpose } = input;
  if (typeof verificationMethod !== 'string' || verificationMethod === '') {
    throw new AppError('verifier.invalid_proof_options', 'The verification method must be a non-empty URL');
  }
  if (proofPurpose !== undefined && (typeof proofPurpose !== 'string' || proofPurpose === '')) {
    throw new AppError('verifier.invalid_proof_options', 'The proof purpose must be a non-empty string');
  }
}

// A deep copy, so the proof's `@context` and the document's never alias each other.
function cloneJson(value: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function proofOptionsFor(
  input: CreateEddsaJcs2022ProofInput,
  created: string,
): Omit<EddsaJcs2022Proof, 'proofValue'> {
  const options: Omit<EddsaJcs2022Proof, 'proofValue'> = {
    type: DATA_INTEGRITY_PROOF_TYPE,
    cryptosuite: EDDSA_JCS_2022,
    created,
    verificationMethod: input.verificationMethod,
    proofPurpose: input.proofPurpose ?? 'assertionMethod',
  };
  const context = input.document['@context'];
  // vc-di-eddsa §3.3.1 step 2: the proof carries the document's context, so proof sets stay verifiable.
  if (context !== undefined) {
    options['@context'] = cloneJson(context);
  }
  return options;
}

/**
 * Signs `document` with `eddsa-jcs-2022` and returns a copy with the `proof` attached. Throws AppError
 * (`verifier.*`, see DATA_INTEGRITY_ERROR_CODES) for a document with a proof, non-JSON data, an oversized
 * document, a malformed key or malformed proof options.
 */
export function createEddsaJcs2022Proof(input: CreateEddsaJcs2022ProofInput): SecuredDocument {
  checkCreateInput(input);
  const created = input.created ?? nowAsXsdDateTime();
  if (!isXsdDateTime(created)) {
    throw new AppError('verifier.invalid_created', 'created must be an XML Schema dateTime', {
      details: { created },
    });
  }
  const options = proofOptionsFor(input, created);
  const { hashData } = proofHashData(input.document, options);
  const signature = ed25519.sign(hashData, input.privateKey);
  return { ...input.document, proof: { ...options, proofValue: encodeMultibaseBase58Btc(signature) } };
}

function failure(reason: VerificationFailureReason): VerificationFailure {
  return { ok: false, reason };
}

function asContextList(context: unknown): unknown[] {
  return Array.isArray(context) ? context : [context];
}

// Context entries compare as JSON data; an entry JCS cannot canonicalize matches nothing.
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalize(a) === canonicalize(b);
  } catch {
    return false;
  }
}

// vc-di-eddsa §3.3.2 step 4.1: the document's contexts must start with the proof's, in the same order.
function contextIsPrefix(proofContext: unknown, documentContext: unknown): boolean {
  if (documentContext === undefined) {
    return false;
  }
  const expected = asContextList(proofContext);
  const actual = asContextList(documentContext);
  return expected.length <= actual.length && expected.every((entry, i) => sameJson(entry, actual[i]));
}

type ParsedProof = { options: Record<string, unknown>; signature: Uint8Array };

function proofShapeFailure(
  proof: Record<string, unknown>,
  options: VerifyEddsaJcs2022Options,
): VerificationFailure | undefined {
  if (proof.type !== DATA_INTEGRITY_PROOF_TYPE) {
    return failure('wrong_type');
  }
  if (proof.cryptosuite !== EDDSA_JCS_2022) {
    return failure('wrong_cryptosuite');
  }
  const { verificationMethod, proofPurpose, created } = proof;
  if (typeof verificationMethod !== 'string' || typeof proofPurpose !== 'string') {
    return failure('malformed_proof');
  }
  // vc-di-eddsa §3.3.5 step 3: a `created` that is not a dateTime is an error, not merely unsigned data.
  if (created !== undefined && !isXsdDateTime(created)) {
    return failure('malformed_proof');
  }
  if (options.expectedProofPurpose !== undefined && proofPurpose !== options.expectedProofPurpose) {
    return failure('wrong_proof_purpose');
  }
  return undefined;
}

function parseProof(proof: unknown, options: VerifyEddsaJcs2022Options): ParsedProof | VerificationFailure {
  if (proof === undefined) {
    return failure('no_proof');
  }
  if (Array.isArray(proof)) {
    return failure('proof_set_unsupported');
  }
  if (!isPlainObject(proof)) {
    return failure('malformed_proof');
  }
  const shape = proofShapeFailure(proof, options);
  if (shape !== undefined) {
    return shape;
  }
  const decoded = decodeMultibaseBase58Btc(proof.proofValue);
  if (!decoded.ok || decoded.value.length !== ED25519_SIGNATURE_BYTES) {
    return failure('malformed_proof_value');
  }
  return { options: withoutKey(proof, 'proofValue'), signature: decoded.value };
}

/**
 * Everything but the signature check of an `eddsa-jcs-2022` proof: the 64 bytes that were signed, the
 * signature, and the SHA-256 of the canonical document, so a caller can check the signature with
 * another Ed25519 implementation (WebCrypto) and reuse the document hash.
 */
export type PreparedEddsaJcs2022Verification = {
  ok: true;
  /** proofConfigHash || documentHash: the message Ed25519 signed. */
  hashData: Uint8Array;
  signature: Uint8Array;
  /** SHA-256 of the JCS form of the document as signed (without `proof`). */
  documentHash: Uint8Array;
  /**
   * True when the signed document is exactly the secured one minus `proof`; false when the proof's
   * `@context` replaced a longer document context (vc-di-eddsa §3.3.2 step 4.2).
   */
  documentIsUnsecured: boolean;
};

function prepareParsed(
  document: Record<string, unknown>,
  parsed: ParsedProof,
  maxBytes: number,
): PreparedEddsaJcs2022Verification | VerificationFailure {
  const unsecured = withoutKey(document, 'proof');
  const proofContext = parsed.options['@context'];
  let documentIsUnsecured = true;
  if (proofContext !== undefined) {
    if (!contextIsPrefix(proofContext, document['@context'])) {
      return failure('context_mismatch');
    }
    // Step 4.2: only the contexts the signer saw are signed; later ones (added by proof sets) are not.
    documentIsUnsecured = sameJson(proofContext, document['@context']);
    unsecured['@context'] = proofContext;
  }
  let data: ProofHashData;
  try {
    data = proofHashData(unsecured, parsed.options, maxBytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'verifier.document_too_large') {
      return failure('too_large');
    }
    return failure('not_canonicalizable');
  }
  return {
    ok: true,
    hashData: data.hashData,
    signature: parsed.signature,
    documentHash: data.documentHash,
    documentIsUnsecured,
  };
}

function prepareUnchecked(
  securedDocument: unknown,
  options: VerifyEddsaJcs2022Options,
): PreparedEddsaJcs2022Verification | VerificationFailure {
  if (!isPlainObject(securedDocument)) {
    return failure('not_an_object');
  }
  const parsed = parseProof(securedDocument.proof, options);
  if ('ok' in parsed) {
    return parsed;
  }
  return prepareParsed(securedDocument, parsed, options.maxCanonicalBytes ?? MAX_CANONICAL_BYTES);
}

/**
 * Checks the shape of the single `eddsa-jcs-2022` proof of `securedDocument` and computes what its
 * signature covers, without checking the signature. Never throws.
 */
export function prepareEddsaJcs2022Verification(
  securedDocument: unknown,
  options: VerifyEddsaJcs2022Options = {},
): PreparedEddsaJcs2022Verification | VerificationFailure {
  try {
    return prepareUnchecked(securedDocument, options);
  } catch {
    return failure('unreadable_input');
  }
}

function verifyUnchecked(
  securedDocument: unknown,
  publicKey: Uint8Array,
  options: VerifyEddsaJcs2022Options,
): VerificationResult {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    return failure('invalid_public_key');
  }
  const prepared = prepareUnchecked(securedDocument, options);
  if (!prepared.ok) {
    return prepared;
  }
  // zip215: false is RFC 8032 / FIPS 186-5 strict decoding plus small-order key rejection (SUF-CMA, SBS).
  const valid = ed25519.verify(prepared.signature, prepared.hashData, publicKey, { zip215: false });
  return valid ? { ok: true } : failure('bad_signature');
}

/**
 * Verifies the single `eddsa-jcs-2022` proof of `securedDocument` against a raw 32-byte Ed25519 public key.
 * Never throws: any input, however malformed, yields `{ ok: false, reason }`.
 */
export function verifyEddsaJcs2022Proof(
  securedDocument: unknown,
  publicKey: Uint8Array,
  options: VerifyEddsaJcs2022Options = {},
): VerificationResult {
  try {
    return verifyUnchecked(securedDocument, publicKey, options);
  } catch {
    // Throwing getters, proxies and the like: the input is hostile or broken, never verified.
    return failure('unreadable_input');
  }
}
