import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../../test/support/test-hub.ts';
import { searchCounts } from './index.ts';
import { loadSearchFixture } from './test-set/load-fixture.ts';

// Expo search over HTTP: any signed-in organisation searches published offerings in zh and en
// with filters; bad queries get a 400 on `q`, never a 500; each search is recorded for its
// organisation, and an organisation sees only its own recent searches.

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string }[];

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let buyer: Party; // A: searches
let other: Party; // B: another organisation

const get = async (party: Party | null, url: string) => {
  const res = await ctx.hub.app.inject({
    method: 'GET',
    url,
    headers: party === null ? {} : { cookie: party.cookie },
  });
  return { status: res.statusCode, body: res.json<Json>(), type: String(res.headers['content-type'] ?? '') };
};
const search = (party: Party, query: string) =>
  get(party, `/api/orgs/${party.organisationId}/expo/search?${query}`);
const codes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

beforeAll(async () => {
  ctx = await createTestHub();
  buyer = await createParty(ctx.hub, 'KLBuyer', { kind: 'importer' });
  other = await createParty(ctx.hub, 'OtherOrg');
  await loadSearchFixture(ctx.hub.db, new Date('2026-11-01T00:00:00Z'));
}, 60_000);
afterAll(async () => {
  await ctx.close();
});

const write = async (party: Party, method: 'PUT' | 'POST', path: string, payload?: object) => {
  const res = await ctx.hub.app.inject({
    method,
    url: `/api/orgs/${party.organisationId}/expo${path}`,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<Json>() };
};

describe('GET /api/orgs/:orgId/expo/search', () => {
  it('follows catalogue writes in their transaction: publish makes a product findable, withdraw hides it', async () => {
    const showcase = await write(other, 'PUT', '/exhibitor', {
      displayNameZh: '温州袋鼠灯具有限公司',
      displayNameEn: 'Wenzhou Quokka Lighting Co., Ltd.',
      country: 'CN',
      status: 'published',
    });
    expect(showcase.status).toBe(200);
    const created = await write(other, 'POST', '/products', {
      nameZh: '袋鼠太阳能露营灯',
      nameEn: 'Quokka Solar Camping Lantern',
      hsCode: '940549',
      moq: '100',
      moqUnit: 'C62',
      price: { currency: 'USD', min: '4.00', max: '6.50' },
      leadTimeDays: 20,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const ids = async (q: string) =>
      ((await search(buyer, `q=${encodeURIComponent(q)}`)).body.items as Json[]).map((item) => item.id);
    // A draft is its owner's alone.
    expect(await ids('quokka lantern')).not.toContain(id);
    expect((await write(other, 'POST', `/products/${id}/publish`)).status).toBe(200);
    expect(await ids('quokka lantern')).toContain(id);
    expect(await ids('袋鼠露营灯')).toContain(id);
    expect(await ids('Wenzhou Quokka Lighting')).toContain(other.organisationId);
    expect((await write(other, 'POST', `/products/${id}/withdraw`)).status).toBe(200);
    expect(await ids('quokka lantern')).not.toContain(id);
  });

  it('finds published products in Chinese and English, with the facts a result card shows', async () => {
    const en = await search(buyer, 'q=umbrella&kind=product');
    expect(en.status).toBe(200);
    const items = en.body.items as Json[];
    expect(items.length).toBeGreaterThan(2);
    const folding = items.find((item) => item.nameEn === 'Automatic Three-Fold Umbrella');
    expect(folding).toMatchObject({
      kind: 'product',
      hsCode: '660191',
      price: { currency: 'USD', min: '3.00', max: '5.50' },
      moq: { quantity: '500', unit: 'PCE' },
      certifications: [{ scheme: 'SGS', verification: 'verified' }],
      exhibitor: { nameEn: 'Shangyu Qingyu Umbrella Co., Ltd.', country: 'CN' },
    });
    expect(folding?.matchedTerms).toContain('umbrella');
    const zh = await search(buyer, `q=${encodeURIComponent('雨伞')}&kind=product`);
    expect((zh.body.items as Json[]).map((item) => item.id)).toContain(folding?.id);
  });

  it('applies filters and paging', async () => {
    const my = await search(buyer, 'q=led&country=my&kind=product');
    expect((my.body.items as Json[]).every((item) => (item.exhibitor as Json).country === 'MY')).toBe(true);
    expect(my.body.total).toBe(3);
    const cheap = await search(buyer, 'q=charger&maxPrice=2.00&currency=USD');
    expect((cheap.body.items as Json[]).map((item) => item.nameEn)).toEqual(['Dual USB Car Charger']);
    const page = await search(buyer, 'q=led&limit=2&offset=2');
    expect((page.body.items as Json[]).length).toBe(2);
  });

  it('never finds drafts or withdrawn products', async () => {
    const res = await search(buyer, 'q=Zebrafinch');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.total).toBe(0);
  });

  it('answers a 10,000-character or punctuation-only query with a 400 on q', async () => {
    const long = await search(buyer, `q=${'灯'.repeat(10_000)}`);
    expect(long.status).toBe(400);
    expect(long.type).toContain('application/problem+json');
    expect(codes(long.body)).toEqual([['q', 'expo.search_query_too_long']]);
    const punctuation = await search(buyer, `q=${encodeURIComponent('?!…。，、——')}`);
    expect(punctuation.status).toBe(400);
    expect(codes(punctuation.body)).toEqual([['q', 'expo.search_query_empty']]);
    const none = await search(buyer, 'q=');
    expect(none.status).toBe(400);
  });

  it('answers bad filters with field errors', async () => {
    const unpaired = await search(buyer, 'q=led&maxPrice=10');
    expect(unpaired.status).toBe(400);
    expect(codes(unpaired.body)).toEqual([['currency', 'expo.required']]);
    const chapter = await search(buyer, 'q=led&hsChapter=940');
    expect(chapter.status).toBe(400);
    const price = await search(buyer, 'q=led&maxPrice=1.5&currency=ABC');
    expect(price.status).toBe(400);
    expect(codes(price.body)).toEqual([['maxPrice', 'expo.search_bad_price']]);
    const unknownParam = await search(buyer, 'q=led&sql=1');
    expect(unknownParam.status).toBe(400);
  });

  it('is for signed-in organisations, each searching as itself', async () => {
    expect((await get(null, `/api/orgs/${buyer.organisationId}/expo/search?q=led`)).status).toBe(401);
    // B cannot search (and so record searches) in A's name.
    expect((await get(other, `/api/orgs/${buyer.organisationId}/expo/search?q=led`)).status).toBe(404);
  });

  it('records each search, and shows an organisation only its own recent searches', async () => {
    await search(buyer, `q=${encodeURIComponent('太阳能板')}`);
    await search(other, 'q=silk');
    const mine = await get(buyer, `/api/orgs/${buyer.organisationId}/expo/search/recent`);
    expect(mine.status).toBe(200);
    const texts = (mine.body.items as Json[]).map((item) => item.query);
    expect(texts).toContain('太阳能板');
    expect(texts).not.toContain('silk');
    const theirs = await get(other, `/api/orgs/${other.organisationId}/expo/search/recent`);
    expect((theirs.body.items as Json[]).map((item) => item.query)).toEqual(['silk']);
    expect((await get(other, `/api/orgs/${buyer.organisationId}/expo/search/recent`)).status).toBe(404);
    expect((await get(null, `/api/orgs/${buyer.organisationId}/expo/search/recent`)).status).toBe(401);
  });

  it('counts searches for trends by query, HS chapter and language', async () => {
    const window = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };
    const byQuery = await searchCounts(ctx.hub.db, { ...window, groupBy: 'query' });
    expect(byQuery.find((row) => row.key === '太阳能板')).toMatchObject({ searches: 1, organisations: 1 });
    const byChapter = await searchCounts(ctx.hub.db, { ...window, groupBy: 'hs_chapter' });
    expect(byChapter.map((row) => row.key)).toEqual(expect.arrayContaining(['85', '66']));
    const byLanguage = await searchCounts(ctx.hub.db, { ...window, groupBy: 'language' });
    expect(byLanguage.map((row) => row.key).sort()).toEqual(['en', 'zh']);
  });
});
