import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  fromBase64Url,
  fromHex,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
} from './encoding.ts';
import { thrownAppError } from './test-support.ts';

// Any Unicode scalar value: cheaper to generate than fast-check's "binary" unit.
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

const bytes = (...values: number[]) => new Uint8Array(values);
// Any UTF-16 string, including lone surrogates.
const anyUtf16 = fc.string({ unit: fc.nat(0xffff).map((code) => String.fromCharCode(code)), maxLength: 40 });

describe('utf8Encode', () => {
  it.each([
    ['', []],
    ['A', [0x41]],
    ['é', [0xc3, 0xa9]],
    ['€', [0xe2, 0x82, 0xac]],
    ['中国', [0xe4, 0xb8, 0xad, 0xe5, 0x9b, 0xbd]],
    ['😀', [0xf0, 0x9f, 0x98, 0x80]],
    ['\u{10ffff}', [0xf4, 0x8f, 0xbf, 0xbf]],
    ['\ud800', [0xef, 0xbf, 0xbd]],
    ['\udc00x', [0xef, 0xbf, 0xbd, 0x78]],
  ])('encodes %j', (text, expected) => {
    expect([...utf8Encode(text)]).toEqual(expected);
  });

  it('matches TextEncoder for any UTF-16 string, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(anyUtf16, (text) => {
        expect(utf8Encode(text)).toEqual(encoder.encode(text));
      }),
    );
  });
});

describe('utf8Decode', () => {
  it('decodes valid UTF-8 and keeps a leading byte order mark', () => {
    expect(utf8Decode(bytes(0xe4, 0xb8, 0xad, 0xf0, 0x9f, 0x98, 0x80))).toBe('中😀');
    expect(utf8Decode(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    expect(utf8Decode(bytes(0xef, 0xbf, 0xbd), { fatal: true })).toBe('\ufffd');
  });

  it.each([
    ['a lone continuation byte', [0x80], '\ufffd'],
    ['an overlong encoding', [0xc0, 0xaf], '\ufffd\ufffd'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'],
    ['a truncated sequence', [0xe4, 0xb8], '\ufffd'],
    ['a truncated sequence before ASCII', [0xe4, 0x41], '\ufffdA'],
  ])('replaces %s like TextDecoder', (_, input, expected) => {
    expect(utf8Decode(new Uint8Array(input))).toBe(expected);
    expect(new TextDecoder().decode(new Uint8Array(input))).toBe(expected);
  });

  it('throws kernel.invalid_utf8 with the offset in fatal mode', () => {
    const error = thrownAppError(
      () => utf8Decode(bytes(0x41, 0x42, 0xff), { fatal: true }),
      'kernel.invalid_utf8',
    );
    expect(error.details).toEqual({ offset: 2 });
  });

  it('matches TextDecoder (ignoreBOM) on arbitrary bytes', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        expect(utf8Decode(input)).toBe(decoder.decode(input));
      }),
      { numRuns: 500 },
    );
  });

  it('matches TextDecoder on byte strings made of UTF-8 fragments', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const fragment = fc.oneof(
      fc.string({ unit: anyCodePoint, maxLength: 3 }).map((text) => [...utf8Encode(text)]),
      fc.constantFrom(
        [0xe0],
        [0xed],
        [0xf0],
        [0xf4],
        [0x80],
        [0xbf],
        [0xc2],
        [0xe0, 0xa0],
        [0xf0, 0x90, 0x80],
      ),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const input = new Uint8Array(parts.flat());
        expect(utf8Decode(input)).toBe(decoder.decode(input));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips every well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint }), (text) => {
        expect(utf8Decode(utf8Encode(text), { fatal: true })).toBe(text);
      }),
    );
  });

  it('decodes long inputs in chunks', () => {
    const text = '中'.repeat(50_000);
    expect(utf8Decode(utf8Encode(text))).toBe(text);
  });
});

describe('hex', () => {
  it('encodes lower case and decodes either case', () => {
    expect(toHex(bytes(0x00, 0x0f, 0xab, 0xff))).toBe('000fabff');
    expect([...fromHex('000FabFF')]).toEqual([0x00, 0x0f, 0xab, 0xff]);
    expect(fromHex('')).toEqual(new Uint8Array());
  });

  it.each(['abc', 'zz', '0x00', ' 00', '0g'])('refuses %j', (text) => {
    thrownAppError(() => fromHex(text), 'kernel.invalid_hex');
  });

  it('round-trips and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (input) => {
        expect(toHex(input)).toBe(Buffer.from(input).toString('hex'));
        expect(fromHex(toHex(input))).toEqual(input);
      }),
    );
  });
});

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes the RFC 4648 vector %j', (text, expected) => {
    expect(toBase64Url(utf8Encode(text))).toBe(expected);
    expect(utf8Decode(fromBase64Url(expected))).toBe(text);
  });

  it('uses - and _ instead of + and /', () => {
    expect(toBase64Url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });

  it.each([
    ['padding', 'Zg=='],
    ['the standard alphabet', 'a+b/'],
    ['an impossible length', 'Zm9vY'],
    ['non-zero leftover bits', 'Zh'],
    ['whitespace', 'Zm9v Yg'],
  ])('refuses %s', (_, text) => {
    thrownAppError(() => fromBase64Url(text), 'kernel.invalid_base64url');
  });

  it('round-trips and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (input) => {
        expect(toBase64Url(input)).toBe(Buffer.from(input).toString('base64url'));
        expect(fromBase64Url(toBase64Url(input))).toEqual(input);
      }),
    );
  });

  it('decodes only canonical encodings: anything it accepts re-encodes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AZaz09-_=+/ QRgh'), maxLength: 12 }), (text) => {
        let decoded: Uint8Array | null = null;
        try {
          decoded = fromBase64Url(text);
        } catch {
          return;
        }
        expect(toBase64Url(decoded)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('constantTimeEqual', () => {
  it('compares contents and lengths', () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
  });

  it('agrees with element-wise equality', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        expect(constantTimeEqual(a, a.slice())).toBe(true);
      }),
    );
  });
});
