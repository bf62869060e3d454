import { encodeMultibaseBase58Btc } from '@tradehub/verifier';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multibaseBase58Btc } from './crypto.ts';

describe('multibaseBase58Btc', () => {
  it('encodes exactly as the verifier package does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(multibaseBase58Btc(bytes)).toBe(encodeMultibaseBase58Btc(bytes));
      }),
      { numRuns: 2000 },
    );
    for (const bytes of [
      new Uint8Array(0),
      new Uint8Array(3),
      Uint8Array.of(0, 0, 1),
      Uint8Array.of(57),
      Uint8Array.of(58),
    ]) {
      expect(multibaseBase58Btc(bytes)).toBe(encodeMultibaseBase58Btc(bytes));
    }
    expect(multibaseBase58Btc(new TextEncoder().encode('Hello World!'))).toBe('z2NEpo7TZRRrLZSi2U');
  });
});
