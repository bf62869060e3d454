// The policy-measure tracker in the browser (issue 8 §8). The Zhejiang Department of Commerce
// (lin.tao, Chinese), the joint-meeting office of the demo's programme, opens the board from the
// menu: the charts are drawn, the overdue table holds the demo's overdue task with a red tag, as the
// API's board says. She opens that task's measure, reads the policy's text with its lead agency,
// adds a task through the form, and it is listed; the page fits 1280 px. On a 390 px phone the
// board does not scroll sideways.
import assert from 'node:assert/strict';
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
const BOARD_PATH = /^\/api\/orgs\/[^/]+\/stats\/policy-measures\/board$/;
const TASKS_PATH = /^\/api\/orgs\/[^/]+\/stats\/policy-measures\/measures\/\d+\/tasks$/;

const getJson = async (page, path) => {
  const response = await fetchInPage(page, path);
  assert.equal(response.status, 200, `${path}: ${response.text}`);
  return JSON.parse(response.text);
};

/** Today plus some days, as YYYY-MM-DD (the date input's value). */
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const statsPolicyBoardOverdueAddTask = async ({ scope, demo, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(page, demo.commerce.email);
  // From the menu, next to the statistics dashboard.
  const boardLoaded = waitForApi(page, 'GET', BOARD_PATH, 200);
  await page.getByTestId('nav-stats-policy').first().click();
  await boardLoaded;
  await waitForSpinnersGone(page);
  await expectText(page.locator('.page-header-title'), zh('statsPolicy.title'), 'the board in Chinese');
  const board = await getJson(page, `/api/orgs/${demo.commerce.orgId}/stats/policy-measures/board`);
  const overdueTask = board.overdue.find((alert) => alert.kind === 'task_overdue');
  assert.ok(overdueTask, 'the demo programme has an overdue task');
  await eventually(
    () => page.getByTestId('policy-progress-chart').getAttribute('data-state'),
    'ready',
    'the progress bars are drawn',
  );
  await eventually(
    () => page.getByTestId('policy-status-chart').getAttribute('data-state'),
    'ready',
    'the status donut is drawn',
  );
  const overdueRow = page
    .getByTestId('policy-overdue-table')
    .locator('tr')
    .filter({ hasText: overdueTask.titleZh })
    .filter({ hasText: zh('statsPolicy.alert.task_overdue') });
  await expectCount(overdueRow, 1, 'the overdue task is in the overdue table');
  assert.equal(await overdueRow.count(), 1, 'once, as a task overdue');
  await expectText(
    overdueRow.getByTestId('policy-overdue-tag'),
    zh('statsPolicy.alert.task_overdue'),
    'with a red "task overdue" tag',
  );
  assert.match(
    (await overdueRow.getByTestId('policy-overdue-tag').getAttribute('class')) ?? '',
    /red/,
    'the tag is red',
  );
  await assertNoHorizontalOverflow(page, 'the board at 1280 px');
  await scope.screenshot(page, 'stats-policy-board-zh-1280.png');

  // The overdue task's measure: its text, the lead agency first.
  const measureLoaded = waitForApi(page, 'GET', /\/stats\/policy-measures\/measures\/\d+$/, 200);
  await overdueRow.getByTestId('policy-overdue-task').click();
  await measureLoaded;
  await waitForSpinnersGone(page);
  const measure = await getJson(
    page,
    `/api/orgs/${demo.commerce.orgId}/stats/policy-measures/measures/${overdueTask.measureNumber}`,
  );
  await expectText(
    page.getByTestId('policy-lead-agency'),
    `${measure.lead.zh} · ${zh('statsPolicy.lead')} ✓`,
    'the lead agency, named in Chinese and mapped to the department',
  );
  assert.ok(
    (await page.getByTestId('policy-measure-text').textContent()).includes(measure.textZh.slice(0, 20)),
    "the policy's own text",
  );
  const overdueCard = page.getByTestId('policy-task').filter({ hasText: overdueTask.titleZh });
  await expectCount(overdueCard.getByTestId('policy-task-overdue'), 1, 'the task is marked overdue');

  // A new task through the form.
  const before = await page.getByTestId('policy-task').count();
  await page.getByTestId('policy-add-task').click();
  await waitForMotionDone(page);
  const title = `浏览器新增任务 ${Date.now()}`;
  await page.getByTestId('policy-task-title-zh').fill(title);
  await page.getByTestId('policy-task-due').fill(inDays(90));
  const created = waitForApi(page, 'POST', TASKS_PATH);
  await page.getByTestId('policy-task-save').click();
  const answer = await created;
  assert.equal(answer.status(), 201, `the task is created: ${await answer.text()}`);
  const task = await answer.json();
  assert.equal(task.ownerAgency, measure.lead.code, 'owned by the lead agency, the form’s default');
  await waitForMotionDone(page);
  await expectCount(page.getByTestId('policy-task'), before + 1, 'the new task is listed');
  await expectCount(page.getByTestId('policy-task').filter({ hasText: title }), 1, 'under its title');
  await assertNoHorizontalOverflow(page, 'the measure page at 1280 px');
  await scope.screenshot(page, 'stats-policy-measure-zh-1280.png');
};

export const statsPolicyBoardOnAPhone = async ({ scope, demo }) => {
  const page = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(page, demo.commerce.email, { next: '/stats/policy' });
  await page.getByTestId('policy-overdue-table').waitFor();
  await waitForSpinnersGone(page);
  await eventually(
    () => page.getByTestId('policy-progress-chart').getAttribute('data-state'),
    'ready',
    'the progress bars are drawn on the phone',
  );
  await assertNoHorizontalOverflow(page, 'the board on a 390 px phone');
  await scope.screenshot(page, 'stats-policy-board-390.png');
  await page.getByTestId('policy-measure-link-4').click();
  await page.getByTestId('policy-measure-text').waitFor();
  await waitForSpinnersGone(page);
  await assertNoHorizontalOverflow(page, 'a measure on a 390 px phone');
};
