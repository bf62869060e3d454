// The workspace on a phone and on a laptop: every page fits the width, and the menu is a drawer
// behind a button on the phone and a side bar on the laptop.
import assert from 'node:assert/strict';
import { assertNoHorizontalOverflow, logIn } from '../support/browser.mjs';
import { eventually } from '../support/expect.mjs';
import { NAV_ITEMS, translator } from '../support/i18n.mjs';
import { WORKSPACE_PAGES, waitForWorkspacePage } from '../support/pages.mjs';
import { DESKTOP, expectNavigation } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const BERLIN = 'Europe/Berlin';

/** Opens the menu drawer with the header button; it lists every page, translated. */
const openDrawer = async (page, t) => {
  await page.getByTestId('nav-toggle').click();
  const drawer = page.getByTestId('nav-drawer');
  await drawer.waitFor({ state: 'visible' });
  for (const item of NAV_ITEMS) {
    const link = drawer.getByTestId(item.testId);
    await link.waitFor({ state: 'visible' });
    assert.equal((await link.textContent()).trim(), t(item.key), `drawer entry ${item.testId}`);
  }
  return drawer;
};

export const phoneSizedScreen = async ({ scope, repoRoot, demo }) => {
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: PHONE, isMobile: true, timezoneId: BERLIN });
  await logIn(page, demo.jonas.email);

  for (const [index, entry] of WORKSPACE_PAGES.entries()) {
    await waitForWorkspacePage(page, entry, en);
    assert.equal(await page.getByTestId('sider').count(), 0, `${entry.name}: no side bar on a phone`);
    await assertNoHorizontalOverflow(page, `phone ${entry.name}`);
    await scope.screenshot(page, `phone-${entry.name}.png`);

    const drawer = await openDrawer(page, en);
    await assertNoHorizontalOverflow(page, `phone ${entry.name} with the drawer open`);
    const next = WORKSPACE_PAGES[index + 1];
    if (next) {
      // Following a link closes the drawer, so it cannot hide the page it opened.
      await drawer.getByTestId(next.navTestId).click();
    } else {
      await scope.screenshot(page, 'phone-drawer.png', { fullPage: false });
      await page.keyboard.press('Escape');
    }
    await drawer.waitFor({ state: 'hidden' });
  }
};

export const desktopLayout = async ({ scope, repoRoot, demo }) => {
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: BERLIN });
  await logIn(page, demo.jonas.email);
  await page.getByTestId('sider').waitFor({ state: 'visible' });
  await expectNavigation(page, en, 'English');
  assert.equal(await page.getByTestId('nav-toggle').count(), 0, 'no menu button beside a side bar');

  for (const entry of WORKSPACE_PAGES) {
    await page.getByTestId('sider').getByTestId(entry.navTestId).click();
    await waitForWorkspacePage(page, entry, en);
    await eventually(
      () => page.getByTestId('sider').locator('.ant-menu-item-selected').textContent(),
      (text) => text.trim() === en(NAV_ITEMS.find((item) => item.testId === entry.navTestId).key),
      `${entry.name}: its menu entry is selected`,
    );
    await assertNoHorizontalOverflow(page, `desktop ${entry.name}`);
    await scope.screenshot(page, `desktop-${entry.name}.png`);
  }
};
