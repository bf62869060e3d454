// Enterprise direct reporting in the browser (issue 8, the journey's second half). The commerce
// department registers Hangzhou CrossBorder Select as a reporting enterprise. Wang Fang (Chinese,
// 1280 px) opens last month's services trade report, fills it in with a total that is not the sum
// of its parts, submits, and sees the error on that very cell; she corrects it and submits again.
// Lin Tao of the Zhejiang Department of Commerce finds it in the review queue and accepts it; the
// report is accepted with one fact per non-zero cell. The same report reads on a 390 px phone
// without sideways scrolling.
import assert from 'node:assert/strict';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  waitForApi,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount } from '../support/expect.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const EBOPS = ['SA', 'SB', 'SC', 'SD', 'SE', 'SF', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL'];
const REPORTS_PATH = /^\/api\/orgs\/[^/]+\/stats\/reporting\/reports$/;
const VALUES_PATH = /^\/api\/orgs\/[^/]+\/stats\/reporting\/reports\/[^/]+\/values$/;
const SUBMIT_PATH = /^\/api\/orgs\/[^/]+\/stats\/reporting\/reports\/[^/]+\/submit$/;
const ACCEPT_PATH = /^\/api\/orgs\/[^/]+\/stats\/reporting\/review\/[^/]+\/accept$/;

/** The month before this one (UTC), the one due on the 15th of this month. */
const lastMonth = () => {
  const now = new Date();
  const month = now.getUTCMonth();
  return month === 0
    ? `${now.getUTCFullYear() - 1}-12`
    : `${now.getUTCFullYear()}-${String(month).padStart(2, '0')}`;
};

const SI_EXPORT = '2500000';
const SJ_EXPORT = '480000';
const SC_IMPORT = '91000';

export const statsReportingErrorFixedAccepted = async ({ scope, demo, baseUrl }) => {
  const { platform, commerce } = demo;
  const registered = await fetch(`${baseUrl}/api/orgs/${commerce.orgId}/stats/reporting/enterprises`, {
    method: 'POST',
    headers: { cookie: commerce.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ organisationId: platform.orgId }),
  });
  assert.equal(registered.status, 200, `the department registers the platform: ${await registered.text()}`);

  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(page, platform.email, { next: '/stats/reporting' });
  await page.getByTestId('reporting-my-table').waitFor();
  const period = lastMonth();
  await page.getByTestId('reporting-period').fill(period);
  const opened = waitForApi(page, 'POST', REPORTS_PATH);
  await page.getByTestId('reporting-open').click();
  const openedResponse = await opened;
  assert.equal(openedResponse.status(), 201, `opening the ${period} report answers 201`);
  const reportId = (await openedResponse.json()).id;
  await page.waitForURL(`**/stats/reporting/reports/${reportId}`);
  await waitForSpinnersGone(page);

  // Every cell of the form, with a total that is not the sum of its parts.
  const cell = (name) => page.getByTestId(`cell-${name}`);
  await cell('usdCnyRate').fill('7.0865');
  await cell('deliveredDigitally').fill('yes');
  for (const category of EBOPS) {
    await cell(`rows.${category}.export`).fill(
      category === 'SI' ? SI_EXPORT : category === 'SJ' ? SJ_EXPORT : '0',
    );
    await cell(`rows.${category}.import`).fill(category === 'SC' ? SC_IMPORT : '0');
  }
  await cell('rows.total.export').fill('2900000');
  await cell('rows.total.import').fill(SC_IMPORT);
  await cell('partners.1.country').fill('SG');
  await cell('partners.1.export').fill(SI_EXPORT);

  const savedWrong = waitForApi(page, 'PUT', VALUES_PATH);
  const refused = waitForApi(page, 'POST', SUBMIT_PATH);
  await page.getByTestId('report-submit').click();
  assert.equal((await savedWrong).status(), 200, 'the draft is saved');
  const refusedResponse = await refused;
  assert.equal(refusedResponse.status(), 400, 'the submission with a wrong total is refused');
  const problem = await refusedResponse.json();
  assert.deepEqual(
    problem.errors.map((error) => `${error.field} ${error.code}`),
    ['rows.total.export stats.report_total_mismatch'],
    'the problem names the total cell',
  );
  await expectCount(page.getByTestId('cell-error-rows.total.export'), 1, 'the error shows on the total cell');
  await scope.screenshot(page, 'stats-reporting-error-zh-1280.png');

  await cell('rows.total.export').fill(String(BigInt(SI_EXPORT) + BigInt(SJ_EXPORT)));
  const sent = waitForApi(page, 'POST', SUBMIT_PATH);
  await page.getByTestId('report-submit').click();
  assert.equal((await sent).status(), 200, 'the corrected report is submitted');
  await eventually(
    async () =>
      JSON.parse(
        (await fetchInPage(page, `/api/orgs/${platform.orgId}/stats/reporting/reports/${reportId}`)).text,
      ).status,
    'submitted',
    'the report is with the department',
  );

  // The department accepts it from its review queue.
  const reviewer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(reviewer, commerce.email, { next: '/stats/reporting/review' });
  const queued = reviewer.locator(
    `[data-testid="reporting-queue"] a[href="/stats/reporting/review/${reportId}"]`,
  );
  await queued.click();
  await reviewer.waitForURL(`**/stats/reporting/review/${reportId}`);
  await waitForSpinnersGone(reviewer);
  assert.match(
    (await reviewer.getByTestId('review-cell-rows.SI.export').textContent()) ?? '',
    /25,000\.00/,
    'the reviewer reads the SI export as dollars',
  );
  const accepted = waitForApi(reviewer, 'POST', ACCEPT_PATH);
  await reviewer.getByTestId('review-accept').click();
  const acceptedResponse = await accepted;
  assert.equal(acceptedResponse.status(), 200, 'the department accepts the report');
  const acceptedReport = await acceptedResponse.json();
  assert.equal(acceptedReport.status, 'accepted');
  assert.equal(acceptedReport.factsAdded, 3, 'SI and SJ exports and the SC import become facts');
  await reviewer.waitForURL('**/stats/reporting/review');

  // The accepted report on a phone: read-only, no sideways scrolling.
  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, platform.email, { next: `/stats/reporting/reports/${reportId}` });
  await phone.getByTestId('report-cells').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, 'the accepted report on a phone');
  await scope.screenshot(phone, 'stats-reporting-accepted-zh-390.png');
};
