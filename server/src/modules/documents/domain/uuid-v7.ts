/**
 * A UUID version 7 (RFC 9562 §5.7) from a Unix time in milliseconds and 10 random bytes: 48 bits
 * of time, the version, 12 random bits, the variant, 62 random bits. Time-ordered, so credential
 * ids sort by issuance like the hub's own ids.
 */
export const uuidV7 = (timeMs: number, random: Uint8Array): string => {
  if (!Number.isSafeInteger(timeMs) || timeMs < 0 || timeMs >= 2 ** 48) {
    throw new RangeError('a UUIDv7 time is 48 bits of milliseconds');
  }
  if (random.length < 10) {
    throw new RangeError('a UUIDv7 needs 10 random bytes');
  }
  const bytes = new Uint8Array(16);
  let time = timeMs;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let hex = '';
  for (const byte of bytes) {
    hex += byte.toString(16).padStart(2, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
