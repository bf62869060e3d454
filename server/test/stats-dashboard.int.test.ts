import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The commerce department's dashboards over HTTP: for regulators only, with the synthetic label,
// query checks as problem+json, and the same figures as the stats module computes.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let commerce: Party;
let exporter: Party;

const get = async (party: Party, path: string) => {
  const res = await ctx.hub.app.inject({
    method: 'GET',
    url: `/api/orgs/${party.organisationId}/stats/dashboard${path}`,
    headers: { cookie: party.cookie },
  });
  return {
    status: res.statusCode,
    body: res.json<Record<string, unknown>>(),
    type: res.headers['content-type'],
  };
};

beforeAll(async () => {
  ctx = await createTestHub();
  commerce = await createParty(ctx.hub, 'StatsCommerce', { kind: 'regulator' });
  exporter = await createParty(ctx.hub, 'StatsExporter', { kind: 'exporter' });
  await ctx.hub.stats.generateSynthetic({
    fromYear: 2024,
    years: 2,
    facts: 3_000,
    seed: 5,
    batchSize: 1_000,
  });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('statistics dashboards', () => {
  it('shows a regulator the four targets, labelled synthetic', async () => {
    const answer = await get(commerce, '/targets?year=2025&throughMonth=11');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      synthetic: true,
      period: { year: 2025, throughMonth: 11 },
      digitalTrade: { targetUsdMinor: '10000000000000', growthTarget: 0.15 },
      cbecShareOfConsumerGoods: { target: 0.5 },
    });
    const digital = answer.body.digitalTrade as { usdMinor: string };
    expect(BigInt(digital.usdMinor)).toBeGreaterThan(0n);
  });

  it('breaks down by partner within a customs mode, and gives the monthly series', async () => {
    const drill = await get(commerce, '/breakdown?year=2025&dimension=partner&customsMode=9710');
    expect(drill.status).toBe(200);
    const items = drill.body.items as { key: string; usdMinor: string }[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((item) => /^[A-Z]{2}$/.test(item.key) && /^\d+$/.test(item.usdMinor))).toBe(true);
    const series = await get(commerce, '/series?year=2025');
    expect((series.body.items as unknown[]).length).toBe(24);
  });

  it('refuses an enterprise (403) and a bad query (400), as problem+json with the field', async () => {
    const refused = await get(exporter, '/targets');
    expect([refused.status, refused.body.code]).toEqual([403, 'stats.regulators_only']);
    expect(refused.type).toContain('application/problem+json');
    const bad = await get(commerce, '/breakdown?dimension=galaxy&throughMonth=13');
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['dimension', 'throughMonth']);
  });
});
