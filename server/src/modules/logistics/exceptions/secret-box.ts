import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Seals callback secrets at rest; the key is derived from the hub's secret key for this use only. */
export type SecretBox = { seal(secret: string): string; open(sealed: string): string };

export const createSecretBox = (secretKey: Uint8Array): SecretBox => {
  // Its own HKDF info: a leak of another derived key (personal data, event callbacks) reveals
  // nothing about this one.
  const key = Buffer.from(
    hkdfSync(
      'sha256',
      secretKey,
      Buffer.from('tradehub'),
      Buffer.from('logistics exception-callback secret v1'),
      32,
    ),
  );
  return {
    seal: (secret) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open: (sealed) => {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || body === undefined || tag === undefined) {
        throw new Error('not a sealed callback secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
};
