// `npm run bench -- logistics`: DCSA tracking events ingested per second on PostgreSQL (issue 6),
// through the logistics module's own use case (ingestEvents: schema and business checks, the
// shipment lookup, the insert, the outbox event, the hash chain under the shipment lock, and one
// signed TRACE_BATCH log entry per batch), with the hub's transparency-log sequencer running.
// The clock stops only once the log has integrated every batch's entry: the figure includes the
// log commitment, not just the queueing. Goal: >= 5,000 events/s (issue 6). A missed goal is
// reported; only errors fail the run.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
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
const goalPerSecond = 5_000;

const usage = `usage: npm run bench -- logistics [options]

  --database-url <url>  the PostgreSQL server to run on (default ${defaultServerUrl},
                        or DATABASE_URL when set): a fresh database tradehub_bench_log_<random>
                        is created there and dropped afterwards
  --events <n>          events to ingest in the measured run (default 100000)
  --batch <n>           events per ingest call, at most 500 (default 500)
  --clients <n>         concurrent senders, each awaiting one batch at a time (default 4)
  --shipments <n>       shipments the events are spread over (default 200); each sender reports
                        on its own share of them, as a carrier reports on its own bookings
  --help                this text

Figure: logistics.ingest (events/s from the first batch sent until the log has integrated the
last batch's TRACE_BATCH entry). Exit: 0 done (goal met or not), 1 an ingest failed or setup
failed, 2 bad options.`;

const parseOptions = (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'database-url': { type: 'string' },
        events: { type: 'string' },
        batch: { type: 'string' },
        clients: { type: 'string' },
        shipments: { type: 'string' },
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
    events: positiveInt('events', values.events, 100_000),
    batch: positiveInt('batch', values.batch, 500),
    clients: positiveInt('clients', values.clients, 4),
    shipments: positiveInt('shipments', values.shipments, 200),
  };
  if (options.batch > 500) {
    throw new UsageError('--batch is at most 500, the largest batch the ingest accepts');
  }
  if (options.shipments < options.clients) {
    throw new UsageError('--shipments must be at least --clients: each sender reports on its own shipments');
  }
  return options;
};

const serverVersion = (serverUrl) =>
  withAdminClient(serverUrl, async (client) => {
    const { rows } = await client.query(
      `select name, setting from pg_settings where name in ('server_version', 'synchronous_commit') order by name`,
    );
    return rows.map((row) => `${row.name}=${row.setting}`).join(' ');
  });

/** The bench acts as the system: nothing is audited (see docs/benchmarks.md). */
const benchContext = { actor: null, audit: async () => {} };

const grouped = (n) => Math.round(n).toLocaleString('en');

const openHub = async (url, clients) => {
  const db = await openDatabase({ databaseUrl: url, poolMax: clients + 4 });
  const migrations = await loadMigrations(migrationSources);
  await migrate(db, migrations);
  const hub = await buildHub({
    config: {
      publicUrl: 'https://hub.bench.example',
      bodyLimitBytes: 1024 * 1024,
      writeRateMax: 600,
      webDistDir: undefined,
      // The monitor would re-read the whole log while the figure runs: not part of ingesting.
      logMonitorIntervalMs: 0,
    },
    db,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
    migrations,
    passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  return { hub, db };
};

/** A shipper (exporter) with an order, and one carrier per sender, each named on its shipments. */
const setUp = async (hub, options) => {
  const tag = randomBytes(4).toString('hex');
  const user = await hub.identity.createUser({
    email: `bench-logistics-${tag}@yiwu-toys.example`,
    displayName: '李娜 (bench)',
    password: `bench-${tag}-not-a-secret-worth-keeping`,
    locale: 'zh-CN',
  });
  const create = (nameZh, nameEn, kind) =>
    hub.identity.createOrganisation(
      benchContext,
      ZCreateOrganisation.parse({ nameZh, nameEn, kind, country: 'CN' }),
      user.id,
    );
  const shipper = await create('义乌玩具出口公司（基准测试）', 'Yiwu Toys Export (bench)', 'exporter');
  const carriers = [];
  for (let c = 0; c < options.clients; c++) {
    carriers.push(
      await create(`宁波远洋承运人${c}（基准测试）`, `Ningbo Ocean Carrier ${c} (bench)`, 'carrier'),
    );
  }
  const order = await hub.trade.createOrder(benchContext, shipper.id, {
    buyerReference: `PO-BENCH-${tag}`,
    currency: 'USD',
    seller: { organisationId: shipper.id, name: 'Yiwu Toys Export', country: 'CN' },
    buyer: { name: 'Hamburg Spielwaren GmbH', country: 'DE', email: 'einkauf@spielwaren.example' },
    incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
    paymentTerms: 'T/T',
    lines: [
      {
        descriptionEn: 'Toy bricks',
        hsCode: '950300',
        quantity: '100',
        unitCode: 'H87',
        unitPrice: { amount: '2.00', currency: 'USD' },
      },
    ],
  });
  const shipmentsOf = carriers.map(() => []);
  for (let s = 0; s < options.shipments; s++) {
    const c = s % options.clients;
    const transportDocument = `TDR-B${tag.slice(0, 4)}-${s}`;
    await hub.logistics.createShipment(benchContext, shipper.id, {
      reference: `YW-BENCH-${s}`,
      orderIds: [order.id],
      carrierOrganisationId: carriers[c].id,
      transportDocumentReference: transportDocument,
      legs: [
        {
          mode: 'sea',
          origin: 'CNNGB',
          destination: 'NLRTM',
          plannedDeparture: '2026-12-01T08:00:00+08:00',
          plannedArrival: '2027-01-05T06:00:00+01:00',
        },
      ],
      containers: [],
      cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' }],
    });
    shipmentsOf[c].push(transportDocument);
  }
  return { carriers, shipmentsOf };
};

const codes = ['RECE', 'CONF', 'ISSU', 'APPR', 'SURR', 'RELS'];

/** A batch of DCSA shipment events, each about one of the sender's shipments (at random). */
const batchOf = (size, transportDocuments) =>
  Array.from({ length: size }, (_, i) => ({
    eventID: randomUUID(),
    eventCreatedDateTime: '2026-01-09T14:12:56+01:00',
    eventType: 'SHIPMENT',
    eventClassifierCode: 'ACT',
    eventDateTime: `2026-01-${String(10 + (i % 18)).padStart(2, '0')}T07:41:00+08:00`,
    shipmentEventTypeCode: codes[i % codes.length],
    documentID: transportDocuments[Math.floor(Math.random() * transportDocuments.length)],
    documentTypeCode: 'TRD',
  }));

export const run = async (argv) => {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${usage}\n`);
      return exitUsage;
    }
    throw error;
  }
  if (options.help) {
    say(usage);
    return exitOk;
  }
  note(
    `logistics bench: ${grouped(options.events)} events in batches of ${options.batch}, ${options.clients} senders, ${options.shipments} shipments; ${os.cpus().length} CPUs, node ${process.version}, ${await serverVersion(options.serverUrl)}`,
  );
  const database = await freshDatabase(options.serverUrl, 'tradehub_bench_logistics');
  try {
    const { hub, db } = await openHub(database.url, options.clients);
    try {
      const { carriers, shipmentsOf } = await setUp(hub, options);
      // Warm-up: one batch per sender, integrated, before the clock starts.
      await Promise.all(
        carriers.map((carrier, c) =>
          hub.logistics.ingestEvents(benchContext, carrier.id, batchOf(options.batch, shipmentsOf[c])),
        ),
      );
      await hub.transparencyLog.sequencer.integrateNow();
      const sizeBefore = (await hub.transparencyLog.latestCheckpoint())?.size ?? 0;
      const batches = Math.ceil(options.events / options.batch);
      let next = 0;
      let ingested = 0;
      let failures = 0;
      const cpuBefore = process.cpuUsage();
      const stopWatching = watchPostgres(database.name);
      const started = performance.now();
      const sender = async (c) => {
        while (next < batches) {
          next += 1;
          const events = batchOf(options.batch, shipmentsOf[c]);
          try {
            const outcomes = await hub.logistics.ingestEvents(benchContext, carriers[c].id, events);
            ingested += outcomes.filter((o) => o.status === 'accepted').length;
          } catch (error) {
            failures += 1;
            note(`error: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      };
      await Promise.all(carriers.map((_, c) => sender(c)));
      const queuedAt = performance.now();
      // One TRACE_BATCH entry per successful batch: the figure ends when the log holds them all.
      const integrated = await hub.transparencyLog.sequencer.waitUntilIntegrated(
        sizeBefore + batches - failures,
        120_000,
      );
      const ended = performance.now();
      const cpu = process.cpuUsage(cpuBefore);
      const postgresCpuS = stopWatching();
      const seconds = (ended - started) / 1000;
      const perSecond = ingested / seconds;
      say(
        `logistics.ingest  ${grouped(perSecond)} events/s  (${grouped(ingested)} events in ${seconds.toFixed(1)} s, last entry integrated ${((ended - queuedAt) / 1000).toFixed(2)} s after the last batch; node ${((cpu.user + cpu.system) / 1e3 / seconds / 10).toFixed(0)} % of a core, PostgreSQL ${((postgresCpuS * 100) / seconds).toFixed(0)} %)  goal >= ${grouped(goalPerSecond)}: ${perSecond >= goalPerSecond ? 'met' : 'MISSED'}`,
      );
      const { rows } = await sql`
        select count(*)::int as events, count(distinct shipment_id)::int as shipments,
          (select count(*)::int from logistics.trace_commitments) as heads
        from logistics.tracking_events`.execute(db.kysely);
      note(`stored: ${JSON.stringify(rows[0])}`);
      await hub.close();
      if (!integrated) {
        note('error: the log did not integrate every TRACE_BATCH entry within 120 s');
        return exitFailure;
      }
      return failures > 0 ? exitFailure : exitOk;
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
};
