import { AppError, constantTimeEqual } from '@tradehub/kernel';
import {
  cosignCheckpoint,
  emptyRootHash,
  formatCosignatureResponse,
  formatTreeSizeResponse,
  formatWitnessVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  openCheckpoint,
  parseAddCheckpointRequest,
  parseVerifierKey,
  TLOG_SIZE_CONTENT_TYPE,
  verifyConsistency,
} from '@tradehub/verifier';
import type { WitnessStore } from './store.ts';
import type { WitnessLog } from './types.ts';

/**
 * What the witness concluded about one request. `rolled_back` (a checkpoint smaller than one
 * already cosigned) and `forked` (the same size with another root) are the verdicts that catch a
 * misbehaving log; the HTTP status stays the one the spec prescribes.
 */
export type WitnessVerdict =
  | 'cosigned'
  | 'malformed'
  | 'unknown_log'
  | 'bad_signature'
  | 'old_size_too_large'
  | 'old_size_mismatch'
  | 'rolled_back'
  | 'forked'
  | 'inconsistent'
  | 'failed';

/** A witness answer, ready to send as an HTTP response. */
export type WitnessAnswer = {
  status: number;
  contentType: string;
  body: string;
  verdict: WitnessVerdict;
  /** One sentence for the operator's log; the same text is the body of refusals. */
  message: string;
  /** The checkpoint's origin and size, when the request got that far. */
  origin?: string;
  size?: number;
};

export type WitnessOptions = {
  /** The witness's name; also the name of its key. */
  name: string;
  /** The witness's Ed25519 key (from parseWitnessSignerKey). */
  signer: NoteSigner;
  logs: readonly WitnessLog[];
  store: WitnessStore;
  now: () => Date;
  /** Told about every answer, e.g. to log refusals, which may be evidence of a misbehaving log. */
  onAnswer?: (answer: WitnessAnswer) => void;
};

export type Witness = {
  name: string;
  /** The witness's cosignature/v1 verifier key text, for the logs' and verifiers' trust policies. */
  verifierKey: string;
  origins: readonly string[];
  /** Handles one `POST <prefix>/add-checkpoint` body; never throws. */
  addCheckpoint: (body: Uint8Array) => Promise<WitnessAnswer>;
};

const TEXT = 'text/plain; charset=utf-8';

const refuse = (
  status: number,
  verdict: WitnessVerdict,
  message: string,
  about: { origin?: string; size?: number } = {},
): WitnessAnswer => ({ status, contentType: TEXT, body: `${message}\n`, verdict, message, ...about });

const parseLogs = (logs: readonly WitnessLog[]): Map<string, NoteVerifier> => {
  const byOrigin = new Map<string, NoteVerifier>();
  for (const log of logs) {
    const parsed = parseVerifierKey(log.verifierKey);
    if (!parsed.ok) {
      throw new AppError(
        'witness.invalid_log_key',
        `The key of log ${log.origin} is invalid: ${parsed.message}`,
      );
    }
    if (parsed.key.name !== log.origin) {
      throw new AppError(
        'witness.invalid_log_key',
        `The key of log ${log.origin} is named ${parsed.key.name}`,
      );
    }
    if (byOrigin.has(log.origin)) {
      throw new AppError('witness.invalid_log_key', `Log ${log.origin} is configured twice`);
    }
    byOrigin.set(log.origin, parsed.key);
  }
  return byOrigin;
};

/**
 * A C2SP tlog-witness: cosigns a log's checkpoint only when it extends, by a verified consistency
 * proof, the last checkpoint it cosigned for that log, so it never cosigns a rolled-back or forked
 * tree. Requests for one log are handled one at a time and the new state is persisted before the
 * cosignature leaves, as the spec requires.
 */
export const createWitness = (options: WitnessOptions): Witness => {
  const { name, signer, store, now } = options;
  if (signer.name !== name) {
    throw new AppError('witness.invalid_key_file', `The witness key is named ${signer.name}, not ${name}`);
  }
  const logs = parseLogs(options.logs);
  const queues = new Map<string, Promise<unknown>>();

  // One request per origin at a time: checking the old size and storing the new one must be atomic.
  const serialise = <T>(origin: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(origin) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(origin, settled);
    void settled.then(() => {
      if (queues.get(origin) === settled) {
        queues.delete(origin);
      }
    });
    return run;
  };

  const decide = async (body: Uint8Array): Promise<WitnessAnswer> => {
    const parsed = parseAddCheckpointRequest(body);
    if (!parsed.ok) {
      return refuse(400, 'malformed', parsed.message);
    }
    const { oldSize, consistencyProof, checkpoint } = parsed.request;
    const about = { origin: checkpoint.origin, size: checkpoint.size };
    const logKey = logs.get(checkpoint.origin);
    if (logKey === undefined) {
      return refuse(404, 'unknown_log', `This witness does not cosign for ${checkpoint.origin}`, about);
    }
    const opened = openCheckpoint(parsed.request.checkpointNote, logKey);
    if (!opened.ok) {
      const forbidden = ['invalid_signature', 'missing_log_signature', 'no_verified_signature'];
      return forbidden.includes(opened.reason)
        ? refuse(
            403,
            'bad_signature',
            `The checkpoint is not signed by the key of ${checkpoint.origin}`,
            about,
          )
        : refuse(400, 'malformed', opened.message, about);
    }
    return serialise(checkpoint.origin, async () => {
      const state = await store.read(checkpoint.origin);
      const latest = state?.size ?? 0;
      const rolledBack = checkpoint.size < latest;
      const rollBackMessage = `Rolled-back tree: the checkpoint has size ${checkpoint.size}, but this witness already cosigned size ${latest}`;
      if (oldSize > checkpoint.size) {
        return rolledBack
          ? refuse(400, 'rolled_back', rollBackMessage, about)
          : refuse(400, 'old_size_too_large', `The old size ${oldSize} exceeds the checkpoint size`, about);
      }
      if (oldSize !== latest) {
        // The spec's answer (409, text/x.tlog.size) lets the log retry from the right size.
        const verdict = rolledBack ? 'rolled_back' : 'old_size_mismatch';
        const message = rolledBack
          ? rollBackMessage
          : `The latest cosigned size is ${latest}, not ${oldSize}`;
        return {
          status: 409,
          contentType: TLOG_SIZE_CONTENT_TYPE,
          body: formatTreeSizeResponse(latest),
          verdict,
          message,
          ...about,
        };
      }
      const oldRoot = state?.rootHash ?? emptyRootHash();
      if (oldSize === checkpoint.size && !constantTimeEqual(oldRoot, checkpoint.rootHash)) {
        return refuse(
          409,
          'forked',
          `Forked tree: this witness cosigned another root hash for size ${checkpoint.size}`,
          about,
        );
      }
      const consistent = verifyConsistency({
        oldSize,
        newSize: checkpoint.size,
        oldRoot,
        newRoot: checkpoint.rootHash,
        proof: consistencyProof,
      });
      if (!consistent.ok) {
        return refuse(
          422,
          'inconsistent',
          `The consistency proof from size ${oldSize} to ${checkpoint.size} does not verify (${consistent.reason})`,
          about,
        );
      }
      if (state === undefined || checkpoint.size > latest) {
        await store.write(checkpoint.origin, { size: checkpoint.size, rootHash: checkpoint.rootHash });
      }
      const timestamp = Math.floor(now().getTime() / 1000);
      const line = cosignCheckpoint(opened.text, signer, timestamp);
      return {
        status: 200,
        contentType: TEXT,
        body: formatCosignatureResponse([line]),
        verdict: 'cosigned',
        message: `Cosigned ${checkpoint.origin} at size ${checkpoint.size}`,
        ...about,
      };
    });
  };

  return {
    name,
    verifierKey: formatWitnessVerifierKey(name, signer.publicKey),
    origins: [...logs.keys()],
    addCheckpoint: async (body) => {
      let answer: WitnessAnswer;
      try {
        answer = await decide(body);
      } catch (error) {
        // A store that cannot persist must not lead to a cosignature; the log retries later.
        const reason = error instanceof Error ? error.message : String(error);
        answer = {
          ...refuse(500, 'failed', 'The witness could not handle the checkpoint; try again later'),
          message: `The witness could not handle the checkpoint: ${reason}`,
        };
      }
      options.onAnswer?.(answer);
      return answer;
    },
  };
};
