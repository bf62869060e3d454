// `npm run bench -- log`: transparency-log appends per second, sustained, on the real code path:
// batches of 266-byte entries (the TradeLogEntry v1 size) are queued in their own transactions
// with the module's queueEntries and integrated by integratePending (entries stored, tiles grown
// along the right edge, root computed from the tiles, checkpoint signed and stored), for batch
// sizes 256 and 1024: once strictly one after the other, once with several writers and the
// module's sequencer running side by side, as in a hub. The goal is 20,000 entries/s on
// PostgreSQL.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { exitFailure, exitOk, exitUsage, note, positiveInt, say, UsageError } from './cli-support.mjs';
import { freshDatabase as freshServerDatabase } from './postgres-db.mjs';

register();

const { createTransparencyLogModule } = await import('../server/src/modules/transparency-log/index.ts');
const { migrationSources } = await import('../server/src/migration-sources.ts');
const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
const { createLogger } = await import('../server/src/platform/logging/index.ts');

/** The acceptance goal on PostgreSQL. Missing it is reported, not failed. */
const goalEntriesPerSecond = 20_000;
const entryBytes = 266;
const warmupBatches = 4;

const usage = `usage: npm run bench -- log [options]

  --entries <n>         entries appended per batch size (default 100000)
  --batches <list>      comma-separated batch sizes (default 256,1024)
  --writers <n>         concurrent writers in the pipelined run (default 4)
  --database-url <url>  run on the PostgreSQL server of <url>: a fresh database
                        tradehub_bench_log_<random> is created there for each batch size and
                        dropped afterwards (the log is append-only: a benchmark must never
                        write into a real one). Without it: PGlite in memory.
  --help                this text

Exit: 0 done, 1 setup or a check failed, 2 bad options.`;

const parseOptions = (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        entries: { type: 'string' },
        batches: { type: 'string' },
        writers: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  const batches = (values.batches ?? '256,1024').split(',').map((text) => positiveInt('batches', text));
  return {
    help: values.help,
    entries: values.entries === undefined ? 100_000 : positiveInt('entries', values.entries),
    batches,
    writers: values.writers === undefined ? 4 : positiveInt('writers', values.writers),
    databaseUrl: values['database-url'],
  };
};

/** A fresh, migrated database for one run, and how to remove it. */
const freshDatabase = async (serverUrl) => {
  if (serverUrl === undefined) {
    const db = await openDatabase({});
    return { db, label: 'PGlite in memory', drop: async () => {} };
  }
  const database = await freshServerDatabase(serverUrl, 'tradehub_bench_log');
  const db = await openDatabase({ databaseUrl: database.url });
  return { db, label: 'PostgreSQL', drop: database.drop };
};

// Reported with the figures: a number means little without the engine that produced it.
const engineVersion = async (db) => {
  const row = await db.kysely
    .selectNoFrom((eb) => eb.fn('current_setting', [eb.val('server_version')]).as('version'))
    .executeTakeFirstOrThrow();
  return row.version;
};

/** Random 266-byte entries, made before the clock starts. */
const makeEntries = (count) => {
  const pool = randomBytes(count * entryBytes);
  return Array.from(
    { length: count },
    (_, i) => new Uint8Array(pool.buffer, pool.byteOffset + i * entryBytes, entryBytes),
  );
};

// queueEntries takes at most 1,000 entries per call; a larger batch is queued in several calls.
const queueChunk = 1_000;

const appendBatch = async (db, log, bodies) => {
  await db.transaction(async (trx) => {
    for (let at = 0; at < bodies.length; at += queueChunk) {
      await log.queueEntries(trx, bodies.slice(at, at + queueChunk));
    }
  });
  const integration = await log.integratePending({ batchMax: bodies.length });
  if (integration.integrated !== bodies.length) {
    throw new Error(`integrated ${integration.integrated} of ${bodies.length}`);
  }
  return integration.size;
};

/**
 * Sequential: one writer queues a batch and commits, then the batch is integrated, then the
 * next. Every batch pays two commits (two WAL flushes) one after the other: the floor.
 */
const sequential = async (db, log, entries, batch) => {
  let size = 0;
  for (let at = 0; at < entries.length; at += batch) {
    size = await appendBatch(db, log, entries.slice(at, at + batch));
  }
  return size;
};

/**
 * Pipelined, as a hub runs: several writers queue batches in their own transactions and poke
 * the sequencer after each commit, while the sequencer integrates (size bound `batch`, time
 * bound 50 ms). The clock stops when a checkpoint covers every entry.
 */
const pipelined = async (db, log, entries, batch, writers, target) => {
  const sequencer = log.createSequencer({ batchMax: batch, intervalMs: 50 });
  sequencer.start();
  let next = 0;
  const write = async () => {
    while (next < entries.length) {
      const slice = entries.slice(next, next + batch);
      next += batch;
      await db.transaction(async (trx) => {
        for (let at = 0; at < slice.length; at += queueChunk) {
          await log.queueEntries(trx, slice.slice(at, at + queueChunk));
        }
      });
      sequencer.poke(slice.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: writers }, write));
    if (!(await sequencer.waitUntilIntegrated(target, 300_000))) {
      throw new Error(`no checkpoint of size ${target} within 5 minutes`);
    }
  } finally {
    await sequencer.stop();
  }
  return (await log.latestCheckpoint())?.size ?? 0;
};

const runMode = async (options, batch, mode) => {
  const { db, label, drop } = await freshDatabase(options.databaseUrl);
  try {
    await migrate(db, await loadMigrations(migrationSources));
    const version = await engineVersion(db);
    const log = createTransparencyLogModule({
      db,
      logger: createLogger({ level: 'warn', destination: process.stderr }),
      secretKey: randomBytes(32),
      publicUrl: 'http://bench.invalid',
    });
    const warmup = makeEntries(warmupBatches * batch);
    await sequential(db, log, warmup, batch);
    const entries = makeEntries(options.entries);
    const target = warmup.length + entries.length;
    const startedAt = performance.now();
    const cpuBefore = process.cpuUsage();
    const size =
      mode === 'sequential'
        ? await sequential(db, log, entries, batch)
        : await pipelined(db, log, entries, batch, options.writers, target);
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (size !== target) {
      throw new Error(`the tree has ${size} entries, expected ${target}`);
    }
    const latest = await log.latestCheckpoint();
    if (latest?.size !== size) {
      throw new Error(`the latest checkpoint is of size ${latest?.size}, expected ${size}`);
    }
    const rate = entries.length / seconds;
    const how = mode === 'sequential' ? 'sequential          ' : `${options.writers} writers + sequencer`;
    return {
      label: `${label} ${version}`,
      line:
        `log append, batch ${String(batch).padStart(4)}, ${how}: ${Math.round(rate).toLocaleString('en')} entries/s ` +
        `(${entries.length.toLocaleString('en')} entries in ${seconds.toFixed(2)} s, ` +
        `Node CPU ${((cpu.user + cpu.system) / 1000 / seconds / 10).toFixed(0)} %)`,
      rate,
    };
  } finally {
    await db.close();
    await drop();
  }
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
    const results = [];
    for (const batch of options.batches) {
      for (const mode of ['sequential', 'pipelined']) {
        const result = await runMode(options, batch, mode);
        if (results.length === 0) {
          say(
            `# ${result.label}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; Node ${process.version}`,
          );
        }
        say(result.line);
        results.push(result);
      }
    }
    if (options.databaseUrl !== undefined) {
      const best = Math.max(...results.map((result) => result.rate));
      say(
        `goal ${goalEntriesPerSecond.toLocaleString('en')} entries/s on PostgreSQL: ${best >= goalEntriesPerSecond ? 'met' : 'NOT met'}`,
      );
    }
    return exitOk;
  } catch (error) {
    note(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return exitFailure;
  }
};
