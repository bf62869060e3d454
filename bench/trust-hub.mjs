import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { watchPostgres } from './postgres-cpu.mjs';

register();

const { buildHub } = await import('../server/src/app.ts');
const { migrationSources } = await import('../server/src/migration-sources.ts');
const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
const { createLogger } = await import('../server/src/platform/logging/index.ts');
const { ZCreateOrganisation, createArgon2PasswordHasher } = await import(
  '../server/src/modules/identity/index.ts'
);
const { loadUserRoles } = await import('../server/src/platform/access/index.ts');
const { appendAudit } = await import('../server/src/platform/audit/index.ts');
const verifier = await import('../packages/verifier/src/index.ts');
const { sql } = await import('kysely');

const publicUrl = 'https://hub.bench.example';

const seconds = (startMs) => (performance.now() - startMs) / 1000;

// ---- CPU accounting -------------------------------------------------------------------------
// Other work shares this machine, so wall time alone says little: each phase also reports the
// CPU it cost, in this process (all its threads: crypto jobs, GC) and in the PostgreSQL
// backends serving the benchmark's database, read from /proc.

let queries = 0;

// Counting at the driver sees every query whatever builds it (as bench/serve-hub.mjs does); the
// hub loads these same module instances.
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

/** Wall time and CPU of one measured stretch; `add` sums stretches (chunks of one phase). */
const createMeter = (database) => {
  const zero = () => ({ wallS: 0, cpuS: 0, dbCpuS: 0, queries: 0 });
  const snapshot = () => {
    const cpu = process.cpuUsage();
    return { wall: performance.now(), cpuS: (cpu.user + cpu.system) / 1e6, queries };
  };
  return {
    zero,
    start: () => {
      const before = snapshot();
      const postgres = watchPostgres(database);
      return () => {
        const after = snapshot();
        return {
          wallS: (after.wall - before.wall) / 1000,
          cpuS: after.cpuS - before.cpuS,
          dbCpuS: postgres(),
          queries: after.queries - before.queries,
        };
      };
    },
    add: (a, b) => ({
      wallS: a.wallS + b.wallS,
      cpuS: a.cpuS + b.cpuS,
      dbCpuS: a.dbCpuS + b.dbCpuS,
      queries: a.queries + b.queries,
    }),
  };
};

/** What the benchmark needs from code other people are writing, named so a gap is obvious. */
const requireFunction = (owner, name, fn) => {
  if (typeof fn !== 'function') {
    throw new Error(`${owner} has no function ${name} yet: the trust benchmark cannot run without it`);
  }
  return fn;
};

// ---- profiling ------------------------------------------------------------------------------

/** Runs `work` under the V8 CPU profiler when `dir` is set, writing `<dir>/<name>.cpuprofile`. */
const profiled = async (dir, name, work) => {
  if (dir === undefined) {
    return work();
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
};

// ---- the hub --------------------------------------------------------------------------------

const engineVersion = async (db) => {
  const row = await db.kysely
    .selectNoFrom((eb) => eb.fn('current_setting', [eb.val('server_version')]).as('version'))
    .executeTakeFirstOrThrow();
  return row.version;
};

/** The person and organisation issuing one measured run, new each time so lists start empty. */
const createIssuer = async (hub, runNumber) => {
  const tag = `${Date.now().toString(36)}-${runNumber}`;
  const user = await hub.identity.createUser({
    email: `bench-trust-${tag}@yiwu-commodities.example`,
    displayName: '陈丽 (bench)',
    password: `bench-${tag}-not-a-secret-worth-keeping`,
    locale: 'zh-CN',
  });
  const systemAudit = (action) => (ex, change) =>
    appendAudit(ex, {
      organisationId: change.organisationId,
      actor: { type: 'system', id: null, label: 'tradehub bench' },
      action,
      object: change.object,
      requestId: 'req_bench_trust',
      outcome: 'success',
      statusCode: 200,
    }).then(() => undefined);
  const organisation = await hub.identity.createOrganisation(
    { actor: null, audit: systemAudit('identity.organisation.create') },
    ZCreateOrganisation.parse({
      nameZh: '义乌市小商品进出口有限公司',
      nameEn: 'Yiwu Small Commodities Import & Export Co., Ltd.',
      kind: 'exporter',
      country: 'CN',
    }),
    user.id,
  );
  const actor = {
    kind: 'user',
    userId: user.id,
    sessionId: null,
    label: user.email,
    roles: await loadUserRoles(hub.db.kysely, user.id),
  };
  return { organisationId: organisation.id, actor };
};

/**
 * The hub's own trust policy, as a verifier fetches it from `GET /log/trust-policy`, with the
 * issuer's DID document pinned, as a relying party that knows the issuer would pin it.
 */
const trustPolicyOf = async (hub, organisationId) => {
  const response = await hub.app.inject({ method: 'GET', url: '/log/trust-policy' });
  // The web app answers unknown paths with its index page: only JSON is a policy.
  if (response.statusCode !== 200 || !String(response.headers['content-type']).includes('json')) {
    throw new Error(
      `GET /log/trust-policy answered ${response.statusCode} ${response.headers['content-type']}: ${response.body.slice(0, 200)}`,
    );
  }
  const policy = JSON.parse(response.body);
  const didDocument = await hub.identity.signingKeys.didDocument(organisationId);
  return {
    ...policy,
    issuers: {
      ...(policy.issuers ?? {}),
      didDocuments: { ...(policy.issuers?.didDocuments ?? {}), [didDocument.id]: didDocument },
    },
  };
};

/** Integrates every pending entry, `batchMax` per transaction, until none is left. */
const integrateAll = async (hub, batchMax, expected, progress) => {
  const integratePending = requireFunction(
    'the transparency-log module',
    'integratePending',
    hub.transparencyLog.integratePending,
  );
  let integrated = 0;
  let checkpoints = 0;
  let reported = 0;
  for (;;) {
    const batch = await integratePending({ batchMax });
    if (batch.integrated === 0) {
      break;
    }
    integrated += batch.integrated;
    checkpoints += 1;
    if (integrated - reported >= 20_000) {
      reported = integrated;
      progress(`hub: integrated ${integrated.toLocaleString('en')} of ${expected.toLocaleString('en')}`);
    }
  }
  return { integrated, checkpoints };
};

/** Entries ever queued to the log, pending and integrated together: the tree size once all integrate. */
const queuedEver = async (db) =>
  Number(
    (
      await sql`select (select count(*) from transparency_log.pending) +
        (select count(*) from transparency_log.entries) as n`.execute(db.kysely)
    ).rows[0]?.n,
  );

/** The documents module's input for each invoice: the payload is the credential subject. */
const inputsOf = (invoices) =>
  invoices.map((invoice) => ({
    documentType: 'CommercialInvoice',
    documentNumber: invoice.documentNumber,
    subject: invoice.payload,
  }));

/** Maps `items` through `work` with at most `limit` in flight, keeping the order. */
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

const reasonsOf = (report) =>
  report.checks
    .filter((check) => check.verdict !== 'OK' && check.verdict !== 'SKIPPED')
    .map((check) => `${check.check}=${check.verdict}:${check.reason}`)
    .join(', ');

/**
 * Opens the database (PGlite in `dataDir`, or PostgreSQL at `databaseUrl`), migrates it and
 * builds the hub as `tradehub start` does. `measure(invoices)` then runs one measured size.
 */
export const openTradehub = async ({ databaseUrl, dataDir, logBatch, progress }) => {
  const db = await openDatabase(databaseUrl === undefined ? { dataDir } : { databaseUrl });
  const migrations = await loadMigrations(migrationSources);
  await migrate(db, migrations);
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const hub = await buildHub({
    // The sequencer's batch bound is the benchmark's; its time bound stays the hub's default.
    config: {
      publicUrl,
      bodyLimitBytes: 1024 * 1024,
      writeRateMax: 600,
      webDistDir: undefined,
      logBatchMax: logBatch,
    },
    db,
    logger,
    migrations,
    // One owner per measured size: the production hash cost would only slow set-up.
    passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  // buildHub starts the sequencer and the log monitor as `tradehub start` does. Each phase is
  // timed alone, so they stay off except in the pipelined measurement, which restarts the
  // sequencer.
  await hub.transparencyLog.sequencer.stop();
  await hub.transparencyLog.monitor.stop();
  const version = await engineVersion(db);
  const label =
    db.engine === 'pglite'
      ? `PGlite ${version} in a temporary directory (in this process)`
      : `PostgreSQL ${version} at ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`;
  let runs = 0;
  const meter = createMeter(databaseUrl === undefined ? undefined : new URL(databaseUrl).pathname.slice(1));

  const measure = async (
    invoices,
    { chunk, logBatch, verifyMax, profileDir, progress: report = progress },
  ) => {
    const documents = hub.documents;
    if (documents === undefined) {
      throw new Error('buildHub returns no documents module yet: the trust benchmark cannot run without it');
    }
    const issueDocuments = requireFunction(
      'the documents module',
      'issueDocuments',
      documents.issueDocuments,
    );
    const createVerifier = requireFunction('@tradehub/verifier', 'createVerifier', verifier.createVerifier);
    const getBundle = requireFunction('the documents module', 'getBundle', documents.getBundle);
    runs += 1;
    const n = invoices.length;
    const issuer = await createIssuer(hub, runs);
    const inputs = inputsOf(invoices);
    const tag = `n${n}`;

    report(`hub: issueDocuments(${n.toLocaleString('en')}) ...`);
    let stop = meter.start();
    const issued = await profiled(profileDir, `${tag}-issue`, () =>
      issueDocuments(issuer.actor, issuer.organisationId, inputs),
    );
    const issue = stop();
    if (issued.length !== n) {
      throw new Error(`issueDocuments returned ${issued.length} documents for ${n} inputs`);
    }

    report('hub: integrating the log ...');
    stop = meter.start();
    const log = await profiled(profileDir, `${tag}-log`, () => integrateAll(hub, logBatch, n, report));
    const logCost = stop();

    const trust = await trustPolicyOf(hub, issuer.organisationId);
    // A fresh verifier per measured run: its checkpoint cache starts empty, as a new client's.
    const check = createVerifier(trust);
    let bundle = meter.zero();
    let verify = meter.zero();
    let verified = 0;
    let valid = 0;
    const failures = [];
    let sampleBundle;
    report(`hub: bundles and verification, ${chunk.toLocaleString('en')} at a time ...`);
    // Every document, or an evenly spread sample when --verify-max is lower: each bundle costs the
    // documents module about 16 queries, which at 100,000 documents takes longer than the rest.
    const step = n / Math.min(n, verifyMax);
    const chosen =
      step === 1
        ? issued
        : Array.from({ length: Math.min(n, verifyMax) }, (_, i) => issued[Math.floor(i * step)]);
    const total = chosen.length;
    for (let at = 0; at < total; at += chunk) {
      const part = chosen.slice(at, at + chunk);
      stop = meter.start();
      const built = await profiled(at === 0 ? profileDir : undefined, `${tag}-bundle-first-chunk`, () =>
        // A few in flight, as concurrent requests would be: PostgreSQL answers them in parallel.
        mapLimited(part, 8, (document) => getBundle(issuer.organisationId, document.id)),
      );
      bundle = meter.add(bundle, stop());
      sampleBundle ??= built[0];

      stop = meter.start();
      const reports = await profiled(
        at === 0 ? profileDir : undefined,
        `${tag}-verify-first-chunk`,
        async () => {
          const out = new Array(built.length);
          for (let i = 0; i < built.length; i += 1) {
            out[i] = await check.verify(built[i]);
          }
          return out;
        },
      );
      verify = meter.add(verify, stop());
      for (const [i, result] of reports.entries()) {
        verified += 1;
        if (result.verdict === 'VALID') {
          valid += 1;
        } else if (failures.length < 5) {
          failures.push(`${part[i].documentNumber}: ${result.verdict} (${reasonsOf(result)})`);
        }
      }
      if ((at + chunk) % 20_000 === 0 || at + chunk >= total) {
        report(
          `hub: verified ${Math.min(at + chunk, total).toLocaleString('en')} of ${total.toLocaleString('en')}`,
        );
      }
    }

    // The verifier must also say no, or counting VALID proves nothing.
    const tampered = structuredClone(sampleBundle);
    tampered.credential.credentialSubject.totals.invoiceTotal = '0.01';
    const tamperedReport = await createVerifier(trust).verify(tampered);

    const issueNote =
      'issueDocuments: JCS + SHA-256 + 1 Ed25519 signature per document, 1 signed ISSUE_BATCH entry per 1,000, stored and queued';
    return {
      issue,
      issueNote,
      log: logCost,
      integrated: log.integrated,
      checkpoints: log.checkpoints,
      bundle,
      verify,
      verified,
      valid,
      sampled: total < n,
      failures,
      tamperedRejected: tamperedReport.verdict === 'INVALID',
      verifierNote: `${check.cryptoBackend()} Ed25519, ${check.stats().checkpointsChecked} distinct checkpoints checked`,
      sampleBundleBytes: Buffer.byteLength(JSON.stringify(sampleBundle)),
      sampleCredentialBytes: Buffer.byteLength(JSON.stringify(sampleBundle.credential)),
    };
  };

  /**
   * Issues `invoices` for a new organisation with the hub's sequencer running, as in production:
   * entries are integrated while later chunks are still being issued. Returns the seconds until
   * a signed checkpoint covers every entry.
   */
  const measurePipelined = async (invoices, { profileDir, progress: report = progress }) => {
    runs += 1;
    const n = invoices.length;
    const issuer = await createIssuer(hub, runs);
    const { sequencer } = hub.transparencyLog;
    await sequencer.integrateNow();
    const before = await queuedEver(db);
    report(`hub: issueDocuments(${n.toLocaleString('en')}) with the sequencer running ...`);
    const stop = meter.start();
    const start = performance.now();
    sequencer.start();
    try {
      const anchored = await profiled(profileDir, `n${n}-pipelined`, async () => {
        const issued = await hub.documents.issueDocuments(
          issuer.actor,
          issuer.organisationId,
          inputsOf(invoices),
        );
        const issuedS = seconds(start);
        // Every entry this issuance queued: one ISSUE_BATCH per chunk and the first status lists.
        const queued = await queuedEver(db);
        // Generous: a stalled sequencer must fail the run, not hang it.
        const done = queued > before && (await sequencer.waitUntilIntegrated(queued, 600_000));
        return { issued: issued.length, issuedS, done };
      });
      if (anchored.issued !== n || !anchored.done) {
        throw new Error(`pipelined run: ${anchored.issued} issued, every entry integrated: ${anchored.done}`);
      }
      return { n, issueS: anchored.issuedS, anchor: stop() };
    } finally {
      await sequencer.stop();
    }
  };

  return {
    engine: db.engine,
    label,
    measure,
    measurePipelined,
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
};
