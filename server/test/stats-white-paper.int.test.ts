import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakdown,
  insertFacts,
  loadPublishedIndex,
  monthlySeries,
  type TradeFact,
  targetsDashboard,
} from '../src/modules/stats/index.ts';
import { runCliInProcess } from './support/run-cli.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The white paper of a year: its figures are the dashboard's, its PDF parses and is the same bytes
// for the same data and day, its HTML is well-formed with every section in both languages, and the
// public routes answer PDF, HTML and problem+json.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let commerce: Party;
const day = new Date('2026-03-15T09:30:00Z');

const fact = (ref: string, overrides: Partial<TradeFact>): TradeFact => ({
  source: 'direct_report',
  sourceRef: ref,
  enterpriseCode: 'E1',
  organisationId: null,
  month: '2023-01-01',
  flow: 'export',
  kind: 'goods',
  customsMode: '9710',
  partner: 'DE',
  hsChapter: '95',
  consumerGoods: true,
  ebops: null,
  contentType: 'digitally_ordered_goods',
  city: '330100',
  digitallyOrdered: true,
  digitallyDelivered: false,
  platformIntermediated: true,
  amountMinor: 0n,
  currency: 'USD',
  cnyMinor: 0n,
  usdMinor: 0n,
  ...overrides,
});

// A small year (2023) of known facts beside the synthetic years: USD 1,000,000.00 to Germany in
// January, USD 500,000.00 of digitally delivered services to Japan in March, and one 2022 fact.
const knownFacts: TradeFact[] = [
  fact('wp-1', { usdMinor: 100_000_000n, cnyMinor: 720_000_000n, amountMinor: 100_000_000n }),
  fact('wp-2', {
    month: '2023-03-01',
    kind: 'services',
    customsMode: null,
    hsChapter: null,
    consumerGoods: false,
    ebops: 'SI',
    contentType: 'digital_services',
    partner: 'JP',
    city: '330200',
    digitallyOrdered: false,
    digitallyDelivered: true,
    usdMinor: 50_000_000n,
    cnyMinor: 360_000_000n,
    amountMinor: 50_000_000n,
  }),
  fact('wp-3', {
    month: '2022-01-01',
    usdMinor: 80_000_000n,
    cnyMinor: 560_000_000n,
    amountMinor: 80_000_000n,
  }),
];

beforeAll(async () => {
  ctx = await createTestHub();
  commerce = await createParty(ctx.hub, 'PaperCommerce', { kind: 'regulator' });
  await ctx.hub.stats.generateSynthetic({
    fromYear: 2024,
    years: 2,
    facts: 3_000,
    seed: 8,
    batchSize: 1_500,
  });
  await ctx.hub.db.transaction((trx) => insertFacts(trx, knownFacts));
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const paperOf = async (year: number, lang: 'zh-CN' | 'en', format: 'pdf' | 'html' = 'html') =>
  ctx.hub.stats.whitePaper({ year, lang, format, now: day });

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Parses `html` as XML (it is written well-formed) and returns the text of its h1/h2/h3 headings. */
const headingsOf = (html: string) => {
  const parser = new SaxesParser({ xmlns: false });
  const headings: string[] = [];
  let inHeading = 0;
  let current = '';
  parser.on('opentag', (tag) => {
    if (/^h[123]$/.test(tag.name)) {
      inHeading += 1;
      current = '';
    }
  });
  parser.on('text', (t) => {
    if (inHeading > 0) {
      current += t;
    }
  });
  parser.on('closetag', (tag) => {
    if (/^h[123]$/.test(tag.name)) {
      inHeading -= 1;
      headings.push(current);
    }
  });
  parser.write(html).close();
  return headings;
};

describe('the white paper content', () => {
  it('has exactly the known figures of a small year', async () => {
    const { paper } = await paperOf(2023, 'en');
    expect(paper.throughMonth).toBe(3);
    expect(paper.synthetic).toBe(false);
    expect(paper.data.targets.digitalTrade.usdMinor).toBe('150000000');
    expect(paper.data.targets.digitalTrade.previousYearUsdMinor).toBe('80000000');
    expect(paper.data.months).toEqual([
      { month: '2023-01', usdMinor: '100000000', cnyMinor: '720000000' },
      { month: '2023-03', usdMinor: '50000000', cnyMinor: '360000000' },
    ]);
    expect(paper.data.sources).toEqual(['direct_report']);
    const trends = paper.sections.find((s) => s.id === 'trends');
    const table = trends?.blocks.find((b) => b.kind === 'table');
    // January to March: USD 1 m, nothing, USD 0.5 m; cumulative 1.5 m; CNY 7.2 m in January.
    expect(table?.kind === 'table' ? table.table.rows.map((r) => [r[1], r[2], r[5]]) : []).toEqual([
      ['USD 1.0 m', 'CNY 7.2 m', 'USD 1.0 m'],
      ['USD 0', 'CNY 0', 'USD 1.0 m'],
      ['USD 500,000', 'CNY 3.6 m', 'USD 1.5 m'],
    ]);
    // USD 100 bn less USD 1.5 m over the nine months left: USD 11.11 bn a month, far off pace.
    const targets = paper.sections[0]?.blocks.find((b) => b.kind === 'kpis');
    expect(targets?.kind === 'kpis' ? [targets.items[0]?.status, targets.items[0]?.note] : []).toEqual([
      'red',
      '0.0% of the pro-rata target; needs USD 11.11 bn per remaining month',
    ]);
    expect(paper.data.targets.digitalTrade.runRateNeededUsdMinor).toBe(
      String((10_000_000_000_000n - 150_000_000n) / 9n),
    );
    const zh = await paperOf(2023, 'zh-CN');
    const summary = zh.paper.sections[0]?.blocks.find((b) => b.kind === 'kpis');
    expect(summary?.kind === 'kpis' ? summary.items[0]?.actual : '').toBe('150.0 万美元');
  });

  it("matches the dashboard's figures for a synthetic year", async () => {
    const { paper } = await paperOf(2025, 'en');
    const period = { year: 2025, throughMonth: paper.throughMonth };
    expect(paper.synthetic).toBe(true);
    expect(paper.data.targets).toEqual(await targetsDashboard(ctx.hub.db.kysely, period));
    for (const dimension of ['mode', 'partner', 'hs_chapter', 'ebops', 'content_type', 'city'] as const) {
      const dashboard = await breakdown(ctx.hub.db.kysely, { ...period, dimension, digitalOnly: true });
      expect(paper.data.breakdowns[dimension]).toEqual(dashboard.items);
    }
    const series = await monthlySeries(ctx.hub.db.kysely, 2025);
    expect(paper.data.months.map(({ month, usdMinor }) => ({ month, usdMinor }))).toEqual(
      series.filter((row) => row.month.startsWith('2025-')),
    );
    expect(paper.data.index).toEqual(await loadPublishedIndex(ctx.hub.db, 2025));
  });

  it('writes well-formed HTML with every section heading, in both languages', async () => {
    const expected = {
      en: [
        '1. Executive summary',
        '2. Trends',
        '3. Breakdowns',
        '4. The Zhejiang Digital Trade Index',
        '5. Method and data',
      ],
      'zh-CN': ['一、总体情况', '二、发展趋势', '三、结构分析', '四、浙江数字贸易指数', '五、方法与数据说明'],
    } as const;
    for (const lang of ['en', 'zh-CN'] as const) {
      const file = await paperOf(2025, lang);
      const html = text(file.bytes);
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).not.toMatch(/<script|<link |src="http/);
      const headings = headingsOf(html);
      for (const heading of expected[lang]) {
        expect(headings).toContain(heading);
      }
      expect(html).toContain('<svg');
      expect(html).toContain('class="synthetic"');
    }
  });

  it('renders a PDF that parses, carries the title, and is the same bytes twice', async () => {
    const first = await paperOf(2025, 'zh-CN', 'pdf');
    const second = await paperOf(2025, 'zh-CN', 'pdf');
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    const pdf = await PDFDocument.load(first.bytes, { updateMetadata: false });
    // Title page, contents, and at least one page per section.
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(7);
    expect(pdf.getTitle()).toBe('2025 年浙江省数字贸易白皮书');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-03-15T00:00:00.000Z');
    // The CJK face is embedded (subset), not a standard font that cannot draw Chinese.
    const fonts = pdf.context
      .enumerateIndirectObjects()
      .flatMap(([, object]) =>
        object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font')
          ? [String(object.get(PDFName.of('BaseFont')))]
          : [],
      );
    expect(fonts.some((name) => name.includes('NotoSansSC'))).toBe(true);
    const english = await paperOf(2025, 'en', 'pdf');
    expect((await PDFDocument.load(english.bytes)).getTitle()).toBe(
      'Zhejiang Digital Trade White Paper 2025',
    );
  });

  it('includes the published Zhejiang Index when there is one', async () => {
    await ctx.hub.stats.computeAndPublishIndex({
      organisationId: commerce.organisationId,
      actorId: commerce.userId,
      publishedBy: { en: 'Commerce', zh: '商务厅' },
      year: 2025,
      runs: 50,
      seed: 3,
      // A test of the report, not of the audit trail (the index's own routes audit publishing).
      audit: async () => {},
    });
    const { paper } = await paperOf(2025, 'en');
    expect(paper.data.index?.year).toBe(2025);
    const index = paper.sections.find((s) => s.id === 'index');
    const chart = index?.blocks.find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' && chart.chart.kind === 'bands' ? chart.chart.items.length : 0).toBe(
      paper.data.index?.cities.length,
    );
    expect(paper.data.index?.cities.length).toBeGreaterThan(0);
    // The ranking with its bands, and the rebased index over the years (2022, the first year with facts, to 2025).
    expect(
      index?.blocks.filter((b) => b.kind === 'chart').map((b) => b.kind === 'chart' && b.chart.kind),
    ).toEqual(['bands', 'line']);
    const pdf = await paperOf(2025, 'en', 'pdf');
    expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBeGreaterThanOrEqual(7);
  });
});

describe('the public white-paper routes', () => {
  it('answers the PDF and the HTML to anyone, with a file name', async () => {
    const pdf = await ctx.hub.app.inject({ method: 'GET', url: '/api/public/white-paper/2025.pdf?lang=en' });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="white-paper-2025-en.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await ctx.hub.app.inject({ method: 'GET', url: '/api/public/white-paper/2025.html' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-disposition']).toContain('white-paper-2025-zh-CN.html');
    expect(html.body).toContain('<html lang="zh-CN"');
    const openapi = await ctx.hub.app.inject({ method: 'GET', url: '/openapi.json' });
    const paths = Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toContain('/api/public/white-paper/{year}.pdf');
  });

  it('answers again from the same figures, and anew once the figures change', async () => {
    const get = async () =>
      (await ctx.hub.app.inject({ method: 'GET', url: '/api/public/white-paper/2025.html?lang=en' })).body;
    const first = await get();
    expect(await get()).toBe(first);
    await ctx.hub.db.transaction((trx) =>
      insertFacts(trx, [
        fact('wp-late', {
          month: '2025-06-01',
          usdMinor: 12_345_600n,
          cnyMinor: 88_000_000n,
          amountMinor: 12_345_600n,
        }),
      ]),
    );
    const after = await get();
    expect(after).not.toBe(first);
    expect(after).toContain('direct reporting');
  });

  it('answers 404 for a year without facts, 400 with the field for a bad year or language', async () => {
    const none = await ctx.hub.app.inject({ method: 'GET', url: '/api/public/white-paper/2010.pdf' });
    expect([none.statusCode, none.json<{ code: string }>().code]).toEqual([
      404,
      'stats.white_paper_no_facts',
    ]);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const badYear = await ctx.hub.app.inject({ method: 'GET', url: '/api/public/white-paper/19x.pdf' });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.headers['content-type']).toContain('application/problem+json');
    expect(badYear.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['year']);
    const badLang = await ctx.hub.app.inject({
      method: 'GET',
      url: '/api/public/white-paper/2025.html?lang=fr',
    });
    expect(badLang.statusCode).toBe(400);
    expect(badLang.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['lang']);
  });
});

describe('tradehub stats white-paper', { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradehub-white-paper-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // As a user runs it, on its own PGlite directory (the command itself, in this process).
  const tradehub = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TRADEHUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    return runCliInProcess(args, env);
  };

  it('writes the same bytes when run twice, with progress on stderr', async () => {
    const generated = await tradehub('stats', 'generate', '--years', '2', '--facts', '2000', '--seed', '4');
    expect(generated.code, generated.err).toBe(0);
    const year = String(new Date().getUTCFullYear() - 1);
    const write = (out: string) =>
      tradehub('stats', 'white-paper', '--year', year, '--lang', 'en', '--date', '2026-01-31', '--out', out);
    const first = await write(join(dataDir, 'a.pdf'));
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain(`white paper ${year} en: section summary`);
    expect(first.out).toContain('dated 2026-01-31');
    const second = await write(join(dataDir, 'b.pdf'));
    expect(second.code, second.err).toBe(0);
    const a = readFileSync(join(dataDir, 'a.pdf'));
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(readFileSync(join(dataDir, 'b.pdf')))).toBe(true);
    expect((await tradehub('stats', 'white-paper', '--year', year, '--lang', 'fr')).code).toBe(2);
  });
});
