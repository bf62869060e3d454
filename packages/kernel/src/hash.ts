import { toHex, utf8Encode } from './encoding.ts';
import { assert } from './errors.ts';

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const ROUND_CONSTANTS = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

// FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
const INITIAL_STATE = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const BLOCK_BYTES = 64;

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

function expandMessage(schedule: Uint32Array, bytes: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++) {
    const i = offset + t * 4;
    schedule[t] =
      ((bytes[i] as number) << 24) |
      ((bytes[i + 1] as number) << 16) |
      ((bytes[i + 2] as number) << 8) |
      (bytes[i + 3] as number);
  }
  for (let t = 16; t < 64; t++) {
    const w15 = schedule[t - 15] as number;
    const w2 = schedule[t - 2] as number;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    schedule[t] = ((schedule[t - 16] as number) + s0 + (schedule[t - 7] as number) + s1) | 0;
  }
}

// One application of the compression function to the 64-byte block at `offset`.
function compress(state: Uint32Array, schedule: Uint32Array, bytes: Uint8Array, offset: number): void {
  expandMessage(schedule, bytes, offset);
  let [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = state;
  for (let t = 0; t < 64; t++) {
    const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const choice = (e & f) ^ (~e & g);
    const t1 = (h + s1 + choice + (ROUND_CONSTANTS[t] as number) + (schedule[t] as number)) | 0;
    const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  const working = [a, b, c, d, e, f, g, h];
  for (let i = 0; i < 8; i++) {
    state[i] = ((state[i] as number) + (working[i] as number)) | 0;
  }
}

/** An incremental SHA-256: feed bytes with `update`, then call `digest` once. */
export type Sha256 = {
  update(bytes: Uint8Array): Sha256;
  digest(): Uint8Array;
};

/** Starts an incremental SHA-256 (FIPS 180-4), for input that arrives in pieces. */
export function createSha256(): Sha256 {
  const state = new Uint32Array(INITIAL_STATE);
  const schedule = new Uint32Array(64);
  const pending = new Uint8Array(BLOCK_BYTES);
  let pendingLength = 0;
  let totalBytes = 0;
  let finished = false;

  const hasher: Sha256 = {
    update(bytes) {
      assert(!finished, 'sha256: update() called after digest()');
      totalBytes += bytes.length;
      let offset = 0;
      if (pendingLength > 0) {
        const take = Math.min(BLOCK_BYTES - pendingLength, bytes.length);
        pending.set(bytes.subarray(0, take), pendingLength);
        pendingLength += take;
        offset = take;
        if (pendingLength < BLOCK_BYTES) {
          return hasher;
        }
        compress(state, schedule, pending, 0);
        pendingLength = 0;
      }
      for (; offset + BLOCK_BYTES <= bytes.length; offset += BLOCK_BYTES) {
        compress(state, schedule, bytes, offset);
      }
      pending.set(bytes.subarray(offset), 0);
      pendingLength = bytes.length - offset;
      return hasher;
    },
    digest() {
      assert(!finished, 'sha256: digest() called twice');
      finished = true;
      finalBlocks(pending.subarray(0, pendingLength), totalBytes).forEach((block) => {
        compress(state, schedule, block, 0);
      });
      return stateToBytes(state);
    },
  };
  return hasher;
}

// Padding (FIPS 180-4 §5.1.1): 0x80, zeros, then the message length in bits as a 64-bit big-endian number.
function finalBlocks(tail: Uint8Array, totalBytes: number): Uint8Array[] {
  const blockCount = tail.length + 1 + 8 > BLOCK_BYTES ? 2 : 1;
  const padded = new Uint8Array(blockCount * BLOCK_BYTES);
  padded.set(tail);
  padded[tail.length] = 0x80;
  const view = new DataView(padded.buffer);
  // totalBytes * 8 can exceed 2^32, so the bit length is split without leaving exact integer arithmetic.
  view.setUint32(padded.length - 8, Math.floor(totalBytes / 0x20000000), false);
  view.setUint32(padded.length - 4, (totalBytes % 0x20000000) * 8, false);
  return blockCount === 1 ? [padded] : [padded.subarray(0, BLOCK_BYTES), padded.subarray(BLOCK_BYTES)];
}

function stateToBytes(state: Uint32Array): Uint8Array {
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  state.forEach((word, i) => {
    view.setUint32(i * 4, word, false);
  });
  return out;
}

/** SHA-256 of `bytes`, computed synchronously in plain JavaScript so browser and server agree. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return createSha256().update(bytes).digest();
}

/** Lower-case hex SHA-256 of bytes, or of a string encoded as UTF-8. */
export function sha256Hex(input: Uint8Array | string): string {
  return toHex(sha256(typeof input === 'string' ? utf8Encode(input) : input));
}
