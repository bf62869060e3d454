import { ed25519 } from '@noble/curves/ed25519.js';
import { AppError, fromHex, toHex } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE58_BTC_ALPHABET,
  decodeBase58Btc,
  decodeEd25519DidKey,
  decodeEd25519Multikey,
  decodeMultibaseBase58Btc,
  encodeBase58Btc,
  encodeEd25519DidKey,
  encodeEd25519DidKeyVerificationMethod,
  encodeEd25519Multikey,
  encodeMultibaseBase58Btc,
  MAX_BASE58_TEXT_LENGTH,
} from './multibase.ts';
import vectors from './testdata/eddsa-jcs-2022-w3c.json' with { type: 'json' };

// The W3C vc-di-eddsa key pair (Appendix B.3): raw public key and the 0x8026-prefixed secret key.
const W3C_PUBLIC_KEY_HEX = 'b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f';
const W3C_MULTIKEY = vectors.keyPair.publicKeyMultibase;
const W3C_DID = `did:key:${W3C_MULTIKEY}`;

// An independent BigInt implementation, to cross-check the digit-array one.
function referenceEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) {
    zeros++;
  }
  let n = bytes.length === zeros ? 0n : BigInt(`0x${toHex(bytes.subarray(zeros))}`);
  let digits = '';
  while (n > 0n) {
    digits = BASE58_BTC_ALPHABET.charAt(Number(n % 58n)) + digits;
    n /= 58n;
  }
  return '1'.repeat(zeros) + digits;
}

function decoded(result: ReturnType<typeof decodeBase58Btc>): string {
  if (!result.ok) {
    throw new Error(`expected a decoded value, got ${result.reason}`);
  }
  return toHex(result.value);
}

const base58Text = fc.string({ unit: fc.constantFrom(...BASE58_BTC_ALPHABET), maxLength: 80 });
const bytesWithLeadingZeros = fc
  .tuple(fc.nat(6), fc.uint8Array({ maxLength: 64 }))
  .map(([zeros, rest]) => new Uint8Array([...new Uint8Array(zeros), ...rest]));

describe('base58-btc', () => {
  // Bitcoin Core's src/test/data/base58_encode_decode.json.
  it.each([
    ['', ''],
    ['61', '2g'],
    ['626262', 'a3gV'],
    ['636363', 'aPEr'],
    ['73696d706c792061206c6f6e6720737472696e67', '2cFupjhnEsSn59qHXstmK2ffpLv2'],
    ['00eb15231dfceb60925886b67d065299925915aeb172c06647', '1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L'],
    ['516b6fcd0f', 'ABnLTmg'],
    ['bf4f89001e670274dd', '3SEo3LWLoPntC'],
    ['572e4794', '3EFU7m'],
    ['ecac89cad93923c02321', 'EJDM8drfXA6uyA'],
    ['10c8511e', 'Rt5zm'],
    ['00000000000000000000', '1111111111'],
  ])('encodes %s as %j and back', (hex, text) => {
    expect(encodeBase58Btc(fromHex(hex))).toBe(text);
    expect(decoded(decodeBase58Btc(text))).toBe(hex);
  });

  it('round-trips any bytes, leading zeros included', () => {
    fc.assert(
      fc.property(bytesWithLeadingZeros, (bytes) => {
        const text = encodeBase58Btc(bytes);
        expect(text).toBe(referenceEncode(bytes));
        expect(decoded(decodeBase58Btc(text))).toBe(toHex(bytes));
      }),
    );
  });

  it('round-trips any text over the alphabet, so each byte string has exactly one encoding', () => {
    fc.assert(
      fc.property(base58Text, (text) => {
        const result = decodeBase58Btc(text);
        expect(result.ok && encodeBase58Btc(result.value)).toBe(text);
      }),
    );
  });

  it.each(['0', 'O', 'I', 'l', '+', '/', ' ', '2g ', 'é', '\u0000', '２'])('rejects %j', (text) => {
    expect(decodeBase58Btc(text)).toEqual({ ok: false, reason: 'invalid_character' });
  });

  it('rejects text longer than MAX_BASE58_TEXT_LENGTH and non-strings', () => {
    expect(decodeBase58Btc('2'.repeat(MAX_BASE58_TEXT_LENGTH)).ok).toBe(true);
    expect(decodeBase58Btc('2'.repeat(MAX_BASE58_TEXT_LENGTH + 1))).toEqual({
      ok: false,
      reason: 'too_long',
    });
    expect(decodeBase58Btc(42)).toEqual({ ok: false, reason: 'not_a_string' });
  });
});

describe('multibase base58-btc', () => {
  it('prefixes z and round-trips', () => {
    fc.assert(
      fc.property(bytesWithLeadingZeros, (bytes) => {
        const text = encodeMultibaseBase58Btc(bytes);
        expect(text).toBe(`z${referenceEncode(bytes)}`);
        expect(decoded(decodeMultibaseBase58Btc(text))).toBe(toHex(bytes));
      }),
    );
  });

  it.each(['', '2g', 'Z2g', 'f61', 'm', 'u'])('rejects %j without the z prefix', (text) => {
    expect(decodeMultibaseBase58Btc(text)).toEqual({ ok: false, reason: 'missing_prefix' });
  });

  it('decodes the W3C proofValue to the W3C signature', () => {
    expect(decoded(decodeMultibaseBase58Btc(vectors.proofValue))).toBe(vectors.signatureHex);
    expect(encodeMultibaseBase58Btc(fromHex(vectors.signatureHex))).toBe(vectors.proofValue);
  });
});

describe('Ed25519 Multikey', () => {
  it('decodes the W3C publicKeyMultibase, which the W3C secret key derives', () => {
    expect(decoded(decodeEd25519Multikey(W3C_MULTIKEY))).toBe(W3C_PUBLIC_KEY_HEX);
    expect(encodeEd25519Multikey(fromHex(W3C_PUBLIC_KEY_HEX))).toBe(W3C_MULTIKEY);
    const secret = decodeMultibaseBase58Btc(vectors.keyPair.secretKeyMultibase);
    expect(secret.ok && toHex(secret.value.subarray(0, 2))).toBe('8026');
    expect(secret.ok && toHex(ed25519.getPublicKey(secret.value.subarray(2)))).toBe(W3C_PUBLIC_KEY_HEX);
  });

  it('round-trips any 32-byte key and always starts with z6Mk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const text = encodeEd25519Multikey(key);
        expect(text.startsWith('z6Mk')).toBe(true);
        expect(decoded(decodeEd25519Multikey(text))).toBe(toHex(key));
      }),
    );
  });

  it('rejects a secret key, another codec, a bare header and wrong lengths', () => {
    expect(decodeEd25519Multikey(vectors.keyPair.secretKeyMultibase)).toEqual({
      ok: false,
      reason: 'wrong_codec',
    });
    expect(decodeEd25519Multikey('z')).toEqual({ ok: false, reason: 'wrong_codec' });
    // 0xe701 is secp256k1-pub.
    const secp = encodeMultibaseBase58Btc(new Uint8Array([0xe7, 0x01, ...new Uint8Array(33)]));
    expect(decodeEd25519Multikey(secp)).toEqual({ ok: false, reason: 'wrong_codec' });
    for (const length of [0, 31, 33]) {
      const text = encodeMultibaseBase58Btc(new Uint8Array([0xed, 0x01, ...new Uint8Array(length)]));
      expect(decodeEd25519Multikey(text)).toEqual({ ok: false, reason: 'wrong_length' });
    }
    expect(decodeEd25519Multikey(W3C_MULTIKEY.slice(1))).toEqual({ ok: false, reason: 'missing_prefix' });
  });

  it('refuses to encode a key that is not 32 bytes', () => {
    expect(() => encodeEd25519Multikey(new Uint8Array(31))).toThrow(AppError);
    expect(() => encodeEd25519DidKey(new Uint8Array(33))).toThrow(/32 bytes/);
  });
});

describe('did:key', () => {
  it('maps the W3C key to its did:key and verification method and back', () => {
    const key = fromHex(W3C_PUBLIC_KEY_HEX);
    expect(encodeEd25519DidKey(key)).toBe(W3C_DID);
    expect(encodeEd25519DidKeyVerificationMethod(key)).toBe(vectors.proofOptions.verificationMethod);
    expect(decoded(decodeEd25519DidKey(W3C_DID))).toBe(W3C_PUBLIC_KEY_HEX);
    expect(decoded(decodeEd25519DidKey(vectors.proofOptions.verificationMethod))).toBe(W3C_PUBLIC_KEY_HEX);
  });

  it('round-trips any key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        expect(decoded(decodeEd25519DidKey(encodeEd25519DidKey(key)))).toBe(toHex(key));
        expect(decoded(decodeEd25519DidKey(encodeEd25519DidKeyVerificationMethod(key)))).toBe(toHex(key));
      }),
    );
  });

  it.each([
    ['did:web:example.com', 'not_did_key'],
    [`DID:KEY:${W3C_MULTIKEY}`, 'not_did_key'],
    [`did:key:${W3C_MULTIKEY}#key-1`, 'not_did_key'],
    [`did:key:${W3C_MULTIKEY}#${W3C_MULTIKEY}#${W3C_MULTIKEY}`, 'not_did_key'],
    [`did:key:${vectors.keyPair.secretKeyMultibase}`, 'wrong_codec'],
    ['did:key:', 'missing_prefix'],
    ['did:key:z6Mk0', 'invalid_character'],
  ])('rejects %j (%s)', (did, reason) => {
    expect(decodeEd25519DidKey(did)).toEqual({ ok: false, reason });
  });
});

describe('decoders on untrusted input', () => {
  const decoders = [decodeBase58Btc, decodeMultibaseBase58Btc, decodeEd25519Multikey, decodeEd25519DidKey];

  it('never throw on any string and return ok or a reason', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        for (const decode of decoders) {
          const result = decode(text);
          expect(result.ok || typeof result.reason === 'string').toBe(true);
        }
      }),
    );
  });

  it('never throw on any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const decode of decoders) {
          expect(() => decode(value)).not.toThrow();
        }
      }),
    );
  });
});
