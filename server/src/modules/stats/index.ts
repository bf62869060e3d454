import type { FastifyInstance } from 'fastify';
import type { EventBus } from '../../platform/events/index.ts';
import type { StatsDeps } from './deps.ts';
import {
  type EnterpriseProfile,
  parkedFacts,
  registerFactConsumers,
  retryParkedFacts,
} from './facts/from-events.ts';
import { insertFacts, type TradeFact } from './facts/repository-facts.ts';
import { type SyntheticOptions, syntheticFacts } from './facts/synthetic-facts.ts';
import { seedDemoPolicyProgramme } from './policy-measures/demo-programme.ts';
import { registerStatsRoutes } from './routes.ts';
import { generateWhitePaper, type WhitePaperFormat, type WhitePaperLang } from './white-paper/index.ts';
import { computeRun, publishRun } from './zhejiang-index/index.ts';

export type { StatsDeps } from './deps.ts';
export { statsErrorStatuses, statsFieldErrorCodes } from './errors.ts';
export {
  breakdown,
  breakdownDimensions,
  includesSynthetic,
  monthlySeries,
  policyTargets,
  targetsDashboard,
  topEnterprises,
} from './facts/dashboard.ts';
export { type EnterpriseProfile, factEventTopics, type ParkReason } from './facts/from-events.ts';
export type { TradeFact } from './facts/repository-facts.ts';
export { insertFacts } from './facts/repository-facts.ts';
export { syntheticFacts } from './facts/synthetic-facts.ts';
export {
  type WhitePaperFormat,
  type WhitePaperLang,
  whitePaperFormats,
  whitePaperLangs,
} from './white-paper/index.ts';
export type { PublishedCity, PublishedIndex } from './zhejiang-index/index.ts';
export { loadPublishedIndex } from './zhejiang-index/index.ts';

/** What the fact intake reads from other modules, handed over by the composition root. */
export type FactSources = {
  /** identity: the organisation's country, credit code and registered address. */
  enterpriseProfile: (organisationId: string) => Promise<EnterpriseProfile | undefined>;
  /** payments: the rate of a currency pair quoted for a day (YYYY-MM-DD). */
  dayRate: (from: string, to: string, day: string) => Promise<{ rate: string } | undefined>;
};

// Parked facts wait mostly for a day's exchange rate, which a bank loads once a day.
const INTAKE_RETRY_INTERVAL_MS = 60_000;

/** Retries the parked facts in the background (start/stop), and on demand (`retryNow`). */
const createIntakeSweeper = (intake: Parameters<typeof retryParkedFacts>[0]) => {
  let timer: NodeJS.Timeout | undefined;
  let retrying: Promise<unknown> = Promise.resolve();
  return {
    /** Tries the parked events again; returns how many became facts. */
    retryNow: (limit?: number) => retryParkedFacts(intake, limit),
    start: () => {
      timer ??= setInterval(() => {
        // A failed pass (the database restarting) is simply tried again at the next tick.
        retrying = retryParkedFacts(intake).catch(() => 0);
      }, INTAKE_RETRY_INTERVAL_MS);
      timer.unref();
    },
    stop: async () => {
      clearInterval(timer);
      timer = undefined;
      await retrying;
    },
  };
};

/** The stats module bound to its dependencies: what the composition root, the CLI and the seed use. */
export const createStatsModule = (deps: StatsDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerStatsRoutes(app, deps),
  /**
   * The demo's policy-measure programme for the commerce department (the joint-meeting office),
   * with customs as an agency; nothing when the office already runs one (docs/policy-measures.md).
   */
  seedDemoPolicyProgramme: (
    ctx: Parameters<typeof seedDemoPolicyProgramme>[1],
    parties: Parameters<typeof seedDemoPolicyProgramme>[2],
  ) => seedDemoPolicyProgramme(deps, ctx, parties),
  /**
   * The year's white paper as PDF or HTML, dated by `now` (default: the hub clock), so the same
   * data and date give the same bytes; `onStep` hears each step (the CLI's progress lines).
   */
  whitePaper: (
    options: { year: number; lang: WhitePaperLang; format: WhitePaperFormat; now?: Date },
    onStep?: (step: string) => void,
  ) => generateWhitePaper(deps.db, { ...options, now: options.now ?? deps.now() }, onStep),
  /**
   * Turns customs' released parcels and trade's invoices into facts as the bus delivers them, once
   * each; an event that cannot be mapped yet is parked and retried (docs/stats-facts-from-events.md).
   * Returns the sweeper that retries the parked ones in the background.
   */
  registerConsumers: (bus: EventBus, from: FactSources) => {
    const intake = { db: deps.db, now: deps.now, ...from };
    registerFactConsumers(bus, intake);
    return createIntakeSweeper(intake);
  },
  /** The events parked with their reason. */
  parkedFacts: () => parkedFacts(deps.db.kysely),
  /**
   * Computes the Zhejiang Index of a year for a commerce department and publishes it, both steps
   * audited through `audit`: the demo seed's path (the HTTP routes do the same in two requests).
   */
  computeAndPublishIndex: async (input: {
    organisationId: string;
    actorId: string;
    publishedBy: { en: string; zh: string };
    year: number;
    runs: number;
    seed: number;
    audit: Parameters<typeof computeRun>[1]['audit'];
  }) => {
    const run = await computeRun(deps.db, input);
    return publishRun(deps.db, {
      organisationId: input.organisationId,
      runId: run.id,
      publishedBy: input.publishedBy,
      now: deps.now(),
      audit: input.audit,
    });
  },
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
