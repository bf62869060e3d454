import { usccCheckCharacter } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerInvariants } from '../src/modules/payments/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Purchase-order financing over HTTP: an exporter asks for financing of an order it sells that
// both parties agreed, read by the hub from the order's agreed version; banks it shares the request
// with offer, it accepts one, the bank registers the purchase order in the duplicate-financing
// registry (its own asset type) and disburses through the ledger, and the exporter repays. An
// order and its invoices are one receivable chain: while one of them is being financed, the
// other is refused.

type Money = { amount: string; currency: string };
type Party4 = { name: string; country: string; companyId: string | null };
type FinancingRequest = {
  id: string;
  status: string;
  role: string;
  subjectKind: string;
  documentId: string | null;
  credentialId: string | null;
  orderId: string | null;
  orderVersion: number | null;
  invoice: { number: string; issueDate: string; seller: Party4; buyer: Party4; amount: Money };
  registryAssetType: string;
  registryInvoice: Record<string, unknown>;
  requestedAmount: Money;
  registrationId: string | null;
  disbursementTransferId: string | null;
  repaymentTransferId: string | null;
  offers: { id: string; bankOrganisationId: string; status: string }[];
  events: { kind: string; detail: Record<string, unknown> }[];
};
type Answer = { status: number; body: Record<string, unknown> };

const sellerUscc = `91330782MA2D7YW01${usccCheckCharacter('91330782MA2D7YW01')}`;

describe('purchase-order financing', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let exporter: Party;
  let otherExporter: Party;
  let buyer: Party;
  let bank1: Party;
  let bank2: Party;
  let stranger: Party;
  const acc = { bank1: '', bank2: '', exporter: '', buyer: '' };
  let orderCount = 0;

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
  const orgUrl = (party: Party, path: string) => `/api/orgs/${party.organisationId}${path}`;
  const requests = (party: Party, path = '') => orgUrl(party, `/finance/requests${path}`);
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
    call(party, 'POST', orgUrl(party, `/payments${path}`), payload);
  const openAccount = async (party: Party, body: object) => {
    const answer = await payments(party, '/accounts', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return String(answer.body.id);
  };
  const balance = async (party: Party, accountId: string) =>
    (await call(party, 'GET', orgUrl(party, `/payments/accounts/${accountId}`))).body.balance;
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

  type OrderStep = 'offered' | 'accepted' | 'in_fulfilment' | 'completed' | 'cancelled';
  const act = async (party: Party, orderId: string, action: string, version: number, note?: string) => {
    const answer = await call(party, 'POST', orgUrl(party, `/orders/${orderId}/actions`), {
      action,
      version,
      ...(note === undefined ? {} : { note }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return Number(answer.body.version);
  };
  /** An order of 2 x 3,450.00 USD from the exporter to the buyer, walked to `until`. */
  const order = async (until: OrderStep = 'accepted') => {
    orderCount += 1;
    const created = await call(exporter, 'POST', orgUrl(exporter, '/orders'), {
      content: {
        buyerReference: `HAM-PO-2026-${String(orderCount).padStart(3, '0')}`,
        currency: 'USD',
        seller: {
          organisationId: exporter.organisationId,
          name: 'Ningbo Toys Co., Ltd.',
          country: 'CN',
          companyId: sellerUscc,
        },
        buyer: { organisationId: buyer.organisationId, name: 'Hamburg Spielwaren GmbH', country: 'DE' },
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
        paymentTerms: 'T/T 60 days after B/L',
        lines: [
          {
            descriptionEn: 'Wooden building blocks, 100 pcs set',
            hsCode: '950300',
            quantity: '2',
            unitCode: 'H87',
            unitPrice: { amount: '3450.00', currency: 'USD' },
          },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const orderId = String(created.body.id);
    let version = await act(exporter, orderId, 'offer', Number(created.body.version));
    if (until === 'offered') {
      return orderId;
    }
    version = await act(buyer, orderId, 'accept', version);
    if (until === 'cancelled') {
      await act(buyer, orderId, 'cancel', version, 'no longer needed');
    } else if (until !== 'accepted') {
      version = await act(exporter, orderId, 'start_fulfilment', version);
      if (until === 'completed') {
        await act(exporter, orderId, 'complete', version);
      }
    }
    return orderId;
  };
  /** The order's commercial invoice, issued by the exporter from the order and anchored. */
  const issueInvoice = async (orderId: string) => {
    const answer = await call(exporter, 'POST', orgUrl(exporter, `/orders/${orderId}/documents`), {
      kind: 'commercial_invoice',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    await ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    return String(answer.body.documentId);
  };

  const requestPo = (orderId: string, amount = '6000.00', party = exporter, currency = 'USD') =>
    call(party, 'POST', requests(party), {
      orderId,
      requestedAmount: { amount, currency },
      tenorDays: 90,
    });
  const requestInvoice = (documentId: string, amount = '6000.00') =>
    call(exporter, 'POST', requests(exporter), {
      documentId,
      requestedAmount: { amount, currency: 'USD' },
      tenorDays: 60,
    });
  const share = (request: FinancingRequest, banks: Party[]) =>
    call(exporter, 'POST', requests(exporter, `/${request.id}/shares`), {
      bankOrganisationIds: banks.map((bank) => bank.organisationId),
    });
  const offer = (bank: Party, request: FinancingRequest, amount = '6000.00') =>
    call(bank, 'POST', requests(bank, `/${request.id}/offers`), {
      amount: { amount, currency: 'USD' },
      rate: '0.08',
      fee: { amount: '50.00', currency: 'USD' },
      expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    });
  const accept = (request: FinancingRequest, offerId: string) =>
    call(exporter, 'POST', requests(exporter, `/${request.id}/accept`), {
      offerId,
      creditAccountId: acc.exporter,
    });
  const disburse = (bank: Party, request: FinancingRequest, debitAccountId: string) =>
    call(bank, 'POST', requests(bank, `/${request.id}/disburse`), { debitAccountId });
  const registry = (bank: Party, path: string, payload: object) =>
    call(bank, 'POST', orgUrl(bank, `/finance/registry${path}`), payload);

  /** A request, shared with bank1 and offered by it: ready for the exporter to accept. */
  const offeredRequest = async (created: FinancingRequest) => {
    ok(await share(created, [bank1]));
    const offered = ok(await offer(bank1, created, created.requestedAmount.amount));
    return { request: offered, offerId: offered.offers[0]?.id ?? '' };
  };
  /** A purchase-order request of a new accepted order, bank1's offer accepted. */
  const acceptedPoRequest = async () => {
    const orderId = await order();
    const { request, offerId } = await offeredRequest(ok(await requestPo(orderId), 201));
    return { orderId, request: ok(await accept(request, offerId)) };
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    exporter = await createParty(ctx.hub, 'PoExporter');
    otherExporter = await createParty(ctx.hub, 'PoOtherExporter');
    buyer = await createParty(ctx.hub, 'PoBuyer', { kind: 'importer' });
    bank1 = await createParty(ctx.hub, 'PoBankOne', { kind: 'bank' });
    bank2 = await createParty(ctx.hub, 'PoBankTwo', { kind: 'bank' });
    stranger = await createParty(ctx.hub, 'PoStranger', { kind: 'bank' });
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
      id: 'po-fund-buyer',
      debitAccountId: acc.bank2,
      creditAccountId: acc.buyer,
      amount: '100000.00',
      currency: 'USD',
    });
    expect(funded.status, JSON.stringify(funded.body)).toBe(201);
  }, 60_000);
  afterAll(async () => ctx?.close());

  it('finances an agreed order from request to repaid, the registry holding it as a purchase order in between', async () => {
    const orderId = await order();
    const orderView = (await call(exporter, 'GET', orgUrl(exporter, `/orders/${orderId}`))).body as {
      version: number;
      content: { buyerReference: string };
      history: { version: number; status: string; at: string }[];
    };
    const agreed = orderView.history.find((entry) => entry.status === 'accepted');
    const created = ok(await requestPo(orderId), 201);
    expect(created).toMatchObject({
      status: 'draft',
      subjectKind: 'purchase_order',
      documentId: null,
      credentialId: null,
      orderId,
      orderVersion: agreed?.version,
      registryAssetType: 'purchase_order',
      invoice: {
        number: orderView.content.buyerReference,
        issueDate: agreed?.at.slice(0, 10),
        seller: { name: 'Ningbo Toys Co., Ltd.', country: 'CN', companyId: sellerUscc },
        buyer: { name: 'Hamburg Spielwaren GmbH', country: 'DE', companyId: null },
        amount: { amount: '6900.00', currency: 'USD' },
      },
      requestedAmount: { amount: '6000.00', currency: 'USD' },
      registryInvoice: {
        seller: { scheme: 'uscc', value: sellerUscc },
        buyer: { scheme: 'registration', country: 'DE' },
        invoiceNumber: orderView.content.buyerReference,
      },
    });
    expect(created.events[0]).toMatchObject({ kind: 'created', detail: { orderId } });

    ok(await share(created, [bank1, bank2]));
    const bankView = ok(await call(bank1, 'GET', requests(bank1, `/${created.id}`)));
    expect(bankView).toMatchObject({ role: 'bank', subjectKind: 'purchase_order', orderId });
    // A bank checks the purchase order before it offers: nobody has financed it.
    const before = await registry(bank1, '/checks', {
      assetType: 'purchase_order',
      invoice: bankView.registryInvoice,
    });
    expect(before.body).toMatchObject({ answer: 'no_match' });
    const offered = ok(await offer(bank1, created));
    ok(await offer(bank2, created, '5000.00'));
    const accepted = ok(await accept(created, offered.offers[0]?.id ?? ''));
    expect(accepted.status).toBe('accepted');
    // A second request of the same order cannot be made while this one is in progress.
    refused(await requestPo(orderId), 409, 'finance.order_already_financed');

    const disbursed = ok(await disburse(bank1, created, acc.bank1));
    expect(disbursed.status).toBe('disbursed');
    expect(await balance(exporter, acc.exporter)).toBe('5950.00');
    expect(await balance(bank1, acc.bank1)).toBe('-5950.00');
    await expectInvariants();
    const registration = await call(
      bank1,
      'GET',
      orgUrl(bank1, `/finance/registry/registrations/${disbursed.registrationId}`),
    );
    expect(registration.body).toMatchObject({
      assetType: 'purchase_order',
      status: 'active',
      reference: created.id,
      faceAmount: { amount: '6900.00', currency: 'USD' },
      financedAmount: { amount: '6000.00', currency: 'USD' },
    });
    // Another bank learns the purchase order is financed; the same fields asked about as an
    // invoice match nothing, since an asset type's fingerprints never meet another's.
    const asPo = await registry(bank2, '/checks', {
      assetType: 'purchase_order',
      invoice: disbursed.registryInvoice,
    });
    expect(asPo.body).toMatchObject({ answer: 'exact_match', risk: 'high' });
    const asInvoice = await registry(bank2, '/checks', { invoice: disbursed.registryInvoice });
    expect(asInvoice.body).toMatchObject({ answer: 'no_match' });
    refused(
      await registry(bank2, '/registrations', {
        assetType: 'purchase_order',
        invoice: disbursed.registryInvoice,
        financedAmount: { amount: '100.00', currency: 'USD' },
      }),
      409,
      'finance.already_financed',
    );

    // The goods are invoiced: the invoice of a PO-financed order is refused until the PO is repaid.
    const invoiceId = await issueInvoice(orderId);
    const invoiceRefused = refused(await requestInvoice(invoiceId), 409, 'finance.order_already_financed');
    expect(invoiceRefused.orderId).toBe(orderId);

    // The buyer pays the order into the exporter's account; the exporter repays the bank from it.
    const buyerPays = await payments(buyer, '/transfers', {
      id: `po-pay-${orderId}`,
      debitAccountId: acc.buyer,
      creditAccountId: acc.exporter,
      amount: '6900.00',
      currency: 'USD',
      reference: orderView.content.buyerReference,
    });
    expect(buyerPays.status, JSON.stringify(buyerPays.body)).toBe(201);
    const repaid = ok(
      await call(exporter, 'POST', requests(exporter, `/${created.id}/repay`), {
        debitAccountId: acc.exporter,
      }),
    );
    expect(repaid.status).toBe('repaid');
    // 5,950.00 + 6,900.00 - 6,120.00 (6,000.00 at 8 % for 90 days on ACT/360).
    expect(await balance(exporter, acc.exporter)).toBe('6730.00');
    expect(await balance(bank1, acc.bank1)).toBe('170.00');
    await expectInvariants();
    const released = await call(
      bank1,
      'GET',
      orgUrl(bank1, `/finance/registry/registrations/${disbursed.registrationId}`),
    );
    expect(released.body).toMatchObject({ status: 'released' });
    const after = await registry(bank2, '/checks', {
      assetType: 'purchase_order',
      invoice: disbursed.registryInvoice,
    });
    expect(after.body).toMatchObject({ answer: 'no_match' });
    expect(
      ok(await call(exporter, 'GET', requests(exporter, `/${created.id}`))).events.map((e) => e.kind),
    ).toEqual(['created', 'shared', 'offered', 'offered', 'accepted', 'disbursed', 'repaid']);

    // Repaid: the invoice may now be financed, and the request names its order.
    const invoiceRequest = ok(await requestInvoice(invoiceId), 201);
    expect(invoiceRequest).toMatchObject({
      subjectKind: 'invoice',
      documentId: invoiceId,
      orderId,
      orderVersion: null,
      registryAssetType: 'invoice',
      invoice: { amount: { amount: '6900.00', currency: 'USD' } },
    });
  });

  it('refuses a purchase order that is not the requester’s as seller, not agreed, cancelled or completed, with the reason', async () => {
    const orderId = await order();
    // Another exporter, the buyer itself and an id that does not exist: one answer.
    const others = refused(await requestPo(orderId, '100.00', otherExporter), 404, 'finance.order_not_found');
    const asBuyer = refused(await requestPo(orderId, '100.00', buyer), 404, 'finance.order_not_found');
    const none = refused(await requestPo('ord_does_not_exist'), 404, 'finance.order_not_found');
    expect([others.title, asBuyer.title]).toEqual([none.title, none.title]);
    // A bank the order is shared with sees the order, but it is not its receivable.
    const shared = await call(exporter, 'POST', orgUrl(exporter, `/orders/${orderId}/shares`), {
      organisationId: stranger.organisationId,
      role: 'bank',
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    refused(await requestPo(orderId, '100.00', stranger), 404, 'finance.order_not_found');

    for (const [step, status] of [
      ['offered', 'offered'],
      ['cancelled', 'cancelled'],
      ['completed', 'completed'],
    ] as const) {
      const notFinanceable = refused(
        await requestPo(await order(step)),
        409,
        'finance.order_not_financeable',
      );
      expect(notFinanceable.orderStatus).toBe(status);
      expect(String(notFinanceable.detail)).toContain(`is ${status}`);
    }
    // In fulfilment is still before shipment: financeable.
    const fulfilling = ok(await requestPo(await order('in_fulfilment')), 201);
    expect(fulfilling.subjectKind).toBe('purchase_order');

    const tooMuch = refused(await requestPo(orderId, '6900.01'), 400, 'http.validation_failed');
    expect(tooMuch.errors).toEqual([
      expect.objectContaining({ field: 'requestedAmount.amount', code: 'finance.requested_exceeds_order' }),
    ]);
    const otherCurrency = refused(
      await requestPo(orderId, '100.00', exporter, 'EUR'),
      400,
      'http.validation_failed',
    );
    expect(otherCurrency.errors).toEqual([
      expect.objectContaining({ field: 'requestedAmount.currency', code: 'finance.currency_mismatch' }),
    ]);
    const both = refused(
      await call(exporter, 'POST', requests(exporter), {
        orderId,
        documentId: 'doc_x',
        requestedAmount: { amount: '1.00', currency: 'USD' },
        tenorDays: 30,
      }),
      400,
      'http.validation_failed',
    );
    expect(both.errors).toEqual([expect.objectContaining({ field: 'orderId', code: 'finance.one_subject' })]);
    const neither = refused(
      await call(exporter, 'POST', requests(exporter), {
        requestedAmount: { amount: '1.00', currency: 'USD' },
        tenorDays: 30,
      }),
      400,
      'http.validation_failed',
    );
    expect(neither.errors).toEqual([
      expect.objectContaining({ field: 'documentId', code: 'finance.one_subject' }),
    ]);
    // Nothing of the refused requests was written.
    const rows = await sql<{ n: string }>`
      select count(*)::text as n from finance.financing_requests where order_id = ${orderId}`.execute(
      ctx.hub.db.kysely,
    );
    expect(rows.rows[0]?.n).toBe('0');
  });

  it('lets exactly one of two banks have the purchase order when one disburses as the other registers it', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { request } = await acceptedPoRequest();
      const before = await ledger();
      // Bank 2 financed the same purchase order off this request and registers it at the same moment.
      const [disbursed, registered] = await Promise.all([
        disburse(bank1, request, acc.bank1),
        registry(bank2, '/registrations', {
          assetType: 'purchase_order',
          invoice: request.registryInvoice,
          financedAmount: { amount: '5000.00', currency: 'USD' },
        }),
      ]);
      expect([200, 409], JSON.stringify(disbursed.body)).toContain(disbursed.status);
      expect([201, 409], JSON.stringify(registered.body)).toContain(registered.status);
      expect([disbursed.status === 200, registered.status === 201].filter(Boolean)).toHaveLength(1);
      if (disbursed.status === 409) {
        expect(disbursed.body.code).toBe('finance.already_financed');
        // The loser moved nothing.
        expect(await ledger()).toEqual(before);
        expect(ok(await call(bank1, 'GET', requests(bank1, `/${request.id}`))).status).toBe('accepted');
      } else {
        expect(registered.body.code).toBe('finance.already_financed');
        expect(ok(disbursed).status).toBe('disbursed');
      }
      // The registry holds the purchase order once: bank 1's registration or bank 2's.
      const bank1Holds = await sql<{ n: string }>`
        select count(*)::text as n from finance.financing_registrations
        where reference = ${request.id} and status = 'active' and fp_type = 'exact'`.execute(
        ctx.hub.db.kysely,
      );
      expect(Number(bank1Holds.rows[0]?.n) + (registered.status === 201 ? 1 : 0)).toBe(1);
      await expectInvariants();
    }
  });

  it('disburses nothing against a purchase order cancelled since its financing was accepted', async () => {
    const { orderId, request } = await acceptedPoRequest();
    const current = (await call(buyer, 'GET', orgUrl(buyer, `/orders/${orderId}`))).body;
    await act(buyer, orderId, 'cancel', Number(current.version), 'the buyer withdrew');
    const before = await ledger();
    const answer = refused(await disburse(bank1, request, acc.bank1), 409, 'finance.order_not_financeable');
    expect(answer).toMatchObject({ orderStatus: 'cancelled', orderId });
    expect(await ledger()).toEqual(before);
    const registrations = await call(bank1, 'GET', orgUrl(bank1, '/finance/registry/registrations'));
    expect((registrations.body.items as { reference: string }[]).map((r) => r.reference)).not.toContain(
      request.id,
    );
    expect(ok(await call(bank1, 'GET', requests(bank1, `/${request.id}`))).status).toBe('accepted');
  });

  it('keeps each kind of subject complete in the database itself', async () => {
    const created = ok(await requestPo(await order()), 201);
    const [row] = (
      await sql<Record<string, unknown>>`
        select * from finance.financing_requests where id = ${created.id}`.execute(ctx.hub.db.kysely)
    ).rows;
    expect(row).toBeDefined();
    let copies = 0;
    const copy = async (change: Record<string, unknown>) => {
      copies += 1;
      // The draft has no offer, account or transfer yet, so only the subject differs.
      const values: Record<string, unknown> = { ...row, id: `fin_copy_${copies}`, ...change };
      return ctx.hub.db.kysely
        .withTables<{ 'finance.financing_requests': Record<string, unknown> }>()
        .insertInto('finance.financing_requests')
        .values(values)
        .execute()
        .then(
          () => 'inserted',
          (error: unknown) => String((error as { code?: unknown }).code),
        );
    };
    // A purchase order without its order or agreed version, or with a document: refused (23514).
    expect(await copy({ order_id: null })).toBe('23514');
    expect(await copy({ order_version: null })).toBe('23514');
    expect(await copy({ document_id: 'doc_x', credential_id: 'urn:x' })).toBe('23514');
    // An invoice without its document or credential, or with an agreed order version: refused.
    expect(await copy({ subject_kind: 'invoice', order_version: null })).toBe('23514');
    expect(await copy({ subject_kind: 'invoice', document_id: 'doc_x', credential_id: 'urn:x' })).toBe(
      '23514',
    );
    expect(
      await copy({
        subject_kind: 'invoice',
        document_id: 'doc_x',
        credential_id: 'urn:x',
        order_version: null,
      }),
    ).toBe('inserted');
  });

  it('accepts only one of two requests of the same order accepted at once', async () => {
    const orderId = await order();
    const first = await offeredRequest(ok(await requestPo(orderId, '3000.00'), 201));
    const second = await offeredRequest(ok(await requestPo(orderId, '4000.00'), 201));
    const answers = await Promise.all([
      accept(first.request, first.offerId),
      accept(second.request, second.offerId),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('finance.order_already_financed');
  });

  it('refuses a purchase order whose invoice is being financed, and an invoice request whose order was financed since', async () => {
    // The invoice first: while it is being financed, its order cannot be financed as a PO.
    const invoicedOrder = await order();
    const invoiceId = await issueInvoice(invoicedOrder);
    const invoiceRequest = await offeredRequest(ok(await requestInvoice(invoiceId), 201));
    expect(invoiceRequest.request.orderId).toBe(invoicedOrder);
    ok(await accept(invoiceRequest.request, invoiceRequest.offerId));
    refused(await requestPo(invoicedOrder), 409, 'finance.order_already_financed');

    // An invoice request made before the PO financing was accepted cannot be accepted after it.
    const orderId = await order();
    const laterInvoice = await issueInvoice(orderId);
    const early = await offeredRequest(ok(await requestInvoice(laterInvoice), 201));
    const po = await offeredRequest(ok(await requestPo(orderId), 201));
    ok(await accept(po.request, po.offerId));
    refused(await accept(early.request, early.offerId), 409, 'finance.order_already_financed');
    expect(ok(await call(exporter, 'GET', requests(exporter, `/${early.request.id}`))).status).toBe(
      'offered',
    );
  });

  it('shows a purchase-order request to the exporter and the banks it shared it with only', async () => {
    const { request, orderId } = await acceptedPoRequest();
    for (const party of [otherExporter, stranger, buyer, bank2]) {
      refused(await call(party, 'GET', requests(party, `/${request.id}`)), 404, 'finance.request_not_found');
      const listed = (await call(party, 'GET', requests(party))).body.items as FinancingRequest[];
      expect(listed.map((r) => r.id)).not.toContain(request.id);
      // Under the exporter's path: not a member, 404.
      expect((await call(party, 'GET', requests(exporter, `/${request.id}`))).status).toBe(404);
    }
    // Every step of the request, under their own organisation: as if it did not exist.
    const steps: [string, object | undefined][] = [
      ['shares', { bankOrganisationIds: [stranger.organisationId] }],
      [
        'offers',
        {
          amount: { amount: '1.00', currency: 'USD' },
          rate: '0.01',
          fee: { amount: '0.00', currency: 'USD' },
          expiresAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
        },
      ],
      ['accept', { offerId: request.offers[0]?.id ?? 'fof_x', creditAccountId: acc.bank2 }],
      ['disburse', { debitAccountId: acc.bank2 }],
      ['repay', { debitAccountId: acc.bank2 }],
      ['withdraw', undefined],
    ];
    for (const party of [otherExporter, stranger, buyer]) {
      for (const [step, body] of steps) {
        refused(
          await call(party, 'POST', requests(party, `/${request.id}/${step}`), body),
          404,
          'finance.request_not_found',
        );
      }
    }
    expect(ok(await call(exporter, 'GET', requests(exporter, `/${request.id}`))).status).toBe('accepted');
    // The bank it was shared with sees it, and the order id, but not what others were asked.
    const bankView = ok(await call(bank1, 'GET', requests(bank1, `/${request.id}`)));
    expect(bankView).toMatchObject({ orderId, sharedWith: [bank1.organisationId] });
  });
});
