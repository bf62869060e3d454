// Chromium and the per-journey browser state: each journey opens its own contexts (own cookies and
// localStorage), and the runner closes them and photographs the last page when a journey fails.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const STEP_TIMEOUT_MS = 15_000;
export const DEMO_PASSWORD = 'tradehub-demo-2026';

// The machine has no network; these flags stop Chromium's own background connections (updates,
// sync, QUIC probes) so nothing waits on a connection that cannot happen.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchBrowser = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });

/**
 * Contexts opened by one journey. Every page is watched for uncaught script errors and for
 * requests to any other origin: the hub is self-hosted and must not need the internet.
 */
export const openScope = ({ browser, baseUrl, artifactsDir }) => {
  const contexts = [];
  const problems = [];
  const notes = [];
  let lastPage = null;

  const watch = (page) => {
    // The first frames of the stack name the code that threw (minified, but the file says which chunk).
    page.on('pageerror', (error) =>
      problems.push(
        `uncaught error in the page: ${error.message} ${(error.stack ?? '').split('\n').slice(1, 4).join(' | ')} (at ${page.url()})`,
      ),
    );
    page.on('request', (request) => {
      const url = request.url();
      if (/^https?:/.test(url) && !url.startsWith(`${baseUrl}/`)) {
        problems.push(`request to another origin: ${url}`);
      }
    });
  };

  return {
    /** A page in a fresh context; `locale` and `viewport` are always explicit. */
    async newPage({ locale, viewport, timezoneId = 'Asia/Shanghai', isMobile = false }) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale,
        viewport,
        timezoneId,
        isMobile,
        hasTouch: isMobile,
        acceptDownloads: true,
      });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
      contexts.push(context);
      const page = await context.newPage();
      watch(page);
      lastPage = page;
      return page;
    },
    /** Saves a screenshot once animations have settled, with the pointer off the content. */
    async screenshot(page, name, { fullPage = true } = {}) {
      // A pointer left over a card from the last click would show as a hover highlight.
      // Headless Chromium gives a page behind another no animation frames, so its motion never ends.
      await page.bringToFront();
      const { width, height } = page.viewportSize();
      await page.mouse.move(width - 1, height - 1);
      // A settled picture is nicer, not a condition of the journey: Playwright disables what still
      // moves, and the journey goes on (a busy CI machine once kept a closing dropdown moving).
      await waitForMotionDone(page, { timeout: 5_000 }).catch(async () => {
        const moving = await page
          .evaluate((source) => {
            const motion = new RegExp(source);
            return [...document.querySelectorAll('[class]')]
              .map((element) => element.getAttribute('class') ?? '')
              .filter((value) => motion.test(value))
              .slice(0, 3);
          }, MOTION_CLASS.source)
          .catch(() => []);
        notes.push(
          `${name}: still animating after 5 s (${moving.join(' | ')}); captured with animations disabled`,
        );
      });
      await page.screenshot({ path: join(artifactsDir, name), fullPage, animations: 'disabled' });
    },
    /** Fails the journey if a page threw or reached out to another origin. */
    assertClean() {
      assert.deepEqual(problems, [], 'the pages ran cleanly');
    },
    /** Something worth reporting that does not fail the journey. */
    note(text) {
      notes.push(text);
    },
    get notes() {
      return notes;
    },
    get problems() {
      return problems;
    },
    get lastPage() {
      return lastPage;
    },
    async close() {
      for (const context of contexts) {
        await context.close().catch(() => {});
      }
    },
  };
};

/**
 * Resolves with the first response matching method and path (a string or a RegExp). Callers start
 * it before the click that sends the request; should that click fail first, the waiting promise
 * must not later reject unobserved and bring the whole run down, so it is marked handled here
 * (awaiting it still throws).
 */
export const waitForApi = (page, method, path, status) => {
  const waiting = waitForResponseTo(page, method, path, status);
  waiting.catch(() => {});
  return waiting;
};

const waitForResponseTo = (page, method, path, status) =>
  page.waitForResponse((response) => {
    const url = new URL(response.url());
    const pathMatches = typeof path === 'string' ? url.pathname === path : path.test(url.pathname);
    return (
      response.request().method() === method &&
      pathMatches &&
      (status === undefined || response.status() === status)
    );
  });

/** Signs in through the login form, as a person would, and waits for the workspace. */
export const logIn = async (page, email, { next = '/' } = {}) => {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
  }
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  const login = waitForApi(page, 'POST', '/api/auth/login');
  await page.getByTestId('login-submit').click();
  const response = await login;
  assert.equal(response.status(), 200, `login of ${email} answers 200`);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return response.json();
};

/** Same-origin JSON request from inside the page, with the page's session cookie. */
export const fetchInPage = (page, path, init = {}) =>
  page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, { credentials: 'same-origin', ...init });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text,
      };
    },
    { path, init },
  );

/**
 * Overflow to the right makes a phone page scroll sideways. innerWidth alone is not enough: a
 * mobile browser may zoom out to fit wide content, widening innerWidth with it, so the page is
 * also measured against the width the context was opened with.
 */
export const assertNoHorizontalOverflow = async (page, label) => {
  const viewportWidth = page.viewportSize().width;
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(
    scrollWidth <= innerWidth + 1 && scrollWidth <= viewportWidth + 1,
    `${label}: no horizontal overflow (scrollWidth ${scrollWidth}, innerWidth ${innerWidth}, viewport ${viewportWidth})`,
  );
};

/** Waits until no Ant Design spinner is spinning (tables and forms have loaded). */
export const waitForSpinnersGone = (page) =>
  page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton').length === 0);

// Ant Design animates with classes such as `ant-zoom-enter` or `ant-drawer-panel-motion-left-leave`
// while a modal or drawer opens or closes.
const MOTION_CLASS = /(^|\s)\S+-(appear|enter|leave)(-\S+)?(\s|$)/;

/** Waits until no element is mid-animation (modals and drawers have fully opened or closed). */
export const waitForMotionDone = (page, options = {}) =>
  page.waitForFunction(
    (source) => {
      const motion = new RegExp(source);
      return ![...document.querySelectorAll('[class]')].some((element) =>
        motion.test(element.getAttribute('class') ?? ''),
      );
    },
    MOTION_CLASS.source,
    options,
  );

/**
 * Opens an Ant Design select by its test id, optionally types a search, picks the first visible
 * option matching `optionText`, and checks the select now shows it. A select that searches the
 * server re-renders its list when the answer arrives; a click that lands on an option being
 * replaced selects nothing and the form later refuses to submit, so the pick is checked and
 * tried again (three times at most) rather than trusted.
 */
export const pickOption = async (page, testId, optionText, search) => {
  // Several parties' pages are open at once; only the page in front gets animation frames.
  await page.bringToFront();
  const select = page.getByTestId(testId);
  // The test id sits on the select's root element, which holds the chosen value's label.
  const chosen = select
    .locator('.ant-select-content-has-value, .ant-select-selection-item')
    .filter({ hasText: optionText });
  // A dropdown still opening, or the closing one of an earlier select, would take the click, so
  // each step waits for animations to settle; but only for a while: on a loaded machine an
  // unrelated animation (a toast leaving) can outlast it, and the pick is checked afterwards anyway.
  const settle = () => waitForMotionDone(page, { timeout: 5_000 }).catch(() => {});
  for (let attempt = 1; ; attempt += 1) {
    await settle();
    await select.click();
    if (search) {
      await page.keyboard.type(search);
    }
    await settle();
    const option = page
      .locator('.ant-select-item-option')
      .filter({ hasText: optionText, visible: true })
      .first();
    await option.click();
    await settle();
    if ((await chosen.count()) > 0 || attempt === 3) {
      break;
    }
    await page.keyboard.press('Escape');
  }
  assert.ok((await chosen.count()) > 0, `${testId}: the select shows the option picked (${optionText})`);
};
