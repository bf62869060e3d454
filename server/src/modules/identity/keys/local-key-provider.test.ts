import { createDecipheriv, createPrivateKey, createPublicKey, hkdfSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KeyBinding, KeyUnavailableError, type StoredKey } from './key-provider.ts';
import { createLocalKeyProvider, SIGNING_KEY_SEALING_INFO, sealingAad } from './local-key-provider.ts';

const masterSecret = new Uint8Array(32).map((_, i) => i + 1);
const otherSecret = new Uint8Array(32).map((_, i) => 255 - i);
const binding: KeyBinding = { organisationId: 'org_A', keyId: 'skey_1', algorithm: 'Ed25519' };
const message = new TextEncoder().encode('trade-log-entry/v1\nan entry');

const ed25519PublicKey = (raw: Uint8Array) =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });

const generateStored = async (provider = createLocalKeyProvider(masterSecret), at: KeyBinding = binding) => {
  const generated = await provider.generate(at);
  const stored: StoredKey = { ...at, handle: generated.handle };
  return { provider, generated, stored };
};

describe('local key provider', () => {
  it('makes Ed25519 keys whose signatures verify under the public key it returns', async () => {
    const { provider, generated, stored } = await generateStored();
    expect(generated.publicKey).toHaveLength(32);
    const signature = await provider.sign(stored, message);
    expect(signature).toHaveLength(64);
    expect(verify(null, message, ed25519PublicKey(generated.publicKey), signature)).toBe(true);
    expect(
      verify(null, new TextEncoder().encode('another'), ed25519PublicKey(generated.publicKey), signature),
    ).toBe(false);
  });

  it('opens a sealed key in another process with the same hub secret (round trip through the handle)', async () => {
    const { generated, stored } = await generateStored();
    const restarted = createLocalKeyProvider(Uint8Array.from(masterSecret));
    const signature = await restarted.sign(stored, message);
    expect(verify(null, message, ed25519PublicKey(generated.publicKey), signature)).toBe(true);
  });

  it('seals as documented: version byte, 12-byte IV, AES-256-GCM of the PKCS#8 key under the HKDF key, tag', async () => {
    const { generated, stored } = await generateStored();
    const handle = Buffer.from(stored.handle);
    expect(handle[0]).toBe(1);
    const kek = Buffer.from(
      hkdfSync('sha256', masterSecret, Buffer.from('tradehub'), Buffer.from(SIGNING_KEY_SEALING_INFO), 32),
    );
    const decipher = createDecipheriv('aes-256-gcm', kek, handle.subarray(1, 13));
    decipher.setAAD(sealingAad(binding));
    decipher.setAuthTag(handle.subarray(handle.length - 16));
    const der = Buffer.concat([decipher.update(handle.subarray(13, handle.length - 16)), decipher.final()]);
    // An Ed25519 PKCS#8 key is a 16-byte header and the 32-byte seed; its public half is the one returned.
    expect(der).toHaveLength(48);
    const publicKey = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    expect(publicKey.export({ format: 'jwk' }).x).toBe(
      Buffer.from(generated.publicKey).toString('base64url'),
    );
    // The seed is not in the handle in the clear.
    expect(handle.includes(der.subarray(16))).toBe(false);
  });

  it('gives every key a fresh IV and its own key material', async () => {
    const first = await generateStored();
    const second = await generateStored(first.provider);
    expect(Buffer.from(first.stored.handle).subarray(1, 13)).not.toEqual(
      Buffer.from(second.stored.handle).subarray(1, 13),
    );
    expect(first.generated.publicKey).not.toEqual(second.generated.publicKey);
  });

  it('refuses a sealed key copied onto another key, organisation or algorithm (AAD binding)', async () => {
    const { stored } = await generateStored();
    const provider = createLocalKeyProvider(masterSecret);
    // Opened once, so the cache holds it: the cache must not answer for a moved copy either.
    provider.bind(stored);
    for (const moved of [
      { ...stored, keyId: 'skey_2' },
      { ...stored, organisationId: 'org_B' },
      { ...stored, algorithm: 'SM2' as const },
    ]) {
      expect(() => provider.bind(moved)).toThrow(KeyUnavailableError);
    }
    expect(() => provider.bind(stored)).not.toThrow();
  });

  it('refuses a key sealed under another hub secret', async () => {
    const { stored } = await generateStored();
    expect(() => createLocalKeyProvider(otherSecret).bind(stored)).toThrow(KeyUnavailableError);
  });

  it('refuses any tampered handle: one flipped bit anywhere, or a truncated or extended one', async () => {
    const { stored } = await generateStored();
    const length = stored.handle.length;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        (position, bit) => {
          const tampered = Uint8Array.from(stored.handle);
          tampered[position] = (tampered[position] ?? 0) ^ (1 << bit);
          // A fresh provider each time, so no cached key can answer for the tampered handle.
          expect(() => createLocalKeyProvider(masterSecret).bind({ ...stored, handle: tampered })).toThrow(
            KeyUnavailableError,
          );
        },
      ),
      { numRuns: 200 },
    );
    const provider = createLocalKeyProvider(masterSecret);
    expect(() => provider.bind({ ...stored, handle: stored.handle.subarray(0, length - 1) })).toThrow(
      KeyUnavailableError,
    );
    expect(() => provider.bind({ ...stored, handle: Uint8Array.of(...stored.handle, 0) })).toThrow(
      KeyUnavailableError,
    );
    expect(() => provider.bind({ ...stored, handle: new Uint8Array(0) })).toThrow(KeyUnavailableError);
  });

  it('does not answer a tampered handle from its cache of opened keys', async () => {
    const { provider, stored } = await generateStored();
    provider.bind(stored);
    const tampered = Uint8Array.from(stored.handle);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(() => provider.bind({ ...stored, handle: tampered })).toThrow(KeyUnavailableError);
  });

  it('opens a key once and reuses it, keeping at most cacheSize keys, least recently used out first', async () => {
    const provider = createLocalKeyProvider(masterSecret, { cacheSize: 3 });
    const keys = await Promise.all(
      [1, 2, 3, 4].map(
        async (n) => (await generateStored(provider, { ...binding, keyId: `skey_${n}` })).stored,
      ),
    );
    const [k1, k2, k3, k4] = keys as [StoredKey, StoredKey, StoredKey, StoredKey];
    const signer1 = provider.bind(k1);
    expect(provider.bind(k1)).toBe(signer1);
    const signer2 = provider.bind(k2);
    provider.bind(k3);
    provider.bind(k1); // k1 is now the most recently used; k2 the least
    provider.bind(k4);
    expect(provider.cachedKeys()).toBe(3);
    expect(provider.bind(k1)).toBe(signer1);
    expect(provider.bind(k2)).not.toBe(signer2);
  });

  it('refuses a hub secret shorter than 32 bytes and an algorithm it was not given', async () => {
    expect(() => createLocalKeyProvider(new Uint8Array(16))).toThrow(KeyUnavailableError);
    await expect(
      createLocalKeyProvider(masterSecret, { enableSm2: false }).generate({ ...binding, algorithm: 'SM2' }),
    ).rejects.toThrow(KeyUnavailableError);
  });
});
