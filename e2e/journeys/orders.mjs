// The order journey of issue 4 in the browser: the Yiwu exporter (chen.li) creates an order for
// the Hamburg buyer (Elbe Handelshaus, jonas.becker) and offers it; the buyer counters the price;
// the exporter accepts, issues a commercial invoice and a packing list, and shares the order with
// the Ningbo forwarder, who then sees that order and nothing else. The buyer downloads the invoice
// PDF, the public /verify page finds it VALID, and the same PDF with one character of the embedded
// credential changed is INVALID. Finally the order pages are checked on a phone.
//
// Split into steps that run in order and pass what they made on in `state.orders`, so each stays
// well inside the per-journey time limit and a failure names the step.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
// pdf-lib is a dependency of the web workspace (hoisted to the root node_modules); it rewrites
// the embedded file of the PDF the way a forger would.
import { decodePDFRawStream, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  pickOption,
  waitForApi,
  waitForMotionDone,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const BERLIN = 'Europe/Berlin';
const FORWARDER_EMAIL = 'zhou.ming@hailian-forwarding.example';
const ORDERS_PATH = /^\/api\/orgs\/[^/]+\/orders$/;
const ACTIONS_PATH = /^\/api\/orgs\/[^/]+\/orders\/[^/]+\/actions$/;

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

const json = (text, label) => {
  try {
    return JSON.parse(text);
  } catch {
    assert.fail(`${label} is not JSON: ${text.slice(0, 300)}`);
  }
};

/** The state the earlier steps left; a step whose predecessor failed says so instead of guessing. */
const need = (state, key) => {
  assert.ok(state.orders?.[key], `an earlier orders step did not finish (no ${key})`);
  return state.orders[key];
};

/** Clicks an order action and confirms it in the dialog; resolves with the server's answer. */
const runAction = async (page, action, note) => {
  // Two parties' pages are open at once: the one acting must be in front, or headless Chromium
  // may give it no animation frames and the dialog never settles.
  await page.bringToFront();
  await waitForMotionDone(page);
  await page.getByTestId(`order-action-${action}`).click();
  // The confirm button is clicked only once the dialog has finished opening.
  await waitForMotionDone(page);
  if (note) {
    await page.getByTestId('order-action-note').fill(note);
  }
  const answered = waitForApi(page, 'POST', ACTIONS_PATH);
  await page.getByTestId('order-action-confirm').click();
  const response = await answered;
  assert.equal(response.status(), 200, `${action} answers 200: ${(await response.text()).slice(0, 300)}`);
  return response.json();
};

const expectStatus = (page, status) =>
  eventually(
    () => page.getByTestId('order-status').first().getAttribute('data-status', { timeout: 500 }),
    status,
    `the order shows status ${status}`,
  );

const openOrder = async (page, orderId) => {
  await page.bringToFront();
  await page.goto(`/orders/${encodeURIComponent(orderId)}`);
  await page.getByTestId('order-reference').waitFor();
  await waitForSpinnersGone(page);
};

/** 1. The exporter creates the order in the form and offers it; the buyer counters; the exporter accepts. */
export const ordersNegotiate = async ({ scope, repoRoot, demo, state }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const reference = `E2E-PO-${stamp()}`;

  const seller = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(seller, demo.chen.email);
  // The UI language is the user's saved one; labels are compared in whichever it is.
  const sellerT = (await seller.evaluate(() => document.documentElement.lang)) === 'en' ? en : zh;
  await seller.goto('/orders');
  await seller.getByTestId('orders-table').waitFor();
  await seller.getByTestId('orders-new').click();
  await seller.getByTestId('order-form').waitFor();

  // Live validation, before anything is sent: a zero quantity is refused in the UI language.
  await seller.getByTestId('line-0-quantity').fill('0');
  await expectText(
    seller.locator('.ant-form-item-explain-error').first(),
    sellerT('orders.validation.quantity.not_positive'),
    'a zero quantity is refused while typing',
  );

  await pickOption(seller, 'order-partner', /Elbe|易北/, 'Elbe');
  await seller.getByTestId('order-buyer-reference').fill(reference);
  await seller.getByTestId('order-named-place').click();
  await seller.keyboard.type('CNNGB');
  await seller.keyboard.press('Escape');
  await seller.getByTestId('order-payment-terms').fill('30% T/T in advance, 70% against copy of B/L');
  await seller.getByTestId('line-0-description-en').fill('Folding umbrella, 3 sections');
  await seller.getByTestId('line-0-description-zh').fill('三折伞');
  await seller.getByTestId('line-0-hs').fill('6601.91');
  await seller.getByTestId('line-0-quantity').fill('1200');
  await seller.getByTestId('line-0-price').fill('2.35');
  await expectText(seller.getByTestId('line-0-total'), /2,820\.00/, 'the line total is computed live');

  const created = waitForApi(seller, 'POST', ORDERS_PATH);
  await seller.getByTestId('order-submit').click();
  const response = await created;
  assert.equal(
    response.status(),
    201,
    `creating the order answers 201: ${(await response.text()).slice(0, 400)}`,
  );
  const order = await response.json();
  assert.equal(order.status, 'draft', 'a new order is a draft');
  assert.equal(order.content.total.amount, '2820.00', 'the server agrees on the total');
  await seller.waitForURL((url) => url.pathname === `/orders/${encodeURIComponent(order.id)}`);
  await expectText(seller.getByTestId('order-reference'), reference, 'the detail page shows the order');
  await expectStatus(seller, 'draft');
  await runAction(seller, 'offer');
  await expectStatus(seller, 'offered');
  await scope.screenshot(seller, 'order-offered-1280.png');

  // The buyer answers with a lower price through the counter-offer form, prefilled with the offer.
  const buyer = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: BERLIN });
  await logIn(buyer, demo.jonas.email);
  await openOrder(buyer, order.id);
  await expectStatus(buyer, 'offered');
  await expectText(buyer.getByTestId('order-move'), en('orders.move.mineLong'), "it is the buyer's move");
  await buyer.getByTestId('order-action-counter').click();
  await buyer.waitForURL((url) => url.pathname.endsWith('/counter'));
  await buyer.getByTestId('order-form').waitFor();
  assert.equal(
    await buyer.getByTestId('line-0-price').inputValue(),
    '2.35',
    'the counter form starts from the offer',
  );
  await buyer.getByTestId('line-0-price').fill('2.20');
  await expectText(buyer.getByTestId('order-form-total'), /2,640\.00/, 'the counter total is computed live');
  const countered = waitForApi(buyer, 'POST', ACTIONS_PATH);
  await buyer.getByTestId('order-submit').click();
  const counterResponse = await countered;
  assert.equal(
    counterResponse.status(),
    200,
    `the counter-offer answers 200: ${(await counterResponse.text()).slice(0, 300)}`,
  );
  await buyer.waitForURL((url) => url.pathname === `/orders/${encodeURIComponent(order.id)}`);
  await expectStatus(buyer, 'countered');
  await expectText(buyer.getByTestId('order-total'), /2,640\.00/, 'the order now has the countered total');

  // The exporter sees the counter-offer in the history and accepts it.
  await openOrder(seller, order.id);
  await expectStatus(seller, 'countered');
  await expectCount(
    seller.locator('[data-testid="order-history-row"][data-action="counter"]'),
    1,
    'the history shows the counter-offer',
  );
  const accepted = await runAction(seller, 'accept');
  assert.equal(accepted.status, 'accepted', 'the order is accepted');
  assert.equal(accepted.content.total.amount, '2640.00', 'the accepted terms are the counter-offer');
  await expectStatus(seller, 'accepted');

  state.orders = { id: order.id, reference, sellerOrgId: demo.chen.orgId };
};

/** 2. The exporter issues a commercial invoice and a packing list, and shares the order with the forwarder. */
export const ordersIssueAndShare = async ({ scope, repoRoot, demo, state }) => {
  const orderId = need(state, 'id');
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const seller = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(seller, demo.chen.email);
  const t = (await seller.evaluate(() => document.documentElement.lang)) === 'en' ? en : zh;
  await openOrder(seller, orderId);

  const documents = {};
  for (const kind of ['commercial_invoice', 'packing_list']) {
    await seller.getByTestId('order-document-issue').click();
    await pickOption(seller, 'order-issue-kind', t(`orders.documentKinds.${kind}`));
    if (kind === 'packing_list') {
      // The order does not say how the goods are packed: 1200 umbrellas in 40 cartons.
      await seller.getByTestId('packing-0-packageCount').fill('40');
      await seller.getByTestId('packing-0-grossWeightKg').fill('410.5');
      await seller.getByTestId('packing-0-netWeightKg').fill('380');
      await seller.getByTestId('packing-0-volumeM3').fill('2.1');
      await seller.getByTestId('packing-marks').fill('ELBE / HAMBURG / 1-40');
    }
    const issued = waitForApi(seller, 'POST', /\/orders\/[^/]+\/documents$/);
    await seller.getByTestId('order-issue-confirm').click();
    const response = await issued;
    assert.equal(
      response.status(),
      201,
      `issuing a ${kind} answers 201: ${(await response.text()).slice(0, 600)}`,
    );
    documents[kind] = await response.json();
    await expectCount(
      seller.locator(`[data-testid="order-document-row"][data-kind="${kind}"]`),
      1,
      `the documents list shows the ${kind}`,
    );
  }

  await pickOption(seller, 'order-share-target', /Ningbo|宁波/, 'Ningbo');
  await pickOption(seller, 'order-share-role', t('orders.roles.forwarder'));
  const shared = waitForApi(seller, 'POST', /\/orders\/[^/]+\/shares$/);
  await seller.getByTestId('order-share-submit').click();
  const shareResponse = await shared;
  assert.equal(
    shareResponse.status(),
    201,
    `sharing answers 201: ${(await shareResponse.text()).slice(0, 300)}`,
  );
  await expectText(
    seller.getByTestId('order-share-name').first(),
    /Ningbo|宁波/,
    'the shares list names the forwarder',
  );
  await scope.screenshot(seller, 'order-accepted-documents-1280.png');

  // A second order the forwarder is not given, to prove it stays invisible.
  const detail = json(
    (await fetchInPage(seller, `/api/orgs/${demo.chen.orgId}/orders/${orderId}`)).text,
    'order',
  );
  const other = await fetchInPage(seller, `/api/orgs/${demo.chen.orgId}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      content: {
        ...detail.content,
        buyerReference: `${detail.content.buyerReference}-UNSHARED`,
        lines: detail.content.lines.map(({ lineTotal: _, ...line }) => line),
        total: undefined,
      },
    }),
  });
  assert.equal(other.status, 201, `a second, unshared order is created: ${other.text.slice(0, 300)}`);

  state.orders.documents = documents;
  state.orders.unsharedId = json(other.text, 'second order').id;
};

/** 3. The forwarder sees the shared order, read-only, and nothing else. */
export const ordersForwarderSeesOnlyShared = async ({ scope, repoRoot, state, demo, baseUrl }) => {
  const orderId = need(state, 'id');
  const unsharedId = need(state, 'unsharedId');
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const forwarder = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  const login = await logIn(forwarder, FORWARDER_EMAIL);
  const forwarderOrgId = login.memberships[0].organisation.id;
  const t = (await forwarder.evaluate(() => document.documentElement.lang)) === 'en' ? en : zh;

  // What the forwarder may see is what the exporter shared with it (the demo data shares one
  // order already): every order of the exporter whose shares name the forwarder, and nothing else.
  const asExporter = async (path) => {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { cookie: demo.chen.cookie, accept: 'application/json' },
    });
    assert.equal(response.status, 200, `exporter GET ${path} answers 200`);
    return response.json();
  };
  const exporterOrders = await asExporter(`/api/orgs/${demo.chen.orgId}/orders?limit=200`);
  const sharedWithForwarder = [];
  for (const item of exporterOrders.items) {
    const detail = await asExporter(`/api/orgs/${demo.chen.orgId}/orders/${item.id}`);
    if (detail.shares.some((share) => share.organisationId === forwarderOrgId)) {
      sharedWithForwarder.push(item);
    }
  }
  const expectedIds = sharedWithForwarder.map((item) => item.id).sort();
  assert.ok(expectedIds.includes(orderId), 'the journey order is shared with the forwarder');
  assert.ok(!expectedIds.includes(unsharedId), 'the second order is not shared');

  const list = json(
    (await fetchInPage(forwarder, `/api/orgs/${forwarderOrgId}/orders?limit=200`)).text,
    'orders',
  );
  assert.deepEqual(
    list.items.map((item) => item.id).sort(),
    expectedIds,
    'the forwarder lists exactly the orders shared with it',
  );
  assert.ok(
    list.items.every((item) => item.myRole === 'shared'),
    'the forwarder is a shared party of each',
  );

  await forwarder.goto('/orders');
  await forwarder.getByTestId('orders-table').waitFor();
  await waitForSpinnersGone(forwarder);
  const expectedReferences = sharedWithForwarder.map((item) => item.content.buyerReference).sort();
  await eventually(
    async () =>
      (await forwarder.getByTestId('order-link').allTextContents()).map((text) => text.trim()).sort(),
    (texts) => JSON.stringify(texts) === JSON.stringify(expectedReferences),
    `the forwarder's orders list shows exactly ${expectedReferences.join(', ')}`,
  );
  await scope.screenshot(forwarder, 'orders-forwarder-1280.png');

  await forwarder
    .getByTestId('order-link')
    .filter({ hasText: need(state, 'reference') })
    .click();
  await forwarder.getByTestId('order-reference').waitFor();
  await expectText(
    forwarder.getByTestId('order-no-actions'),
    t('orders.detail.sharedReadOnly'),
    'the forwarder reads only',
  );
  await expectCount(forwarder.getByTestId('order-document-row'), 2, 'the forwarder sees the two documents');
  assert.equal(
    await forwarder.locator('[data-testid^="order-action-"]').count(),
    0,
    'no action buttons for the forwarder',
  );

  const unshared = await fetchInPage(forwarder, `/api/orgs/${forwarderOrgId}/orders/${unsharedId}`);
  assert.equal(unshared.status, 404, 'the unshared order does not exist for the forwarder');
  const current = json(
    (await fetchInPage(forwarder, `/api/orgs/${forwarderOrgId}/orders/${orderId}`)).text,
    'order',
  );
  const acting = await fetchInPage(forwarder, `/api/orgs/${forwarderOrgId}/orders/${orderId}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'cancel', version: current.version, note: 'not mine to cancel' }),
  });
  assert.equal(acting.status, 403, `the forwarder cannot cancel the order (answered ${acting.status})`);
};

/**
 * Changes one character inside the credential of the bundle embedded in a PDF (a digit of an
 * amount, as a forger would) and writes the PDF back with the changed attachment.
 */
const tamperPdf = async (bytes) => {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (
      !(object instanceof PDFRawStream) ||
      object.dict.get(PDFName.of('Type')) !== PDFName.of('EmbeddedFile')
    ) {
      continue;
    }
    const text = new TextDecoder().decode(decodePDFRawStream(object).decode());
    if (!text.includes('tradehub-bundle')) {
      continue;
    }
    const bundle = JSON.parse(text);
    const subject = bundle.credential.credentialSubject;
    const serialized = JSON.stringify(subject);
    // The first amount-like value ("2640.00") gets its last digit changed.
    const match = /"(\d+\.\d\d)"/.exec(serialized);
    assert.ok(match, 'the embedded credential has an amount to change');
    const value = match[1];
    const changed = `${value.slice(0, -1)}${value.at(-1) === '9' ? '8' : String(Number(value.at(-1)) + 1)}`;
    bundle.credential.credentialSubject = JSON.parse(serialized.replace(`"${value}"`, `"${changed}"`));
    const contents = deflateSync(new TextEncoder().encode(JSON.stringify(bundle, null, 2)));
    object.dict.set(PDFName.of('Length'), PDFNumber.of(contents.length));
    pdf.context.assign(ref, PDFRawStream.of(object.dict, contents));
    return { bytes: await pdf.save({ useObjectStreams: false }), change: `${value} -> ${changed}` };
  }
  assert.fail('the PDF has no embedded tradehub bundle');
};

const expectVerdict = (page, verdict, label) =>
  eventually(
    () => page.getByTestId('verify-verdict').getAttribute('data-verdict', { timeout: 500 }),
    verdict,
    label,
  );

/** 4. The buyer downloads the invoice PDF; /verify finds it VALID; a modified copy is INVALID. */
export const ordersBuyerVerifiesInvoice = async ({ scope, repoRoot, demo, state, artifactsDir }) => {
  const orderId = need(state, 'id');
  const invoice = need(state, 'documents').commercial_invoice;
  const en = translator(repoRoot, 'en');
  const buyer = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: BERLIN });
  await logIn(buyer, demo.jonas.email);
  await openOrder(buyer, orderId);

  // The PDF carries the proof of the log entry, so it is ready once a checkpoint covers it.
  const pdfPath = `/api/orgs/${demo.jonas.orgId}/orders/${orderId}/documents/${invoice.documentId}/pdf`;
  await eventually(
    async () => (await fetchInPage(buyer, pdfPath, { method: 'HEAD' })).status,
    200,
    'the invoice PDF is available to the buyer',
    40_000,
  );
  const row = buyer
    .getByTestId('order-documents-table')
    .locator('tr')
    .filter({ has: buyer.locator('[data-testid="order-document-row"][data-kind="commercial_invoice"]') });
  const downloading = buyer.waitForEvent('download');
  await row.getByTestId('order-document-pdf').click();
  const download = await downloading;
  assert.match(download.suggestedFilename(), /\.pdf$/, 'the buyer downloads a PDF');
  const savedPdf = join(artifactsDir, `order-${download.suggestedFilename()}`);
  await download.saveAs(savedPdf);
  const bytes = await readFile(savedPdf);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');

  const stranger = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: BERLIN });
  await stranger.goto('/verify');
  await stranger.getByTestId('verify-dropzone').locator('input[type=file]').setInputFiles(savedPdf);
  await expectVerdict(stranger, 'VALID', "the buyer's invoice PDF verifies");
  await expectText(
    stranger.getByTestId('verify-verdict-title'),
    en('verify.verdict.VALID.title'),
    'valid verdict shown',
  );
  await expectText(
    stranger.getByTestId('verify-document-number'),
    invoice.documentNumber,
    'the verified document is the invoice',
  );
  await scope.screenshot(stranger, 'order-invoice-verify-valid-1280.png');

  const { bytes: tampered, change } = await tamperPdf(bytes);
  const tamperedPath = join(artifactsDir, `order-${invoice.documentNumber}-tampered.pdf`);
  await writeFile(tamperedPath, tampered);
  await stranger.getByTestId('verify-again').click();
  await stranger.getByTestId('verify-dropzone').waitFor();
  await stranger.getByTestId('verify-dropzone').locator('input[type=file]').setInputFiles(tamperedPath);
  await expectVerdict(stranger, 'INVALID', `the modified PDF fails (${change})`);
  const failed = await stranger.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="verify-check-"][data-verdict="INVALID"]')].map((el) =>
      el.getAttribute('data-testid'),
    ),
  );
  assert.ok(
    failed.includes('verify-check-integrity') || failed.includes('verify-check-signature'),
    `after ${change} the integrity or signature check fails (failed: ${failed.join(', ')})`,
  );
  await scope.screenshot(stranger, 'order-invoice-verify-invalid-1280.png');
};

/** 5. The order pages on a phone: no sideways scrolling of the page; wide tables scroll inside. */
/**
 * 6. The exporter imports the unmodified OASIS UBL Order example: it has no HS codes, a pre-2020
 * delivery term and no payment terms, so the import asks for them in a dialog and then lands on
 * the draft.
 */
export const ordersImportUbl = async ({ scope, repoRoot, demo }) => {
  const example = join(repoRoot, 'server/src/modules/trade/formats/testdata/UBL-Order-2.1-Example.xml');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP });
  await logIn(page, demo.chen.email);
  await page.goto('/orders');
  await page.getByTestId('orders-table').waitFor();
  await waitForSpinnersGone(page);
  const refused = waitForApi(page, 'POST', /\/orders\/import\/ubl$/);
  await page.locator('.ant-upload input[type=file]').first().setInputFiles(example);
  assert.equal((await refused).status(), 400, 'the bare example is refused for what it lacks');
  const modal = page.getByTestId('ubl-complete-modal');
  await page.getByTestId('ubl-complete-hs-1').waitFor();
  await waitForMotionDone(page);
  await scope.screenshot(page, 'ubl-import-completion.png');
  await page.getByTestId('ubl-complete-hs-1').fill('3209.10');
  await page.getByTestId('ubl-complete-hs-2').fill('960340');
  await pickOption(page, 'ubl-complete-incoterms', /^FCA/);
  await page.getByTestId('ubl-complete-unlocode').click();
  await page.keyboard.type('SESTO');
  await page.keyboard.press('Escape');
  await page.getByTestId('ubl-complete-payment-terms').fill('30 days net');
  const imported = waitForApi(page, 'POST', /\/orders\/import\/ubl$/);
  await page.getByTestId('ubl-complete-ok').click();
  const response = await imported;
  assert.equal(
    response.status(),
    201,
    `the completed import answers 201: ${(await response.text()).slice(0, 300)}`,
  );
  const order = json(await response.text(), 'the imported order');
  assert.deepEqual(
    order.content.lines.map((line) => line.hsCode),
    ['320910', '960340'],
    'the stated HS codes are on the lines',
  );
  await page.waitForURL((url) => url.pathname === `/orders/${encodeURIComponent(order.id)}`);
  await expectStatus(page, 'draft');
  await expectText(page.getByTestId('order-reference'), /34/, "the draft carries the buyer's order number");
  await eventually(() => modal.count(), 0, 'the dialog is closed');
};

export const ordersOnAPhone = async ({ scope, demo, state }) => {
  const orderId = need(state, 'id');
  const page = await scope.newPage({ locale: 'en', viewport: PHONE, isMobile: true, timezoneId: BERLIN });
  await logIn(page, demo.jonas.email);
  const screens = [
    ['orders', '/orders', 'orders-table'],
    ['order-detail', `/orders/${encodeURIComponent(orderId)}`, 'order-reference'],
    ['order-new', '/orders/new', 'order-form'],
    ['ebl', '/ebl', 'ebl-table'],
  ];
  for (const [name, path, testId] of screens) {
    await page.goto(path);
    await page.getByTestId(testId).waitFor();
    await waitForSpinnersGone(page);
    await assertNoHorizontalOverflow(page, `phone ${name}`);
    await scope.screenshot(page, `phone-${name}.png`);
  }
  const desktop = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: BERLIN });
  await logIn(desktop, demo.jonas.email);
  for (const [name, path, testId] of screens) {
    await desktop.goto(path);
    await desktop.getByTestId(testId).waitFor();
    await waitForSpinnersGone(desktop);
    await assertNoHorizontalOverflow(desktop, `1280 ${name}`);
    await scope.screenshot(desktop, `desktop-${name}.png`);
  }
};
