import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto';
import { toHex } from '@tradehub/kernel';

/**
 * The hub's key for credit snapshots. Not an organisation's key: the hub computes the score, so
 * the hub attests it (a score the scored organisation signed would be its own claim). Not the
 * log's checkpoint key either: one key per purpose, so a signature made for one can never be
 * passed off as the other.
 */
export type CreditKey = {
  keyId: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  sign: (message: Uint8Array) => Uint8Array;
};

const KEY_INFO = 'tradehub/finance/credit-snapshot-key/v1';
// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): node:crypto imports seeds only this way.
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

const rawPublicKey = (key: KeyObject): Uint8Array => {
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
};

/** Derives the snapshot key from the hub secret (HKDF-SHA256), so every node of a hub signs alike. */
export const deriveCreditKey = (secretKey: Uint8Array): CreditKey => {
  const seed = new Uint8Array(
    hkdfSync('sha256', secretKey, Buffer.from('tradehub'), Buffer.from(KEY_INFO), 32),
  );
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return {
    keyId: `csk_${toHex(publicKey).slice(0, 16)}`,
    publicKey,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
};

/** Whether `signature` is the Ed25519 signature of `message` under the raw public key. */
export const verifyWithCreditKey = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return verify(null, message, key, signature);
};
