import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from './support/test-db.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Overseas warehouses over HTTP: the stock ledger that never goes below zero, the returns centre
// from receipt to restock, and who sees which stock (operator, each client its own, nobody else).

type Json = Record<string, unknown>;
type Problem = { code: string; available?: number; errors?: { field: string; code: string }[] };
type Stock = {
  items: {
    clientOrganisationId: string;
    sku: string;
    sellable: number;
    picked: number;
    quarantine: number;
    inRepair: number;
  }[];
};

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let operator: Party;
let exporter: Party;
let otherClient: Party;
let stranger: Party;
let warehouseId = '';

const call = async <T = Json>(party: Party, method: 'GET' | 'POST', path: string, payload?: object) => {
  const res = await ctx.hub.app.inject({
    method,
    url: `/api/orgs/${party.organisationId}/logistics/warehouses${path}`,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<T>(), contentType: res.headers['content-type'] };
};

const move = (party: Party, client: Party, kind: string, quantity: number, extra: Json = {}) =>
  call(party, 'POST', `/${warehouseId}/movements`, {
    clientOrganisationId: client.organisationId,
    sku: 'SKU-BRICK-1',
    kind,
    quantity,
    ...extra,
  });

const stockOf = async (party: Party, sku = 'SKU-BRICK-1') => {
  const answer = await call<Stock>(party, 'GET', `/${warehouseId}/stock?sku=${sku}`);
  expect(answer.status).toBe(200);
  return answer.body.items;
};

const movementCount = async () => {
  const answer = await call<{ items: unknown[] }>(operator, 'GET', `/${warehouseId}/movements`);
  return answer.body.items.length;
};

const hamburg = {
  name: 'Hamburg Overseas Warehouse',
  unlocode: 'DEHAM',
  address: { lines: ['Am Sandtorkai 1'], postcode: '20457', city: 'Hamburg', country: 'DE' },
  roles: ['storage', 'returns_centre'],
};

beforeAll(async () => {
  ctx = await createTestHub();
  operator = await createParty(ctx.hub, 'WhsOperator', { kind: 'logistics_provider' });
  exporter = await createParty(ctx.hub, 'WhsExporter');
  otherClient = await createParty(ctx.hub, 'WhsOtherClient');
  stranger = await createParty(ctx.hub, 'WhsStranger');
  const created = await call<{ id: string }>(operator, 'POST', '', hamburg);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  warehouseId = created.body.id;
  for (const client of [exporter, otherClient]) {
    const granted = await call(operator, 'POST', `/${warehouseId}/clients`, {
      organisationId: client.organisationId,
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  }
}, 60_000);

afterAll(async () => ctx?.close());

describe('warehouses', () => {
  it('refuses an unknown UN/LOCODE, a country that is not the code’s, and an operator of another kind', async () => {
    const bad = await call<Problem>(operator, 'POST', '', {
      ...hamburg,
      unlocode: 'NLZZZ',
      address: { ...hamburg.address, country: 'NL' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => [e.field, e.code])).toEqual([['unlocode', 'kernel.unknown_code']]);
    const mismatch = await call<Problem>(operator, 'POST', '', {
      ...hamburg,
      address: { ...hamburg.address, country: 'FR' },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.map((e) => [e.field, e.code])).toEqual([
      ['address.country', 'logistics.warehouse_country_mismatch'],
    ]);
    const bank = await createParty(ctx.hub, 'WhsBank', { kind: 'bank' });
    const byBank = await call<Problem>(bank, 'POST', '', hamburg);
    expect([byBank.status, byBank.body.code]).toEqual([403, 'logistics.warehouse_operator_kind']);
  });

  it('lists the warehouse for its operator and its clients, not for a stranger', async () => {
    const mine = await call<{ items: { id: string; myStanding: string }[] }>(operator, 'GET', '');
    expect(mine.body.items.filter((w) => w.id === warehouseId).map((w) => w.myStanding)).toEqual([
      'operator',
    ]);
    const asClient = await call<{ items: { id: string; myStanding: string }[] }>(exporter, 'GET', '');
    expect(asClient.body.items.map((w) => [w.id, w.myStanding])).toEqual([[warehouseId, 'client']]);
    const strangers = await call<{ items: unknown[] }>(stranger, 'GET', '');
    expect(strangers.body.items).toEqual([]);
    // The client does not learn who else stores goods there.
    const detail = await call<{ clients: unknown[] }>(exporter, 'GET', `/${warehouseId}`);
    expect(detail.body.clients).toEqual([]);
  });
});

describe('stock ledger', () => {
  it('keeps exact figures through inbound, pick, outbound and an adjustment with its reason', async () => {
    expect((await move(operator, exporter, 'inbound', 10, { reference: '9810-EXP-0001' })).status).toBe(201);
    expect((await move(operator, exporter, 'pick', 3)).status).toBe(201);
    expect((await move(operator, exporter, 'outbound', 2, { reference: 'BUYER-DE-17' })).status).toBe(201);
    const noReason = await move(operator, exporter, 'adjustment', -1);
    expect(noReason.status).toBe(400);
    expect((noReason.body as Problem).errors?.map((e) => e.code)).toEqual([
      'logistics.stock_reason_required',
    ]);
    expect(
      (await move(operator, exporter, 'adjustment', -1, { reason: 'cycle count: one broken' })).status,
    ).toBe(201);
    expect(await stockOf(exporter)).toEqual([
      {
        clientOrganisationId: exporter.organisationId,
        sku: 'SKU-BRICK-1',
        sellable: 6,
        picked: 1,
        quarantine: 0,
        inRepair: 0,
      },
    ]);
  });

  it('refuses a movement that would make stock negative with 409 and the available quantity, writing nothing', async () => {
    const before = await movementCount();
    const stockBefore = await stockOf(operator);
    const refused = await move(operator, exporter, 'pick', 7);
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'logistics.stock_insufficient', available: 6 });
    const overAdjusted = await move(operator, exporter, 'adjustment', -7, { reason: 'lost' });
    expect(overAdjusted.body).toMatchObject({ code: 'logistics.stock_insufficient', available: 6 });
    const shipped = await move(operator, exporter, 'outbound', 2, { reference: 'BUYER-DE-18' });
    expect(shipped.body).toMatchObject({ code: 'logistics.stock_insufficient', available: 1 });
    // Another client's stock of the same SKU is its own: none.
    const otherPick = await move(operator, otherClient, 'pick', 1);
    expect(otherPick.body).toMatchObject({ code: 'logistics.stock_insufficient', available: 0 });
    expect(await movementCount()).toBe(before);
    expect(await stockOf(operator)).toEqual(stockBefore);
  });

  it(`lets exactly one of two concurrent picks of the last unit win (${testEngine()})`, async () => {
    const sku = 'SKU-LAST-1';
    const inbound = await move(operator, exporter, 'inbound', 1, { sku });
    expect(inbound.status).toBe(201);
    const picks = await Promise.all(
      Array.from({ length: 6 }, () => move(operator, exporter, 'pick', 1, { sku })),
    );
    expect(picks.map((p) => p.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await stockOf(exporter, sku)).toEqual([
      {
        clientOrganisationId: exporter.organisationId,
        sku,
        sellable: 0,
        picked: 1,
        quarantine: 0,
        inRepair: 0,
      },
    ]);
    const ledger = await call<{ items: { kind: string }[] }>(
      operator,
      'GET',
      `/${warehouseId}/movements?sku=${sku}`,
    );
    expect(ledger.body.items.map((m) => m.kind)).toEqual(['inbound', 'pick']);
  });

  it('shows a client only its own stock and movements in a shared warehouse', async () => {
    expect((await move(operator, otherClient, 'inbound', 4)).status).toBe(201);
    const all = await stockOf(operator);
    expect(all.map((s) => [s.clientOrganisationId, s.sellable]).sort()).toEqual(
      [
        [exporter.organisationId, 6],
        [otherClient.organisationId, 4],
      ].sort(),
    );
    expect((await stockOf(otherClient)).map((s) => [s.clientOrganisationId, s.sellable])).toEqual([
      [otherClient.organisationId, 4],
    ]);
    const movements = await call<{ items: { clientOrganisationId: string }[] }>(
      otherClient,
      'GET',
      `/${warehouseId}/movements`,
    );
    expect(movements.body.items.length).toBe(1);
    expect(new Set(movements.body.items.map((m) => m.clientOrganisationId))).toEqual(
      new Set([otherClient.organisationId]),
    );
    // A client reads; moving stock is the operator's.
    const byClient = await move(otherClient, otherClient, 'inbound', 1);
    expect([byClient.status, (byClient.body as Problem).code]).toEqual([
      403,
      'logistics.warehouse_operator_only',
    ]);
  });

  it('answers 404 to a stranger on every warehouse route, with nothing written', async () => {
    const before = await movementCount();
    for (const path of ['', '/stock', '/movements', '/returns', '/returns/funnel']) {
      const answer = await call<Problem>(stranger, 'GET', `/${warehouseId}${path}`);
      expect([path, answer.status, answer.body.code]).toEqual([path, 404, 'logistics.warehouse_not_found']);
    }
    const moved = await move(stranger, stranger, 'inbound', 5);
    expect(moved.status).toBe(404);
    const returned = await call(stranger, 'POST', `/${warehouseId}/returns`, {
      clientOrganisationId: stranger.organisationId,
      buyerReference: 'B',
      orderReference: 'O',
      sku: 'SKU-BRICK-1',
      quantity: 1,
      reason: 'x',
    });
    expect(returned.status).toBe(404);
    expect(await movementCount()).toBe(before);
  });
});

describe('returns centre', () => {
  it('receives, inspects, grades and restocks a return with exact stock figures and its history', async () => {
    const received = await call<{ id: string; stage: string }>(operator, 'POST', `/${warehouseId}/returns`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'BUYER-DE-17',
      orderReference: 'AMZ-DE-302-1234567',
      sku: 'SKU-BRICK-1',
      quantity: 2,
      reason: 'did not fit',
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    expect(received.body.stage).toBe('received');
    const returnId = received.body.id;
    expect(await stockOf(exporter)).toEqual([
      {
        clientOrganisationId: exporter.organisationId,
        sku: 'SKU-BRICK-1',
        sellable: 6,
        picked: 1,
        quarantine: 2,
        inRepair: 0,
      },
    ]);
    // Deciding before inspecting is out of order; nothing moves.
    const early = await call<Problem>(operator, 'POST', `/${warehouseId}/returns/${returnId}/decision`, {
      decision: 'restock',
    });
    expect([early.status, early.body.code]).toEqual([409, 'logistics.return_wrong_stage']);
    const inspected = await call<{ stage: string; grade: string }>(
      operator,
      'POST',
      `/${warehouseId}/returns/${returnId}/inspection`,
      { grade: 'A', note: 'unopened' },
    );
    expect(inspected.status).toBe(200);
    expect(inspected.body).toMatchObject({ stage: 'inspected', grade: 'A' });
    const again = await call<Problem>(operator, 'POST', `/${warehouseId}/returns/${returnId}/inspection`, {
      grade: 'B',
    });
    expect([again.status, again.body.code]).toEqual([409, 'logistics.return_wrong_stage']);
    const restocked = await call<{
      stage: string;
      history: { stage: string; organisationId: string; actor: string | null }[];
    }>(operator, 'POST', `/${warehouseId}/returns/${returnId}/decision`, { decision: 'restock' });
    expect(restocked.status, JSON.stringify(restocked.body)).toBe(200);
    expect(restocked.body.stage).toBe('restocked');
    expect(restocked.body.history.map((h) => h.stage)).toEqual(['received', 'inspected', 'restocked']);
    expect(new Set(restocked.body.history.map((h) => h.organisationId))).toEqual(
      new Set([operator.organisationId]),
    );
    expect(restocked.body.history.every((h) => h.actor === operator.userId)).toBe(true);
    expect(await stockOf(exporter)).toEqual([
      {
        clientOrganisationId: exporter.organisationId,
        sku: 'SKU-BRICK-1',
        sellable: 8,
        picked: 1,
        quarantine: 0,
        inRepair: 0,
      },
    ]);
    const ledger = await call<{ items: { kind: string; returnCaseId: string | null }[] }>(
      exporter,
      'GET',
      `/${warehouseId}/movements?sku=SKU-BRICK-1`,
    );
    expect(ledger.body.items.filter((m) => m.returnCaseId === returnId).map((m) => m.kind)).toEqual([
      'return_received',
      'restock',
    ]);
    // The client sees its return; the other client does not.
    expect((await call(exporter, 'GET', `/${warehouseId}/returns/${returnId}`)).status).toBe(200);
    const hidden = await call<Problem>(otherClient, 'GET', `/${warehouseId}/returns/${returnId}`);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'logistics.return_not_found']);
  });

  it('keeps a grade C item off the shelf, sends one back to China with its customs reference, and counts the funnel', async () => {
    const receive = async (sku: string) => {
      const answer = await call<{ id: string }>(operator, 'POST', `/${warehouseId}/returns`, {
        clientOrganisationId: otherClient.organisationId,
        buyerReference: 'BUYER-FR-3',
        orderReference: 'SHOP-FR-9',
        sku,
        quantity: 1,
        reason: 'damaged in transit',
      });
      expect(answer.status).toBe(201);
      return answer.body.id;
    };
    const broken = await receive('SKU-LAMP-1');
    const inspect = (id: string, grade: string) =>
      call(operator, 'POST', `/${warehouseId}/returns/${id}/inspection`, { grade });
    expect((await inspect(broken, 'C')).status).toBe(200);
    const onShelf = await call<Problem>(operator, 'POST', `/${warehouseId}/returns/${broken}/decision`, {
      decision: 'restock',
    });
    expect(onShelf.status).toBe(400);
    expect(onShelf.body.errors?.map((e) => e.code)).toEqual(['logistics.return_grade_not_allowed']);
    const noReference = await call<Problem>(operator, 'POST', `/${warehouseId}/returns/${broken}/decision`, {
      decision: 'return_to_china',
    });
    expect(noReference.body.errors?.map((e) => e.code)).toEqual(['logistics.return_reference_required']);
    const sentBack = await call<{ stage: string; customsReturnReference: string }>(
      operator,
      'POST',
      `/${warehouseId}/returns/${broken}/decision`,
      { decision: 'return_to_china', customsReturnReference: 'CEB-RETURN-2026-0001' },
    );
    expect(sentBack.body).toMatchObject({
      stage: 'returned_to_china',
      customsReturnReference: 'CEB-RETURN-2026-0001',
    });
    await receive('SKU-LAMP-2');
    expect((await stockOf(otherClient, 'SKU-LAMP-1'))[0]).toMatchObject({ sellable: 0, quarantine: 0 });
    expect((await stockOf(otherClient, 'SKU-LAMP-2'))[0]).toMatchObject({ sellable: 0, quarantine: 1 });
    const funnel = await call(operator, 'GET', `/${warehouseId}/returns/funnel`);
    expect(funnel.body).toEqual({
      received: 1,
      inspected: 0,
      refurbishing: 0,
      restocked: 1,
      re_exported: 0,
      returned_to_china: 1,
      scrapped: 0,
    });
    const clientFunnel = await call(otherClient, 'GET', `/${warehouseId}/returns/funnel`);
    expect(clientFunnel.body).toMatchObject({ received: 1, restocked: 0, returned_to_china: 1 });
  });

  it('refuses a return at a warehouse that is not a returns centre', async () => {
    const storage = await call<{ id: string }>(operator, 'POST', '', {
      ...hamburg,
      name: 'Hamburg storage only',
      roles: ['storage'],
    });
    expect(storage.status).toBe(201);
    await call(operator, 'POST', `/${storage.body.id}/clients`, { organisationId: exporter.organisationId });
    const refused = await call<Problem>(operator, 'POST', `/${storage.body.id}/returns`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'B',
      orderReference: 'O',
      sku: 'SKU-BRICK-1',
      quantity: 1,
      reason: 'x',
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'logistics.warehouse_not_returns_centre']);
  });
});
