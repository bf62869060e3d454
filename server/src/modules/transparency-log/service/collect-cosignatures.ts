// The log's side of c2sp.org/tlog-witness: after each checkpoint, ask every configured witness to
// cosign it, proving consistency with the last checkpoint that witness cosigned, and keep the
// verified cosignature lines to serve with the checkpoint note.
//
// Self-contained on purpose (its SQL included) until the module's repository and index pick it up:
// the sequencer's onCheckpoint hook calls collectCosignatures, /log/checkpoint serves
// cosignedCheckpointNote.

import {
  ADD_CHECKPOINT_PATH,
  formatAddCheckpointRequest,
  MAX_COSIGNATURE_RESPONSE_BYTES,
  MAX_NOTE_SIGNATURES,
  type NoteVerifier,
  openCheckpoint,
  parseCosignatureResponse,
  parseTreeSizeResponse,
  parseVerifierKey,
  parseWitnessVerifierKey,
  TLOG_SIZE_CONTENT_TYPE,
} from '@tradehub/verifier';
import { type Generated, sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';
import type { LogContext } from './context.ts';

/** What witnessing needs of the log's context: its database and key. */
export type WitnessingContext = Pick<LogContext, 'db' | 'key'>;

/** A witness's answer as its HTTP response would carry it. */
export type WitnessReply = { status: number; contentType: string; body: string | Uint8Array };

/** How the log reaches a witness: a function in this process (the demo) or its submission URL. */
export type WitnessTransport =
  | { kind: 'in-process'; addCheckpoint: (body: Uint8Array) => Promise<WitnessReply> }
  | { kind: 'http'; url: string };

/** A witness the log asks for cosignatures; `verifierKey` is its cosignature/v1 (type 0x04) key. */
export type LogWitness = { name: string; verifierKey: string; transport: WitnessTransport };

/** RFC 6962 consistency proof between two sizes of this log (from the module's stored tiles). */
export type ConsistencyProver = (from: number, to: number) => Promise<readonly Uint8Array[]>;

export type CollectCosignaturesOptions = {
  consistencyProof: ConsistencyProver;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The most one witness call may take, retry included; default 5 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * What came of asking one witness. `rolled_back` (the witness cosigned a larger tree than this log
 * holds), `forked` and `inconsistent` mean the witness saw another history than this log's: an
 * alert, never a retry.
 */
export type CosignatureOutcome =
  | 'cosigned'
  | 'already_cosigned'
  | 'superseded'
  | 'rolled_back'
  | 'forked'
  | 'inconsistent'
  | 'refused'
  | 'invalid_answer'
  | 'unavailable'
  | 'misconfigured';

export type WitnessCosignatureResult = {
  witness: string;
  outcome: CosignatureOutcome;
  message: string;
  /** The stored cosignature line, when `cosigned`. */
  line?: string;
};

type CosignaturesTable = {
  size: string;
  witness_name: string;
  witness_key: string;
  line: string;
  timestamp: string;
  created_at: Generated<Date>;
};
type WitnessStateTable = { witness_name: string; size: string; updated_at: Generated<Date> };
type CheckpointsTable = { size: string; note: string };

type WitnessingTables = {
  'transparency_log.cosignatures': CosignaturesTable;
  'transparency_log.witness_state': WitnessStateTable;
  'transparency_log.checkpoints': CheckpointsTable;
};

const tables = (ex: Executor) => ex.withTables<WitnessingTables>();

const findWitnessSize = async (ex: Executor, witnessName: string): Promise<number | undefined> => {
  const row = await tables(ex)
    .selectFrom('transparency_log.witness_state')
    .select('size')
    .where('witness_name', '=', witnessName)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.size);
};

const hasCosignature = async (ex: Executor, size: number, witnessKey: string): Promise<boolean> => {
  const row = await tables(ex)
    .selectFrom('transparency_log.cosignatures')
    .select('size')
    .where('size', '=', String(size))
    .where('witness_key', '=', witnessKey)
    .executeTakeFirst();
  return row !== undefined;
};

const latestCheckpointSize = async (ex: Executor): Promise<number> => {
  const row = await tables(ex)
    .selectFrom('transparency_log.checkpoints')
    .select(sql<string | null>`max(size)`.as('size'))
    .executeTakeFirst();
  return row?.size == null ? 0 : Number(row.size);
};

// The state only moves forward, even when two processes record cosignatures out of order.
const recordWitnessSize = (ex: Executor, witnessName: string, size: number) =>
  tables(ex)
    .insertInto('transparency_log.witness_state')
    .values({ witness_name: witnessName, size: String(size) })
    .onConflict((oc) =>
      oc.column('witness_name').doUpdateSet({
        size: sql`greatest(transparency_log.witness_state.size, excluded.size)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();

const storeCosignature = (
  db: Database,
  row: { size: number; witnessName: string; witnessKey: string; line: string; timestamp: number },
) =>
  db.transaction(async (trx) => {
    await tables(trx)
      .insertInto('transparency_log.cosignatures')
      .values({
        size: String(row.size),
        witness_name: row.witnessName,
        witness_key: row.witnessKey,
        line: row.line,
        timestamp: String(row.timestamp),
      })
      .onConflict((oc) => oc.columns(['size', 'witness_key']).doNothing())
      .execute();
    await recordWitnessSize(trx, row.witnessName, row.size);
  });

class WitnessTimeout extends Error {}

const withTimeout = async <T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new WitnessTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
};

// Reads at most `limit` bytes of a response body; a witness cannot make the log buffer more.
const readLimited = async (response: Response, limit: number): Promise<Uint8Array> => {
  const reader = response.body?.getReader();
  if (reader === undefined) {
    return new Uint8Array(0);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new Error(`the answer exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};

const send = async (
  transport: WitnessTransport,
  body: Uint8Array,
  signal: AbortSignal,
  fetchFn: typeof fetch,
): Promise<WitnessReply> => {
  if (transport.kind === 'in-process') {
    return transport.addCheckpoint(body);
  }
  const response = await fetchFn(`${transport.url.replace(/\/+$/, '')}${ADD_CHECKPOINT_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body,
    signal,
    redirect: 'error',
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await readLimited(response, MAX_COSIGNATURE_RESPONSE_BYTES),
  };
};

const mediaType = (contentType: string) => (contentType.split(';')[0] ?? '').trim().toLowerCase();

type Checkpoint = { size: number; note: string };
type Target = { witness: LogWitness; verifier: NoteVerifier; text: string; checkpoint: Checkpoint };

const result = (
  witness: LogWitness,
  outcome: CosignatureOutcome,
  message: string,
): WitnessCosignatureResult => ({
  witness: witness.name,
  outcome,
  message,
});

// One witness, at most two requests: the second when a 409 told the witness's real latest size.
const askWitness = async (
  ctx: WitnessingContext,
  target: Target,
  options: CollectCosignaturesOptions,
  signal: AbortSignal,
): Promise<WitnessCosignatureResult> => {
  const { witness, verifier, text, checkpoint } = target;
  const known = await findWitnessSize(ctx.db.kysely, witness.name);
  if (known !== undefined && known > checkpoint.size) {
    return result(witness, 'superseded', `${witness.name} already cosigned size ${known}`);
  }
  if (
    known === checkpoint.size &&
    (await hasCosignature(ctx.db.kysely, checkpoint.size, witness.verifierKey))
  ) {
    return result(witness, 'already_cosigned', `${witness.name} already cosigned size ${checkpoint.size}`);
  }
  let oldSize = known ?? 0;
  for (let attempt = 1; ; attempt += 1) {
    const proof =
      oldSize === 0 || oldSize === checkpoint.size
        ? []
        : await options.consistencyProof(oldSize, checkpoint.size);
    const body = formatAddCheckpointRequest({
      oldSize,
      consistencyProof: proof,
      checkpointNote: checkpoint.note,
    });
    const reply = await send(witness.transport, body, signal, options.fetch ?? fetch);
    if (reply.status === 200) {
      const parsed = parseCosignatureResponse(reply.body, text, [verifier]);
      if (!parsed.ok) {
        return result(
          witness,
          'invalid_answer',
          `${witness.name} answered without a valid cosignature: ${parsed.message}`,
        );
      }
      const [cosignature] = parsed.cosignatures;
      if (cosignature === undefined) {
        return result(witness, 'invalid_answer', `${witness.name} answered without a cosignature`);
      }
      await storeCosignature(ctx.db, {
        size: checkpoint.size,
        witnessName: witness.name,
        witnessKey: witness.verifierKey,
        line: cosignature.line,
        timestamp: cosignature.timestamp,
      });
      return {
        ...result(witness, 'cosigned', `${witness.name} cosigned size ${checkpoint.size}`),
        line: cosignature.line,
      };
    }
    if (reply.status === 409 && mediaType(reply.contentType) === TLOG_SIZE_CONTENT_TYPE) {
      const latest = parseTreeSizeResponse(reply.body);
      if (!latest.ok) {
        return result(witness, 'invalid_answer', `${witness.name} answered 409 without a valid size`);
      }
      if (latest.size > checkpoint.size) {
        const logSize = await latestCheckpointSize(ctx.db.kysely);
        if (latest.size <= logSize) {
          // This checkpoint is simply older than one the witness has already seen from this log.
          await recordWitnessSize(ctx.db.kysely, witness.name, latest.size);
          return result(witness, 'superseded', `${witness.name} already cosigned size ${latest.size}`);
        }
        return result(
          witness,
          'rolled_back',
          `Rolled-back tree: ${witness.name} cosigned size ${latest.size} of this log, which now has only ${logSize} entries`,
        );
      }
      if (attempt > 1) {
        return result(witness, 'refused', `${witness.name} answered 409 twice (size ${latest.size})`);
      }
      oldSize = latest.size;
      continue;
    }
    return result(witness, ...verdictOf(witness, reply, checkpoint.size));
  }
};

const verdictOf = (witness: LogWitness, reply: WitnessReply, size: number): [CosignatureOutcome, string] => {
  switch (reply.status) {
    case 409:
      return ['forked', `Forked tree: ${witness.name} cosigned another root hash for size ${size}`];
    case 422:
      return [
        'inconsistent',
        `${witness.name} found size ${size} inconsistent with the tree it cosigned before`,
      ];
    case 403:
      return ['refused', `${witness.name} does not trust this log's key`];
    case 404:
      return ['refused', `${witness.name} does not witness this log`];
    default:
      return reply.status >= 500
        ? ['unavailable', `${witness.name} failed with HTTP ${reply.status}`]
        : ['refused', `${witness.name} refused the request with HTTP ${reply.status}`];
  }
};

// Calls to one witness from one process go one after the other, so their old sizes follow each other.
const queues = new WeakMap<Database, Map<string, Promise<unknown>>>();

const oneAtATime = <T>(db: Database, witnessName: string, work: () => Promise<T>): Promise<T> => {
  const byWitness = queues.get(db) ?? new Map<string, Promise<unknown>>();
  queues.set(db, byWitness);
  const run = (byWitness.get(witnessName) ?? Promise.resolve()).then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  byWitness.set(witnessName, settled);
  void settled.then(() => {
    if (byWitness.get(witnessName) === settled) {
      byWitness.delete(witnessName);
    }
  });
  return run;
};

const logResult = (
  logger: CollectCosignaturesOptions['logger'],
  size: number,
  outcome: WitnessCosignatureResult,
) => {
  const fields = { witness: outcome.witness, size, outcome: outcome.outcome };
  if (
    ['rolled_back', 'forked', 'inconsistent', 'invalid_answer', 'misconfigured'].includes(outcome.outcome)
  ) {
    logger.error(fields, outcome.message);
  } else if (outcome.outcome === 'refused' || outcome.outcome === 'unavailable') {
    logger.warn(fields, outcome.message);
  } else {
    logger.info(fields, outcome.message);
  }
};

const targetFor = (ctx: WitnessingContext, witness: LogWitness, checkpoint: Checkpoint): Target | string => {
  const verifier = parseWitnessVerifierKey(witness.verifierKey);
  if (!verifier.ok || verifier.key.name !== witness.name) {
    return `The key of witness ${witness.name} is not its cosignature/v1 key`;
  }
  const logKey = parseVerifierKey(ctx.key.verifierKey);
  const opened = logKey.ok ? openCheckpoint(checkpoint.note, logKey.key) : undefined;
  if (opened === undefined || !opened.ok || opened.checkpoint.size !== checkpoint.size) {
    return `The note of size ${checkpoint.size} is not a checkpoint signed by this log`;
  }
  return { witness, verifier: verifier.key, text: opened.text, checkpoint };
};

/**
 * Asks every witness, in parallel, to cosign a stored checkpoint (c2sp.org/tlog-witness), each
 * call bounded by `timeoutMs`, and stores each cosignature after verifying it with the witness's
 * key. Never throws: a witness that is down, slow or refusing is logged and reported, and the log
 * carries on; rolled-back, forked or inconsistent verdicts are logged as errors.
 */
export const collectCosignatures = async (
  ctx: WitnessingContext,
  witnesses: readonly LogWitness[],
  checkpoint: Checkpoint,
  options: CollectCosignaturesOptions,
): Promise<WitnessCosignatureResult[]> => {
  const timeoutMs = options.timeoutMs ?? 5000;
  return Promise.all(
    witnesses.map(async (witness) => {
      let outcome: WitnessCosignatureResult;
      try {
        const target = targetFor(ctx, witness, checkpoint);
        outcome =
          typeof target === 'string'
            ? result(witness, 'misconfigured', target)
            : await oneAtATime(ctx.db, witness.name, () =>
                withTimeout((signal) => askWitness(ctx, target, options, signal), timeoutMs),
              );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        outcome = result(witness, 'unavailable', `${witness.name} could not be asked: ${reason}`);
      }
      try {
        logResult(options.logger, checkpoint.size, outcome);
      } catch {
        // A broken logger must not turn into a sequencer failure either.
      }
      return outcome;
    }),
  );
};

/**
 * A checkpoint's note with the collected witness cosignature lines appended, as c2sp.org/signed-note
 * allows: what `/log/checkpoint` and tlog-proofs should publish (the module's `publishedNote`).
 */
export const appendCosignatures = async (ctx: WitnessingContext, checkpoint: Checkpoint): Promise<string> => {
  const signatures = checkpoint.note.slice(checkpoint.note.lastIndexOf('\n\n') + 2).split('\n').length - 1;
  const rows = await tables(ctx.db.kysely)
    .selectFrom('transparency_log.cosignatures')
    .select('line')
    .where('size', '=', String(checkpoint.size))
    .orderBy('witness_name')
    .orderBy('witness_key')
    .limit(Math.max(0, MAX_NOTE_SIGNATURES - signatures))
    .execute();
  return checkpoint.note + rows.map((row) => `${row.line}\n`).join('');
};

/**
 * The stored checkpoint note of `size` (the latest when omitted) with the witnesses' cosignature
 * lines appended; undefined when there is no such checkpoint.
 */
export const cosignedCheckpointNote = async (
  ctx: WitnessingContext,
  size?: number,
): Promise<string | undefined> => {
  let query = tables(ctx.db.kysely).selectFrom('transparency_log.checkpoints').select(['size', 'note']);
  query =
    size === undefined ? query.orderBy('size', 'desc').limit(1) : query.where('size', '=', String(size));
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : appendCosignatures(ctx, { size: Number(row.size), note: row.note });
};

/**
 * The largest checkpointed tree size cosigned by at least `quorum` distinct witness keys, or
 * undefined when none is. What a document may be proven against when verifiers require that
 * quorum: a checkpoint whose cosignatures are still being collected would fail their check.
 */
export const latestWitnessedSize = async (
  ctx: WitnessingContext,
  quorum: number,
): Promise<number | undefined> => {
  const ex = tables(ctx.db.kysely);
  let query = ex.selectFrom('transparency_log.checkpoints as c').select('c.size');
  if (quorum > 0) {
    query = query.where(
      (eb) =>
        eb
          .selectFrom('transparency_log.cosignatures as s')
          .select((s) => s.fn.count<string>('s.witness_key').distinct().as('n'))
          .whereRef('s.size', '=', 'c.size'),
      '>=',
      String(quorum),
    );
  }
  const row = await query.orderBy('c.size', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : Number(row.size);
};
