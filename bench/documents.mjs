// `npm run bench -- documents`: trade documents issued per second without and with their PDF, in
// one run on the same N documents of one kind. Both paths issue through the documents module's
// batch function (sign, store, queue log entries) and integrate the log until a signed checkpoint
// covers every entry; the PDF path then renders each document's bilingual PDF (bundle with proofs
// attached, Noto Sans SC subset embedded, QR code) as GET .../pdf does. The server's TypeScript is
// loaded through tsx, as bench/trust-hub.mjs does, and called directly (no HTTP).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { exitFailure, exitOk, exitUsage, note, positiveInt, say, UsageError } from './cli-support.mjs';

register();

const usage = `usage: npm run bench -- documents [options]

  --count <n>           documents per path (default 2000)
  --kind <kind>         sales_contract | proforma_invoice | commercial_invoice | packing_list |
                        certificate_of_origin | e_invoice (default commercial_invoice)
  --concurrency <n>     PDFs rendered at once (default 4)
  --database-url <url>  PostgreSQL to issue into (migrated); default: PGlite in a new temporary
                        directory, removed at the end
  --help                this text

Exit: 0 done, 1 a document or PDF failed, 2 bad options.`;

const parseOptions = (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        count: { type: 'string' },
        kind: { type: 'string' },
        concurrency: { type: 'string' },
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
  return {
    help: values.help,
    count: positiveInt('count', values.count?.replaceAll('_', ''), 2000),
    kind: values.kind ?? 'commercial_invoice',
    concurrency: positiveInt('concurrency', values.concurrency, 4),
    databaseUrl: values['database-url'],
  };
};

const rate = (count, seconds) => Math.round(count / seconds).toLocaleString('en');
const secondsSince = (startMs) => (performance.now() - startMs) / 1000;

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

const openHub = async (databaseUrl, dataDir) => {
  const { buildHub } = await import('../server/src/app.ts');
  const { migrationSources } = await import('../server/src/migration-sources.ts');
  const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
  const { createLogger } = await import('../server/src/platform/logging/index.ts');
  const { createArgon2PasswordHasher } = await import('../server/src/modules/identity/index.ts');
  const db = await openDatabase(databaseUrl === undefined ? { dataDir } : { databaseUrl });
  const migrations = await loadMigrations(migrationSources);
  await migrate(db, migrations);
  const hub = await buildHub({
    config: {
      publicUrl: 'https://hub.bench.example',
      bodyLimitBytes: 1024 * 1024,
      writeRateMax: 600,
      webDistDir: undefined,
      logBatchMax: 4096,
    },
    db,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
    migrations,
    passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  // The benchmark integrates the log itself, so each path's figure includes reaching a checkpoint.
  await hub.transparencyLog.sequencer.stop();
  return { hub, db };
};

const createIssuer = async (hub) => {
  const { ZCreateOrganisation } = await import('../server/src/modules/identity/index.ts');
  const { appendAudit } = await import('../server/src/platform/audit/index.ts');
  const tag = Date.now().toString(36);
  const user = await hub.identity.createUser({
    email: `bench-documents-${tag}@yiwu-commodities.example`,
    displayName: '陈丽 (bench)',
    password: `bench-${tag}-not-a-secret-worth-keeping`,
    locale: 'zh-CN',
  });
  const organisation = await hub.identity.createOrganisation(
    {
      actor: null,
      audit: (ex, change) =>
        appendAudit(ex, {
          organisationId: change.organisationId,
          actor: { type: 'system', id: null, label: 'tradehub bench' },
          action: 'identity.organisation.create',
          object: change.object,
          requestId: 'req_bench_documents',
          outcome: 'success',
          statusCode: 200,
        }).then(() => undefined),
    },
    ZCreateOrganisation.parse({
      nameZh: '义乌市小商品进出口有限公司',
      nameEn: 'Yiwu Small Commodities Import & Export Co., Ltd.',
      kind: 'exporter',
      country: 'CN',
    }),
    user.id,
  );
  return organisation.id;
};

const integrateAll = async (hub) => {
  for (;;) {
    const batch = await hub.transparencyLog.integratePending({ batchMax: 4096 });
    if (batch.integrated === 0) {
      return;
    }
  }
};

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
  const { kindSpec } = await import('../server/src/modules/documents/index.ts');
  const { sampleSubjects } = await import('../server/src/modules/documents/domain/kinds/samples.ts');
  const spec = kindSpec(options.kind);
  const subject = sampleSubjects[options.kind];
  if (spec === undefined || subject === undefined) {
    process.stderr.write(`error: no kind ${JSON.stringify(options.kind)} with a sample\n\n${usage}\n`);
    return exitUsage;
  }
  const dataDir =
    options.databaseUrl === undefined ? await mkdtemp(join(os.tmpdir(), 'tradehub-bench-docs-')) : undefined;
  const { hub, db } = await openHub(options.databaseUrl, dataDir);
  try {
    const { preloadPdfFonts } = await import('../server/src/modules/documents/service/render-pdf.ts');
    await preloadPdfFonts();
    const organisationId = await createIssuer(hub);
    const inputs = (prefix) =>
      Array.from({ length: options.count }, (_, i) => ({
        documentType: spec.documentType,
        documentNumber: `${prefix}-${String(i + 1).padStart(6, '0')}`,
        subject,
      }));
    note(`documents: ${options.count} ${options.kind} per path, ${db.engine}, ${os.cpus().length} cpus`);

    // Without PDF: issue + anchor.
    let start = performance.now();
    const plain = await hub.documents.issueDocuments(null, organisationId, inputs('PLAIN'));
    await integrateAll(hub);
    const plainS = secondsSince(start);

    // With PDF: issue + anchor + one bilingual PDF per document.
    start = performance.now();
    const withPdf = await hub.documents.issueDocuments(null, organisationId, inputs('PDF'));
    await integrateAll(hub);
    const issuedS = secondsSince(start);
    const pdfStart = performance.now();
    let bytes = 0;
    await mapLimited(withPdf, options.concurrency, async (doc) => {
      const { pdf } = await hub.documents.renderPdf(organisationId, doc.id);
      bytes += pdf.byteLength;
    });
    const pdfS = secondsSince(pdfStart);
    const withPdfS = issuedS + pdfS;
    // The bundle each PDF carries (proofs, DID document, status lists), built alone: the rest of
    // the PDF figure is the rendering.
    const bundleStart = performance.now();
    await mapLimited(withPdf, options.concurrency, (doc) => hub.documents.getBundle(organisationId, doc.id));
    const bundleS = secondsSince(bundleStart);
    if (plain.length !== options.count || withPdf.length !== options.count) {
      note(`error: issued ${plain.length} and ${withPdf.length} of ${options.count}`);
      return exitFailure;
    }
    const load = os.loadavg()[0].toFixed(1);
    say(
      `documents ${options.kind} N=${options.count}: issue+anchor without PDF ${rate(options.count, plainS)} docs/s (${plainS.toFixed(2)} s)`,
    );
    say(
      `documents ${options.kind} N=${options.count}: issue+anchor with PDF ${rate(options.count, withPdfS)} docs/s (${withPdfS.toFixed(2)} s; PDFs alone ${rate(options.count, pdfS)}/s, ${Math.round(bytes / options.count / 1024)} KiB each, concurrency ${options.concurrency})`,
    );
    say(
      `documents ${options.kind} N=${options.count}: bundles alone ${rate(options.count, bundleS)}/s, so rendering alone about ${rate(options.count, Math.max(pdfS - bundleS, 1e-9))} PDFs/s`,
    );
    say(`load average ${load} on ${os.cpus().length} cpus`);
    return exitOk;
  } finally {
    await hub.close?.();
    await db.close();
    if (dataDir !== undefined) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
};
