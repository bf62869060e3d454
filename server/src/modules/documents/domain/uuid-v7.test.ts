import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from './uuid-v7.ts';

describe('uuidV7', () => {
  it('lays out time, version and variant as RFC 9562 §5.7 says', () => {
    const id = uuidV7(0x0197_6c5e_1a2b, new Uint8Array(10).fill(0xff));
    expect(id).toBe('01976c5e-1a2b-7fff-bfff-ffffffffffff');
    expect(uuidV7(0, new Uint8Array(10))).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('always gives a well-formed v7 whose first 48 bits are the time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (time, random) => {
          const id = uuidV7(time, random);
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(time);
        },
      ),
    );
  });

  it('refuses times outside 48 bits and short randomness', () => {
    expect(() => uuidV7(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(-1, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidV7(1, new Uint8Array(9))).toThrow(RangeError);
  });
});
