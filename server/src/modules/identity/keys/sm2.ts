import {
  createECDH,
  createHash,
  generateKeyPairSync,
  getCurves,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * SM2 signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) with SM3 and the default distinguishing
 * ID `1234567812345678` (GM/T 0009-2012), for organisations that must sign with national
 * algorithms.
 *
 * Why not `crypto.sign('sm3', …)`: Node 20 on OpenSSL 3.0 does sign with the SM2 scheme, but
 * computes Z_A over an empty ID and offers no way to set one, so its signatures do not verify
 * under the default ID every other SM2 implementation uses (checked in sm2.test.ts against the
 * example of GB/T 32918.5-2017 Annex A). Here OpenSSL still does the elliptic-curve work (k·G,
 * through ECDH on curve SM2, and key generation); only the scalar arithmetic mod n is BigInt, as
 * in the pure-JavaScript SM2 libraries, so it is not constant-time: each signature blinds the
 * secret operands (see sm2Signer) to blur what timing could reveal.
 */

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = P - 3n;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** GM/T 0009-2012 §10: the distinguishing ID when the parties agreed on none. */
export const SM2_DEFAULT_ID = '1234567812345678';

const bytes32 = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

export const sm3 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sm3');
  for (const part of parts) {
    hash.update(part);
  }
  return hash.digest();
};

const inverse = (a: bigint, m: bigint): bigint => {
  let [t, nextT, r, nextR] = [0n, 1n, m, mod(a, m)];
  while (nextR !== 0n) {
    const q = r / nextR;
    [t, nextT] = [nextT, t - q * nextT];
    [r, nextR] = [nextR, r - q * nextR];
  }
  return mod(t, m);
};

/** Z_A = SM3(ENTL || ID || a || b || x_G || y_G || x_A || y_A) for an uncompressed public key. */
export const sm2UserHash = (publicKey: Uint8Array, id: string = SM2_DEFAULT_ID): Buffer => {
  const idBytes = Buffer.from(id, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  return sm3(entl, idBytes, bytes32(A), bytes32(B), bytes32(GX), bytes32(GY), publicKey.subarray(1, 65));
};

const derInteger = (n: bigint): Buffer => {
  let body = Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
  let start = 0;
  while (start < body.length - 1 && body[start] === 0 && ((body[start + 1] ?? 0) & 0x80) === 0) {
    start += 1;
  }
  body = body.subarray(start);
  if (((body[0] ?? 0) & 0x80) !== 0) {
    body = Buffer.concat([Buffer.of(0), body]);
  }
  return Buffer.concat([Buffer.of(0x02, body.length), body]);
};

/** GM/T 0009-2012 §7.2 SM2Signature: DER SEQUENCE { r INTEGER, s INTEGER }. */
export const encodeSm2Signature = (r: bigint, s: bigint): Uint8Array => {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return new Uint8Array(Buffer.concat([Buffer.of(0x30, body.length), body]));
};

/**
 * The private scalar d of an SM2 key in PKCS#8 (or SEC1) DER: the OCTET STRING after the SEC1
 * version 1. Read from the bytes, because Node aborts the process when asked to export an imported
 * SM2 key as SEC1 (its key type is EVP_PKEY_SM2, not EC).
 */
export const sm2PrivateScalar = (der: Uint8Array): bigint => {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  const at = bytes.indexOf(Buffer.from('0201010420', 'hex'));
  if (at < 0 || at + 37 > bytes.length) {
    throw new Error('not an SM2 private key');
  }
  return toBigInt(bytes.subarray(at + 5, at + 37));
};

const uncompressedPublicKey = (publicKey: KeyObject): Uint8Array => {
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 65));
};

/**
 * Signs `message` as GB/T 32918.2 §6.1 says: e = SM3(Z_A || M), (x1, y1) = k·G with a fresh
 * random k, r = (e + x1) mod n, s = (1 + d)⁻¹ · (k − r·d) mod n, retrying on r = 0, r + k = n or
 * s = 0.
 */
export const sm2Signer = (d: bigint, id: string = SM2_DEFAULT_ID) => {
  if (d < 1n || d >= SM2_N - 1n) {
    throw new Error('not an SM2 private key');
  }
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(bytes32(d));
  const userHash = sm2UserHash(ecdh.getPublicKey(), id);
  const inverseOfOnePlusD = inverse(1n + d, SM2_N);

  return (message: Uint8Array): Uint8Array => {
    const e = toBigInt(sm3(userHash, message));
    for (;;) {
      const k = toBigInt(randomBytes(32));
      if (k === 0n || k >= SM2_N) {
        continue;
      }
      ecdh.setPrivateKey(bytes32(k));
      const x1 = toBigInt(ecdh.getPublicKey().subarray(1, 33));
      const r = mod(e + x1, SM2_N);
      if (r === 0n || r + k === SM2_N) {
        continue;
      }
      // BigInt arithmetic is not constant-time; adding random multiples of n to the secrets makes
      // each signature's operands differ in value and length without changing the result mod n.
      const blindD = d + toBigInt(randomBytes(16)) * SM2_N;
      const blindInverse = inverseOfOnePlusD + toBigInt(randomBytes(16)) * SM2_N;
      const s = mod(blindInverse * (k - r * blindD), SM2_N);
      if (s !== 0n) {
        return encodeSm2Signature(r, s);
      }
    }
  };
};

/** A new SM2 key pair: the private KeyObject and the uncompressed public key (65 bytes). */
export const generateSm2Key = () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return { privateKey: pair.privateKey, publicKey: uncompressedPublicKey(pair.publicKey) };
};

/** True when this Node's OpenSSL has the SM2 curve and SM3 (most builds; not FIPS ones). */
export const sm2Supported = (): boolean => {
  try {
    return getCurves().includes('SM2') && createHash('sm3').update('').digest().length === 32;
  } catch {
    return false;
  }
};
