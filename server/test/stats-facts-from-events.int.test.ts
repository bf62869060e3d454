import { usccCheckCharacter } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customsEvents,
  generateDemoExportParcels,
  generateDemoParcels,
  signAsDemoDeclarant,
} from '../src/modules/customs/index.ts';
import { csvFxRateProvider } from '../src/modules/payments/index.ts';
import { factEventTopics } from '../src/modules/stats/index.ts';
import { tradeEvents } from '../src/modules/trade/index.ts';
import { createParty, createTestHub, type Party, rememberSecret, testPassword } from './support/test-hub.ts';

// Trade facts fed by events (docs/stats-facts-from-events.md): a released CBEC parcel and an
// invoiced sale each become facts once, however often the bus delivers them; a change that rolled
// back leaves nothing; a fact without a rate is parked and retried, never dropped; and the
// enterprises behind a figure are shown to a regulator's authorised people only.

type FactRow = {
  source: string;
  source_ref: string;
  organisation_id: string | null;
  enterprise_code: string;
  month: string;
  flow: string;
  kind: string;
  customs_mode: string | null;
  partner: string;
  hs_chapter: string | null;
  ebops: string | null;
  content_type: string;
  city: string;
  digitally_ordered: boolean;
  digitally_delivered: boolean;
  platform_intermediated: boolean;
  amount_minor: string;
  currency: string;
  cny_minor: string;
  usd_minor: string;
};

const exporterUscc = `91330782MA2D7YW02${usccCheckCharacter('91330782MA2D7YW02')}`;

describe('statistics facts from events', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let platform: Party;
  let exporter: Party;
  let buyer: Party;
  let bank: Party;
  let commerce: Party;
  let commerceMember: { cookie: string };
  let orderCount = 0;

  const call = async (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload }),
    });
    return {
      status: response.statusCode,
      body: response.json<Record<string, unknown>>(),
      type: response.headers['content-type'],
    };
  };
  const facts = async (source: string, refPrefix: string) =>
    (
      await sql<FactRow>`
        select source, source_ref, organisation_id, enterprise_code, to_char(month, 'YYYY-MM-DD') as month, flow,
          kind, customs_mode, partner, hs_chapter, ebops, content_type, city, digitally_ordered,
          digitally_delivered, platform_intermediated, amount_minor::text, currency, cny_minor::text,
          usd_minor::text
        from stats.facts where source = ${source} and source_ref like ${`${refPrefix}%`}
        order by source_ref`.execute(ctx.hub.db.kysely)
    ).rows;
  const rollupFacts = async () =>
    (
      await sql<{ n: string; usd: string }>`
        select coalesce(sum(facts), 0)::text as n, coalesce(sum(usd_minor), 0)::text as usd
        from stats.rollup_main`.execute(ctx.hub.db.kysely)
    ).rows[0];
  const outboxEvents = async (topic: string) =>
    (
      await sql<{ id: string; payload: Record<string, unknown> }>`
        select id, payload from events.outbox where topic = ${topic} order by seq`.execute(ctx.hub.db.kysely)
    ).rows;
  /** Delivers every due event, then marks them all undelivered and delivers them again. */
  const deliverTwice = async () => {
    await ctx.hub.bus.dispatchPending();
    await sql`update events.outbox set dispatched_at = null, next_attempt_at = now() - interval '1 second'
      where topic in (${factEventTopics.parcelReleased}, ${factEventTopics.invoiceIssued})`.execute(
      ctx.hub.db.kysely,
    );
    await ctx.hub.bus.dispatchPending();
  };

  /** The first seed from `from` whose parcel's lines all fall in one HS chapter. */
  const singleChapterSeed = (prefix: string, from = 1) => {
    for (let seed = from; seed < from + 500; seed += 1) {
      const [parcel] = generateDemoParcels({ count: 1, seed, defectRate: 0, prefix });
      const chapters = new Set(
        [...(parcel?.inventory ?? '').matchAll(/gcode>(\d{2})\d*</g)].map((match) => match[1]),
      );
      if (chapters.size === 1) {
        return seed;
      }
    }
    throw new Error('no single-chapter parcel among the seeds');
  };
  const sendParcel = async (seed: number, prefix: string, defectRate = 0) => {
    const [parcel] = generateDemoParcels({ count: 1, seed, defectRate, prefix });
    if (parcel === undefined) {
      throw new Error('the generator made no parcel');
    }
    const response = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${platform.organisationId}`,
      headers: { cookie: platform.cookie },
      payload: {
        messages: [parcel.order, parcel.payment, parcel.waybill, await signAsDemoDeclarant(parcel.inventory)],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const outcomes = response.json<{ outcomes: { parcelIds: string[] }[] }>().outcomes;
    return outcomes.flatMap((o) => o.parcelIds)[0] as string;
  };

  const act = async (party: Party, orderId: string, action: string, version: number) => {
    const answer = await call(
      party.cookie,
      'POST',
      `/api/orgs/${party.organisationId}/orders/${orderId}/actions`,
      {
        action,
        version,
      },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return Number(answer.body.version);
  };
  /** An accepted order from the exporter (CN) to the buyer (DE) with the given lines, in USD. */
  const acceptedOrder = async (
    lines: { hsCode: string; quantity: string; unitCode: string; price: string }[],
  ) => {
    orderCount += 1;
    const created = await call(exporter.cookie, 'POST', `/api/orgs/${exporter.organisationId}/orders`, {
      content: {
        buyerReference: `FACTS-PO-${orderCount}`,
        currency: 'USD',
        seller: { organisationId: exporter.organisationId, name: 'Hangzhou Soft Co.', country: 'CN' },
        buyer: { organisationId: buyer.organisationId, name: 'Berlin Buyer GmbH', country: 'DE' },
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
        paymentTerms: 'T/T 30 days',
        lines: lines.map((line) => ({
          descriptionEn: 'Line',
          hsCode: line.hsCode,
          quantity: line.quantity,
          unitCode: line.unitCode,
          unitPrice: { amount: line.price, currency: 'USD' },
        })),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const orderId = String(created.body.id);
    const version = await act(exporter, orderId, 'offer', Number(created.body.version));
    await act(buyer, orderId, 'accept', version);
    return orderId;
  };
  const issueInvoice = (orderId: string) =>
    call(exporter.cookie, 'POST', `/api/orgs/${exporter.organisationId}/orders/${orderId}/documents`, {
      kind: 'commercial_invoice',
    });

  beforeAll(async () => {
    ctx = await createTestHub({ customsSandbox: { inspectionRate: 0 } });
    platform = await createParty(ctx.hub, 'FactsPlatform', { kind: 'ecommerce_platform' });
    exporter = await createParty(ctx.hub, 'FactsExporter', { kind: 'exporter' });
    buyer = await createParty(ctx.hub, 'FactsBuyer', { kind: 'importer' });
    bank = await createParty(ctx.hub, 'FactsBank', { kind: 'bank' });
    commerce = await createParty(ctx.hub, 'FactsCommerce', { kind: 'regulator' });
    // The platform is registered in Yiwu (a county-level city of Jinhua), the exporter in Hangzhou.
    for (const [party, address, uscc] of [
      [platform, { city: 'Yiwu' }, undefined],
      [exporter, { city: '杭州市' }, exporterUscc],
    ] as const) {
      const patched = await call(party.cookie, 'PATCH', `/api/orgs/${party.organisationId}`, {
        address,
        ...(uscc === undefined ? {} : { uscc }),
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    // An ordinary member of the commerce department: reads the dashboards, not the enterprises.
    const invited = await call(commerce.cookie, 'POST', `/api/orgs/${commerce.organisationId}/invitations`, {
      email: `facts-member-${process.pid}@party.example`,
      role: 'member',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const token = String(invited.body.acceptUrl).split('/').at(-1) ?? '';
    rememberSecret(token);
    const accepted = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, displayName: 'Commerce Member', password: testPassword },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const session = accepted.cookies.find((c) => c.name === 'th_session')?.value ?? '';
    rememberSecret(session);
    commerceMember = { cookie: `th_session=${session}` };
  }, 120_000);

  afterAll(async () => ctx?.close());

  it('restates the publishers’ topics', () => {
    expect(factEventTopics.parcelReleased).toBe(customsEvents.parcelReleased);
    expect(factEventTopics.invoiceIssued).toBe(tradeEvents.invoiceIssued);
  });

  it('parks a released parcel while no CNY/USD rate is quoted, and counts it once the rate comes', async () => {
    const parcelId = await sendParcel(31, 'FX');
    const [event] = (await outboxEvents(customsEvents.parcelReleased)).filter(
      (e) => e.payload.parcelId === parcelId,
    );
    expect(event?.payload).toMatchObject({ direction: 'import', tradeMode: '9610', currency: 'CNY' });
    // Nothing personal travels with the event.
    expect(JSON.stringify(event?.payload)).not.toMatch(
      /buyer|idNumber|(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/i,
    );
    await deliverTwice();
    expect(await facts('customs', parcelId)).toEqual([]);
    const parked = await ctx.hub.stats.parkedFacts();
    expect(parked.filter((p) => p.eventId === event?.id).map((p) => p.reason)).toEqual(['no_rate']);

    await ctx.hub.payments.loadFxQuotes(
      bank.organisationId,
      csvFxRateProvider('test-rates', 'from,to,rate\nUSD,CNY,7.1\n'),
      86_400,
    );
    expect(await ctx.hub.factIntake.retryNow()).toBeGreaterThanOrEqual(1);
    expect(await ctx.hub.factIntake.retryNow()).toBe(0);
    expect((await ctx.hub.stats.parkedFacts()).filter((p) => p.eventId === event?.id)).toEqual([]);
    const stored = await facts('customs', parcelId);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(stored.every((f) => f.customs_mode === '9610' && f.flow === 'import' && f.city === '330700')).toBe(
      true,
    );
  });

  it('counts a released CBEC parcel as one fact, once, whatever the redelivery', async () => {
    const before = await rollupFacts();
    const parcelId = await sendParcel(singleChapterSeed('F1'), 'F1');
    await deliverTwice();
    const stored = await facts('customs', parcelId);
    expect(stored).toHaveLength(1);
    const [fact] = stored as [FactRow];
    expect(fact).toMatchObject({
      organisation_id: platform.organisationId,
      flow: 'import',
      kind: 'goods',
      customs_mode: '9610',
      partner: 'JP',
      content_type: 'digitally_ordered_goods',
      city: '330700',
      currency: 'CNY',
      digitally_ordered: true,
      digitally_delivered: false,
    });
    expect(fact.source_ref).toBe(`${parcelId}:${fact.hs_chapter}`);
    expect(fact.cny_minor).toBe(fact.amount_minor);
    // CNY -> USD through the inverse of the USD/CNY quote, half-up: amount / 7.1.
    const expectedUsd = (2n * BigInt(fact.amount_minor) * 10n + 71n) / (2n * 71n);
    expect(BigInt(fact.usd_minor)).toBe(expectedUsd);
    const after = await rollupFacts();
    expect(BigInt(after?.n ?? '0') - BigInt(before?.n ?? '0')).toBe(1n);
    expect(BigInt(after?.usd ?? '0') - BigInt(before?.usd ?? '0')).toBe(BigInt(fact.usd_minor));
  });

  it('counts a parcel sent to inspection when the officer releases it, not before', async () => {
    const inspecting = await createTestHub({ customsSandbox: { inspectionRate: 1 } });
    try {
      const shop = await createParty(inspecting.hub, 'FactsShop', { kind: 'ecommerce_platform' });
      const officer = await createParty(inspecting.hub, 'FactsOfficer', { kind: 'customs_authority' });
      const rateBank = await createParty(inspecting.hub, 'FactsRateBank', { kind: 'bank' });
      await inspecting.hub.payments.loadFxQuotes(
        rateBank.organisationId,
        csvFxRateProvider('test-rates', 'from,to,rate\nCNY,USD,0.14\n'),
        86_400,
      );
      const [parcel] = generateDemoParcels({ count: 1, seed: 29, defectRate: 0, prefix: 'FI' });
      const sent = await inspecting.hub.app.inject({
        method: 'POST',
        url: `/api/customs/ceb/batch?org=${shop.organisationId}`,
        headers: { cookie: shop.cookie },
        payload: {
          messages: [
            parcel?.order,
            parcel?.payment,
            parcel?.waybill,
            await signAsDemoDeclarant(parcel?.inventory ?? ''),
          ],
        },
      });
      const parcelId = sent.json<{ outcomes: { parcelIds: string[] }[] }>().outcomes[3]
        ?.parcelIds[0] as string;
      const stored = async () =>
        (
          await sql<{ n: string }>`select count(*)::text as n from stats.facts
            where source = 'customs' and source_ref like ${`${parcelId}:%`}`.execute(inspecting.hub.db.kysely)
        ).rows[0]?.n;
      await inspecting.hub.bus.dispatchPending();
      expect(await stored()).toBe('0');
      const released = await inspecting.hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${officer.organisationId}/customs/parcels/${parcelId}/inspection`,
        headers: { cookie: officer.cookie },
        payload: { outcome: 'release', note: 'goods as declared' },
      });
      expect(released.statusCode, released.body).toBe(200);
      await inspecting.hub.bus.dispatchPending();
      expect(Number(await stored())).toBeGreaterThanOrEqual(1);
      const events = await sql<{ payload: { afterInspection: boolean } }>`
        select payload from events.outbox where topic = ${customsEvents.parcelReleased}`.execute(
        inspecting.hub.db.kysely,
      );
      expect(events.rows.map((row) => row.payload.afterInspection)).toEqual([true]);
    } finally {
      await inspecting.close();
    }
  });

  it('counts nothing for a parcel that was not released', async () => {
    const before = await rollupFacts();
    const events = (await outboxEvents(customsEvents.parcelReleased)).length;
    const parcelId = await sendParcel(11, 'F2', 1);
    await deliverTwice();
    expect(await facts('customs', parcelId)).toEqual([]);
    expect((await outboxEvents(customsEvents.parcelReleased)).length).toBe(events);
    expect(await rollupFacts()).toEqual(before);
  });

  it('counts a released 9610 export list as export facts once; leaves a 9710 list to its invoice', async () => {
    await ctx.hub.payments.loadFxQuotes(
      bank.organisationId,
      csvFxRateProvider('test-rates-export', 'from,to,rate\nUSD,CNY,7.1\n'),
      86_400,
    );
    const exportList = async (tradeMode: '9610' | '9710', prefix: string) => {
      const [parcel] = generateDemoExportParcels({ count: 1, prefix, seed: 7, tradeMode });
      const response = await ctx.hub.app.inject({
        method: 'POST',
        url: `/api/customs/ceb/batch?org=${platform.organisationId}`,
        headers: { cookie: platform.cookie },
        payload: { messages: [parcel?.order, parcel?.receipts, parcel?.waybill, parcel?.inventory] },
      });
      expect(response.statusCode, response.body).toBe(200);
      const outcomes = response.json<{
        outcomes: { returnStatus: string; returnInfo: string; parcelIds: string[] }[];
      }>().outcomes;
      expect(outcomes[3]?.returnStatus, outcomes[3]?.returnInfo).toBe('800');
      return outcomes[3]?.parcelIds[0] as string;
    };
    const retail = await exportList('9610', 'SX');
    const [event] = (await outboxEvents(customsEvents.parcelReleased)).filter(
      (e) => e.payload.parcelId === retail,
    );
    expect(event?.payload).toMatchObject({ direction: 'export', tradeMode: '9610', currency: 'CNY' });
    await deliverTwice();
    const stored = await facts('customs', retail);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    for (const fact of stored) {
      expect(fact).toMatchObject({
        organisation_id: platform.organisationId,
        flow: 'export',
        kind: 'goods',
        customs_mode: '9610',
        content_type: 'digitally_ordered_goods',
        currency: 'CNY',
      });
      expect(BigInt(fact.amount_minor)).toBeGreaterThan(0n);
    }
    const lines = (event?.payload.lines ?? []) as { valueMinor: string }[];
    expect(stored.reduce((sum, f) => sum + BigInt(f.amount_minor), 0n)).toBe(
      lines.reduce((sum, line) => sum + BigInt(line.valueMinor), 0n),
    );

    // A B2B list is released and published, but its sale is counted from the invoice.
    const b2b = await exportList('9710', 'SB');
    expect((await outboxEvents(customsEvents.parcelReleased)).some((e) => e.payload.parcelId === b2b)).toBe(
      true,
    );
    await deliverTwice();
    expect(await facts('customs', b2b)).toEqual([]);
    expect((await ctx.hub.stats.parkedFacts()).filter((p) => p.detail.includes(b2b))).toEqual([]);
  });

  it('counts an invoiced sale of services and of goods between China and Germany once each', async () => {
    const orderId = await acceptedOrder([
      // Software development by the hour (a service, ICT: SI) and toys (goods, 9710 export).
      { hsCode: '847130', quantity: '10', unitCode: 'HUR', price: '120.00' },
      { hsCode: '950300', quantity: '2', unitCode: 'H87', price: '50.00' },
    ]);
    const issued = await issueInvoice(orderId);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const [event] = (await outboxEvents(tradeEvents.invoiceIssued)).filter(
      (e) => e.payload.orderId === orderId,
    );
    expect(event?.payload).toMatchObject({ sellerCountry: 'CN', buyerCountry: 'DE', currency: 'USD' });
    await deliverTwice();
    const stored = await facts('trade', orderId);
    expect(
      stored.map((f) => [f.source_ref, f.kind, f.customs_mode, f.hs_chapter, f.ebops, f.amount_minor]),
    ).toEqual([
      [`${orderId}:g:95`, 'goods', '9710', '95', null, '10000'],
      [`${orderId}:s:SI`, 'services', null, null, 'SI', '120000'],
    ]);
    const service = stored.find((f) => f.kind === 'services') as FactRow;
    expect(service).toMatchObject({
      flow: 'export',
      partner: 'DE',
      city: '330100',
      enterprise_code: exporterUscc,
      content_type: 'digital_technology',
      digitally_ordered: true,
      digitally_delivered: true,
      platform_intermediated: true,
      currency: 'USD',
      usd_minor: '120000',
      // 1,200.00 USD at 7.1 CNY.
      cny_minor: '852000',
    });
    // The ebops rollup saw the service once.
    const ebops = await sql<{ usd: string }>`
      select sum(usd_minor)::text as usd from stats.rollup_ebops where ebops = 'SI' and flow = 'export'`.execute(
      ctx.hub.db.kysely,
    );
    expect(ebops.rows[0]?.usd).toBe('120000');

    // An amendment of the invoice is the same sale: no new event, no new fact.
    const amended = await call(
      exporter.cookie,
      'POST',
      `/api/orgs/${exporter.organisationId}/orders/${orderId}/documents`,
      { kind: 'commercial_invoice', replacesDocumentId: issued.body.documentId },
    );
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    await deliverTwice();
    expect(
      (await outboxEvents(tradeEvents.invoiceIssued)).filter((e) => e.payload.orderId === orderId),
    ).toHaveLength(1);
    expect(await facts('trade', orderId)).toHaveLength(2);
  });

  it('leaves no event and no fact when the invoice’s transaction rolls back', async () => {
    const orderId = await acceptedOrder([
      { hsCode: '950300', quantity: '1', unitCode: 'H87', price: '80.00' },
    ]);
    const before = await rollupFacts();
    // The database refuses the order's record of this one invoice: the whole issuing transaction,
    // the credential, the order's change and the outbox event with it, rolls back.
    const fn = `stats_test_refuse_${orderId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
    await sql
      .raw(
        `create function public.${fn}() returns trigger language plpgsql as $$
         begin raise exception 'refused for the test'; end $$`,
      )
      .execute(ctx.hub.db.kysely);
    await sql
      .raw(
        `create trigger ${fn} before insert on trade.order_documents for each row
           when (new.order_id = '${orderId}') execute function public.${fn}()`,
      )
      .execute(ctx.hub.db.kysely);
    try {
      const refused = await issueInvoice(orderId);
      expect(refused.status).toBeGreaterThanOrEqual(400);
    } finally {
      await sql.raw(`drop trigger ${fn} on trade.order_documents`).execute(ctx.hub.db.kysely);
      await sql.raw(`drop function public.${fn}()`).execute(ctx.hub.db.kysely);
    }
    await deliverTwice();
    expect(
      (await outboxEvents(tradeEvents.invoiceIssued)).filter((e) => e.payload.orderId === orderId),
    ).toEqual([]);
    expect(await facts('trade', orderId)).toEqual([]);
    expect(await rollupFacts()).toEqual(before);
  });

  it('shows the enterprises behind a figure to the regulator’s analyst only', async () => {
    const [fact] = await facts('trade', '');
    const [year, month] = (fact?.month ?? '').split('-').map(Number) as [number, number];
    const url = (party: { organisationId: string }, query: string) =>
      `/api/orgs/${party.organisationId}/stats/dashboard/enterprises?year=${year}&throughMonth=${month}${query}`;

    const byPartner = await call(commerce.cookie, 'GET', url(commerce, '&customsMode=9710&partner=DE'));
    expect(byPartner.status, JSON.stringify(byPartner.body)).toBe(200);
    expect(byPartner.body).toMatchObject({
      synthetic: false,
      enterprises: 1,
      items: [
        {
          enterpriseCode: exporterUscc,
          organisationId: exporter.organisationId,
          name: 'FactsExporter Ltd',
          nameZh: 'FactsExporter公司',
          share: 1,
        },
      ],
    });
    const all = await call(commerce.cookie, 'GET', url(commerce, ''));
    const items = all.body.items as { organisationId: string; usdMinor: string; share: number }[];
    expect(items.map((i) => i.organisationId).sort()).toEqual(
      [platform.organisationId, exporter.organisationId].sort(),
    );
    expect(items.reduce((sum, i) => sum + BigInt(i.usdMinor), 0n)).toBe(
      BigInt(String(all.body.totalUsdMinor)),
    );
    // Largest first, by amount (not by the amount's text).
    const amounts = items.map((i) => BigInt(i.usdMinor));
    expect(amounts).toEqual([...amounts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(amounts[0]).toBeGreaterThan(amounts[1] ?? 0n);

    const member = await call(commerceMember.cookie, 'GET', url(commerce, ''));
    expect([member.status, member.body.code]).toEqual([403, 'http.forbidden']);
    expect(member.type).toContain('application/problem+json');
    const enterprise = await call(exporter.cookie, 'GET', url(exporter, ''));
    expect([enterprise.status, enterprise.body.code]).toEqual([403, 'stats.regulators_only']);
    const bad = await call(commerce.cookie, 'GET', url(commerce, '&partner=germany&limit=0'));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['limit', 'partner']);
  });
});
