import { createHash, createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';

/*
 * SM2 signatures (GB/T 32918.2, GM/T 0003.2) with SM3 over Z_A || M, where Z_A uses the standard
 * distinguishing identifier "1234567812345678" (GM/T 0009). Written out here because Node's own
 * route does not produce standard signatures: with a key read from PEM, OpenSSL 3.0 computes Z_A
 * with an *empty* identifier, and a key from generateKeyPairSync('ec', {namedCurve: 'SM2'}) is
 * signed as plain ECDSA on the SM2 curve. Neither verifies in sm-crypto or at the E-port, and Node
 * offers no way to set the identifier. Node still provides SM3 and the key parsing.
 *
 * Signing is meant for the development soft key (production keys live in a UKey or an HSM behind
 * the CebSigner interface): the scalar arithmetic mod n around the curve operations is plain
 * bigint, not constant-time.
 */

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** The default user identifier of GM/T 0009 (ASCII "1234567812345678"). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** A point on the SM2 curve in affine coordinates. */
export type Sm2Point = { x: bigint; y: bigint };

const mod = (value: bigint, modulus: bigint): bigint => {
  const result = value % modulus;
  return result < 0n ? result + modulus : result;
};

const modPow = (base: bigint, exponent: bigint, modulus: bigint): bigint => {
  let result = 1n;
  let b = mod(base, modulus);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) {
      result = (result * b) % modulus;
    }
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
};

// Both moduli are prime, so Fermat's little theorem gives the inverse.
const inverse = (value: bigint, modulus: bigint): bigint => modPow(value, modulus - 2n, modulus);

// The curve arithmetic is @noble/curves' (audited, windowed, with a precomputed base point): a
// verification is two scalar multiplications, which naive double-and-add made the costliest step
// of receiving a signed customs message.
const Sm2Curve = weierstrass({ p: P, n: N, h: 1n, a: A, b: B, Gx: GX, Gy: GY });
Sm2Curve.BASE.precompute(8, false);

const affineOf = (point: InstanceType<typeof Sm2Curve>): Sm2Point | undefined =>
  point.is0() ? undefined : point.toAffine();

/** True when the point satisfies y² = x³ + ax + b with coordinates in the field. */
export const isOnSm2Curve = (point: Sm2Point): boolean =>
  point.x >= 0n &&
  point.x < P &&
  point.y >= 0n &&
  point.y < P &&
  mod(point.y * point.y - (point.x * point.x * point.x + A * point.x + B), P) === 0n;

const toBytes32 = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
const fromBytes = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

/** Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA), GB/T 32918.2 §5.5. */
export const sm2UserHash = (publicKey: Sm2Point, userId: string = SM2_DEFAULT_USER_ID): Buffer => {
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return createHash('sm3')
    .update(Buffer.concat([entl, id, ...[A, B, GX, GY, publicKey.x, publicKey.y].map(toBytes32)]))
    .digest();
};

const messageHash = (message: Uint8Array, publicKey: Sm2Point): bigint =>
  fromBytes(
    createHash('sm3')
      .update(Buffer.concat([sm2UserHash(publicKey), message]))
      .digest(),
  );

/** An SM2 key pair as numbers. */
export type Sm2PrivateKey = { d: bigint; publicKey: Sm2Point };

/**
 * Signs `message` (the signer hashes it: e = SM3(Z_A || M)) and answers the 64-byte r || s, each
 * a 32-byte big-endian integer, which is the form UKeys return (GM/T 0016 ECCSIGNATUREBLOB).
 */
export const sm2Sign = (message: Uint8Array, key: Sm2PrivateKey): Buffer => {
  const e = messageHash(message, key.publicKey);
  const dPlusOneInverse = inverse(key.d + 1n, N);
  for (;;) {
    const k = mod(fromBytes(randomBytes(40)), N - 1n) + 1n;
    const kg = affineOf(Sm2Curve.BASE.multiply(k));
    if (kg === undefined) {
      continue;
    }
    const r = mod(e + kg.x, N);
    if (r === 0n || r + k === N) {
      continue;
    }
    const s = mod(dPlusOneInverse * (k - r * key.d), N);
    if (s === 0n) {
      continue;
    }
    return Buffer.concat([toBytes32(r), toBytes32(s)]);
  }
};

/** Verifies an SM2 signature (r, s) over `message` with Z_A of the default identifier. */
export const sm2Verify = (
  message: Uint8Array,
  signature: { r: bigint; s: bigint },
  publicKey: Sm2Point,
): boolean => {
  const { r, s } = signature;
  if (r < 1n || r >= N || s < 1n || s >= N || !isOnSm2Curve(publicKey)) {
    return false;
  }
  const t = mod(r + s, N);
  if (t === 0n) {
    return false;
  }
  const point = affineOf(
    Sm2Curve.BASE.multiplyUnsafe(s).add(Sm2Curve.fromAffine(publicKey).multiplyUnsafe(t)),
  );
  if (point === undefined) {
    return false;
  }
  return mod(messageHash(message, publicKey) + point.x, N) === r;
};

// A minimal DER reader: enough to take the key material out of PKCS#8 and SubjectPublicKeyInfo.
type Der = { tag: number; value: Buffer; end: number };
const readDer = (bytes: Buffer, offset: number): Der => {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined) {
    throw new Error('truncated DER');
  }
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) {
      throw new Error('unsupported DER length');
    }
    length = 0;
    for (let i = 0; i < count; i += 1) {
      length = length * 256 + (bytes[start + i] ?? 0);
    }
    start += count;
  }
  if (start + length > bytes.length) {
    throw new Error('truncated DER');
  }
  return { tag, value: bytes.subarray(start, start + length), end: start + length };
};
const derChildren = (value: Buffer): Der[] => {
  const children: Der[] = [];
  let offset = 0;
  while (offset < value.length) {
    const child = readDer(value, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
};

// id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301.
const SM2_CURVE_OID = Buffer.from('2a811ccf5501822d', 'hex');

const pointFromBitString = (bitString: Buffer): Sm2Point => {
  // A BIT STRING with 0 unused bits holding an uncompressed point 04 || x || y.
  if (bitString.length !== 66 || bitString[0] !== 0 || bitString[1] !== 4) {
    throw new Error('the SM2 public key is not an uncompressed point');
  }
  return { x: fromBytes(bitString.subarray(2, 34)), y: fromBytes(bitString.subarray(34, 66)) };
};

const isSm2Algorithm = (algorithm: Der | undefined): boolean => {
  const parameters = algorithm === undefined ? [] : derChildren(algorithm.value);
  return parameters[1]?.tag === 0x06 && parameters[1].value.equals(SM2_CURVE_OID);
};

/** The SM2 public point of a key, or undefined when the key is not an SM2 key. */
export const sm2PublicKeyOf = (key: KeyObject): Sm2Point | undefined => {
  try {
    const spki = readDer(key.export({ type: 'spki', format: 'der' }), 0);
    const [algorithm, bitString] = derChildren(spki.value);
    if (!isSm2Algorithm(algorithm) || bitString?.tag !== 0x03) {
      return undefined;
    }
    const point = pointFromBitString(bitString.value);
    return isOnSm2Curve(point) ? point : undefined;
  } catch {
    return undefined;
  }
};

/** Reads an SM2 private key from PEM (PKCS#8 or SEC1, as `openssl genpkey` writes it). */
export const readSm2PrivateKey = (privateKeyPem: string): Sm2PrivateKey => {
  const pkcs8 = readDer(createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' }), 0);
  const [, algorithm, octets] = derChildren(pkcs8.value);
  if (!isSm2Algorithm(algorithm) || octets?.tag !== 0x04) {
    throw new Error('the private key is not an SM2 key');
  }
  const ecPrivateKey = derChildren(readDer(octets.value, 0).value);
  const d = ecPrivateKey[1];
  if (d?.tag !== 0x04) {
    throw new Error('the SM2 private key has no key octets');
  }
  const scalar = fromBytes(d.value);
  if (scalar < 1n || scalar >= N - 1n) {
    throw new Error('the SM2 private key is out of range');
  }
  const publicKey = affineOf(Sm2Curve.BASE.multiply(scalar));
  if (publicKey === undefined) {
    throw new Error('the SM2 private key is out of range');
  }
  return { d: scalar, publicKey };
};

/**
 * Reads (r, s) from either signature encoding seen in the field: 64 raw bytes r || s (UKeys) or a
 * DER SEQUENCE of two INTEGERs (GM/T 0009, Java/BouncyCastle). Undefined for anything else.
 */
export const readSm2Signature = (bytes: Buffer): { r: bigint; s: bigint } | undefined => {
  if (bytes.length === 64) {
    return { r: fromBytes(bytes.subarray(0, 32)), s: fromBytes(bytes.subarray(32)) };
  }
  try {
    const sequence = readDer(bytes, 0);
    if (sequence.tag !== 0x30 || sequence.end !== bytes.length) {
      return undefined;
    }
    const parts = derChildren(sequence.value);
    const [r, s] = parts;
    if (
      parts.length !== 2 ||
      r?.tag !== 0x02 ||
      s?.tag !== 0x02 ||
      r.value.length > 33 ||
      s.value.length > 33
    ) {
      return undefined;
    }
    return { r: fromBytes(r.value), s: fromBytes(s.value) };
  } catch {
    return undefined;
  }
};
