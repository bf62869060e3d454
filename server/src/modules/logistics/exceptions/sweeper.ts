import type { LogisticsDeps } from '../deps.ts';
import { sweepLogisticsExceptions } from './service/sweep-exceptions.ts';

/** How often the composition root's sweeper looks for missing milestones. */
export const EXCEPTION_SWEEP_INTERVAL_MS = 60_000;

/** Runs the gap sweep on an interval until stopped, as the payments expiry sweeper does. */
export const createExceptionSweeper = (deps: Pick<LogisticsDeps, 'db' | 'now' | 'afterCommit'>) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    // A failed sweep (the database restarting) is simply retried at the next tick.
    running = sweepLogisticsExceptions(deps, deps.now()).catch(() => 0);
  };
  return {
    start: () => {
      timer ??= setInterval(sweep, EXCEPTION_SWEEP_INTERVAL_MS);
      timer.unref();
    },
    stop: async () => {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
};
