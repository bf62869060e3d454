// The services-trade records in the browser (issue 11 §6): the Hangzhou e-commerce platform
// (wang.fang, Chinese) opens its service contracts, records a delivery on the Malaysian store
// operation contract and exports the table; drafts a free technology export contract and registers
// it, getting a registration number; the commerce department (lin.tao) sees every organisation's
// contracts. Both pages fit 1280 px and a phone.
import assert from 'node:assert/strict';
import {
  assertNoHorizontalOverflow,
  logIn,
  pickOption,
  waitForApi,
  waitForMotionDone,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const SHANGHAI = 'Asia/Shanghai';
const PLATFORM_EMAIL = 'wang.fang@cbselect.example';
const COMMERCE_EMAIL = 'lin.tao@commerce.zj.example';
const DELIVERIES_PATH = /^\/api\/orgs\/[^/]+\/expo\/service-contracts\/[^/]+\/deliveries$/;
const TECHNOLOGY_PATH = /^\/api\/orgs\/[^/]+\/expo\/technology-contracts$/;
const REGISTER_PATH = /^\/api\/orgs\/[^/]+\/expo\/technology-contracts\/[^/]+\/register$/;
const settle = (page) => waitForMotionDone(page, { timeout: 5_000 }).catch(() => {});

/** Types a day into an Ant Design date picker (the test id on the picker or its input). */
const typeDay = async (page, locator, value) => {
  const tag = await locator.evaluate((element) => element.tagName);
  const input = tag === 'INPUT' ? locator : locator.locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await settle(page);
};
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayAhead = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const expoServicesTradeRecordsAndRegisters = async ({ scope, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP, timezoneId: SHANGHAI });
  await logIn(page, PLATFORM_EMAIL, { next: '/expo/services-trade' });
  await page.waitForURL((url) => url.pathname === '/expo/services-trade');
  await page.getByTestId('svc-table').waitFor();
  await waitForSpinnersGone(page);
  await expectText(
    page.locator('.page-header-title').first(),
    zh('expoServicesTrade.title'),
    'the page in Chinese',
  );
  await page.getByTestId('svc-open-CBS-SVC-2026-001').waitFor();
  await assertNoHorizontalOverflow(page, '1280 services trade');

  // A delivery on the Malaysian contract: the deliveries table grows by one.
  await page.getByTestId('svc-open-CBS-SVC-2026-001').click();
  const drawer = page.getByTestId('svc-drawer');
  await drawer.getByTestId('svc-deliveries').waitFor();
  await waitForSpinnersGone(page);
  await settle(page);
  const rowsBefore = await drawer.getByTestId('svc-deliveries').locator('tbody tr.ant-table-row').count();
  await typeDay(page, drawer.getByTestId('svc-delivery-date'), today());
  await drawer.getByTestId('svc-delivery-amount').fill('3000.00');
  const recorded = waitForApi(page, 'POST', DELIVERIES_PATH);
  await drawer.getByTestId('svc-delivery-submit').click();
  assert.equal((await recorded).status(), 201, 'the delivery is recorded');
  await expectCount(
    drawer.getByTestId('svc-deliveries').locator('tbody tr.ant-table-row'),
    rowsBefore + 1,
    'the new delivery is listed',
  );
  await scope.screenshot(page, 'expo-services-trade-drawer-zh.png');
  await page.keyboard.press('Escape');
  await settle(page);

  // The table exports to CSV.
  const download = page.waitForEvent('download');
  await page.getByTestId('svc-export-csv').click();
  const csv = await download;
  assert.match(csv.suggestedFilename(), /^service-contracts.*\.csv$/, 'a CSV file name');

  // A free technology export contract: drafted, then registered with a number.
  await page.goto('/expo/technology-contracts');
  await page.getByTestId('tec-table').waitFor();
  await waitForSpinnersGone(page);
  await page.getByTestId('tec-new').click();
  await settle(page);
  const reference = `E2E-TEC-${Date.now()}`;
  await page.getByTestId('tec-reference').fill(reference);
  await page.getByTestId('tec-name').fill('Bonded-warehouse picking optimisation know-how');
  await page.getByTestId('tec-foreign-name').fill('Jakarta Logistics PT');
  await pickOption(page, 'tec-foreign-country', 'ID', 'Indonesia');
  await page.getByTestId('tec-amount').fill('80000.00');
  await typeDay(page, page.getByTestId('tec-term-starts'), today());
  await typeDay(page, page.getByTestId('tec-term-ends'), dayAhead(720));
  const created = waitForApi(page, 'POST', TECHNOLOGY_PATH);
  await page.getByTestId('tec-create-submit').click();
  assert.equal((await created).status(), 201, 'the draft is saved');
  await settle(page);
  await page.getByTestId(`tec-open-${reference}`).click();
  const techDrawer = page.getByTestId('tec-drawer');
  await techDrawer.getByTestId('tec-register').waitFor();
  const registered = waitForApi(page, 'POST', REGISTER_PATH);
  await techDrawer.getByTestId('tec-register').click();
  assert.equal((await registered).status(), 200, 'the contract is registered');
  const number = techDrawer.getByTestId('tec-registration-number');
  await number.waitFor();
  assert.match((await number.textContent()).trim(), /^\d{4}330000E\d{6}$/, 'a registration number');
  await scope.screenshot(page, 'expo-technology-record-zh.png');
};

export const expoServicesTradeCommerceAndPhone = async ({ scope, repoRoot }) => {
  // The commerce department's person reads Chinese (the saved locale wins over the browser's).
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({
    locale: 'zh-CN',
    viewport: PHONE,
    isMobile: true,
    timezoneId: SHANGHAI,
  });
  await logIn(page, COMMERCE_EMAIL, { next: '/expo/services-trade' });
  await page.waitForURL((url) => url.pathname === '/expo/services-trade');
  await page.getByTestId('svc-table').waitFor();
  await waitForSpinnersGone(page);
  // The commerce department sees the platform's contracts among everyone's.
  await page.getByTestId('svc-open-CBS-SVC-2026-002').waitFor();
  await expectText(page.locator('.page-header-title').first(), zh('expoServicesTrade.title'), 'the title');
  await assertNoHorizontalOverflow(page, 'phone services trade');
  await scope.screenshot(page, 'expo-services-trade-phone-zh.png');
  await page.goto('/expo/technology-contracts');
  await page.getByTestId('tec-table').waitFor();
  await waitForSpinnersGone(page);
  await page.getByTestId('tec-open-CBS-TEC-2026-001').waitFor();
  await assertNoHorizontalOverflow(page, 'phone technology contracts');
  await scope.screenshot(page, 'expo-technology-phone-zh.png');
};
