// `npm run bench -- http`: requests/s and latency of an authenticated, access-checked read
// (GET /api/orgs/:orgId) with a session cookie and with an API key, beside GET /healthz (no
// auth, no database) as the floor of the stack. Server and database run on this machine; the
// server in a child process so the load generator does not share its event loop.
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { exitFailure, exitOk, exitUsage, note, positiveInt, say, UsageError } from './cli-support.mjs';
import { prepareDatabase, registerParty, requestTimeoutMs, startServer, stopServer } from './hub-process.mjs';

/** The acceptance goal for the authenticated reads. Missing it is reported, not failed. */
const goal = { requestsPerSecond: 1_000, p99Ms: 50 };
const warmupSeconds = 2;

const usage = `usage: npm run bench -- http [options]

  --duration <s>      seconds measured per target (default 10), after a ${warmupSeconds} s warm-up
  --connections <n>   concurrent connections (default 20)
  --pglite            run on the embedded PGlite (in memory) instead of PostgreSQL
  --profile <dir>     write a V8 CPU profile of the server process into <dir>
  --help              this text

Database: DATABASE_URL when set, else a fresh database tradehub_bench_<random> on
postgres://postgres@127.0.0.1:5432/postgres, dropped at the end.
Exit: 0 every response was 200, 1 errors or other statuses (or setup failed), 2 bad options.`;

const parseOptions = (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        pglite: { type: 'boolean', default: false },
        profile: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  return {
    help: values.help,
    pglite: values.pglite,
    profileDir: values.profile,
    duration: positiveInt('duration', values.duration, 10),
    connections: positiveInt('connections', values.connections, 20),
  };
};

// ---- load -----------------------------------------------------------------------------------

const targetsFor = (party) => [
  {
    name: 'http.read.session',
    path: `/api/orgs/${party.organisationId}`,
    headers: { cookie: party.cookie },
    hasGoal: true,
  },
  {
    name: 'http.read.apikey',
    path: `/api/orgs/${party.organisationId}`,
    headers: { authorization: `Bearer ${party.apiKey}` },
    hasGoal: true,
  },
  { name: 'http.healthz', path: '/healthz', headers: {}, hasGoal: false },
];

/** One request first, so a wrong credential fails in a second rather than after the whole run. */
const checkTarget = async (base, target) => {
  const response = await fetch(`${base}${target.path}`, {
    headers: target.headers,
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  if (response.status !== 200) {
    throw new Error(
      `${target.name}: GET ${target.path} answered ${response.status}: ${await response.text()}`,
    );
  }
};

const fire = (base, target, connections, seconds) =>
  autocannon({
    url: `${base}${target.path}`,
    headers: target.headers,
    connections,
    duration: seconds,
    timeout: requestTimeoutMs / 1000,
  });

const figuresOf = (result) => {
  const non200 = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => status !== '200')
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    non200,
  };
};

const failedFigures = (figures) =>
  figures.errors > 0 || figures.non2xx > 0 || figures.non200 > 0 || figures.total === 0;

/** What the server spent per request it received between two `stats` answers. */
const costOf = (before, after) => {
  const requests = after.requests - before.requests;
  return requests === 0
    ? { cpuMsPerRequest: 0, queriesPerRequest: 0 }
    : {
        cpuMsPerRequest: (after.cpuUs - before.cpuUs) / 1000 / requests,
        queriesPerRequest: (after.queries - before.queries) / requests,
      };
};

const measure = async (server, target, options) => {
  const base = `http://127.0.0.1:${server.port}`;
  note(`${target.name}: ${warmupSeconds} s warm-up, then ${options.duration} s measured`);
  const warmup = figuresOf(await fire(base, target, options.connections, warmupSeconds));
  const before = await server.stats();
  const result = await fire(base, target, options.connections, options.duration);
  const after = await server.stats();
  const figures = figuresOf(result);
  return {
    target,
    figures,
    cost: costOf(before, after),
    warmupFailed: failedFigures(warmup) ? warmup : undefined,
  };
};

// ---- report ---------------------------------------------------------------------------------

const ms = (value) => `${value < 10 ? value.toFixed(1) : Math.round(value)}ms`;

const verdict = (target, figures) => {
  if (!target.hasGoal) {
    return '(peer: no auth, no database)';
  }
  const met = figures.requestsPerSecond >= goal.requestsPerSecond && figures.p99 <= goal.p99Ms;
  return `(goal >= ${goal.requestsPerSecond} req/s, p99 <= ${goal.p99Ms} ms: ${met ? 'met' : 'not met'})`;
};

const summaryLine = ({ target, figures, cost }) =>
  [
    target.name.padEnd(18),
    `requests/s=${Math.round(figures.requestsPerSecond)}`,
    `p50=${ms(figures.p50)}`,
    `p99=${ms(figures.p99)}`,
    `errors=${figures.errors}`,
    `non2xx=${figures.non2xx}`,
    ...(figures.non200 > figures.non2xx ? [`non200=${figures.non200}`] : []),
    `server-cpu=${cost.cpuMsPerRequest.toFixed(2)}ms/req`,
    `queries/req=${cost.queriesPerRequest.toFixed(1)}`,
    verdict(target, figures),
  ].join('  ');

// Other work on the machine takes cores from the server, the database and the load generator
// alike. The share of CPU idle just before the run says whether the figures can be trusted; the
// load average lags by minutes, so it is printed only as a second opinion.
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
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = totals();
  return after.all === before.all ? 1 : (after.idle - before.idle) / (after.all - before.all);
};

const busyWarning = (idle) =>
  idle < 0.8
    ? `warning: only ${Math.round(idle * 100)}% of the CPU was idle before the run: other work is running and the figures will be low`
    : undefined;

const machineLine = (server, database, options, before) => {
  const cpus = os.cpus();
  const memoryGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  const engine = server.engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
  return [
    'machine'.padEnd(18),
    `cpu="${cpus[0]?.model ?? 'unknown'}"`,
    `cores=${os.availableParallelism()}`,
    `memory=${memoryGiB}GiB`,
    `node=${process.version}`,
    `idle-before=${Math.round(before.idle * 100)}%`,
    `load-avg-before=${before.loadAverage.toFixed(2)}`,
    `engine="${engine} ${server.engineVersion}" (${database.label})`,
    `connections=${options.connections}`,
    `duration=${options.duration}s`,
  ].join('  ');
};

// ---- run ------------------------------------------------------------------------------------

/** Runs every target against a started server; true when every response was a 200. */
const benchmark = async (server, database, options) => {
  const base = `http://127.0.0.1:${server.port}`;
  const before = { idle: await idleShare(), loadAverage: os.loadavg()[0] };
  const party = await registerParty(base);
  const targets = targetsFor(party);
  for (const target of targets) {
    await checkTarget(base, target);
  }
  const runs = [];
  for (const target of targets) {
    runs.push(await measure(server, target, options));
  }
  say(machineLine(server, database, options, before));
  const warning = busyWarning(before.idle);
  if (warning !== undefined) {
    say(warning);
  }
  for (const run of runs) {
    say(summaryLine(run));
  }
  let clean = true;
  for (const run of runs) {
    if (run.warmupFailed !== undefined) {
      note(`FAILED: ${run.target.name} warm-up: ${JSON.stringify(run.warmupFailed)}`);
      clean = false;
    }
    if (failedFigures(run.figures)) {
      note(`FAILED: ${run.target.name} had errors or non-200 responses: ${JSON.stringify(run.figures)}`);
      clean = false;
    }
  }
  return clean;
};

/** Kills the server and drops the database however the run ends, at most once. */
const createCleanup = () => {
  const steps = [];
  let done;
  return {
    add: (step) => steps.unshift(step),
    run: () => {
      done ??= (async () => {
        for (const step of steps) {
          await step().catch((error) => note(`cleanup: ${error.message}`));
        }
      })();
      return done;
    },
  };
};

// The whole run is bounded: start-up, three targets with their warm-ups, and clean-up.
const budgetMs = (options) => readyTimeoutMs + 3 * (options.duration + warmupSeconds + 30) * 1000 + 60_000;

const runWithin = async (options, work, cleanup) => {
  const watchdog = setTimeout(() => {
    note(`FAILED: the benchmark overran its ${Math.round(budgetMs(options) / 1000)} s budget`);
    void cleanup.run().finally(() => process.exit(exitFailure));
  }, budgetMs(options));
  const interrupt = () => {
    note('interrupted: stopping the server and dropping the database');
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await work();
  } finally {
    clearTimeout(watchdog);
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await cleanup.run();
  }
};

export const run = async (argv) => {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
    note(`error: ${error.message}\n\n${usage}`);
    return exitUsage;
  }
  if (options.help) {
    say(usage);
    return exitOk;
  }
  const cleanup = createCleanup();
  try {
    const clean = await runWithin(
      options,
      async () => {
        const database = await prepareDatabase(options);
        cleanup.add(database.drop);
        const server = await startServer(database.url, options.profileDir);
        cleanup.add(() => stopServer(server.child));
        note(`server pid ${server.child.pid} on 127.0.0.1:${server.port}, ${database.label}`);
        return benchmark(server, database, options);
      },
      cleanup,
    );
    return clean ? exitOk : exitFailure;
  } catch (error) {
    note(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return exitFailure;
  }
};
