/** What the import and export demo generators share: a seeded stream, guids and exact fen sums. */

/** A small deterministic generator (mulberry32): the same seed gives the same day. */
export const random = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)] as T;

/** A message guid as customs wants it: 36 uppercase characters, version 4 shape. */
export const guidFrom = (next: () => number): string => {
  const hex = Array.from({ length: 32 }, () =>
    Math.floor(next() * 16)
      .toString(16)
      .toUpperCase(),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-A${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Decimal string arithmetic in fen (two decimals), exact: money is never a float here. */
export const fen = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};
export const yuan = (amountFen: bigint): string =>
  `${amountFen / 100n}.${String(amountFen % 100n).padStart(2, '0')}`;
