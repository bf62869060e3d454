// The IP registry in the browser (issue 11 §7): the Hamburg importer (jonas.becker, English, 1280 px)
// finds the Ningbo LED patent in the registry and its listing by a Chinese search, and accepts the
// exclusive licence the demo issued to it; the Ningbo lighting exporter (qian.yu, Chinese, phone)
// sees the accepted licence on its patent and turns the German marketplace alert into a dispute
// intake. Every page fits 1280 px and a phone.
import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow, logIn, waitForApi, waitForSpinnersGone } from '../support/browser.mjs';
import { expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const LIGHTING_EMAIL = 'qian.yu@mingliang-lighting.example';
const LED_TITLE_EN = 'High-CRI LED filament and its packaging method';
const LED_TITLE_ZH = '高显色指数LED灯丝及其封装方法';
const ACCEPT_PATH = /^\/api\/orgs\/[^/]+\/expo\/ip\/agreements\/[^/]+\/accept$/;
const INTAKE_PATH = /^\/api\/orgs\/[^/]+\/expo\/ip\/alerts\/[^/]+\/dispute-intake$/;

export const expoIpLicenseeAcceptsLicence = async ({ scope, repoRoot, demo }) => {
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Europe/Berlin' });
  await logIn(page, demo.jonas.email);
  await page.getByTestId('sider').getByTestId('nav-expo-ip').click();
  await page.getByTestId('ip-registry-page').waitFor();
  await waitForSpinnersGone(page);
  await expectText(page.locator('.page-header-title').first(), en('expoIp.title'), 'the registry title');
  await expectCount(
    page.getByTestId('ip-asset-link').filter({ hasText: LED_TITLE_EN }),
    1,
    'the LED patent in the registry',
  );
  await assertNoHorizontalOverflow(page, 'desktop registry');

  // The listing, found by a Chinese search although the page is in English.
  await page.getByRole('tab', { name: en('expoIp.tabs.listings') }).click();
  const listingsLoaded = waitForApi(page, 'GET', /\/expo\/ip\/listings$/, 200);
  await page.getByTestId('ip-listings-search').locator('input').fill('灯丝');
  await listingsLoaded;
  await expectCount(page.getByTestId('ip-listing-item'), 1, 'the LED listing found by 灯丝');

  // The licence awaiting the importer's acceptance.
  await page.getByRole('tab', { name: en('expoIp.tabs.agreements') }).click();
  await page.getByTestId('ip-agreements-table').waitFor();
  await waitForSpinnersGone(page);
  const accepted = waitForApi(page, 'POST', ACCEPT_PATH);
  await page.getByTestId('ip-agreement-accept').first().click();
  assert.equal((await accepted).status(), 200, 'the licence is accepted');
  await expectText(
    page.getByTestId('ip-agreement-status').first(),
    en('expoIp.agreementStatuses.accepted'),
    'the licence shows accepted',
  );
  await scope.screenshot(page, 'expo-ip-agreements-desktop.png');

  // The asset page: the licensee sees the patent and its licence, no owner tools.
  await page.getByTestId('ip-agreements-table').getByRole('link', { name: LED_TITLE_EN }).click();
  await page.getByTestId('ip-asset-page').waitFor();
  await waitForSpinnersGone(page);
  assert.equal(await page.getByTestId('ip-agreement-new').count(), 0, 'no licence button for the licensee');
  assert.equal(await page.getByTestId('ip-pledge-submit').count(), 0, 'no pledge form for the licensee');
  await assertNoHorizontalOverflow(page, 'desktop asset page');
};

export const expoIpOwnerPreparesDisputeOnAPhone = async ({ scope, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({
    locale: 'zh-CN',
    viewport: PHONE,
    isMobile: true,
    timezoneId: 'Asia/Shanghai',
  });
  await logIn(page, LIGHTING_EMAIL);
  await page.goto('/expo/ip');
  await page.getByTestId('ip-registry-page').waitFor();
  await waitForSpinnersGone(page);
  await assertNoHorizontalOverflow(page, 'phone registry');
  await page.getByRole('tab', { name: zh('expoIp.tabs.mine') }).click();
  await page.getByTestId('ip-mine-table').waitFor();
  await waitForSpinnersGone(page);
  await expectCount(page.getByTestId('ip-asset-link'), 3, 'the three assets of the lighting exporter');
  await page.getByTestId('ip-mine-table').getByRole('link', { name: LED_TITLE_ZH }).click();
  await page.getByTestId('ip-asset-page').waitFor();
  await waitForSpinnersGone(page);
  await assertNoHorizontalOverflow(page, 'phone asset page');
  const intake = waitForApi(page, 'POST', INTAKE_PATH);
  await page.getByTestId('ip-alert-intake').first().click();
  assert.equal((await intake).status(), 201, 'the dispute intake is recorded');
  await expectText(
    page.getByTestId('ip-alert-status').first(),
    zh('expoIp.alertStatuses.dispute_intake'),
    'the alert shows the prepared dispute',
  );
  await assertNoHorizontalOverflow(page, 'phone asset page after the intake');
  await scope.screenshot(page, 'expo-ip-asset-phone.png');
};
