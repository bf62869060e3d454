// The expo hall in the browser (issue 11 §1, §8): the Kuala Lumpur buyer (English) browses the
// hall, opens the Ningbo lighting exporter's page and one of its LED products with its CE
// certification, and the 2026 expo's halls and schedule; the Yiwu exporter (Chinese) opens its
// booth editor and exports its product table. The hall fits a phone.
import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow, logIn, waitForSpinnersGone } from '../support/browser.mjs';
import { expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const BUYER_EMAIL = 'aisyah.rahman@klangvalley-trading.example';
const YIWU_EMAIL = 'chen.li@yiwu-commodities.example';

export const expoCatalogueHallAndBooth = async ({ scope, repoRoot }) => {
  const en = translator(repoRoot, 'en');
  const zh = translator(repoRoot, 'zh-CN');

  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Asia/Kuala_Lumpur' });
  await logIn(page, BUYER_EMAIL, { next: '/expo' });
  await page.waitForURL((url) => url.pathname === '/expo');
  await page.getByTestId('expo-hall-exhibitors').waitFor();
  await waitForSpinnersGone(page);
  await expectText(
    page.locator('.page-header-title').first(),
    en('expoCatalogue.hall.title'),
    'the hall in English',
  );
  await expectCount(page.getByTestId('expo-exhibitor-card'), 3, 'the demo exhibitors');
  await assertNoHorizontalOverflow(page, '1280 expo hall');
  await scope.screenshot(page, 'expo-hall-en.png');

  await page.getByTestId('expo-exhibitor-card').filter({ hasText: 'Mingliang' }).click();
  await page.getByTestId('expo-exhibitor-page').waitFor();
  await waitForSpinnersGone(page);
  await page.getByText('LED panel light 600×600 40 W').click();
  await page.getByTestId('expo-product-page').waitFor();
  await waitForSpinnersGone(page);
  await expectText(page.getByTestId('expo-product-price'), 'USD 8.50 – 11.00', 'the price range, exact');
  await expectText(
    page.getByTestId('expo-product-certification').first(),
    /^CE · /,
    'the CE certification, self-declared in the demo',
  );
  await scope.screenshot(page, 'expo-product-en.png');

  const events = await page.evaluate(async () => (await fetch('/api/expo/events')).json());
  const expo = events.items.find((e) => e.nameEn === '2026 Global Digital Trade Expo');
  assert.ok(expo, 'the demo expo is published');
  await page.goto(`/expo/events/${expo.id}`);
  await page.getByTestId('expo-event-schedule').waitFor();
  await expectCount(page.getByTestId('expo-event-hall'), 2, 'two halls');
  await assertNoHorizontalOverflow(page, '1280 expo event');
  await scope.screenshot(page, 'expo-event-en.png');

  // The hall on a phone: the card grid is one column, nothing overflows.
  const phone = await scope.newPage({
    locale: 'en',
    viewport: PHONE,
    isMobile: true,
    timezoneId: 'Asia/Kuala_Lumpur',
  });
  await logIn(phone, BUYER_EMAIL, { next: '/expo' });
  await phone.getByTestId('expo-hall-exhibitors').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '390 expo hall');
  await scope.screenshot(phone, 'expo-hall-phone.png');
  await phone.goto(`/expo/events/${expo.id}`);
  await phone.getByTestId('expo-event-schedule').waitFor();
  await assertNoHorizontalOverflow(phone, '390 expo event');

  // The Yiwu exporter's booth editor, in Chinese, and the product table's CSV export.
  const yiwu = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP, timezoneId: 'Asia/Shanghai' });
  await logIn(yiwu, YIWU_EMAIL, { next: '/expo/booth' });
  await yiwu.getByTestId('expo-products-table').waitFor();
  await waitForSpinnersGone(yiwu);
  await expectText(
    yiwu.locator('.page-header-title').first(),
    zh('expoCatalogue.booth.title'),
    'the editor in Chinese',
  );
  await expectCount(
    yiwu.getByTestId('expo-products-table').locator('tbody tr.ant-table-row'),
    8,
    'eight products',
  );
  const download = yiwu.waitForEvent('download');
  await yiwu.getByTestId('expo-products-export-csv').click();
  const csv = await download;
  assert.match(csv.suggestedFilename(), /^tradehub-expo-products.*\.csv$/, 'a CSV file name');
  await assertNoHorizontalOverflow(yiwu, '1280 booth editor');
  await scope.screenshot(yiwu, 'expo-booth-zh.png');
};
