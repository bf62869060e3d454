// `npm run bench -- payments`: the money ledger on PostgreSQL (issue 7). Transfers go through the
// payments module's own use cases (createTransfer, createBatch, resolvePending: lock the accounts
// in id order, read the idempotency keys, insert, update both balances, write both entries) on a
// pg pool, from several clients in this process, each awaiting one request at a time. Beside
// them, pgbench's standard TPC-B-like run on the same server gives the machine's ceiling for
// small write transactions. Goals (reference payments-finance.md §6.2): >= 3,000 transfers/s
// single at p99 <= 20 ms over 10,000 accounts, >= 1,000/s on 10 hot accounts, >= 20,000/s in
// batches of 100. A missed goal is reported; only errors and broken invariants fail the run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { exitFailure, exitOk, exitUsage, note, positiveInt, say, UsageError } from './cli-support.mjs';
import { watchPostgres } from './postgres-cpu.mjs';
import { freshDatabase, withAdminClient } from './postgres-db.mjs';

register();

const { buildHub } = await import('../server/src/app.ts');
const { migrationSources } = await import('../server/src/migration-sources.ts');
const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
const { createLogger } = await import('../server/src/platform/logging/index.ts');
const { createArgon2PasswordHasher, ZCreateOrganisation } = await import(
  '../server/src/modules/identity/index.ts'
);

const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const pgbenchPath = '/usr/bin/pgbench';
const currency = 'CNY';
// Every customer account starts with this much (minor units) and transfers move 0.01 to 10.00:
// no account can run dry within a run, so a refusal is an error of the ledger, not of the load.
const openingBalanceMinor = 100_000_000n;
const largestTransferMinor = 1_000;
const warmupSeconds = 2;

const usage = `usage: npm run bench -- payments [options]

  --database-url <url>  the PostgreSQL server to run on (default ${defaultServerUrl},
                        or DATABASE_URL when set): a fresh database tradehub_bench_pay_<random>
                        is created there for the ledger, another for pgbench, and both are
                        dropped afterwards; nothing is written to the database the URL names
  --accounts <n>        customer accounts (default 10000)
  --hot <n>             accounts of the hot-account figure (default 10)
  --duration <s>        measured seconds per figure, after ${warmupSeconds} s of warm-up (default 15)
  --clients <n>         concurrent clients, each awaiting one request at a time (default 8)
  --batch <n>           transfers per linked batch (default 100)
  --skip-pgbench        leave out pgbench's TPC-B-like run
  --help                this text

Figures: ledger.single.spread, ledger.single.hot, ledger.batch<n>, ledger.pending+post,
pgbench.tpcb. After each ledger figure the ledger's invariants are recomputed.
Exit: 0 done (goals met or not), 1 a transfer failed, an invariant broke or setup failed,
2 bad options.`;

const parseOptions = (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'database-url': { type: 'string' },
        accounts: { type: 'string' },
        hot: { type: 'string' },
        duration: { type: 'string' },
        clients: { type: 'string' },
        batch: { type: 'string' },
        'skip-pgbench': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  const options = {
    help: values.help,
    serverUrl: values['database-url'] ?? process.env.DATABASE_URL ?? defaultServerUrl,
    accounts: positiveInt('accounts', values.accounts, 10_000),
    hot: positiveInt('hot', values.hot, 10),
    duration: positiveInt('duration', values.duration, 15),
    clients: positiveInt('clients', values.clients, 8),
    batch: positiveInt('batch', values.batch, 100),
    skipPgbench: values['skip-pgbench'],
  };
  if (options.accounts < 2 || options.hot < 2) {
    throw new UsageError('--accounts and --hot need at least 2 accounts: a transfer moves between two');
  }
  if (options.hot > options.accounts) {
    throw new UsageError('--hot cannot exceed --accounts');
  }
  return options;
};

// ---- databases --------------------------------------------------------------------------------

// A figure means little without the settings that decide a commit's cost.
const serverSettings = async (serverUrl) =>
  withAdminClient(serverUrl, async (client) => {
    const { rows } = await client.query(
      `select name, setting, unit from pg_settings
       where name in ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size')
       order by name`,
    );
    return Object.fromEntries(
      rows.map((row) => [
        row.name,
        row.name === 'shared_buffers' && row.unit === '8kB'
          ? `${(Number(row.setting) * 8) / 1024}MB`
          : row.name === 'max_wal_size' && row.unit === 'MB'
            ? `${row.setting}MB`
            : row.setting,
      ]),
    );
  });

// ---- CPU accounting ---------------------------------------------------------------------------
// The load generator, the hub code and PostgreSQL share the machine's cores, so each figure also
// says how much CPU this process and the database's backends used (as bench/trust-hub.mjs does).

let queries = 0;

// Counting at the driver sees every statement whatever builds it (BEGIN and COMMIT included), as
// bench/trust-hub.mjs does; the hub code loads this same pg module.
const countedQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(...args) {
  queries += 1;
  return countedQuery.apply(this, args);
};

// ---- load -------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pickIndex = (n) => Math.floor(Math.random() * n);

/** Two different indexes below `n`. */
const pickPair = (n) => {
  const a = pickIndex(n);
  const b = (a + 1 + pickIndex(n - 1)) % n;
  return [a, b];
};

const formatMinor = (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const randomAmount = () => formatMinor(1 + pickIndex(largestTransferMinor));

const percentile = (sorted, p) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

const errorCodeOf = (error) =>
  typeof error === 'object' && error !== null && typeof error.code === 'string' ? error.code : 'exception';

/**
 * Runs `request(client, seq)` from `clients` loops, each awaiting one request at a time, for the
 * warm-up and then `seconds` measured. A request counts when it completes inside the measured
 * window; it answers how many transfers it moved. Errors anywhere (warm-up too) are counted.
 */
const drive = async ({ clients, seconds, database, request }) => {
  const latencies = [];
  const errors = new Map();
  let transfers = 0;
  let window;
  let stopping = false;
  const worker = async (client) => {
    let seq = 0;
    while (!stopping) {
      const started = performance.now();
      try {
        const moved = await request(client, seq);
        const ended = performance.now();
        if (
          window !== undefined &&
          ended >= window.start &&
          (window.end === undefined || ended <= window.end)
        ) {
          latencies.push(ended - started);
          transfers += moved;
        }
      } catch (error) {
        const code = errorCodeOf(error);
        if (!errors.has(code)) {
          note(`${code}: ${error instanceof Error ? error.message : String(error)}`);
        }
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
      seq += 1;
    }
  };
  const workers = Array.from({ length: clients }, (_, client) => worker(client));
  await sleep(warmupSeconds * 1000);
  const cpuBefore = process.cpuUsage();
  const queriesBefore = queries;
  const stopWatching = watchPostgres(database);
  window = { start: performance.now(), end: undefined };
  await sleep(seconds * 1000);
  window.end = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const windowQueries = queries - queriesBefore;
  const postgresCpuS = stopWatching();
  stopping = true;
  await Promise.all(workers);
  const wallS = (window.end - window.start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    transfers,
    requests: latencies.length,
    perSecond: transfers / wallS,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    errorCount: [...errors.values()].reduce((sum, n) => sum + n, 0),
    // Per transfer moved in the window; statements of requests still in flight at its end count
    // too, so these err slightly high.
    nodeCpuMs: (cpu.user + cpu.system) / 1e3 / Math.max(transfers, 1),
    postgresCpuMs: (postgresCpuS * 1e3) / Math.max(transfers, 1),
    queries: windowQueries / Math.max(transfers, 1),
  };
};

// ---- setup ------------------------------------------------------------------------------------

/** The bench acts as the system: nothing is audited, as for the sweeper (see docs/benchmarks.md). */
const benchContext = { actor: null, audit: async () => {} };

/** Maps `items` through `work` with at most `limit` in flight. */
const mapLimited = async (items, limit, work) => {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const openHub = async (url, clients) => {
  // One connection per client, and two spare for the invariant checks between figures.
  const db = await openDatabase({ databaseUrl: url, poolMax: clients + 2 });
  const migrations = await loadMigrations(migrationSources);
  await migrate(db, migrations);
  const hub = await buildHub({
    config: {
      publicUrl: 'https://hub.bench.example',
      bodyLimitBytes: 1024 * 1024,
      writeRateMax: 600,
      webDistDir: undefined,
    },
    db,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
    migrations,
    passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  return { hub, db };
};

const createOrganisations = async (hub) => {
  const tag = randomBytes(4).toString('hex');
  const user = await hub.identity.createUser({
    email: `bench-payments-${tag}@hangzhou-bank.example`,
    displayName: '王芳 (bench)',
    password: `bench-${tag}-not-a-secret-worth-keeping`,
    locale: 'zh-CN',
  });
  const create = (nameZh, nameEn, kind) =>
    hub.identity.createOrganisation(
      benchContext,
      ZCreateOrganisation.parse({ nameZh, nameEn, kind, country: 'CN' }),
      user.id,
    );
  const bank = await create('杭州数字贸易银行（基准测试）', 'Hangzhou Digital Trade Bank (bench)', 'bank');
  const platform = await create(
    '义乌跨境电商平台（基准测试）',
    'Yiwu Cross-border Platform (bench)',
    'ecommerce_platform',
  );
  return { bankId: bank.id, platformId: platform.id };
};

/**
 * The bank's funding account (a settlement account with a limit: money held outside the hub)
 * pays every customer account its opening balance, in linked batches, before any clock starts.
 */
const openAccounts = async (hub, organisations, options) => {
  const funding = await hub.payments.createAccount(benchContext, organisations.bankId, {
    currency,
    code: 'bench.funding',
    kind: 'settlement',
    creditLimit: formatMinor(Number(openingBalanceMinor) * options.accounts),
  });
  const codes = Array.from({ length: options.accounts }, (_, i) => `bench.customer.${i}`);
  const accounts = await mapLimited(codes, options.clients, async (code) => {
    const account = await hub.payments.createAccount(benchContext, organisations.platformId, {
      currency,
      code,
    });
    return account.id;
  });
  const chunks = [];
  for (let at = 0; at < accounts.length; at += 500) {
    chunks.push(accounts.slice(at, at + 500));
  }
  await mapLimited(chunks, 2, (chunk, c) =>
    hub.payments.createBatch(
      benchContext,
      organisations.bankId,
      chunk.map((accountId, i) => ({
        id: `fund-${c}-${i}`,
        debitAccountId: funding.id,
        creditAccountId: accountId,
        amount: formatMinor(Number(openingBalanceMinor)),
        currency,
      })),
    ),
  );
  return accounts;
};

// ---- figures ----------------------------------------------------------------------------------

const grouped = (n) => Math.round(n).toLocaleString('en');
const ms = (value) => (Number.isNaN(value) ? '-' : `${value < 10 ? value.toFixed(1) : value.toFixed(0)}ms`);
const percent = (share) => `${Math.round(share * 100)}%`;

const verdict = (goal, result) => {
  if (goal === undefined) {
    return 'goal -';
  }
  const met = result.perSecond >= goal.perSecond && (goal.p99Ms === undefined || result.p99 <= goal.p99Ms);
  const p99 = goal.p99Ms === undefined ? '' : ` at p99 <= ${goal.p99Ms} ms`;
  return `goal ${grouped(goal.perSecond)}/s${p99}: ${met ? 'met' : 'not met'}`;
};

const figureLine = (name, unit, result, goal) =>
  [
    name.padEnd(22),
    `${grouped(result.perSecond)} ${unit}/s`.padEnd(20),
    `p50=${ms(result.p50)}`,
    `p99=${ms(result.p99)}`,
    `requests=${grouped(result.requests)}`,
    `errors=${result.errorCount}`,
    `node-cpu=${result.nodeCpuMs.toFixed(2)}ms`,
    `pg-cpu=${result.postgresCpuMs.toFixed(2)}ms`,
    `queries=${result.queries.toFixed(1)}`,
    `(per ${unit.replace(/s$/, '')})`,
    verdict(goal, result),
  ].join('  ');

const jsonOf = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Recomputes the ledger's invariants; false (and what broke) when any fails. */
const invariantsHold = async (hub, figure) => {
  const invariants = await hub.payments.ledgerInvariants();
  if (!invariants.ok) {
    note(`error: the ledger's invariants do not hold after ${figure}: ${jsonOf(invariants)}`);
  }
  return invariants.ok;
};

const ledgerFigures = (hub, platformId, accounts, options) => {
  const transfer = (figure, pool) => (client, seq) => {
    const [a, b] = pickPair(pool);
    return hub.payments
      .createTransfer(benchContext, platformId, {
        id: `${figure}-${client}-${seq}`,
        debitAccountId: accounts[a],
        creditAccountId: accounts[b],
        amount: randomAmount(),
        currency,
      })
      .then(() => 1);
  };
  const batchName = `ledger.batch${options.batch}`;
  return [
    {
      name: 'ledger.single.spread',
      unit: 'transfers',
      goal: { perSecond: 3_000, p99Ms: 20 },
      request: transfer('spread', accounts.length),
    },
    {
      name: 'ledger.single.hot',
      unit: 'transfers',
      goal: { perSecond: 1_000 },
      request: transfer('hot', options.hot),
    },
    {
      name: batchName,
      unit: 'transfers',
      goal: options.batch === 100 ? { perSecond: 20_000 } : undefined,
      request: (client, seq) =>
        hub.payments
          .createBatch(
            benchContext,
            platformId,
            Array.from({ length: options.batch }, (_, i) => {
              const [a, b] = pickPair(accounts.length);
              return {
                id: `batch-${client}-${seq}-${i}`,
                debitAccountId: accounts[a],
                creditAccountId: accounts[b],
                amount: randomAmount(),
                currency,
              };
            }),
          )
          .then((posted) => posted.length),
    },
    {
      // Two-phase: reserve, then post the reservation; one request here is the pair.
      name: 'ledger.pending+post',
      unit: 'pairs',
      goal: undefined,
      request: async (client, seq) => {
        const [a, b] = pickPair(accounts.length);
        const { transfer: pending } = await hub.payments.createTransfer(benchContext, platformId, {
          id: `pending-${client}-${seq}`,
          debitAccountId: accounts[a],
          creditAccountId: accounts[b],
          amount: randomAmount(),
          currency,
          pending: true,
          timeoutSeconds: 3600,
        });
        await hub.payments.resolvePending(benchContext, platformId, pending.id, 'post', {
          id: `post-${client}-${seq}`,
        });
        return 1;
      },
    },
  ];
};

/** Runs a command to its end; its stdout, or an error with its stderr. */
const runCommand = (command, args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve(stdout);
      } else {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
      }
    });
  });

/**
 * PostgreSQL's own ceiling for short write transactions on this server: pgbench's built-in
 * TPC-B-like script (three updates, a select and an insert per transaction), scale 10, on its own
 * fresh database, with the ledger figures' clients and duration.
 */
const pgbenchFigure = async (options) => {
  const database = await freshDatabase(options.serverUrl, 'tradehub_bench_pgbench');
  try {
    await runCommand(pgbenchPath, ['-i', '-s', '10', '-q', database.url]);
    const stopWatching = watchPostgres(database.name);
    const output = await runCommand(pgbenchPath, [
      '-c',
      String(options.clients),
      '-j',
      String(Math.min(2, options.clients)),
      '-T',
      String(options.duration),
      '-M',
      'prepared',
      database.url,
    ]);
    const postgresCpuS = stopWatching();
    const tps = Number(/^tps = ([\d.]+)/m.exec(output)?.[1]);
    const latency = Number(/^latency average = ([\d.]+) ms/m.exec(output)?.[1]);
    const processed = Number(/^number of transactions actually processed: (\d+)/m.exec(output)?.[1] ?? 0);
    const failed = Number(/^number of failed transactions: (\d+)/m.exec(output)?.[1] ?? 0);
    if (Number.isNaN(tps) || Number.isNaN(latency)) {
      throw new Error(`could not read tps and latency from pgbench's output:\n${output}`);
    }
    return [
      'pgbench.tpcb'.padEnd(22),
      `${grouped(tps)} tps`.padEnd(20),
      `latency-avg=${ms(latency)}`,
      `clients=${options.clients}`,
      `failed=${failed}`,
      `pg-cpu=${((postgresCpuS * 1e3) / Math.max(processed, 1)).toFixed(2)}ms (per transaction)`,
      "peer: the server's ceiling",
    ].join('  ');
  } finally {
    await database.drop();
  }
};

// ---- run --------------------------------------------------------------------------------------

const benchmark = async (options) => {
  const settings = await serverSettings(options.serverUrl);
  const idleBefore = await idleShare();
  say(
    [
      'machine'.padEnd(22),
      `cpu="${os.cpus()[0]?.model ?? 'unknown'}"`,
      `cores=${os.availableParallelism()}`,
      `node=${process.version}`,
      `idle-before=${percent(idleBefore)}`,
      `load-avg-before=${os.loadavg()[0].toFixed(2)}`,
      `postgresql=${settings.server_version}`,
      `fsync=${settings.fsync}`,
      `synchronous_commit=${settings.synchronous_commit}`,
      `shared_buffers=${settings.shared_buffers}`,
      `max_wal_size=${settings.max_wal_size}`,
    ].join('  '),
  );
  say(
    [
      'ledger'.padEnd(22),
      `accounts=${grouped(options.accounts)}`,
      `hot=${options.hot}`,
      `clients=${options.clients}`,
      `batch=${options.batch}`,
      `duration=${options.duration}s (after ${warmupSeconds}s warm-up)`,
    ].join('  '),
  );
  if (idleBefore < 0.8) {
    note(
      `warning: only ${percent(idleBefore)} of the CPU was idle before the run: other work is running and the figures will be low`,
    );
  }
  let failed = false;
  const database = await freshDatabase(options.serverUrl, 'tradehub_bench_pay');
  try {
    const { hub, db } = await openHub(database.url, options.clients);
    try {
      // The hub's background work (log sequencer, monitor, expiry sweeper, witnesses) would share
      // the cores with the figures; the bench needs only its modules on the open database.
      await hub.close();
      const setupStarted = performance.now();
      const organisations = await createOrganisations(hub);
      const accounts = await openAccounts(hub, organisations, options);
      note(
        `setup: ${grouped(accounts.length)} funded accounts in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
      );
      if (!(await invariantsHold(hub, 'setup'))) {
        return exitFailure;
      }
      for (const figure of ledgerFigures(hub, organisations.platformId, accounts, options)) {
        const result = await drive({
          clients: options.clients,
          seconds: options.duration,
          database: database.name,
          request: figure.request,
        });
        say(figureLine(figure.name, figure.unit, result, figure.goal));
        if (result.errorCount > 0) {
          note(`error: ${figure.name}: ${jsonOf(Object.fromEntries(result.errors))}`);
          failed = true;
        }
        if (!(await invariantsHold(hub, figure.name))) {
          return exitFailure;
        }
      }
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
  if (!options.skipPgbench) {
    say(await pgbenchFigure(options));
  }
  return failed ? exitFailure : exitOk;
};

// Other work on the machine takes cores from the clients and PostgreSQL alike; the share of CPU
// idle just before the run says whether the figures can be trusted.
const idleShare = async (sampleMs = 1_000) => {
  const totals = () =>
    os.cpus().reduce(
      (sum, { times }) => ({
        idle: sum.idle + times.idle,
        all: sum.all + times.user + times.nice + times.sys + times.idle + times.irq,
      }),
      { idle: 0, all: 0 },
    );
  const before = totals();
  await sleep(sampleMs);
  const after = totals();
  return after.all === before.all ? 1 : (after.idle - before.idle) / (after.all - before.all);
};

export const run = async (argv) => {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      note(`error: ${error.message}\n\n${usage}`);
      return exitUsage;
    }
    throw error;
  }
  if (options.help) {
    say(usage);
    return exitOk;
  }
  try {
    return await benchmark(options);
  } catch (error) {
    note(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return exitFailure;
  }
};
