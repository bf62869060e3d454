import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token, base64url: for session cookies, invitation links and API keys. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

// Tokens carry 256 bits of entropy, so a plain SHA-256 is enough to store them: there is nothing
// to brute-force, and the lookup on every request stays one index probe.
export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const apiKeyShape = /^thk_([0-9a-z]{26})_([A-Za-z0-9_-]{43})$/;

/** `thk_<key id body, lower case>_<secret>`; the id lets us find the row, the secret proves it. */
export const formatApiKey = (keyId: string, secret: string): string =>
  `thk_${keyId.slice('key_'.length).toLowerCase()}_${secret}`;

export const parseApiKey = (presented: string): { keyId: string; secret: string } | null => {
  const match = apiKeyShape.exec(presented);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    return null;
  }
  return { keyId: `key_${match[1].toUpperCase()}`, secret: match[2] };
};

export const apiKeyDisplayPrefix = (keyId: string): string =>
  `thk_${keyId.slice('key_'.length, 'key_'.length + 8).toLowerCase()}`;
