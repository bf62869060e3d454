import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../test/support/test-hub.ts';

type OrderView = { id: string; version: number; status: string };
type OrderDetail = OrderView & {
  history: { version: number; action: string }[];
  documents: {
    documentId: string;
    kind: string;
    documentNumber: string;
    version: number;
    status: string;
    replacesDocumentId: string | null;
  }[];
};
type Issued = { documentId: string; kind: string; documentNumber: string; version: number };
type Problem = {
  status: number;
  code: string;
  currentStatus?: string;
  currentVersion?: number;
  detail: string;
};
type Answer = Awaited<ReturnType<Awaited<ReturnType<typeof createTestHub>>['hub']['app']['inject']>>;

// Issuing from an order signs the credential before it takes the order's row lock (the number is
// part of what is signed), so two requests can race for the same number. What must hold whatever
// the interleaving, on PGlite and on PostgreSQL: each answer is 201 or a clean 409, every 201 is a
// document the order lists with its own number, the versions of a kind run 1..n with no gap or
// twin, the order's version and history count exactly the issued documents, and a refused request
// leaves nothing behind (no credential, log entry, event or audit row without its order link).
describe('trade: issuing documents from one order at the same time', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let yiwu: Party;
  let hamburg: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    // The sequencer integrates on a timer; stopped, "queued entries" only counts what issuing queued.
    await ctx.hub.transparencyLog.sequencer.stop();
    yiwu = await createParty(ctx.hub, 'Yiwu');
    hamburg = await createParty(ctx.hub, 'Hamburg');
    // The seller's first document also sets up what every later one shares (its status lists):
    // issued here, it leaves each test's counts to what that test's requests wrote.
    const { id } = await acceptedOrder();
    const warm = await call(yiwu, 'POST', `/orders/${id}/documents`, { kind: 'commercial_invoice' });
    expect(warm.statusCode, warm.body).toBe(201);
  });
  afterAll(async () => ctx.close());

  const call = (party: Party, method: 'GET' | 'POST', path: string, payload?: object) =>
    ctx.hub.app.inject({
      method,
      url: `/api/orgs/${party.organisationId}${path}`,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload }),
    });

  const acceptedOrder = async () => {
    const created = await call(yiwu, 'POST', '/orders', {
      content: {
        buyerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
        currency: 'EUR',
        seller: {
          organisationId: yiwu.organisationId,
          name: 'Yiwu Ltd',
          country: 'CN',
          addressLines: ['88 Futian Road'],
          city: 'Yiwu',
        },
        buyer: {
          organisationId: hamburg.organisationId,
          name: 'Elbe Handelshaus GmbH',
          country: 'DE',
          companyId: 'DE123456789',
          addressLines: ['Am Sandtorkai 1'],
          city: 'Hamburg',
        },
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' } },
        paymentTerms: 'T/T',
        lines: [
          {
            descriptionEn: 'Plush toy bear, 30 cm',
            hsCode: '950300',
            quantity: '1000',
            unitCode: 'H87',
            unitPrice: { amount: '2.50', currency: 'EUR' },
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<OrderView>();
    const offered = await call(yiwu, 'POST', `/orders/${draft.id}/actions`, {
      action: 'offer',
      version: draft.version,
    });
    const accepted = await call(hamburg, 'POST', `/orders/${draft.id}/actions`, {
      action: 'accept',
      version: offered.json<OrderView>().version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return accepted.json<OrderView>();
  };

  const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(ctx.hub.db.kysely)).rows[0]?.n);

  /** Everything issuing writes, counted: so a refused request provably wrote none of it. */
  const traces = async (orderId: string) => ({
    credentials: await count(
      sql`select count(*) as n from documents.credentials where organisation_id = ${yiwu.organisationId}`,
    ),
    orderDocuments: await count(
      sql`select count(*) as n from trade.order_documents where order_id = ${orderId}`,
    ),
    queuedEntries: await count(sql`select (select count(*) from transparency_log.pending) +
      (select count(*) from transparency_log.entries) as n`),
    issuedEvents: await count(
      sql`select count(*) as n from events.outbox
        where topic = 'trade.order.document_issued' and payload->>'orderId' = ${orderId}`,
    ),
    auditRows: await count(
      sql`select count(*) as n from audit.entries
        where action = 'trade.order.issue_document' and object_id = ${orderId} and outcome = 'success'`,
    ),
  });

  const detailOf = async (orderId: string) => {
    const res = await call(hamburg, 'GET', `/orders/${orderId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<OrderDetail>();
  };

  /**
   * The invariants above, for the answers to requests sent together on `order` (as read just
   * before), `before` being the traces then. Returns the documents the 201s issued.
   */
  const expectConsistent = async (
    order: OrderDetail,
    before: Awaited<ReturnType<typeof traces>>,
    answers: Answer[],
  ) => {
    for (const answer of answers) {
      expect([201, 409], answer.body).toContain(answer.statusCode);
      if (answer.statusCode === 409) {
        expect(answer.headers['content-type']).toContain('application/problem+json');
        const problem = answer.json<Problem>();
        expect(problem.code).toBe('trade.version_conflict');
        // The loser learns the state to decide again from, as every version conflict says it.
        expect(problem.currentStatus).toBe(order.status);
        expect(problem.currentVersion).toBeGreaterThan(order.version);
        expect(problem.detail).toMatch(/latest version is [1-9]/);
      }
    }
    const issued = answers.filter((a) => a.statusCode === 201).map((a) => a.json<Issued>());
    expect(issued.length).toBeGreaterThan(0);
    const after = await detailOf(order.id);

    // Every 201 is listed, with the number and version it answered; nothing else was added.
    expect(after.documents).toHaveLength(order.documents.length + issued.length);
    for (const document of issued) {
      expect(after.documents).toContainEqual(
        expect.objectContaining({
          documentId: document.documentId,
          kind: document.kind,
          documentNumber: document.documentNumber,
          version: document.version,
          status: 'active',
        }),
      );
    }
    const numbers = after.documents.map((d) => d.documentNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    const kinds = new Set(after.documents.map((d) => d.kind));
    for (const kind of kinds) {
      const versions = after.documents
        .filter((d) => d.kind === kind)
        .map((d) => d.version)
        .sort((x, y) => x - y);
      expect(versions, kind).toEqual(versions.map((_v, i) => i + 1));
    }

    // One order version and one history row per issued document, numbered without a gap.
    expect(after.version).toBe(order.version + issued.length);
    expect(after.history.map((h) => h.version)).toEqual(after.history.map((_h, i) => i + 1));
    expect(after.history.filter((h) => h.action === 'issue_document')).toHaveLength(after.documents.length);

    expect(await traces(order.id)).toEqual({
      credentials: before.credentials + issued.length,
      orderDocuments: before.orderDocuments + issued.length,
      queuedEntries: before.queuedEntries + issued.length,
      issuedEvents: before.issuedEvents + issued.length,
      auditRows: before.auditRows + issued.length,
    });
    return { issued, after };
  };

  const together = (orderId: string, bodies: object[]) =>
    Promise.all(bodies.map((body) => call(yiwu, 'POST', `/orders/${orderId}/documents`, body)));

  it('gives identical requests sent together distinct versions, or a clean 409', async () => {
    const { id } = await acceptedOrder();
    const order = await detailOf(id);
    const before = await traces(id);
    const answers = await together(
      id,
      Array.from({ length: 4 }, () => ({ kind: 'commercial_invoice' })),
    );
    const { issued } = await expectConsistent(order, before, answers);
    // Issuing a kind again is its next version by design (the web app offers every kind again);
    // a request that chose a version another committed first is refused, not renumbered, since the
    // number is signed. Either way the numbers run from 1 without a gap.
    expect(issued.map((d) => d.version).sort()).toEqual(issued.map((_d, i) => i + 1));

    // Sent again one by one, the same request is the next version.
    const again = await call(yiwu, 'POST', `/orders/${id}/documents`, { kind: 'commercial_invoice' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<Issued>().version).toBe(issued.length + 1);
  });

  it('issues every document of different kinds sent together', async () => {
    const { id } = await acceptedOrder();
    const order = await detailOf(id);
    const before = await traces(id);
    const kinds = ['commercial_invoice', 'sales_contract', 'proforma_invoice', 'e_invoice'];
    const answers = await together(
      id,
      kinds.map((kind) => ({ kind })),
    );
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body).join('\n'),
    ).toEqual(kinds.map(() => 201));
    const { after } = await expectConsistent(order, before, answers);
    expect(after.documents.map((d) => [d.kind, d.version]).sort()).toEqual(kinds.map((k) => [k, 1]).sort());
  });

  it('keeps identical and different kinds apart when both arrive at once', async () => {
    const { id } = await acceptedOrder();
    const order = await detailOf(id);
    const before = await traces(id);
    const answers = await together(id, [
      { kind: 'commercial_invoice' },
      { kind: 'proforma_invoice' },
      { kind: 'commercial_invoice' },
      { kind: 'proforma_invoice' },
      { kind: 'sales_contract' },
    ]);
    const { issued, after } = await expectConsistent(order, before, answers);
    // A kind alone in the batch never meets a conflict; a doubled kind issued at least once.
    expect(answers[4]?.statusCode, answers[4]?.body).toBe(201);
    expect(new Set(issued.map((d) => d.kind))).toEqual(
      new Set(['commercial_invoice', 'proforma_invoice', 'sales_contract']),
    );
    expect(after.documents.filter((d) => d.kind === 'sales_contract')).toHaveLength(1);
  });

  it('lets one of two amendments of the same document through', async () => {
    const { id } = await acceptedOrder();
    const first = await call(yiwu, 'POST', `/orders/${id}/documents`, { kind: 'commercial_invoice' });
    expect(first.statusCode, first.body).toBe(201);
    const original = first.json<Issued>();
    const order = await detailOf(id);
    const before = await traces(id);
    const answers = await together(
      id,
      Array.from({ length: 3 }, () => ({
        kind: 'commercial_invoice',
        replacesDocumentId: original.documentId,
      })),
    );
    const { issued, after } = await expectConsistent(order, before, answers);
    expect(issued).toEqual([expect.objectContaining({ version: 2 })]);
    expect(after.documents.filter((d) => d.replacesDocumentId === original.documentId)).toHaveLength(1);
  });
});
