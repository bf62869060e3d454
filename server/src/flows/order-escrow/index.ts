import type { FastifyInstance } from 'fastify';
import type { OrderEscrowDeps } from './deps.ts';
import { registerOrderEscrowRoutes } from './routes.ts';
import { releaseDueEscrows } from './service.ts';

export type { OrderEscrowDeps } from './deps.ts';
export { orderEscrowErrorStatuses } from './errors.ts';

/** How often the date trigger looks for escrows whose day has come, and how many it takes at once. */
const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 100;

/** Order escrow: the buyer's money on an order, held in the payments ledger until its trigger. */
export const createOrderEscrowFlow = (deps: OrderEscrowDeps) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => releaseDueEscrows(deps, SWEEP_BATCH);
  return {
    registerRoutes: (app: FastifyInstance) => registerOrderEscrowRoutes(app, deps),
    /** Settles the date-triggered escrows whose day has come; returns how many (the sweeper's tick). */
    releaseDue: tick,
    sweeper: {
      start: () => {
        timer ??= setInterval(() => {
          // A failed tick (the database restarting) is retried at the next one.
          running = tick().catch(() => 0);
        }, SWEEP_INTERVAL_MS);
        timer.unref();
      },
      stop: async () => {
        clearInterval(timer);
        timer = undefined;
        await running;
      },
    },
  };
};

export type OrderEscrowFlow = ReturnType<typeof createOrderEscrowFlow>;
