// `npm run bench -- white-paper`: loads synthetic trade facts for the demo year (the last full year
// and the one before, labelled synthetic) into an embedded PGlite database (or PostgreSQL with
// --database-url), then times the white paper: reading its figures from the rollups, and rendering
// the PDF (fonts subset per file) and the HTML, in zh-CN and en. Each figure is the median of
// --repeat runs. No peer: the report is tradehub's own.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { exitOk, exitUsage, note, positiveInt, say } from './cli-support.mjs';

register();

const { migrationSources } = await import('../server/src/migration-sources.ts');
const { loadMigrations, migrate, openDatabase } = await import('../server/src/platform/db/index.ts');
const { insertFacts, syntheticFacts } = await import('../server/src/modules/stats/index.ts');
const { buildWhitePaper, renderWhitePaperHtml, renderWhitePaperPdf } = await import(
  '../server/src/modules/stats/white-paper/index.ts'
);
const { preloadPdfFonts } = await import('../server/src/platform/pdf/index.ts');

const usage = `usage: npm run bench -- white-paper [options]

  --facts <n>          synthetic facts over the demo year and the year before (default 200000)
  --repeat <n>         renders of each file; the median is reported (default 5)
  --database-url <u>   an empty PostgreSQL database to use instead of an in-memory PGlite
  --out <dir>          also write the rendered files there
  -h, --help           show this help`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

export const run = async (argv) => {
  let options;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        facts: { type: 'string' },
        repeat: { type: 'string' },
        'database-url': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    options = {
      facts: positiveInt('facts', values.facts, 200_000),
      repeat: positiveInt('repeat', values.repeat, 5),
      databaseUrl: values['database-url'],
      out: values.out,
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
  const db = await openDatabase(
    options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl },
  );
  try {
    await migrate(db, await loadMigrations(migrationSources));
    const year = new Date().getUTCFullYear() - 1;
    say(
      `# white paper ${year}, ${options.databaseUrl === undefined ? 'PGlite' : 'PostgreSQL'}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; Node ${process.version}`,
    );
    const t0 = process.hrtime.bigint();
    let loaded = 0;
    for (const batch of syntheticFacts({
      fromYear: year - 1,
      years: 2,
      facts: options.facts,
      seed: 20261111,
      batchSize: 20_000,
    })) {
      loaded += await db.transaction((trx) => insertFacts(trx, batch));
    }
    say(`loaded ${loaded.toLocaleString('en')} synthetic facts in ${(ms(t0) / 1000).toFixed(1)} s`);
    await preloadPdfFonts();
    // The report's date is fixed, so every repetition renders the same bytes.
    const now = new Date(`${year + 1}-01-15T00:00:00Z`);
    for (const lang of ['zh-CN', 'en']) {
      const build = [];
      const pdf = [];
      const html = [];
      let files;
      for (let i = 0; i < options.repeat; i += 1) {
        let t = process.hrtime.bigint();
        const paper = await buildWhitePaper(db, { year, lang, now });
        build.push(ms(t));
        t = process.hrtime.bigint();
        const pdfBytes = await renderWhitePaperPdf(paper);
        pdf.push(ms(t));
        t = process.hrtime.bigint();
        const htmlText = renderWhitePaperHtml(paper);
        html.push(ms(t));
        files = { pdfBytes, htmlText };
      }
      say(
        `${lang.padEnd(5)} figures ${median(build).toFixed(1)} ms; PDF ${median(pdf).toFixed(1)} ms (${files.pdfBytes.byteLength.toLocaleString('en')} bytes); HTML ${median(html).toFixed(1)} ms (${Buffer.byteLength(files.htmlText).toLocaleString('en')} bytes)`,
      );
      if (options.out !== undefined) {
        mkdirSync(options.out, { recursive: true });
        writeFileSync(join(options.out, `white-paper-${year}-${lang}.pdf`), files.pdfBytes);
        writeFileSync(join(options.out, `white-paper-${year}-${lang}.html`), files.htmlText);
      }
    }
  } finally {
    await db.close();
  }
  return exitOk;
};
