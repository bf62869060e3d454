import type { FastifyInstance } from 'fastify';
import type { StatsDeps } from './deps.ts';
import { insertFacts, type TradeFact } from './facts/repository-facts.ts';
import { type SyntheticOptions, syntheticFacts } from './facts/synthetic-facts.ts';
import { registerStatsRoutes } from './routes.ts';

export type { StatsDeps } from './deps.ts';
export { statsErrorStatuses, statsFieldErrorCodes } from './errors.ts';
export {
  breakdown,
  breakdownDimensions,
  includesSynthetic,
  monthlySeries,
  policyTargets,
  targetsDashboard,
} from './facts/dashboard.ts';
export type { TradeFact } from './facts/repository-facts.ts';
export { insertFacts } from './facts/repository-facts.ts';
export { syntheticFacts } from './facts/synthetic-facts.ts';

/** The stats module bound to its dependencies: what the composition root, the CLI and the seed use. */
export const createStatsModule = (deps: StatsDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerStatsRoutes(app, deps),
  /** Adds facts and their rollups in one transaction; facts already stored are skipped. */
  addFacts: (facts: readonly TradeFact[]) => deps.db.transaction((trx) => insertFacts(trx, facts)),
  /**
   * Loads synthetic facts (labelled `synthetic`), batch by batch, reporting progress; running it
   * again with the same seed adds nothing.
   */
  generateSynthetic: async (
    options: SyntheticOptions,
    onProgress: (done: number, total: number) => void = () => {},
  ) => {
    let done = 0;
    let added = 0;
    for (const batch of syntheticFacts(options)) {
      added += await deps.db.transaction((trx) => insertFacts(trx, batch));
      done += batch.length;
      onProgress(Math.min(done, options.facts), options.facts);
    }
    return { added };
  },
});

export type StatsModule = ReturnType<typeof createStatsModule>;
