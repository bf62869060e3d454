import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLocalKeyProvider } from './local-key-provider.ts';
import { encodeSm2Signature, SM2_DEFAULT_ID, sm2Signer, sm2Supported, sm2UserHash, sm3 } from './sm2.ts';

// An independent SM2 verifier written from GB/T 32918.2-2016 §7 with plain BigInt point
// arithmetic, used only to check the signer. It is itself checked against the standard's example.
const curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  g: [
    0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
    0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
  ] as Point,
};
type Point = [bigint, bigint] | null;
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
const inverse = (a: bigint, m: bigint): bigint => {
  let [t, nextT, r, nextR] = [0n, 1n, m, mod(a, m)];
  while (nextR !== 0n) {
    const q = r / nextR;
    [t, nextT] = [nextT, t - q * nextT];
    [r, nextR] = [nextR, r - q * nextR];
  }
  return mod(t, m);
};
const add = (p: Point, q: Point): Point => {
  if (p === null) {
    return q;
  }
  if (q === null) {
    return p;
  }
  const [x1, y1] = p;
  const [x2, y2] = q;
  if (x1 === x2 && mod(y1 + y2, curve.p) === 0n) {
    return null;
  }
  const slope =
    x1 === x2
      ? mod((3n * x1 * x1 + curve.a) * inverse(2n * y1, curve.p), curve.p)
      : mod((y2 - y1) * inverse(x2 - x1, curve.p), curve.p);
  const x3 = mod(slope * slope - x1 - x2, curve.p);
  return [x3, mod(slope * (x1 - x3) - y1, curve.p)];
};
const multiply = (k: bigint, point: Point): Point => {
  let result: Point = null;
  let addend = point;
  for (let rest = k; rest > 0n; rest >>= 1n) {
    if (rest & 1n) {
      result = add(result, addend);
    }
    addend = add(addend, addend);
  }
  return result;
};
const big = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
const uncompressed = (point: Point) =>
  Buffer.concat([
    Buffer.of(4),
    ...(point ?? [0n, 0n]).map((c) => Buffer.from(c.toString(16).padStart(64, '0'), 'hex')),
  ]);

/** r and s of a DER SM2Signature. */
const decodeSignature = (der: Uint8Array): [bigint, bigint] => {
  const bytes = Buffer.from(der);
  expect(bytes[0]).toBe(0x30);
  expect(bytes[1]).toBe(bytes.length - 2);
  const rLength = bytes[3] ?? 0;
  const r = big(bytes.subarray(4, 4 + rLength));
  const s = big(bytes.subarray(6 + rLength));
  return [r, s];
};

const referenceVerify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  r: bigint,
  s: bigint,
  id = SM2_DEFAULT_ID,
) => {
  if (r < 1n || r >= curve.n || s < 1n || s >= curve.n) {
    return false;
  }
  const e = big(sm3(sm2UserHash(publicKey, id), message));
  const t = mod(r + s, curve.n);
  if (t === 0n) {
    return false;
  }
  const q: Point = [big(publicKey.subarray(1, 33)), big(publicKey.subarray(33, 65))];
  const point = add(multiply(s, curve.g), multiply(t, q));
  return point !== null && mod(e + point[0], curve.n) === r;
};

// GB/T 32918.5-2017 (= GM/T 0003.5-2012) Annex A: signature example on the recommended curve,
// with the default distinguishing ID.
const example = {
  privateKey: 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n,
  message: Buffer.from('message digest'),
  r: 0xf5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3n,
  s: 0xb1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aan,
};
// SEC1 ECPrivateKey { 1, d, [0] sm2 } for the example's private key.
const exampleKey = () =>
  createPrivateKey({
    key: Buffer.concat([
      Buffer.from('30310201010420', 'hex'),
      Buffer.from(example.privateKey.toString(16).padStart(64, '0'), 'hex'),
      Buffer.from('a00a06082a811ccf5501822d', 'hex'),
    ]),
    format: 'der',
    type: 'sec1',
  });

describe('SM2 with SM3 and the default distinguishing ID', () => {
  const examplePublicKey = uncompressed(multiply(example.privateKey, curve.g));

  it('is available in this Node (its OpenSSL has curve SM2 and SM3)', () => {
    expect(sm2Supported()).toBe(true);
  });

  it('the reference verifier accepts the example of GB/T 32918.5 Annex A and nothing altered', () => {
    expect(referenceVerify(examplePublicKey, example.message, example.r, example.s)).toBe(true);
    expect(referenceVerify(examplePublicKey, Buffer.from('message digesT'), example.r, example.s)).toBe(
      false,
    );
    expect(referenceVerify(examplePublicKey, example.message, example.r, example.s + 1n)).toBe(false);
    expect(referenceVerify(examplePublicKey, example.message, example.r, example.s, '')).toBe(false);
  });

  it('derives the same public key from the example private key as OpenSSL does', () => {
    const spki = createPublicKey(exampleKey()).export({ format: 'der', type: 'spki' });
    expect(Buffer.from(spki.subarray(spki.length - 65))).toEqual(examplePublicKey);
  });

  it("signs so that the standard's verification accepts it under the default ID (and not under another)", () => {
    const sign = sm2Signer(example.privateKey);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        const [r, s] = decodeSignature(sign(message));
        expect(referenceVerify(examplePublicKey, message, r, s)).toBe(true);
        expect(referenceVerify(examplePublicKey, message, r, s, 'ALICE123@YAHOO.COM')).toBe(false);
      }),
      { numRuns: 15 },
    );
    const [r, s] = decodeSignature(sign(example.message));
    expect(referenceVerify(examplePublicKey, example.message, r, s)).toBe(true);
  });

  it("is needed: Node's own sm3 verification does not accept the standard's example (it hashes an empty ID)", () => {
    // If this starts to pass, Node's built-in SM2 follows the default ID and could replace sm2.ts.
    const signature = encodeSm2Signature(example.r, example.s);
    expect(verify('sm3', example.message, createPublicKey(exampleKey()), signature)).toBe(false);
  });

  it('signs through the local key provider with a sealed SM2 key', async () => {
    const provider = createLocalKeyProvider(new Uint8Array(32).fill(7));
    const binding = { organisationId: 'org_A', keyId: 'skey_sm2', algorithm: 'SM2' as const };
    const generated = await provider.generate(binding);
    expect(generated.publicKey).toHaveLength(65);
    expect(generated.publicKey[0]).toBe(4);
    const message = Buffer.from('电子提单 electronic bill of lading');
    const [r, s] = decodeSignature(await provider.sign({ ...binding, handle: generated.handle }, message));
    expect(referenceVerify(generated.publicKey, message, r, s)).toBe(true);
  });

  it('encodes r and s as a minimal DER SM2Signature', () => {
    expect(Buffer.from(encodeSm2Signature(1n, 0x80n)).toString('hex')).toBe('3007020101020200' + '80');
    expect(decodeSignature(encodeSm2Signature(example.r, example.s))).toEqual([example.r, example.s]);
  });
});
