import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign as nodeSign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import {
  readSm2PrivateKey,
  readSm2Signature,
  type Sm2Point,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
} from './sm2.ts';

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const keyPem = testdata('sm2-test-key.pem');
const key = readSm2PrivateKey(keyPem);
const hex = (value: bigint) => value.toString(16).padStart(64, '0');
const publicHex = (point: Sm2Point) => `04${hex(point.x)}${hex(point.y)}`;

// DER SEQUENCE { INTEGER r, INTEGER s } from 64 bytes r || s, for tools that want DER.
const toDer = (raw: Buffer): Buffer => {
  const integer = (bytes: Buffer) => {
    let body = bytes;
    while (body.length > 1 && body[0] === 0 && ((body[1] ?? 0) & 0x80) === 0) {
      body = body.subarray(1);
    }
    if (((body[0] ?? 0) & 0x80) !== 0) {
      body = Buffer.concat([Buffer.from([0]), body]);
    }
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const content = Buffer.concat([integer(raw.subarray(0, 32)), integer(raw.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
};

describe('SM2 with SM3 and the GM/T 0009 default identifier', () => {
  it('the key in testdata matches its certificate', () => {
    const certificate = new X509Certificate(testdata('sm2-test-cert.pem'));
    expect(sm2PublicKeyOf(certificate.publicKey)).toEqual(key.publicKey);
  });

  it('signatures made here verify in sm-crypto, and sm-crypto signatures verify here', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const message = Buffer.from(bytes);
        const signature = sm2Sign(message, key);
        expect(signature).toHaveLength(64);
        expect(
          smCrypto.sm2.doVerifySignature([...message], signature.toString('hex'), publicHex(key.publicKey), {
            hash: true,
          }),
        ).toBe(true);
        const theirs = smCrypto.sm2.doSignature([...message], hex(key.d), {
          hash: true,
          der: true,
          publicKey: publicHex(key.publicKey),
        });
        const rs = readSm2Signature(Buffer.from(theirs, 'hex'));
        expect(rs).toBeDefined();
        expect(rs !== undefined && sm2Verify(message, rs, key.publicKey)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('signatures made here verify with the openssl CLI given distid 1234567812345678 (a third implementation)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm2-'));
    try {
      const message = Buffer.from('<ds:SignedInfo>报文</ds:SignedInfo>');
      writeFileSync(join(dir, 'message'), message);
      writeFileSync(join(dir, 'signature'), toDer(sm2Sign(message, key)));
      writeFileSync(
        join(dir, 'public.pem'),
        createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'pem' }),
      );
      const args = ['dgst', '-sm3', '-verify', join(dir, 'public.pem'), '-sigopt', 'distid:1234567812345678'];
      expect(
        execFileSync('openssl', [
          ...args,
          '-signature',
          join(dir, 'signature'),
          join(dir, 'message'),
        ]).toString(),
      ).toContain('Verified OK');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses a changed message, a changed signature, another key and out-of-range values', () => {
    const message = Buffer.from('CEB621');
    const signature = sm2Sign(message, key);
    const rs = readSm2Signature(signature);
    if (rs === undefined) {
      throw new Error('unreadable');
    }
    expect(sm2Verify(Buffer.from('CEB622'), rs, key.publicKey)).toBe(false);
    expect(sm2Verify(message, { r: rs.r, s: rs.s ^ 1n }, key.publicKey)).toBe(false);
    expect(sm2Verify(message, { r: 0n, s: rs.s }, key.publicKey)).toBe(false);
    expect(sm2Verify(message, rs, { x: key.publicKey.x, y: key.publicKey.y + 1n })).toBe(false);
    expect(readSm2Signature(Buffer.alloc(63))).toBeUndefined();
    expect(readSm2Signature(Buffer.from('3003020101', 'hex'))).toBeUndefined();
  });

  it("why it is written out: Node's crypto.sign does not produce standard SM2 signatures", () => {
    // A key read from PEM: OpenSSL 3.0 uses an empty identifier in Z_A. If a later Node starts
    // using the standard identifier, this test fails and the hand-written signer can go.
    const message = Buffer.from('hello');
    const signature = nodeSign('sm3', message, createPrivateKey(keyPem));
    const pub = publicHex(key.publicKey);
    expect(
      smCrypto.sm2.doVerifySignature([...message], signature.toString('hex'), pub, { hash: true, der: true }),
    ).toBe(false);
    expect(
      smCrypto.sm2.doVerifySignature([...message], signature.toString('hex'), pub, {
        hash: true,
        der: true,
        userId: '',
      }),
    ).toBe(true);
  });
});
