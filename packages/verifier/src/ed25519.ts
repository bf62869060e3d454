// Ed25519 verification for bulk use: node:crypto's synchronous verify in Node (no thread-pool hop
// and no promise per signature), WebCrypto (native code in modern browsers) when the engine has
// Ed25519, @noble/curves otherwise, with the same answer either way.
//
// Why the answers agree: @noble verifies strictly (RFC 8032 decoding, no small-order keys, S < L)
// with the cofactored equation; WebCrypto (OpenSSL, BoringSSL, NSS) uses the cofactorless one, which
// implies the cofactored one. So a key is first checked with @noble (once per key), a WebCrypto
// "valid" is final, and a WebCrypto "invalid" is re-checked with @noble; the only signatures that
// reach @noble then are invalid ones, which a genuine issuer never produces.

import { ed25519 } from '@noble/curves/ed25519.js';
import { toHex } from '@tradehub/kernel';
import { nodeCrypto } from './node-platform.ts';
import { type SubtleEd25519, subtleCrypto } from './web-platform.ts';

/**
 * A platform's own Ed25519 check (e.g. Node's synchronous `crypto.verify`, which saves WebCrypto's
 * thread-pool round trip when documents are verified one after another). Like WebCrypto it may be
 * cofactorless; the verifier keeps its answers equal to @noble's the same way.
 */
export type Ed25519VerifyFunction = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean | Promise<boolean>;

/**
 * Which implementation checks signatures: 'auto' prefers node:crypto in Node, then WebCrypto when
 * the engine supports Ed25519; 'node' is node:crypto (falling back like 'auto' elsewhere); or a
 * function supplied by the caller.
 */
export type Ed25519Backend = 'auto' | 'node' | 'webcrypto' | 'noble' | Ed25519VerifyFunction;

/** An Ed25519 verifier with per-key caches. */
export type Ed25519Verifier = {
  /**
   * Strict Ed25519 verification; false on any malformed input, never throws. The answer is a plain
   * boolean when the backend is synchronous (node:crypto, @noble), so bulk callers need not await.
   */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean | Promise<boolean>;
  /** The implementation in use once the first verification has run ('noble' until then for 'auto' in browsers). */
  backend(): 'node' | 'webcrypto' | 'noble' | 'custom';
};

// DER SubjectPublicKeyInfo of an Ed25519 key (RFC 8410): this prefix, then the 32 key bytes.
const SPKI_ED25519_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

const KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
const MAX_CACHED_KEYS = 1024;

function isStrictPublicKey(publicKey: Uint8Array): boolean {
  try {
    return publicKey.length === KEY_BYTES && !ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    return false;
  }
}

function nobleVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

// A bounded map that forgets the oldest entry: keys are few (issuers), but input is untrusted.
function boundedSet<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_CACHED_KEYS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) {
      map.delete(oldest);
    }
  }
  map.set(key, value);
  return value;
}

// Ed25519 in WebCrypto arrived late in some browsers: probe once with a real key import.
async function probeSubtle(subtle: SubtleEd25519 | undefined): Promise<SubtleEd25519 | undefined> {
  if (subtle === undefined) {
    return undefined;
  }
  try {
    const basePoint = ed25519.Point.BASE.toBytes();
    await subtle.importKey('raw', basePoint, { name: 'Ed25519' }, false, ['verify']);
    return subtle;
  } catch {
    return undefined;
  }
}

/** A verifier using `backend`; 'webcrypto' falls back to @noble when the engine lacks Ed25519. */
export function createEd25519Verifier(backend: Ed25519Backend = 'auto'): Ed25519Verifier {
  const validKeys = new Map<string, boolean>();
  const importedKeys = new Map<string, unknown>();
  let subtle: Promise<SubtleEd25519 | undefined> | undefined;
  let resolvedSubtle: SubtleEd25519 | undefined;
  const node = backend === 'auto' || backend === 'node' ? nodeCrypto() : undefined;
  const nodeKeys = new Map<string, unknown>();
  let active: 'node' | 'webcrypto' | 'noble' | 'custom' =
    typeof backend === 'function' ? 'custom' : node === undefined ? 'noble' : 'node';

  const subtleFor = (): Promise<SubtleEd25519 | undefined> => {
    if (backend === 'noble' || typeof backend === 'function') {
      return Promise.resolve(undefined);
    }
    subtle ??= probeSubtle(subtleCrypto()).then((found) => {
      active = found === undefined ? 'noble' : 'webcrypto';
      resolvedSubtle = found;
      return found;
    });
    return subtle;
  };

  const keyIsValid = (hex: string, publicKey: Uint8Array): boolean =>
    validKeys.get(hex) ?? boundedSet(validKeys, hex, isStrictPublicKey(publicKey));

  // Imported keys by public key hex: the promise while importing, the key once imported, so the
  // common case (a known issuer key) costs one WebCrypto call and no extra promise.
  const keyOf = (api: SubtleEd25519, hex: string, publicKey: Uint8Array): unknown => {
    const known = importedKeys.get(hex);
    if (known !== undefined) {
      return known;
    }
    const importing = api.importKey('raw', publicKey.slice(), { name: 'Ed25519' }, false, ['verify']);
    importing.then(
      (key) => importedKeys.set(hex, key),
      () => importedKeys.delete(hex),
    );
    return boundedSet(importedKeys, hex, importing);
  };

  const webcryptoVerify = async (
    api: SubtleEd25519,
    hex: string,
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): Promise<boolean> => {
    try {
      const key = keyOf(api, hex, publicKey);
      return await api.verify('Ed25519', key instanceof Promise ? await key : key, signature, message);
    } catch {
      return false;
    }
  };

  // KeyObjects by public key hex: importing a key costs more than verifying with it.
  const nodeKeyOf = (api: NonNullable<typeof node>, hex: string, publicKey: Uint8Array): unknown => {
    const known = nodeKeys.get(hex);
    if (known !== undefined) {
      return known;
    }
    const der = new Uint8Array(SPKI_ED25519_PREFIX.length + KEY_BYTES);
    der.set(SPKI_ED25519_PREFIX, 0);
    der.set(publicKey, SPKI_ED25519_PREFIX.length);
    return boundedSet(nodeKeys, hex, api.createPublicKey({ key: der, format: 'der', type: 'spki' }));
  };

  const nodeVerify = (
    api: NonNullable<typeof node>,
    hex: string,
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean => {
    try {
      return api.verify(null, message, nodeKeyOf(api, hex, publicKey), signature);
    } catch {
      return false;
    }
  };

  return {
    backend: () => active,
    verify(signature, message, publicKey) {
      if (signature.length !== SIGNATURE_BYTES || publicKey.length !== KEY_BYTES) {
        return false;
      }
      const hex = toHex(publicKey);
      if (!keyIsValid(hex, publicKey)) {
        return false;
      }
      if (node !== undefined) {
        // OpenSSL's "valid" is final; its "invalid" is re-checked strictly, as for WebCrypto.
        return (
          nodeVerify(node, hex, signature, message, publicKey) || nobleVerify(signature, message, publicKey)
        );
      }
      return asyncVerify(hex, signature, message, publicKey);
    },
  };

  async function asyncVerify(
    hex: string,
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): Promise<boolean> {
    if (typeof backend === 'function') {
      let valid = false;
      try {
        valid = await backend(signature, message, publicKey);
      } catch {
        valid = false;
      }
      return valid || nobleVerify(signature, message, publicKey);
    }
    const api = resolvedSubtle ?? (await subtleFor());
    if (api !== undefined && (await webcryptoVerify(api, hex, signature, message, publicKey))) {
      return true;
    }
    return nobleVerify(signature, message, publicKey);
  }
}
