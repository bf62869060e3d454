import { createHash } from 'node:crypto';
import { sha256 as kernelSha256 } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portableSha256, sha256, sha256Utf8 } from './sha256.ts';

describe('sha256', () => {
  it('gives the FIPS 180-4 digests of "" and "abc"', () => {
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(hex(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('agrees with node:crypto and with the kernel on any input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const digest = sha256(bytes);
        expect(digest).toEqual(new Uint8Array(createHash('sha256').update(bytes).digest()));
        expect(digest).toEqual(kernelSha256(bytes));
      }),
    );
  });

  it('gives the same digests through node:crypto and @noble, for bytes and for text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(sha256Utf8(text)).toEqual(portableSha256(bytes));
        expect(sha256(bytes)).toEqual(portableSha256(bytes));
      }),
    );
  });
});
