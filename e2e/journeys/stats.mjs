// The commerce department's digital-trade dashboard in the browser (issue 8, the journey's first
// half). The Zhejiang Department of Commerce (lin.tao, Chinese) opens /stats: the synthetic-data
// banner, the policy's four targets as the API computes them, the monthly trend drawn; she clicks
// customs mode 9710 and gets its trade by partner (the address keeps the drill, the partners add up
// to the mode's total, the world map is drawn) and exports the table as CSV (exact dollar amounts,
// Chinese headers) and XLSX. Then, switched to English on a 390 px phone, the same drill-down reads
// in English without horizontal scrolling; an exporter has no statistics entry, is told the page
// is not for it, and the API refuses it with stats.regulators_only.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  waitForApi,
  waitForMotionDone,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const TARGETS_PATH = /^\/api\/orgs\/[^/]+\/stats\/dashboard\/targets$/;
const BREAKDOWN_PATH = /^\/api\/orgs\/[^/]+\/stats\/dashboard\/breakdown$/;
const TARGET_KEYS = ['digitalTrade', 'growth', 'cbecShare', 'digitalServicesShare'];

/** The period the page opens with: this year up to this month (UTC, as the page computes it). */
const currentPeriod = () => {
  const now = new Date();
  return { year: now.getUTCFullYear(), throughMonth: now.getUTCMonth() + 1 };
};

const getJson = async (page, path) => {
  const response = await fetchInPage(page, path);
  assert.equal(response.status, 200, `${path}: ${response.text}`);
  return JSON.parse(response.text);
};

/** USD cents (an integer string) as the exact dollar string the export writes. */
const dollars = (minor) => {
  const cents = BigInt(minor);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
};

/** The rows of an RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
const csvRows = (text) => {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  return rows;
};

const switchLanguage = async (page, locale) => {
  const saved = waitForApi(page, 'PATCH', '/api/me');
  await page.getByTestId(`language-${locale}`).click();
  assert.equal((await saved).status(), 200, `saving locale ${locale} answers 200`);
};

/** Checks the four target cards against the API's answer. */
const checkTargets = async (page, targets, label) => {
  const cards = page.getByTestId('stats-target');
  await expectCount(cards, 4, `${label}: four target cards`);
  const keys = await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-target')));
  assert.deepEqual(keys, TARGET_KEYS, `${label}: the targets in the policy's order`);
  const met = {
    digitalTrade: String(
      BigInt(targets.digitalTrade.usdMinor) >= BigInt(targets.digitalTrade.targetUsdMinor),
    ),
    growth: String(targets.digitalTrade.growth === null ? null : targets.digitalTrade.growth >= 0.15),
    cbecShare: String(
      targets.cbecShareOfConsumerGoods.share === null ? null : targets.cbecShareOfConsumerGoods.share >= 0.5,
    ),
    digitalServicesShare: String(
      targets.digitalShareOfServices.share === null ? null : targets.digitalShareOfServices.share >= 0.5,
    ),
  };
  for (const key of TARGET_KEYS) {
    const card = page.locator(`[data-testid="stats-target"][data-target="${key}"]`);
    assert.equal(
      await card.getAttribute('data-met'),
      met[key],
      `${label}: ${key} met or not as the API says`,
    );
    assert.match(
      (await card.getByTestId('stats-target-value').textContent()).trim(),
      /\d/,
      `${label}: ${key} shows a figure`,
    );
  }
};

/** 1. lin.tao in Chinese: targets, trend, drill into 9710 by partner, export CSV and XLSX. */
export const statsCommerceDrillsInto9710 = async ({ scope, demo, repoRoot, artifactsDir }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  const targetsAnswer = waitForApi(page, 'GET', TARGETS_PATH);
  await logIn(page, demo.commerce.email, { next: '/stats' });
  assert.equal((await targetsAnswer).status(), 200, 'the targets answer the commerce department');

  const period = currentPeriod();
  const orgBase = `/api/orgs/${demo.commerce.orgId}/stats/dashboard`;
  const targets = await getJson(
    page,
    `${orgBase}/targets?year=${period.year}&throughMonth=${period.throughMonth}`,
  );
  assert.ok(BigInt(targets.digitalTrade.usdMinor) > 0n, 'the demo seed loaded synthetic facts for this year');
  assert.equal(targets.synthetic, true, 'the API says the figures are synthetic');

  await expectText(page.getByTestId('nav-stats'), zh('stats.nav'), 'the statistics entry in the menu');
  await expectText(
    page.getByTestId('stats-synthetic').locator('.ant-alert-title'),
    zh('stats.synthetic.title'),
    'the synthetic-data banner',
  );
  await checkTargets(page, targets, 'Chinese');
  // This year up to this month, and last year whole: the trend has both.
  await eventually(
    () => page.getByTestId('stats-trend-months').getAttribute('data-months'),
    String(period.throughMonth),
    'the trend has a point for every month so far',
  );
  await eventually(
    () => page.getByTestId('stats-trend-chart').getAttribute('data-state'),
    'ready',
    'the trend chart is drawn',
  );

  // The modes tab: one row per customs mode the API lists.
  const modes = await getJson(
    page,
    `${orgBase}/breakdown?year=${period.year}&throughMonth=${period.throughMonth}&dimension=mode&digitalOnly=true`,
  );
  const mode9710 = modes.items.find((item) => item.key === '9710');
  assert.ok(mode9710, 'the synthetic data has 9710 trade this year');
  await expectCount(page.getByTestId('stats-drill'), modes.items.length, 'a row per customs mode');
  await expectText(
    page.locator('[data-testid="stats-drill"][data-mode="9710"]'),
    zh('stats.modes.9710'),
    '9710 named in Chinese',
  );
  await waitForSpinnersGone(page);
  await scope.screenshot(page, 'stats-targets-zh-1280.png');

  // Drill: 9710 by partner.
  const drilling = waitForApi(page, 'GET', BREAKDOWN_PATH, 200);
  await page.locator('[data-testid="stats-drill"][data-mode="9710"]').click();
  const drilled = await drilling;
  const query = new URL(drilled.url()).searchParams;
  assert.equal(query.get('dimension'), 'partner', 'the drill asks for partners');
  assert.equal(query.get('customsMode'), '9710', 'of customs mode 9710');
  const partners = await drilled.json();
  await page.waitForURL(
    (url) => url.searchParams.get('by') === 'partner' && url.searchParams.get('mode') === '9710',
  );
  const table = page.getByTestId('stats-breakdown-table');
  await eventually(() => table.getAttribute('data-dimension'), 'partner', 'the partner table');
  assert.equal(await table.getAttribute('data-mode'), '9710');
  await expectText(
    page.getByTestId('stats-drilled-mode'),
    zh('stats.breakdown.drilled', { mode: zh('stats.modes.9710') }),
    'the drill is named',
  );
  const rowKeys = await page
    .getByTestId('stats-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));
  assert.deepEqual(
    rowKeys,
    partners.items.map((item) => item.key),
    'one row per partner, largest first',
  );
  // The accounting identity: 9710's partners add up to 9710's total.
  const partnerSum = partners.items.reduce((sum, item) => sum + BigInt(item.usdMinor), 0n);
  assert.equal(partnerSum, BigInt(mode9710.usdMinor), "9710's partners add up to the mode's total");
  await eventually(
    () => page.getByTestId('stats-partner-map').getAttribute('data-state'),
    'ready',
    'the world map is drawn',
  );
  await waitForSpinnersGone(page);
  await scope.screenshot(page, 'stats-9710-partners-zh-1280.png');
  await assertNoHorizontalOverflow(page, '/stats at 1280 px');

  // Export: the CSV has Chinese headers and the exact dollar amounts of the API.
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('stats-breakdown-export-csv').click();
  const csv = await csvDownload;
  assert.match(
    csv.suggestedFilename(),
    new RegExp(`^tradehub-statistics-partner-9710-${period.year}-\\d{2}-\\d{8}-\\d{6}\\.csv$`),
    'CSV file name',
  );
  const csvText = await readFile(await csv.path(), 'utf8');
  assert.ok(csvText.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark (Excel reads Chinese)');
  const [header, ...lines] = csvRows(csvText.slice(1));
  assert.deepEqual(header, [
    zh('stats.export.code'),
    zh('stats.dimensions.partner'),
    zh('stats.export.usdThisYear', { year: period.year }),
    zh('stats.export.usdLastYear', { year: period.year - 1 }),
    zh('stats.export.growthPercent'),
    zh('stats.export.sharePercent'),
  ]);
  assert.deepEqual(
    lines.map((line) => [line[0], line[2], line[3]]),
    partners.items.map((item) => [item.key, dollars(item.usdMinor), dollars(item.previousYearUsdMinor)]),
    'every partner with its exact amounts',
  );
  await writeFile(join(artifactsDir, 'stats-9710-partners.csv'), csvText);

  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('stats-breakdown-export-xlsx').click();
  const xlsx = await xlsxDownload;
  assert.match(xlsx.suggestedFilename(), /^tradehub-statistics-partner-9710-.*\.xlsx$/, 'XLSX file name');
  const xlsxBytes = await readFile(await xlsx.path());
  assert.equal(xlsxBytes.subarray(0, 2).toString('latin1'), 'PK', 'the XLSX is a zip package');

  // To the enterprises (lin.tao owns the department, so she holds stats.read_enterprises): the
  // largest partner's row opens the enterprises behind it, which add up to the partner's amount.
  const [largest] = partners.items;
  const enterprisesAnswer = waitForApi(page, 'GET', /\/stats\/dashboard\/enterprises$/, 200);
  await page.locator(`[data-testid="stats-row"][data-key="${largest.key}"] .stats-amount`).first().click();
  const enterprisesResponse = await enterprisesAnswer;
  const asked = new URL(enterprisesResponse.url()).searchParams;
  assert.deepEqual(
    [asked.get('customsMode'), asked.get('partner')],
    ['9710', largest.key],
    'the enterprises of 9710 with that partner',
  );
  const enterprises = await enterprisesResponse.json();
  assert.equal(enterprises.totalUsdMinor, largest.usdMinor, "the enterprises add up to the partner's amount");
  await eventually(
    () => page.getByTestId('stats-enterprises').getAttribute('data-key'),
    largest.key,
    'the enterprises card of that partner',
  );
  await expectCount(
    page.getByTestId('stats-enterprise-row'),
    enterprises.items.length,
    'a row per enterprise',
  );
  const enterprisesCsv = page.waitForEvent('download');
  await page.getByTestId('stats-enterprises-export-csv').click();
  assert.match(
    (await enterprisesCsv).suggestedFilename(),
    new RegExp(`^tradehub-statistics-enterprises-partner-${largest.key}-.*\\.csv$`),
    'the enterprises export as CSV',
  );
  await scope.screenshot(page, 'stats-9710-enterprises-zh-1280.png');
};

/** 2. The same drill-down in English on a phone; an exporter is kept out. */
export const statsEnglishPhoneAndExporterKeptOut = async ({ scope, demo, repoRoot }) => {
  const en = translator(repoRoot, 'en');
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'en', viewport: PHONE, isMobile: true });
  await logIn(page, demo.commerce.email, { next: '/stats?by=partner&mode=9710' });
  await page.getByTestId('stats-targets').waitFor();
  // lin.tao saved Chinese on her profile; she switches to English for this visit, back at the end.
  await switchLanguage(page, 'en');
  try {
    await expectText(page.locator('.page-header-title'), en('stats.title'), 'the page title in English');
    await expectText(
      page.getByTestId('stats-synthetic').locator('.ant-alert-title'),
      en('stats.synthetic.title'),
      'the banner in English',
    );
    await expectText(
      page.getByTestId('stats-drilled-mode'),
      en('stats.breakdown.drilled', { mode: en('stats.modes.9710') }),
      'the drill, from the address, in English',
    );
    await expectText(
      page.locator('[data-testid="stats-target"][data-target="cbecShare"] .ant-card-head-title'),
      en('stats.targets.cbecShare.title'),
      'a target in English',
    );
    const period = currentPeriod();
    const targets = await getJson(
      page,
      `/api/orgs/${demo.commerce.orgId}/stats/dashboard/targets?year=${period.year}&throughMonth=${period.throughMonth}`,
    );
    await checkTargets(page, targets, 'English phone');
    await eventually(
      () => page.getByTestId('stats-partner-map').getAttribute('data-state'),
      'ready',
      'the world map is drawn on the phone',
    );
    // Back to the modes: the tab reads in English and lists the modes in English.
    // Centred first: near the top of a phone screen the sticky header would take the tap.
    const clear = page.getByTestId('stats-clear-mode');
    await clear.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const cleared = waitForApi(page, 'GET', BREAKDOWN_PATH, 200);
    await clear.click();
    assert.equal(new URL((await cleared).url()).searchParams.get('customsMode'), null, 'the drill is undone');
    await page
      .getByTestId('stats-tab-mode')
      .evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.getByTestId('stats-tab-mode').click();
    await expectText(
      page.locator('[data-testid="stats-drill"][data-mode="9610"]'),
      en('stats.modes.9610'),
      '9610 named in English',
    );
    await waitForSpinnersGone(page);
    await assertNoHorizontalOverflow(page, '/stats at 390 px');
    await scope.screenshot(page, 'stats-phone-en.png');
    // The menu drawer has the entry.
    await page.getByTestId('nav-toggle').click();
    await expectText(page.getByTestId('nav-stats'), en('stats.nav'), 'the statistics entry in the drawer');
    // Following it closes the drawer and opens the dashboard from its start.
    await page.getByTestId('nav-stats').click();
    await page.waitForURL((url) => url.pathname === '/stats' && url.search === '');
    await waitForMotionDone(page);
  } finally {
    await switchLanguage(page, 'zh-CN');
  }

  // An exporter: no menu entry, the page says it is not for it, the API refuses.
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/stats' });
  await expectText(
    exporter.getByTestId('stats-forbidden').locator('.ant-result-title'),
    zh('stats.forbidden.title'),
    'the exporter is told',
  );
  assert.equal(await exporter.getByTestId('nav-stats').count(), 0, 'no statistics entry for an exporter');
  const refused = await fetchInPage(
    exporter,
    `/api/orgs/${demo.chen.orgId}/stats/dashboard/targets?year=${currentPeriod().year}`,
  );
  assert.equal(refused.status, 403, `the API refuses the exporter: ${refused.text}`);
  assert.match(refused.contentType, /application\/problem\+json/);
  assert.equal(JSON.parse(refused.text).code, 'stats.regulators_only');
};
