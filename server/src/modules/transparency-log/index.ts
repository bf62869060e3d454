import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import type { TransparencyLogDeps } from './deps.ts';
import type { StoredCheckpoint } from './repository.ts';
import { registerTransparencyLogRoutes } from './routes.ts';
import type { AppendDeps } from './service/append-entries.ts';
import {
  appendCosignatures,
  collectCosignatures,
  latestWitnessedSize,
} from './service/collect-cosignatures.ts';
import { consistencyProof } from './service/consistency-proof.ts';
import type { LogContext } from './service/context.ts';
import { createMonitor } from './service/create-monitor.ts';
import { createSequencer, type SequencerOptions } from './service/create-sequencer.ts';
import { findEntriesByLeafHash, findEntry } from './service/find-entry.ts';
import { checkpointAt, latestCheckpoint } from './service/get-checkpoint.ts';
import { inclusionProof } from './service/inclusion-proof.ts';
import { integratePending } from './service/integrate-pending.ts';
import { listCheckpoints } from './service/list-checkpoints.ts';
import { deriveLogKey } from './service/log-key.ts';
import { queueEntries } from './service/queue-entries.ts';
import { tlogProof } from './service/tlog-proof.ts';
import { type VerifiedState, verifyLog } from './service/verify-log.ts';

export type { TransparencyLogDeps } from './deps.ts';
export { MAX_ENTRIES_PER_CALL } from './domain/entry-limits.ts';
export { transparencyLogErrorStatuses } from './errors.ts';
export { transparencyLogEvents } from './events.ts';
export type { StoredCheckpoint, StoredEntry } from './repository.ts';
export type { CheckEntry } from './service/append-entries.ts';
export type {
  CosignatureOutcome,
  LogWitness,
  WitnessCosignatureResult,
  WitnessReply,
  WitnessTransport,
} from './service/collect-cosignatures.ts';
export type { ConsistencyProof } from './service/consistency-proof.ts';
export type { Monitor } from './service/create-monitor.ts';
export type { AwaitedEntry, Sequencer, SequencerOptions } from './service/create-sequencer.ts';
export type { InclusionProof } from './service/inclusion-proof.ts';
export type { Integration } from './service/integrate-pending.ts';
export type { CheckpointPage } from './service/list-checkpoints.ts';
export type { LogKey } from './service/log-key.ts';
export type { LogProblem, LogProblemKind, VerifiedState, VerifyReport } from './service/verify-log.ts';

const DEFAULT_BATCH_MAX = 256;
const DEFAULT_INTERVAL_MS = 500;
const DEFAULT_MONITOR_INTERVAL_MS = 60_000;
const DEFAULT_APPEND_WAIT_MS = 10_000;

/**
 * The log's public identity for a hub secret and URL (the checkpoint origin and verifier key), known
 * before the module exists: witnesses are configured with it and then handed to the module.
 */
export const logIdentity = (secretKey: Uint8Array, publicUrl: string) => {
  const { origin, verifierKey } = deriveLogKey(secretKey, publicUrl);
  return { origin, verifierKey };
};

/** The transparency log bound to its dependencies: what the composition root and other modules use. */
export const createTransparencyLogModule = (deps: TransparencyLogDeps) => {
  const ctx: LogContext = {
    db: deps.db,
    key: deriveLogKey(deps.secretKey, deps.publicUrl),
    // The stored note plus the cosignature lines the witnesses returned for it.
    publishedNote: (checkpoint) => appendCosignatures(ctx, checkpoint),
  };
  const witnesses = deps.witnesses ?? [];
  // The hook the witness client hangs off: runs after each committed integration, before the
  // callers waiting for those entries are answered, so their tlog-proofs carry the cosignatures.
  // collectCosignatures never throws: a witness that is down never stops the log.
  const onCheckpoint = async (checkpoint: StoredCheckpoint) => {
    if (witnesses.length > 0) {
      await collectCosignatures(ctx, witnesses, checkpoint, {
        consistencyProof: async (from, to) => (await consistencyProof(ctx, from, to)).hashes,
        logger: deps.logger,
      });
    }
    await deps.onCheckpoint?.(checkpoint);
  };
  const sequencer = createSequencer(ctx, deps.logger, {
    batchMax: deps.sequencer?.batchMax ?? DEFAULT_BATCH_MAX,
    intervalMs: deps.sequencer?.intervalMs ?? DEFAULT_INTERVAL_MS,
    onCheckpoint,
  });
  const monitor = createMonitor(ctx, deps.logger, {
    intervalMs: deps.monitorIntervalMs ?? DEFAULT_MONITOR_INTERVAL_MS,
    ...(deps.afterCommit === undefined ? {} : { afterCommit: deps.afterCommit }),
  });
  const append: AppendDeps = {
    sequencer,
    checkEntry: deps.checkEntry ?? (async () => undefined),
    waitMs: deps.appendWaitMs ?? DEFAULT_APPEND_WAIT_MS,
  };
  return {
    /** The checkpoint origin, which is also the name of the log's key. */
    origin: ctx.key.origin,
    /** The log's verifier key text (`<origin>+<key id>+<base64 key>`). */
    verifierKey: ctx.key.verifierKey,
    /**
     * Queues entries (1..65,535 bytes each, at most 1,000) inside the caller's transaction, so a
     * commitment commits or rolls back with its change. Returns their queue ids. After the
     * commit, `sequencer.poke(count)` lets a full batch start without waiting for the timer.
     */
    queueEntries: (trx: Transaction<object>, bodies: readonly Uint8Array[]) => queueEntries(trx, bodies),
    /** Integrates up to `batchMax` pending entries and signs a checkpoint, in one transaction. */
    integratePending: (options: { batchMax: number }) => integratePending(ctx, options),
    /**
     * The hub's sequencer (not started: the composition root starts it and stops it on close).
     * Also `integrateNow()`, `waitUntilIntegrated(size, timeoutMs)` and `poke(count)`.
     */
    sequencer,
    /** Another sequencer with its own bounds (benchmarks, tests); the hub uses `sequencer`. */
    createSequencer: (options: SequencerOptions) =>
      createSequencer(ctx, deps.logger, { onCheckpoint, ...options }),
    /** The background monitor (not started: the composition root starts it unless disabled). */
    monitor,
    /**
     * Checks the stored log against itself from `from` (0, a trusted size, or a previous
     * report's state) up to the latest checkpoint; see service/verify-log.ts.
     */
    verifyLog: (
      options: { from?: number | VerifiedState; onProgress?: (done: number, total: number) => void } = {},
    ) => verifyLog(ctx, options),
    /** The RFC 9162 inclusion proof of entry `index` against the checkpoint of `size` (default the latest). */
    inclusionProof: (index: number, size?: number) => inclusionProof(ctx, index, size),
    /** The RFC 9162 consistency proof from tree size `from` to `to` (default the latest). */
    consistencyProof: (from: number, to?: number) => consistencyProof(ctx, from, to),
    /** The C2SP tlog-proof@v1 text of entry `index` against the checkpoint of `size` (default the latest). */
    tlogProof: (index: number, size?: number) => tlogProof(ctx, index, size),
    /** The integrated entry at `index`, or undefined. */
    findEntry: (index: number) => findEntry(ctx, index),
    /** The indices of the entries with this RFC 6962 leaf hash (indexed lookup). */
    findEntriesByLeafHash: (leafHash: Uint8Array) => findEntriesByLeafHash(ctx, leafHash),
    /** The latest signed checkpoint as stored, or undefined while the log is empty. */
    latestCheckpoint: () => latestCheckpoint(ctx),
    /**
     * The largest checkpointed size cosigned by at least `quorum` witnesses (the latest checkpoint
     * when `quorum` is 0), or undefined: what proofs handed to quorum-requiring verifiers use.
     */
    latestWitnessedSize: (quorum: number) => latestWitnessedSize(ctx, quorum),
    /** The checkpoint of tree size `size`, or undefined. */
    checkpointAt: (size: number) => checkpointAt(ctx, size),
    /** Checkpoints below `before`, newest first (for a log explorer). */
    listCheckpoints: (options: { before?: number; limit: number }) => listCheckpoints(ctx, options),
    registerRoutes: (app: FastifyInstance) => registerTransparencyLogRoutes(app, ctx, append),
    /** Stops the sequencer and the monitor, waiting for work in progress. */
    stop: async () => {
      await sequencer.stop();
      await monitor.stop();
    },
  };
};

export type TransparencyLogModule = ReturnType<typeof createTransparencyLogModule>;
