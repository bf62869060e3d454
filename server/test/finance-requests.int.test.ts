import { usccCheckCharacter } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerInvariants } from '../src/modules/payments/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Trade finance on verified invoices over HTTP: an exporter asks for financing of a commercial
// invoice it issued, banks it shared the request with offer terms, it accepts one, the bank
// registers the invoice in the duplicate-financing registry and disburses through the ledger, and
// the exporter repays from the buyer's payment. Every amount is checked to the cent.

type Money = { amount: string; currency: string };
type Offer = {
  id: string;
  bankOrganisationId: string;
  status: string;
  disbursement: Money;
  repayment: Money;
};
type FinancingRequest = {
  id: string;
  status: string;
  role: string;
  invoice: { number: string; issueDate: string; amount: Money };
  registryInvoice: Record<string, unknown>;
  requestedAmount: Money;
  sharedWith: string[];
  acceptedOfferId: string | null;
  exporterAccountId: string | null;
  registrationId: string | null;
  disbursementTransferId: string | null;
  repaymentTransferId: string | null;
  offers: Offer[];
  events: { kind: string; organisationId: string }[];
};
type Answer = { status: number; body: Record<string, unknown> };

const sellerId = `91330782MA2D7YW01${usccCheckCharacter('91330782MA2D7YW01')}`;

const invoiceSubject = (total: string) => ({
  issueDate: '2026-11-20',
  orderRef: 'PO-OSK-2026-017',
  seller: { name: 'Yiwu Small Commodities Import & Export Co., Ltd.', country: 'CN', companyId: sellerId },
  buyer: { name: 'Osaka Zakka Trading K.K.', country: 'JP' },
  currency: 'USD',
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' }, version: '2020' },
  lines: [
    {
      lineNumber: 1,
      description: 'Wooden building blocks, 100 pcs set',
      hsCode: '9503007000',
      quantity: { value: '1', unitCode: 'SET' },
      unitPrice: { amount: total, currency: 'USD' },
      lineTotal: { amount: total, currency: 'USD' },
    },
  ],
  total: { amount: total, currency: 'USD' },
  paymentTerms: 'T/T 90 days after B/L',
});

describe('financing requests', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let exporter: Party;
  let otherExporter: Party;
  let buyer: Party;
  let bank1: Party;
  let bank2: Party;
  let stranger: Party;
  const acc = { bank1: '', bank2: '', exporter: '', buyer: '' };
  let invoiceCount = 0;

  const call = async (
    party: Party,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ): Promise<Answer> => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  const requests = (party: Party, path = '') => `/api/orgs/${party.organisationId}/finance/requests${path}`;
  const ok = (answer: Answer, status = 200) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    return answer.body as unknown as FinancingRequest;
  };
  const refused = (answer: Answer, status: number, code: string) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.code).toBe(code);
    return answer.body;
  };
  const payments = (party: Party, path: string, payload: object) =>
    call(party, 'POST', `/api/orgs/${party.organisationId}/payments${path}`, payload);
  const openAccount = async (party: Party, body: object) => {
    const answer = await payments(party, '/accounts', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return String(answer.body.id);
  };
  const balance = async (party: Party, accountId: string) =>
    (await call(party, 'GET', `/api/orgs/${party.organisationId}/payments/accounts/${accountId}`)).body
      .balance;
  const ledger = async () => {
    const accounts = await sql<{ id: string; dq: string; cq: string }>`
      select id, debits_posted as dq, credits_posted as cq from payments.accounts order by id`.execute(
      ctx.hub.db.kysely,
    );
    const transfers = await sql<{ n: string }>`select count(*)::text as n from payments.transfers`.execute(
      ctx.hub.db.kysely,
    );
    return { accounts: accounts.rows, transfers: transfers.rows[0]?.n };
  };
  const expectInvariants = async () => {
    const invariants = await ledgerInvariants(ctx.hub.db.kysely);
    expect(
      invariants.ok,
      JSON.stringify(invariants, (_k, v) => (typeof v === 'bigint' ? `${v}` : v)),
    ).toBe(true);
  };

  /** Issues a document as `party` and waits for the log to anchor it, so its bundle exists. */
  const issue = async (party: Party, documentType: string, subject: object) => {
    invoiceCount += 1;
    const answer = await call(party, 'POST', `/api/orgs/${party.organisationId}/documents`, {
      documentType,
      documentNumber: `CI-2026-${String(invoiceCount).padStart(4, '0')}`,
      subject,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    await ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    return String(answer.body.id);
  };
  const issueInvoice = (total = '6900.00') => issue(exporter, 'CommercialInvoice', invoiceSubject(total));

  const createRequest = (documentId: string, amount = '6000.00', party = exporter) =>
    call(party, 'POST', requests(party), {
      documentId,
      requestedAmount: { amount, currency: 'USD' },
      tenorDays: 90,
    });
  const share = (request: FinancingRequest, banks: Party[]) =>
    call(exporter, 'POST', requests(exporter, `/${request.id}/shares`), {
      bankOrganisationIds: banks.map((bank) => bank.organisationId),
    });
  const offer = (bank: Party, request: FinancingRequest, amount: string, rate: string, fee: string) =>
    call(bank, 'POST', requests(bank, `/${request.id}/offers`), {
      amount: { amount, currency: 'USD' },
      rate,
      fee: { amount: fee, currency: 'USD' },
      expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    });
  const accept = (request: FinancingRequest, offerId: string) =>
    call(exporter, 'POST', requests(exporter, `/${request.id}/accept`), {
      offerId,
      creditAccountId: acc.exporter,
    });
  const disburse = (bank: Party, request: FinancingRequest, debitAccountId: string) =>
    call(bank, 'POST', requests(bank, `/${request.id}/disburse`), { debitAccountId });

  /** A request shared with bank1, bank1's offer accepted: ready to disburse. */
  const acceptedRequest = async (banks: Party[] = [bank1]) => {
    const created = ok(await createRequest(await issueInvoice()), 201);
    ok(await share(created, banks));
    const offered = ok(await offer(bank1, created, '6000.00', '0.08', '50.00'));
    const offerId = offered.offers[0]?.id ?? '';
    return ok(await accept(created, offerId));
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    exporter = await createParty(ctx.hub, 'Exporter');
    otherExporter = await createParty(ctx.hub, 'OtherExporter');
    buyer = await createParty(ctx.hub, 'Buyer', { kind: 'importer' });
    bank1 = await createParty(ctx.hub, 'BankOne', { kind: 'bank' });
    bank2 = await createParty(ctx.hub, 'BankTwo', { kind: 'bank' });
    stranger = await createParty(ctx.hub, 'Stranger', { kind: 'bank' });
    // The banks' settlement accounts mirror money held outside the hub: they may go below zero.
    const settlement = {
      currency: 'USD',
      code: 'settlement',
      kind: 'settlement',
      debitsMustNotExceedCredits: false,
    };
    acc.bank1 = await openAccount(bank1, settlement);
    acc.bank2 = await openAccount(bank2, settlement);
    acc.exporter = await openAccount(exporter, { currency: 'USD', code: 'main' });
    acc.buyer = await openAccount(buyer, { currency: 'USD', code: 'main' });
    const funded = await payments(bank2, '/transfers', {
      id: 'fund-buyer',
      debitAccountId: acc.bank2,
      creditAccountId: acc.buyer,
      amount: '100000.00',
      currency: 'USD',
    });
    expect(funded.status, JSON.stringify(funded.body)).toBe(201);
  }, 60_000);
  afterAll(async () => ctx?.close());

  it('goes from request to repaid with exact amounts, the registry holding the invoice in between', async () => {
    const documentId = await issueInvoice();
    const created = ok(await createRequest(documentId), 201);
    expect(created).toMatchObject({
      status: 'draft',
      role: 'exporter',
      invoice: { issueDate: '2026-11-20', amount: { amount: '6900.00', currency: 'USD' } },
      requestedAmount: { amount: '6000.00', currency: 'USD' },
      registryInvoice: {
        seller: { scheme: 'uscc', value: sellerId },
        buyer: { scheme: 'registration', country: 'JP' },
      },
    });
    // Not shared yet: no bank sees it.
    refused(await call(bank1, 'GET', requests(bank1, `/${created.id}`)), 404, 'finance.request_not_found');

    const shared = ok(await share(created, [bank1, bank2]));
    expect(shared.status).toBe('open');
    expect(shared.sharedWith.sort()).toEqual([bank1.organisationId, bank2.organisationId].sort());
    const listed = (await call(bank1, 'GET', requests(bank1))).body.items as FinancingRequest[];
    expect(listed.map((r) => r.id)).toContain(created.id);
    expect(listed.find((r) => r.id === created.id)).toMatchObject({
      role: 'bank',
      sharedWith: [bank1.organisationId],
    });

    // 6,000.00 at 8 % for 90 days (ACT/360): interest 120.00; fee 50.00.
    const first = ok(await offer(bank1, created, '6000.00', '0.08', '50.00'));
    expect(first.status).toBe('offered');
    expect(first.offers).toHaveLength(1);
    expect(first.offers[0]).toMatchObject({
      disbursement: { amount: '5950.00', currency: 'USD' },
      repayment: { amount: '6120.00', currency: 'USD' },
      status: 'open',
    });
    ok(await offer(bank2, created, '5500.00', '0.07', '0.00'));
    // A bank sees its own offer only; the exporter sees both.
    const bank2View = ok(await call(bank2, 'GET', requests(bank2, `/${created.id}`)));
    expect(bank2View.offers.map((o) => o.bankOrganisationId)).toEqual([bank2.organisationId]);
    expect(bank2View.exporterAccountId).toBeNull();
    const exporterView = ok(await call(exporter, 'GET', requests(exporter, `/${created.id}`)));
    expect(exporterView.offers.map((o) => o.bankOrganisationId)).toEqual([
      bank1.organisationId,
      bank2.organisationId,
    ]);

    const bank1Offer = first.offers[0]?.id ?? '';
    // The bank cannot accept, nor the exporter offer.
    refused(
      await call(bank1, 'POST', requests(bank1, `/${created.id}/accept`), {
        offerId: bank1Offer,
        creditAccountId: acc.bank1,
      }),
      403,
      'finance.exporter_only',
    );
    refused(await offer(exporter, created, '1.00', '0.01', '0.00'), 403, 'finance.bank_only');

    const accepted = ok(await accept(created, bank1Offer));
    expect(accepted.status).toBe('accepted');
    expect(accepted.offers.map((o) => [o.bankOrganisationId, o.status])).toEqual([
      [bank1.organisationId, 'accepted'],
      [bank2.organisationId, 'lapsed'],
    ]);
    // Only the bank whose offer was accepted disburses.
    refused(await disburse(bank2, created, acc.bank2), 403, 'finance.not_the_financier');

    const disbursed = ok(await disburse(bank1, created, acc.bank1));
    expect(disbursed.status).toBe('disbursed');
    expect(disbursed.registrationId).toMatch(/^frg_/);
    expect(await balance(exporter, acc.exporter)).toBe('5950.00');
    expect(await balance(bank1, acc.bank1)).toBe('-5950.00');
    const transfer = await call(
      bank1,
      'GET',
      `/api/orgs/${bank1.organisationId}/payments/transfers/${disbursed.disbursementTransferId}`,
    );
    expect(transfer.body).toMatchObject({ amount: '5950.00', currency: 'USD', reference: created.id });
    await expectInvariants();

    // Another bank asking the registry about this invoice learns it is financed.
    const check = await call(bank2, 'POST', `/api/orgs/${bank2.organisationId}/finance/registry/checks`, {
      invoice: disbursed.registryInvoice,
    });
    expect(check.body).toMatchObject({ answer: 'exact_match', risk: 'high' });
    // And the exporter cannot start another financing of it.
    refused(await createRequest(documentId), 409, 'finance.invoice_already_financed');

    // The buyer pays the invoice into the exporter's account; the exporter repays from it.
    const buyerPays = await payments(buyer, '/transfers', {
      id: 'pay-invoice',
      debitAccountId: acc.buyer,
      creditAccountId: acc.exporter,
      amount: '6900.00',
      currency: 'USD',
      reference: created.invoice.number,
    });
    expect(buyerPays.status, JSON.stringify(buyerPays.body)).toBe(201);
    refused(
      await call(bank1, 'POST', requests(bank1, `/${created.id}/repay`), { debitAccountId: acc.bank1 }),
      403,
      'finance.exporter_only',
    );
    const repaid = ok(
      await call(exporter, 'POST', requests(exporter, `/${created.id}/repay`), {
        debitAccountId: acc.exporter,
      }),
    );
    expect(repaid.status).toBe('repaid');
    // 5,950.00 disbursed + 6,900.00 from the buyer - 6,120.00 repaid.
    expect(await balance(exporter, acc.exporter)).toBe('6730.00');
    // The bank's net: 6,120.00 - 5,950.00 = 170.00 (120.00 interest + 50.00 fee).
    expect(await balance(bank1, acc.bank1)).toBe('170.00');
    await expectInvariants();
    const registration = await call(
      bank1,
      'GET',
      `/api/orgs/${bank1.organisationId}/finance/registry/registrations/${disbursed.registrationId}`,
    );
    expect(registration.body).toMatchObject({ status: 'released', reference: created.id });
    const recheck = await call(bank2, 'POST', `/api/orgs/${bank2.organisationId}/finance/registry/checks`, {
      invoice: disbursed.registryInvoice,
    });
    expect(recheck.body).toMatchObject({ answer: 'no_match' });
    const final = ok(await call(exporter, 'GET', requests(exporter, `/${created.id}`)));
    expect(final.events.map((e) => e.kind)).toEqual([
      'created',
      'shared',
      'offered',
      'offered',
      'accepted',
      'disbursed',
      'repaid',
    ]);
    // The bank sees its own steps only, not the other bank's offer.
    const bankFinal = ok(await call(bank1, 'GET', requests(bank1, `/${created.id}`)));
    expect(bankFinal.events.map((e) => e.kind)).toEqual(['offered', 'disbursed']);
    expect(bankFinal.repaymentTransferId).toBe(final.repaymentTransferId);
  });

  it('refuses the disbursement when another financier holds the invoice in the registry, moving nothing', async () => {
    const request = await acceptedRequest([bank1, bank2]);
    // Bank 2 financed the same invoice outside this request and registered it.
    const held = await call(
      bank2,
      'POST',
      `/api/orgs/${bank2.organisationId}/finance/registry/registrations`,
      {
        invoice: request.registryInvoice,
        financedAmount: { amount: '5000.00', currency: 'USD' },
      },
    );
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const before = await ledger();
    refused(await disburse(bank1, request, acc.bank1), 409, 'finance.already_financed');
    expect(await ledger()).toEqual(before);
    const after = ok(await call(bank1, 'GET', requests(bank1, `/${request.id}`)));
    expect(after.status).toBe('accepted');
    expect(after.events.map((e) => e.kind)).toEqual(['offered', 'disbursement_refused']);
    await expectInvariants();
  });

  it('releases the registration when the ledger transfer fails, so the bank can disburse again', async () => {
    const request = await acceptedRequest();
    const before = await ledger();
    refused(await disburse(bank1, request, 'acc_does_not_exist'), 404, 'payments.account_not_found');
    expect(await ledger()).toEqual(before);
    const registrations = await call(
      bank1,
      'GET',
      `/api/orgs/${bank1.organisationId}/finance/registry/registrations?status=active`,
    );
    const active = registrations.body.items as { reference: string }[];
    expect(active.map((r) => r.reference)).not.toContain(request.id);
    expect(ok(await call(bank1, 'GET', requests(bank1, `/${request.id}`))).status).toBe('accepted');
    const exporterBefore = await balance(exporter, acc.exporter);
    const disbursed = ok(await disburse(bank1, request, acc.bank1));
    expect(disbursed.status).toBe('disbursed');
    expect(Number(await balance(exporter, acc.exporter)) - Number(exporterBefore)).toBeCloseTo(5950, 2);
    await expectInvariants();
  });

  it('refuses a request for a revoked invoice, for one that is not the requester’s, and for a document that is no invoice', async () => {
    const revokedId = await issueInvoice();
    const revoke = await call(
      exporter,
      'POST',
      `/api/orgs/${exporter.organisationId}/documents/${revokedId}/revoke`,
      {
        reason: 'issued in error',
      },
    );
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
    const revoked = refused(await createRequest(revokedId), 409, 'finance.invoice_not_active');
    expect(String(revoked.detail)).toContain('is revoked');

    const othersId = await issueInvoice();
    refused(await createRequest(othersId, '6000.00', otherExporter), 404, 'finance.invoice_not_found');

    const billId = await issue(exporter, 'BillOfLading', {
      shipper: 'Exporter',
      consignee: 'TO ORDER',
      portOfLoading: 'CNNGB',
      portOfDischarge: 'JPOSA',
    });
    refused(await createRequest(billId), 422, 'finance.not_an_invoice');

    const tooMuch = refused(await createRequest(othersId, '6900.01'), 400, 'http.validation_failed');
    expect(tooMuch.errors).toEqual([
      expect.objectContaining({ field: 'requestedAmount.amount', code: 'finance.requested_exceeds_invoice' }),
    ]);
  });

  it('answers 404 to a stranger, and shares with banks only', async () => {
    const created = ok(await createRequest(await issueInvoice()), 201);
    ok(await share(created, [bank1]));
    refused(
      await call(stranger, 'GET', requests(stranger, `/${created.id}`)),
      404,
      'finance.request_not_found',
    );
    refused(await offer(stranger, created, '1000.00', '0.05', '0.00'), 404, 'finance.request_not_found');
    refused(
      await call(stranger, 'POST', requests(stranger, `/${created.id}/disburse`), {
        debitAccountId: acc.bank1,
      }),
      404,
      'finance.request_not_found',
    );
    const strangerList = (await call(stranger, 'GET', requests(stranger))).body.items as FinancingRequest[];
    expect(strangerList.map((r) => r.id)).not.toContain(created.id);
    // Another organisation's path: not a member, 404.
    expect((await call(stranger, 'GET', requests(exporter, `/${created.id}`))).status).toBe(404);

    const notABank = refused(await share(created, [otherExporter]), 400, 'http.validation_failed');
    expect(notABank.errors).toEqual([expect.objectContaining({ code: 'finance.not_a_bank' })]);

    const withdrawn = ok(await call(exporter, 'POST', requests(exporter, `/${created.id}/withdraw`)));
    expect(withdrawn.status).toBe('withdrawn');
    refused(await offer(bank1, created, '1000.00', '0.05', '0.00'), 409, 'finance.request_wrong_state');
  });
});
