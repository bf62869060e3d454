import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../test/support/test-hub.ts';
import { type OrderContentJson, orderContentFromJson } from './domain/order-json.ts';
import { buildUblOrderResponse } from './formats/index.ts';

type Json = Record<string, unknown>;
type OrderView = {
  id: string;
  version: number;
  status: string;
  content: Json & { total: Json; lines: Json[] };
};

// The hub as it starts: the real document generators and UBL / Peppol converters wired in.
describe('trade: UBL, Peppol and generated documents over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let yiwu: Party;
  let hamburg: Party;
  let outsider: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    yiwu = await createParty(ctx.hub, 'Yiwu');
    hamburg = await createParty(ctx.hub, 'Hamburg');
    outsider = await createParty(ctx.hub, 'Outsider');
  });
  afterAll(async () => ctx.close());

  const call = (
    party: Party,
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    ctx.hub.app.inject({
      method,
      url: `/api/orgs/${party.organisationId}${path}`,
      headers: { cookie: party.cookie, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Json | string }),
    });

  const content = (sellerCompanyId = '91330782MA2D0C4X1K') => ({
    buyerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
    issueDate: '2026-11-20',
    currency: 'EUR',
    seller: {
      organisationId: yiwu.organisationId,
      name: 'Yiwu Ltd',
      country: 'CN',
      companyId: sellerCompanyId,
      addressLines: ['88 Futian Road'],
      city: 'Yiwu',
      postalCode: '322000',
      email: 'sales@yiwu.example',
    },
    buyer: {
      organisationId: hamburg.organisationId,
      name: 'Elbe Handelshaus GmbH',
      country: 'DE',
      companyId: 'DE123456789',
      addressLines: ['Am Sandtorkai 1'],
      city: 'Hamburg',
      postalCode: '20457',
      email: 'einkauf@elbe.example',
    },
    incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' } },
    requestedDeliveryDate: '2027-01-15',
    paymentTerms: '30% T/T in advance, 70% against copy of B/L',
    lines: [
      {
        descriptionEn: 'Plush toy bear, 30 cm',
        descriptionZh: '毛绒玩具熊，30厘米',
        hsCode: '950300',
        quantity: '1000',
        unitCode: 'H87',
        unitPrice: { amount: '2.50', currency: 'EUR' },
      },
    ],
  });

  const acceptedOrder = async (body = content()) => {
    const created = await call(yiwu, 'POST', '/orders', { content: body });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<OrderView>();
    const offered = await call(yiwu, 'POST', `/orders/${draft.id}/actions`, {
      action: 'offer',
      version: draft.version,
    });
    const accepted = await call(hamburg, 'POST', `/orders/${draft.id}/actions`, {
      action: 'accept',
      version: offered.json<OrderView>().version,
      note: 'Agreed',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return accepted.json<OrderView>();
  };

  it('exports an order as UBL 2.4 and imports it back as a draft with the same terms', async () => {
    const order = await acceptedOrder();
    const xml = await call(hamburg, 'GET', `/orders/${order.id}/ubl/order`);
    expect(xml.statusCode, xml.body).toBe(200);
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toContain(String(order.content.buyerReference));

    const imported = await call(yiwu, 'POST', '/orders/import/ubl', xml.body, {
      'content-type': 'application/xml',
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const draft = imported.json<OrderView>();
    expect(draft.status).toBe('draft');
    expect(draft.content.total).toEqual(order.content.total);
    expect(draft.content.lines).toHaveLength(1);
  });

  it('answers the order with a UBL OrderResponse once accepted, 409 before', async () => {
    const order = await acceptedOrder();
    const response = await call(yiwu, 'GET', `/orders/${order.id}/ubl/order-response`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('AP');
    const draft = (await call(yiwu, 'POST', '/orders', { content: content() })).json<OrderView>();
    const early = await call(yiwu, 'GET', `/orders/${draft.id}/ubl/order-response`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'trade.no_order_response', currentStatus: 'draft' });
    expect((await call(outsider, 'GET', `/orders/${order.id}/ubl/order-response`)).statusCode).toBe(404);
  });

  it('imports the official UBL Order example unmodified once the importer states what it lacks', async () => {
    const official = readFileSync(
      new URL('./formats/testdata/UBL-Order-2.1-Example.xml', import.meta.url),
      'utf8',
    );
    const plain = await call(yiwu, 'POST', '/orders/import/ubl', official, {
      'content-type': 'application/xml',
    });
    expect(plain.statusCode).toBe(400);
    expect(plain.headers['content-type']).toContain('application/problem+json');
    const missing = plain.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(missing.sort()).toEqual(
      [
        'incoterms.namedPlace.unlocode',
        'incoterms.rule',
        'lines.0.hsCode',
        'lines.1.hsCode',
        'paymentTerms',
      ].sort(),
    );
    const before = (await call(yiwu, 'GET', '/orders')).json<{ items: unknown[] }>().items.length;

    const badCompletion = await call(yiwu, 'POST', '/orders/import/ubl', {
      ubl: official,
      completion: { hsCodes: { '1': 320910 } },
    });
    expect(badCompletion.statusCode).toBe(400);
    expect(badCompletion.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      'completion.hsCodes.1',
    );

    const completed = await call(yiwu, 'POST', '/orders/import/ubl', {
      ubl: official,
      completion: {
        incoterms: { rule: 'FCA', namedPlace: { unlocode: 'SESTO', name: 'Stockholm' } },
        hsCodes: { '1': '320910', '2': '960340' },
        paymentTerms: '30 days net',
      },
    });
    expect(completed.statusCode, completed.body).toBe(201);
    const draft = completed.json<OrderView>();
    expect(draft.status).toBe('draft');
    expect(draft.content.lines.map((line) => line.hsCode)).toEqual(['320910', '960340']);
    expect(draft.content.incoterms).toEqual({
      rule: 'FCA',
      namedPlace: { unlocode: 'SESTO', name: 'Stockholm' },
    });
    expect(draft.content.total).toEqual({ amount: '6225.00', currency: 'SEK' });
    // Refusals wrote nothing: exactly one order more than before.
    expect((await call(yiwu, 'GET', '/orders')).json<{ items: unknown[] }>().items.length).toBe(before + 1);
    // The buyer's organisation cannot see the importer's draft.
    expect((await call(outsider, 'GET', `/orders/${draft.id}`)).statusCode).toBe(404);
  });

  it("applies the other party's UBL OrderResponse: CA counters, AP accepts, and refuses one for another order", async () => {
    const created = (await call(yiwu, 'POST', '/orders', { content: content() })).json<OrderView>();
    const offered = (
      await call(yiwu, 'POST', `/orders/${created.id}/actions`, { action: 'offer', version: created.version })
    ).json<OrderView>();
    const terms = orderContentFromJson(offered.content as unknown as OrderContentJson);
    const line = terms.lines[0];
    if (line === undefined) {
      throw new Error('the order has a line');
    }
    const cheaper = {
      ...terms,
      lines: [
        {
          ...line,
          unitPrice: { ...line.unitPrice, amountMinor: 230n },
          lineTotal: { ...line.lineTotal, amountMinor: 230000n },
        },
      ],
      total: { ...terms.total, amountMinor: 230000n },
    };
    const importResponse = (party: Party, xml: string, version: number) =>
      call(party, 'POST', `/orders/${created.id}/import/ubl-order-response?version=${version}`, xml, {
        'content-type': 'application/xml',
      });
    const counterXml = buildUblOrderResponse(cheaper, {
      orderId: created.id,
      responseCode: 'CA',
      note: 'EUR 2.30 a piece',
      issueDate: '2026-11-21',
    });

    // Another order's response, a stale version, a stranger: refused, nothing changed.
    const otherOrder = counterXml.replace(
      `<cbc:ID>${terms.buyerReference}</cbc:ID>`,
      '<cbc:ID>PO-OTHER</cbc:ID>',
    );
    const wrong = await importResponse(hamburg, otherOrder, offered.version);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'buyerReference', code: 'trade.reference_mismatch' }),
    ]);
    const stale = await importResponse(hamburg, counterXml, offered.version - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'trade.version_conflict', currentVersion: offered.version });
    expect((await importResponse(outsider, counterXml, offered.version)).statusCode).toBe(404);
    const statusOnly = await importResponse(
      hamburg,
      counterXml.replace(/<cbc:OrderResponseCode[^>]*>CA<\/cbc:OrderResponseCode>/, ''),
      offered.version,
    );
    expect(statusOnly.statusCode).toBe(400);
    expect(statusOnly.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'responseCode',
    ]);

    const countered = await importResponse(hamburg, counterXml, offered.version);
    expect(countered.statusCode, countered.body).toBe(200);
    const afterCounter = countered.json<OrderView>();
    expect(afterCounter.status).toBe('countered');
    expect(afterCounter.content.total).toEqual({ amount: '2300.00', currency: 'EUR' });

    // The seller's system accepts the counter-offer; an AP with other terms would be a counter.
    const acceptXml = buildUblOrderResponse(cheaper, {
      orderId: created.id,
      responseCode: 'AP',
      issueDate: '2026-11-22',
    });
    const otherTerms = buildUblOrderResponse(terms, {
      orderId: created.id,
      responseCode: 'AP',
      issueDate: '2026-11-22',
    });
    const differs = await importResponse(yiwu, otherTerms, afterCounter.version);
    expect(differs.statusCode).toBe(400);
    expect(differs.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('trade.terms_differ');
    const accepted = await importResponse(yiwu, acceptXml, afterCounter.version);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<OrderView>().status).toBe('accepted');
    const again = await importResponse(yiwu, acceptXml, accepted.json<OrderView>().version);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'trade.transition_not_allowed', currentStatus: 'accepted' });
  });

  it('refuses a UBL file with an external entity, and one that is not XML', async () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY x SYSTEM "file:///etc/passwd">]><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><cbc:ID>&x;</cbc:ID></Order>`;
    const refused = await call(yiwu, 'POST', '/orders/import/ubl', evil, {
      'content-type': 'application/xml',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('root:');
    const garbage = await call(yiwu, 'POST', '/orders/import/ubl', '<Order><unclosed>', {
      'content-type': 'application/xml',
    });
    expect(garbage.statusCode).toBe(400);
  });

  it('issues a commercial invoice generated from the order, and exports it as a Peppol BIS 3.0 invoice', async () => {
    // Peppol addresses a seller by LEI, GLN or EU VAT number; a USCC alone is not enough.
    const order = await acceptedOrder(content('5493001KJTIIGC8Y1R12'));
    const issued = await call(yiwu, 'POST', `/orders/${order.id}/documents`, { kind: 'commercial_invoice' });
    expect(issued.statusCode, issued.body).toBe(201);
    const { documentId } = issued.json<{ documentId: string }>();
    const peppol = await call(hamburg, 'GET', `/orders/${order.id}/documents/${documentId}/peppol`);
    expect(peppol.statusCode, peppol.body).toBe(200);
    expect(peppol.headers['content-type']).toContain('application/xml');
    expect(peppol.body).toContain(
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    );

    const uscc = await acceptedOrder();
    const invoice = (
      await call(yiwu, 'POST', `/orders/${uscc.id}/documents`, { kind: 'commercial_invoice' })
    ).json<{ documentId: string }>();
    const refused = await call(yiwu, 'GET', `/orders/${uscc.id}/documents/${invoice.documentId}/peppol`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      errors: [expect.objectContaining({ field: 'seller.companyId' })],
    });
    // A packing list needs packages and weights the order does not hold: the generator names them,
    // and the seller sends them as overrides.
    const bare = await call(yiwu, 'POST', `/orders/${uscc.id}/documents`, { kind: 'packing_list' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field: 'subject.lines.0.packageCount' })]),
    });
    const packing = await call(yiwu, 'POST', `/orders/${uscc.id}/documents`, {
      kind: 'packing_list',
      overrides: {
        lines: [
          {
            packageCount: 50,
            packageType: 'XCT',
            grossWeight: { value: '520', unitCode: 'KGM' },
            netWeight: { value: '480', unitCode: 'KGM' },
          },
        ],
      },
    });
    expect(packing.statusCode, packing.body).toBe(201);
    const notInvoice = await call(
      yiwu,
      'GET',
      `/orders/${uscc.id}/documents/${packing.json<{ documentId: string }>().documentId}/peppol`,
    );
    expect(notInvoice.statusCode).toBe(409);
    expect(notInvoice.json()).toMatchObject({ code: 'trade.not_an_invoice' });
  });
});
