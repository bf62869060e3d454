import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from './support/test-db.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// After-sales service centres over HTTP: a buyer's item under warranty goes back to the buyer, a
// grade B return is refurbished back onto the shelf (or scrapped), steps only in order, and only
// the operator and the client see a ticket.

type Json = Record<string, unknown>;
type Problem = { code: string; errors?: { field: string; code: string }[] };
type Ticket = {
  id: string;
  origin: string;
  stage: string;
  sku: string;
  quantity: number;
  returnCaseId: string | null;
  returnShipmentReference: string | null;
  history: { stage: string; detail: Json }[];
};
type StockItem = { sku: string; sellable: number; quarantine: number; inRepair: number };

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let operator: Party;
let exporter: Party;
let otherClient: Party;
let warehouseId = '';
let storageOnlyId = '';

const call = async <T = Json>(party: Party, method: 'GET' | 'POST', path: string, payload?: object) => {
  const res = await ctx.hub.app.inject({
    method,
    url: `/api/orgs/${party.organisationId}/logistics/warehouses${path}`,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<T>() };
};

const stockOf = async (sku: string) => {
  const answer = await call<{ items: StockItem[] }>(operator, 'GET', `/${warehouseId}/stock?sku=${sku}`);
  expect(answer.status).toBe(200);
  const [item] = answer.body.items;
  return { sellable: item?.sellable, quarantine: item?.quarantine, inRepair: item?.inRepair };
};

const warehouse = (roles: string[]) => ({
  name: `Hamburg ${roles.join('+')}`,
  unlocode: 'DEHAM',
  address: { lines: ['Am Sandtorkai 1'], postcode: '20457', city: 'Hamburg', country: 'DE' },
  roles,
});

/** A return of `sku` received and inspected with `grade`; its id. */
const inspectedReturn = async (sku: string, grade: 'A' | 'B' | 'C', quantity = 2) => {
  const received = await call<{ id: string }>(operator, 'POST', `/${warehouseId}/returns`, {
    clientOrganisationId: exporter.organisationId,
    buyerReference: `BUYER-${sku}`,
    orderReference: `ORDER-${sku}`,
    sku,
    quantity,
    reason: 'stopped working',
  });
  expect(received.status, JSON.stringify(received.body)).toBe(201);
  const inspected = await call(operator, 'POST', `/${warehouseId}/returns/${received.body.id}/inspection`, {
    grade,
  });
  expect(inspected.status).toBe(200);
  return received.body.id;
};

beforeAll(async () => {
  ctx = await createTestHub();
  operator = await createParty(ctx.hub, 'RprOperator', { kind: 'logistics_provider' });
  exporter = await createParty(ctx.hub, 'RprExporter');
  otherClient = await createParty(ctx.hub, 'RprOtherClient');
  const created = await call<{ id: string }>(
    operator,
    'POST',
    '',
    warehouse(['storage', 'returns_centre', 'after_sales']),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  warehouseId = created.body.id;
  const storageOnly = await call<{ id: string }>(operator, 'POST', '', warehouse(['storage']));
  storageOnlyId = storageOnly.body.id;
  for (const [id, client] of [
    [warehouseId, exporter],
    [warehouseId, otherClient],
    [storageOnlyId, exporter],
  ] as const) {
    expect(
      (await call(operator, 'POST', `/${id}/clients`, { organisationId: client.organisationId })).status,
    ).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

describe(`repair tickets (${testEngine})`, () => {
  it("repairs a buyer's item under warranty and sends it back, without touching the client's stock", async () => {
    const opened = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'ELBE-PO-7781',
      sku: 'SKU-KETTLE-1',
      serialNumber: 'KT-2026-000417',
      fault: 'does not heat',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({
      origin: 'buyer',
      stage: 'received',
      quantity: 1,
      returnCaseId: null,
    });
    const ticket = opened.body.id;
    // Completing before diagnosing, or closing an open ticket, is out of order.
    const early = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/completion`, {});
    expect([early.status, early.body.code]).toEqual([409, 'logistics.repair_wrong_stage']);
    const diagnosed = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/diagnosis`, {
      repairable: true,
      note: 'heating element',
    });
    expect(diagnosed.body.stage).toBe('diagnosed');
    expect(
      (await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/completion`, {})).body.stage,
    ).toBe('repaired');
    // A buyer's item is never restocked: it is not the client's to sell.
    const restock = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/closing`, {
      outcome: 'restocked',
    });
    expect([restock.status, restock.body.errors?.[0]]).toEqual([
      400,
      expect.objectContaining({ field: 'outcome', code: 'logistics.repair_outcome_not_allowed' }),
    ]);
    const untracked = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/closing`, {
      outcome: 'returned_to_buyer',
    });
    expect(untracked.body.errors?.[0]).toMatchObject({
      field: 'returnShipmentReference',
      code: 'logistics.repair_shipment_required',
    });
    const closed = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/closing`, {
      outcome: 'returned_to_buyer',
      returnShipmentReference: 'DHL 00340434161094042557',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      stage: 'returned_to_buyer',
      returnShipmentReference: 'DHL 00340434161094042557',
    });
    expect(closed.body.history.map((h) => h.stage)).toEqual([
      'received',
      'diagnosed',
      'repaired',
      'returned_to_buyer',
    ]);
    const stock = await call<{ items: unknown[] }>(operator, 'GET', `/${warehouseId}/stock?sku=SKU-KETTLE-1`);
    expect(stock.body.items).toEqual([]);
  });

  it('refurbishes a grade B return: quarantine to in repair to sellable, the return case following', async () => {
    const returnId = await inspectedReturn('SKU-LAMP-9', 'B', 2);
    expect(await stockOf('SKU-LAMP-9')).toEqual({ sellable: 0, quarantine: 2, inRepair: 0 });
    const opened = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'BUYER-SKU-LAMP-9',
      // The return's SKU and quantity stand, whatever the ticket says.
      sku: 'SOMETHING-ELSE',
      quantity: 9,
      fault: 'scratched shade',
      returnCaseId: returnId,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({
      origin: 'return_case',
      sku: 'SKU-LAMP-9',
      quantity: 2,
      returnCaseId: returnId,
    });
    expect(await stockOf('SKU-LAMP-9')).toEqual({ sellable: 0, quarantine: 0, inRepair: 2 });
    const caseNow = await call<{ stage: string }>(operator, 'GET', `/${warehouseId}/returns/${returnId}`);
    expect(caseNow.body.stage).toBe('refurbishing');
    // One refurbishment per return, and a refurbishing case takes no other decision.
    const twice = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'x',
      sku: 'SKU-LAMP-9',
      fault: 'again',
      returnCaseId: returnId,
    });
    expect(twice.body.errors?.[0]).toMatchObject({
      field: 'returnCaseId',
      code: 'logistics.return_not_refurbishable',
    });
    const decide = await call<Problem>(operator, 'POST', `/${warehouseId}/returns/${returnId}/decision`, {
      decision: 'scrap',
    });
    expect([decide.status, decide.body.code]).toEqual([409, 'logistics.return_wrong_stage']);

    const ticket = opened.body.id;
    await call(operator, 'POST', `/${warehouseId}/repairs/${ticket}/diagnosis`, { repairable: true });
    await call(operator, 'POST', `/${warehouseId}/repairs/${ticket}/completion`, {
      note: 'new shade fitted',
    });
    const wrongOutcome = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/closing`, {
      outcome: 'scrapped',
    });
    expect(wrongOutcome.body.errors?.[0]?.code).toBe('logistics.repair_outcome_not_allowed');
    const closed = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/closing`, {
      outcome: 'restocked',
    });
    expect(closed.body.stage).toBe('restocked');
    expect(await stockOf('SKU-LAMP-9')).toEqual({ sellable: 2, quarantine: 0, inRepair: 0 });
    const finalCase = await call<{ stage: string; history: { stage: string }[] }>(
      operator,
      'GET',
      `/${warehouseId}/returns/${returnId}`,
    );
    expect(finalCase.body.stage).toBe('restocked');
    expect(finalCase.body.history.map((h) => h.stage)).toEqual([
      'received',
      'inspected',
      'refurbishing',
      'restocked',
    ]);
    const funnel = await call<Record<string, number>>(operator, 'GET', `/${warehouseId}/returns/funnel`);
    expect(funnel.body).toMatchObject({ refurbishing: 0 });
    const ledger = await call<{ items: { kind: string; reference: string | null }[] }>(
      operator,
      'GET',
      `/${warehouseId}/movements?sku=SKU-LAMP-9`,
    );
    expect(ledger.body.items.map((m) => [m.kind, m.reference])).toEqual([
      ['return_received', 'BUYER-SKU-LAMP-9'],
      ['to_repair', ticket],
      ['repaired', ticket],
    ]);
  });

  it('scraps an unrepairable refurbishment, taking the units out of stock', async () => {
    const returnId = await inspectedReturn('SKU-FAN-3', 'B', 1);
    const opened = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'BUYER-SKU-FAN-3',
      sku: 'SKU-FAN-3',
      fault: 'motor burnt',
      returnCaseId: returnId,
    });
    const ticket = opened.body.id;
    expect(
      (
        await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/diagnosis`, {
          repairable: false,
        })
      ).body.stage,
    ).toBe('unrepairable');
    const noRepair = await call<Problem>(
      operator,
      'POST',
      `/${warehouseId}/repairs/${ticket}/completion`,
      {},
    );
    expect(noRepair.body.code).toBe('logistics.repair_wrong_stage');
    const closed = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs/${ticket}/closing`, {
      outcome: 'scrapped',
    });
    expect(closed.body.stage).toBe('scrapped');
    expect(await stockOf('SKU-FAN-3')).toEqual({ sellable: 0, quarantine: 0, inRepair: 0 });
    expect(
      (await call<{ stage: string }>(operator, 'GET', `/${warehouseId}/returns/${returnId}`)).body.stage,
    ).toBe('scrapped');
  });

  it('refuses what a repair centre cannot take, writing nothing', async () => {
    const gradeA = await inspectedReturn('SKU-CUP-1', 'A', 1);
    const refused = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'B',
      sku: 'SKU-CUP-1',
      fault: 'none',
      returnCaseId: gradeA,
    });
    expect(refused.body.errors?.[0]?.code).toBe('logistics.return_not_refurbishable');
    // Another client's return cannot be refurbished in this client's name.
    const gradeB = await inspectedReturn('SKU-CUP-2', 'B', 1);
    const otherName = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: otherClient.organisationId,
      buyerReference: 'B',
      sku: 'SKU-CUP-2',
      fault: 'chipped',
      returnCaseId: gradeB,
    });
    expect(otherName.body.errors?.[0]?.code).toBe('logistics.return_not_refurbishable');
    expect(await stockOf('SKU-CUP-2')).toEqual({ sellable: 0, quarantine: 1, inRepair: 0 });
    const notAfterSales = await call<Problem>(operator, 'POST', `/${storageOnlyId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'B',
      sku: 'SKU-CUP-3',
      fault: 'chipped',
    });
    expect([notAfterSales.status, notAfterSales.body.code]).toEqual([
      409,
      'logistics.warehouse_not_after_sales',
    ]);
    const notClient = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: operator.organisationId,
      buyerReference: 'B',
      sku: 'SKU-CUP-3',
      fault: 'chipped',
    });
    expect(notClient.body.errors?.[0]).toMatchObject({
      field: 'clientOrganisationId',
      code: 'logistics.warehouse_not_client',
    });
    const badBody = await call<Problem>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: '',
      sku: 'SKU-CUP-3',
      fault: 'chipped',
      quantity: 0,
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors?.map((e) => e.field).sort()).toEqual(['buyerReference', 'quantity']);
  });

  it('shows a ticket to the operator and its client only; a client cannot move it on', async () => {
    const opened = await call<Ticket>(operator, 'POST', `/${warehouseId}/repairs`, {
      clientOrganisationId: exporter.organisationId,
      buyerReference: 'ELBE-PO-9',
      sku: 'SKU-RADIO-1',
      fault: 'no sound',
    });
    const ticket = opened.body.id;
    expect((await call(exporter, 'GET', `/${warehouseId}/repairs/${ticket}`)).status).toBe(200);
    const others = await call<Problem>(otherClient, 'GET', `/${warehouseId}/repairs/${ticket}`);
    expect([others.status, others.body.code]).toEqual([404, 'logistics.repair_not_found']);
    const listed = await call<{ items: { id: string }[] }>(otherClient, 'GET', `/${warehouseId}/repairs`);
    expect(listed.body.items.map((t) => t.id)).not.toContain(ticket);
    const byClient = await call<Problem>(exporter, 'POST', `/${warehouseId}/repairs/${ticket}/diagnosis`, {
      repairable: true,
    });
    expect([byClient.status, byClient.body.code]).toEqual([403, 'logistics.warehouse_operator_only']);
  });
});
