// SHA-256 for the verifier's hot paths (Merkle nodes, leaf and document hashes): OpenSSL through
// node:crypto when running in Node (several times faster on the 3-4 KB canonical credentials),
// else @noble/hashes, two to three times faster than the kernel's portable implementation. All
// give the same digests (sha256.test.ts compares them), and all are synchronous.

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { nodeCrypto } from './node-platform.ts';
import { encodeUtf8 } from './web-platform.ts';

const native = nodeCrypto();

/** SHA-256 of bytes (FIPS 180-4). */
export function sha256(bytes: Uint8Array): Uint8Array {
  if (native !== undefined) {
    const digest = native.createHash('sha256').update(bytes).digest();
    // A Buffer is a Uint8Array; a plain one keeps equality checks (toEqual) and subclass-free output.
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }
  return nobleSha256(bytes);
}

/** SHA-256 of a string's UTF-8 bytes; in Node without a separate encoding step. */
export function sha256Utf8(text: string): Uint8Array {
  if (native !== undefined) {
    const digest = native.createHash('sha256').update(text).digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }
  return nobleSha256(encodeUtf8(text));
}

/** SHA-256 with @noble/hashes only, for tests that compare the two paths. */
export function portableSha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}
