import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8Encode } from './encoding.ts';
import { AssertionError } from './errors.ts';
import { createSha256, sha256, sha256Hex } from './hash.ts';

const nodeSha256 = (input: Uint8Array) => createHash('sha256').update(input).digest('hex');

describe('sha256', () => {
  // FIPS 180-2 Appendix B and the NIST CAVP short-message examples.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes the test vector %j', (message, expected) => {
    expect(sha256Hex(message)).toBe(expected);
    expect(toHex(sha256(utf8Encode(message)))).toBe(expected);
  });

  it('hashes one million times "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('encodes strings as UTF-8', () => {
    expect(sha256Hex('中国')).toBe(nodeSha256(Buffer.from('中国', 'utf8')));
  });

  it.each([55, 56, 57, 63, 64, 65, 119, 120, 128])(
    'handles padding around block edges (%i bytes)',
    (length) => {
      const input = new Uint8Array(length).map((_, i) => i);
      expect(toHex(sha256(input))).toBe(nodeSha256(input));
    },
  );

  it('agrees with node:crypto on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        expect(toHex(sha256(input))).toBe(nodeSha256(input));
      }),
      { numRuns: 500 },
    );
  });

  it('does not modify its input', () => {
    const input = utf8Encode('abc');
    sha256(input);
    expect([...input]).toEqual([0x61, 0x62, 0x63]);
  });
});

describe('createSha256', () => {
  it('gives the same digest however the input is split', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 8 }), (parts) => {
        const hasher = createSha256();
        for (const part of parts) {
          hasher.update(part);
        }
        const whole = new Uint8Array(parts.flatMap((part) => [...part]));
        expect(toHex(hasher.digest())).toBe(nodeSha256(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to be used after digest', () => {
    const hasher = createSha256().update(utf8Encode('x'));
    hasher.digest();
    expect(() => hasher.update(utf8Encode('y'))).toThrow(AssertionError);
    expect(() => hasher.digest()).toThrow(AssertionError);
  });
});
