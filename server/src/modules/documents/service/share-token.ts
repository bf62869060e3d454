import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** HKDF info of the share-link key; distinct from every other key derived from the hub secret. */
export const SHARE_TOKEN_INFO = 'tradehub documents share v1';
const TOKEN_BYTES = 16;

export type ShareTokens = {
  tokenFor(documentId: string): string;
  /** Constant-time comparison; any malformed token is simply not a match. */
  matches(documentId: string, token: string | undefined): boolean;
};

/**
 * Capability tokens for verification links: base64url(HMAC-SHA256(k, documentId)) cut to 16 bytes,
 * with k derived from the hub secret (HKDF-SHA256, salt "tradehub"). Nothing is stored: whoever
 * holds the link may fetch the document's bundle, and rotating the hub secret voids every link.
 */
export const createShareTokens = (secretKey: Uint8Array): ShareTokens => {
  const key = Buffer.from(
    hkdfSync('sha256', secretKey, Buffer.from('tradehub'), Buffer.from(SHARE_TOKEN_INFO), 32),
  );
  const mac = (documentId: string) =>
    createHmac('sha256', key).update(documentId, 'utf8').digest().subarray(0, TOKEN_BYTES);
  return {
    tokenFor: (documentId) => mac(documentId).toString('base64url'),
    matches: (documentId, token) => {
      if (token === undefined || !/^[A-Za-z0-9_-]{22}$/.test(token)) {
        return false;
      }
      const given = Buffer.from(token, 'base64url');
      return given.length === TOKEN_BYTES && timingSafeEqual(given, mac(documentId));
    },
  };
};
