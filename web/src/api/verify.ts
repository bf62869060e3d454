// Verification on the public page: the bundle behind a QR link, the issuer's DID document from this
// hub, and the verifier of @tradehub/verifier run in the browser against the hub's trust policy.
// Nothing the visitor drops is sent anywhere.
import { createVerifier, type VerificationReport } from '@tradehub/verifier';
import { apiGet, seg } from './client.ts';

export type { VerificationReport };

/** `GET /public/documents/<id>/bundle?t=<token>`: the bundle a verification link points at. */
export const getSharedBundle = (documentId: string, token: string, signal?: AbortSignal): Promise<unknown> =>
  apiGet<unknown>(`/public/documents/${seg(documentId)}/bundle`, { t: token }, signal);

/**
 * The path of a did:web document on THIS hub, or null for a DID of any other host. did:web means
 * https://<host>/<path>/did.json; a hub reached on another scheme or port (a local install, the
 * browser journeys) serves the same path, and asking only our own origin keeps the page from
 * contacting third parties on a stranger's say-so.
 */
export const sameOriginDidPath = (did: string, location: { host: string }): string | null => {
  const match = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!match) {
    return null;
  }
  let host: string;
  let segments: string[];
  try {
    host = decodeURIComponent(match[1] ?? '').toLowerCase();
    segments = (match[2] ?? '')
      .split(':')
      .filter((part) => part.length > 0)
      .map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  if (
    host !== location.host.toLowerCase() ||
    segments.length === 0 ||
    segments.some((s) => /[/\\]|^\.\.?$/.test(s))
  ) {
    return null;
  }
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}/did.json`;
};

/** Resolves a did:web of this hub by fetching its DID document; other hosts are not contacted. */
export const resolveDidOnThisHub = async (did: string): Promise<unknown> => {
  const path = sameOriginDidPath(did, window.location);
  if (path === null) {
    throw new Error(`not a DID of this hub: ${did}`);
  }
  return apiGet<unknown>(path);
};

const issuerDidOf = (input: unknown): string | null => {
  const record = (value: unknown): Record<string, unknown> | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const top = record(input);
  const credential = top?.type === 'tradehub-bundle/v1' ? record(top.credential) : top;
  const issuer = credential?.issuer;
  if (typeof issuer === 'string') {
    return issuer;
  }
  const id = record(issuer)?.id;
  return typeof id === 'string' ? id : null;
};

/**
 * Runs every check in the browser; a bad document never throws (the report says what is wrong).
 * The issuer's DID document is confirmed online only for issuers of this hub: for any other issuer
 * the bundle's own copy is used and the report says the identity was not confirmed, rather than
 * "could not check" for a resolver the page deliberately does not have.
 */
export const verifyInBrowser = async (input: unknown, trustPolicy: unknown): Promise<VerificationReport> => {
  const did = issuerDidOf(input);
  const ours = did !== null && sameOriginDidPath(did, window.location) !== null;
  const verifier = createVerifier(trustPolicy, ours ? { resolveDid: resolveDidOnThisHub } : {});
  return verifier.verify(input);
};
