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
  pickOption,
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

// Order escrow and trade finance (issue 7, the acceptance journey). What the UI does not offer is
// set up through the API: a EUR settlement account at the Hangzhou bank (money held outside the
// hub) that funds the Hamburg buyer's EUR account, and EUR accounts for buyer and exporter.

const api = async (page, path, body) => {
  const response = await fetchInPage(page, path, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    json: response.text ? JSON.parse(response.text) : undefined,
    text: response.text,
  };
};

const openAccount = async (page, orgId, body) => {
  const opened = await api(page, `/api/orgs/${orgId}/payments/accounts`, body);
  assert.equal(opened.status, 201, `the ${body.currency} account opens: ${opened.text}`);
  return opened.json;
};

const ESCROW_PATH = /^\/api\/orgs\/[^/]+\/orders\/[^/]+\/escrow$/;
const RELEASE_PATH = /^\/api\/orgs\/[^/]+\/orders\/[^/]+\/escrow\/release$/;
const REQUESTS_PATH = /^\/api\/orgs\/[^/]+\/finance\/requests$/;
const requestStep = (step) => new RegExp(`^/api/orgs/[^/]+/finance/requests/[^/]+/${step}$`);

/** 3. The buyer funds the accepted demo order in EUR on delivery, confirms it; the exporter is paid. */
export const escrowBuyerFundsExporterPaidOnDelivery = async ({ scope, demo, state, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  // The Hamburg buyer's profile language is English, whatever the browser asks for.
  const en = translator(repoRoot, 'en');
  const bank = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(bank, demo.bank.email, { next: '/payments' });
  const buyer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(buyer, demo.jonas.email, { next: '/orders' });
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/orders' });

  const settlement = await openAccount(bank, demo.bank.orgId, {
    currency: 'EUR',
    code: `settle.eur.${stamp()}`,
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  const buyerAccount = await openAccount(buyer, demo.jonas.orgId, {
    currency: 'EUR',
    code: `eur.${stamp()}`,
  });
  const exporterAccount = await openAccount(exporter, demo.chen.orgId, {
    currency: 'EUR',
    code: `eur.${stamp()}`,
  });
  const funded = await api(bank, `/api/orgs/${demo.bank.orgId}/payments/transfers`, {
    id: `e2e-fund-buyer-${stamp()}`,
    debitAccountId: settlement.id,
    creditAccountId: buyerAccount.id,
    amount: '20000.00',
    currency: 'EUR',
    reference: 'e2e: the buyer’s bank balance',
  });
  assert.equal(funded.status, 201, `the buyer's account is funded: ${funded.text}`);

  const orders = await api(
    buyer,
    `/api/orgs/${demo.jonas.orgId}/orders?status=accepted&role=buyer&limit=200`,
  );
  const order = orders.json.items.find(
    (o) => o.sellerOrganisationId === demo.chen.orgId && o.content.total.currency === 'EUR',
  );
  assert.ok(order, 'the demo order the exporter accepted is there');
  const total = order.content.total;

  await buyer.goto(`/orders/${encodeURIComponent(order.id)}`);
  await buyer.getByTestId('escrow-fund-form').waitFor();
  await pickOption(buyer, 'escrow-fund-account', buyerAccount.code);
  await buyer.getByTestId('escrow-trigger-delivery').click();
  await buyer.getByTestId('escrow-fund-submit').click();
  // Money moves only after a confirmation naming the amount.
  await expectText(
    buyer.getByTestId('escrow-confirm-text'),
    /8,560\.00/,
    'the confirmation names the amount',
  );
  const funding = waitForApi(buyer, 'POST', ESCROW_PATH);
  await buyer.getByTestId('escrow-confirm').click();
  const fundResponse = await funding;
  assert.equal(fundResponse.status(), 201, `the escrow is funded: ${await fundResponse.text()}`);
  const escrow = await fundResponse.json();
  assert.equal(escrow.amount, total.amount, 'the amount is the order total');
  assert.equal(escrow.releaseTrigger, 'delivery');
  await eventually(
    () => buyer.getByTestId('escrow-status').getAttribute('data-status'),
    'funded',
    'the panel shows the escrow funded',
  );
  await expectText(
    buyer.getByTestId('escrow-trigger'),
    en('escrow.triggers.delivery'),
    'the trigger, translated',
  );
  await scope.screenshot(buyer, 'escrow-buyer-funded-1280.png');

  // The buyer confirms delivery: the whole amount goes to the exporter.
  await buyer.getByTestId('escrow-action-confirmDelivery').click();
  const releasing = waitForApi(buyer, 'POST', RELEASE_PATH);
  await buyer.getByTestId('escrow-confirm').click();
  const released = await releasing;
  assert.equal(released.status(), 200, `delivery confirmed: ${await released.text()}`);
  await eventually(
    () => buyer.getByTestId('escrow-status').getAttribute('data-status'),
    'released',
    'the escrow is released',
  );
  await expectCount(
    buyer.locator('[data-testid="escrow-event"][data-reason="delivery_confirmed"]'),
    1,
    'the step',
  );

  await exporter.goto(`/orders/${encodeURIComponent(order.id)}`);
  await expectText(
    exporter.getByTestId('escrow-status'),
    zh('escrow.statuses.released'),
    'the exporter sees it',
  );
  await expectText(
    exporter.getByTestId('escrow-credit-account'),
    exporterAccount.id,
    'paid into its EUR account',
  );
  await expectCount(exporter.getByTestId('escrow-event'), 2, 'funded and released on the timeline');
  await scope.screenshot(exporter, 'escrow-exporter-released-1280.png');
  await exporter.goto(`/payments/accounts/${encodeURIComponent(exporterAccount.id)}`);
  await waitForSpinnersGone(exporter);
  await expectText(
    exporter.getByTestId('payments-stat-balance'),
    /8,560\.00/,
    'the exporter holds the order total',
  );

  // Paid in CNY: the exporter converts what the escrow released at the Hangzhou bank's quote
  // (two linked transfers through the bank's liquidity accounts; 8,560.00 x 7.8125 = 66,875.00).
  const quote = await api(bank, `/api/orgs/${demo.bank.orgId}/payments/fx/quotes`, {
    from: 'EUR',
    to: 'CNY',
    rate: '7.8125',
    ttlSeconds: 600,
    source: 'e2e: the bank’s EUR/CNY rate',
  });
  assert.equal(quote.status, 201, `the bank quotes EUR/CNY: ${quote.text}`);
  // The yuan it pays out are its own: the bank puts them into its CNY liquidity account first.
  const cnySettlement = await openAccount(bank, demo.bank.orgId, {
    currency: 'CNY',
    code: `settle.cny.${stamp()}`,
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  const cnyLiquidity = await openAccount(bank, demo.bank.orgId, {
    currency: 'CNY',
    code: 'fx.liquidity',
    kind: 'liquidity',
  });
  const stocked = await api(bank, `/api/orgs/${demo.bank.orgId}/payments/transfers`, {
    id: `e2e-cny-liquidity-${stamp()}`,
    debitAccountId: cnySettlement.id,
    creditAccountId: cnyLiquidity.id,
    amount: '1000000.00',
    currency: 'CNY',
    reference: 'e2e: the bank’s yuan for FX',
  });
  assert.equal(stocked.status, 201, `the bank funds its CNY liquidity: ${stocked.text}`);
  const cnyAccount = await openAccount(exporter, demo.chen.orgId, {
    currency: 'CNY',
    code: `cny.${stamp()}`,
  });
  const converted = await api(exporter, `/api/orgs/${demo.chen.orgId}/payments/fx/conversions`, {
    id: `e2e-fx-${stamp()}`,
    quoteId: quote.json.id,
    fromAccountId: exporterAccount.id,
    toAccountId: cnyAccount.id,
    amount: '8560.00',
    reference: order.content.buyerReference,
  });
  assert.equal(converted.status, 201, `the exporter converts the payment into CNY: ${converted.text}`);
  await exporter.goto(`/payments/accounts/${encodeURIComponent(cnyAccount.id)}`);
  await waitForSpinnersGone(exporter);
  await expectText(
    exporter.getByTestId('payments-stat-balance'),
    /66,875\.00/,
    'the exporter is paid in CNY',
  );
  await scope.screenshot(exporter, 'escrow-exporter-paid-cny-1280.png');

  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, demo.jonas.email, { next: `/orders/${encodeURIComponent(order.id)}` });
  await phone.getByTestId('escrow-status').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, 'the order with its escrow at 390 px');
  await scope.screenshot(phone, 'escrow-order-390.png');
  state.escrow = { orderId: order.id, settlement, exporterAccount };
};

/**
 * 4. The exporter finances the order's commercial invoice at the Hangzhou bank: it requests and
 * shares, the bank offers, the exporter accepts, the bank disburses (registering the invoice); the
 * insurer, the demo's only other financier, then checks the same invoice and hears exact match,
 * and its attempt to register it is refused by the registry. (The server lets only banks make
 * financing offers, so the second attempt is the insurer's on the registry.)
 */
export const financeExporterFinancesInvoiceAtBank = async ({ scope, demo, state, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  assert.ok(state.escrow, 'the escrow step did not finish (no accounts)');
  const { orderId, settlement, exporterAccount } = state.escrow;
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/finance/requests' });

  // The invoice: the order's commercial invoice, issued now unless an earlier journey did.
  const detail = await api(exporter, `/api/orgs/${demo.chen.orgId}/orders/${orderId}`);
  let invoice = detail.json.documents.find((d) => d.kind === 'commercial_invoice' && d.status === 'active');
  if (!invoice) {
    const issued = await api(exporter, `/api/orgs/${demo.chen.orgId}/orders/${orderId}/documents`, {
      kind: 'commercial_invoice',
    });
    assert.equal(issued.status, 201, `the invoice is issued: ${issued.text}`);
    invoice = issued.json;
  }
  // Financing needs the invoice anchored in the log.
  await eventually(
    async () =>
      (await api(exporter, `/api/orgs/${demo.chen.orgId}/documents/${invoice.documentId}`)).json.logIndex !==
      null,
    true,
    'the invoice is in the log',
  );

  await exporter.getByTestId('financing-requests-table').waitFor();
  await exporter.getByTestId('financing-new').click();
  await pickOption(exporter, 'financing-create-invoice', invoice.documentNumber, invoice.documentNumber);
  await expectText(
    exporter.getByTestId('financing-create-total'),
    /8,560\.00/,
    'the total from the credential',
  );
  await exporter.getByTestId('financing-create-amount').fill('8000.00');
  const creating = waitForApi(exporter, 'POST', REQUESTS_PATH);
  await exporter.getByTestId('financing-create-submit').click();
  const created = await creating;
  assert.equal(created.status(), 201, `the request is made: ${await created.text()}`);
  const request = await created.json();
  await exporter.waitForURL(/\/finance\/requests\/[^/]+$/);

  await pickOption(exporter, 'financing-share-banks', /丝路|Silk/, '');
  const sharing = waitForApi(exporter, 'POST', requestStep('shares'));
  await exporter.getByTestId('financing-share-submit').click();
  assert.equal((await sharing).status(), 200, 'shared with the Hangzhou bank');
  await eventually(
    () => exporter.getByTestId('financing-status').getAttribute('data-status'),
    'open',
    'shared',
  );

  const bank = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(bank, demo.bank.email, { next: '/finance/requests' });
  await bank
    .getByTestId('financing-request-link')
    .filter({ hasText: request.invoice.number })
    .first()
    .click();
  await bank.getByTestId('financing-offer-form').waitFor();
  await bank.getByTestId('financing-offer-rate').fill('6.5');
  await bank.getByTestId('financing-offer-fee').fill('40.00');
  const offering = waitForApi(bank, 'POST', requestStep('offers'));
  await bank.getByTestId('financing-offer-submit').click();
  const offered = await offering;
  assert.equal(offered.status(), 200, `the bank offers: ${await offered.text()}`);
  const offer = (await offered.json()).offers[0];
  assert.equal(offer.rate, '0.065', 'the rate typed as 6.5 % is sent exactly');
  // 8,000.00 at 6.5 % for 90 days, ACT/360: 130.00 interest; 40.00 fee.
  assert.deepEqual(offer.repayment, { amount: '8130.00', currency: 'EUR' });
  assert.deepEqual(offer.disbursement, { amount: '7960.00', currency: 'EUR' });

  await exporter.reload();
  await exporter.getByTestId('financing-offer-accept').click();
  await expectText(exporter.getByTestId('financing-pay-text'), /7,960\.00/, 'what the bank will pay');
  await pickOption(exporter, 'financing-pay-account', exporterAccount.code);
  const accepting = waitForApi(exporter, 'POST', requestStep('accept'));
  await exporter.getByTestId('financing-pay-confirm').click();
  assert.equal((await accepting).status(), 200, 'the exporter accepts');
  await eventually(
    () => exporter.getByTestId('financing-status').getAttribute('data-status'),
    'accepted',
    'accepted',
  );

  await bank.reload();
  await bank.getByTestId('financing-disburse').click();
  await pickOption(bank, 'financing-pay-account', settlement.code);
  const disbursing = waitForApi(bank, 'POST', requestStep('disburse'));
  await bank.getByTestId('financing-pay-confirm').click();
  const disbursed = await disbursing;
  assert.equal(disbursed.status(), 200, `the bank registers and pays: ${await disbursed.text()}`);
  const financed = await disbursed.json();
  assert.ok(financed.registrationId, 'the invoice is registered in the registry');
  await eventually(
    () => bank.getByTestId('financing-status').getAttribute('data-status'),
    'disbursed',
    'paid',
  );
  await scope.screenshot(bank, 'finance-bank-disbursed-1280.png');
  await exporter.reload();
  await expectText(
    exporter.getByTestId('financing-status'),
    zh('financing.statuses.disbursed'),
    'the exporter sees it',
  );
  await scope.screenshot(exporter, 'finance-exporter-disbursed-1280.png');

  // The second financier: the registry answers exact match, and refuses its registration.
  const { registryInvoice } = financed;
  const insurer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  const insurerLogin = await logIn(insurer, INSURER_EMAIL, { next: '/finance/registry' });
  const insurerOrgId = insurerLogin.memberships[0].organisation.id;
  await insurer.getByTestId('registry-check-form').waitFor();
  // The parties as the registry fingerprints them (read from the request the exporter made):
  // whatever identifier scheme the signed invoice gave each one.
  for (const party of ['seller', 'buyer']) {
    const id = registryInvoice[party];
    await pickOption(insurer, `registry-${party}-scheme`, zh(`financeRegistry.schemes.${id.scheme}`));
    await insurer.getByTestId(`registry-${party}-id`).fill(id.value);
    if (id.country) {
      await insurer.getByTestId(`registry-${party}-country`).fill(id.country);
    }
  }
  await pickOption(insurer, 'registry-currency', /^EUR/, 'EUR');
  await insurer.getByTestId('registry-invoice-number').fill(registryInvoice.invoiceNumber);
  await insurer.getByTestId('registry-issue-date').fill(registryInvoice.issueDate);
  await insurer.getByTestId('registry-amount').fill(registryInvoice.amount.amount);
  const second = await checkAndRead(insurer);
  assert.equal(second.answer, 'exact_match', 'the second financier hears exact match');
  assert.ok(second.text.includes(zh('financeRegistry.answer.exact_match')), `translated: ${second.text}`);
  assert.equal(await insurer.getByTestId('registry-register').count(), 0, 'no registration is offered');
  const refused = await api(insurer, `/api/orgs/${insurerOrgId}/finance/registry/registrations`, {
    invoice: registryInvoice,
    financedAmount: registryInvoice.amount,
  });
  assert.equal(refused.status, 409, `the insurer's registration is refused: ${refused.text}`);
  assert.equal(refused.json.code, 'finance.already_financed');
  await scope.screenshot(insurer, 'finance-insurer-exact-match-1280.png');
  // The second bank's attempt (next step) checks the same invoice as the registry fingerprints it.
  state.financed = { registryInvoice };

  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, demo.chen.email, { next: '/finance/requests' });
  await expectCount(phone.getByTestId('financing-request-link'), 1, 'the requests on a phone');
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '/finance/requests at 390 px');
  await scope.screenshot(phone, 'finance-requests-390.png');
  await phone.goto(`/finance/requests/${encodeURIComponent(request.id)}`);
  await phone.getByTestId('financing-offers-table').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, 'a financing request at 390 px');
  await scope.screenshot(phone, 'finance-request-390.png');
};

/**
 * 5. The second bank (Ningbo, in English) tries to finance the invoice the Hangzhou bank financed:
 * its registry check in the web UI answers exact match with a high risk and offers no
 * registration, and its registration before disbursing is refused by the registry. Nothing of the
 * first bank's registration is on its page.
 */
export const financeSecondBankRefusedByRegistry = async ({ scope, demo, state, repoRoot }) => {
  const en = translator(repoRoot, 'en');
  assert.ok(state.financed, 'the financing step did not finish (no financed invoice)');
  const { registryInvoice } = state.financed;
  const bank2 = await scope.newPage({ locale: 'en', viewport: DESKTOP });
  await logIn(bank2, demo.bank2.email, { next: '/finance/registry' });
  await bank2.getByTestId('registry-check-form').waitFor();
  for (const party of ['seller', 'buyer']) {
    const id = registryInvoice[party];
    await pickOption(bank2, `registry-${party}-scheme`, en(`financeRegistry.schemes.${id.scheme}`));
    await bank2.getByTestId(`registry-${party}-id`).fill(id.value);
    if (id.country) {
      await bank2.getByTestId(`registry-${party}-country`).fill(id.country);
    }
  }
  await pickOption(bank2, 'registry-currency', /^EUR/, 'EUR');
  await bank2.getByTestId('registry-invoice-number').fill(registryInvoice.invoiceNumber);
  await bank2.getByTestId('registry-issue-date').fill(registryInvoice.issueDate);
  await bank2.getByTestId('registry-amount').fill(registryInvoice.amount.amount);
  const checked = await checkAndRead(bank2);
  assert.equal(checked.answer, 'exact_match', 'the second bank hears exact match');
  assert.ok(checked.text.includes(en('financeRegistry.answer.exact_match')), `in English: ${checked.text}`);
  assert.equal(await bank2.getByTestId('registry-risk').textContent(), en('financeRegistry.risk.high'));
  assert.equal(await bank2.getByTestId('registry-register').count(), 0, 'no registration is offered');
  // Registering before it disburses, as its loan system would: refused by the registry.
  const refused = await api(bank2, `/api/orgs/${demo.bank2.orgId}/finance/registry/registrations`, {
    invoice: registryInvoice,
    financedAmount: registryInvoice.amount,
  });
  assert.equal(refused.status, 409, `the second bank's registration is refused: ${refused.text}`);
  assert.equal(refused.json.code, 'finance.already_financed');
  assert.ok(!(await bank2.content()).includes(demo.bank.nameEn), 'the first bank is named nowhere');
  await scope.screenshot(bank2, 'finance-second-bank-refused-1280.png');
};

const OUTBOUND_PATH = /^\/api\/orgs\/[^/]+\/payments\/outbound$/;

/**
 * 6. Payments over the rails (docs/payment-rails.md): the Ningbo bank funds a CNY account of the
 * Yiwu exporter (API), the exporter pays a Hamburg supplier over the sandbox rail through the form
 * (payer prefilled from its profile, structured addresses), sees it settled with its timeline and
 * downloads the pacs.008; a payment to an account the sandbox bank does not know is rejected with
 * AC01 and the money comes back. The list and the detail fit a 390 px phone; the second bank sees
 * the page in English.
 */
export const paymentsOutboundOverRails = async ({ scope, demo, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const funder = await scope.newPage({ locale: 'en', viewport: DESKTOP });
  await logIn(funder, demo.bank2.email, { next: '/payments/outbound' });
  await expectText(funder.locator('h1, h2, h3, h4').first(), en('outboundPayments.title'), 'in English');
  const settlement = await openAccount(funder, demo.bank2.orgId, {
    currency: 'CNY',
    code: `settle.cny.${stamp()}`,
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/payments' });
  const code = `rails.${stamp()}`;
  const account = await openAccount(exporter, demo.chen.orgId, { currency: 'CNY', code });
  const funded = await api(funder, `/api/orgs/${demo.bank2.orgId}/payments/transfers`, {
    id: `e2e-fund-rails-${stamp()}`,
    debitAccountId: settlement.id,
    creditAccountId: account.id,
    amount: '50000.00',
    currency: 'CNY',
  });
  assert.equal(funded.status, 201, `the exporter's CNY account is funded: ${funded.text}`);

  await exporter.goto('/payments/outbound');
  await exporter.getByTestId('outbound-table').waitFor();
  await exporter.getByTestId('outbound-new').click();
  await expectValue(exporter.getByTestId('outbound-debtor-town'), '义乌', 'the payer comes from the profile');
  await pickOption(exporter, 'outbound-debit-account', code);
  await exporter.getByTestId('outbound-amount').fill('1234.50');
  await exporter.getByTestId('outbound-beneficiary-name').fill('Elbe Handelshaus GmbH');
  await exporter.getByTestId('outbound-beneficiary-street').fill('Am Sandtorkai');
  await exporter.getByTestId('outbound-beneficiary-building').fill('12');
  await exporter.getByTestId('outbound-beneficiary-postcode').fill('20457');
  await exporter.getByTestId('outbound-beneficiary-town').fill('Hamburg');
  await pickOption(exporter, 'outbound-beneficiary-country', '(DE)', 'germany');
  await exporter.getByTestId('outbound-account').fill('DE89 3704 0044 0532 0130 00');
  await exporter.getByTestId('outbound-agent-bic').fill('COBADEHHXXX');
  await exporter.getByTestId('outbound-remittance').fill('INV-2026-0042');
  const creating = waitForApi(exporter, 'POST', OUTBOUND_PATH);
  await exporter.getByTestId('outbound-create-submit').click();
  const created = await creating;
  assert.equal(created.status(), 201, `the payment is made: ${await created.text()}`);
  const payment = await created.json();
  await exporter.waitForURL(/\/payments\/outbound\/opm_[^/]+$/);
  await expectText(
    exporter.getByTestId('outbound-detail-status'),
    zh('outboundPayments.statuses.settled'),
    'settled by the sandbox bank',
  );
  await expectText(exporter.getByTestId('outbound-detail-amount'), /1,234\.50/, 'the amount in the locale');
  await expectCount(exporter.getByTestId('outbound-event'), 4, 'prepared, submitted, ACSP, ACSC');
  const message = await fetchInPage(
    exporter,
    `/api/orgs/${demo.chen.orgId}/payments/outbound/${payment.id}/message`,
  );
  assert.equal(message.status, 200);
  assert.ok(
    message.text.includes('<IntrBkSttlmAmt Ccy="CNY">1234.50</IntrBkSttlmAmt>'),
    'the pacs.008 amount',
  );
  assert.ok(message.text.includes('<IBAN>DE89370400440532013000</IBAN>'), 'the IBAN without spaces');
  await scope.screenshot(exporter, 'outbound-settled-1280.png');

  // An account the sandbox bank does not know: rejected with AC01, the reservation voided.
  const before = (await api(exporter, `/api/orgs/${demo.chen.orgId}/payments/accounts/${account.id}`)).json;
  const rejected = await api(exporter, `/api/orgs/${demo.chen.orgId}/payments/outbound`, {
    id: `e2e-rails-ac01-${stamp()}`,
    rail: 'sandbox',
    debitAccountId: account.id,
    amount: '100.00',
    currency: 'CNY',
    debtor: payment.debtor,
    beneficiary: { ...payment.beneficiary, account: { other: 'HH-ACCOUNT-9999' } },
  });
  assert.equal(rejected.status, 201, rejected.text);
  assert.equal(rejected.json.status, 'rejected');
  assert.equal(rejected.json.reasonCode, 'AC01');
  const after = (await api(exporter, `/api/orgs/${demo.chen.orgId}/payments/accounts/${account.id}`)).json;
  assert.equal(after.balance, before.balance, 'the money is back');
  await exporter.goto(`/payments/outbound/${encodeURIComponent(rejected.json.id)}`);
  await expectText(exporter.getByTestId('outbound-detail-reason'), /AC01/, 'the reason code');
  await expectText(
    exporter.getByTestId('outbound-detail-reason'),
    new RegExp(zh('outboundPayments.reasons.AC01')),
    'translated',
  );

  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, demo.chen.email, { next: '/payments/outbound' });
  await phone.getByTestId('outbound-table').waitFor();
  await expectCount(phone.getByTestId('outbound-link').filter({ hasText: 'Elbe' }), 2, 'both payments');
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '/payments/outbound at 390 px');
  await scope.screenshot(phone, 'outbound-390.png');
  await phone.goto(`/payments/outbound/${encodeURIComponent(payment.id)}`);
  await phone.getByTestId('outbound-timeline').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, 'an outbound payment at 390 px');
  await scope.screenshot(phone, 'outbound-detail-390.png');
};
