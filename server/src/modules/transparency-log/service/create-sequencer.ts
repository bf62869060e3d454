import { assert } from '@tradehub/kernel';
import type { Logger } from '../../../platform/logging/index.ts';
import type { LogContext } from './context.ts';
import { integratePending } from './integrate-pending.ts';

export type Sequencer = {
  /** Integrates pending entries every `intervalMs` until stopped. */
  start: () => void;
  /** Stops the timer and waits for a batch in progress. */
  stop: () => Promise<void>;
};

/**
 * The log's sequencer: every `intervalMs` it integrates pending entries, batch after batch, until
 * fewer than `batchMax` were waiting. Its timer never keeps the process alive.
 */
export const createSequencer = (
  ctx: LogContext,
  logger: Logger,
  options: { intervalMs: number; batchMax: number },
): Sequencer => {
  assert(
    Number.isSafeInteger(options.batchMax) && options.batchMax >= 1,
    'batchMax must be a positive integer',
  );
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  const drain = async () => {
    // A batch that took batchMax entries may have left more behind.
    let integrated = options.batchMax;
    while (!stopped && integrated >= options.batchMax) {
      ({ integrated } = await integratePending(ctx, { batchMax: options.batchMax }));
    }
  };

  const tick = () => {
    running = drain()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'the transparency-log sequencer could not integrate a batch');
      })
      .finally(() => {
        running = undefined;
        schedule();
      });
  };

  const schedule = () => {
    if (!stopped) {
      timer = setTimeout(tick, options.intervalMs);
      timer.unref();
    }
  };

  return {
    start: () => {
      if (stopped) {
        stopped = false;
        // A batch still finishing after a stop() schedules the next tick itself.
        if (running === undefined) {
          schedule();
        }
      }
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
