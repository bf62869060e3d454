import { gunzipSync, gzipSync } from 'node:zlib';
import { fromBase64Url, toBase64Url } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeStatusList,
  encodeStatusList,
  MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_BITS,
  newStatusBits,
  parseStatusListIndex,
  readStatusBit,
  writeStatusBit,
} from './status-list.ts';

// W3C Bitstring Status List v1.0 (Recommendation, 15 May 2025), Example 3
// "Example BitstringStatusListCredential": its encodedList, a list of 131,072 unset entries.
const SPEC_EXAMPLE_3 = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

async function decoded(encodedList: unknown, maxBytes?: number): Promise<Uint8Array> {
  const result = await decodeStatusList(encodedList, maxBytes);
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result.bits;
}

async function reasonOf(encodedList: unknown, maxBytes?: number): Promise<string> {
  const result = await decodeStatusList(encodedList, maxBytes);
  return result.ok ? 'ok' : result.reason;
}

describe('Bitstring Status List decoding', () => {
  it('decodes the spec example into 131,072 entries, none set', async () => {
    const bits = await decoded(SPEC_EXAMPLE_3);
    expect(bits.length * 8).toBe(MIN_STATUS_LIST_BITS);
    expect(bits.every((b) => b === 0)).toBe(true);
    expect(readStatusBit(bits, 94567)).toBe(false);
    expect(readStatusBit(bits, MIN_STATUS_LIST_BITS)).toBeUndefined();
  });

  it('reads index 0 as the most significant bit of the first byte, as the spec places it', async () => {
    const bits = newStatusBits();
    bits[0] = 0b1000_0000;
    bits[1] = 0b0000_0001;
    // gzip by node:zlib: an encoder independent of the one under test.
    const list = `u${toBase64Url(new Uint8Array(gzipSync(bits)))}`;
    const read = await decoded(list);
    expect(readStatusBit(read, 0)).toBe(true);
    expect(readStatusBit(read, 1)).toBe(false);
    expect(readStatusBit(read, 15)).toBe(true);
    expect(readStatusBit(read, 14)).toBe(false);
  });

  it('refuses a gzip bomb once the output passes the bound, without expanding it all', async () => {
    const bomb = `u${toBase64Url(new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024))))}`;
    expect(bomb.length).toBeLessThan(200_000);
    expect(await reasonOf(bomb)).toBe('too_large');
    expect(await reasonOf(SPEC_EXAMPLE_3, 1024)).toBe('too_large');
    expect(MAX_STATUS_LIST_BYTES).toBe(8 * 1024 * 1024);
  });

  it('refuses what is not an encoded list, each with its reason', async () => {
    expect(await reasonOf(42)).toBe('not_a_string');
    expect(await reasonOf(SPEC_EXAMPLE_3.slice(1))).toBe('missing_prefix');
    expect(await reasonOf('uH4sI+AAA')).toBe('invalid_base64url');
    expect(await reasonOf(`u${toBase64Url(new Uint8Array([1, 2, 3, 4, 5, 6]))}`)).toBe('invalid_gzip');
    const truncated = fromBase64Url(SPEC_EXAMPLE_3.slice(1)).slice(0, -8);
    expect(await reasonOf(`u${toBase64Url(truncated)}`)).toBe('invalid_gzip');
    const short = `u${toBase64Url(new Uint8Array(gzipSync(new Uint8Array(100))))}`;
    expect(await reasonOf(short)).toBe('too_short');
    expect(await reasonOf(`u${'A'.repeat(1024 * 1024 + 4)}`)).toBe('too_long');
  });

  it('never throws on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        const result = await decodeStatusList(`u${text}`);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('Bitstring Status List encoding', () => {
  it('round-trips any set of indices and is readable by node:zlib', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat({ max: MIN_STATUS_LIST_BITS - 1 }), { maxLength: 50 }),
        async (set) => {
          const bits = newStatusBits();
          for (const index of set) {
            writeStatusBit(bits, index, true);
          }
          const encoded = await encodeStatusList(bits);
          expect(encoded.startsWith('u')).toBe(true);
          expect(new Uint8Array(gunzipSync(fromBase64Url(encoded.slice(1))))).toEqual(bits);
          const read = await decoded(encoded);
          for (let i = 0; i < 200; i++) {
            expect(readStatusBit(read, i)).toBe(set.includes(i));
          }
          for (const index of set) {
            expect(readStatusBit(read, index)).toBe(true);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 30_000);

  it('clears bits, refuses short lists and indices outside the list', async () => {
    const bits = newStatusBits(10);
    expect(bits.length).toBe(MIN_STATUS_LIST_BITS / 8);
    writeStatusBit(bits, 9, true);
    writeStatusBit(bits, 9, false);
    expect(bits.every((b) => b === 0)).toBe(true);
    expect(() => writeStatusBit(bits, MIN_STATUS_LIST_BITS, true)).toThrow(RangeError);
    await expect(encodeStatusList(new Uint8Array(16))).rejects.toThrow(RangeError);
  });

  it('reads statusListIndex as a base-10 string only', () => {
    expect(parseStatusListIndex('0')).toBe(0);
    expect(parseStatusListIndex('94567')).toBe(94567);
    for (const bad of ['', '-1', '01', '1.0', '0x10', ' 1', 7, '99999999999999999999']) {
      expect(parseStatusListIndex(bad)).toBeUndefined();
    }
  });
});
