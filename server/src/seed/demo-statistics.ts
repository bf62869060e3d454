import type { Hub } from '../app.ts';

/** Synthetic facts the demo's statistics dashboards show: three years up to this month. */
export const DEMO_SYNTHETIC_FACTS = 24_000;

/**
 * Loads synthetic trade facts (their source says `synthetic`, and the dashboards say so) for the
 * commerce department's demo dashboards, up to the current month. The same seed gives the same
 * facts, which are stored once: running the seed twice changes nothing.
 */
export const seedDemoStatistics = async (hub: Hub, now: Date) => {
  const year = now.getUTCFullYear();
  const until = `${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return hub.stats.generateSynthetic({
    fromYear: year - 2,
    years: 3,
    facts: DEMO_SYNTHETIC_FACTS,
    seed: 20261111,
    batchSize: 6_000,
    until,
    // Each fact stands for an enterprise's month in one category: about USD 90 billion of digital
    // trade a year, the size of the province's target.
    amountScale: 10_000,
  });
};
