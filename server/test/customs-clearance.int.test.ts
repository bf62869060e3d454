import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customsErrorStatuses,
  generateDemoParcels,
  importTariff,
  loadTariff,
  signAsDemoDeclarant,
} from '../src/modules/customs/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';
import { untranslated } from './support/web-i18n.ts';

// The customs sandbox end to end over HTTP: a platform sends the four documents of its parcels in
// any order, the sandbox holds each inventory list until its order, payment and waybill are there,
// matches them, taxes, checks the buyer's quota and releases; every message is anchored in the log.

type Outcome = {
  status: 'accepted' | 'duplicate' | 'rejected';
  messageType: string | null;
  messageId: string | null;
  receiptType: string;
  returnStatus: string;
  returnInfo: string;
  receiptXml: string;
  parcelIds: string[];
  reasons: { field: string; code: string; message: string }[];
};

/** One generated parcel (the generator is deterministic per seed and prefix). */
const oneParcel = (seed: number, prefix: string) => {
  const [parcel] = generateDemoParcels({ count: 1, seed, defectRate: 0, prefix });
  if (parcel === undefined) {
    throw new Error('the generator made no parcel');
  }
  return parcel;
};

describe('customs clearance (sandbox)', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let platform: Party;
  let other: Party;
  let customs: Party;

  const send = async (party: Party, messages: string[]) => {
    const response = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${party.organisationId}`,
      headers: { cookie: party.cookie },
      payload: { messages },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ outcomes: Outcome[] }>().outcomes;
  };
  const get = async <T>(party: Party, url: string) => {
    const response = await ctx.hub.app.inject({ method: 'GET', url, headers: { cookie: party.cookie } });
    return { status: response.statusCode, body: response.json<T>(), text: response.body };
  };

  beforeAll(async () => {
    ctx = await createTestHub({ customsSandbox: { inspectionRate: 0 } });
    platform = await createParty(ctx.hub, 'Platform', { kind: 'ecommerce_platform' });
    other = await createParty(ctx.hub, 'Other', { kind: 'ecommerce_platform' });
    customs = await createParty(ctx.hub, 'Customs', { kind: 'customs_authority' });
  });
  afterAll(async () => ctx.close());

  it('holds an inventory until its three documents arrive, then releases it with a tax bill', async () => {
    const parcel = oneParcel(7, 'T1');
    const inventory = await signAsDemoDeclarant(parcel.inventory);
    const [held] = await send(platform, [inventory]);
    expect(held?.status, held?.returnInfo).toBe('accepted');
    expect(held?.receiptType).toBe('CEB622');
    expect(held?.returnStatus).toBe('120');
    expect(held?.returnInfo).toContain('order');

    const outcomes = await send(platform, [parcel.waybill, parcel.payment, parcel.order]);
    expect(outcomes.map((o) => [o.messageType, o.status, o.returnStatus])).toEqual([
      ['CEB511', 'accepted', '120'],
      ['CEB411', 'accepted', '120'],
      ['CEB311', 'accepted', '120'],
    ]);
    const parcelId = outcomes[2]?.parcelIds[0] as string;
    const detail = await get<{
      state: string;
      invtNo: string;
      taxTotal: string;
      receipts: { receiptType: string; returnStatus: string }[];
      buyer: { idNumber: string };
      timeline: { kind: string }[];
    }>(platform, `/api/orgs/${platform.organisationId}/customs/parcels/${parcelId}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.state).toBe('released');
    expect(detail.body.invtNo).toMatch(/^\d{4}\d{4}I\d{9}$/);
    expect(detail.body.receipts.map((r) => `${r.receiptType}:${r.returnStatus}`)).toEqual(
      expect.arrayContaining(['CEB622:120', 'CEB622:800', 'CEB816:1', 'CEB312:120']),
    );
    expect(detail.body.buyer.idNumber).toMatch(/^\d{2}\*+[\dX]{2}$/);
    // An ID number standing alone, not 18 digits inside a message's SHA-256 (which happens).
    expect(detail.text).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/);
    expect(detail.body.timeline.map((e) => e.kind)).toContain('released');
    expect(Number(detail.body.taxTotal)).toBeGreaterThan(0);

    // The platform polls its receipts: the release came to it although the order completed it.
    const receipts = await get<{ items: { receiptType: string; returnStatus: string; xml: string }[] }>(
      platform,
      `/api/orgs/${platform.organisationId}/customs/receipts`,
    );
    const released = receipts.body.items.find((r) => r.receiptType === 'CEB622' && r.returnStatus === '800');
    expect(released?.xml).toContain(detail.body.invtNo);
  });

  it('fails a parcel whose payment does not match its order, and says why by field', async () => {
    const parcel = generateDemoParcels({ count: 40, seed: 11, defectRate: 1, prefix: 'T2' }).find(
      (p) => p.defect === 'payment_amount',
    );
    if (parcel === undefined) {
      throw new Error('no defective parcel generated');
    }
    const outcomes = await send(platform, [
      parcel.order,
      parcel.payment,
      parcel.waybill,
      await signAsDemoDeclarant(parcel.inventory),
    ]);
    const inventory = outcomes[3] as Outcome;
    expect(inventory.returnStatus).toBe('100');
    const parcelId = inventory.parcelIds[0] as string;
    const detail = await get<{
      state: string;
      findingsDetail: { code: string; fields: { document: string; field: string }[] }[];
    }>(platform, `/api/orgs/${platform.organisationId}/customs/parcels/${parcelId}`);
    expect(detail.body.state).toBe('failed');
    const amount = detail.body.findingsDetail.find((f) => f.fields.some((x) => x.field === 'amountPaid'));
    expect(amount?.fields.map((f) => `${f.document}.${f.field}`)).toEqual(
      expect.arrayContaining(['order.acturalPaid', 'payment.amountPaid']),
    );
  });

  it('answers the same message again with its first receipt, and refuses a reused guid', async () => {
    const parcel = oneParcel(13, 'T3');
    const first = await send(platform, [parcel.order]);
    const again = await send(platform, [parcel.order]);
    expect(again[0]?.status).toBe('duplicate');
    expect(again[0]?.receiptXml).toBe(first[0]?.receiptXml);
    const altered = parcel.order.replace(/<ceb:buyerRegNo>[^<]*</, '<ceb:buyerRegNo>someone-else<');
    const reused = await send(platform, [altered]);
    expect(reused[0]?.status).toBe('rejected');
    expect(reused[0]?.receiptType).toBe('CEB900');
    expect(reused[0]?.reasons[0]?.code).toBe('customs.duplicate_guid');
  });

  it('receives a message sent twice at once only once: the other call is refused whole (409) or a duplicate', async () => {
    const parcel = oneParcel(31, 'T8');
    const post = () =>
      ctx.hub.app.inject({
        method: 'POST',
        url: `/api/customs/ceb/batch?org=${platform.organisationId}`,
        headers: { cookie: platform.cookie },
        payload: { messages: [parcel.order] },
      });
    const answers = await Promise.all([post(), post()]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(statuses);
    const outcomes = answers
      .filter((a) => a.statusCode === 200)
      .map((a) => a.json<{ outcomes: Outcome[] }>().outcomes[0]?.status)
      .sort();
    expect(outcomes[0]).toBe('accepted');
    const found = await get<{ items: unknown[] }>(
      platform,
      `/api/orgs/${platform.organisationId}/customs/parcels?q=${parcel.orderNo}`,
    );
    expect(found.body.items).toHaveLength(1);
  });

  it('rejects bad messages with the receipt customs would give and stores nothing of them', async () => {
    const parcel = oneParcel(17, 'T4');
    const order = parcel.order;
    const cases: [string, string, string][] = [
      ['wrong namespace', order.replaceAll('http://www.chinaport.gov.cn/ceb', 'urn:not-ceb'), 'CEB900'],
      ['field too long', order.replace(/<ceb:orderNo>/, `<ceb:orderNo>${'9'.repeat(61)}`), 'CEB900'],
      [
        'guid not uppercase',
        order.replace(/guid="([0-9A-F-]{36})"/, (_m, g: string) => `guid="${g.toLowerCase()}"`),
        'CEB312',
      ],
      [
        'amount does not add up',
        order.replace(/<ceb:acturalPaid>[^<]*</, '<ceb:acturalPaid>1.00<'),
        'CEB312',
      ],
      ['unsigned declared inventory', parcel.inventory, 'CEB900'],
    ];
    const before = await get<{ total: number }>(
      platform,
      `/api/orgs/${platform.organisationId}/customs/board`,
    );
    for (const [label, xml, receiptType] of cases) {
      const [outcome] = await send(platform, [xml]);
      expect(outcome?.status, label).toBe('rejected');
      expect(outcome?.receiptType, label).toBe(receiptType);
      expect(outcome?.reasons.length, label).toBeGreaterThan(0);
    }
    const after = await get<{ total: number }>(
      platform,
      `/api/orgs/${platform.organisationId}/customs/board`,
    );
    expect(after.body.total).toBe(before.body.total);

    const single = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb?org=${platform.organisationId}`,
      headers: { cookie: platform.cookie, 'content-type': 'application/xml' },
      payload: '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
    });
    expect(single.statusCode).toBe(400);
    expect(single.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps every organisation to its own parcels; customs sees all and may reveal, audited', async () => {
    const parcel = oneParcel(19, 'T5');
    const [outcome] = await send(platform, [parcel.order]);
    const parcelId = outcome?.parcelIds[0] as string;
    const messageId = outcome?.messageId as string;
    // Nobody sends in another organisation's name.
    const impersonated = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${platform.organisationId}`,
      headers: { cookie: other.cookie },
      payload: { messages: [parcel.payment] },
    });
    expect(impersonated.statusCode).toBe(404);
    expect(impersonated.headers['content-type']).toContain('application/problem+json');
    // A second order for the same order number from another organisation is refused and gives it
    // no view of the parcel.
    const copied = parcel.order.replace(
      /guid="[0-9A-F-]{36}"/,
      'guid="00000000-0000-4000-A000-0000000000AA"',
    );
    const [refusedCopy] = await send(other, [copied]);
    expect(refusedCopy?.returnStatus).toBe('100');
    expect(refusedCopy?.reasons[0]?.code).toBe('customs.already_declared');
    expect(refusedCopy?.parcelIds).toEqual([]);
    const foreign = await get(other, `/api/orgs/${other.organisationId}/customs/parcels/${parcelId}`);
    expect(foreign.status).toBe(404);
    const foreignMessage = await get(
      other,
      `/api/orgs/${other.organisationId}/customs/messages/${messageId}`,
    );
    expect(foreignMessage.status).toBe(404);
    const search = await get<{ items: unknown[] }>(
      other,
      `/api/orgs/${other.organisationId}/customs/parcels?q=${parcel.orderNo}`,
    );
    expect(search.body.items).toEqual([]);

    const seen = await get<{ messages: { readable: boolean }[] }>(
      customs,
      `/api/orgs/${customs.organisationId}/customs/parcels/${parcelId}`,
    );
    expect(seen.status).toBe(200);
    const message = await get<{ xml: string; anchor: { size: number } }>(
      customs,
      `/api/orgs/${customs.organisationId}/customs/messages/${messageId}`,
    );
    expect(message.status).toBe(200);
    expect(message.body.xml).not.toMatch(/<ceb:buyerIdNumber>\d{17}/);
    expect(message.body.anchor.size).toBeGreaterThanOrEqual(1);

    const platformReveal = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${platform.organisationId}/customs/parcels/${parcelId}/reveal`,
      headers: { cookie: platform.cookie },
      payload: { reason: 'curious' },
    });
    expect(platformReveal.statusCode).toBe(403);
    const reveal = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${customs.organisationId}/customs/parcels/${parcelId}/reveal`,
      headers: { cookie: customs.cookie },
      payload: { reason: 'risk review of parcel' },
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json<{ idNumber: string }>().idNumber).toMatch(/^\d{17}[\dX]$/);
    const audit = await get<{ items: { action: string }[] }>(
      customs,
      `/api/orgs/${customs.organisationId}/audit`,
    );
    expect(audit.body.items.map((i) => i.action)).toContain('customs.buyer.reveal');
  });

  it('lets a buyer see used and remaining quota with ID number and name, and nobody else', async () => {
    const parcel = oneParcel(23, 'T6');
    const outcomes = await send(platform, [
      parcel.order,
      parcel.payment,
      parcel.waybill,
      await signAsDemoDeclarant(parcel.inventory),
    ]);
    expect(outcomes[3]?.returnStatus).toBe('800');
    const idNumber = /<ceb:buyerIdNumber>([^<]+)</.exec(parcel.order)?.[1] as string;
    const name = /<ceb:buyerName>([^<]+)</.exec(parcel.order)?.[1] as string;
    const ask = (body: object) =>
      ctx.hub.app.inject({ method: 'POST', url: '/api/customs/buyer-quota', payload: body });
    const own = await ask({ idNumber, name });
    expect(own.statusCode, own.body).toBe(200);
    const quota = own.json<{ used: string; remaining: string; limit: string; idNumber: string }>();
    expect(Number(quota.used)).toBeGreaterThan(0);
    expect(Number(quota.used) + Number(quota.remaining)).toBe(26000);
    expect(quota.idNumber).not.toBe(idNumber);
    const wrongName = await ask({ idNumber, name: `${name}甲` });
    const unknown = await ask({ idNumber: '11010519491231002X', name });
    expect(wrongName.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongName.json<{ code: string }>().code).toBe(unknown.json<{ code: string }>().code);
  });

  it('sends a sampled parcel to inspection; the officer releases it with its tax bill', async () => {
    const inspecting = await createTestHub({ customsSandbox: { inspectionRate: 1 } });
    try {
      const shop = await createParty(inspecting.hub, 'Shop', { kind: 'ecommerce_platform' });
      const officer = await createParty(inspecting.hub, 'Officer', { kind: 'customs_authority' });
      const parcel = oneParcel(29, 'T7');
      const response = await inspecting.hub.app.inject({
        method: 'POST',
        url: `/api/customs/ceb/batch?org=${shop.organisationId}`,
        headers: { cookie: shop.cookie },
        payload: {
          messages: [
            parcel.order,
            parcel.payment,
            parcel.waybill,
            await signAsDemoDeclarant(parcel.inventory),
          ],
        },
      });
      const inventory = response.json<{ outcomes: Outcome[] }>().outcomes[3] as Outcome;
      expect(inventory.returnStatus).toBe('500');
      const parcelId = inventory.parcelIds[0] as string;
      const decide = (party: Party, outcome: string) =>
        inspecting.hub.app.inject({
          method: 'POST',
          url: `/api/orgs/${party.organisationId}/customs/parcels/${parcelId}/inspection`,
          headers: { cookie: party.cookie },
          payload: { outcome, note: 'goods as declared' },
        });
      expect((await decide(shop, 'release')).statusCode).toBe(403);
      const released = await decide(officer, 'release');
      expect(released.statusCode, released.body).toBe(200);
      expect(released.json<{ state: string }>().state).toBe('released');
      expect((await decide(officer, 'refuse')).statusCode).toBe(409);
      const receipts = await inspecting.hub.app.inject({
        method: 'GET',
        url: `/api/orgs/${shop.organisationId}/customs/receipts`,
        headers: { cookie: shop.cookie },
      });
      const types = receipts.json<{ items: { receiptType: string; returnStatus: string }[] }>().items;
      expect(types.map((r) => `${r.receiptType}:${r.returnStatus}`)).toEqual(
        expect.arrayContaining(['CEB622:500', 'CEB622:800', 'CEB816:1']),
      );
    } finally {
      await inspecting.close();
    }
  });

  it('taxes with the illustrative sample until the operator imports a tariff, and says which', async () => {
    const board = await get<{ tariff: { source: string; lines: number } }>(
      platform,
      `/api/orgs/${platform.organisationId}/customs/board`,
    );
    expect(board.body.tariff).toEqual({ source: 'illustrative_sample', lines: 13 });
    const { lines } = await importTariff(
      ctx.hub.db,
      'hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate\n1901101000,0.2,0.09,0\n',
      new Date(),
    );
    expect(lines).toBe(1);
    const loaded = await loadTariff(ctx.hub.db);
    expect(loaded.source).toBe('imported');
    expect(loaded.table.lookup('1901101000')?.vatRate).toBe('0.09');
    expect(loaded.table.lookup('3304990010')).toBeUndefined();
    // A bad file is refused whole: the imported tariff stays as it was.
    await expect(
      importTariff(
        ctx.hub.db,
        'hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate\n12,0.1,0.1,0\n',
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'customs.invalid_tariff' });
    expect((await loadTariff(ctx.hub.db)).lines).toBe(1);
  });

  it('has zh-CN and en text for every error code the module answers with', () => {
    const codes = Object.keys(customsErrorStatuses);
    expect(codes.length).toBeGreaterThan(10);
    expect(untranslated(codes.map((code) => `errors.${code}`))).toEqual([]);
    const fieldCodes = [
      'not_an_enterprise_message',
      'duplicate_guid',
      'batch_size',
      'parcel_closed',
      'already_declared',
      'inventory_not_released',
      'return_window_passed',
    ];
    expect(untranslated(fieldCodes.map((code) => `fieldErrors.customs.${code}`))).toEqual([]);
  });
});
