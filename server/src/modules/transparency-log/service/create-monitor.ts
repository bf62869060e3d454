import { outsideTransaction } from '../../../platform/db/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';
import { transparencyLogEvents } from '../events.ts';
import type { LogContext } from './context.ts';
import { type VerifiedState, type VerifyReport, verifyLog } from './verify-log.ts';

export type MonitorOptions = {
  /** Time between checks. */
  intervalMs: number;
  /**
   * Every this many checks the monitor starts again from size 0, so history that was already
   * checked is re-read too (an incremental check only reads what was appended since).
   */
  fullCheckEvery?: number;
  /** Called after the mismatch event commits (the composition root wakes the event bus). */
  afterCommit?: () => void;
};

export type Monitor = {
  /** Checks every `intervalMs` until stopped. */
  start: () => void;
  /** Stops the timer and waits for a check in progress. */
  stop: () => Promise<void>;
  /** One check now, continuing where the last one stopped; alerts on a mismatch. */
  checkNow: () => Promise<VerifyReport>;
};

const EVENT_PROBLEMS = 20;

/**
 * The log's own monitor: checks the stored log incrementally (entries and checkpoints appended
 * since the last check, remembered in memory) and on any problem logs at error level and
 * publishes `transparency-log.log.mismatch_detected`. Its timer never keeps the process alive.
 */
export const createMonitor = (ctx: LogContext, logger: Logger, options: MonitorOptions): Monitor => {
  let state: VerifiedState | undefined;
  let checks = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let tail: Promise<unknown> = Promise.resolve();
  const fullCheckEvery = options.fullCheckEvery ?? 1440;

  const alert = async (report: VerifyReport) => {
    logger.error(
      {
        from: report.from,
        to: report.to,
        problemCount: report.problems.length,
        problems: report.problems.slice(0, EVENT_PROBLEMS),
      },
      'the transparency log does not verify against itself',
    );
    await ctx.db.transaction((trx) =>
      publishEvent(trx, {
        topic: transparencyLogEvents.mismatchDetected,
        organisationId: null,
        payload: {
          from: report.from,
          to: report.to,
          problemCount: report.problems.length,
          truncated: report.truncated,
          problems: report.problems.slice(0, EVENT_PROBLEMS),
        },
      }),
    );
    options.afterCommit?.();
  };

  const check = async (): Promise<VerifyReport> => {
    const from = state === undefined || checks % fullCheckEvery === 0 ? 0 : state;
    checks += 1;
    const report = await verifyLog(ctx, { from });
    state = report.state;
    if (report.problems.length > 0) {
      await alert(report);
    }
    return report;
  };

  const checkNow = (): Promise<VerifyReport> =>
    outsideTransaction(() => {
      const run = tail.then(check);
      tail = run.catch(() => {});
      return run;
    });

  const schedule = () => {
    if (!stopped) {
      timer = outsideTransaction(() => setTimeout(tick, options.intervalMs));
      timer.unref();
    }
  };

  const tick = () => {
    checkNow()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'the transparency-log monitor could not check the log');
      })
      .finally(schedule);
  };

  return {
    start: () => {
      if (stopped && options.intervalMs > 0) {
        stopped = false;
        schedule();
      }
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await tail;
    },
    checkNow,
  };
};
