import { assert } from '@tradehub/kernel';
import { outsideTransaction } from '../../../platform/db/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';
import { findIndicesByLeafHash, findPendingIds, type StoredCheckpoint } from '../repository.ts';
import type { LogContext } from './context.ts';
import { type Integration, integratePending } from './integrate-pending.ts';

export type SequencerOptions = {
  /** Time bound: pending entries wait at most about this long for a checkpoint. */
  intervalMs: number;
  /** Size bound: the most entries per batch, and the pending count that starts a batch at once. */
  batchMax: number;
  /**
   * Called after each committed integration with its checkpoint, before anyone waiting for the
   * entries is answered: the witness client hangs off it, so that the proofs handed out carry
   * the cosignatures. A failure is logged and never stops the log.
   */
  onCheckpoint?: (checkpoint: StoredCheckpoint) => Promise<void> | void;
};

/** An entry a caller waits for: its queue id and leaf hash. */
export type AwaitedEntry = { queueId: string; leafHash: Uint8Array };

export type Sequencer = {
  /** Integrates pending entries every `intervalMs`, and at once when a full batch is waiting. */
  start: () => void;
  /** Stops the timer and waits for a batch in progress; a stopped sequencer still runs integrateNow. */
  stop: () => Promise<void>;
  /**
   * Tells the sequencer that `queued` entries were committed to the queue; once a full batch is
   * known to wait it integrates at once instead of at the next tick. Call it after the commit.
   */
  poke: (queued: number) => void;
  /** Integrates everything pending now, batch after batch; returns the tree size afterwards. */
  integrateNow: () => Promise<number>;
  /** True once a checkpoint of at least `size` is committed; false after `timeoutMs`. */
  waitUntilIntegrated: (size: number, timeoutMs: number) => Promise<boolean>;
  /**
   * The index of each entry once it is integrated, in the order given; undefined after
   * `timeoutMs`. Register before poking, so the batch that takes the entries cannot be missed.
   * `minIndex` is a tree size known before the entries were queued.
   */
  waitForEntries: (
    entries: readonly AwaitedEntry[],
    minIndex: number,
    timeoutMs: number,
  ) => Promise<number[] | undefined>;
  /** The tree size this process last saw committed. */
  knownSize: () => number;
};

type EntryWaiter = {
  entries: readonly AwaitedEntry[];
  minIndex: number;
  found: Map<string, number>;
  resolve: (indices: number[] | undefined) => void;
  timer: NodeJS.Timeout;
};

type SizeWaiter = { size: number; resolve: (reached: boolean) => void; timer: NodeJS.Timeout };

/**
 * The log's sequencer. Batches are bounded by size (`batchMax`) and time (`intervalMs`); each is
 * integrated in one transaction under the coord lock, so several server processes may each run
 * one. Its timers never keep the process alive.
 */
export const createSequencer = (ctx: LogContext, logger: Logger, options: SequencerOptions): Sequencer => {
  assert(
    Number.isSafeInteger(options.batchMax) && options.batchMax >= 1,
    'batchMax must be a positive integer',
  );
  assert(Number.isFinite(options.intervalMs) && options.intervalMs >= 0, 'intervalMs must be >= 0');
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let halting = false;
  let size = 0;
  // Entries known to be queued and not yet integrated by this process (others' are not counted:
  // the timer picks those up).
  let queuedEstimate = 0;
  // One drain at a time: `tail` is the last one, `next` one that has not started yet and so will
  // still see everything committed before it starts.
  let tail: Promise<unknown> = Promise.resolve();
  let next: Promise<void> | undefined;
  const entryWaiters = new Set<EntryWaiter>();
  const waiterByQueueId = new Map<string, EntryWaiter>();
  const sizeWaiters = new Set<SizeWaiter>();

  const finishEntryWaiter = (waiter: EntryWaiter, indices: number[] | undefined) => {
    clearTimeout(waiter.timer);
    entryWaiters.delete(waiter);
    for (const entry of waiter.entries) {
      waiterByQueueId.delete(entry.queueId);
    }
    waiter.resolve(indices);
  };

  const settleEntryWaiter = (waiter: EntryWaiter) => {
    if (waiter.found.size === waiter.entries.length) {
      finishEntryWaiter(
        waiter,
        waiter.entries.map((entry) => waiter.found.get(entry.queueId) as number),
      );
    }
  };

  const settleSizeWaiters = () => {
    for (const waiter of sizeWaiters) {
      if (size >= waiter.size) {
        clearTimeout(waiter.timer);
        sizeWaiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  };

  const afterIntegration = async (integration: Integration) => {
    size = Math.max(size, integration.size);
    queuedEstimate = Math.max(0, queuedEstimate - integration.integrated);
    if (integration.checkpoint !== undefined && options.onCheckpoint !== undefined) {
      try {
        await options.onCheckpoint(integration.checkpoint);
      } catch (error) {
        logger.error(
          { err: error, size: integration.size },
          'the onCheckpoint hook of the transparency log failed',
        );
      }
    }
    const touched = new Set<EntryWaiter>();
    for (const { queueId, index } of integration.assigned) {
      const waiter = waiterByQueueId.get(queueId);
      if (waiter !== undefined) {
        waiter.found.set(queueId, index);
        touched.add(waiter);
      }
    }
    touched.forEach(settleEntryWaiter);
    settleSizeWaiters();
  };

  // Entries another server process integrated: they left the queue without this process seeing
  // their indices, so they are found by leaf hash among the entries appended since they queued.
  const settleForeignEntries = async () => {
    const open = [...entryWaiters].filter((waiter) => waiter.found.size < waiter.entries.length);
    if (open.length === 0) {
      return;
    }
    const openIds = open.flatMap((waiter) =>
      waiter.entries.filter((entry) => !waiter.found.has(entry.queueId)).map((entry) => entry.queueId),
    );
    const stillPending = await findPendingIds(ctx.db.kysely, openIds);
    for (const waiter of open) {
      const gone = waiter.entries.filter(
        (entry) => !waiter.found.has(entry.queueId) && !stillPending.has(entry.queueId),
      );
      if (gone.length === 0) {
        continue;
      }
      const candidates = await findIndicesByLeafHash(
        ctx.db.kysely,
        gone.map((entry) => entry.leafHash),
        waiter.minIndex,
      );
      const claimed = new Set(waiter.found.values());
      for (const entry of gone) {
        const hex = Buffer.from(entry.leafHash).toString('hex');
        const match = candidates.find(
          (row) => !claimed.has(row.index) && Buffer.from(row.leafHash).toString('hex') === hex,
        );
        if (match !== undefined) {
          claimed.add(match.index);
          waiter.found.set(entry.queueId, match.index);
        }
      }
      settleEntryWaiter(waiter);
    }
  };

  const drain = async () => {
    let integration: Integration;
    do {
      integration = await integratePending(ctx, { batchMax: options.batchMax });
      await afterIntegration(integration);
    } while (integration.integrated === options.batchMax && !halting);
    await settleForeignEntries();
  };

  const enqueue = (): Promise<void> =>
    outsideTransaction(() => {
      if (next !== undefined) {
        return next;
      }
      const drained = tail.then(() => {
        next = undefined;
        return drain();
      });
      next = drained;
      tail = drained.catch(() => {});
      return drained;
    });

  const schedule = () => {
    if (!stopped) {
      timer = outsideTransaction(() => setTimeout(tick, options.intervalMs));
      timer.unref();
    }
  };

  const tick = () => {
    timer = undefined;
    enqueue()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'the transparency-log sequencer could not integrate a batch');
      })
      .finally(schedule);
  };

  return {
    start: () => {
      if (stopped) {
        stopped = false;
        schedule();
      }
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      halting = true;
      try {
        await tail;
      } finally {
        halting = false;
      }
    },
    poke: (queued) => {
      queuedEstimate += queued;
      if (!stopped && queuedEstimate >= options.batchMax) {
        enqueue().catch((error: unknown) => {
          logger.error({ err: error }, 'the transparency-log sequencer could not integrate a batch');
        });
      }
    },
    integrateNow: async () => {
      await enqueue();
      return size;
    },
    waitUntilIntegrated: (target, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (size >= target) {
          resolve(true);
          return;
        }
        const waiter: SizeWaiter = {
          size: target,
          resolve,
          timer: outsideTransaction(() =>
            setTimeout(() => {
              sizeWaiters.delete(waiter);
              resolve(false);
            }, timeoutMs),
          ),
        };
        waiter.timer.unref();
        sizeWaiters.add(waiter);
      }),
    waitForEntries: (entries, minIndex, timeoutMs) =>
      new Promise<number[] | undefined>((resolve) => {
        if (entries.length === 0) {
          resolve([]);
          return;
        }
        const waiter: EntryWaiter = {
          entries,
          minIndex,
          found: new Map(),
          resolve,
          timer: outsideTransaction(() => setTimeout(() => finishEntryWaiter(waiter, undefined), timeoutMs)),
        };
        waiter.timer.unref();
        entryWaiters.add(waiter);
        for (const entry of entries) {
          waiterByQueueId.set(entry.queueId, waiter);
        }
      }),
    knownSize: () => size,
  };
};
