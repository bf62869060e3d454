import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, type Party, rememberSecret } from '../../../test/support/test-hub.ts';
import { createTradeTestHub } from './test-support/trade-test-hub.ts';

type Json = Record<string, unknown>;
type OrderView = {
  id: string;
  version: number;
  status: string;
  myRole: string;
  sellerOrganisationId: string;
  buyerOrganisationId: string | null;
  buyerInvitation: { email: string; status: string } | null;
  awaitingOrganisationId: string | null;
  allowedActions: string[];
  content: Json & { lines: (Json & { lineTotal: Json })[]; total: Json };
  invitationUrl?: string;
};
type OrderDetail = OrderView & {
  history: {
    version: number;
    action: string;
    status: string;
    byOrganisationId: string;
    byOrganisationName: string;
    byUserLabel: string;
    note: string | null;
    contentChanged: boolean;
  }[];
  parties: { organisationId: string | null; role: string }[];
  shares: { organisationId: string; role: string }[];
  documents: {
    documentId: string;
    kind: string;
    version: number;
    status: string;
    replacesDocumentId: string | null;
  }[];
};
type Problem = {
  status: number;
  code: string;
  errors?: { field: string; code: string }[];
  currentStatus?: string;
  currentVersion?: number;
};

describe('trade: orders over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof createTradeTestHub>>;
  let yiwu: Party;
  let hamburg: Party;
  let ningbo: Party;
  let outsider: Party;

  beforeAll(async () => {
    ctx = await createTradeTestHub();
    yiwu = await createParty(ctx.hub, 'Yiwu');
    hamburg = await createParty(ctx.hub, 'Hamburg');
    ningbo = await createParty(ctx.hub, 'Ningbo');
    outsider = await createParty(ctx.hub, 'Outsider');
  });
  afterAll(async () => ctx.close());

  const call = (
    party: Party,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload?: unknown,
    headers: Json = {},
  ) =>
    ctx.hub.app.inject({
      method,
      url: `/api/orgs/${party.organisationId}${path}`,
      headers: { cookie: party.cookie, ...(headers as Record<string, string>) },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });

  const line = (overrides: Json = {}) => ({
    descriptionEn: 'Plush toy bear, 30 cm',
    descriptionZh: '毛绒玩具熊，30厘米',
    hsCode: '950300',
    quantity: '1000',
    unitCode: 'H87',
    unitPrice: { amount: '2.50', currency: 'USD' },
    ...overrides,
  });
  const content = (overrides: Json = {}, buyer: Json = { organisationId: hamburg.organisationId }) => ({
    buyerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
    issueDate: '2026-11-20',
    currency: 'USD',
    seller: { organisationId: yiwu.organisationId, name: 'Yiwu Ltd', country: 'CN' },
    buyer: { name: 'Elbe Handelshaus GmbH', country: 'DE', ...buyer },
    incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' } },
    requestedDeliveryDate: '2027-01-15',
    paymentTerms: '30% T/T in advance, 70% against copy of B/L',
    lines: [
      line(),
      line({
        descriptionEn: 'Wooden puzzle',
        hsCode: '950300',
        quantity: '250.5',
        unitCode: 'KGM',
        unitPrice: { amount: '3.33', currency: 'USD' },
      }),
    ],
    ...overrides,
  });
  const createDraft = async (body: Json = content()) => {
    const response = await call(yiwu, 'POST', '/orders', { content: body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<OrderView>();
  };
  const act = (party: Party, order: { id: string; version: number }, action: string, extra: Json = {}) =>
    call(party, 'POST', `/orders/${order.id}/actions`, { action, version: order.version, ...extra });
  const actOk = async (
    party: Party,
    order: { id: string; version: number },
    action: string,
    extra: Json = {},
  ) => {
    const response = await act(party, order, action, extra);
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    return response.json<OrderView>();
  };
  const acceptedOrder = async () => {
    const offered = await actOk(yiwu, await createDraft(), 'offer');
    return actOk(hamburg, offered, 'accept');
  };

  it('runs the lifecycle: Yiwu drafts and offers, Hamburg counters, Yiwu accepts, fulfils and completes', async () => {
    const draft = await createDraft();
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      myRole: 'seller',
      awaitingOrganisationId: null,
    });
    // Totals are the server's: 1000 x 2.50 and 250.5 x 3.33 = 834.165, half-up to 834.17.
    expect(draft.content.lines.map((l) => l.lineTotal)).toEqual([
      { amount: '2500.00', currency: 'USD' },
      { amount: '834.17', currency: 'USD' },
    ]);
    expect(draft.content.total).toEqual({ amount: '3334.17', currency: 'USD' });

    const offered = await actOk(yiwu, draft, 'offer');
    expect(offered).toMatchObject({
      status: 'offered',
      version: 2,
      awaitingOrganisationId: hamburg.organisationId,
    });
    const seenByBuyer = (await call(hamburg, 'GET', `/orders/${draft.id}`)).json<OrderDetail>();
    expect(seenByBuyer.myRole).toBe('buyer');
    expect(seenByBuyer.allowedActions).toEqual(['accept', 'reject', 'counter', 'cancel']);

    const counterContent = {
      ...offered.content,
      lines: [line({ unitPrice: { amount: '2.30', currency: 'USD' } })],
      total: undefined,
    };
    const countered = await actOk(hamburg, offered, 'counter', {
      content: counterContent,
      note: 'Price 2.30 for 1000 pcs',
    });
    expect(countered).toMatchObject({ status: 'countered', awaitingOrganisationId: yiwu.organisationId });
    expect(countered.content.total).toEqual({ amount: '2300.00', currency: 'USD' });

    const accepted = await actOk(yiwu, countered, 'accept');
    expect(accepted).toMatchObject({ status: 'accepted', awaitingOrganisationId: null });
    const fulfilling = await actOk(yiwu, accepted, 'start_fulfilment');
    const completed = await actOk(yiwu, fulfilling, 'complete');
    expect(completed).toMatchObject({ status: 'completed', version: 6, allowedActions: [] });

    const detail = (await call(yiwu, 'GET', `/orders/${draft.id}`)).json<OrderDetail>();
    expect(detail.history.map((h) => [h.action, h.status, h.byOrganisationId, h.contentChanged])).toEqual([
      ['create', 'draft', yiwu.organisationId, true],
      ['offer', 'offered', yiwu.organisationId, false],
      ['counter', 'countered', hamburg.organisationId, true],
      ['accept', 'accepted', yiwu.organisationId, false],
      ['start_fulfilment', 'in_fulfilment', yiwu.organisationId, false],
      ['complete', 'completed', yiwu.organisationId, false],
    ]);
    expect(detail.history[2]).toMatchObject({
      byOrganisationName: 'Hamburg Ltd',
      byUserLabel: expect.stringContaining('Hamburg'),
      note: 'Price 2.30 for 1000 pcs',
    });
  });

  it('answers 409 with the current status for a transition the lifecycle does not allow, and for a stale version', async () => {
    const draft = await createDraft();
    const early = await act(yiwu, draft, 'start_fulfilment');
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json<Problem>()).toMatchObject({
      code: 'trade.transition_not_allowed',
      currentStatus: 'draft',
    });

    const offered = await actOk(yiwu, draft, 'offer');
    const stale = await act(hamburg, draft, 'accept');
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>()).toMatchObject({
      code: 'trade.version_conflict',
      currentVersion: offered.version,
    });

    const edit = await call(yiwu, 'PUT', `/orders/${draft.id}`, {
      version: offered.version,
      content: content(),
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json<Problem>()).toMatchObject({ code: 'trade.not_editable', currentStatus: 'offered' });
  });

  it('answers 403 when it is the other party’s move', async () => {
    const draft = await createDraft();
    expect((await act(hamburg, draft, 'offer')).statusCode).toBe(403);
    const offered = await actOk(yiwu, draft, 'offer');
    const selfAccept = await act(yiwu, offered, 'accept');
    expect(selfAccept.statusCode).toBe(403);
    expect(selfAccept.json<Problem>().code).toBe('trade.not_your_move');
    const accepted = await actOk(hamburg, offered, 'accept');
    expect((await act(hamburg, accepted, 'start_fulfilment')).statusCode).toBe(403);
    const edit = await call(hamburg, 'PUT', `/orders/${draft.id}`, {
      version: accepted.version,
      content: content(),
    });
    expect([403, 409]).toContain(edit.statusCode);
  });

  it('lets the drafter edit a draft, with optimistic locking, and cancel with a note', async () => {
    const draft = await createDraft();
    const edited = await call(yiwu, 'PUT', `/orders/${draft.id}`, {
      version: 1,
      content: content({ paymentTerms: 'L/C at sight' }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<OrderView>()).toMatchObject({ version: 2, content: { paymentTerms: 'L/C at sight' } });
    expect(
      (await call(yiwu, 'PUT', `/orders/${draft.id}`, { version: 1, content: content() })).statusCode,
    ).toBe(409);
    const noNote = await act(hamburg, { id: draft.id, version: 2 }, 'cancel');
    expect(noNote.statusCode).toBe(400);
    const cancelled = await actOk(hamburg, { id: draft.id, version: 2 }, 'cancel', {
      note: 'Not needed any more',
    });
    expect(cancelled.status).toBe('cancelled');
  });

  describe('bad input gets 400 naming the field', () => {
    const cases: [string, () => Json, string, string][] = [
      [
        'an unknown HS code',
        () => content({ lines: [line({ hsCode: '950399' })] }),
        'content.lines.0.hsCode',
        'kernel.unknown_code',
      ],
      [
        'an HS code with dots',
        () => content({ lines: [line(), line({ hsCode: '9503.00' })] }),
        'content.lines.1.hsCode',
        'kernel.invalid_format',
      ],
      [
        'an invalid UN/LOCODE',
        () => content({ incoterms: { rule: 'FOB', namedPlace: { unlocode: 'XX123' } } }),
        'content.incoterms.namedPlace.unlocode',
        'kernel.unknown_code',
      ],
      [
        'an unknown unit code',
        () => content({ lines: [line({ unitCode: 'QQQ' })] }),
        'content.lines.0.unitCode',
        'kernel.unknown_code',
      ],
      ['an unknown currency', () => content({ currency: 'XXY' }), 'content.currency', 'kernel.unknown_code'],
      [
        'a zero quantity',
        () => content({ lines: [line({ quantity: '0' })] }),
        'content.lines.0.quantity',
        'trade.quantity_not_positive',
      ],
      [
        'a negative quantity',
        () => content({ lines: [line({ quantity: '-5' })] }),
        'content.lines.0.quantity',
        'trade.quantity_not_positive',
      ],
      [
        'a line in another currency',
        () => content({ lines: [line(), line({ unitPrice: { amount: '2.00', currency: 'EUR' } })] }),
        'content.lines.1.unitPrice.currency',
        'trade.currency_mismatch',
      ],
      [
        'a line total that does not add up',
        () => content({ lines: [line({ lineTotal: { amount: '2499.99', currency: 'USD' } })] }),
        'content.lines.0.lineTotal',
        'trade.total_mismatch',
      ],
      [
        'an order total that does not add up',
        () => content({ lines: [line()], total: { amount: '1.00', currency: 'USD' } }),
        'content.total',
        'trade.total_mismatch',
      ],
      [
        'an unknown buyer organisation',
        () => content({}, { organisationId: 'org_00000000000000000000000000' }),
        'content.buyer.organisationId',
        'trade.unknown_organisation',
      ],
      [
        'a buyer with neither organisation nor e-mail',
        () => content({}, {}),
        'content.buyer.email',
        'trade.buyer_contact_required',
      ],
      [
        'an unknown Incoterms rule',
        () => content({ incoterms: { rule: 'XYZ', namedPlace: { unlocode: 'CNNGB' } } }),
        'content.incoterms.rule',
        'kernel.unknown_code',
      ],
    ];
    for (const [label, body, field, code] of cases) {
      it(label, async () => {
        const response = await call(yiwu, 'POST', '/orders', { content: body() });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.json<Problem>().errors).toContainEqual(expect.objectContaining({ field, code }));
      });
    }

    it('an order the caller is no party of', async () => {
      const response = await call(outsider, 'POST', '/orders', { content: content() });
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.[0]).toMatchObject({ code: 'trade.not_a_party_of_content' });
    });
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const body = { content: content() };
    const first = await call(yiwu, 'POST', '/orders', body, { 'idempotency-key': 'order-create-1' });
    const again = await call(yiwu, 'POST', '/orders', body, { 'idempotency-key': 'order-create-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json<OrderView>().id).toBe(first.json<OrderView>().id);
  });

  it('issues documents from an accepted order, and amendments as new versions', async () => {
    const order = await acceptedOrder();
    const invoice = await call(yiwu, 'POST', `/orders/${order.id}/documents`, { kind: 'commercial_invoice' });
    expect(invoice.statusCode, invoice.body).toBe(201);
    const first = invoice.json<{ documentId: string; documentNumber: string; version: number }>();
    expect(first).toMatchObject({ kind: 'commercial_invoice', version: 1 });
    expect(first.documentNumber).toMatch(/^CI-.+-1$/);
    const amended = await call(yiwu, 'POST', `/orders/${order.id}/documents`, {
      kind: 'commercial_invoice',
      replacesDocumentId: first.documentId,
    });
    expect(amended.json()).toMatchObject({ version: 2 });
    const wrongKind = await call(yiwu, 'POST', `/orders/${order.id}/documents`, {
      kind: 'packing_list',
      replacesDocumentId: first.documentId,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(
      (await call(hamburg, 'POST', `/orders/${order.id}/documents`, { kind: 'packing_list' })).statusCode,
    ).toBe(403);
    const detail = (await call(hamburg, 'GET', `/orders/${order.id}`)).json<OrderDetail>();
    expect(detail.documents.map((d) => [d.kind, d.version, d.status, d.replacesDocumentId])).toEqual([
      ['commercial_invoice', 1, 'active', null],
      ['commercial_invoice', 2, 'active', first.documentId],
    ]);
    expect(detail.history.filter((h) => h.action === 'issue_document')).toHaveLength(2);

    const draft = await createDraft();
    const early = await call(yiwu, 'POST', `/orders/${draft.id}/documents`, { kind: 'commercial_invoice' });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>()).toMatchObject({
      code: 'trade.document_not_issuable',
      currentStatus: 'draft',
    });
  });

  it('shares an order with a forwarder, who sees that order and its documents only, and acts on nothing', async () => {
    const shared = await acceptedOrder();
    const other = await acceptedOrder();
    const issued = (
      await call(yiwu, 'POST', `/orders/${shared.id}/documents`, { kind: 'packing_list' })
    ).json<{ documentId: string }>();
    const otherDoc = (
      await call(yiwu, 'POST', `/orders/${other.id}/documents`, { kind: 'packing_list' })
    ).json<{ documentId: string }>();
    const share = await call(hamburg, 'POST', `/orders/${shared.id}/shares`, {
      organisationId: ningbo.organisationId,
      role: 'forwarder',
    });
    expect(share.statusCode, share.body).toBe(201);
    await ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });

    const seen = await call(ningbo, 'GET', `/orders/${shared.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<OrderDetail>()).toMatchObject({ myRole: 'shared', allowedActions: [] });
    expect(seen.json<OrderDetail>().shares).toEqual([
      expect.objectContaining({ organisationId: ningbo.organisationId, role: 'forwarder' }),
    ]);
    const list = (await call(ningbo, 'GET', '/orders')).json<{ items: OrderView[]; total: number }>();
    expect(list.items.map((o) => o.id)).toEqual([shared.id]);
    expect(list.total).toBe(1);

    const pdf = await call(ningbo, 'GET', `/orders/${shared.id}/documents/${issued.documentId}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const bundle = await call(ningbo, 'GET', `/orders/${shared.id}/documents/${issued.documentId}/bundle`);
    expect(bundle.statusCode).toBe(200);
    // The other order's document is not reachable through the shared order, nor directly.
    expect(
      (await call(ningbo, 'GET', `/orders/${shared.id}/documents/${otherDoc.documentId}/pdf`)).statusCode,
    ).toBe(404);
    expect((await call(ningbo, 'GET', `/orders/${other.id}`)).statusCode).toBe(404);
    expect(
      (await call(ningbo, 'GET', `/orders/${other.id}/documents/${otherDoc.documentId}/bundle`)).statusCode,
    ).toBe(404);
    expect((await call(ningbo, 'GET', `/documents/${issued.documentId}`)).statusCode).toBe(404);

    const current = seen.json<OrderDetail>();
    expect((await act(ningbo, current, 'start_fulfilment')).statusCode).toBe(403);
    expect(
      (await call(ningbo, 'POST', `/orders/${shared.id}/documents`, { kind: 'packing_list' })).statusCode,
    ).toBe(403);
    expect(
      (
        await call(ningbo, 'POST', `/orders/${shared.id}/shares`, {
          organisationId: outsider.organisationId,
          role: 'bank',
        })
      ).statusCode,
    ).toBe(403);

    const unshare = await call(hamburg, 'DELETE', `/orders/${shared.id}/shares/${ningbo.organisationId}`);
    expect(unshare.statusCode).toBe(204);
    expect((await call(ningbo, 'GET', `/orders/${shared.id}`)).statusCode).toBe(404);
    const history = (await call(yiwu, 'GET', `/orders/${shared.id}`)).json<OrderDetail>().history;
    expect(
      history
        .filter((h) => h.action === 'share' || h.action === 'unshare')
        .map((h) => [h.action, h.byOrganisationId]),
    ).toEqual([
      ['share', hamburg.organisationId],
      ['unshare', hamburg.organisationId],
    ]);
  });

  it('answers 404 to an organisation with no relation to the order, on every route', async () => {
    const order = await acceptedOrder();
    const doc = (
      await call(yiwu, 'POST', `/orders/${order.id}/documents`, { kind: 'commercial_invoice' })
    ).json<{ documentId: string }>();
    const o = `/orders/${order.id}`;
    const routes: [method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown][] = [
      ['GET', o],
      ['PUT', o, { version: order.version, content: content() }],
      ['POST', `${o}/actions`, { action: 'start_fulfilment', version: order.version }],
      ['POST', `${o}/shares`, { organisationId: outsider.organisationId, role: 'bank' }],
      ['DELETE', `${o}/shares/${ningbo.organisationId}`],
      ['POST', `${o}/documents`, { kind: 'packing_list' }],
      ['GET', `${o}/documents/${doc.documentId}/pdf`],
      ['GET', `${o}/documents/${doc.documentId}/bundle`],
      ['GET', `${o}/documents/${doc.documentId}/peppol`],
      ['GET', `${o}/ubl/order`],
      ['GET', `${o}/ubl/order-response`],
    ];
    for (const [method, path, body] of routes) {
      const response = await call(outsider, method, path, body);
      expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(404);
      expect(response.body).not.toContain('Elbe');
      // Under the owner's organisation id, an outsider is not a member: 404 as well.
      const onOwner = await ctx.hub.app.inject({
        method,
        url: `/api/orgs/${yiwu.organisationId}${path}`,
        headers: { cookie: outsider.cookie },
        ...(body === undefined ? {} : { payload: body as Json }),
      });
      expect(onOwner.statusCode, `${method} ${path} under the seller`).toBe(404);
    }
    const list = (await call(outsider, 'GET', '/orders')).json<{ items: unknown[]; total: number }>();
    expect(list).toMatchObject({ items: [], total: 0 });
  });

  it('invites a buyer not on the hub by e-mail; the buyer claims the order once', async () => {
    const created = await createDraft(content({}, { email: 'buyer@elbe.example' }));
    expect(created.buyerOrganisationId).toBeNull();
    expect(created.buyerInvitation).toEqual({ email: 'buyer@elbe.example', status: 'pending' });
    expect(created.invitationUrl).toMatch(/^http:\/\/localhost:8080\/order-invitations\/[\w-]{43}$/);
    const token = String(created.invitationUrl?.split('/').at(-1));
    rememberSecret(token);
    const offered = await actOk(yiwu, created, 'offer');
    expect(offered.awaitingOrganisationId).toBeNull();

    const preview = await call(hamburg, 'GET', `/order-invitations/${token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ orderId: created.id, status: 'pending', sellerName: 'Yiwu Ltd' });
    expect((await call(hamburg, 'GET', '/order-invitations/not-a-real-token-at-all-000000')).statusCode).toBe(
      404,
    );

    const claimed = await call(hamburg, 'POST', `/order-invitations/${token}/claim`);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json<OrderView>()).toMatchObject({
      myRole: 'buyer',
      buyerOrganisationId: hamburg.organisationId,
      awaitingOrganisationId: hamburg.organisationId,
      buyerInvitation: { status: 'claimed' },
    });
    expect((await call(outsider, 'POST', `/order-invitations/${token}/claim`)).statusCode).toBe(409);
    await actOk(hamburg, claimed.json<OrderView>(), 'accept');
  });

  it('lists with filters and search, and pages with a cursor', async () => {
    const ref = `SEARCH-${Date.now()}`;
    const found = await createDraft(content({ buyerReference: ref }));
    const byRef = (await call(yiwu, 'GET', `/orders?q=${ref.toLowerCase()}`)).json<{ items: OrderView[] }>();
    expect(byRef.items.map((o) => o.id)).toEqual([found.id]);
    const byDescription = (await call(hamburg, 'GET', '/orders?q=Wooden%20puzzle&role=buyer&limit=2')).json<{
      items: OrderView[];
      nextCursor: string | null;
      total: number;
    }>();
    expect(byDescription.items).toHaveLength(2);
    expect(byDescription.total).toBeGreaterThan(2);
    const next = (
      await call(
        hamburg,
        'GET',
        `/orders?q=Wooden%20puzzle&role=buyer&limit=2&cursor=${byDescription.nextCursor}`,
      )
    ).json<{ items: OrderView[] }>();
    expect(next.items[0]?.id).not.toBe(byDescription.items[1]?.id);
    const drafts = (await call(yiwu, 'GET', '/orders?status=draft')).json<{ items: OrderView[] }>();
    expect(drafts.items.every((o) => o.status === 'draft')).toBe(true);
    expect((await call(yiwu, 'GET', '/orders?status=nonsense')).statusCode).toBe(400);
  });

  it('lists partners without the caller itself', async () => {
    const partners = (await call(yiwu, 'GET', '/partners?q=ltd')).json<
      { organisationId: string; name: string }[]
    >();
    expect(partners.map((p) => p.organisationId)).toContain(hamburg.organisationId);
    expect(partners.map((p) => p.organisationId)).not.toContain(yiwu.organisationId);
  });
});
