// `npm run bench -- <name> [options]`: runs one benchmark. Each lives in its own module, loaded
// only when asked for, so listing them stays instant and one benchmark's imports cannot break
// another's.

/** Exit codes: 0 done, 1 the benchmark failed, 2 the command line was wrong. */
const exitUsage = 2;

const benchmarks = {
  http: {
    summary: 'authenticated read over HTTP (autocannon), with /healthz as the floor',
    load: () => import('./http.mjs'),
  },
  trust: {
    summary: 'issue, anchor and verify signed invoices, against OpenAttestation on the same invoices',
    load: () => import('./trust.mjs'),
  },
  documents: {
    summary: 'trade documents issued per second, without and with their bilingual PDF',
    load: () => import('./documents.mjs'),
  },
  cbec: {
    summary:
      'CBEC import parcels (order, payment, waybill, signed inventory) through the HTTP API to release',
    load: () => import('./cbec.mjs'),
  },
  payments: {
    summary:
      'ledger transfers/s and p99 on PostgreSQL: single, hot accounts, batches; pgbench TPC-B-like beside',
    load: () => import('./payments.mjs'),
  },
  log: {
    summary: 'transparency-log appends (queue + integrate + tiles + signed checkpoint), entries/s',
    load: () => import('./log-append.mjs'),
  },
  index: {
    summary: 'Zhejiang Index engine: a full run and 10,000 Monte Carlo replications of uncertainty',
    load: () => import('./index-engine.mjs'),
  },
  stats: {
    summary: 'stats: load 10M synthetic facts into PostgreSQL, time each dashboard query, then the index',
    load: () => import('./stats.mjs'),
  },
  logistics: {
    summary:
      'DCSA tracking events ingested/s on PostgreSQL, with the trace hash chain and its log commitment',
    load: () => import('./logistics.mjs'),
  },
  expo: {
    summary: 'expo search: 1M generated bilingual products, p50/p99 per query class (goal p99 <= 100 ms)',
    load: () => import('./expo.mjs'),
  },
  'white-paper': {
    summary: "the year's white paper: figures from the rollups, then the PDF and the HTML, zh-CN and en",
    load: () => import('./white-paper.mjs'),
  },
};

const list = () =>
  [
    'usage: npm run bench -- <name> [options]   (npm run bench -- <name> --help for its options)',
    '',
    'benchmarks:',
    ...Object.entries(benchmarks).map(([name, bench]) => `  ${name.padEnd(10)} ${bench.summary}`),
  ].join('\n');

const main = async (argv) => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${list()}\n`);
    return 0;
  }
  const bench = Object.hasOwn(benchmarks, name) ? benchmarks[name] : undefined;
  if (bench === undefined) {
    process.stderr.write(`error: unknown benchmark ${JSON.stringify(name)}\n\n${list()}\n`);
    return exitUsage;
  }
  const { run } = await bench.load();
  return run(rest);
};

// Exit explicitly: a benchmark is done when it says so, whatever handles a library left open.
process.exit(await main(process.argv.slice(2)));
