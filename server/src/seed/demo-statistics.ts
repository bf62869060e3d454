import type { Hub } from '../app.ts';
import { loadPublishedIndex } from '../modules/stats/index.ts';
import { type Executor, loadUserRoles } from '../platform/access/index.ts';

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

/** Monte Carlo replications of the demo index: enough for the bands, small for the seed's time. */
export const DEMO_INDEX_RUNS = 200;

/**
 * Computes and publishes the Zhejiang Index of the last full year as the demo commerce department,
 * so the public index page has something to show. Skipped when that year is already published.
 */
export const seedDemoIndex = async (
  hub: Hub,
  ctx: {
    audit: (
      ex: Executor,
      change: { organisationId: string | null; object: { type: string; id: string } | null },
    ) => Promise<void>;
  },
  now: Date,
) => {
  const year = now.getUTCFullYear() - 1;
  if ((await loadPublishedIndex(hub.db, year)) !== null) {
    return null;
  }
  const ownerId = await hub.identity.findUserIdByEmail('lin.tao@commerce.zj.example');
  const organisationId =
    ownerId === undefined ? undefined : [...(await loadUserRoles(hub.db.kysely, ownerId)).keys()][0];
  if (ownerId === undefined || organisationId === undefined) {
    return null;
  }
  return hub.stats.computeAndPublishIndex({
    organisationId,
    actorId: ownerId,
    publishedBy: { en: 'Zhejiang Department of Commerce (demo)', zh: '浙江省商务厅（演示）' },
    year,
    runs: DEMO_INDEX_RUNS,
    seed: year,
    audit: ctx.audit,
  });
};

/**
 * The policy-measure programme of the demo commerce department (the joint-meeting office), with
 * Hangzhou Customs as an agency: a few tasks, one overdue, and this quarter's reports.
 */
export const seedDemoPolicyMeasures = async (
  hub: Hub,
  ctx: {
    audit: (
      ex: Executor,
      change: { organisationId: string | null; object: { type: string; id: string } | null },
    ) => Promise<void>;
  },
) => {
  const organisationOf = async (email: string) => {
    const userId = await hub.identity.findUserIdByEmail(email);
    return userId === undefined ? undefined : [...(await loadUserRoles(hub.db.kysely, userId)).keys()][0];
  };
  const officeId = await organisationOf('lin.tao@commerce.zj.example');
  if (officeId === undefined) {
    return null;
  }
  return hub.stats.seedDemoPolicyProgramme(ctx, {
    officeId,
    customsId: await organisationOf('xu.yan@hangzhou-customs.example'),
  });
};
