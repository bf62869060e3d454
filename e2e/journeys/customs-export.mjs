// The export journey of issue 5 §7 in the browser: the Yiwu exporter (chen.li) opens the export
// clearance board (the seed declared a day of 9610 parcels), uploads a day of export messages
// made by the demo generator (`tradehub customs export-demo-files`), sees them released, builds the
// month's summary declarations (CEB701) and sees customs' CEB792 result with its declaration
// number; the XML downloads. Its Hamburg overseas warehouse shows as approved. Then on a phone.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertNoHorizontalOverflow, fetchInPage, logIn, waitForSpinnersGone } from '../support/browser.mjs';
import { eventually, expectCount } from '../support/expect.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const PARCELS = 20;
const execFileAsync = promisify(execFile);

/** The number an export-board statistic shows (digits only, whatever the locale's grouping). */
const count = async (page, mode, state) => {
  const text = await page
    .locator(
      `[data-testid="export-count"][data-mode="${mode}"][data-state="${state}"] .ant-statistic-content`,
    )
    .first()
    .textContent({ timeout: 500 });
  return Number((text ?? '').replace(/[^\d]/g, ''));
};

export const customsExportUploadReleaseSummarise = async ({ scope, repoRoot, demo }) => {
  const dir = await mkdtemp(join(tmpdir(), 'tradehub-export-'));
  // Order numbers unique to this run, so a second run against the same hub adds new parcels.
  const prefix = `X${Date.now().toString(36).toUpperCase().slice(-5)}`;
  try {
    await execFileAsync(
      process.execPath,
      [
        join(repoRoot, 'server', 'bin', 'tradehub.mjs'),
        'customs',
        'export-demo-files',
        '--out',
        dir,
        '--count',
        String(PARCELS),
        '--prefix',
        prefix,
        '--defect-rate',
        '0.2',
      ],
      { cwd: repoRoot, timeout: 60_000 },
    );
    const files = (await readdir(dir)).sort().map((file) => join(dir, file));
    assert.equal(files.length, PARCELS * 4, 'four messages per export parcel');
    // The parcels built not to match: their collection voucher names another enterprise.
    let defects = 0;
    for (const file of files.filter((name) => name.endsWith('.CEB403.xml'))) {
      if ((await readFile(file, 'utf8')).includes('<ceb:ebcCode>3318960099</ceb:ebcCode>')) {
        defects += 1;
      }
    }
    assert.ok(defects > 0 && defects < PARCELS, `some parcels built not to match (${defects})`);

    const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
    await logIn(page, demo.chen.email);
    await page.goto('/customs/export');
    await page.getByTestId('export-mode-9610').waitFor();
    await waitForSpinnersGone(page);
    // The seed declared a day of the exporter's 9610 parcels before this journey.
    const before = await eventually(
      () => count(page, '9610', 'released'),
      (n) => n >= 10,
      'the seeded releases',
    );

    await page.getByTestId('customs-upload').locator('input[type=file]').setInputFiles(files);
    await page.getByTestId('customs-upload-send').click();
    await eventually(
      async () =>
        Number(
          (
            (await page
              .getByTestId('customs-upload-accepted')
              .locator('.ant-statistic-content')
              .textContent()) ?? ''
          ).replace(/[^\d]/g, ''),
        ),
      PARCELS * 4,
      'every export message is accepted',
      60_000,
    );
    await eventually(
      () => count(page, '9610', 'released'),
      before + PARCELS - defects,
      'the board counts the new releases',
      30_000,
    );
    // A list of this upload that failed matching: the drawer says why, field by field.
    await page.getByTestId('export-parcel-link').filter({ hasText: prefix }).first().click();
    const drawer = page.getByTestId('export-parcel-drawer');
    await drawer.getByTestId('export-findings').locator('tbody tr.ant-table-row').first().waitFor();
    await eventually(
      async () => (await drawer.getByTestId('export-findings').textContent()) ?? '',
      /ebcCode/,
      'the finding names the ebcCode of order and voucher',
    );
    await page.keyboard.press('Escape');
    await scope.screenshot(page, 'customs-export-board-1280.png');

    // The month's summary declarations: built once, answered by customs with a declaration number.
    await page.getByTestId('export-build-summaries').click();
    await page.getByTestId('export-summaries-built').waitFor();
    await expectCount(page.getByTestId('export-summary-result'), 1, 'a summary shows its CEB792 result');
    const entryId = ((await page.getByTestId('export-summary-entry').first().textContent()) ?? '').trim();
    assert.match(entryId, /^\d{4}\d{4}0\d{9}$/, `a declaration number: ${entryId}`);
    const href = await page.getByTestId('export-summary-download-result').first().getAttribute('href');
    const result = await fetchInPage(page, href);
    assert.equal(result.status, 200, 'the CEB792 downloads');
    assert.match(result.text, /CEB792Message/, 'it is a CEB792 summary result');
    assert.ok(result.text.includes(entryId), 'the result carries the declaration number shown');
    // Building again adds nothing: every released list is in a summary already.
    await page.getByTestId('export-build-summaries').click();
    await eventually(
      async () => (await page.getByTestId('export-summaries-built').textContent()) ?? '',
      /没有待汇总/,
      'a second build finds nothing new',
    );

    // The exporter's Hamburg warehouse, filed and approved by customs in the seed.
    await page.getByTestId('export-warehouses-link').click();
    await page.locator('[data-testid="warehouse-state"][data-state="approved"]').first().waitFor();

    const phone = await scope.newPage({ locale: 'en-US', viewport: PHONE });
    await logIn(phone, demo.chen.email);
    await phone.goto('/customs/export');
    await phone.getByTestId('export-summaries').waitFor();
    await waitForSpinnersGone(phone);
    await expectCount(phone.getByTestId('export-summary-result'), 1, 'the summary on a phone');
    await assertNoHorizontalOverflow(phone, 'export board at 390 px');
    await scope.screenshot(phone, 'customs-export-board-390.png');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
