/**
 * Bitstring Status List arithmetic (W3C Bitstring Status List v1.0 §3.2): bit 0 is the most
 * significant bit of byte 0, and a published list holds at least 131,072 bits so a single
 * document's bit does not stand out.
 */
export const STATUS_LIST_BLOCK_BITS = 131_072;
export const STATUS_LIST_BLOCK_BYTES = STATUS_LIST_BLOCK_BITS / 8;

/** The most documents one organisation's lists index: 128 blocks, 2 MiB of bits per list. */
export const MAX_STATUS_INDICES = 128 * STATUS_LIST_BLOCK_BITS;

/** Bytes a list needs so that indices below `nextIndex` fit: whole blocks, at least one. */
export const statusListBytesFor = (nextIndex: number): number =>
  Math.max(1, Math.ceil(nextIndex / STATUS_LIST_BLOCK_BITS)) * STATUS_LIST_BLOCK_BYTES;

export const getStatusBit = (bits: Uint8Array, index: number): boolean =>
  (((bits[index >> 3] ?? 0) >> (7 - (index & 7))) & 1) === 1;

/** A copy of `bits` with bit `index` set or cleared, grown to `byteLength` when that is longer. */
export const withStatusBit = (bits: Uint8Array, index: number, value: boolean, byteLength = bits.length) => {
  const out = new Uint8Array(Math.max(byteLength, bits.length, (index >> 3) + 1));
  out.set(bits);
  const mask = 1 << (7 - (index & 7));
  const at = index >> 3;
  out[at] = value ? (out[at] ?? 0) | mask : (out[at] ?? 0) & ~mask;
  return out;
};

/** A copy of `bits` grown (zero-filled) to `byteLength`; the same array when it is long enough. */
export const grownTo = (bits: Uint8Array, byteLength: number): Uint8Array => {
  if (bits.length >= byteLength) {
    return bits;
  }
  const out = new Uint8Array(byteLength);
  out.set(bits);
  return out;
};
