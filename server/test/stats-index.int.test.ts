import { parseCsv } from '@tradehub/kernel';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPublishedIndex } from '../src/modules/stats/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The Zhejiang Index over HTTP: a commerce department computes a run from the facts, publishes
// it, and everyone reads the published index and its downloads; nobody else sees or publishes an
// unpublished run, and bad input is problem+json with the field.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let commerce: Party;
let otherCommerce: Party;
let exporter: Party;

type Run = {
  id: string;
  status: string;
  year: number;
  seed: number;
  runs: number;
  synthetic: boolean;
  inputsHash: string;
  specHash: string;
  result: {
    index: {
      baseYear: number;
      cities: {
        city: string;
        rank: number;
        score: number;
        uncertainty: { medianRank: number; q05Rank: number; q95Rank: number };
        strengths: string[];
        weaknesses: string[];
        pillars: Record<string, { score: number; rank: number }>;
      }[];
      series: { city: string; year: number; rebased: number | null }[];
    };
  };
};

const call = async (party: Party | null, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await ctx.hub.app.inject({
    method,
    url,
    headers: party === null ? {} : { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, type: res.headers['content-type'] ?? '', res };
};
const runs = (party: Party) => `/api/orgs/${party.organisationId}/stats/index/runs`;

let first: Run;

beforeAll(async () => {
  ctx = await createTestHub();
  commerce = await createParty(ctx.hub, 'IndexCommerce', { kind: 'regulator' });
  otherCommerce = await createParty(ctx.hub, 'IndexOtherCommerce', { kind: 'regulator' });
  exporter = await createParty(ctx.hub, 'IndexExporter', { kind: 'exporter' });
  await ctx.hub.stats.generateSynthetic({
    fromYear: 2024,
    years: 2,
    facts: 4_000,
    seed: 8,
    batchSize: 2_000,
  });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('the Zhejiang Index', () => {
  it('computes a run from the facts: scores, ranks inside their bands, the base year at 100', async () => {
    const computed = await call(commerce, 'POST', runs(commerce), { year: 2025, runs: 60, seed: 7 });
    expect(computed.status, computed.res.body).toBe(201);
    first = computed.res.json<Run>();
    expect(first).toMatchObject({ status: 'computed', year: 2025, seed: 7, runs: 60, synthetic: true });
    expect(first.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    const cities = first.result.index.cities;
    expect(cities.length).toBeGreaterThanOrEqual(8);
    expect(cities.map((c) => c.rank)).toEqual([...cities.map((c) => c.rank)].sort((a, b) => a - b));
    for (const city of cities) {
      expect(Number.isFinite(city.score)).toBe(true);
      expect(city.uncertainty.q05Rank).toBeLessThanOrEqual(city.uncertainty.medianRank);
      expect(city.uncertainty.medianRank).toBeLessThanOrEqual(city.uncertainty.q95Rank);
      expect(city.strengths).toHaveLength(3);
      expect(city.weaknesses).toHaveLength(3);
      expect(Object.keys(city.pillars).sort()).toEqual(
        ['digital', 'growth', 'openness', 'scale', 'structure'].sort(),
      );
    }
    expect(first.result.index.baseYear).toBe(2024);
    const base = first.result.index.series.filter((s) => s.year === 2024);
    expect(base.length).toBe(cities.length);
    expect(base.map((s) => s.rebased)).toEqual(base.map(() => 100));
  });

  it('gives the same numbers for the same facts and seed', async () => {
    const again = await call(commerce, 'POST', runs(commerce), { year: 2025, runs: 60, seed: 7 });
    expect(again.status).toBe(201);
    const run = again.res.json<Run>();
    expect(run.id).not.toBe(first.id);
    expect(run.inputsHash).toBe(first.inputsHash);
    expect(run.result.index.cities).toEqual(first.result.index.cities);
  });

  it('keeps an unpublished run from the public, from another department and from enterprises', async () => {
    const before = await call(null, 'GET', '/api/public/zhejiang-index?year=2025');
    expect(before.status).toBe(404);
    expect(before.type).toContain('application/problem+json');
    expect(before.res.json<{ code: string }>().code).toBe('stats.index_not_published');
    expect((await call(null, 'GET', '/api/public/zhejiang-index/2025/data.csv')).status).toBe(404);

    const read = await call(otherCommerce, 'GET', `${runs(otherCommerce)}/${first.id}`);
    expect(read.status).toBe(404);
    const publish = await call(otherCommerce, 'POST', `${runs(otherCommerce)}/${first.id}/publish`);
    expect(publish.status).toBe(404);
    const list = await call(otherCommerce, 'GET', runs(otherCommerce));
    expect(list.res.json<{ items: unknown[] }>().items).toEqual([]);
    // The commerce department's own path, under another department's session: not a member.
    expect((await call(otherCommerce, 'GET', `${runs(commerce)}/${first.id}`)).status).toBe(404);

    const enterprise = await call(exporter, 'POST', runs(exporter), { year: 2025 });
    expect([enterprise.status, enterprise.res.json<{ code: string }>().code]).toEqual([
      403,
      'stats.regulators_only',
    ]);
  });

  it('lets customs compute and read its own runs, but only the commerce department publishes', async () => {
    const customs = await createParty(ctx.hub, 'IndexCustoms', { kind: 'customs_authority' });
    const computed = await call(customs, 'POST', runs(customs), { year: 2025, runs: 20 });
    expect(computed.status, computed.res.body).toBe(201);
    const run = computed.res.json<Run>();
    expect((await call(customs, 'GET', `${runs(customs)}/${run.id}`)).status).toBe(200);
    const publish = await call(customs, 'POST', `${runs(customs)}/${run.id}/publish`);
    expect([publish.status, publish.res.json<{ code: string }>().code]).toEqual([
      403,
      'stats.index_commerce_only',
    ]);
  });

  it('refuses bad input as problem+json with the field, and a year without facts with a clear code', async () => {
    const bad = await call(commerce, 'POST', runs(commerce), { year: 1999, runs: 3, seed: -1 });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    const fields = bad.res
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    expect(fields).toEqual(['runs', 'seed', 'year']);
    const empty = await call(commerce, 'POST', runs(commerce), { year: 2031 });
    expect(empty.status).toBe(422);
    const body = empty.res.json<{ code: string; errors: { field: string; code: string }[] }>();
    expect(body.code).toBe('stats.index_no_facts');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'year', code: 'stats.index_no_facts' })]);
    const badYear = await call(null, 'GET', '/api/public/zhejiang-index?year=abc');
    expect(badYear.status).toBe(400);
  });

  it('publishes a run, which the public reads; a newer run supersedes it, the old stays readable', async () => {
    const published = await call(commerce, 'POST', `${runs(commerce)}/${first.id}/publish`);
    expect(published.status, published.res.body).toBe(200);
    expect(published.res.json<Run>().status).toBe('published');
    const again = await call(commerce, 'POST', `${runs(commerce)}/${first.id}/publish`);
    expect([again.status, again.res.json<{ code: string }>().code]).toEqual([
      409,
      'stats.index_run_not_publishable',
    ]);

    const open = await call(null, 'GET', '/api/public/zhejiang-index');
    expect(open.status, open.res.body).toBe(200);
    const index = open.res.json<{
      year: number;
      seed: number;
      synthetic: boolean;
      publishedBy: string;
      publishedYears: number[];
      cities: unknown[];
    }>();
    expect(index).toMatchObject({ year: 2025, seed: 7, synthetic: true, publishedYears: [2025] });
    expect(index.publishedBy).toBe('IndexCommerce Ltd');
    expect(index.cities).toEqual(first.result.index.cities);
    const fromModule = await loadPublishedIndex(ctx.hub.db, 2025);
    expect(fromModule?.cities).toEqual(first.result.index.cities);

    const newer = await call(commerce, 'POST', runs(commerce), { year: 2025, runs: 40, seed: 11 });
    const newerRun = newer.res.json<Run>();
    expect((await call(commerce, 'POST', `${runs(commerce)}/${newerRun.id}/publish`)).status).toBe(200);
    const now = await call(null, 'GET', '/api/public/zhejiang-index?year=2025');
    expect(now.res.json<{ seed: number }>().seed).toBe(11);
    const old = await call(commerce, 'GET', `${runs(commerce)}/${first.id}`);
    expect(old.res.json<Run>().status).toBe('superseded');
    const list = await call(commerce, 'GET', `${runs(commerce)}?year=2025`);
    expect(list.res.json<{ items: { id: string; status: string }[] }>().items.map((r) => r.status)).toEqual([
      'published',
      'computed',
      'superseded',
    ]);
  });

  it('downloads the published index as CSV and XLSX, labelled synthetic', async () => {
    const csv = await call(null, 'GET', '/api/public/zhejiang-index/2025/data.csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.res.headers['content-disposition']).toContain('zhejiang-index-2025.csv');
    const records = parseCsv(csv.res.body);
    expect(records[0]).toEqual(['Zhejiang Digital Trade Index / 浙江数字贸易指数', '2025']);
    expect(records[1]?.[1]).toMatch(/^true — SYNTHETIC DATA/);
    const headerAt = records.findIndex((r) => r[0] === 'rank');
    const header = records[headerAt] as string[];
    expect(header.slice(0, 5)).toEqual(['rank', 'city_code', 'city_en', 'city_zh', 'index']);
    const table = records.slice(headerAt + 1).filter((r) => r.length > 1);
    const published = (await call(null, 'GET', '/api/public/zhejiang-index?year=2025')).res.json<{
      cities: { city: string; rank: number; score: number }[];
    }>();
    expect(table.length).toBe(published.cities.length);
    expect(table.map((r) => [Number(r[0]), r[1], Number(r[4])])).toEqual(
      published.cities.map((c) => [c.rank, c.city, c.score]),
    );
    expect(header).toContain('value_dt_total');
    expect(header).toContain('score_partner_diversity');

    const xlsx = await call(null, 'GET', '/api/public/zhejiang-index/2025/data.xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Index');
    expect(sheet?.getCell('A1').value).toBe('Zhejiang Digital Trade Index / 浙江数字贸易指数');
    expect(String(sheet?.getCell('B2').value)).toMatch(/^true — SYNTHETIC DATA/);
    const xlsxHeaderRow = headerAt + 1;
    expect(sheet?.getRow(xlsxHeaderRow).getCell(1).value).toBe('rank');
    const firstCity = sheet?.getRow(xlsxHeaderRow + 1);
    expect([firstCity?.getCell(1).value, firstCity?.getCell(2).value, firstCity?.getCell(5).value]).toEqual([
      published.cities[0]?.rank,
      published.cities[0]?.city,
      published.cities[0]?.score,
    ]);
    expect(workbook.getWorksheet('Indicators')?.rowCount).toBeGreaterThan(15);
  });
});
