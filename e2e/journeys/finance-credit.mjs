// The credit profile and export credit insurance in the browser (issue 7, web item 9). The Yiwu
// exporter (chen.li, Chinese) signs a snapshot of its credit score, sees every factor explained and
// the snapshot logged, and shares it with the Hangzhou bank; the bank (sun.hui, switched to
// English) reads the shared snapshot with its signature, which Node checks with the published key.
// Then the Zhijiang insurer (he.jing) issues a EUR policy to the exporter, the exporter applies for
// a limit on the Hamburg buyer, the insurer approves less than asked, and the exporter declares a
// shipment: a date outside the policy is flagged while typing, a shipment over the limit is
// refused with the server's translated reason, and one within it pays its premium. The pages fit
// a 390 px phone.
//
// The two steps run in order: the first leaves `state.financeCredit` for nothing but the report.
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  pickOption,
  waitForApi,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
const INSURER_EMAIL = 'he.jing@zhijiang-insurance.example';
const SNAPSHOTS_PATH = /^\/api\/orgs\/[^/]+\/finance\/credit\/snapshots$/;
const SHARES_PATH = /^\/api\/orgs\/[^/]+\/finance\/credit\/snapshots\/[^/]+\/shares$/;
const POLICIES_PATH = /^\/api\/orgs\/[^/]+\/finance\/insurance\/policies$/;
const LIMITS_PATH = /^\/api\/orgs\/[^/]+\/finance\/insurance\/policies\/[^/]+\/limits$/;
const DECISION_PATH = /^\/api\/orgs\/[^/]+\/finance\/insurance\/policies\/[^/]+\/limits\/[^/]+\/decision$/;
const DECLARATIONS_PATH = /^\/api\/orgs\/[^/]+\/finance\/insurance\/policies\/[^/]+\/declarations$/;

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
const utcDay = (offsetDays) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const api = async (page, path, body, method = body === undefined ? 'GET' : 'POST') => {
  const response = await fetchInPage(page, path, {
    method,
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

/** Clicks one side of the language switch and waits until the server has saved the choice. */
const switchLanguage = async (page, locale) => {
  const saved = waitForApi(page, 'PATCH', '/api/me');
  await page.getByTestId(`language-${locale}`).click();
  assert.equal((await saved).status(), 200, `saving locale ${locale} answers 200`);
};

/** 1. The exporter signs a snapshot, sees it explained and logged, shares it; the bank reads it. */
export const financeCreditSnapshotSharedWithBank = async ({ scope, demo, state, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/finance/credit' });
  await exporter.getByTestId('credit-create-snapshot').waitFor();

  const signing = waitForApi(exporter, 'POST', SNAPSHOTS_PATH);
  await exporter.getByTestId('credit-create-snapshot').click();
  const signed = await signing;
  assert.equal(signed.status(), 201, `the snapshot is signed: ${await signed.text()}`);
  const snapshot = await signed.json();
  await eventually(
    () => exporter.getByTestId('credit-snapshot').getAttribute('data-snapshot-id'),
    snapshot.id,
    'the new snapshot is shown',
  );
  await expectText(exporter.getByTestId('credit-score'), String(snapshot.score), 'the signed total');
  assert.equal(await exporter.getByTestId('credit-grade').getAttribute('data-grade'), snapshot.grade);

  // Every factor the server scored is a row whose "why" is the sentence of its explanation, in Chinese.
  const { factors } = snapshot.payload.score;
  await expectCount(exporter.getByTestId('credit-factor-row'), factors.length, 'one row per factor');
  for (const factor of factors) {
    const row = exporter.locator(`[data-testid="credit-factor-row"][data-factor="${factor.factor}"]`);
    await expectText(
      row.getByTestId('credit-factor-why'),
      zh(`credit.explain.${factor.explanation.key}`, factor.explanation.values),
      `why ${factor.factor} gave ${factor.points}`,
    );
    await expectText(
      row.getByTestId('credit-factor-points'),
      zh('credit.points', { points: factor.points, max: factor.max }),
      `points of ${factor.factor}`,
    );
  }
  await expectCount(
    exporter.locator('[data-testid="credit-factor-chart"] svg'),
    1,
    'the factor chart is drawn',
  );
  await expectText(
    exporter.getByTestId('credit-signature'),
    snapshot.verification.signature.value,
    'the signature',
  );
  // The page asks again until a checkpoint covers the entry.
  await eventually(
    () => exporter.getByTestId('credit-log-state').getAttribute('data-state'),
    'logged',
    'the snapshot is in the transparency log',
    30_000,
  );

  await pickOption(exporter, 'credit-share-target', /丝路|Silk/, '');
  const sharing = waitForApi(exporter, 'POST', SHARES_PATH);
  await exporter.getByTestId('credit-share-submit').click();
  assert.equal((await sharing).status(), 201, 'shared with the Hangzhou bank');
  await expectText(
    exporter.getByTestId('credit-shared-with-item').first(),
    new RegExp(demo.bank.nameZh),
    'the bank is listed as shared with',
  );
  await waitForSpinnersGone(exporter);
  await scope.screenshot(exporter, 'credit-exporter-zh-1280.png');

  // The bank, in English, reads the snapshot exactly as signed.
  const bank = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(bank, demo.bank.email, { next: '/finance/credit' });
  await switchLanguage(bank, 'en');
  try {
    const row = bank.locator(`[data-testid="credit-shared-row"][data-snapshot-id="${snapshot.id}"]`);
    await row.waitFor();
    const open = row.getByTestId('credit-shared-open');
    if ((await open.count()) > 0) {
      await open.click();
    }
    await eventually(
      () => bank.getByTestId('credit-snapshot').getAttribute('data-snapshot-id'),
      snapshot.id,
      'the bank sees the shared snapshot',
    );
    await expectText(bank.getByTestId('credit-score'), String(snapshot.score), 'the same total');
    const volume = factors.find((f) => f.factor === 'tradeVolume');
    await expectText(
      bank
        .locator('[data-testid="credit-factor-row"][data-factor="tradeVolume"]')
        .getByTestId('credit-factor-why'),
      en(`credit.explain.${volume.explanation.key}`, volume.explanation.values),
      'explained in English',
    );
    await eventually(
      () => bank.getByTestId('credit-log-state').getAttribute('data-state'),
      'logged',
      'logged, seen by the bank',
    );
    assert.equal(await bank.getByTestId('credit-share').count(), 0, 'the bank cannot share it on');
    const shown = await api(bank, `/api/orgs/${demo.bank.orgId}/finance/credit/snapshots/${snapshot.id}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.json.sharedWith, undefined, 'the bank is not told whom else it was shared with');
    // What the page shows verifies offline: the hub's Ed25519 signature over the signed text.
    const { signedPayload, signature } = shown.json.verification;
    await expectText(bank.getByTestId('credit-signature'), signature.value, 'the signature on the page');
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: signature.publicKey },
      format: 'jwk',
    });
    assert.ok(
      verify(null, Buffer.from(signedPayload, 'utf8'), key, Buffer.from(signature.value, 'base64url')),
      'the signature verifies with the published key',
    );
    await waitForSpinnersGone(bank);
    await scope.screenshot(bank, 'credit-bank-shared-en-1280.png');
  } finally {
    await switchLanguage(bank, 'zh-CN');
  }

  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, demo.chen.email, { next: '/finance/credit' });
  await phone.getByTestId('credit-factors').waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '/finance/credit at 390 px');
  await scope.screenshot(phone, 'credit-390.png');
  state.financeCredit = { snapshotId: snapshot.id };
};

/** 2. The insurer issues a policy, the exporter applies for a buyer limit, the insurer approves, a shipment is declared. */
export const financeCreditInsuranceLimitAndDeclaration = async ({ scope, demo, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const insurer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  const insurerLogin = await logIn(insurer, INSURER_EMAIL, { next: '/finance/insurance' });
  const insurerOrgId = insurerLogin.memberships[0].organisation.id;
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/finance/insurance' });
  const bank = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(bank, demo.bank.email, { next: '/payments' });

  // What the UI does not offer is set up through the API: the insurer's premium account, and
  // the exporter's EUR account funded from the Hangzhou bank's settlement account.
  const insurerAccount = await api(insurer, `/api/orgs/${insurerOrgId}/payments/accounts`, {
    currency: 'EUR',
    code: `premiums.${stamp()}`,
  });
  assert.equal(insurerAccount.status, 201, `the insurer's account opens: ${insurerAccount.text}`);
  const exporterAccount = await api(exporter, `/api/orgs/${demo.chen.orgId}/payments/accounts`, {
    currency: 'EUR',
    code: `eur.ins.${stamp()}`,
  });
  assert.equal(exporterAccount.status, 201, `the exporter's account opens: ${exporterAccount.text}`);
  const settlement = await api(bank, `/api/orgs/${demo.bank.orgId}/payments/accounts`, {
    currency: 'EUR',
    code: `settle.ins.${stamp()}`,
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  assert.equal(settlement.status, 201, `the bank's settlement account opens: ${settlement.text}`);
  const funded = await api(bank, `/api/orgs/${demo.bank.orgId}/payments/transfers`, {
    id: `e2e-ins-fund-${stamp()}`,
    debitAccountId: settlement.json.id,
    creditAccountId: exporterAccount.json.id,
    amount: '1000.00',
    currency: 'EUR',
    reference: 'e2e: the exporter’s money for premiums',
  });
  assert.equal(funded.status, 201, `the exporter's account is funded: ${funded.text}`);

  // The insurer issues the policy through the form (defaults: EUR, a year from today, 0.35 %, 90 %).
  const policyNumber = `ZJ-E2E-${stamp()}`;
  await insurer.getByTestId('insurance-issue-open').click();
  await insurer.getByTestId('insurance-issue-number').fill(policyNumber);
  await pickOption(insurer, 'insurance-issue-exporter', demo.chen.nameZh, '义乌');
  await pickOption(insurer, 'insurance-issue-account', insurerAccount.json.code);
  const issuing = waitForApi(insurer, 'POST', POLICIES_PATH);
  await insurer.getByTestId('insurance-issue-submit').click();
  const issued = await issuing;
  assert.equal(issued.status(), 201, `the policy is issued: ${await issued.text()}`);
  const policy = await issued.json();
  assert.equal(policy.premiumRate, '0.0035', 'the rate typed as 0.35 % is sent as a share, exactly');
  await insurer.waitForURL(/\/finance\/insurance\/ipo_/);
  await expectText(insurer.getByTestId('insurance-policy-number'), policyNumber, 'the policy page');

  // The exporter applies for a limit on the Hamburg buyer.
  await exporter.reload();
  await exporter.getByTestId('insurance-policy-link').filter({ hasText: policyNumber }).click();
  await exporter.getByTestId('insurance-limit-apply').click();
  await pickOption(exporter, 'insurance-apply-buyer', demo.jonas.nameZh, 'Elbe');
  await exporter.getByTestId('insurance-apply-amount').fill('50000.00');
  const applying = waitForApi(exporter, 'POST', LIMITS_PATH);
  await exporter.getByTestId('insurance-apply-submit').click();
  assert.equal((await applying).status(), 201, 'the limit is applied for');
  await eventually(
    () => exporter.getByTestId('insurance-limit-status').first().getAttribute('data-status'),
    'requested',
    'the limit waits for the insurer',
  );
  assert.equal(
    await exporter.getByTestId('insurance-limit-approve').count(),
    0,
    'the exporter cannot approve',
  );

  // The insurer approves less than asked.
  await insurer.reload();
  await insurer.getByTestId('insurance-limit-approve').click();
  await insurer.getByTestId('insurance-decision-amount').fill('40000.00');
  const deciding = waitForApi(insurer, 'POST', DECISION_PATH);
  await insurer.getByTestId('insurance-decision-submit').click();
  assert.equal((await deciding).status(), 200, 'the insurer approves');
  await eventually(
    () => insurer.getByTestId('insurance-limit-status').first().getAttribute('data-status'),
    'approved',
    'approved',
  );
  await expectText(
    insurer.getByTestId('insurance-limit-approved').first(),
    /40,000\.00/,
    'the approved amount',
  );
  assert.equal(
    await insurer.getByTestId('insurance-declare-open').count(),
    0,
    'the insurer declares nothing',
  );

  // The exporter declares: a date outside the policy is flagged while typing; over the limit is refused.
  await exporter.reload();
  await expectText(
    exporter.getByTestId('insurance-limit-status').first(),
    zh('insurance.limitStatuses.approved'),
    'the exporter sees the approval, in Chinese',
  );
  await exporter.getByTestId('insurance-declare-open').click();
  await pickOption(exporter, 'insurance-declare-limit', /Elbe|易北/);
  await pickOption(exporter, 'insurance-declare-account', exporterAccount.json.code);
  const invoiceNumber = `INV-INS-${stamp()}`;
  await exporter.getByTestId('insurance-declare-invoice').fill(invoiceNumber);
  await exporter.getByTestId('insurance-declare-due').fill(utcDay(60));
  await exporter.getByTestId('insurance-declare-shipment').fill(utcDay(-400));
  await exporter.getByTestId('insurance-declare-shipment').blur();
  await expectText(
    exporter.locator('.ant-form-item-explain-error').first(),
    zh('fieldErrors.finance.insurance_outside_policy_period'),
    'a shipment before the policy period, while typing',
  );
  await exporter.getByTestId('insurance-declare-shipment').fill(utcDay(0));
  await exporter.getByTestId('insurance-declare-amount').fill('45000.00');
  let declaring = waitForApi(exporter, 'POST', DECLARATIONS_PATH);
  await exporter.getByTestId('insurance-declare-submit').click();
  const over = await declaring;
  assert.equal(over.status(), 409, `over the limit is refused: ${await over.text()}`);
  assert.equal((await over.json()).code, 'finance.insurance_limit_exceeded');
  await expectText(
    exporter.getByTestId('insurance-declare-error').locator('.ant-alert-title'),
    zh('errors.finance.insurance_limit_exceeded'),
    'the refusal, translated',
  );
  await exporter.getByTestId('insurance-declare-amount').fill('10030.00');
  // 10,030.00 x 0.35 % = 35.105, half-up 35.11 (docs/credit-insurance.md).
  await expectText(
    exporter.getByTestId('insurance-declare-premium'),
    /35\.11/,
    'the premium before declaring',
  );
  declaring = waitForApi(exporter, 'POST', DECLARATIONS_PATH);
  await exporter.getByTestId('insurance-declare-submit').click();
  const declared = await declaring;
  assert.equal(declared.status(), 201, `the shipment is declared: ${await declared.text()}`);
  const declaration = await declared.json();
  assert.deepEqual(declaration.premium, { amount: '35.11', currency: 'EUR' });
  assert.equal(declaration.status, 'active', 'the premium was paid');
  await eventually(
    () => exporter.getByTestId('insurance-declaration-status').first().getAttribute('data-status'),
    'active',
    'the declaration is listed as covered',
  );
  await expectText(
    exporter.getByTestId('insurance-limit-left').first(),
    /29,970\.00/,
    'what is left of the limit',
  );
  await waitForSpinnersGone(exporter);
  await scope.screenshot(exporter, 'insurance-exporter-declared-1280.png');

  // The insurer sees the declaration and its premium.
  await insurer.reload();
  await expectText(
    insurer.getByTestId('insurance-declaration-premium').first(),
    /35\.11/,
    'the premium, for the insurer',
  );
  await insurer.getByTestId('insurance-declaration-open').first().click();
  await eventually(
    () => insurer.getByTestId('insurance-detail-status').getAttribute('data-status'),
    'active',
    'the declaration drawer',
  );
  assert.equal(await insurer.getByTestId('insurance-action-settle').count(), 0, 'settling is the exporter’s');
  await scope.screenshot(insurer, 'insurance-insurer-declaration-1280.png');

  const phone = await scope.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true });
  await logIn(phone, demo.chen.email, { next: `/finance/insurance/${encodeURIComponent(policy.id)}` });
  await phone.getByTestId('insurance-declarations-table').waitFor();
  await expectCount(phone.getByTestId('insurance-declaration-row'), 1, 'the declaration on a phone');
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, 'a policy at 390 px');
  await scope.screenshot(phone, 'insurance-policy-390.png');
  await phone.goto('/finance/insurance');
  await phone.getByTestId('insurance-policy-link').first().waitFor();
  await waitForSpinnersGone(phone);
  await assertNoHorizontalOverflow(phone, '/finance/insurance at 390 px');
};

/**
 * 3. A shipment to the Hamburg buyer went unpaid past its due date: the exporter claims with the
 * order's commercial invoice as evidence, the insurer accepts, and the payout is paid. The policy,
 * limit and declaration are made through the API (the second step showed their forms), dated so
 * that the waiting period has run.
 */
export const financeCreditClaimPaidOut = async ({ scope, demo, repoRoot }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const insurer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  const insurerLogin = await logIn(insurer, INSURER_EMAIL, { next: '/finance/insurance' });
  const insurerOrgId = insurerLogin.memberships[0].organisation.id;
  const exporter = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(exporter, demo.chen.email, { next: '/finance/insurance' });
  const bank = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(bank, demo.bank.email, { next: '/payments' });

  const open = async (page, orgId, body) => {
    const opened = await api(page, `/api/orgs/${orgId}/payments/accounts`, body);
    assert.equal(opened.status, 201, `the ${body.code} account opens: ${opened.text}`);
    return opened.json;
  };
  const settlement = await open(bank, demo.bank.orgId, {
    currency: 'EUR',
    code: `settle.claim.${stamp()}`,
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  const insurerAccount = await open(insurer, insurerOrgId, { currency: 'EUR', code: `claims.${stamp()}` });
  const exporterAccount = await open(exporter, demo.chen.orgId, {
    currency: 'EUR',
    code: `eur.claim.${stamp()}`,
  });
  for (const [account, amount] of [
    [insurerAccount, '20000.00'],
    [exporterAccount, '500.00'],
  ]) {
    const funded = await api(bank, `/api/orgs/${demo.bank.orgId}/payments/transfers`, {
      id: `e2e-claim-fund-${account.id}`,
      debitAccountId: settlement.id,
      creditAccountId: account.id,
      amount,
      currency: 'EUR',
      reference: 'e2e: money held at the bank',
    });
    assert.equal(funded.status, 201, `${account.code} is funded: ${funded.text}`);
  }

  const policy = await api(insurer, `/api/orgs/${insurerOrgId}/finance/insurance/policies`, {
    policyNumber: `ZJ-CLAIM-${stamp()}`,
    exporterOrganisationId: demo.chen.orgId,
    currency: 'EUR',
    periodStart: utcDay(-120),
    periodEnd: utcDay(240),
    premiumRate: '0.0035',
    indemnityPercent: '90',
    waitingPeriodDays: 0,
    maxCreditPeriodDays: 120,
    insurerAccountId: insurerAccount.id,
  });
  assert.equal(policy.status, 201, `the policy is issued: ${policy.text}`);
  const policyPath = `/api/orgs/${demo.chen.orgId}/finance/insurance/policies/${policy.json.id}`;
  const applied = await api(exporter, `${policyPath}/limits`, {
    buyer: { organisationId: demo.jonas.orgId },
    amount: { amount: '20000.00', currency: 'EUR' },
  });
  assert.equal(applied.status, 201, `the limit is applied for: ${applied.text}`);
  const limitId = applied.json.limits[0].id;
  const approved = await api(
    insurer,
    `/api/orgs/${insurerOrgId}/finance/insurance/policies/${policy.json.id}/limits/${limitId}/decision`,
    { action: 'approve', amount: { amount: '20000.00', currency: 'EUR' } },
  );
  assert.equal(approved.status, 200, `the limit is approved: ${approved.text}`);
  const declared = await api(exporter, `${policyPath}/declarations`, {
    limitId,
    invoiceNumber: `INV-CLAIM-${stamp()}`,
    invoiceAmount: { amount: '10030.00', currency: 'EUR' },
    shipmentDate: utcDay(-90),
    dueDate: utcDay(-1),
    accountId: exporterAccount.id,
  });
  assert.equal(declared.status, 201, `the shipment is declared: ${declared.text}`);
  const declaration = declared.json;

  // The evidence: the commercial invoice of the exporter's accepted demo order, issued now unless
  // an earlier journey did, and anchored in the log.
  const orders = await api(
    exporter,
    `/api/orgs/${demo.chen.orgId}/orders?status=accepted&role=seller&limit=200`,
  );
  const order =
    orders.json.items.find((o) => o.buyerOrganisationId === demo.jonas.orgId) ?? orders.json.items[0];
  assert.ok(order, 'the exporter has an accepted order');
  const detail = await api(exporter, `/api/orgs/${demo.chen.orgId}/orders/${order.id}`);
  let invoice = detail.json.documents.find((d) => d.kind === 'commercial_invoice' && d.status === 'active');
  if (!invoice) {
    const issued = await api(exporter, `/api/orgs/${demo.chen.orgId}/orders/${order.id}/documents`, {
      kind: 'commercial_invoice',
    });
    assert.equal(issued.status, 201, `the invoice is issued: ${issued.text}`);
    invoice = issued.json;
  }
  await eventually(
    async () =>
      (await api(exporter, `/api/orgs/${demo.chen.orgId}/documents/${invoice.documentId}`)).json.logIndex !==
      null,
    true,
    'the invoice is in the log',
    30_000,
  );

  await exporter.goto(`/finance/insurance/${encodeURIComponent(policy.json.id)}`);
  await exporter.getByTestId('insurance-declaration-open').first().click();
  await exporter.getByTestId('insurance-action-claim').click();
  await exporter.getByTestId('insurance-claim-outstanding').fill('8765.43');
  // 8,765.43 x 90 % = 7,888.887, half-up 7,888.89 (docs/credit-insurance.md).
  await expectText(
    exporter.getByTestId('insurance-claim-form').locator('.ant-form-item-extra').first(),
    /7,888\.89/,
    'the payout before claiming',
  );
  await pickOption(exporter, 'insurance-claim-document', invoice.documentNumber, invoice.documentNumber);
  const claiming = waitForApi(exporter, 'POST', /\/finance\/insurance\/declarations\/[^/]+\/claim$/);
  await exporter.getByTestId('insurance-claim-submit').click();
  const filed = await claiming;
  assert.equal(filed.status(), 201, `the claim is filed: ${await filed.text()}`);
  const claim = (await filed.json()).claim;
  assert.deepEqual(claim.payoutAmount, { amount: '7888.89', currency: 'EUR' });
  assert.equal(claim.evidence[0].documentId, invoice.documentId, 'the invoice is the evidence');
  await eventually(
    () => exporter.getByTestId('insurance-claim-status').getAttribute('data-status'),
    'filed',
    'the claim is shown filed',
  );
  await expectText(
    exporter.getByTestId('insurance-claim-status'),
    zh('insurance.claimStatuses.filed'),
    'in Chinese',
  );
  assert.equal(
    await exporter.getByTestId('insurance-action-accept').count(),
    0,
    'the exporter cannot decide',
  );

  await insurer.goto(`/finance/insurance/${encodeURIComponent(policy.json.id)}`);
  await insurer
    .locator(`[data-testid="insurance-declaration-row"][data-declaration-id="${declaration.id}"]`)
    .getByTestId('insurance-declaration-open')
    .click();
  await insurer.getByTestId('insurance-action-accept').click();
  const accepting = waitForApi(
    insurer,
    'POST',
    /\/finance\/insurance\/declarations\/[^/]+\/claim\/decision$/,
  );
  await insurer.locator('.ant-popconfirm-buttons .ant-btn-primary').last().click();
  const accepted = await accepting;
  assert.equal(accepted.status(), 200, `the claim is accepted and paid: ${await accepted.text()}`);
  assert.ok((await accepted.json()).claim.payoutTransferId, 'the payout went through the ledger');
  await eventually(
    () => insurer.getByTestId('insurance-claim-status').getAttribute('data-status'),
    'paid',
    'the claim is paid',
  );
  await expectCount(
    insurer.locator('[data-testid="insurance-claim-event"][data-kind="paid"]'),
    1,
    'paid event',
  );
  await scope.screenshot(insurer, 'insurance-claim-paid-1280.png');

  const balance = await api(exporter, `/api/orgs/${demo.chen.orgId}/payments/accounts/${exporterAccount.id}`);
  // 500.00 less the premium of 35.11, plus the payout of 7,888.89.
  assert.equal(balance.json.balance, '8353.78', 'the payout reached the account the premium came from');
};
