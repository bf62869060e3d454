// Chinese first: a Chinese browser gets a Chinese login page and workspace; switching to English
// is saved on the user's profile and follows them to a fresh browser.
import assert from 'node:assert/strict';
import { fetchInPage, logIn, waitForApi } from '../support/browser.mjs';
import { eventually, expectText } from '../support/expect.mjs';
import { NAV_ITEMS, squash, translator } from '../support/i18n.mjs';

export const DESKTOP = { width: 1280, height: 800 };

/** Every menu entry shows its label in the given language. */
export const expectNavigation = async (page, t, language) => {
  for (const item of NAV_ITEMS) {
    await expectText(page.getByTestId(item.testId), t(item.key), `${language} menu entry ${item.testId}`);
  }
};

const expectDocumentLanguage = (page, lang) =>
  eventually(() => page.evaluate(() => document.documentElement.lang), lang, 'document language');

const savedLocale = async (page) => JSON.parse((await fetchInPage(page, '/api/me')).text).user.locale;

/** Clicks one side of the language switch and waits until the server has saved the choice. */
const switchLanguage = async (page, locale) => {
  const saved = waitForApi(page, 'PATCH', '/api/me');
  await page.getByTestId(`language-${locale}`).click();
  const response = await saved;
  assert.equal(response.status(), 200, `saving locale ${locale} answers 200`);
  assert.equal((await response.json()).user.locale, locale, 'the server saved the chosen locale');
};

export const loginInChinese = async ({ scope, repoRoot, demo }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });

  await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/login');
  await expectText(
    page.getByTestId('product-name'),
    (text) => squash(text) === squash(`${zh('app.name')} ${zh('app.productName')}`),
    'product name on the login page',
  );
  await expectText(
    page.getByTestId('login-submit'),
    (text) => squash(text) === zh('login.submit'),
    'login button',
  );
  assert.equal(await page.title(), zh('app.title'), 'window title');
  await expectDocumentLanguage(page, 'zh-CN');
  await scope.screenshot(page, 'login-zh-1280.png');

  await logIn(page, demo.chen.email);
  await expectText(page.getByTestId('welcome-org-name'), demo.chen.nameZh, 'organisation on the overview');
  await expectText(page.getByTestId('current-org'), demo.chen.nameZh, 'organisation in the header');
  const welcome = zh('overview.welcome', { name: demo.chen.displayName });
  await page.getByTestId('welcome-card').getByText(welcome, { exact: true }).waitFor();
  await expectNavigation(page, zh, 'Chinese');
  await expectText(
    page.getByTestId('sider').getByText(zh('nav.groups.organisation'), { exact: true }),
    zh('nav.groups.organisation'),
    'menu group heading',
  );
  await scope.screenshot(page, 'workspace-zh-1280.png');
};

export const switchToEnglish = async ({ scope, repoRoot, demo }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(page, demo.chen.email);
  await expectNavigation(page, zh, 'Chinese');

  await switchLanguage(page, 'en');
  await expectNavigation(page, en, 'English');
  await expectText(page.getByTestId('welcome-org-name'), demo.chen.nameEn, 'English organisation name');
  await expectDocumentLanguage(page, 'en');

  const reloaded = waitForApi(page, 'GET', '/api/me', 200);
  await page.reload();
  await reloaded;
  await expectNavigation(page, en, 'English after reload');
  assert.equal(await savedLocale(page), 'en', 'GET /api/me reports locale en');
  await scope.screenshot(page, 'workspace-en-1280.png');

  // The reload above could be answered by this browser's localStorage alone; a fresh browser in
  // Chinese proves the choice is stored on the server and wins over the browser language.
  const fresh = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await fresh.goto('/login');
  await expectText(
    fresh.getByTestId('login-submit'),
    (text) => squash(text) === zh('login.submit'),
    'login button',
  );
  await logIn(fresh, demo.chen.email);
  await expectNavigation(fresh, en, 'English in a fresh browser');

  // Leave the user as the journey found them.
  await switchLanguage(fresh, 'zh-CN');
  await expectNavigation(fresh, zh, 'Chinese again');
  assert.equal(await savedLocale(fresh), 'zh-CN', 'GET /api/me reports locale zh-CN again');
};
