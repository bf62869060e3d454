// `npm run bench -- index`: the Zhejiang Index engine on the synthetic 11-city inputs the COINr
// fixtures use, repeated over more years: one full run (imputation, treatment, normalisation,
// aggregation, ranks) and the uncertainty analysis with 10,000 Monte Carlo replications over
// weights, normalisation and aggregation (goal: at most 5 s), then the sensitivity design
// N·(d + 2). Pure computation: no database. There is no JavaScript peer; COINr (R) is the
// reference for the numbers (server/src/modules/stats/index-engine/fixtures/coinr), not for speed.
// Then the Zhejiang Index from facts: synthetic facts loaded into an in-memory PGlite as the demo
// loads them, the indicators read from the facts and rollups, and the run computed with the
// route's default 1,000 replications (`--facts 0` skips it).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { exitOk, exitUsage, note, positiveInt, say } from './cli-support.mjs';

register();

const engine = await import('../server/src/modules/stats/index-engine/index.ts');
const { inputRows, indicatorCodes } = await import(
  '../server/src/modules/stats/index-engine/fixture-support.ts'
);

const goalSeconds = 5;
const usage = `usage: npm run bench -- index [options]

  --runs <n>     Monte Carlo replications (default 10000)
  --years <n>    years of synthetic data, each a copy of the fixture's years scaled (default 5)
  --facts <n>    synthetic facts for the run from facts, over 3 years (default 24000; 0 skips it)
  --index-runs <n>  replications of the run from facts (default 1000, as POST …/stats/index/runs)
  -h, --help     show this help`;

const third = 1 / 3;
const spec = {
  id: 'bench',
  framework: [
    { code: 'index', parent: null, weight: 1 },
    { code: 'trade', parent: 'index', weight: 0.4 },
    { code: 'digital', parent: 'index', weight: 0.4 },
    { code: 'environment', parent: 'index', weight: 0.2 },
    { code: 'exports_per_capita', parent: 'trade', weight: third },
    { code: 'cbec_share', parent: 'trade', weight: third },
    { code: 'platform_count', parent: 'trade', weight: third },
    { code: 'digital_services_share', parent: 'digital', weight: third },
    { code: 'data_centres', parent: 'digital', weight: third },
    { code: 'broadband', parent: 'digital', weight: third },
    { code: 'logistics_cost', parent: 'environment', weight: 0.5 },
    { code: 'dispute_rate', parent: 'environment', weight: 0.5 },
  ],
  indicators: Object.fromEntries(
    indicatorCodes.map((code) => [
      code,
      { direction: code === 'logistics_cost' || code === 'dispute_rate' ? -1 : 1 },
    ]),
  ),
  imputation: { method: 'mean' },
  treatment: engine.defaultTreatment,
  normalisation: { method: 'minmax', lower: 1, upper: 100 },
  pooledNormalisation: true,
  aggregation: { method: 'arithmetic' },
  baseYear: 2022,
};

const inputs = {
  weightNoise: { factor: 0.25, weightSets: 100 },
  normalisations: [
    { method: 'minmax', lower: 1, upper: 100 },
    { method: 'minmax', lower: 10, upper: 100 },
    { method: 'rank' },
  ],
  aggregations: [{ method: 'arithmetic' }, { method: 'geometric' }],
};

const timed = (work) => {
  const start = process.hrtime.bigint();
  const result = work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
};

export const run = async (argv) => {
  let options;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string' },
        years: { type: 'string' },
        facts: { type: 'string' },
        'index-runs': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    options = {
      runs: positiveInt('runs', values.runs, 10_000),
      years: positiveInt('years', values.years, 5),
      facts: values.facts === '0' ? 0 : positiveInt('facts', values.facts, 24_000),
      indexRuns: positiveInt('index-runs', values['index-runs'], 1_000),
      help: values.help,
    };
  } catch (error) {
    note(`error: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return exitUsage;
  }
  if (options.help) {
    say(usage);
    return exitOk;
  }
  const base = inputRows();
  const rows = [];
  for (let k = 0; k < options.years; k += 1) {
    for (const row of base.filter((r) => r.year === 2022)) {
      rows.push({
        ...row,
        year: 2022 + k,
        values: Object.fromEntries(
          Object.entries(row.values).map(([c, v]) => [c, v === null ? null : v * (1 + 0.07 * k)]),
        ),
      });
    }
  }
  const lastYear = 2022 + options.years - 1;
  say(
    `# index engine, ${rows.length} unit-years × ${indicatorCodes.length} indicators; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; Node ${process.version}`,
  );
  const full = timed(() => engine.runIndex(spec, rows));
  say(
    `full run (impute, treat, normalise pooled, aggregate, rank, rebase): ${(full.seconds * 1000).toFixed(1)} ms`,
  );
  const ua = timed(() =>
    engine.analyseUncertainty(spec, rows, {
      year: lastYear,
      runs: options.runs,
      seed: 20261127,
      inputs,
      sensitivity: false,
    }),
  );
  say(
    `uncertainty analysis, ${options.runs} replications: ${ua.seconds.toFixed(2)} s (goal <= ${goalSeconds} s: ${ua.seconds <= goalSeconds ? 'met' : 'NOT met'})`,
  );
  const saRuns = Math.max(1, Math.floor(options.runs / 5));
  const sa = timed(() =>
    engine.analyseUncertainty(spec, rows, {
      year: lastYear,
      runs: saRuns,
      seed: 20261127,
      inputs,
      sensitivity: true,
    }),
  );
  say(`sensitivity analysis, N = ${saRuns}, d = 3, ${sa.result.runs} runs: ${sa.seconds.toFixed(2)} s`);
  say(
    `  Si ${sa.result.sensitivity.first.map((v) => v.toFixed(3)).join(' / ')}, STi ${sa.result.sensitivity.total
      .map((v) => v.toFixed(3))
      .join(' / ')} (${sa.result.sensitivity.inputs.join(' / ')})`,
  );
  if (options.facts > 0) {
    await fromFacts(options.facts, options.indexRuns);
  }
  return exitOk;
};

/** The Zhejiang Index computed from facts in a database, as POST …/stats/index/runs does it. */
const fromFacts = async (facts, runs) => {
  const { migrationSources } = await import('../server/src/migration-sources.ts');
  const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
  const stats = await import('../server/src/modules/stats/index.ts');
  const { indicatorData } = await import('../server/src/modules/stats/zhejiang-index/indicators.ts');
  const { computeIndex } = await import('../server/src/modules/stats/zhejiang-index/compute.ts');
  const { currentSpec } = await import('../server/src/modules/stats/zhejiang-index/spec.ts');
  const db = await openDatabase({});
  try {
    await migrate(db, await loadMigrations(migrationSources));
    const year = 2025;
    for (const batch of stats.syntheticFacts({
      fromYear: year - 1,
      years: 3,
      facts,
      seed: 8,
      batchSize: 6_000,
    })) {
      await db.transaction((trx) => stats.insertFacts(trx, batch));
    }
    const read = process.hrtime.bigint();
    const data = await indicatorData(db.kysely, currentSpec, year);
    const readSeconds = Number(process.hrtime.bigint() - read) / 1e9;
    const computed = timed(() => computeIndex(currentSpec, data, { year, runs, seed: year }));
    say(
      `Zhejiang Index from ${facts} facts (PGlite): indicators ${(readSeconds * 1000).toFixed(0)} ms, run with ${runs} replications ${(computed.seconds * 1000).toFixed(0)} ms (${data.rows.length} city-years × ${currentSpec.indicators.length} indicators)`,
    );
  } finally {
    await db.close();
  }
};
