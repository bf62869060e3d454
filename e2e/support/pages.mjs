// The workspace pages the layout journeys visit, and how to tell each one has finished loading.
import { waitForSpinnersGone } from './browser.mjs';
import { eventually, expectCount, expectText } from './expect.mjs';

const tableRows = (page, testId) => page.getByTestId(testId).locator('tr.ant-table-row');

/** The page's heading is in the UI language, so a page in the wrong language fails here too. */
const expectTitle = (page, t, key) =>
  expectText(page.locator('.page-header-title').first(), t(key), `${key} heading`);

export const WORKSPACE_PAGES = [
  {
    name: 'overview',
    path: '/',
    navTestId: 'nav-overview',
    ready: async (page) => {
      await expectText(page.getByTestId('welcome-org-name'), /\S/, 'organisation name on the overview');
      await page.getByTestId('quick-link-audit').waitFor();
    },
  },
  {
    name: 'profile',
    path: '/org/profile',
    navTestId: 'nav-profile',
    ready: async (page, t) => {
      await expectTitle(page, t, 'profile.title');
      await eventually(
        () => page.getByTestId('profile-name-en').inputValue(),
        /\S/,
        'profile form filled in',
      );
    },
  },
  {
    name: 'members',
    path: '/org/members',
    navTestId: 'nav-members',
    ready: async (page, t) => {
      await expectTitle(page, t, 'members.title');
      await expectCount(tableRows(page, 'members-table'), 1, 'members table rows');
    },
  },
  {
    name: 'api-keys',
    path: '/org/api-keys',
    navTestId: 'nav-api-keys',
    ready: async (page, t) => {
      await expectTitle(page, t, 'apiKeys.title');
      await page.getByTestId('api-keys-table').waitFor();
    },
  },
  {
    name: 'audit',
    path: '/org/audit',
    navTestId: 'nav-audit',
    ready: async (page, t) => {
      await expectTitle(page, t, 'audit.title');
      await expectCount(tableRows(page, 'audit-table'), 1, 'audit table rows');
    },
  },
];

/** Waits for the page's own content, then for every table and form to stop loading. */
export const waitForWorkspacePage = async (page, entry, t) => {
  await page.waitForURL((url) => url.pathname === entry.path);
  await entry.ready(page, t);
  await waitForSpinnersGone(page);
};
