import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for personal identifiers (resident ID numbers, phone numbers): AES-256-GCM
 * for the value, and an HMAC-SHA256 "lookup hash" so a record can be found by its identifier
 * without decrypting every row. Both keys are derived from the hub's secret key with HKDF, so
 * one configured secret serves both and neither can be computed from the other.
 */
export type PersonalDataVault = {
  /** `v1.<iv>.<ciphertext>.<tag>` in base64url; a fresh IV per call. */
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed hash of the normalised value, for equality lookups. */
  lookupHash(value: string): string;
};

export class PersonalDataError extends Error {
  override name = 'PersonalDataError';
}

const derive = (secretKey: Uint8Array, info: string) =>
  Buffer.from(hkdfSync('sha256', secretKey, Buffer.from('tradehub'), Buffer.from(info), 32));

export const createPersonalDataVault = (secretKey: Uint8Array): PersonalDataVault => {
  if (secretKey.length < 32) {
    throw new PersonalDataError('the secret key must be at least 32 bytes');
  }
  const encryptionKey = derive(secretKey, 'personal-data encryption v1');
  const lookupKey = derive(secretKey, 'personal-data lookup v1');

  return {
    encrypt: (plaintext) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt: (sealed) => {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || body === undefined || tag === undefined) {
        throw new PersonalDataError('not a sealed personal-data value');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // Never echo the value or the cause: a wrong key and a tampered value look the same here.
        throw new PersonalDataError('the sealed value does not decrypt with this key');
      }
    },
    lookupHash: (value) => createHmac('sha256', lookupKey).update(value, 'utf8').digest('hex'),
  };
};
