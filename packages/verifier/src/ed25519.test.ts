import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEd25519Verifier } from './ed25519.ts';

const seed = (n: number) => new Uint8Array(32).fill(n);
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
// The order L of the base point, little-endian: an S of L + s verifies under lax implementations.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndian(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let rest = value;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

function readLittleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) {
    value = (value << 8n) | BigInt(bytes[i] as number);
  }
  return value;
}

describe('Ed25519 through WebCrypto or @noble', () => {
  const webcrypto = createEd25519Verifier('webcrypto');
  const noble = createEd25519Verifier('noble');
  // OpenSSL through node:crypto, as a caller may inject it; a throw counts as "invalid".
  const node = createEd25519Verifier((signature, message, publicKey) =>
    nodeVerify(
      null,
      message,
      createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' }),
      signature,
    ),
  );

  // The built-in node:crypto backend, which 'auto' picks in Node.
  const builtin = createEd25519Verifier('node');
  const auto = createEd25519Verifier('auto');

  it('uses node:crypto synchronously for auto in Node, with a plain boolean answer', () => {
    const key = ed25519.getPublicKey(seed(4));
    const message = new Uint8Array([4, 5, 6]);
    const signature = ed25519.sign(message, seed(4));
    expect(auto.backend()).toBe('node');
    expect(auto.verify(signature, message, key)).toBe(true);
    expect(builtin.verify(signature, new Uint8Array([4, 5, 7]), key)).toBe(false);
  });

  it('uses WebCrypto on this Node, and @noble when asked', async () => {
    const key = ed25519.getPublicKey(seed(1));
    const message = new Uint8Array([1, 2, 3]);
    const signature = ed25519.sign(message, seed(1));
    expect(await webcrypto.verify(signature, message, key)).toBe(true);
    expect(webcrypto.backend()).toBe('webcrypto');
    expect(await noble.verify(signature, message, key)).toBe(true);
    expect(noble.backend()).toBe('noble');
  });

  it('gives the same answer for genuine and altered signatures, messages and keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('none', 'signature', 'message', 'key'),
        fc.nat(),
        async (secret, message, target, at) => {
          const key = ed25519.getPublicKey(secret);
          const signature = ed25519.sign(message, secret);
          const altered = { signature: signature.slice(), message: message.slice(), key: key.slice() };
          if (target !== 'none') {
            const bytes = altered[target as 'signature' | 'message' | 'key'];
            if (bytes.length > 0) {
              bytes[at % bytes.length] = (bytes[at % bytes.length] as number) ^ 0x01;
            }
          }
          const expected = target === 'none' || (target === 'message' && message.length === 0);
          const viaWebcrypto = await webcrypto.verify(altered.signature, altered.message, altered.key);
          const viaNoble = await noble.verify(altered.signature, altered.message, altered.key);
          const viaNode = await node.verify(altered.signature, altered.message, altered.key);
          const viaBuiltin = builtin.verify(altered.signature, altered.message, altered.key);
          expect(viaWebcrypto).toBe(viaNoble);
          expect(viaNode).toBe(viaNoble);
          expect(viaBuiltin).toBe(viaNoble);
          expect(viaNoble).toBe(expected);
        },
      ),
      { numRuns: 80 },
    );
  }, 30_000);

  it('both refuse a non-canonical S (S + L), which lax verifiers accept', async () => {
    const key = ed25519.getPublicKey(seed(2));
    const message = new Uint8Array([9]);
    const signature = ed25519.sign(message, seed(2));
    const s = readLittleEndian(signature.subarray(32));
    const malleable = new Uint8Array(64);
    malleable.set(signature.subarray(0, 32), 0);
    malleable.set(littleEndian(s + L), 32);
    expect(await webcrypto.verify(malleable, message, key)).toBe(false);
    expect(await node.verify(malleable, message, key)).toBe(false);
    expect(builtin.verify(malleable, message, key)).toBe(false);
    expect(await noble.verify(malleable, message, key)).toBe(false);
  });

  it('both refuse small-order public keys and malformed lengths', async () => {
    // The identity point (y = 1) has order 1: any signature with R = identity and S = 0 is "valid" for it.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const signature = new Uint8Array(64);
    signature[0] = 1;
    for (const verifier of [webcrypto, noble, node, builtin]) {
      expect(await verifier.verify(signature, new Uint8Array([5]), identity)).toBe(false);
      expect(await verifier.verify(new Uint8Array(63), new Uint8Array(), ed25519.getPublicKey(seed(3)))).toBe(
        false,
      );
      expect(await verifier.verify(new Uint8Array(64), new Uint8Array(), new Uint8Array(31))).toBe(false);
    }
  });
});
