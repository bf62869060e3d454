// Expo search in the browser (issue 11 §2, §8): the Kuala Lumpur buyer searches the hall's box
// for LED lights in English, narrows to verified CE, and searches 手电筒 in Chinese; the results
// page fits a phone, with its filters collapsed behind a toggle.
import { assertNoHorizontalOverflow, logIn, waitForSpinnersGone } from '../support/browser.mjs';
import { expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const BUYER_EMAIL = 'aisyah.rahman@klangvalley-trading.example';

export const expoSearchFromTheHall = async ({ scope, repoRoot }) => {
  const en = translator(repoRoot, 'en');

  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Asia/Kuala_Lumpur' });
  await logIn(page, BUYER_EMAIL, { next: '/expo' });
  await page.waitForURL((url) => url.pathname === '/expo');
  await page.getByTestId('expo-hall-search').locator('input').fill('LED lights');
  await page.getByTestId('expo-hall-search').locator('input').press('Enter');
  await page.waitForURL((url) => url.pathname === '/expo/search');
  await page.getByTestId('expo-search-results').waitFor();
  await waitForSpinnersGone(page);
  await expectText(page.locator('.page-header-title').first(), en('expoSearch.title'), 'the search page');
  await page.getByTestId('expo-search-card').filter({ hasText: 'LED' }).first().waitFor();
  await page.getByTestId('expo-search-certification').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^CE$/ }).first().click();
  await page.waitForURL((url) => url.searchParams.get('certification') === 'CE');
  await waitForSpinnersGone(page);
  await page.getByTestId('expo-search-summary').waitFor();
  await assertNoHorizontalOverflow(page, '1280 expo search');
  await scope.screenshot(page, 'expo-search-en.png');

  const phone = await scope.newPage({
    locale: 'zh-CN',
    viewport: PHONE,
    isMobile: true,
    timezoneId: 'Asia/Kuala_Lumpur',
  });
  await logIn(phone, BUYER_EMAIL, { next: `/expo/search?q=${encodeURIComponent('手电筒')}` });
  await phone.getByTestId('expo-search-results').waitFor();
  await waitForSpinnersGone(phone);
  await phone.getByTestId('expo-search-filters-toggle').waitFor();
  await phone.getByTestId('expo-search-card').first().waitFor();
  await assertNoHorizontalOverflow(phone, '390 expo search');
  await scope.screenshot(phone, 'expo-search-phone-zh.png');
};
