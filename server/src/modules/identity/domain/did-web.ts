/**
 * did:web identifiers of organisations on the hub (W3C did:web method, and Controlled
 * Identifiers 1.0 for the verification-method properties). Pure: no I/O.
 */

/**
 * The DID of an organisation: `did:web:<host>[:<path segments of the public URL>]:org:<id>`, with
 * a port written as `%3A`, so that it resolves to `<public URL>/org/<id>/did.json`.
 */
export const organisationDid = (publicUrl: string, organisationId: string): string => {
  const url = new URL(publicUrl);
  const host = url.port === '' ? url.hostname : `${url.hostname}%3A${url.port}`;
  const segments = url.pathname
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)));
  return ['did:web', host, ...segments, 'org', encodeURIComponent(organisationId)].join(':');
};

export type DidWebResolution = { ok: true; url: string } | { ok: false; reason: string };

const DID_WEB_PREFIX = 'did:web:';

/**
 * The https URL a did:web resolves to (did:web method, "Read (Resolve)"): colons become slashes,
 * the percent-encoded port is decoded, `/.well-known/did.json` for a bare domain, else `/did.json`
 * after the path. Never throws.
 */
export const resolveDidWebUrl = (did: string): DidWebResolution => {
  if (!did.startsWith(DID_WEB_PREFIX)) {
    return { ok: false, reason: 'not a did:web' };
  }
  const [idPart] = did.slice(DID_WEB_PREFIX.length).split('#');
  const parts = (idPart ?? '').split(':');
  if (parts.some((part) => part.length === 0 || !/^[A-Za-z0-9._~%-]+$/.test(part))) {
    return { ok: false, reason: 'empty or invalid method-specific id segment' };
  }
  try {
    const [domain = '', ...path] = parts.map((part) => decodeURIComponent(part));
    if (path.some((segment) => segment.includes('/'))) {
      return { ok: false, reason: 'a path segment holds a slash' };
    }
    const url = new URL(`https://${domain}`);
    if (url.pathname !== '/' || url.host !== domain.toLowerCase()) {
      return { ok: false, reason: 'the domain is not a plain host[:port]' };
    }
    url.pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`;
    return { ok: true, url: url.toString() };
  } catch {
    return { ok: false, reason: 'the domain is not a valid host' };
  }
};

export type DidKeyStatus = 'active' | 'retired' | 'revoked';

/** A key as it appears in an organisation's DID document. */
export type DidDocumentKey = {
  keyId: string;
  status: DidKeyStatus;
  /** Ed25519 keys: the Multikey `z6Mk…` value. */
  publicKeyMultibase?: string;
  /** Keys Multikey has no code for (SM2): a JWK. */
  publicKeyJwk?: Record<string, string>;
  retiredAt: Date | null;
  revokedAt: Date | null;
};

export type VerificationMethod = {
  id: string;
  type: 'Multikey' | 'JsonWebKey';
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: Record<string, string>;
  expires?: string;
  revoked?: string;
};

export type DidDocument = {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
};

export const didDocumentContexts = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'];

/** The DID URL of one of the organisation's keys. */
export const verificationMethodId = (did: string, keyId: string): string => `${did}#${keyId}`;

// Controlled Identifiers 1.0 §2.2: dateTimes are XML Schema dateTime; toISOString is one.
const dateTime = (at: Date) => at.toISOString();

/**
 * The DID document of an organisation: every key it ever had, so documents signed before a
 * rotation still verify. A rotated-out key `expires` at its retirement; a revoked key carries
 * `revoked` (Controlled Identifiers 1.0) and is no longer listed as an assertion method. Only
 * ids and public keys: nothing personal.
 */
export const buildDidDocument = (did: string, keys: readonly DidDocumentKey[]): DidDocument => {
  const jwkContext = keys.some((key) => key.publicKeyJwk !== undefined)
    ? ['https://w3id.org/security/jwk/v1']
    : [];
  return {
    '@context': [...didDocumentContexts, ...jwkContext],
    id: did,
    verificationMethod: keys.map((key) => ({
      id: verificationMethodId(did, key.keyId),
      type: key.publicKeyMultibase === undefined ? 'JsonWebKey' : 'Multikey',
      controller: did,
      ...(key.publicKeyMultibase === undefined ? {} : { publicKeyMultibase: key.publicKeyMultibase }),
      ...(key.publicKeyJwk === undefined ? {} : { publicKeyJwk: key.publicKeyJwk }),
      ...(key.retiredAt === null ? {} : { expires: dateTime(key.retiredAt) }),
      ...(key.revokedAt === null ? {} : { revoked: dateTime(key.revokedAt) }),
    })),
    assertionMethod: keys
      .filter((key) => key.status !== 'revoked')
      .map((key) => verificationMethodId(did, key.keyId)),
  };
};
