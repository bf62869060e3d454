import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../../test/support/test-hub.ts';
import { reindexProduct } from '../search/index.ts';
import { findLeadForParty, matchRequirement } from './index.ts';

// Buyer requirements, matching, leads and trends over HTTP (docs/expo-matchmaking.md): a buyer posts
// a requirement and gets ranked, explained matches; each supplier sees its own leads only; either
// side marks a lead; a third organisation reaches none of it through any route.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let ledMaker: Party; // a Shenzhen LED maker with CE-verified bulbs, ships to MY
let umbrellaMaker: Party; // another supplier, umbrellas only
let buyer: Party; // a Kuala Lumpur importer
let outsider: Party; // a third organisation with no part in any of it

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string }[];
type Component = { key: string; value: number; reason: string; params: Record<string, string | number> };
type Lead = {
  id: string;
  score: number;
  components: Component[];
  product: { id: string; nameEn: string };
  buyer: { name: string };
  exhibitor: { nameEn: string };
  buyerStatus: string;
  supplierStatus: string;
  requirementId: string;
};

const call = async (
  party: Party,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: object,
) => {
  const res = await ctx.hub.app.inject({
    method,
    url,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<Json>(), type: res.headers['content-type'] ?? '' };
};
const org = (party: Party) => `/api/orgs/${party.organisationId}/expo`;
const fieldCodes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

const future = `${new Date().getUTCFullYear() + 1}-06-30`;
const ledRequirement = {
  title: 'LED bulbs E27 9W',
  description: 'Warm white LED bulbs for retail, CE marking required.',
  hsCode: '853952',
  quantity: '20000',
  unit: 'H87',
  targetPrice: { amount: '3.50', currency: 'MYR' },
  destinationCountry: 'MY',
  destinationUnlocode: 'MYPKG',
  certifications: ['CE'],
  deadline: future,
};

const at = new Date('2026-01-15T08:00:00Z');
const exhibitor = async (party: Party, names: [string, string], markets: string[]) => {
  await sql`insert into expo.exhibitors (organisation_id, display_name_zh, display_name_en, country,
      export_markets, status, version, created_at, updated_at)
    values (${party.organisationId}, ${names[0]}, ${names[1]}, 'CN', ${markets}::text[], 'published', 1,
      ${at}, ${at})`.execute(ctx.hub.db.kysely);
};
const product = async (
  party: Party,
  p: {
    id: string;
    zh: string;
    en: string;
    description: string;
    hs: string;
    moq: string;
    min: number;
    max: number;
    certs?: [string, 'verified' | 'self_declared'][];
  },
) => {
  await ctx.hub.db.transaction(async (trx) => {
    await sql`insert into expo.products (id, organisation_id, name_zh, name_en, description_en, hs_code,
        hs_chapter, moq, moq_unit, price_currency, price_min_minor, price_max_minor, lead_time_days,
        status, version, created_at, updated_at)
      values (${p.id}, ${party.organisationId}, ${p.zh}, ${p.en}, ${p.description}, ${p.hs},
        ${p.hs.slice(0, 2)}, ${p.moq}::numeric, 'H87', 'USD', ${p.min}, ${p.max}, 30, 'published', 1,
        ${at}, ${at})`.execute(trx);
    for (const [scheme, verification] of p.certs ?? []) {
      await sql`insert into expo.product_certifications (product_id, organisation_id, scheme, verification,
          created_at) values (${p.id}, ${party.organisationId}, ${scheme}, ${verification}, ${at})`.execute(
        trx,
      );
    }
    await reindexProduct(trx, p.id, at);
  });
};

beforeAll(async () => {
  ctx = await createTestHub();
  ledMaker = await createParty(ctx.hub, 'MatchLed');
  umbrellaMaker = await createParty(ctx.hub, 'MatchUmbrella');
  buyer = await createParty(ctx.hub, 'MatchBuyer', { kind: 'importer' });
  outsider = await createParty(ctx.hub, 'MatchOutsider', { kind: 'importer' });
  await exhibitor(ledMaker, ['深圳光明照明', 'Shenzhen Guangming Lighting'], ['MY', 'SG', 'DE']);
  await exhibitor(umbrellaMaker, ['上虞雨伞', 'Shangyu Umbrellas'], ['US']);
  await product(ledMaker, {
    id: 'prd_TESTLED0000000000000000001',
    zh: 'LED灯泡 E27 9瓦',
    en: 'LED bulb E27 9W warm white',
    description: 'Energy-saving LED bulb, E27 base, 9 W, 2700 K.',
    hs: '853952',
    moq: '5000',
    min: 60,
    max: 90,
    certs: [
      ['CE', 'verified'],
      ['RoHS', 'self_declared'],
    ],
  });
  await product(ledMaker, {
    id: 'prd_TESTLED0000000000000000002',
    zh: 'LED吸顶灯',
    en: 'LED ceiling lamp',
    description: 'Round LED ceiling light, 24 W.',
    hs: '940511',
    moq: '500',
    min: 450,
    max: 700,
  });
  await product(umbrellaMaker, {
    id: 'prd_TESTUMB0000000000000000001',
    zh: '折叠雨伞',
    en: 'Folding umbrella',
    description: 'Three-fold automatic umbrella.',
    hs: '660191',
    moq: '1000',
    min: 150,
    max: 300,
  });
}, 180_000);

afterAll(async () => {
  await ctx?.close();
});

describe('requirements and matches', () => {
  let requirementId = '';
  let leadId = '';

  it('posts a requirement and matches it at once, ranked and explained', async () => {
    const posted = await call(buyer, 'POST', `${org(buyer)}/requirements`, ledRequirement);
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({
      status: 'open',
      version: 1,
      hsCode: '853952',
      targetPrice: { amount: '3.50', currency: 'MYR' },
      destinationCountry: 'MY',
    });
    expect(posted.body.matchCount).toBeGreaterThanOrEqual(1);
    requirementId = posted.body.id as string;
    expect(requirementId).toMatch(/^erq_/);

    const matches = await call(buyer, 'GET', `${org(buyer)}/requirements/${requirementId}/matches`);
    expect(matches.status).toBe(200);
    const items = matches.body.items as Lead[];
    expect(items[0]?.product.id).toBe('prd_TESTLED0000000000000000001');
    expect(items[0]?.exhibitor.nameEn).toBe('Shenzhen Guangming Lighting');
    expect(items.some((lead) => lead.product.id === 'prd_TESTUMB0000000000000000001')).toBe(false);
    const scores = items.map((lead) => lead.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const reasons = Object.fromEntries((items[0]?.components ?? []).map((c) => [c.key, c.reason]));
    expect(reasons).toMatchObject({
      hs: 'hs_same_subheading',
      text: 'text_overlap',
      // A fresh hub has no MYR → USD day rate: said, and scored neutral, never guessed.
      price: 'price_no_rate',
      moq: 'moq_met',
      certifications: 'certs_all_verified',
      delivery: 'delivery_to_destination',
    });
    leadId = items[0]?.id ?? '';
    expect(leadId).toMatch(/^eld_/);
  });

  it('shows the supplier its lead with the buyer named, and nobody else', async () => {
    const leads = await call(ledMaker, 'GET', `${org(ledMaker)}/leads`);
    expect(leads.status).toBe(200);
    const items = leads.body.items as Lead[];
    expect(items.map((lead) => lead.id)).toContain(leadId);
    expect(items[0]?.buyer.name).toBe('MatchBuyer Ltd');
    expect((await call(umbrellaMaker, 'GET', `${org(umbrellaMaker)}/leads`)).body.items).toEqual([]);
    expect((await call(outsider, 'GET', `${org(outsider)}/leads`)).body.items).toEqual([]);
  });

  it('lets either side mark the lead, each on its own status', async () => {
    const supplierMark = await call(ledMaker, 'PATCH', `${org(ledMaker)}/leads/${leadId}`, {
      status: 'interested',
    });
    expect(supplierMark.status, JSON.stringify(supplierMark.body)).toBe(200);
    expect(supplierMark.body).toMatchObject({
      supplierStatus: 'interested',
      buyerStatus: 'new',
      side: 'supplier',
    });
    const buyerMark = await call(buyer, 'PATCH', `${org(buyer)}/leads/${leadId}`, { status: 'declined' });
    expect(buyerMark.body).toMatchObject({
      supplierStatus: 'interested',
      buyerStatus: 'declined',
      side: 'buyer',
    });
    const filtered = await call(ledMaker, 'GET', `${org(ledMaker)}/leads?status=interested`);
    expect((filtered.body.items as Lead[]).map((lead) => lead.id)).toEqual([leadId]);
  });

  it('keeps leads and requirements from every other organisation (A/B/C isolation)', async () => {
    // Each caller, in its own organisation's path, finds nothing that is not its own.
    const own: [Party, 'GET' | 'PATCH', string, object | undefined][] = [
      [outsider, 'GET', `${org(outsider)}/requirements/${requirementId}`, undefined],
      [outsider, 'GET', `${org(outsider)}/requirements/${requirementId}/matches`, undefined],
      [outsider, 'PATCH', `${org(outsider)}/requirements/${requirementId}`, { version: 1, status: 'closed' }],
      [outsider, 'GET', `${org(outsider)}/leads/${leadId}`, undefined],
      [outsider, 'PATCH', `${org(outsider)}/leads/${leadId}`, { status: 'interested' }],
      // The other supplier is not this lead's party either.
      [umbrellaMaker, 'GET', `${org(umbrellaMaker)}/leads/${leadId}`, undefined],
      [umbrellaMaker, 'PATCH', `${org(umbrellaMaker)}/leads/${leadId}`, { status: 'declined' }],
      // The supplier sees its lead, never the buyer's requirement itself.
      [ledMaker, 'GET', `${org(ledMaker)}/requirements/${requirementId}`, undefined],
      [ledMaker, 'GET', `${org(ledMaker)}/requirements/${requirementId}/matches`, undefined],
      [ledMaker, 'PATCH', `${org(ledMaker)}/requirements/${requirementId}`, { version: 1, status: 'closed' }],
    ];
    for (const [party, method, url, body] of own) {
      const answer = await call(party, method, url, body);
      expect([url, answer.status]).toEqual([url, 404]);
    }
    expect(
      ((await call(outsider, 'GET', `${org(outsider)}/requirements`)).body.items as unknown[]).length,
    ).toBe(0);
    // Nor through another organisation's path: not a member, so not found.
    for (const [method, url, body] of [
      ['GET', `${org(buyer)}/requirements`, undefined],
      ['POST', `${org(buyer)}/requirements`, ledRequirement],
      ['GET', `${org(buyer)}/requirements/${requirementId}/matches`, undefined],
      ['PATCH', `${org(buyer)}/requirements/${requirementId}`, { version: 1, status: 'closed' }],
      ['GET', `${org(ledMaker)}/leads`, undefined],
      ['PATCH', `${org(ledMaker)}/leads/${leadId}`, { status: 'declined' }],
    ] as const) {
      const answer = await call(outsider, method, url, body);
      expect([url, answer.status]).toEqual([url, 404]);
    }
    // findLeadForParty (the meetings part's door) answers the two parties only.
    expect(await findLeadForParty(ctx.hub.db, leadId, buyer.organisationId)).toMatchObject({
      id: leadId,
      requirementId,
      buyerOrganisationId: buyer.organisationId,
      supplierOrganisationId: ledMaker.organisationId,
      productId: 'prd_TESTLED0000000000000000001',
    });
    expect(await findLeadForParty(ctx.hub.db, leadId, ledMaker.organisationId)).toBeDefined();
    expect(await findLeadForParty(ctx.hub.db, leadId, outsider.organisationId)).toBeUndefined();
  });

  it('edits with the version read, re-matches, and only reopens a closed one', async () => {
    const stale = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${requirementId}`, {
      version: 9,
      quantity: '1000',
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'expo.version_conflict']);
    const edited = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${requirementId}`, {
      version: 1,
      quantity: '1000',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, quantity: '1000', deadline: future });
    const matches = await call(buyer, 'GET', `${org(buyer)}/requirements/${requirementId}/matches`);
    const top = (matches.body.items as Lead[]).find((lead) => lead.id === leadId);
    // Same lead (same id, marks kept), new explanation: 1,000 is below the MOQ of 5,000.
    expect(top?.components.find((c) => c.key === 'moq')?.reason).toBe('moq_not_met');
    expect(top?.buyerStatus).toBe('declined');

    const closed = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${requirementId}`, {
      version: 2,
      status: 'closed',
    });
    expect(closed.body).toMatchObject({ status: 'closed', version: 3 });
    const refused = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${requirementId}`, {
      version: 3,
      title: 'Something else',
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'expo.requirement_not_open']);
    const reopened = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${requirementId}`, {
      version: 3,
      status: 'open',
    });
    expect(reopened.body).toMatchObject({ status: 'open', version: 4 });
  });

  it('replays a post with the same Idempotency-Key instead of posting twice', async () => {
    const send = () =>
      ctx.hub.app.inject({
        method: 'POST',
        url: `${org(buyer)}/requirements`,
        headers: { cookie: buyer.cookie, 'idempotency-key': 'req-led-umbrella-1' },
        payload: { ...ledRequirement, title: 'Folding umbrellas', hsCode: '660191', certifications: [] },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.json<Json>().id).toBe(first.json<Json>().id);
  });
});

describe('bad input', () => {
  const post = (body: object) => call(buyer, 'POST', `${org(buyer)}/requirements`, body);

  it('refuses a requirement with no destination, a past deadline, a negative or foreign price, an unknown HS', async () => {
    const { destinationCountry: _omitted, ...noDestination } = ledRequirement;
    const missing = await post(noDestination);
    expect([missing.status, missing.body.code]).toEqual([400, 'expo.requirement_invalid']);
    expect(missing.type).toContain('application/problem+json');
    expect(fieldCodes(missing.body)).toEqual([['destinationCountry', 'expo.required']]);

    expect(fieldCodes((await post({ ...ledRequirement, deadline: '2020-01-01' })).body)).toEqual([
      ['deadline', 'expo.requirement_deadline_past'],
    ]);
    expect(fieldCodes((await post({ ...ledRequirement, deadline: '2027-02-30' })).body)).toEqual([
      ['deadline', 'expo.requirement_invalid_date'],
    ]);
    expect(
      fieldCodes((await post({ ...ledRequirement, targetPrice: { amount: '-1.00', currency: 'USD' } })).body),
    ).toEqual([['targetPrice.amount', 'expo.requirement_price_negative']]);
    expect(
      fieldCodes((await post({ ...ledRequirement, targetPrice: { amount: '1.00', currency: 'XYZ' } })).body),
    ).toEqual([['targetPrice.currency', 'expo.unknown_currency']]);
    expect(
      fieldCodes((await post({ ...ledRequirement, targetPrice: { amount: '1.001', currency: 'USD' } })).body),
    ).toEqual([['targetPrice.amount', 'expo.invalid_amount']]);
    expect(fieldCodes((await post({ ...ledRequirement, hsCode: '000000' })).body)).toEqual([
      ['hsCode', 'expo.unknown_hs_code'],
    ]);
    expect(fieldCodes((await post({ ...ledRequirement, destinationCountry: 'XX' })).body)).toEqual([
      ['destinationCountry', 'expo.unknown_country'],
    ]);
    expect(fieldCodes((await post({ ...ledRequirement, unit: 'BOGUS' })).body)).toEqual([
      ['unit', 'expo.unknown_unit'],
    ]);
    expect(fieldCodes((await post({ ...ledRequirement, quantity: '-5' })).body)).toEqual([
      ['quantity', 'expo.invalid_quantity'],
    ]);
    // Everything wrong at once: every field named, one answer.
    const all = await post({ title: '', quantity: 'x', unit: '', deadline: 'soon' });
    expect(all.status).toBe(400);
    expect(fieldCodes(all.body).map(([field]) => field)).toEqual([
      'title',
      'quantity',
      'unit',
      'destinationCountry',
      'deadline',
    ]);
  });

  it('answers malformed bodies with 400, never 500', async () => {
    for (const body of [
      {},
      { ...ledRequirement, extra: 1 },
      { ...ledRequirement, certifications: 'CE' },
      [],
    ]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
    }
    const trends = await call(buyer, 'GET', '/api/expo/trends?from=2026-13&to=2026-01');
    expect(trends.status).toBe(400);
    expect((await call(buyer, 'GET', '/api/expo/trends?from=2020-01&to=2026-01')).status).toBe(400);
    expect((await call(buyer, 'GET', '/api/expo/trends?from=2026-05&to=2026-01')).status).toBe(400);
  });
});

describe('candidates by HS code', () => {
  it('finds a product by its HS subheading when no word is shared (a German title)', async () => {
    const posted = await call(buyer, 'POST', `${org(buyer)}/requirements`, {
      ...ledRequirement,
      title: 'Taschenschirme, faltbar',
      description: '',
      hsCode: '660191',
      targetPrice: null,
      certifications: [],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const matches = await call(buyer, 'GET', `${org(buyer)}/requirements/${posted.body.id}/matches`);
    const items = matches.body.items as Lead[];
    expect(items.map((lead) => lead.product.id)).toEqual(['prd_TESTUMB0000000000000000001']);
    expect(items[0]?.components.find((c) => c.key === 'hs')?.reason).toBe('hs_same_subheading');
    expect(items[0]?.components.find((c) => c.key === 'text')?.reason).toBe('text_no_overlap');
  });
});

describe("the supplier's track record", () => {
  const creditOf = async (id: string) => {
    const matches = await call(buyer, 'GET', `${org(buyer)}/requirements/${id}/matches`);
    const lead = (matches.body.items as Lead[]).find(
      (item) => item.product.id === 'prd_TESTLED0000000000000000001',
    );
    const byKey = Object.fromEntries((lead?.components ?? []).map((c) => [c.key, c]));
    return { credit: byKey.credit, history: byKey.history };
  };

  it('stays hidden from the buyer until the supplier opts in, then shows after a re-match', async () => {
    const posted = await call(buyer, 'POST', `${org(buyer)}/requirements`, ledRequirement);
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const id = posted.body.id as string;
    // The showcase was never told to share: neither score, grade nor order count reaches the buyer.
    const hidden = await creditOf(id);
    expect(hidden.credit).toMatchObject({ value: 0.5, reason: 'credit_not_shared', params: {} });
    expect(hidden.history).toMatchObject({ value: 0.5, reason: 'history_not_shared', params: {} });

    const showcase = {
      displayNameZh: '深圳光明照明',
      displayNameEn: 'Shenzhen Guangming Lighting',
      country: 'CN',
      exportMarkets: ['MY', 'SG', 'DE'],
      status: 'published',
      shareTrackRecord: true,
    };
    // Another organisation cannot turn it on for the supplier.
    const foreign = await call(outsider, 'PUT', `${org(ledMaker)}/exhibitor`, { ...showcase, version: 1 });
    expect(foreign.status).toBe(404);
    expect((await call(ledMaker, 'GET', `${org(ledMaker)}/exhibitor`)).body.showcase).toMatchObject({
      shareTrackRecord: false,
      version: 1,
    });
    const optIn = await call(ledMaker, 'PUT', `${org(ledMaker)}/exhibitor`, { ...showcase, version: 1 });
    expect(optIn.status, JSON.stringify(optIn.body)).toBe(200);
    expect(optIn.body).toMatchObject({ shareTrackRecord: true, version: 2 });
    expect((await call(ledMaker, 'GET', `${org(ledMaker)}/exhibitor`)).body.showcase).toMatchObject({
      shareTrackRecord: true,
    });

    // The buyer's edit re-matches. The supplier has no completed order on this hub: no record, so
    // the credit score is unknown (neutral) rather than low, and the history says none.
    const edited = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${id}`, {
      version: 1,
      description: 'Warm white LED bulbs for retail shops, CE marking required.',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const shown = await creditOf(id);
    expect(shown.credit).toMatchObject({ value: 0.5, reason: 'credit_unknown' });
    expect(shown.history).toMatchObject({ reason: 'history_none', params: { count: 0 } });

    // A PUT without the flag replaces it like the other optional fields: back to not shared.
    const optOut = await call(ledMaker, 'PUT', `${org(ledMaker)}/exhibitor`, {
      ...showcase,
      shareTrackRecord: undefined,
      version: 2,
    });
    expect(optOut.body).toMatchObject({ shareTrackRecord: false, version: 3 });
    // The stored match predates the choice; the buyer already reads it without the track record.
    expect((await creditOf(id)).credit).toMatchObject({ reason: 'credit_not_shared', params: {} });
    expect((await creditOf(id)).history).toMatchObject({ reason: 'history_not_shared', params: {} });
    const again = await call(buyer, 'PATCH', `${org(buyer)}/requirements/${id}`, {
      version: 2,
      quantity: '20001',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await creditOf(id)).credit).toMatchObject({ reason: 'credit_not_shared', params: {} });

    // Shared again for the day-rate test below, which reads a credit score.
    const back = await call(ledMaker, 'PUT', `${org(ledMaker)}/exhibitor`, { ...showcase, version: 3 });
    expect(back.body).toMatchObject({ shareTrackRecord: true });
  });
});

describe('matching with a day rate', () => {
  it('converts the target price when a rate is known and says which', async () => {
    const posted = await call(buyer, 'POST', `${org(buyer)}/requirements`, ledRequirement);
    const id = posted.body.id as string;
    await matchRequirement(
      ctx.hub.db,
      {
        now: () => new Date(),
        // 3.50 MYR at 0.2200 USD/MYR = 0.77 USD, inside the 0.60–0.90 range.
        convertMoney: async (amountMinor, from, to) =>
          from === 'MYR' && to === 'USD'
            ? { amountMinor: (amountMinor * 22n) / 100n, rate: '0.2200' }
            : undefined,
        creditScore: async () => ({ score: 72, grade: 'B' }),
        tradeHistory: async () => 12,
      },
      id,
    );
    const matches = await call(buyer, 'GET', `${org(buyer)}/requirements/${id}/matches`);
    const top = (matches.body.items as Lead[])[0];
    const byKey = Object.fromEntries((top?.components ?? []).map((c) => [c.key, c]));
    expect(byKey.price).toMatchObject({
      reason: 'price_range_covers_target_converted',
      params: { from: 'MYR', rate: '0.2200', target: '77', currency: 'USD' },
    });
    expect(byKey.credit).toMatchObject({ reason: 'credit_score', params: { score: 72, grade: 'B' } });
    expect(byKey.history).toMatchObject({ reason: 'history_orders', params: { count: 12 } });
  });
});

describe('trends', () => {
  it('counts requirements per month by HS chapter and by destination, aggregates only', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const byChapter = await call(outsider, 'GET', `/api/expo/trends?to=${month}&by=hs_chapter`);
    expect(byChapter.status, JSON.stringify(byChapter.body)).toBe(200);
    const months = byChapter.body.months as string[];
    expect(months).toHaveLength(13);
    expect(months.at(-1)).toBe(month);
    const series = byChapter.body.requirements as { key: string; total: number; counts: number[] }[];
    expect(series.find((s) => s.key === '85')?.total).toBeGreaterThanOrEqual(2);
    expect(series.find((s) => s.key === '66')?.counts.at(-1)).toBe(2);
    const byCountry = await call(outsider, 'GET', `/api/expo/trends?to=${month}&by=country`);
    const countries = byCountry.body.requirements as { key: string; total: number }[];
    expect(countries.find((s) => s.key === 'MY')?.total).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(byCountry.body)).not.toContain(buyer.organisationId);
  });

  it('is for signed-in callers only', async () => {
    const anonymous = await ctx.hub.app.inject({ method: 'GET', url: '/api/expo/trends' });
    expect(anonymous.statusCode).toBe(401);
  });
});
