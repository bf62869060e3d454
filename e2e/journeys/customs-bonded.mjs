// The 1210 bonded-stock journey of issue 5 §7: the Hangzhou platform (wang.fang), which keeps the
// demo bonded warehouse's account book, opens its bonded stock page (stock from the seed's CEB711
// inbound list, a few parcels already released), declares a few more 1210 parcels made by the demo
// generator (`tradehub customs demo-files --bonded`), and sees the stock of each item fall by what
// they took; the ledger lists the releases. Then the same page on a phone.
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
const PARCELS = 4;
const EMS_NO = 'T2991W000001';
const execFileAsync = promisify(execFile);

/** The stock shown per item of the demo book: itemRecordNo → quantity (as the page's data attribute). */
const stockOnPage = async (page) => {
  const book = page.locator(`[data-testid="bonded-book"][data-ems-no="${EMS_NO}"]`);
  const cells = book.getByTestId('bonded-quantity');
  const entries = await cells.evaluateAll((nodes) =>
    nodes.map((node) => [node.getAttribute('data-item'), Number(node.getAttribute('data-value'))]),
  );
  return new Map(entries);
};

export const customsBondedStockFalls = async ({ scope, repoRoot, demo }) => {
  const dir = await mkdtemp(join(tmpdir(), 'tradehub-bonded-'));
  const prefix = `B${Date.now().toString(36).toUpperCase()}`;
  try {
    await execFileAsync(
      process.execPath,
      [
        join(repoRoot, 'server', 'bin', 'tradehub.mjs'),
        'customs',
        'demo-files',
        '--bonded',
        '--out',
        dir,
        '--count',
        String(PARCELS),
        '--defect-rate',
        '0',
        '--seed',
        '7',
        '--prefix',
        prefix,
      ],
      { cwd: repoRoot, timeout: 60_000 },
    );
    const files = (await readdir(dir)).sort();
    assert.equal(files.length, PARCELS * 4, 'four messages per parcel');
    // What the new lists take, per account-book item (qty1, the legal quantity the book counts).
    const demand = new Map();
    for (const file of files.filter((name) => name.endsWith('.CEB621.xml'))) {
      const xml = await readFile(join(dir, file), 'utf8');
      assert.match(xml, /<ceb:tradeMode>1210<\/ceb:tradeMode>/, 'the generator made 1210 lists');
      for (const line of xml.match(/<ceb:InventoryList>[\s\S]*?<\/ceb:InventoryList>/g) ?? []) {
        const item = /<ceb:itemRecordNo>([^<]+)</.exec(line)?.[1];
        demand.set(item, (demand.get(item) ?? 0) + Number(/<ceb:qty1>([^<]+)</.exec(line)?.[1]));
      }
    }

    const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
    await logIn(page, demo.platform.email);
    await page.goto('/customs/bonded');
    await page.locator(`[data-testid="bonded-book"][data-ems-no="${EMS_NO}"]`).waitFor();
    await waitForSpinnersGone(page);
    const before = await stockOnPage(page);
    assert.ok(before.size >= 6, `the demo book holds the catalogue: ${[...before.keys()].join(', ')}`);
    // The seed declared 120 of each good and released a few parcels against the book already.
    assert.ok(
      [...before.values()].some((quantity) => quantity < 120),
      'the seeded releases took stock out of the book',
    );
    assert.equal(
      await page.getByTestId('bonded-positive-list').getAttribute('data-source'),
      'illustrative_sample',
    );
    await scope.screenshot(page, 'customs-bonded-1280.png');

    // The platform declares the new parcels (the clearance board's upload does the same).
    const messages = [];
    for (const file of files) {
      messages.push(await readFile(join(dir, file), 'utf8'));
    }
    const sent = await fetchInPage(
      page,
      `/api/customs/ceb/batch?org=${encodeURIComponent(demo.platform.orgId)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
      },
    );
    assert.equal(sent.status, 200, sent.text);
    const outcomes = JSON.parse(sent.text).outcomes;
    assert.equal(
      outcomes.filter((o) => o.status === 'accepted').length,
      PARCELS * 4,
      'every message is accepted',
    );

    // The page refreshes by itself; each item falls by what the new lists took.
    for (const [item, quantity] of demand) {
      await eventually(
        async () => (await stockOnPage(page)).get(item),
        (before.get(item) ?? 0) - quantity,
        `the stock of ${item} falls by ${quantity}`,
        30_000,
      );
    }
    const book = page.locator(`[data-testid="bonded-book"][data-ems-no="${EMS_NO}"]`);
    await book.getByTestId('bonded-toggle-ledger').click();
    await waitForSpinnersGone(page);
    const releases = book.getByTestId('bonded-ledger').locator('tr').filter({ hasText: prefix });
    await expectCount(releases, 1, 'the ledger lists the new releases with their order numbers');
    await scope.screenshot(page, 'customs-bonded-ledger-1280.png');

    const phone = await scope.newPage({ locale: 'en', viewport: PHONE, isMobile: true });
    await logIn(phone, demo.platform.email);
    await phone.goto('/customs/bonded');
    await phone.locator(`[data-testid="bonded-book"][data-ems-no="${EMS_NO}"]`).waitFor();
    await waitForSpinnersGone(phone);
    await assertNoHorizontalOverflow(phone, 'the bonded stock page on a phone');
    await scope.screenshot(phone, 'customs-bonded-phone.png');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
