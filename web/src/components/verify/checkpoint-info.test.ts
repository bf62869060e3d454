import {
  cosignCheckpoint,
  formatCheckpoint,
  formatWitnessVerifierKey,
  generateSignerKey,
  parseSignerKey,
  signerFromEd25519Seed,
  signNote,
} from '@tradehub/verifier';
import { describe, expect, it } from 'vitest';
import { describeCheckpoint, explorerPolicy, signatureLines } from './checkpoint-info.ts';

const seed = (byte: number) => new Uint8Array(32).fill(byte);
const ORIGIN = 'hub.example/log';

const logKeys = generateSignerKey(ORIGIN, seed(1));
const otherLogKeys = generateSignerKey(ORIGIN, seed(9));
const parsedLogSigner = parseSignerKey(logKeys.signerKey);
if (!parsedLogSigner.ok) {
  throw new Error(parsedLogSigner.message);
}
const logSigner = parsedLogSigner.key;
const customs = signerFromEd25519Seed('customs.example/witness', seed(2));
const bank = signerFromEd25519Seed('bank.example/witness', seed(3));
const stranger = signerFromEd25519Seed('stranger.example/witness', seed(4));

const policy = (quorum = 2, logVkey = logKeys.verifierKey) => ({
  type: 'tradehub-trust-policy/v1',
  logs: [{ origin: ORIGIN, vkeys: [logVkey, 'not a key'] }],
  witnesses: {
    vkeys: [
      formatWitnessVerifierKey(customs.name, customs.publicKey),
      formatWitnessVerifierKey(bank.name, bank.publicKey),
      'garbage+00000000+AA==',
    ],
    quorum,
  },
  issuers: { didDocuments: {} },
});

const checkpointText = (size: number, fill: number) =>
  formatCheckpoint({ origin: ORIGIN, size, rootHash: new Uint8Array(32).fill(fill) });

/** The log's signed note for a text, plus cosignature lines. */
const cosigned = (text: string, lines: string[]) => `${signNote(text, [logSigner])}${lines.join('')}`;

describe('describeCheckpoint', () => {
  const text = checkpointText(42, 7);
  const good = cosigned(text, [
    cosignCheckpoint(text, customs, 1_700_000_000),
    cosignCheckpoint(text, bank, 1_700_000_005),
  ]);

  it('verifies the log signature and each policy witness, with cosignature times', () => {
    const info = describeCheckpoint(good, explorerPolicy(policy()));
    expect(info.ok).toBe(true);
    if (!info.ok) {
      return;
    }
    expect(info.checkpoint.size).toBe(42);
    expect(info.logSignature).toBe('verified');
    expect(info.witnesses.map((w) => [w.name, w.state, w.timestamp])).toEqual([
      ['customs.example/witness', 'verified', 1_700_000_000],
      ['bank.example/witness', 'verified', 1_700_000_005],
    ]);
    expect(info.witnessCount).toBe(2);
    expect(info.quorumMet).toBe(true);
  });

  it('names a cosignature made for another tree of the same size (a rolled-back or forked log)', () => {
    const other = checkpointText(42, 8);
    const note = cosigned(text, [
      cosignCheckpoint(text, customs, 1_700_000_000),
      cosignCheckpoint(other, bank, 1_700_000_005),
    ]);
    const info = describeCheckpoint(note, explorerPolicy(policy(1)));
    expect(info.ok && info.witnesses.map((w) => w.state)).toEqual(['verified', 'invalid']);
    expect(info.ok && info.quorumMet).toBe(false);
  });

  it('counts too few witnesses and lists unknown ones without trusting them', () => {
    const note = cosigned(text, [cosignCheckpoint(text, customs, 1), cosignCheckpoint(text, stranger, 2)]);
    const info = describeCheckpoint(note, explorerPolicy(policy(2)));
    expect(info.ok && info.witnesses.map((w) => w.state)).toEqual(['verified', 'unknown_key']);
    expect(info.ok && info.witnessCount).toBe(1);
    expect(info.ok && info.quorumMet).toBe(false);
  });

  it('says so when the log key is not the policy one, or there is no policy', () => {
    const unknown = describeCheckpoint(good, explorerPolicy(policy(2, otherLogKeys.verifierKey)));
    expect(unknown.ok && unknown.logSignature).toBe('unknown_key');
    const none = describeCheckpoint(good, null);
    expect(none.ok && none.logSignature).toBe('no_policy');
    expect(none.ok && none.witnesses.map((w) => [w.state, w.timestamp])).toEqual([
      ['unknown_key', 1_700_000_000],
      ['unknown_key', 1_700_000_005],
    ]);
  });

  it('refuses a note that is not a checkpoint, and a tampered log signature is invalid', () => {
    expect(describeCheckpoint('hello\n\n— x AAAA\n', null).ok).toBe(false);
    const tampered = good.replace(text, checkpointText(43, 7));
    const info = describeCheckpoint(tampered, explorerPolicy(policy()));
    expect(info.ok && info.logSignature).toBe('invalid');
  });
});

describe('explorerPolicy and signatureLines', () => {
  it('keeps only keys that parse, and refuses other documents', () => {
    const parsed = explorerPolicy(policy());
    expect(parsed?.logs[0]?.verifiers).toHaveLength(1);
    expect(parsed?.witnesses).toHaveLength(2);
    expect(explorerPolicy({ type: 'something-else' })).toBeNull();
    expect(explorerPolicy('text')).toBeNull();
  });

  it('reads names, key hashes and timestamps without verifying', () => {
    const text = checkpointText(1, 1);
    const lines = signatureLines(cosigned(text, [cosignCheckpoint(text, bank, 99)]));
    expect(lines.map((l) => [l.name, l.timestamp])).toEqual([
      [ORIGIN, null],
      ['bank.example/witness', 99],
    ]);
  });
});
