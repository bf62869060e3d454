// The hub under test, run in its own process so the load generator in the parent does not share
// its event loop. Migrates the database named by DATABASE_URL (in-memory PGlite without one),
// builds the hub as `tradehub start` does, listens on an ephemeral port on 127.0.0.1 and prints
// `{"port":…,"engine":…,"engineVersion":…}` on stdout. Logs go to stderr.
//
// Each `stats` line on stdin is answered with one line `{"requests":…,"cpuUs":…,"queries":…}`:
// the requests this process has received, the CPU it has used and the database queries it has
// sent so far, so the parent can tell what one request costs the server whatever else the
// machine is doing.
//
// It stops on SIGTERM/SIGINT, and when stdin closes: the parent holds the other end, so the
// server cannot outlive a parent that was killed.
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { register } from 'tsx/esm/api';

register();

const { buildHub } = await import('../server/src/app.ts');
const { migrationSources } = await import('../server/src/migration-sources.ts');
const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
const { createLogger } = await import('../server/src/platform/logging/index.ts');

const databaseUrl = process.env.DATABASE_URL || undefined;

let queries = 0;
let requests = 0;

// Counting at the driver sees every query whatever builds it; one increment costs nothing next
// to a round trip. The hub loads these same module instances.
const countCalls = (prototype, method) => {
  const original = prototype[method];
  prototype[method] = function counted(...args) {
    queries += 1;
    return original.apply(this, args);
  };
};
countCalls(pg.Client.prototype, 'query');
countCalls(PGlite.prototype, 'query');
countCalls(PGlite.prototype, 'exec');

const stats = () => {
  const cpu = process.cpuUsage();
  return { requests, cpuUs: cpu.user + cpu.system, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, queries };
};

const openMigrated = async () => {
  const db = await openDatabase(databaseUrl === undefined ? {} : { databaseUrl });
  const migrations = await loadMigrations(migrationSources);
  await migrate(db, migrations);
  return { db, migrations };
};

// Reported with the figures: a number means little without the engine that produced it.
const engineVersion = async (db) => {
  const row = await db.kysely
    .selectNoFrom((eb) => eb.fn('current_setting', [eb.val('server_version')]).as('version'))
    .executeTakeFirstOrThrow();
  return row.version;
};

const start = async () => {
  const { db, migrations } = await openMigrated();
  // stderr, because stdout carries the handshake; warn keeps per-request logging out of the figures.
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const hub = await buildHub({
    config: {
      publicUrl: 'http://127.0.0.1',
      bodyLimitBytes: 1024 * 1024,
      // An operator raises it for a platform's clearance system (TRADEHUB_WRITE_RATE_MAX); so does cbec.
      writeRateMax: Number(process.env.TRADEHUB_WRITE_RATE_MAX ?? 600),
      webDistDir: undefined,
    },
    db,
    logger,
    migrations,
  });
  const address = await listen(hub);
  // The bus polls the outbox once a second in production too; leaving it off would flatter the hub.
  hub.bus.start();
  const version = await engineVersion(db);
  process.stdout.write(
    `${JSON.stringify({ port: address.port, engine: db.engine, engineVersion: version })}\n`,
  );

  return { hub, db };
};

const listen = async (hub) => {
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  hub.app.server.on('request', () => {
    requests += 1;
  });
  return hub.app.server.address();
};

const running = await start();

let stopping = false;
const stop = async () => {
  if (stopping) {
    return;
  }
  stopping = true;
  await running.hub.close();
  await running.db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('error', () => void stop());
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() === 'stats') {
      process.stdout.write(`${JSON.stringify(stats())}\n`);
    }
  })
  .on('close', () => void stop());
