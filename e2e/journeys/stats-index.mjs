// The Zhejiang Index in the browser (issue 8 §5). The demo seed published the index of last year
// as the Zhejiang Department of Commerce. lin.tao (Chinese) opens her runs page, sees that run
// published, follows it to the public /index page: the ranking chart and the rank bands are drawn,
// the synthetic-data banner is up, and the CSV download starts with the index's title row and the
// year. Then anyone, not signed in, opens /index on a 390 px phone in English: no horizontal
// scrolling. From the index page she also downloads the year's white paper as PDF: a real PDF of
// several pages, in Chinese, of the published year.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { assertNoHorizontalOverflow, fetchInPage, logIn, waitForSpinnersGone } from '../support/browser.mjs';
import { eventually, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };

const publishedIndex = async (page) => {
  const response = await fetchInPage(page, '/api/public/zhejiang-index');
  assert.equal(response.status, 200, `the published index: ${response.text}`);
  return JSON.parse(response.text);
};

/** 1. The commerce department: runs page → public page → charts, banner, CSV. */
export const statsIndexCommerceOpensPublishedIndex = async ({ scope, demo, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(page, demo.commerce.email, { next: '/stats/index' });
  const index = await publishedIndex(page);
  assert.equal(index.year, new Date().getUTCFullYear() - 1, 'the seed published last year');
  assert.equal(index.synthetic, true, 'the demo index says it is synthetic');

  await expectText(page.locator('.page-header-title'), zh('zjIndex.runs.title'), 'the runs page');
  const published = page.locator('[data-testid="zj-index-runs"] .ant-tag-green');
  await eventually(async () => (await published.count()) >= 1, true, 'the seeded run is listed as published');
  await page.getByTestId('zj-index-public-link').click();
  await page.waitForURL((url) => url.pathname === '/index');

  await expectText(page.getByTestId('zj-index-title'), zh('zjIndex.title'), 'the index page title');
  await expectText(
    page.getByTestId('zj-index-synthetic').locator('.ant-alert-title'),
    zh('zjIndex.synthetic.title'),
    'the synthetic-data banner',
  );
  for (const chart of ['zj-index-ranking-chart', 'zj-index-bands-chart', 'zj-index-pillars-chart']) {
    await eventually(() => page.getByTestId(chart).getAttribute('data-state'), 'ready', `${chart} is drawn`);
  }
  const top = index.cities[0];
  await expectText(
    page.getByTestId('zj-index-headline'),
    (text) => text.includes(zh(`stats.cities.${top.city}`)),
    'the headline names the top city',
  );
  await waitForSpinnersGone(page);
  await scope.screenshot(page, 'zhejiang-index-zh-1280.png');
  await assertNoHorizontalOverflow(page, '/index at 1280 px');

  const download = page.waitForEvent('download');
  await page.getByTestId('zj-index-download-csv').click();
  const csv = await download;
  assert.equal(csv.suggestedFilename(), `zhejiang-index-${index.year}.csv`, 'CSV file name');
  const text = await readFile(await csv.path(), 'utf8');
  const [first, second] = text.split('\r\n');
  assert.equal(first, `Zhejiang Digital Trade Index / 浙江数字贸易指数,${index.year}`, 'the first line');
  assert.match(second ?? '', /SYNTHETIC DATA/, 'the second line says the data are synthetic');

  // The white paper of the same year, as the commerce department hands it out.
  const paperDownload = page.waitForEvent('download');
  await page.getByTestId('zj-index-download-pdf').click();
  const paper = await paperDownload;
  assert.equal(paper.suggestedFilename(), `white-paper-${index.year}-zh-CN.pdf`, 'white paper file name');
  const bytes = await readFile(await paper.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the white paper is a PDF');
  const pdf = await PDFDocument.load(bytes);
  assert.ok(pdf.getPageCount() >= 4, `the white paper has its sections (${pdf.getPageCount()} pages)`);
  assert.match(pdf.getTitle() ?? '', new RegExp(String(index.year)), 'the PDF title names the year');
};

/** 2. Anyone, not signed in, on a phone in English: the page fits. */
export const statsIndexPublicOnAPhone = async ({ scope, repoRoot }) => {
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: PHONE, isMobile: true });
  await page.goto('/login');
  await page.getByTestId('login-zhejiang-index').click();
  await page.waitForURL((url) => url.pathname === '/index');
  await expectText(page.getByTestId('zj-index-title'), en('zjIndex.title'), 'the title in English');
  await eventually(
    () => page.getByTestId('zj-index-ranking-chart').getAttribute('data-state'),
    'ready',
    'the ranking chart is drawn on the phone',
  );
  await page.getByTestId('zj-index-method').scrollIntoViewIfNeeded();
  await waitForSpinnersGone(page);
  await scope.screenshot(page, 'zhejiang-index-en-390.png');
  await assertNoHorizontalOverflow(page, '/index at 390 px');
};
