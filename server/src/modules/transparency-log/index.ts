import type { FastifyInstance } from 'fastify';
import type { TransparencyLogDeps } from './deps.ts';
import { registerTransparencyLogRoutes } from './routes.ts';
import type { LogContext } from './service/context.ts';
import { createSequencer } from './service/create-sequencer.ts';
import { integratePending } from './service/integrate-pending.ts';
import { deriveLogKey } from './service/log-key.ts';
import { queueEntries } from './service/queue-entries.ts';

export type { TransparencyLogDeps } from './deps.ts';
export { MAX_ENTRIES_PER_CALL } from './domain/entry-limits.ts';
export { transparencyLogErrorStatuses } from './errors.ts';
export type { Sequencer } from './service/create-sequencer.ts';
export type { Integration } from './service/integrate-pending.ts';
export type { LogKey } from './service/log-key.ts';

/** The transparency log bound to its dependencies: what the composition root and other modules use. */
export const createTransparencyLogModule = (deps: TransparencyLogDeps) => {
  const ctx: LogContext = { db: deps.db, key: deriveLogKey(deps.secretKey, deps.publicUrl) };
  return {
    /** The checkpoint origin, which is also the name of the log's key. */
    origin: ctx.key.origin,
    /** The log's verifier key text (`<origin>+<key id>+<base64 key>`). */
    verifierKey: ctx.key.verifierKey,
    /**
     * Queues entries (1..65,535 bytes each, at most 1,000) inside the caller's transaction, so a
     * commitment commits or rolls back with its change.
     */
    queueEntries,
    /** Integrates up to `batchMax` pending entries and signs a checkpoint, in one transaction. */
    integratePending: (options: { batchMax: number }) => integratePending(ctx, options),
    /** A sequencer that integrates pending entries every `intervalMs`; start it, stop it on close. */
    createSequencer: (options: { intervalMs: number; batchMax: number }) =>
      createSequencer(ctx, deps.logger, options),
    registerRoutes: (app: FastifyInstance) => registerTransparencyLogRoutes(app, ctx),
  };
};

export type TransparencyLogModule = ReturnType<typeof createTransparencyLogModule>;
