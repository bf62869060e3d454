// The clearance journey of issue 5 in the browser: the Hangzhou platform (wang.fang) uploads a day
// of orders, payments, waybills and signed inventory lists made by the demo generator
// (`tradehub customs demo-files`), watches the clearance board fill, finds a parcel that failed
// matching by its order number and sees why, field by field. Then the customs officer (xu.yan)
// opens the same parcel, whose buyer is masked, and reveals the buyer with a reason.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  assertNoHorizontalOverflow,
  logIn,
  waitForMotionDone,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount, expectText } from '../support/expect.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const PARCELS = 100;
const execFileAsync = promisify(execFile);

/** A number shown by an Ant Design Statistic (digits only: grouping differs by language). */
const statistic = async (page, testId) => {
  const text = await page
    .getByTestId(testId)
    .locator('.ant-statistic-content')
    .first()
    .textContent({ timeout: 500 });
  return Number((text ?? '').replace(/[^\d]/g, ''));
};

/** 1. The platform uploads a day of messages; the board fills; a failed parcel shows why. */
export const customsPlatformUploadsADay = async ({ scope, repoRoot, demo, state }) => {
  const { platform } = demo;
  const dir = await mkdtemp(join(tmpdir(), 'tradehub-ceb-'));
  // Order numbers unique to this run, so a second run against the same hub adds new parcels.
  const prefix = `E${Date.now().toString(36).toUpperCase()}`;
  try {
    await execFileAsync(
      process.execPath,
      [
        join(repoRoot, 'server', 'bin', 'tradehub.mjs'),
        'customs',
        'demo-files',
        '--out',
        dir,
        '--count',
        String(PARCELS),
        '--defect-rate',
        '0.1',
        '--seed',
        '4242',
        '--prefix',
        prefix,
      ],
      { cwd: repoRoot, timeout: 60_000 },
    );
    const files = (await readdir(dir)).sort().map((file) => join(dir, file));
    assert.equal(files.length, PARCELS * 4, 'the generator wrote four messages per parcel');
    // One buyer of this upload, who later looks up their own quota on the public page.
    const firstOrder = await readFile(
      files.find((file) => file.endsWith('.CEB311.xml')),
      'utf8',
    );
    const buyer = {
      idNumber: /<ceb:buyerIdNumber>([^<]+)</.exec(firstOrder)?.[1],
      name: /<ceb:buyerName>([^<]+)</.exec(firstOrder)?.[1],
    };
    assert.ok(buyer.idNumber && buyer.name, 'the order names its buyer');

    const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
    await logIn(page, platform.email);
    await page.goto('/customs');
    await page.getByTestId('customs-stat-total').waitFor();
    await waitForSpinnersGone(page);
    // The seed declared a morning of parcels before this journey.
    const before = await eventually(
      () => statistic(page, 'customs-stat-total'),
      (n) => n >= 60,
      'the seeded parcels',
    );

    await page.getByTestId('customs-upload').locator('input[type=file]').setInputFiles(files);
    await expectText(page.getByTestId('customs-upload-selected'), /400/, 'the 400 files are selected');
    await page.getByTestId('customs-upload-send').click();
    await eventually(
      () => statistic(page, 'customs-upload-accepted'),
      PARCELS * 4,
      'every message is accepted (a mismatch is a receipt, not a refusal)',
      60_000,
    );
    assert.equal(await statistic(page, 'customs-upload-rejected'), 0, 'no message was refused');
    await eventually(
      () => statistic(page, 'customs-stat-total'),
      before + PARCELS,
      'the board counts the new parcels',
      30_000,
    );
    assert.ok(
      (await statistic(page, 'customs-stat-matchingFailures')) >= 1,
      'the board shows matching failures',
    );
    await scope.screenshot(page, 'customs-board-1280.png');

    // A parcel of this upload that failed matching: the board lists recent failures.
    const failure = page.getByTestId('customs-failure-link').filter({ hasText: prefix }).first();
    await failure.waitFor();
    const orderNo = (await failure.textContent()).trim();
    // Found again by its order number through the search box, as a clerk would.
    await page.getByTestId('customs-search').locator('input').fill(orderNo);
    await page.getByTestId('customs-search').locator('input').press('Enter');
    await expectText(page.getByTestId('customs-parcel-order-no'), orderNo, 'the search opens the parcel');
    await waitForSpinnersGone(page);
    await page.getByTestId('customs-findings-failed').waitFor();
    const rejecting = page
      .getByTestId('customs-finding')
      .filter({ has: page.getByTestId('customs-finding-severity').filter({ hasText: /拒绝|退单|reject/i }) });
    await expectCount(rejecting, 1, 'at least one finding rejects the parcel');
    const sides = await rejecting.first().getByTestId('customs-finding-side').allTextContents();
    assert.ok(sides.length >= 2, `the finding shows both sides: ${sides.join(' | ')}`);
    assert.ok(
      sides.some((side) => /acturalPaid|consigneeTelephone/.test(side)) &&
        sides.some((side) => /amountPaid|consigneeTelephone/.test(side)),
      `the finding names the fields that disagree: ${sides.join(' | ')}`,
    );
    // The buyer's identifiers are masked for the platform.
    const buyerCard = await page.getByTestId('customs-buyer').textContent();
    assert.doesNotMatch(buyerCard, /\d{17}[\dX]/, 'no full ID number on the page');
    await scope.screenshot(page, 'customs-failed-parcel-1280.png');
    state.customs = { orderNo, buyer };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** 2. The customs officer finds the parcel, reveals its buyer with a reason, releases an inspected parcel; on a phone. */
export const customsOfficerRevealsOnAPhone = async ({ scope, demo, state }) => {
  const orderNo = state.customs?.orderNo;
  assert.ok(orderNo, 'the upload step found a failed parcel');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(page, demo.customs.email);
  await page.goto('/customs');
  await page.getByTestId('customs-stat-total').waitFor();
  await waitForSpinnersGone(page);
  await assertNoHorizontalOverflow(page, 'the clearance board on a phone');
  await scope.screenshot(page, 'customs-board-phone.png');
  await page.getByTestId('customs-search').locator('input').fill(orderNo);
  await page.getByTestId('customs-search').locator('input').press('Enter');
  await expectText(
    page.getByTestId('customs-parcel-order-no'),
    orderNo,
    'customs sees the platform’s parcel',
  );
  await waitForSpinnersGone(page);
  await assertNoHorizontalOverflow(page, 'the parcel page on a phone');
  await page.bringToFront();
  await page.getByTestId('customs-buyer-reveal').click();
  await waitForMotionDone(page);
  await page.getByTestId('customs-reveal-reason').fill('风险复核 risk review');
  await page.getByTestId('customs-reveal-confirm').click();
  await page.getByTestId('customs-buyer-revealed').waitFor();
  await expectText(page.getByTestId('customs-buyer'), /\d{17}[\dX]/, 'the revealed ID number is shown');
  await scope.screenshot(page, 'customs-revealed-phone.png', { fullPage: false });

  // A parcel the risk rules sent to inspection: the officer releases it.
  await page.goto('/customs/parcels?state=inspection');
  await waitForSpinnersGone(page);
  const inspected = page.getByTestId('customs-parcel-link').first();
  await inspected.waitFor();
  await inspected.click();
  await page.getByTestId('customs-inspection').waitFor();
  await page.getByTestId('customs-inspection-note').fill('货证相符 goods as declared');
  await page.getByTestId('customs-inspection-release').click();
  await eventually(
    () =>
      page
        .locator('.page-header [data-testid="parcel-state"], [data-testid="parcel-state"]')
        .first()
        .getAttribute('data-state'),
    'released',
    'the inspected parcel is released',
  );
  await expectCount(
    page.locator('[data-testid="customs-receipt-status"][data-status="800"]'),
    1,
    'the release receipt is listed',
  );
  await assertNoHorizontalOverflow(page, 'the released parcel on a phone');
};

/** 3. A buyer, with no account, looks up their own annual quota on the public page, on a phone. */
export const customsBuyerSeesOwnQuota = async ({ scope, state }) => {
  const buyer = state.customs?.buyer;
  assert.ok(buyer, 'the upload step kept a buyer');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await page.goto('/buyer-quota');
  await page.getByTestId('buyer-quota-id').fill(buyer.idNumber);
  await page.getByTestId('buyer-quota-name').fill(`${buyer.name}误`);
  await page.getByTestId('buyer-quota-submit').click();
  await page.getByTestId('buyer-quota-none').waitFor();
  await page.getByTestId('buyer-quota-name').fill(buyer.name);
  await page.getByTestId('buyer-quota-submit').click();
  await page.getByTestId('buyer-quota-result').waitFor();
  await expectText(page.getByTestId('buyer-quota-remaining'), /¥/, 'the remaining quota is shown in yuan');
  const shown = await page.getByTestId('buyer-quota-result').textContent();
  assert.ok(!shown.includes(buyer.idNumber), 'the page shows the ID number masked');
  await assertNoHorizontalOverflow(page, 'the quota page on a phone');
  await scope.screenshot(page, 'customs-buyer-quota-phone.png');
};
