import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalizeToBytes } from './canonical-json.ts';
import { toHex } from './encoding.ts';
import { thrownAppError } from './test-support.ts';

// Any Unicode scalar value: cheaper to generate than fast-check's "binary" unit.
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

const fromBits = (hex: string) =>
  new DataView(new BigUint64Array([BigInt(`0x${hex}`)]).buffer).getFloat64(0, true);

describe('canonicalize (RFC 8785)', () => {
  it('canonicalizes the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('produces the UTF-8 bytes of RFC 8785 §3.2.4', () => {
    const input = { literals: [null, true, false], numbers: [333333333.3333333, 1e30, 4.5, 0.002, 1e-27] };
    const text = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}';
    expect(canonicalize(input)).toBe(text);
    expect(toHex(canonicalizeToBytes({ string: '€$\u000f\nA\'B"\\\\"/' }))).toBe(
      '7b22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the number with bits %s as %s', (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('refuses the number with bits %s (%s)', (bits) => {
    thrownAppError(() => canonicalize({ n: fromBits(bits) }), 'kernel.invalid_json_value');
  });

  it('escapes control characters in lower-case hex and leaves other characters alone', () => {
    expect(canonicalize('\u0000\u0008\u0009\u001f\u007f\u2028"\\/')).toBe(
      '"\\u0000\\b\\t\\u001f\u007f\u2028\\"\\\\/"',
    );
  });

  it('writes nested structures without whitespace', () => {
    expect(canonicalize({ b: [1, { d: null, c: 'x' }], a: {} })).toBe('{"a":{},"b":[1,{"c":"x","d":null}]}');
    expect(canonicalize([])).toBe('[]');
    expect(canonicalize(Object.create(null))).toBe('{}');
  });

  it.each([
    ['a bigint', { amount: 1n }, '$.amount'],
    ['undefined', { a: [1, undefined] }, '$.a[1]'],
    ['a function', { 'x y': () => 1 }, '$["x y"]'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a Map', new Map(), '$'],
    ['a lone surrogate in a string', { s: '\ud800' }, '$.s'],
    ['a lone surrogate in a key', { '\udc00': 1 }, '$["\\udc00"]'],
    ['a sparse array', { a: new Array(2) }, '$.a[0]'],
  ])('refuses %s and names the path', (_, value, path) => {
    const error = thrownAppError(() => canonicalize(value), 'kernel.invalid_json_value');
    expect(error.details).toEqual({ path });
    expect(error.message).toContain(path);
  });

  it('refuses cycles but accepts shared acyclic references', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    thrownAppError(() => canonicalize(cyclic), 'kernel.invalid_json_value');
    const shared = { x: 1 };
    expect(canonicalize([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('is a fixed point: canonicalize(parse(canonicalize(x))) === canonicalize(x)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('is valid JSON meaning the same value, and ignores key order', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: anyCodePoint, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
        (value) => {
          const text = canonicalize(value);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          expect(canonicalize(reversed)).toBe(text);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agrees with JSON.stringify on key-sorted input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string())),
        (values) => {
          expect(canonicalize(values)).toBe(JSON.stringify(values));
        },
      ),
    );
  });
});
