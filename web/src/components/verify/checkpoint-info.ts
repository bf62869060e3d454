// What the log explorer shows about a signed checkpoint: its tree, whether the log's signature is
// by a key of the trust policy, and which witnesses cosigned it and when. The checks are the
// verifier's own (openCheckpoint, countWitnessCosignatures); this only arranges their answers.
import { toHex } from '@tradehub/kernel';
import {
  type Checkpoint,
  fromBase64,
  type NoteVerifier,
  openCheckpoint,
  parseCheckpoint,
  parseVerifierKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from '@tradehub/verifier';

/** The parts of a `tradehub-trust-policy/v1` the explorer needs, with keys parsed. */
export type ExplorerPolicy = {
  logs: { origin: string; verifiers: NoteVerifier[] }[];
  witnesses: NoteVerifier[];
  quorum: number;
};

export type SignatureLine = {
  /** The line as written, without its newline. */
  line: string;
  name: string;
  keyHash: number;
  /** Cosignature/v1 lines carry a signed POSIX-seconds timestamp; the log's signature does not. */
  timestamp: number | null;
};

export type WitnessStatus = SignatureLine & { state: 'verified' | 'invalid' | 'unknown_key' };

export type CheckpointInfo =
  | {
      ok: true;
      checkpoint: Checkpoint;
      /** 'verified' by a policy key; 'unknown_key' when no policy key for the origin signed it. */
      logSignature: 'verified' | 'unknown_key' | 'invalid' | 'no_policy';
      witnesses: WitnessStatus[];
      /** Valid cosignatures by distinct policy witnesses; null when the policy could not be used. */
      witnessCount: number | null;
      /** False also when a cosignature by a policy witness does not verify. */
      quorumMet: boolean | null;
      quorum: number | null;
    }
  | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Reads the keys out of a trust policy; keys that do not parse are left out (never trusted). */
export const explorerPolicy = (policy: unknown): ExplorerPolicy | null => {
  if (!isRecord(policy) || policy.type !== 'tradehub-trust-policy/v1') {
    return null;
  }
  const logs = (Array.isArray(policy.logs) ? policy.logs : []).filter(isRecord).map((log) => ({
    origin: typeof log.origin === 'string' ? log.origin : '',
    verifiers: strings(log.vkeys)
      .map((text) => parseVerifierKey(text))
      .flatMap((parsed) => (parsed.ok ? [parsed.key] : [])),
  }));
  const witnessPart = isRecord(policy.witnesses) ? policy.witnesses : {};
  const witnesses = strings(witnessPart.vkeys)
    .map((text) => parseWitnessVerifierKey(text))
    .flatMap((parsed) => (parsed.ok ? [parsed.key] : []));
  const quorum = typeof witnessPart.quorum === 'number' ? witnessPart.quorum : 0;
  return { logs, witnesses, quorum };
};

const SIGNATURE_PREFIX = '\u2014 ';
const COSIGNATURE_PAYLOAD_BYTES = 8 + 64;

/** The signature lines of a note, read without checking any of them. */
export const signatureLines = (note: string): SignatureLine[] => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) {
    return [];
  }
  return note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.startsWith(SIGNATURE_PREFIX))
    .flatMap((line) => {
      const [name = '', encoded = ''] = line.slice(SIGNATURE_PREFIX.length).split(' ');
      const bytes = fromBase64(encoded);
      if (bytes === undefined || bytes.length < 5) {
        return [];
      }
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const keyHash = view.getUint32(0);
      const payload = bytes.subarray(4);
      const seconds = payload.length === COSIGNATURE_PAYLOAD_BYTES ? view.getBigUint64(4) : null;
      const timestamp =
        seconds !== null && seconds <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seconds) : null;
      return [{ line, name, keyHash, timestamp }];
    });
};

const sameKey = (line: SignatureLine, verifier: NoteVerifier) =>
  line.name === verifier.name && line.keyHash === verifier.keyHash;

/** Describes a checkpoint note against a trust policy (null policy: only what the note says). */
export const describeCheckpoint = (note: string, policy: ExplorerPolicy | null): CheckpointInfo => {
  const text = note.slice(0, Math.max(0, note.lastIndexOf('\n\n') + 1));
  const parsed = parseCheckpoint(text);
  if (!parsed.ok) {
    return { ok: false, reason: parsed.reason };
  }
  const { checkpoint } = parsed;
  const lines = signatureLines(note);
  const logKeys = policy?.logs.find((log) => log.origin === checkpoint.origin)?.verifiers ?? [];
  let logSignature: 'verified' | 'unknown_key' | 'invalid' | 'no_policy' = 'no_policy';
  if (policy) {
    logSignature = 'unknown_key';
    for (const verifier of logKeys) {
      const opened = openCheckpoint(note, verifier);
      if (opened.ok) {
        logSignature = 'verified';
        break;
      }
      if (opened.reason === 'invalid_signature') {
        logSignature = 'invalid';
      }
    }
  }
  const logLine = (line: SignatureLine) => logKeys.some((verifier) => sameKey(line, verifier));
  const cosignatures = lines.filter((line) => line.timestamp !== null && !logLine(line));
  if (!policy || policy.witnesses.length === 0 || policy.quorum < 1) {
    return {
      ok: true,
      checkpoint,
      logSignature,
      witnesses: cosignatures.map((line) => ({ ...line, state: 'unknown_key' })),
      witnessCount: null,
      quorumMet: null,
      quorum: policy ? policy.quorum : null,
    };
  }
  // Each cosignature by a policy witness is checked on its own, so the page can name the one that
  // fails (a witness that cosigned another tree of the same size: a fork or a rollback).
  const witnesses: WitnessStatus[] = cosignatures.map((line) => {
    const witness = policy.witnesses.find((w) => sameKey(line, w));
    if (!witness) {
      return { ...line, state: 'unknown_key' };
    }
    const checked = verifyCosignature(line.line, text, witness);
    return checked.ok
      ? { ...line, timestamp: checked.timestamp, state: 'verified' }
      : { ...line, state: 'invalid' };
  });
  // One key under two names counts once: the cosigned message does not commit to the name.
  const keys = new Set(
    witnesses
      .filter((w) => w.state === 'verified')
      .map((w) => toHex(policy.witnesses.find((v) => sameKey(w, v))?.publicKey ?? new Uint8Array())),
  );
  const invalid = witnesses.some((w) => w.state === 'invalid');
  return {
    ok: true,
    checkpoint,
    logSignature,
    witnesses,
    witnessCount: keys.size,
    quorumMet: !invalid && keys.size >= policy.quorum,
    quorum: policy.quorum,
  };
};
