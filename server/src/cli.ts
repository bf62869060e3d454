import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isAppError } from '@tradehub/kernel';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { buildHub, type Hub } from './app.ts';
import { importCustomsFiles, writeDemoCustomsFiles } from './cli/customs-import.ts';
import { registerLogCommand } from './cli/log-verify.ts';
import { registerWitnessCommand } from './cli/witness.ts';
import { migrationSources } from './migration-sources.ts';
import {
  demoBondedWarehouse,
  generateDemoExportParcels,
  importPositiveList,
  importTariff,
  recordDxpReceipts,
} from './modules/customs/index.ts';
import { organisationKinds, ZCreateOrganisation } from './modules/identity/index.ts';
import {
  type WhitePaperFormat,
  type WhitePaperLang,
  whitePaperFormats,
  whitePaperLangs,
} from './modules/stats/index.ts';
import { importUnlocode } from './platform/codes/index.ts';
import { type Config, ConfigError, loadConfig } from './platform/config/index.ts';
import { type Database, loadMigrations, migrate, openCommandDatabase } from './platform/db/index.ts';
import { createLogger } from './platform/logging/index.ts';
import { demoPassword } from './seed/demo-organisations.ts';
import { resetDatabase } from './seed/reset-database.ts';
import { demoLogins, seedDemoData, systemWriteContext } from './seed/seed-demo-data.ts';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
const exitUsage = 2;
const exitFailure = 1;

const say = (line: string) => process.stdout.write(`${line}\n`);
const progressBar = (label: string, done: number, total: number) => {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
  } else if (done === total) {
    say(line);
  }
};

const openMigrated = async (config: Config): Promise<Database> => {
  const db = await openCommandDatabase(config);
  const migrations = await loadMigrations(migrationSources);
  let done = 0;
  await migrate(db, migrations, {
    onApplied: () => {
      done += 1;
    },
  });
  if (done > 0) {
    say(`Applied ${done} migration${done === 1 ? '' : 's'}.`);
  }
  return db;
};

const withHub = async <T>(config: Config, work: (hub: Hub) => Promise<T>): Promise<T> => {
  const db = await openMigrated(config);
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  // A one-off command leaves cosigning to the running hub, which holds the witnesses' state files.
  const hub = await buildHub({ config: { ...config, witnesses: { kind: 'none' } }, db, logger });
  try {
    return await work(hub);
  } finally {
    await hub.close();
    await db.close();
  }
};

const printDemoLogins = (logins: { email: string; organisation: string }[], password: string) => {
  say(`Demo logins (password for all: ${password}):`);
  for (const login of logins) {
    say(`  ${login.email.padEnd(44)} ${login.organisation}`);
  }
};

const start = async () => {
  const config = loadConfig();
  // At a terminal, per-request JSON lines would bury the banner; a service (no TTY) keeps them.
  const level = process.env.LOG_LEVEL === undefined && process.stdout.isTTY ? 'warn' : config.logLevel;
  const logger = createLogger({ level });
  const db = await openMigrated(config);
  const hub = await buildHub({ config, db, logger });
  if (config.loadDemo && (await hub.identity.hasNoOrganisations())) {
    const seeded = await seedDemoData(hub, (done, total) => progressBar('Loading demo data', done, total));
    say(`Loaded ${seeded.created} demo organisations.`);
  }
  await hub.app.listen({ port: config.port, host: config.host });
  hub.bus.start();
  say('');
  say(`tradehub is running at ${config.publicUrl}`);
  say(`  API reference: ${config.publicUrl}/docs    health: ${config.publicUrl}/healthz`);
  say(
    `  database: ${config.databaseUrl === undefined ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
  const firstDemoLogin = demoLogins()[0];
  if (
    firstDemoLogin !== undefined &&
    (await hub.identity.findUserIdByEmail(firstDemoLogin.email)) !== undefined
  ) {
    printDemoLogins(demoLogins(), demoPassword);
  }
  say('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    say(`\n${signal}: finishing requests in flight, then stopping.`);
    await hub.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

const program = new Command()
  .name('tradehub')
  .description('tradehub, the open digital-trade hub')
  .showHelpAfterError()
  .exitOverride();

program
  .command('start')
  .description('Start the hub (PGlite in ./data unless DATABASE_URL is set); loads demo data on first start')
  .action(start);

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const db = await openMigrated(loadConfig());
    await db.close();
    say('Migrations are current.');
  });

program
  .command('seed')
  .description('Load the demo organisations and users')
  .option('--reset', 'wipe ALL tradehub data in the database first, then reload the demo')
  .action(async (options: { reset?: boolean }) => {
    const config = loadConfig();
    if (options.reset === true) {
      await resetDatabase(config);
      say('Database wiped.');
    }
    await withHub(config, async (hub) => {
      const seeded = await seedDemoData(hub, (done, total) => progressBar('Loading demo data', done, total));
      say(
        `Created ${seeded.created} demo organisations (${seeded.logins.length - seeded.created} were there).`,
      );
      printDemoLogins(seeded.logins, seeded.password);
    });
  });

const user = program.command('user').description('Manage people');
user
  .command('create')
  .description('Create a person who can sign in')
  .requiredOption('--email <email>', 'e-mail address (the login)')
  .requiredOption('--name <name>', 'display name')
  .addOption(
    new Option('--password <password>', 'password, at least 10 characters (or TRADEHUB_PASSWORD)').env(
      'TRADEHUB_PASSWORD',
    ),
  )
  .option('--locale <locale>', 'zh-CN or en')
  .action(async (options: { email: string; name: string; password?: string; locale?: string }) => {
    if (options.password === undefined) {
      throw new CommanderError(
        exitUsage,
        'tradehub.usage',
        'error: --password or TRADEHUB_PASSWORD is required',
      );
    }
    if (options.locale !== undefined && options.locale !== 'zh-CN' && options.locale !== 'en') {
      throw new CommanderError(exitUsage, 'tradehub.usage', 'error: --locale must be zh-CN or en');
    }
    const password = options.password;
    const locale = options.locale as 'zh-CN' | 'en' | undefined;
    await withHub(loadConfig(), async (hub) => {
      const created = await hub.identity.createUser({
        email: options.email,
        displayName: options.name,
        password,
        locale: locale ?? null,
      });
      say(`Created user ${created.id} <${created.email}>.`);
    });
  });

const org = program.command('org').description('Manage organisations');
org
  .command('create')
  .description('Register an organisation owned by an existing person')
  .requiredOption('--owner <email>', "the owner's e-mail (create them with `user create` first)")
  .requiredOption('--name-zh <name>', 'name in Chinese')
  .requiredOption('--name-en <name>', 'name in English')
  .addOption(
    new Option('--kind <kind>', 'kind of party').choices([...organisationKinds]).makeOptionMandatory(),
  )
  .requiredOption('--country <code>', 'ISO 3166-1 alpha-2 country')
  .option('--uscc <code>', 'Unified Social Credit Code (18 characters)')
  .option('--lei <code>', 'Legal Entity Identifier (20 characters)')
  .option('--customs-code <code>', 'customs registration code (10 characters)')
  .option('--eori <code>', 'EORI number')
  .action(async (options: Record<string, string | undefined>) => {
    const parsed = ZCreateOrganisation.safeParse({
      nameZh: options.nameZh,
      nameEn: options.nameEn,
      kind: options.kind,
      country: options.country,
      ...(options.uscc === undefined ? {} : { uscc: options.uscc }),
      ...(options.lei === undefined ? {} : { lei: options.lei }),
      ...(options.customsCode === undefined ? {} : { customsCode: options.customsCode }),
      ...(options.eori === undefined ? {} : { eori: options.eori }),
    });
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`);
      throw new CommanderError(
        exitUsage,
        'tradehub.usage',
        `error: invalid organisation:\n${lines.join('\n')}`,
      );
    }
    await withHub(loadConfig(), async (hub) => {
      const owner = await hub.identity.findUserIdByEmail(options.owner ?? '');
      if (owner === undefined) {
        throw new CommanderError(exitUsage, 'tradehub.usage', `error: no user with e-mail ${options.owner}`);
      }
      const created = await hub.identity.createOrganisation(
        systemWriteContext('identity.organisation.create', 'tradehub cli'),
        parsed.data,
        owner,
      );
      say(`Created organisation ${created.id} (${created.nameEn}).`);
    });
  });

const codes = program.command('codes').description('Reference code lists');
codes
  .command('import-unlocode')
  .description('Load official UNECE UN/LOCODE CSV parts (e.g. "2024-2 UNLOCODE CodeListPart1.csv")')
  .argument('<files...>', 'UNECE CSV files')
  .action(async (files: string[]) => {
    const db = await openMigrated(loadConfig());
    try {
      const result = await importUnlocode(db, files, (p) =>
        progressBar(`Importing ${p.file}`, p.done, p.total),
      );
      say(`Imported ${result.imported} UN/LOCODE entries; restart the hub to use them.`);
    } finally {
      await db.close();
    }
  });

/** A whole number of at least 1 given on the command line, or a usage error (exit 2). */
const wholeNumber = (name: string) => (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
  }
  return value;
};

const stats = program.command('stats').description('Digital-trade statistics');
stats
  .command('generate')
  .description('Load synthetic trade facts (labelled synthetic) for demos and benchmarks, ending this month')
  .option('--years <n>', 'years of data, the last one being this year', wholeNumber('--years'), 5)
  .option('--facts <n>', 'number of facts', wholeNumber('--facts'), 1_000_000)
  .option(
    '--seed <n>',
    'the generator seed: the same seed gives the same facts, stored once',
    wholeNumber('--seed'),
    1,
  )
  .action(async (options: { years: number; facts: number; seed: number }) => {
    await withHub(loadConfig(), async (hub) => {
      const now = new Date();
      const year = now.getUTCFullYear();
      const result = await hub.stats.generateSynthetic(
        {
          fromYear: year - options.years + 1,
          years: options.years,
          facts: options.facts,
          seed: options.seed,
          batchSize: 20_000,
          until: `${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`,
        },
        (done, total) => progressBar('Loading synthetic facts', done, total),
      );
      say(`Added ${result.added} synthetic facts (facts already stored with this seed are skipped).`);
    });
  });

stats
  .command('white-paper')
  .description("Write the year's bilingual white paper (PDF or HTML) from the configured database")
  .requiredOption('--year <yyyy>', 'the year of the report', wholeNumber('--year'))
  .addOption(new Option('--lang <lang>', 'the language').choices(whitePaperLangs).default('zh-CN'))
  .addOption(new Option('--format <format>', 'the file format').choices(whitePaperFormats).default('pdf'))
  .option('--out <file>', 'where to write it (default white-paper-<year>-<lang>.<format>)')
  .option(
    '--date <yyyy-mm-dd>',
    "the report's date (default: today); the same data and date give the same bytes",
    (text: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
        throw new InvalidArgumentError('--date must be a date as YYYY-MM-DD');
      }
      return new Date(`${text}T00:00:00Z`);
    },
  )
  .action(
    async (options: {
      year: number;
      lang: WhitePaperLang;
      format: WhitePaperFormat;
      out?: string;
      date?: Date;
    }) => {
      const file = await withHub(loadConfig(), (hub) =>
        hub.stats.whitePaper(
          {
            year: options.year,
            lang: options.lang,
            format: options.format,
            ...(options.date === undefined ? {} : { now: options.date }),
          },
          // Progress on stderr, so that stdout stays the summary line.
          (step) => process.stderr.write(`white paper ${options.year} ${options.lang}: ${step}\n`),
        ),
      );
      const out = options.out ?? file.fileName;
      await writeFile(out, file.bytes);
      say(`Wrote ${out} (${file.bytes.byteLength} bytes, dated ${file.paper.generatedAt}).`);
    },
  );

const customs = program.command('customs').description('Cross-border e-commerce clearance');
customs
  .command('import')
  .description(
    'Send CEB messages (XML files, or DXP envelopes) to the hub as an organisation, with their receipts',
  )
  .requiredOption('--org <id>', 'the sending organisation (platform, payment or logistics company, broker)')
  .option('--receipts <dir>', 'write each receipt next to its message name into this folder')
  .argument('<files...>', 'CEB message files')
  .action(async (files: string[], options: { org: string; receipts?: string }) => {
    const summary = await withHub(loadConfig(), (hub) =>
      importCustomsFiles(hub, files, {
        organisationId: options.org,
        ...(options.receipts === undefined ? {} : { receiptsDir: options.receipts }),
        onProgress: (done, total) => progressBar('Sending', done, total),
        audit: systemWriteContext('customs.message.receive', 'tradehub cli').audit,
      }),
    );
    for (const [status, count] of Object.entries(summary.byStatus)) {
      say(`${status}: ${count}`);
    }
    for (const line of summary.rejected.slice(0, 20)) {
      say(`  rejected ${line}`);
    }
    if (summary.rejected.length > 0) {
      process.exitCode = exitFailure;
    }
  });

customs
  .command('import-tariff')
  .description(
    'Replace the tariff the customs sandbox taxes with (CSV: hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate[,description_zh,description_en])',
  )
  .argument('<file>', 'the tariff CSV; rates as fractions (0.13 for 13%)')
  .action(async (file: string) => {
    const db = await openMigrated(loadConfig());
    try {
      const result = await importTariff(db, await readFile(file, 'utf8'), new Date());
      say(`Imported ${result.lines} tariff lines; restart the hub to tax with them.`);
    } finally {
      await db.close();
    }
  });

customs
  .command('import-positive-list')
  .description(
    'Replace the positive list (跨境电商零售进口商品清单) import inventory lines are checked against (CSV: hs_code[,remark]; 8-digit codes cover their 10-digit lines)',
  )
  .argument('<file>', 'the positive-list CSV')
  .action(async (file: string) => {
    const db = await openMigrated(loadConfig());
    try {
      const result = await importPositiveList(db, await readFile(file, 'utf8'), {
        now: new Date(),
        fileName: basename(file),
        progress: (done, total) => progressBar('Importing', done, total),
      });
      say(`Imported ${result.lines} positive-list entries; they apply at once.`);
    } finally {
      await db.close();
    }
  });

customs
  .command('dxp-receive')
  .description(
    "Record the receipts customs sent back through the E-port client's receive folder (DxpMsg or bare CEB receipt files), with TRADEHUB_CUSTOMS_PROVIDER=dxp",
  )
  .argument('<files...>', 'receipt files')
  .action(async (files: string[]) => {
    const db = await openMigrated(loadConfig());
    try {
      let recorded = 0;
      for (const [index, file] of files.entries()) {
        recorded += (await recordDxpReceipts(db, [await readFile(file, 'utf8')], new Date())).recorded;
        progressBar('Recording', index + 1, files.length);
      }
      say(`Recorded ${recorded} receipts for forwarded messages.`);
    } finally {
      await db.close();
    }
  });

customs
  .command('demo-files')
  .description(
    'Write a day of demo parcels (order, payment, waybill, signed inventory list) as CEB XML files',
  )
  .requiredOption('--out <dir>', 'folder to write the files into')
  .option('--count <n>', 'parcels', '200')
  .option('--seed <n>', 'seed of the generator (the same seed gives the same parcels)', '20261111')
  .option('--defect-rate <r>', 'share of parcels built not to match, 0..1', '0.05')
  .option('--prefix <text>', 'order-number prefix, to keep runs apart', 'HZ')
  .option('--bonded', "1210 bonded parcels out of the demo bonded warehouse's account book")
  .action(
    async (options: {
      out: string;
      count: string;
      seed: string;
      defectRate: string;
      prefix: string;
      bonded?: boolean;
    }) => {
      const count = Number(options.count);
      const defectRate = Number(options.defectRate);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) {
        throw new CommanderError(
          exitUsage,
          'tradehub.usage',
          'error: --count must be a whole number from 1 to 100000',
        );
      }
      if (!(defectRate >= 0 && defectRate <= 1)) {
        throw new CommanderError(exitUsage, 'tradehub.usage', 'error: --defect-rate must be between 0 and 1');
      }
      const written = await writeDemoCustomsFiles(options.out, {
        count,
        seed: Number(options.seed),
        defectRate,
        prefix: options.prefix,
        ...(options.bonded === true
          ? {
              bonded: {
                emsNo: demoBondedWarehouse.emsNo,
                areaCode: demoBondedWarehouse.areaCode,
                areaName: demoBondedWarehouse.operatorName,
              },
            }
          : {}),
        onProgress: (done, total) => progressBar('Writing', done, total),
      });
      say(
        `Wrote ${written.files} files for ${count} parcels (${written.defects} built not to match) to ${options.out}.`,
      );
    },
  );

customs
  .command('export-demo-files')
  .description(
    "Write a day of the Yiwu exporter's demo 9610 export parcels (order, collection voucher, waybill, export list) as CEB XML files",
  )
  .requiredOption('--out <dir>', 'folder to write the files into')
  .option('--count <n>', 'parcels', '50')
  .option('--seed <n>', 'seed of the generator (the same seed gives the same parcels)', '20261127')
  .option('--defect-rate <r>', 'share of parcels built not to match, 0..1', '0')
  .option('--prefix <text>', 'order-number prefix, to keep runs apart', 'YW')
  .action(
    async (options: { out: string; count: string; seed: string; defectRate: string; prefix: string }) => {
      const count = Number(options.count);
      const defectRate = Number(options.defectRate);
      if (!Number.isInteger(count) || count < 1 || count > 10_000) {
        throw new CommanderError(
          exitUsage,
          'tradehub.usage',
          'error: --count must be a whole number from 1 to 10000',
        );
      }
      if (!(defectRate >= 0 && defectRate <= 1)) {
        throw new CommanderError(exitUsage, 'tradehub.usage', 'error: --defect-rate must be between 0 and 1');
      }
      await mkdir(options.out, { recursive: true });
      const parcels = generateDemoExportParcels({
        count,
        seed: Number(options.seed),
        defectRate,
        prefix: options.prefix,
        day: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10).replaceAll('-', ''),
      });
      for (const parcel of parcels) {
        await writeFile(join(options.out, `${parcel.orderNo}.CEB303.xml`), parcel.order);
        await writeFile(join(options.out, `${parcel.orderNo}.CEB403.xml`), parcel.receipts);
        await writeFile(join(options.out, `${parcel.orderNo}.CEB505.xml`), parcel.waybill);
        await writeFile(join(options.out, `${parcel.orderNo}.CEB603.xml`), parcel.inventory);
      }
      say(`Wrote ${parcels.length * 4} files for ${parcels.length} export parcels to ${options.out}.`);
    },
  );

customs
  .command('summarise')
  .description(
    "Build an exporter's CEB701 summary declarations (汇总申报) of its released 9610 lists of a month; idempotent",
  )
  .requiredOption('--month <yyyy-mm>', 'the month of release (China time)')
  .requiredOption('--org <id>', 'the exporter (the organisation that sent the lists)')
  .option('--out <dir>', 'also write each CEB701 and its CEB792 result into this folder')
  .action(async (options: { month: string; org: string; out?: string }) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) {
      throw new CommanderError(exitUsage, 'tradehub.usage', 'error: --month must be YYYY-MM');
    }
    const created = await withHub(loadConfig(), (hub) =>
      hub.customs.summariseExports(options.org, options.month, (trx) =>
        systemWriteContext('customs.export.summarise', 'tradehub cli').audit(trx, {
          organisationId: options.org,
          object: null,
        }),
      ),
    );
    if (options.out !== undefined) {
      await mkdir(options.out, { recursive: true });
      for (const summary of created) {
        await writeFile(join(options.out, `CEB701-${summary.copNo}.xml`), summary.applyXml);
        await writeFile(join(options.out, `CEB792-${summary.copNo}.xml`), summary.resultXml);
      }
    }
    say(
      created.length === 0
        ? `No released 9610 lists of ${options.month} left to summarise.`
        : created
            .map(
              (s) =>
                `${s.sumNo} (entry ${s.entryId}): ${s.listCount} lists, ${Object.entries(s.totals)
                  .map(([c, t]) => `${t} (${c})`)
                  .join(', ')}`,
            )
            .join('\n'),
    );
  });

registerWitnessCommand(program);
registerLogCommand(program);

export const runCli = async (argv: readonly string[]) => {
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return 0;
      }
      if (error.code === 'tradehub.usage') {
        process.stderr.write(`${error.message}\n`);
      }
      return exitUsage;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return exitUsage;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    // A refused file says where: each field error (a CSV line and column, say) on its own line.
    for (const fieldError of isAppError(error) ? (error.fieldErrors ?? []) : []) {
      process.stderr.write(`  ${fieldError.field}: ${fieldError.message}\n`);
    }
    return exitFailure;
  }
  return 0;
};
