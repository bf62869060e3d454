// The payments ledger and the duplicate-financing registry in the browser (issue 7). The Hangzhou
// bank (sun.hui) checks an invoice of the Yiwu exporter to the Hamburg buyer in the registry (no
// match), registers it as financed, and the export credit insurer (he.jing) checking the same
// invoice then gets "exact match" and is offered no registration. An exporter sees why the
// registry is not for it. Then the bank moves money between its own accounts: a transfer, a
// reservation posted from the pending list, a live amount check and a refused overdraft with the
// server's translated reason; the accounts, account and registry pages fit a 390 px phone.
//
// The two steps run in order and pass what they made on in `state.payments`.
import assert from 'node:assert/strict';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  waitForApi,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount, expectText, expectValue } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const INSURER_EMAIL = 'he.jing@zhijiang-insurance.example';
// The demo seller's USCC and buyer's LEI (server/src/seed/demo-organisations.ts): made up, with
// the check characters the seed computes.
const SELLER_USCC = '91330782MA2D7YW013';
const BUYER_LEI = '529900ELBEHANDEL0029';
const CHECKS_PATH = /^\/api\/orgs\/[^/]+\/finance\/registry\/checks$/;
const REGISTRATIONS_PATH = /^\/api\/orgs\/[^/]+\/finance\/registry\/registrations$/;
const TRANSFERS_PATH = /^\/api\/orgs\/[^/]+\/payments\/transfers$/;
const POST_PATH = /^\/api\/orgs\/[^/]+\/payments\/transfers\/[^/]+\/post$/;

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

/** Fills the registry's invoice form (seller USCC, buyer LEI and currency are the defaults). */
const fillInvoice = async (page, invoice) => {
  await page.getByTestId('registry-seller-id').fill(invoice.seller);
  await page.getByTestId('registry-buyer-id').fill(invoice.buyer);
  await page.getByTestId('registry-invoice-number').fill(invoice.number);
  await page.getByTestId('registry-issue-date').fill(invoice.issueDate);
  await page.getByTestId('registry-amount').fill(invoice.amount);
};

const checkAndRead = async (page) => {
  const checked = waitForApi(page, 'POST', CHECKS_PATH);
  await page.getByTestId('registry-check-submit').click();
  const response = await checked;
  assert.equal(response.status(), 200, `the check answers 200: ${await response.text()}`);
  const answer = page.getByTestId('registry-answer');
  await answer.waitFor();
  return { answer: await answer.getAttribute('data-answer'), text: await answer.textContent() };
};

/** 1. The bank checks and registers an invoice; the insurer's check of it is an exact match. */
export const paymentsRegistryDuplicateFinancing = async ({ scope, demo, state, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const invoice = {
    seller: SELLER_USCC,
    buyer: BUYER_LEI,
    number: `INV-E2E-${stamp()}`,
    issueDate: '2026-03-12',
    amount: '125000.00',
  };

  const bank = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(bank, demo.bank.email, { next: '/finance/registry' });
  await bank.getByTestId('registry-check-form').waitFor();
  // Live validation: a USCC with a wrong check character is refused before any request.
  await bank.getByTestId('registry-seller-id').fill(`${SELLER_USCC.slice(0, 17)}0`);
  await bank.getByTestId('registry-seller-id').blur();
  await expectCount(bank.locator('.ant-form-item-explain-error'), 1, 'the bad USCC is flagged while typing');
  await fillInvoice(bank, invoice);

  const first = await checkAndRead(bank);
  assert.equal(first.answer, 'no_match', 'the first financier asking hears no match');
  assert.ok(first.text.includes(zh('financeRegistry.answer.no_match')), `translated answer: ${first.text}`);
  assert.ok(first.text.includes(zh('financeRegistry.explain.no_match')), 'the answer is explained');

  const reference = `LOAN-${stamp()}`;
  await bank.getByTestId('registry-reference').fill(reference);
  const registered = waitForApi(bank, 'POST', REGISTRATIONS_PATH);
  await bank.getByTestId('registry-register-submit').click();
  const registration = await registered;
  assert.equal(registration.status(), 201, `registering answers 201: ${await registration.text()}`);
  await expectText(
    bank.getByTestId('registration-reference').filter({ hasText: reference }),
    reference,
    'the registration is listed among the bank’s own',
  );
  await scope.screenshot(bank, 'registry-bank-registered-1280.png');

  // A non-financier is told why the registry is not for it, in its language.
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/finance/registry' });
  await expectText(
    exporter.getByTestId('registry-not-financier').locator('.ant-result-title'),
    zh('financeRegistry.notFinancier.title'),
    'the exporter sees the explanation',
  );
  assert.equal(await exporter.getByTestId('registry-check-form').count(), 0, 'and no form');

  const insurer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(insurer, INSURER_EMAIL, { next: '/finance/registry' });
  await insurer.getByTestId('registry-check-form').waitFor();
  // The invoice number as another clerk types it: lower case, spaces instead of dashes.
  await fillInvoice(insurer, { ...invoice, number: invoice.number.toLowerCase().replaceAll('-', ' ') });
  const second = await checkAndRead(insurer);
  assert.equal(second.answer, 'exact_match', 'the second financier hears exact match');
  assert.ok(second.text.includes(zh('financeRegistry.answer.exact_match')), `translated: ${second.text}`);
  assert.equal(await insurer.getByTestId('registry-risk').textContent(), zh('financeRegistry.risk.high'));
  assert.equal(await insurer.getByTestId('registry-register').count(), 0, 'no registration is offered');
  // Nothing of the bank's registration leaks into the answer.
  const page = await insurer.content();
  assert.ok(!page.includes(reference), 'the bank’s reference is nowhere on the insurer’s page');
  await scope.screenshot(insurer, 'registry-insurer-exact-match-1280.png');
  state.payments = { invoice, reference };
};

/** 2. The bank pays between its accounts, reserves and posts; the pages fit a phone. */
export const paymentsBankLedgerOnAPhone = async ({ scope, demo, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const desk = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(desk, demo.bank.email, { next: '/payments' });
  await desk.getByTestId('payments-accounts-table').waitFor();

  // A settlement account mirrors money the bank holds outside the hub, so it may go below zero;
  // opening one with that flag is an API call only banks may make.
  const settlementCode = `settle.${stamp()}`;
  const opened = await fetchInPage(desk, `/api/orgs/${demo.bank.orgId}/payments/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      currency: 'CNY',
      code: settlementCode,
      kind: 'settlement',
      debitsMustNotExceedCredits: false,
    }),
  });
  assert.equal(opened.status, 201, `the settlement account opens: ${opened.text}`);
  const settlement = JSON.parse(opened.text);

  // A customer account through the form.
  const customerCode = `main.${stamp()}`;
  await desk.getByTestId('payments-new-account').click();
  await desk.getByTestId('payments-create-code').fill(customerCode);
  await desk.getByTestId('payments-create-submit').click();
  await desk.waitForURL(/\/payments\/accounts\/acc_/);
  const customerId = (await desk.getByTestId('payments-account-id').textContent()).trim();
  assert.match(customerId, /^acc_/, 'the new account shows its id');

  // From the settlement account: an amount with too many decimals is flagged while typing, then
  // a transfer and a reservation to the customer account.
  await desk.goto(`/payments/accounts/${encodeURIComponent(settlement.id)}`);
  await desk.getByTestId('transfer-form').waitFor();
  await desk.getByTestId('transfer-to').fill(customerId);
  await desk.getByTestId('transfer-amount').fill('1.005');
  await expectText(
    desk.locator('.ant-form-item-explain-error').first(),
    zh('payments.validation.tooManyDecimals'),
    'too many decimals for CNY, while typing',
  );
  await desk.getByTestId('transfer-amount').fill('1250.50');
  await desk.getByTestId('transfer-reference').fill('PO-2026-0001');
  let sent = waitForApi(desk, 'POST', TRANSFERS_PATH);
  await desk.getByTestId('transfer-submit').click();
  assert.equal((await sent).status(), 201, 'the transfer is made');
  await expectValue(desk.getByTestId('transfer-amount'), '', 'the form is cleared for the next transfer');

  await desk.getByTestId('transfer-to').fill(customerId);
  await desk.getByTestId('transfer-amount').fill('100');
  await desk.getByTestId('transfer-mode').getByText(zh('payments.transfer.pending')).click();
  await desk.getByTestId('transfer-timeout').fill('60');
  sent = waitForApi(desk, 'POST', TRANSFERS_PATH);
  await desk.getByTestId('transfer-submit').click();
  const reserved = await sent;
  assert.equal(reserved.status(), 201, 'the reservation is made');
  const reservation = await reserved.json();
  assert.equal(reservation.kind, 'pending');

  const post = desk.getByTestId('pending-post');
  await expectCount(post, 1, 'the reservation waits in the pending list');
  await post.first().click();
  const posted = waitForApi(desk, 'POST', POST_PATH);
  await desk.locator('.ant-popconfirm-buttons .ant-btn-primary').last().click();
  assert.equal((await posted).status(), 201, 'the reservation is posted');
  await eventually(() => desk.getByTestId('pending-post').count(), 0, 'the pending list empties');
  await expectCount(
    desk.getByTestId('statement-amount'),
    3,
    'transfer, reservation and posting on the statement',
  );

  // The customer account holds both, and cannot send more than it has.
  await desk.goto(`/payments/accounts/${encodeURIComponent(customerId)}`);
  await waitForSpinnersGone(desk);
  await expectText(desk.getByTestId('payments-stat-balance'), /1,350\.50/, 'the customer account balance');
  await desk.getByTestId('transfer-to').fill(settlement.id);
  await desk.getByTestId('transfer-amount').fill('5000');
  sent = waitForApi(desk, 'POST', TRANSFERS_PATH);
  await desk.getByTestId('transfer-submit').click();
  assert.equal((await sent).status(), 422, 'an overdraft is refused');
  await expectText(
    desk.getByTestId('transfer-error').locator('.ant-alert-title'),
    zh('errors.payments.exceeds_credit_limit'),
    'the refusal is shown translated',
  );
  await scope.screenshot(desk, 'payments-account-1280.png');

  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, demo.bank.email, { next: '/payments' });
  await expectCount(phone.getByTestId('payments-account-link'), 2, 'the bank’s accounts on a phone');
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '/payments at 390 px');
  await scope.screenshot(phone, 'payments-accounts-390.png');
  await phone.goto(`/payments/accounts/${encodeURIComponent(customerId)}`);
  await expectCount(phone.getByTestId('statement-amount'), 1, 'the statement on a phone');
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, 'the account page at 390 px');
  await scope.screenshot(phone, 'payments-account-390.png');
  await phone.goto('/finance/registry');
  await phone.getByTestId('registry-check-form').waitFor();
  await phone.getByTestId('registrations-table').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '/finance/registry at 390 px');
  await scope.screenshot(phone, 'registry-390.png');
};
