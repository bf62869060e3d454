// `npm run bench -- stats`: loads synthetic trade facts (default 10 million, labelled synthetic)
// into a fresh PostgreSQL database through the stats module's own loader (facts and rollups in
// one statement per batch), then times every dashboard query of the commerce department (goal:
// each at most 1 s) and the Zhejiang Index with 10,000 Monte Carlo replications (goal: at most 5 s).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { exitOk, exitUsage, note, positiveInt, say } from './cli-support.mjs';
import { freshDatabase } from './postgres-db.mjs';

register();

const { migrationSources } = await import('../server/src/migration-sources.ts');
const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
const dashboard = await import('../server/src/modules/stats/index.ts');
const { insertFacts, syntheticFacts } = dashboard;
const { run: runIndexBench } = await import('./index-engine.mjs');

const queryGoalMs = 1_000;
const usage = `usage: npm run bench -- stats [options]

  --facts <n>          synthetic facts to load (default 10000000)
  --years <n>          years they span, ending with the latest (default 5)
  --batch <n>          facts per loading transaction (default 20000)
  --repeat <n>         times each dashboard query runs; the median is reported (default 5)
  --server-url <url>   PostgreSQL server to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
  -h, --help           show this help`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const run = async (argv) => {
  let options;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        facts: { type: 'string' },
        years: { type: 'string' },
        batch: { type: 'string' },
        repeat: { type: 'string' },
        'server-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    options = {
      facts: positiveInt('facts', values.facts, 10_000_000),
      years: positiveInt('years', values.years, 5),
      batch: positiveInt('batch', values.batch, 20_000),
      repeat: positiveInt('repeat', values.repeat, 5),
      serverUrl: values['server-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
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
  const database = await freshDatabase(options.serverUrl, 'tradehub_bench_stats');
  const db = await openDatabase({ databaseUrl: database.url });
  try {
    await migrate(db, await loadMigrations(migrationSources));
    const { rows } = await db.kysely.executeQuery({
      sql: 'select version() as v',
      parameters: [],
      query: { kind: 'RawNode' },
    });
    say(
      `# stats, ${String(rows[0]?.v ?? '').split(' on ')[0]}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; Node ${process.version}`,
    );
    const lastYear = new Date().getUTCFullYear() - 1;
    const fromYear = lastYear - options.years + 1;
    const start = process.hrtime.bigint();
    let loaded = 0;
    let lastNote = 0;
    for (const batch of syntheticFacts({
      fromYear,
      years: options.years,
      facts: options.facts,
      seed: 20261111,
      batchSize: options.batch,
    })) {
      loaded += await db.transaction((trx) => insertFacts(trx, batch));
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (seconds - lastNote >= 5) {
        lastNote = seconds;
        note(
          `  loaded ${loaded.toLocaleString('en')} of ${options.facts.toLocaleString('en')} facts (${Math.round(loaded / seconds).toLocaleString('en')}/s)`,
        );
      }
    }
    const loadSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    say(
      `loaded ${loaded.toLocaleString('en')} synthetic facts over ${options.years} years in ${loadSeconds.toFixed(1)} s (${Math.round(loaded / loadSeconds).toLocaleString('en')} facts/s, rollups included)`,
    );
    const period = { year: lastYear, throughMonth: 11 };
    const queries = [
      [
        'targets dashboard (4 targets, YTD vs last year, run-rate)',
        () => dashboard.targetsDashboard(db.kysely, period),
      ],
      ['monthly series (2 years)', () => dashboard.monthlySeries(db.kysely, lastYear)],
      ...['mode', 'partner', 'hs_chapter', 'ebops', 'content_type', 'city'].map((dimension) => [
        `breakdown by ${dimension}`,
        () => dashboard.breakdown(db.kysely, { ...period, dimension, digitalOnly: dimension !== 'mode' }),
      ]),
      [
        '9710 by partner (drill-down)',
        () =>
          dashboard.breakdown(db.kysely, {
            ...period,
            dimension: 'partner',
            customsMode: '9710',
            digitalOnly: true,
          }),
      ],
      // The enterprise drill-down reads the facts themselves (the rollups carry no enterprise).
      [
        'enterprises behind 9710 to US (drill-down)',
        () =>
          dashboard.topEnterprises(db.kysely, {
            ...period,
            customsMode: '9710',
            partner: 'US',
            digitalOnly: true,
            limit: 50,
          }),
      ],
      [
        'enterprises of the year, all trade (drill-down)',
        () => dashboard.topEnterprises(db.kysely, { ...period, digitalOnly: false, limit: 50 }),
      ],
    ];
    let slowest = 0;
    for (const [label, query] of queries) {
      const times = [];
      for (let i = 0; i < options.repeat; i += 1) {
        const t0 = process.hrtime.bigint();
        await query();
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      slowest = Math.max(slowest, median(times));
      say(
        `${label.padEnd(58)} median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
      );
    }
    say(
      `dashboard goal <= ${queryGoalMs} ms per query: ${slowest <= queryGoalMs ? 'met' : 'NOT met'} (slowest median ${slowest.toFixed(1)} ms)`,
    );
  } finally {
    await db.close();
    await database.drop();
  }
  return runIndexBench([]);
};
