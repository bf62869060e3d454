import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { sha256, toHex, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import {
  cosignatureKeyHash,
  cosignatureMessage,
  cosignCheckpoint,
  countWitnessCosignatures,
  formatWitnessVerifierKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from './cosignature.ts';
import type { NoteVerifier } from './note.ts';
import {
  formatKeyHash,
  formatVerifierKey,
  fromBase64,
  openNote,
  parseVerifierKey,
  signerFromEd25519Seed,
  signNote,
} from './note.ts';

// c2sp.org/tlog-cosignature example: its witness line and the timestamp of its message example.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_LINE =
  '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';

const ORIGIN = 'trade.example/log/v1';
const body = formatCheckpoint({ origin: ORIGIN, size: 1000, rootHash: sha256(utf8Encode('r')) });
const log = signerFromEd25519Seed(ORIGIN, new Uint8Array(32).fill(1));
const logVerifier = unwrap(parseVerifierKey(formatVerifierKey(ORIGIN, log.publicKey)));
const witnesses = [2, 3, 4].map((n) =>
  signerFromEd25519Seed(`witness${n}.example/w`, new Uint8Array(32).fill(n)),
);
const witnessVerifiers = witnesses.map((w) =>
  unwrap(parseWitnessVerifierKey(formatWitnessVerifierKey(w.name, w.publicKey))),
);
const [w1, w2, w3] = witnesses as [(typeof witnesses)[0], (typeof witnesses)[0], (typeof witnesses)[0]];
const [v1, v2, v3] = witnessVerifiers as [NoteVerifier, NoteVerifier, NoteVerifier];

function unwrap<T>(result: { ok: true; key: T } | { ok: false; reason: string }): T {
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result.key;
}

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  return result.ok ? 'ok' : result.reason;
}

describe('cosignature format', () => {
  it('decodes the spec example line: key ID, then the big-endian timestamp of the message example', () => {
    const payload = fromBase64(SPEC_LINE.split(' ')[2] as string) as Uint8Array;
    expect(payload.length).toBe(4 + 8 + 64);
    const view = new DataView(payload.buffer, payload.byteOffset);
    expect(view.getBigUint64(4)).toBe(1679315147n);
  });

  it('builds the signed message exactly as the spec example', () => {
    expect(new TextDecoder().decode(cosignatureMessage(SPEC_BODY, 1679315147))).toBe(
      `cosignature/v1\ntime 1679315147\n${SPEC_BODY}`,
    );
  });

  it('uses key IDs of type 0x04 and round-trips witness verifier keys', () => {
    const text = formatWitnessVerifierKey(w1.name, w1.publicKey);
    expect(fromBase64(text.split('+')[2] as string)?.[0]).toBe(0x04);
    expect(text.split('+')[1]).toBe(formatKeyHash(cosignatureKeyHash(w1.name, w1.publicKey)));
    expect(cosignatureKeyHash(w1.name, w1.publicKey)).not.toBe(w1.keyHash);
    // Type separation of keys: each parser refuses the other's key text.
    expect(reasonOf(parseVerifierKey(text))).toBe('unsupported_key_type');
    expect(reasonOf(parseWitnessVerifierKey(formatVerifierKey(w1.name, w1.publicKey)))).toBe(
      'unsupported_key_type',
    );
  });

  it('signs the message with Ed25519 that Node accepts', () => {
    const line = cosignCheckpoint(body, w1, 1_700_000_000);
    const payload = fromBase64(line.trimEnd().split(' ')[2] as string) as Uint8Array;
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), w1.publicKey]);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const message = cosignatureMessage(body, 1_700_000_000);
    expect(nodeVerify(null, message, key, payload.subarray(12))).toBe(true);
  });
});

describe('cosignCheckpoint / verifyCosignature', () => {
  it('round-trips and returns the timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (timestamp) => {
        const line = cosignCheckpoint(body, w1, timestamp);
        expect(verifyCosignature(line, body, v1)).toEqual({
          ok: true,
          name: w1.name,
          keyHash: v1.keyHash,
          timestamp,
        });
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a changed timestamp, a changed body and the wrong key', () => {
    const line = cosignCheckpoint(body, w1, 1_700_000_000);
    const payload = fromBase64(line.trimEnd().split(' ')[2] as string) as Uint8Array;
    payload[11] = (payload[11] as number) ^ 1;
    const retimed = `— ${w1.name} ${Buffer.from(payload).toString('base64')}`;
    expect(reasonOf(verifyCosignature(retimed, body, v1))).toBe('invalid_signature');
    const otherBody = formatCheckpoint({ origin: ORIGIN, size: 1001, rootHash: sha256(utf8Encode('r')) });
    expect(reasonOf(verifyCosignature(line, otherBody, v1))).toBe('invalid_signature');
    expect(reasonOf(verifyCosignature(line, body, v2))).toBe('wrong_key');
    expect(reasonOf(verifyCosignature(line, body, logVerifier))).toBe('wrong_key_type');
    expect(reasonOf(verifyCosignature(line, 'not a checkpoint\n', v1))).toBe('invalid_checkpoint');
    expect(reasonOf(verifyCosignature(`${line}${line}`, body, v1))).toBe('malformed');
    expect(reasonOf(verifyCosignature('garbage', body, v1))).toBe('malformed');
  });

  it('refuses timestamps past 2^53 - 1 seconds (in the future, which the spec lets verifiers refuse)', () => {
    const message = cosignatureMessage(body, 2 ** 60);
    const payload = new Uint8Array(72);
    new DataView(payload.buffer).setBigUint64(0, 2n ** 60n);
    payload.set(w1.sign(message), 8);
    const keyId = new Uint8Array(4);
    new DataView(keyId.buffer).setUint32(0, v1.keyHash);
    const line = `— ${w1.name} ${Buffer.concat([keyId, payload]).toString('base64')}`;
    expect(reasonOf(verifyCosignature(line, body, v1))).toBe('invalid_signature');
  });

  it('refuses bad inputs to cosignCheckpoint', () => {
    expect(() => cosignCheckpoint('no checkpoint\n', w1, 1)).toThrow();
    expect(() => cosignCheckpoint(body, w1, -1)).toThrow();
    expect(() => cosignCheckpoint(body, w1, 1.5)).toThrow();
  });

  it('keeps log signatures and cosignatures apart, even with one key for both', () => {
    // The same Ed25519 key as a log key (0x01) and as a witness key (0x04).
    const sameKeyWitness = unwrap(parseWitnessVerifierKey(formatWitnessVerifierKey(ORIGIN, log.publicKey)));
    const logNote = signNote(body, [log]);
    const logLine = logNote.slice(body.length + 1);
    // A log signature is not a cosignature: its key ID is the 0x01 one, so the witness key ignores it.
    expect(reasonOf(verifyCosignature(logLine, body, sameKeyWitness))).toBe('wrong_key');
    // Relabelled with the 0x04 key ID, the signature still fails: the signed message differs.
    const payload = fromBase64(logLine.trimEnd().split(' ')[2] as string) as Uint8Array;
    new DataView(payload.buffer, payload.byteOffset).setUint32(0, sameKeyWitness.keyHash);
    const relabelled = `— ${ORIGIN} ${Buffer.from(payload).toString('base64')}`;
    expect(reasonOf(verifyCosignature(relabelled, body, sameKeyWitness))).toBe('invalid_signature');
    // A cosignature is not a log signature: the log key ignores it, and relabelled it fails.
    const cosignature = cosignCheckpoint(body, log, 1_700_000_000);
    expect(reasonOf(openNote(`${body}\n${cosignature}`, [logVerifier]))).toBe('no_verified_signature');
    const cosPayload = fromBase64(cosignature.trimEnd().split(' ')[2] as string) as Uint8Array;
    new DataView(cosPayload.buffer, cosPayload.byteOffset).setUint32(0, logVerifier.keyHash);
    const asLog = `— ${ORIGIN} ${Buffer.from(cosPayload).toString('base64')}\n`;
    expect(reasonOf(openNote(`${body}\n${asLog}`, [logVerifier]))).toBe('invalid_signature');
  });

  it('never throws on arbitrary lines', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        expect(typeof verifyCosignature(line, body, v1).ok).toBe('boolean');
      }),
    );
  });
});

describe('countWitnessCosignatures', () => {
  const t = 1_700_000_000;
  const note = signNote(body, [log]) + [w1, w2].map((w, i) => cosignCheckpoint(body, w, t + i)).join('');

  it('counts valid cosignatures with their timestamps', () => {
    const result = countWitnessCosignatures(note, witnessVerifiers, 2);
    expect(result.ok && result.count).toBe(2);
    expect(result.ok && result.thresholdMet).toBe(true);
    expect(result.ok && result.cosignatures.map((c) => [c.name, c.timestamp])).toEqual([
      [w1.name, t],
      [w2.name, t + 1],
    ]);
    const strict = countWitnessCosignatures(note, witnessVerifiers, 3);
    expect(strict.ok && [strict.count, strict.thresholdMet]).toEqual([2, false]);
    const none = countWitnessCosignatures(signNote(body, [log]), witnessVerifiers, 1);
    expect(none.ok && [none.count, none.thresholdMet]).toEqual([0, false]);
  });

  it('counts one key under two names once', () => {
    const alias = signerFromEd25519Seed('alias.example/w', new Uint8Array(32).fill(2));
    const aliasVerifier = unwrap(
      parseWitnessVerifierKey(formatWitnessVerifierKey(alias.name, alias.publicKey)),
    );
    const twice = note + cosignCheckpoint(body, alias, t);
    const result = countWitnessCosignatures(twice, [v1, aliasVerifier, v3], 2);
    expect(result.ok && [result.count, result.cosignatures.length]).toEqual([1, 2]);
    expect(toHex(alias.publicKey)).toBe(toHex(w1.publicKey));
  });

  it('refuses bad policies, bad cosignatures and non-checkpoints', () => {
    expect(reasonOf(countWitnessCosignatures(note, witnessVerifiers, 0))).toBe('invalid_policy');
    expect(reasonOf(countWitnessCosignatures(note, witnessVerifiers, 4))).toBe('invalid_policy');
    expect(reasonOf(countWitnessCosignatures(note, [logVerifier], 1))).toBe('invalid_policy');
    const badLine = cosignCheckpoint(body, w3, t).replace(/.{6}\n$/, 'AAAAA=\n');
    expect(reasonOf(countWitnessCosignatures(note + badLine, witnessVerifiers, 1))).toBe('invalid_signature');
    expect(reasonOf(countWitnessCosignatures(signNote('hello\n', [log]), witnessVerifiers, 1))).toBe(
      'invalid_checkpoint',
    );
    // A cosignature copied onto another text does not verify.
    const moved = `${signNote('hello\n', [log])}${cosignCheckpoint(body, w1, t)}`;
    expect(reasonOf(countWitnessCosignatures(moved, witnessVerifiers, 1))).toBe('invalid_signature');
  });
});
