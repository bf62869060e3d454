import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, keyedUnitInterval } from './keyed-hash.ts';

describe('hmacSha256', () => {
  it('agrees with node:crypto for keys shorter than, equal to and longer than a block (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 300 }), (key, message) => {
        const expected = createHmac('sha256', key).update(message).digest();
        expect(Buffer.from(hmacSha256(key, message)).equals(expected)).toBe(true);
      }),
      { seed: 621, numRuns: 200 },
    );
  });

  it('gives the RFC 4231 test case 2 digest', () => {
    const digest = hmacSha256(
      new TextEncoder().encode('Jefe'),
      new TextEncoder().encode('what do ya want for nothing?'),
    );
    expect(Buffer.from(digest).toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('keyedUnitInterval', () => {
  it('lies in [0, 1), is stable, and changes with the key', () => {
    const key = new Uint8Array(32).fill(7);
    const other = new Uint8Array(32).fill(8);
    const value = keyedUnitInterval(key, 'order\u00003301XXXXXX\u0000ZJ20250301000123');
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
    expect(keyedUnitInterval(key, 'order\u00003301XXXXXX\u0000ZJ20250301000123')).toBe(value);
    expect(keyedUnitInterval(other, 'order\u00003301XXXXXX\u0000ZJ20250301000123')).not.toBe(value);
  });
});
