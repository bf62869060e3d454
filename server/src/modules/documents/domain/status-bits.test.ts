import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getStatusBit,
  grownTo,
  STATUS_LIST_BLOCK_BYTES,
  statusListBytesFor,
  withStatusBit,
} from './status-bits.ts';

describe('status list bits', () => {
  it('numbers bits from the most significant bit of byte 0', () => {
    const bits = withStatusBit(new Uint8Array(2), 0, true);
    expect(bits[0]).toBe(0x80);
    expect(withStatusBit(bits, 9, true)[1]).toBe(0x40);
    expect(getStatusBit(bits, 0)).toBe(true);
    expect(getStatusBit(bits, 1)).toBe(false);
  });

  it('sets and clears one bit without touching the others or the input', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.nat(),
        fc.boolean(),
        (bytes, at, value) => {
          const index = at % (bytes.length * 8);
          const before = bytes.slice();
          const after = withStatusBit(bytes, index, value);
          expect(bytes).toEqual(before);
          expect(getStatusBit(after, index)).toBe(value);
          for (let i = 0; i < bytes.length * 8; i += 1) {
            if (i !== index) {
              expect(getStatusBit(after, i)).toBe(getStatusBit(bytes, i));
            }
          }
        },
      ),
    );
  });

  it('sizes lists in whole blocks of 131,072 bits, at least one', () => {
    expect(statusListBytesFor(0)).toBe(STATUS_LIST_BLOCK_BYTES);
    expect(statusListBytesFor(131_072)).toBe(STATUS_LIST_BLOCK_BYTES);
    expect(statusListBytesFor(131_073)).toBe(2 * STATUS_LIST_BLOCK_BYTES);
    const grown = grownTo(new Uint8Array([0xff]), 3);
    expect([...grown]).toEqual([0xff, 0, 0]);
    const same = new Uint8Array(4);
    expect(grownTo(same, 2)).toBe(same);
  });
});
