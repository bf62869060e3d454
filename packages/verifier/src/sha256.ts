// SHA-256 for the verifier's hot paths (Merkle nodes, leaf and document hashes): @noble/hashes is
// two to three times faster than the kernel's portable implementation and gives the same digests
// (sha256.test.ts compares them). Both are plain JavaScript, so the verifier stays synchronous here.

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 of bytes (FIPS 180-4). */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}
