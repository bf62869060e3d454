// HMAC-SHA256 (RFC 2104) over the kernel's pure SHA-256, so the sandbox's sampling stays domain
// code: no node:crypto, and the same answer in any runtime.

import { sha256, utf8Encode } from '@tradehub/kernel';

const BLOCK_BYTES = 64;

/** HMAC-SHA256 of `message` under `key`. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const blockKey = new Uint8Array(BLOCK_BYTES);
  blockKey.set(key.length > BLOCK_BYTES ? sha256(key) : key);
  const inner = new Uint8Array(BLOCK_BYTES + message.length);
  const outer = new Uint8Array(BLOCK_BYTES + 32);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    const byte = blockKey[i] as number;
    inner[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  inner.set(message, BLOCK_BYTES);
  outer.set(sha256(inner), BLOCK_BYTES);
  return sha256(outer);
}

// 48 bits: every value is exact in a double, and 2^-48 granularity is far below any rate anyone sets.
const SCORE_BYTES = 6;
const SCORE_RANGE = 2 ** (8 * SCORE_BYTES);

/**
 * A number in [0, 1) fixed by `key` and `text`: uniform for all practical purposes, the same every
 * time for the same input, and unpredictable without the key (so a declarant cannot pick order
 * numbers that escape inspection).
 */
export function keyedUnitInterval(key: Uint8Array, text: string): number {
  const digest = hmacSha256(key, utf8Encode(text));
  let value = 0;
  for (let i = 0; i < SCORE_BYTES; i++) {
    value = value * 256 + (digest[i] as number);
  }
  return value / SCORE_RANGE;
}
