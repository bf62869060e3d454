// Issuer DID documents as the verifier reads them: W3C DID v1.0 with Multikey verification methods
// (W3C Controlled Identifiers 1.0), including `expires` on rotated-out keys and `revoked` on revoked
// ones, and did:web resolution (https://<host>/<path>/did.json) through an injected fetch.

import { decodeEd25519Multikey } from './multibase.ts';
import type { FetchFunction } from './web-platform.ts';
import { globalFetch } from './web-platform.ts';

/** A verification method found in a DID document, with its key decoded. */
export type IssuerKey = {
  /** The absolute DID URL of the method, e.g. `did:web:hub.example:org:org_1#key-1`. */
  readonly id: string;
  readonly controller: string;
  readonly publicKey: Uint8Array;
  /** Milliseconds since the epoch from `expires`, when the key was rotated out. */
  readonly expiresMs?: number;
  /** Milliseconds since the epoch from `revoked`. */
  readonly revokedMs?: number;
  readonly expires?: string;
  readonly revoked?: string;
  /** True when the document lists the method under `assertionMethod`, i.e. for issuing credentials. */
  readonly forAssertion: boolean;
};

/** Why a verification method could not be taken from a DID document. */
export type IssuerKeyErrorReason =
  | 'did_document_malformed'
  | 'did_document_mismatch'
  | 'verification_method_not_issuer'
  | 'verification_method_not_found'
  | 'verification_method_malformed';

export type IssuerKeyResult =
  | { readonly ok: true; readonly key: IssuerKey }
  | { readonly ok: false; readonly reason: IssuerKeyErrorReason; readonly message: string };

/** The largest DID document text a resolver reads. */
export const MAX_DID_DOCUMENT_BYTES = 256 * 1024;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Milliseconds since the epoch of an XML Schema dateTime (UTC when it has no offset), or undefined. */
export function parseDateTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = DATE_TIME.exec(value);
  if (match === null) {
    return undefined;
  }
  // Date.parse reads an offset-less time as local time; the Data Integrity specs mean UTC.
  const fraction = (match[7] ?? '').slice(0, 4);
  const normalised = `${value.slice(0, 19)}${fraction}${match[8] ?? 'Z'}`;
  const ms = Date.parse(normalised);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The DID of a DID URL: everything before the first `#`, `?` or `/` after the method-specific id. */
export function didOfUrl(url: string): string {
  const end = url.search(/[#?/]/);
  return end < 0 ? url : url.slice(0, end);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A method id may be absolute (did:...#key) or relative to the document (#key).
function absoluteId(id: string, did: string): string {
  return id.startsWith('#') ? `${did}${id}` : id;
}

function asList(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function listsMethod(relationship: unknown, methodId: string, did: string): boolean {
  return asList(relationship).some((item) => {
    const id = typeof item === 'string' ? item : isObject(item) ? item.id : undefined;
    return typeof id === 'string' && absoluteId(id, did) === methodId;
  });
}

function keyError(reason: IssuerKeyErrorReason, message: string): IssuerKeyResult {
  return { ok: false, reason, message };
}

type MethodLike = Record<string, unknown> & { id: string };

function findMethod(
  document: Record<string, unknown>,
  methodId: string,
  did: string,
): MethodLike | undefined {
  const candidates = [...asList(document.verificationMethod), ...asList(document.assertionMethod)];
  for (const candidate of candidates) {
    if (
      isObject(candidate) &&
      typeof candidate.id === 'string' &&
      absoluteId(candidate.id, did) === methodId
    ) {
      return candidate as MethodLike;
    }
  }
  return undefined;
}

const multikeyCache = new Map<string, Uint8Array | undefined>();

// Base58 decoding is quadratic and every document of an issuer names the same few keys.
function decodeMultikeyCached(text: string): Uint8Array | undefined {
  if (multikeyCache.has(text)) {
    return multikeyCache.get(text);
  }
  const decoded = decodeEd25519Multikey(text);
  const value = decoded.ok ? decoded.value : undefined;
  if (multikeyCache.size >= 1024) {
    multikeyCache.clear();
  }
  multikeyCache.set(text, value);
  return value;
}

function optionalTime(
  method: MethodLike,
  name: 'expires' | 'revoked',
): { ok: true; ms?: number; text?: string } | { ok: false } {
  const value = method[name];
  if (value === undefined) {
    return { ok: true };
  }
  const ms = parseDateTimeMs(value);
  return ms === undefined ? { ok: false } : { ok: true, ms, text: value as string };
}

/**
 * The Ed25519 key of `verificationMethod` in the DID document of `issuerDid`. The document must be the
 * issuer's, and the method must belong to the issuer. Never throws.
 */
export function findIssuerKey(
  didDocument: unknown,
  issuerDid: string,
  verificationMethod: string,
): IssuerKeyResult {
  if (!isObject(didDocument) || typeof didDocument.id !== 'string') {
    return keyError('did_document_malformed', 'The DID document is not an object with an id');
  }
  if (didDocument.id !== issuerDid) {
    return keyError(
      'did_document_mismatch',
      `The DID document is for ${didDocument.id}, not the issuer ${issuerDid}`,
    );
  }
  if (didOfUrl(verificationMethod) !== issuerDid) {
    return keyError(
      'verification_method_not_issuer',
      `The proof's key ${verificationMethod} does not belong to the issuer ${issuerDid}`,
    );
  }
  const method = findMethod(didDocument, verificationMethod, issuerDid);
  if (method === undefined) {
    return keyError(
      'verification_method_not_found',
      `The issuer's DID document has no key ${verificationMethod}`,
    );
  }
  const publicKey =
    method.type === 'Multikey' && typeof method.publicKeyMultibase === 'string'
      ? decodeMultikeyCached(method.publicKeyMultibase)
      : undefined;
  const controller = method.controller ?? issuerDid;
  const expires = optionalTime(method, 'expires');
  const revoked = optionalTime(method, 'revoked');
  if (publicKey === undefined || controller !== issuerDid || !expires.ok || !revoked.ok) {
    return keyError(
      'verification_method_malformed',
      `The key ${verificationMethod} is not an Ed25519 Multikey controlled by the issuer with valid dates`,
    );
  }
  return {
    ok: true,
    key: {
      id: verificationMethod,
      controller,
      publicKey,
      forAssertion: listsMethod(didDocument.assertionMethod, verificationMethod, issuerDid),
      ...(expires.ms === undefined ? {} : { expiresMs: expires.ms, expires: expires.text as string }),
      ...(revoked.ms === undefined ? {} : { revokedMs: revoked.ms, revoked: revoked.text as string }),
    },
  };
}

const HOST = /^[a-z0-9.-]+(?::[0-9]{1,5})?$/i;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * The URL of a did:web DID's document (did:web method spec §3.2: colons become slashes, `%3A` in the
 * host is a port, no path means `/.well-known`), or undefined for anything else.
 */
export function didWebDocumentUrl(did: string, scheme: 'https' | 'http' = 'https'): string | undefined {
  if (!did.startsWith('did:web:')) {
    return undefined;
  }
  const [encodedHost, ...path] = did.slice('did:web:'.length).split(':');
  const host = (encodedHost ?? '').replace(/%3A/gi, ':');
  if (
    !HOST.test(host) ||
    host.startsWith('.') ||
    path.some((s) => !PATH_SEGMENT.test(s) || /^\.+$/.test(s))
  ) {
    return undefined;
  }
  const base = `${scheme}://${host}`;
  return path.length === 0 ? `${base}/.well-known/did.json` : `${base}/${path.join('/')}/did.json`;
}

/** A DID resolution function: the DID document as JSON, or a thrown error when it could not be fetched. */
export type ResolveDid = (did: string) => Promise<unknown>;

/** An error of the network or of a remote server: a verifier reports it as ERROR, never INVALID. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** Options of createDidWebResolver. */
export type DidWebResolverOptions = {
  /** Defaults to the global fetch. */
  fetch?: FetchFunction;
  /**
   * Resolve over plain http instead of https: true for every host, or 'loopback' for localhost and
   * 127.0.0.1 only (a hub running on a developer's machine). did:web itself requires https.
   */
  insecureHttp?: boolean | 'loopback';
};

const LOOPBACK = /^did:web:(localhost|127\.0\.0\.1)(%3A[0-9]+)?(:|$)/i;

/** A did:web resolver over fetch. Failures throw NetworkError (or Error for a DID it cannot resolve). */
export function createDidWebResolver(options: DidWebResolverOptions = {}): ResolveDid {
  return async (did) => {
    const http = options.insecureHttp === true || (options.insecureHttp === 'loopback' && LOOPBACK.test(did));
    const url = didWebDocumentUrl(did, http ? 'http' : 'https');
    if (url === undefined) {
      throw new Error(`${did} is not a did:web DID this resolver can fetch`);
    }
    const fetch = options.fetch ?? globalFetch();
    if (fetch === undefined) {
      throw new NetworkError('this JavaScript engine has no fetch');
    }
    return fetchJson(fetch, url, MAX_DID_DOCUMENT_BYTES);
  };
}

/** GETs a JSON document with a size bound; any failure throws NetworkError. */
export async function fetchJson(fetch: FetchFunction, url: string, maxChars: number): Promise<unknown> {
  let text: string;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) {
      throw new NetworkError(`GET ${url} answered HTTP ${response.status}`);
    }
    text = await response.text();
  } catch (error) {
    throw error instanceof NetworkError
      ? error
      : new NetworkError(`GET ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text.length > maxChars) {
    throw new NetworkError(`GET ${url} returned more than ${maxChars} characters`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NetworkError(`GET ${url} did not return JSON`);
  }
}
