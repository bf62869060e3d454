import { canonicalize, type JsonValue, sha256Hex } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  call,
  createParty,
  createPaymentsTestHub,
  invariantsOf,
  ledgerSnapshot,
  openAccount,
  type Party,
  type PaymentsTestHub,
  paymentsUrl,
} from './support/payments-test-hub.ts';
import { rememberSecret, testPassword } from './support/test-hub.ts';

// Export credit insurance over HTTP: an insurer issues a policy, approves a buyer limit, the
// exporter declares a shipment (premium through the ledger, to the cent), claims after the waiting
// period with its signed documents as evidence, and the insurer pays out through the ledger. The
// ledger's invariants hold throughout; a refusal leaves the ledger and the tables as they were.

let t: PaymentsTestHub;
let insurer: Party;
let exporter: Party;
let buyer: Party;
let stranger: Party;
let insurerAccount: string;
let exporterAccount: string;
let emptyAccount: string;
let policyId: string;
let limitId: string;
let declarationId: string;

const expectOk = (answer: Answer, status = 200) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};

const url = (party: Party, path: string) => `/api/orgs/${party.organisationId}/finance/insurance${path}`;

const balanceOf = async (party: Party, accountId: string) =>
  expectOk(await call(t.hub, party, 'GET', paymentsUrl(party, `/accounts/${accountId}`))).balance;

const rowCounts = async () => {
  const count = async (table: string) =>
    (await sql<{ n: string }>`select count(*)::text as n from ${sql.raw(table)}`.execute(t.hub.db.kysely))
      .rows[0]?.n;
  return {
    declarations: await count('finance.insurance_declarations'),
    claims: await count('finance.insurance_claims'),
    claimEvents: await count('finance.insurance_claim_events'),
  };
};

/** Moves the hub's clock to `iso` and signs everyone in again: sessions last 12 hours. */
const moveClockTo = async (iso: string) => {
  t.clock.advanceSeconds((new Date(iso).getTime() - t.clock.now().getTime()) / 1000);
  for (const party of [insurer, exporter, stranger]) {
    const login = await t.hub.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: party.email, password: testPassword },
    });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.cookies.find((c) => c.name === 'th_session');
    if (session === undefined) {
      throw new Error('login set no session cookie');
    }
    rememberSecret(session.value);
    party.cookie = `th_session=${session.value}`;
  }
};

const declare = (body: Record<string, unknown>) =>
  call(t.hub, exporter, 'POST', url(exporter, `/policies/${policyId}/declarations`), {
    limitId,
    invoiceNumber: 'INV-2026-001',
    invoiceAmount: { amount: '10030.00', currency: 'EUR' },
    shipmentDate: '2026-11-01',
    dueDate: '2026-12-31',
    accountId: exporterAccount,
    ...body,
  });

const issueDocument = async (
  documentType: string,
  documentNumber: string,
  subject: Record<string, unknown>,
) =>
  String(
    expectOk(
      await call(t.hub, exporter, 'POST', `/api/orgs/${exporter.organisationId}/documents`, {
        documentType,
        documentNumber,
        subject,
      }),
      201,
    ).id,
  );

beforeAll(async () => {
  t = await createPaymentsTestHub();
  insurer = await createParty(t.hub, 'InsSinosure', { kind: 'insurer' });
  exporter = await createParty(t.hub, 'InsExporter', { kind: 'exporter' });
  buyer = await createParty(t.hub, 'InsBuyer', { kind: 'importer' });
  stranger = await createParty(t.hub, 'InsStranger', { kind: 'exporter' });
  const bank = await createParty(t.hub, 'InsBank', { kind: 'bank' });
  const settlement = await openAccount(t.hub, bank, {
    currency: 'EUR',
    code: 'settlement',
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  insurerAccount = await openAccount(t.hub, insurer, { currency: 'EUR', code: 'main' });
  exporterAccount = await openAccount(t.hub, exporter, { currency: 'EUR', code: 'main' });
  emptyAccount = await openAccount(t.hub, exporter, { currency: 'EUR', code: 'empty' });
  for (const [accountId, amount] of [
    [insurerAccount, '10000.00'],
    [exporterAccount, '1000.00'],
  ] as const) {
    expectOk(
      await call(t.hub, bank, 'POST', paymentsUrl(bank, '/transfers'), {
        id: `fund-${accountId}`,
        debitAccountId: settlement,
        creditAccountId: accountId,
        amount,
        currency: 'EUR',
      }),
      201,
    );
  }
});

afterAll(async () => t.close());

describe('export credit insurance', () => {
  it('issues a policy only as an insurer, and shows it to the insurer and the exporter alone', async () => {
    const body = {
      policyNumber: 'SIN-2026-0001',
      exporterOrganisationId: exporter.organisationId,
      currency: 'EUR',
      periodStart: '2026-10-01',
      periodEnd: '2027-09-30',
      premiumRate: '0.0035',
      indemnityPercent: '90',
      waitingPeriodDays: 60,
      maxCreditPeriodDays: 120,
      insurerAccountId: insurerAccount,
    };
    const byExporter = await call(t.hub, exporter, 'POST', url(exporter, '/policies'), body);
    expect(byExporter.status).toBe(403);
    expect(byExporter.body.code).toBe('finance.insurance_not_an_insurer');

    const bad = await call(t.hub, insurer, 'POST', url(insurer, '/policies'), {
      ...body,
      premiumRate: '1.5',
      indemnityPercent: '120',
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]);
    expect(fields).toEqual([
      ['premiumRate', 'finance.insurance_invalid_rate'],
      ['indemnityPercent', 'finance.insurance_invalid_percent'],
    ]);

    const issued = expectOk(await call(t.hub, insurer, 'POST', url(insurer, '/policies'), body), 201);
    policyId = String(issued.id);
    expect(issued).toMatchObject({
      role: 'insurer',
      premiumRate: '0.0035',
      indemnityPercent: '90',
      limits: [],
    });

    const seen = expectOk(await call(t.hub, exporter, 'GET', url(exporter, `/policies/${policyId}`)));
    expect(seen).toMatchObject({ id: policyId, role: 'exporter' });
    const listed = expectOk(await call(t.hub, exporter, 'GET', url(exporter, '/policies')));
    expect((listed.items as { id: string }[]).map((p) => p.id)).toEqual([policyId]);

    const byStranger = await call(t.hub, stranger, 'GET', url(stranger, `/policies/${policyId}`));
    expect(byStranger.status).toBe(404);
    expect(byStranger.body.code).toBe('finance.insurance_policy_not_found');
    // Naming the insurer's organisation in the path does not help a non-member either.
    expect((await call(t.hub, stranger, 'GET', url(insurer, `/policies/${policyId}`))).status).toBe(404);
    expect(expectOk(await call(t.hub, stranger, 'GET', url(stranger, '/policies'))).items).toEqual([]);
  });

  it('lets the exporter apply for a buyer limit and only the insurer decide it, with the history kept', async () => {
    const applied = expectOk(
      await call(t.hub, exporter, 'POST', url(exporter, `/policies/${policyId}/limits`), {
        buyer: { organisationId: buyer.organisationId },
        amount: { amount: '50000.00', currency: 'EUR' },
      }),
      201,
    );
    const [limit] = applied.limits as { id: string; status: string }[];
    limitId = String(limit?.id);
    expect(limit?.status).toBe('requested');

    const again = await call(t.hub, exporter, 'POST', url(exporter, `/policies/${policyId}/limits`), {
      buyer: { organisationId: buyer.organisationId },
      amount: { amount: '1.00', currency: 'EUR' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('finance.insurance_limit_exists');

    // The exporter cannot approve its own limit.
    const selfApproved = await call(
      t.hub,
      exporter,
      'POST',
      url(exporter, `/policies/${policyId}/limits/${limitId}/decision`),
      { action: 'approve', amount: { amount: '50000.00', currency: 'EUR' } },
    );
    expect(selfApproved.status).toBe(403);
    expect(selfApproved.body.code).toBe('finance.insurance_insurer_only');

    const decisionUrl = url(insurer, `/policies/${policyId}/limits/${limitId}/decision`);
    expectOk(
      await call(t.hub, insurer, 'POST', decisionUrl, {
        action: 'approve',
        amount: { amount: '25000.00', currency: 'EUR' },
      }),
    );
    const reduced = expectOk(
      await call(t.hub, insurer, 'POST', decisionUrl, {
        action: 'reduce',
        amount: { amount: '20000.00', currency: 'EUR' },
        reason: 'buyer rating lowered',
      }),
    );
    const decided = (reduced.limits as Record<string, unknown>[])[0];
    expect(decided).toMatchObject({
      status: 'approved',
      requestedAmount: { amount: '50000.00', currency: 'EUR' },
      approvedAmount: { amount: '20000.00', currency: 'EUR' },
    });
    const history = decided?.history as {
      kind: string;
      amount: { amount: string } | null;
      byOrganisationId: string;
    }[];
    expect(history.map((h) => [h.kind, h.amount?.amount ?? null, h.byOrganisationId])).toEqual([
      ['requested', '50000.00', exporter.organisationId],
      ['approved', '25000.00', insurer.organisationId],
      ['reduced', '20000.00', insurer.organisationId],
    ]);
    const notAReduction = await call(t.hub, insurer, 'POST', decisionUrl, {
      action: 'reduce',
      amount: { amount: '30000.00', currency: 'EUR' },
    });
    expect(notAReduction.status).toBe(400);
    expect((notAReduction.body.errors as { code: string }[])[0]?.code).toBe(
      'finance.insurance_not_a_reduction',
    );
  });

  it('charges the premium, rounded half-up to the cent, from the exporter to the insurer', async () => {
    const before = await ledgerSnapshot(t.hub);
    // Outside the policy period, and beyond the maximum credit period: field errors, nothing written.
    const outside = await declare({ shipmentDate: '2026-09-30', dueDate: '2026-10-30' });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([
      expect.objectContaining({ field: 'shipmentDate', code: 'finance.insurance_outside_policy_period' }),
    ]);
    const tooLong = await declare({ dueDate: '2027-03-02' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      expect.objectContaining({ field: 'dueDate', code: 'finance.insurance_credit_period_too_long' }),
    ]);
    // An account without the premium: the ledger refuses, and the declaration is not left behind.
    const unpaid = await declare({ accountId: emptyAccount });
    expect(unpaid.status).toBe(422);
    expect(unpaid.body.code).toBe('payments.exceeds_credit_limit');
    expect(await ledgerSnapshot(t.hub)).toEqual(before);
    expect(await rowCounts()).toMatchObject({ declarations: '0' });

    // 10,030.00 x 0.0035 = 35.105: half-up gives 35.11 (half-even would give 35.10).
    const declared = expectOk(await declare({}), 201);
    declarationId = String(declared.id);
    expect(declared).toMatchObject({
      status: 'active',
      invoiceAmount: { amount: '10030.00', currency: 'EUR' },
      premium: { amount: '35.11', currency: 'EUR' },
      claimableFrom: '2027-03-01',
      claim: null,
    });
    expect(declared.premiumTransferId).toMatch(/^trf_/);
    expect(await balanceOf(exporter, exporterAccount)).toBe('964.89');
    expect(await balanceOf(insurer, insurerAccount)).toBe('10035.11');
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });

    const twice = await declare({});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('finance.insurance_invoice_declared');
  });

  it("refuses a declaration that would take the buyer's exposure over its limit, or with no approved limit", async () => {
    const before = await ledgerSnapshot(t.hub);
    const counts = await rowCounts();
    // 20,000.00 approved, 10,030.00 outstanding: 9,970.00 left.
    const over = await declare({
      invoiceNumber: 'INV-2026-002',
      invoiceAmount: { amount: '9970.01', currency: 'EUR' },
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('finance.insurance_limit_exceeded');
    expect(over.body.detail).toBe(
      "The buyer's outstanding exposure would be 20000.01 EUR, above the limit of 20000.00: 9970.00 is left.",
    );

    const named = expectOk(
      await call(t.hub, exporter, 'POST', url(exporter, `/policies/${policyId}/limits`), {
        buyer: { name: 'Hamburg Imports GmbH', country: 'DE', registrationId: 'HRB 12345' },
        amount: { amount: '5000.00', currency: 'EUR' },
      }),
      201,
    );
    const requested = (named.limits as { id: string; status: string }[]).find(
      (l) => l.status === 'requested',
    );
    const noLimit = await declare({ limitId: requested?.id, invoiceNumber: 'INV-2026-003' });
    expect(noLimit.status).toBe(409);
    expect(noLimit.body.code).toBe('finance.insurance_no_approved_limit');

    expect(await ledgerSnapshot(t.hub)).toEqual(before);
    expect(await rowCounts()).toEqual(counts);
  });

  it('hides declarations from strangers and refuses them a declaration on the policy', async () => {
    const seen = await call(t.hub, stranger, 'GET', url(stranger, `/declarations/${declarationId}`));
    expect(seen.status).toBe(404);
    expect(seen.body.code).toBe('finance.insurance_declaration_not_found');
    const declared = await call(
      t.hub,
      stranger,
      'POST',
      url(stranger, `/policies/${policyId}/declarations`),
      {
        limitId,
        invoiceNumber: 'X-1',
        invoiceAmount: { amount: '1.00', currency: 'EUR' },
        shipmentDate: '2026-11-01',
        dueDate: '2026-11-30',
        accountId: exporterAccount,
      },
    );
    expect(declared.status).toBe(404);
    const claimed = await call(
      t.hub,
      stranger,
      'POST',
      url(stranger, `/declarations/${declarationId}/claim`),
      {
        evidence: [{ role: 'invoice', documentId: 'doc_x' }],
      },
    );
    expect(claimed.status).toBe(404);
  });

  it('refuses a claim before the waiting period has run, then pays an accepted one through the ledger', async () => {
    const invoiceId = await issueDocument('CommercialInvoice', 'INV-2026-001', {
      seller: { name: 'InsExporter Ltd', country: 'CN' },
      buyer: { name: 'InsBuyer Ltd', country: 'CN' },
      currency: 'EUR',
      totalAmount: '10030.00',
    });
    const billId = await issueDocument('BillOfLading', 'BL-2026-001', {
      shipper: 'InsExporter Ltd',
      consignee: 'InsBuyer Ltd',
      portOfLoading: 'CNNGB',
      portOfDischarge: 'DEHAM',
    });
    const orderId = await issueDocument('PurchaseOrder', 'PO-2026-001', { buyer: 'InsBuyer Ltd' });
    await t.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    const evidence = [
      { role: 'invoice', documentId: invoiceId },
      { role: 'bill_of_lading', documentId: billId },
      { role: 'order', documentId: orderId },
    ];
    const claimUrl = url(exporter, `/declarations/${declarationId}/claim`);
    const body = { outstandingAmount: { amount: '8765.43', currency: 'EUR' }, evidence };

    // Due 2026-12-31, 60 days' waiting: claimable from 2027-03-01, not a day before.
    const early = await call(t.hub, exporter, 'POST', claimUrl, body);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('finance.insurance_claim_too_early');
    expect(early.body.detail).toMatch(/can be filed from 2027-03-01\./);
    await moveClockTo('2027-02-28T23:59:00Z');
    const dayBefore = await call(t.hub, exporter, 'POST', claimUrl, body);
    expect(dayBefore.status).toBe(409);
    expect(dayBefore.body.code).toBe('finance.insurance_claim_too_early');
    expect(await rowCounts()).toMatchObject({ claims: '0', claimEvents: '0' });
    await moveClockTo('2027-03-01T00:00:00Z');

    // The evidence must be the exporter's own valid documents, an invoice among them.
    const foreign = await call(t.hub, exporter, 'POST', claimUrl, {
      evidence: [{ role: 'invoice', documentId: 'doc_01JD5Z3K8Q6V2W9XKM4T7B1N0C' }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([
      expect.objectContaining({ field: 'evidence.0.documentId', code: 'finance.evidence_not_valid' }),
    ]);

    const filed = expectOk(await call(t.hub, exporter, 'POST', claimUrl, body), 201);
    expect(filed.status).toBe('claimed');
    const claim = filed.claim as Record<string, unknown>;
    // 8,765.43 x 90 % = 7,888.887: half-up gives 7,888.89.
    expect(claim).toMatchObject({
      status: 'filed',
      outstandingAmount: { amount: '8765.43', currency: 'EUR' },
      payoutAmount: { amount: '7888.89', currency: 'EUR' },
    });
    const bundle = expectOk(
      await call(
        t.hub,
        exporter,
        'GET',
        `/api/orgs/${exporter.organisationId}/documents/${invoiceId}/bundle`,
      ),
    );
    const stored = claim.evidence as {
      role: string;
      documentId: string;
      sha256: string;
      credentialId: string;
    }[];
    expect(stored.map((e) => [e.role, e.documentId])).toEqual(evidence.map((e) => [e.role, e.documentId]));
    expect(stored[0]?.sha256).toBe(sha256Hex(canonicalize(bundle.credential as JsonValue)));
    expect(stored[0]?.credentialId).toBe((bundle.credential as { id: string }).id);

    const refiled = await call(t.hub, exporter, 'POST', claimUrl, body);
    expect(refiled.status).toBe(409);
    expect(refiled.body.code).toBe('finance.insurance_claim_exists');

    const decisionUrl = (party: Party) => url(party, `/declarations/${declarationId}/claim/decision`);
    const byExporter = await call(t.hub, exporter, 'POST', decisionUrl(exporter), { decision: 'accept' });
    expect(byExporter.status).toBe(403);
    expect(byExporter.body.code).toBe('finance.insurance_insurer_only');

    const paid = expectOk(await call(t.hub, insurer, 'POST', decisionUrl(insurer), { decision: 'accept' }));
    const paidClaim = paid.claim as { status: string; payoutTransferId: string; history: { kind: string }[] };
    expect(paidClaim.status).toBe('paid');
    expect(paidClaim.payoutTransferId).toMatch(/^trf_/);
    expect(paidClaim.history.map((h) => h.kind)).toEqual(['filed', 'accepted', 'paid']);
    // 1,000.00 - 35.11 + 7,888.89 and 10,000.00 + 35.11 - 7,888.89.
    expect(await balanceOf(exporter, exporterAccount)).toBe('8853.78');
    expect(await balanceOf(insurer, insurerAccount)).toBe('2146.22');
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });

    const before = await ledgerSnapshot(t.hub);
    const again = await call(t.hub, insurer, 'POST', decisionUrl(insurer), { decision: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('finance.insurance_claim_wrong_state');
    const rejected = await call(t.hub, insurer, 'POST', decisionUrl(insurer), {
      decision: 'reject',
      reason: 'late',
    });
    expect(rejected.status).toBe(409);
    expect(await ledgerSnapshot(t.hub)).toEqual(before);

    // The claim history is append-only in the database itself.
    await expect(
      sql`update finance.insurance_claim_events set kind = 'rejected'`.execute(t.hub.db.kysely),
    ).rejects.toThrow(/append-only/);
  });

  it('leaves a claim filed, with the failure in its history, when the insurer cannot pay', async () => {
    // A second shipment, claimed for, while the insurer's account holds less than the payout.
    const declared = expectOk(
      await declare({
        invoiceNumber: 'INV-2027-010',
        invoiceAmount: { amount: '3000.00', currency: 'EUR' },
        shipmentDate: '2026-11-02',
        dueDate: '2026-11-30',
      }),
      201,
    );
    const id = String(declared.id);
    const invoiceId = await issueDocument('CommercialInvoice', 'INV-2027-010', {
      seller: { name: 'InsExporter Ltd', country: 'CN' },
      buyer: { name: 'InsBuyer Ltd', country: 'CN' },
      currency: 'EUR',
      totalAmount: '3000.00',
    });
    await t.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    expectOk(
      await call(t.hub, exporter, 'POST', url(exporter, `/declarations/${id}/claim`), {
        evidence: [{ role: 'invoice', documentId: invoiceId }],
      }),
      201,
    );
    // The insurer holds 2,146.22 + 10.50 premium; the payout is 2,700.00.
    const before = await ledgerSnapshot(t.hub);
    const refused = await call(t.hub, insurer, 'POST', url(insurer, `/declarations/${id}/claim/decision`), {
      decision: 'accept',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('payments.exceeds_credit_limit');
    expect(await ledgerSnapshot(t.hub)).toEqual(before);
    const after = expectOk(await call(t.hub, exporter, 'GET', url(exporter, `/declarations/${id}`)));
    const claim = after.claim as { status: string; history: { kind: string }[] };
    expect(claim.status).toBe('filed');
    expect(claim.history.map((h) => h.kind)).toEqual(['filed', 'accepted', 'payout_failed']);
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });

    const rejected = expectOk(
      await call(t.hub, insurer, 'POST', url(insurer, `/declarations/${id}/claim/decision`), {
        decision: 'reject',
        reason: 'The buyer disputes the quality of the goods',
      }),
    );
    expect(rejected.claim).toMatchObject({
      status: 'rejected',
      reason: 'The buyer disputes the quality of the goods',
      payoutTransferId: null,
    });
  });
});
