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

// Order escrow over HTTP: the buyer funds an agreed order, and the money moves only on the
// escrow's trigger, by whom its terms allow, exactly once; the ledger's invariants hold after
// every scenario and a refusal leaves the ledger and the escrow tables as they were.

let t: PaymentsTestHub;
let bank: Party;
let buyer: Party;
let seller: Party;
let carrier: Party;
let mediator: Party;
let stranger: Party;
let buyerAccount: string;
let sellerAccount: string;
let bankSettlement: string;
let orderCount = 0;

const expectOk = (answer: Answer, status = 200) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};

const balanceOf = async (party: Party, accountId: string) => {
  const body = expectOk(await call(t.hub, party, 'GET', paymentsUrl(party, `/accounts/${accountId}`)));
  return { balance: body.balance, available: body.available };
};

const escrowUrl = (party: Party, orderId: string, path = '') =>
  `/api/orgs/${party.organisationId}/orders/${orderId}/escrow${path}`;

const escrowRows = async () => {
  const { sql } = await import('kysely');
  const escrows = await sql<{ n: string }>`select count(*)::text as n from payments.escrows`.execute(
    t.hub.db.kysely,
  );
  const events = await sql<{ n: string }>`select count(*)::text as n from payments.escrow_events`.execute(
    t.hub.db.kysely,
  );
  return { escrows: escrows.rows[0]?.n, events: events.rows[0]?.n };
};

/** An order of 250.50 (EUR unless told) from `seller` to `buyer`, walked to `accepted`; shared as asked. */
const acceptedOrder = async (
  shareWith: { party: Party; role: string }[] = [],
  currency = 'EUR',
  accept = true,
) => {
  orderCount += 1;
  const created = expectOk(
    await call(t.hub, seller, 'POST', `/api/orgs/${seller.organisationId}/orders`, {
      content: {
        buyerReference: `ESC-PO-${orderCount}`,
        currency,
        seller: { organisationId: seller.organisationId, name: 'Seller', country: 'CN' },
        buyer: { organisationId: buyer.organisationId, name: 'Buyer', country: 'DE' },
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
        paymentTerms: 'Escrow',
        lines: [
          {
            descriptionEn: 'toy',
            hsCode: '950300',
            quantity: '2',
            unitCode: 'H87',
            unitPrice: { amount: '125.25', currency },
          },
        ],
      },
    }),
    201,
  );
  const orderId = String(created.id);
  const offered = expectOk(
    await call(t.hub, seller, 'POST', `/api/orgs/${seller.organisationId}/orders/${orderId}/actions`, {
      action: 'offer',
      version: created.version,
    }),
  );
  if (accept) {
    expectOk(
      await call(t.hub, buyer, 'POST', `/api/orgs/${buyer.organisationId}/orders/${orderId}/actions`, {
        action: 'accept',
        version: offered.version,
      }),
    );
  }
  for (const { party, role } of shareWith) {
    expectOk(
      await call(t.hub, seller, 'POST', `/api/orgs/${seller.organisationId}/orders/${orderId}/shares`, {
        organisationId: party.organisationId,
        role,
      }),
      201,
    );
  }
  return orderId;
};

/** The party signed in afresh: moving the clock by days outlives its 12-hour session. */
const signIn = async (party: Party): Promise<Party> => {
  const answer = await t.hub.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: party.email, password: testPassword },
  });
  const session = answer.cookies.find((c) => c.name === 'th_session');
  if (answer.statusCode !== 200 || session === undefined) {
    throw new Error(`login: ${answer.statusCode} ${answer.body}`);
  }
  rememberSecret(session.value);
  return { ...party, cookie: `th_session=${session.value}` };
};

const fund = (orderId: string, body: object = {}) =>
  call(t.hub, buyer, 'POST', escrowUrl(buyer, orderId), {
    debitAccountId: buyerAccount,
    releaseTrigger: 'buyer_acceptance',
    ...body,
  });

beforeAll(async () => {
  t = await createPaymentsTestHub();
  // The date trigger runs when the test says so.
  await t.hub.orderEscrow.sweeper.stop();
  bank = await createParty(t.hub, 'EscBank', { kind: 'bank' });
  buyer = await createParty(t.hub, 'EscBuyer', { kind: 'importer' });
  seller = await createParty(t.hub, 'EscSeller', { kind: 'exporter' });
  carrier = await createParty(t.hub, 'EscCarrier', { kind: 'carrier' });
  mediator = await createParty(t.hub, 'EscMediator', { kind: 'mediator' });
  stranger = await createParty(t.hub, 'EscStranger', { kind: 'importer' });
  bankSettlement = await openAccount(t.hub, bank, {
    currency: 'EUR',
    code: 'settlement',
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  buyerAccount = await openAccount(t.hub, buyer, { currency: 'EUR', code: 'main' });
  sellerAccount = await openAccount(t.hub, seller, { currency: 'EUR', code: 'main' });
  expectOk(
    await call(t.hub, bank, 'POST', paymentsUrl(bank, '/transfers'), {
      id: 'fund-buyer',
      debitAccountId: bankSettlement,
      creditAccountId: buyerAccount,
      amount: '5000.00',
      currency: 'EUR',
    }),
    201,
  );
});

afterAll(async () => t.close());

describe('order escrow', () => {
  it('funds an accepted order and releases it on the buyer acceptance, exactly once', async () => {
    const orderId = await acceptedOrder();
    const before = await balanceOf(buyer, buyerAccount);
    const funded = expectOk(await fund(orderId), 201);
    expect(funded).toMatchObject({
      status: 'funded',
      amount: '250.50',
      currency: 'EUR',
      releaseTrigger: 'buyer_acceptance',
      debitAccountId: buyerAccount,
      creditAccountId: sellerAccount,
      sellerAmount: null,
    });
    expect(before).toEqual({ balance: '5000.00', available: '5000.00' });
    expect(await balanceOf(buyer, buyerAccount)).toEqual({ balance: '5000.00', available: '4749.50' });
    expect(await balanceOf(seller, sellerAccount)).toEqual({ balance: '0.00', available: '0.00' });

    // The reservation resolves only through the escrow: not by the payments API, by either side.
    const pendingId = String(funded.pendingTransferId);
    for (const [party, op] of [
      [buyer, 'void'],
      [buyer, 'post'],
      [seller, 'void'],
    ] as const) {
      const direct = await call(t.hub, party, 'POST', paymentsUrl(party, `/transfers/${pendingId}/${op}`), {
        id: `direct-${op}`,
      });
      expect(direct.status, `${op}`).toBe(409);
      expect(direct.body.code).toBe('payments.escrow_held');
    }
    const byStranger = await call(
      t.hub,
      stranger,
      'POST',
      paymentsUrl(stranger, `/transfers/${pendingId}/void`),
      {
        id: 'direct-void',
      },
    );
    expect(byStranger.status).toBe(404);

    // The seller may not release what waits for the buyer's acceptance.
    const bySeller = await call(t.hub, seller, 'POST', escrowUrl(seller, orderId, '/release'), {});
    expect(bySeller.status).toBe(403);
    expect(bySeller.body.code).toBe('escrow.release_not_allowed');

    const released = expectOk(
      await call(t.hub, buyer, 'POST', escrowUrl(buyer, orderId, '/release'), { note: 'goods received' }),
    );
    expect(released).toMatchObject({ status: 'released', sellerAmount: '250.50', buyerAmount: '0.00' });
    const events = released.events as { kind: string; reason: string; byOrganisationId: string }[];
    expect(events.map((e) => [e.kind, e.reason, e.byOrganisationId])).toEqual([
      ['funded', 'funded', buyer.organisationId],
      ['released', 'buyer_acceptance', buyer.organisationId],
    ]);
    expect(await balanceOf(buyer, buyerAccount)).toEqual({ balance: '4749.50', available: '4749.50' });
    expect(await balanceOf(seller, sellerAccount)).toEqual({ balance: '250.50', available: '250.50' });

    const snapshot = await ledgerSnapshot(t.hub);
    const again = await call(t.hub, buyer, 'POST', escrowUrl(buyer, orderId, '/release'), {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('payments.escrow_settled');
    const refund = await call(t.hub, seller, 'POST', escrowUrl(seller, orderId, '/refund'), {});
    expect(refund.body.code).toBe('payments.escrow_settled');
    expect(await ledgerSnapshot(t.hub)).toEqual(snapshot);

    // Funding the same order twice would reserve the buyer's money twice.
    const twice = await fund(orderId);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('payments.escrow_exists');
    expect(await ledgerSnapshot(t.hub)).toEqual(snapshot);

    // The seller sees the same escrow and its steps.
    const seen = expectOk(await call(t.hub, seller, 'GET', escrowUrl(seller, orderId)));
    expect(seen.status).toBe('released');
    expect((seen.events as unknown[]).length).toBe(2);
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });
  });

  it('funds an order once when two fundings race: one wins, the other reserves nothing', async () => {
    const orderId = await acceptedOrder();
    const before = await balanceOf(buyer, buyerAccount);
    const answers = await Promise.all([fund(orderId), fund(orderId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('payments.escrow_exists');
    const after = await balanceOf(buyer, buyerAccount);
    expect(Math.round(Number(before.available) * 100) - Math.round(Number(after.available) * 100)).toBe(
      25050,
    );
    expectOk(await call(t.hub, seller, 'POST', escrowUrl(seller, orderId, '/refund'), {}));
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });
  });

  it('lets the seller refund: the reservation is released and nothing is paid', async () => {
    const orderId = await acceptedOrder();
    const before = await balanceOf(buyer, buyerAccount);
    expectOk(await fund(orderId), 201);
    // The buyer of a live order may not take the money back itself.
    const byBuyer = await call(t.hub, buyer, 'POST', escrowUrl(buyer, orderId, '/refund'), {});
    expect(byBuyer.status).toBe(403);
    expect(byBuyer.body.code).toBe('escrow.refund_not_allowed');
    const refunded = expectOk(await call(t.hub, seller, 'POST', escrowUrl(seller, orderId, '/refund'), {}));
    expect(refunded).toMatchObject({ status: 'refunded', sellerAmount: '0.00', buyerAmount: '250.50' });
    expect((refunded.events as { reason: string }[]).at(-1)?.reason).toBe('seller_refund');
    expect(await balanceOf(buyer, buyerAccount)).toEqual(before);
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });
  });

  it('splits on the dispute outcome of the mediator named in the escrow, with exact amounts', async () => {
    const orderId = await acceptedOrder([{ party: mediator, role: 'other' }]);
    const buyerBefore = await balanceOf(buyer, buyerAccount);
    const sellerBefore = await balanceOf(seller, sellerAccount);
    expectOk(await fund(orderId, { mediatorOrganisationId: mediator.organisationId }), 201);

    for (const party of [buyer, seller]) {
      const notMediator = await call(t.hub, party, 'POST', escrowUrl(party, orderId, '/split'), {
        sellerAmount: '100.00',
      });
      expect(notMediator.status).toBe(403);
      expect(notMediator.body.code).toBe('escrow.mediator_only');
    }
    const snapshot = await ledgerSnapshot(t.hub);
    const nothing = await call(t.hub, mediator, 'POST', escrowUrl(mediator, orderId, '/split'), {
      sellerAmount: '0.00',
    });
    expect(nothing.body.code).toBe('payments.amount_not_positive');
    for (const sellerAmount of ['250.50', '300.00']) {
      const whole = await call(t.hub, mediator, 'POST', escrowUrl(mediator, orderId, '/split'), {
        sellerAmount,
      });
      expect(whole.status, sellerAmount).toBe(422);
      expect(whole.body.code).toBe('payments.escrow_invalid_split');
    }
    const tooPrecise = await call(t.hub, mediator, 'POST', escrowUrl(mediator, orderId, '/split'), {
      sellerAmount: '100.005',
    });
    expect(tooPrecise.body.code).toBe('payments.too_many_decimals');
    expect(await ledgerSnapshot(t.hub)).toEqual(snapshot);

    const split = expectOk(
      await call(t.hub, mediator, 'POST', escrowUrl(mediator, orderId, '/split'), {
        sellerAmount: '100.25',
        note: 'two of five cartons damaged',
      }),
    );
    expect(split).toMatchObject({ status: 'split', sellerAmount: '100.25', buyerAmount: '150.25' });
    // The mediator reads the escrow, not the parties' accounts.
    expect(split).toMatchObject({ debitAccountId: null, creditAccountId: null });
    expect((split.events as { reason: string; byOrganisationId: string }[]).at(-1)).toMatchObject({
      reason: 'dispute_outcome',
      byOrganisationId: mediator.organisationId,
    });
    const cents = (amount: unknown) => Math.round(Number(amount) * 100);
    expect(cents((await balanceOf(buyer, buyerAccount)).balance)).toBe(cents(buyerBefore.balance) - 10025);
    expect(cents((await balanceOf(seller, sellerAccount)).balance)).toBe(cents(sellerBefore.balance) + 10025);
    expect((await balanceOf(buyer, buyerAccount)).available).toBe(
      (await balanceOf(buyer, buyerAccount)).balance,
    );
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });
  });

  it('refuses a mediator the order is not shared with, and one that is no mediation body', async () => {
    const orderId = await acceptedOrder([{ party: carrier, role: 'forwarder' }]);
    const rows = await escrowRows();
    for (const mediatorOrganisationId of [mediator.organisationId, carrier.organisationId]) {
      const refused = await fund(orderId, { mediatorOrganisationId });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('escrow.invalid_mediator');
    }
    expect(await escrowRows()).toEqual(rows);
  });

  it('releases a delivery escrow when the carrier the order is shared with confirms delivery', async () => {
    const orderId = await acceptedOrder([{ party: carrier, role: 'forwarder' }]);
    expectOk(await fund(orderId, { releaseTrigger: 'delivery' }), 201);
    const bySeller = await call(t.hub, seller, 'POST', escrowUrl(seller, orderId, '/release'), {});
    expect(bySeller.body.code).toBe('escrow.release_not_allowed');
    const released = expectOk(
      await call(t.hub, carrier, 'POST', escrowUrl(carrier, orderId, '/release'), {}),
    );
    expect((released.events as { reason: string; byOrganisationId: string }[]).at(-1)).toMatchObject({
      reason: 'delivery_confirmed',
      byOrganisationId: carrier.organisationId,
    });
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });
  });

  it('answers 404 to a stranger on every escrow route, and moves nothing', async () => {
    const orderId = await acceptedOrder();
    expectOk(await fund(orderId), 201);
    const snapshot = await ledgerSnapshot(t.hub);
    const rows = await escrowRows();
    const attempts: ['GET' | 'POST', string, object | undefined][] = [
      ['GET', '', undefined],
      ['POST', '', { debitAccountId: buyerAccount, releaseTrigger: 'buyer_acceptance' }],
      ['POST', '/release', {}],
      ['POST', '/refund', {}],
      ['POST', '/split', { sellerAmount: '1.00' }],
    ];
    for (const [method, path, body] of attempts) {
      const own = await call(t.hub, stranger, method, escrowUrl(stranger, orderId, path), body);
      expect(own.status, `${method} ${path}`).toBe(404);
      const theirs = await call(t.hub, stranger, method, escrowUrl(buyer, orderId, path), body);
      expect(theirs.status, `${method} ${path} under the buyer`).toBe(404);
    }
    expect(await ledgerSnapshot(t.hub)).toEqual(snapshot);
    expect(await escrowRows()).toEqual(rows);
  });

  it('refuses funding without enough money, by the seller, or before the order is agreed, with nothing written', async () => {
    const snapshot = await ledgerSnapshot(t.hub);
    const rows = await escrowRows();
    // An account of the buyer that holds nothing.
    const empty = await openAccount(t.hub, buyer, { currency: 'EUR', code: `empty-${orderCount}` });
    const orderId = await acceptedOrder();
    const poor = await fund(orderId, { debitAccountId: empty });
    expect(poor.status).toBe(422);
    expect(poor.body.code).toBe('payments.exceeds_credit_limit');
    const bySeller = await call(t.hub, seller, 'POST', escrowUrl(seller, orderId), {
      debitAccountId: sellerAccount,
      releaseTrigger: 'buyer_acceptance',
    });
    expect(bySeller.status).toBe(403);
    expect(bySeller.body.code).toBe('escrow.buyer_only');
    const foreignAccount = await fund(orderId, { debitAccountId: sellerAccount });
    expect(foreignAccount.body.code).toBe('payments.account_not_found');
    const noDate = await fund(orderId, { releaseTrigger: 'date' });
    expect(noDate.body.code).toBe('escrow.release_on_required');
    const offered = await fund(await acceptedOrder([], 'EUR', false));
    expect(offered.status).toBe(409);
    expect(offered.body.code).toBe('escrow.order_not_fundable');
    const none = await call(t.hub, buyer, 'GET', escrowUrl(buyer, orderId));
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('escrow.not_found');
    // Accounts changed only by the new empty account's opening; no transfer, no escrow row.
    const after = await ledgerSnapshot(t.hub);
    expect(after.transfers).toBe(snapshot.transfers);
    expect(after.accounts.filter((a) => a.id !== empty)).toEqual(snapshot.accounts);
    expect(await escrowRows()).toEqual(rows);
  });

  it('answers 409 when the seller has no account in the order currency, with nothing written', async () => {
    const orderId = await acceptedOrder([], 'USD');
    const usdAccount = await openAccount(t.hub, buyer, { currency: 'USD', code: 'usd' });
    const snapshot = await ledgerSnapshot(t.hub);
    const refused = await fund(orderId, { debitAccountId: usdAccount });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('payments.escrow_payee_account_missing');
    expect(await ledgerSnapshot(t.hub)).toEqual(snapshot);
  });

  it('releases a date escrow from the sweeper once the test clock reaches the day', async () => {
    const orderId = await acceptedOrder();
    const releaseOn = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    expectOk(await fund(orderId, { releaseTrigger: 'date', releaseOn }), 201);
    const sellerBefore = await balanceOf(seller, sellerAccount);
    // Before the day, the seller cannot release it and the sweeper leaves it.
    const early = await call(t.hub, seller, 'POST', escrowUrl(seller, orderId, '/release'), {});
    expect(early.body.code).toBe('escrow.release_not_allowed');
    expect(await t.hub.orderEscrow.releaseDue()).toBe(0);
    t.clock.advanceSeconds(2 * 86_400);
    expect(await t.hub.orderEscrow.releaseDue()).toBe(0);
    t.clock.advanceSeconds(86_400);
    expect(await t.hub.orderEscrow.releaseDue()).toBe(1);
    buyer = await signIn(buyer);
    seller = await signIn(seller);
    const seen = expectOk(await call(t.hub, buyer, 'GET', escrowUrl(buyer, orderId)));
    expect(seen).toMatchObject({ status: 'released', sellerAmount: '250.50' });
    expect(
      (seen.events as { reason: string; byOrganisationId: string | null; byActorType: string }[]).at(-1),
    ).toMatchObject({
      reason: 'date_reached',
      byOrganisationId: null,
      byActorType: 'system',
    });
    const cents = (amount: unknown) => Math.round(Number(amount) * 100);
    expect(cents((await balanceOf(seller, sellerAccount)).balance)).toBe(cents(sellerBefore.balance) + 25050);
    // A second tick finds nothing left.
    expect(await t.hub.orderEscrow.releaseDue()).toBe(0);
    expect(await invariantsOf(t.hub)).toMatchObject({ ok: true });
  });
});
