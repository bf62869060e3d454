import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign as signWithKey,
} from 'node:crypto';
import {
  type GeneratedKey,
  type KeyBinding,
  type KeyProvider,
  KeyUnavailableError,
  type Signer,
  type SigningAlgorithm,
  type StoredKey,
} from './key-provider.ts';
import { generateSm2Key, sm2PrivateScalar, sm2Signer, sm2Supported } from './sm2.ts';

/**
 * The sealed form of a private key (what `key_handle` holds for this provider):
 * `0x01 || iv (12) || AES-256-GCM(PKCS#8 DER) || tag (16)`, with associated data
 * `tradehub signing key v1\n<algorithm>\n<organisation id>\n<key id>`.
 */
const SEAL_VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** HKDF info of the key-encryption key; distinct from every other key derived from the hub secret. */
export const SIGNING_KEY_SEALING_INFO = 'signing-key sealing v1';

/** Associated data binding a sealed key to its row. */
export const sealingAad = (binding: KeyBinding): Buffer =>
  Buffer.from(
    `tradehub signing key v1\n${binding.algorithm}\n${binding.organisationId}\n${binding.keyId}`,
    'utf8',
  );

// Same derivation as the platform's personal-data vault (HKDF-SHA256, salt "tradehub"), with its
// own info string, so the key-encryption key cannot be computed from any other key of the hub.
const deriveKeyEncryptionKey = (masterSecret: Uint8Array) =>
  Buffer.from(
    hkdfSync('sha256', masterSecret, Buffer.from('tradehub'), Buffer.from(SIGNING_KEY_SEALING_INFO), 32),
  );

/** How the local provider makes and uses keys of one algorithm. */
type Algorithm = {
  generate(): { privateKey: KeyObject; publicKey: Uint8Array };
  /** A signing function for a private key given as PKCS#8 DER (zeroed by the caller afterwards). */
  signer(pkcs8: Buffer): (message: Uint8Array) => Uint8Array;
};

const ed25519: Algorithm = {
  generate: () => {
    const pair = generateKeyPairSync('ed25519');
    // The SPKI of an Ed25519 key is a fixed 12-byte header followed by the raw 32-byte key.
    const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
    return { privateKey: pair.privateKey, publicKey: new Uint8Array(spki.subarray(spki.length - 32)) };
  },
  signer: (pkcs8) => {
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    return (message) => signWithKey(null, message, privateKey);
  },
};

const sm2: Algorithm = { generate: generateSm2Key, signer: (pkcs8) => sm2Signer(sm2PrivateScalar(pkcs8)) };

export type LocalKeyProviderOptions = {
  /** Opened keys kept in memory; each is a small KeyObject. Default 4,096. */
  cacheSize?: number;
  /** Offer SM2 (with SM3) besides Ed25519; default: when this Node's OpenSSL has the SM2 curve. */
  enableSm2?: boolean;
};

export type LocalKeyProvider = KeyProvider & {
  /** How many opened keys are cached (for tests of the bound). */
  cachedKeys(): number;
};

/**
 * The default key provider: keys made by node:crypto, private keys sealed with AES-256-GCM under
 * a key-encryption key derived from the hub's 32-byte secret (`TRADEHUB_SECRET_KEY` or
 * `<data dir>/secret.key`). Opened keys are cached (least recently used first out), so signing
 * never decrypts per message.
 */
export const createLocalKeyProvider = (
  masterSecret: Uint8Array,
  options: LocalKeyProviderOptions = {},
): LocalKeyProvider => {
  if (masterSecret.length < 32) {
    throw new KeyUnavailableError('the hub secret must be at least 32 bytes');
  }
  const kek = deriveKeyEncryptionKey(masterSecret);
  const cacheSize = options.cacheSize ?? 4096;
  const algorithms: Partial<Record<SigningAlgorithm, Algorithm>> = {
    Ed25519: ed25519,
    ...((options.enableSm2 ?? sm2Supported()) ? { SM2: sm2 } : {}),
  };
  const cache = new Map<string, { handle: Buffer; sign: (message: Uint8Array) => Uint8Array }>();

  const algorithmOf = (name: SigningAlgorithm): Algorithm => {
    const algorithm = algorithms[name];
    if (algorithm === undefined) {
      throw new KeyUnavailableError(`the local key provider does not support ${name} in this process`);
    }
    return algorithm;
  };

  const seal = (binding: KeyBinding, privateKey: KeyObject): Uint8Array => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(sealingAad(binding));
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const body = Buffer.concat([cipher.update(der), cipher.final()]);
    der.fill(0);
    return new Uint8Array(Buffer.concat([Buffer.of(SEAL_VERSION), iv, body, cipher.getAuthTag()]));
  };

  const open = (key: StoredKey): ((message: Uint8Array) => Uint8Array) => {
    const algorithm = algorithmOf(key.algorithm);
    const sealed = Buffer.from(key.handle);
    if (sealed.length <= 1 + IV_BYTES + TAG_BYTES || sealed[0] !== SEAL_VERSION) {
      throw new KeyUnavailableError(`signing key ${key.keyId} is not sealed by the local key provider`);
    }
    let der: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, sealed.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(sealingAad(key));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      der = Buffer.concat([
        decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // A wrong hub secret, a tampered handle and a handle moved to another row look the same;
      // the cause is never echoed, it could only help someone probing.
      throw new KeyUnavailableError(`signing key ${key.keyId} does not open with this hub's secret`);
    }
    try {
      return algorithm.signer(der);
    } catch {
      throw new KeyUnavailableError(`signing key ${key.keyId} is not a valid ${key.algorithm} key`);
    } finally {
      der.fill(0);
    }
  };

  const bind = (key: StoredKey): Signer => {
    // The whole binding and the handle bytes must match, so the cache never lets a moved or
    // tampered handle through where opening it would fail.
    const cacheKey = sealingAad(key).toString('utf8');
    const cached = cache.get(cacheKey);
    if (cached?.handle.equals(key.handle)) {
      // Refresh its place: the map's insertion order is the eviction order.
      cache.delete(cacheKey);
      cache.set(cacheKey, cached);
      return cached.sign;
    }
    const sign = open(key);
    cache.set(cacheKey, { handle: Buffer.from(key.handle), sign });
    while (cache.size > cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      cache.delete(oldest);
    }
    return sign;
  };

  return {
    name: 'local',
    algorithms: Object.keys(algorithms) as SigningAlgorithm[],
    generate: async (binding): Promise<GeneratedKey> => {
      const { privateKey, publicKey } = algorithmOf(binding.algorithm).generate();
      return { publicKey, handle: seal(binding, privateKey) };
    },
    bind,
    sign: (key, message) => bind(key)(message),
    cachedKeys: () => cache.size,
  };
};
