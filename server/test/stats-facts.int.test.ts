import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakdown,
  includesSynthetic,
  insertFacts,
  monthlySeries,
  syntheticFacts,
  targetsDashboard,
} from '../src/modules/stats/index.ts';
import { createTestDatabase, type TestDatabase, testEngine } from './support/test-db.ts';

// The fact table and its rollups: each transaction counted once, the rollups always equal to the
// facts (the accounting identities the dashboards rest on), and the dashboard figures equal to
// the same questions asked of the facts directly.

let db: TestDatabase;
const options = { fromYear: 2024, years: 2, facts: 12_000, seed: 42, batchSize: 2_500 };

const scalar = async (query: ReturnType<typeof sql<{ v: string | null }>>) =>
  BigInt((await query.execute(db.kysely)).rows[0]?.v ?? '0');

beforeAll(async () => {
  db = await createTestDatabase();
  for (const batch of syntheticFacts(options)) {
    await db.transaction((trx) => insertFacts(trx, batch));
  }
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe(`stats facts and rollups (${testEngine()})`, () => {
  it('stores each transaction once: loading the same facts again adds nothing anywhere', async () => {
    const facts = await scalar(sql<{ v: string }>`select count(*)::text as v from stats.facts`);
    expect(facts).toBeGreaterThan(11_900n);
    const before = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.rollup_main`);
    let added = 0;
    for (const batch of syntheticFacts(options)) {
      added += await db.transaction((trx) => insertFacts(trx, batch));
    }
    expect(added).toBe(0);
    expect(await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.rollup_main`)).toBe(
      before,
    );
  });

  it('keeps every rollup equal to the facts: totals, per partner, per city, per HS chapter, per EBOPS category', async () => {
    const total = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts`);
    expect(await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.rollup_main`)).toBe(
      total,
    );
    expect(await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.rollup_partner`)).toBe(
      total,
    );
    const goods = await scalar(
      sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts where kind = 'goods'`,
    );
    expect(await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.rollup_hs`)).toBe(
      goods,
    );
    const services = await scalar(
      sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts where kind = 'services'`,
    );
    expect(await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.rollup_ebops`)).toBe(
      services,
    );
    const mismatches = await sql<{ city: string }>`
      select f.city from (select city, sum(usd_minor) as usd from stats.facts group by city) f
      full join (select city, sum(usd_minor) as usd from stats.rollup_main group by city) r using (city)
      where f.usd is distinct from r.usd`.execute(db.kysely);
    expect(mismatches.rows).toEqual([]);
    const counts = await scalar(sql<{ v: string }>`select sum(facts)::text as v from stats.rollup_main`);
    expect(counts).toBe(await scalar(sql<{ v: string }>`select count(*)::text as v from stats.facts`));
  });

  it('answers the targets dashboard as the facts say', async () => {
    const dashboard = await targetsDashboard(db.kysely, { year: 2025, throughMonth: 11 });
    const digital = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts
      where month between '2025-01-01' and '2025-11-01' and (digitally_ordered or digitally_delivered)`);
    const before = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts
      where month between '2024-01-01' and '2024-11-01' and (digitally_ordered or digitally_delivered)`);
    expect(dashboard.digitalTrade.usdMinor).toBe(digital.toString());
    // Every fact here is generated, and the dashboard says so.
    expect(await includesSynthetic(db.kysely)).toBe(true);
    expect(dashboard.digitalTrade.previousYearUsdMinor).toBe(before.toString());
    // The generator grows the synthetic trade by about 17 % a year.
    expect(dashboard.digitalTrade.growth).toBeGreaterThan(0.05);
    expect(dashboard.digitalTrade.growth).toBeLessThan(0.35);
    const cbec = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts
      where month between '2025-01-01' and '2025-11-01' and consumer_goods and customs_mode in ('9610','9710','9810','1210')`);
    const consumer = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts
      where month between '2025-01-01' and '2025-11-01' and consumer_goods`);
    expect(dashboard.cbecShareOfConsumerGoods.share).toBeCloseTo(Number(cbec) / Number(consumer), 5);
    expect(BigInt(dashboard.digitalTrade.runRateNeededUsdMinor)).toBe(
      (100_000_000_000_00n - digital > 0n ? 100_000_000_000_00n - digital : 0n) / 1n,
    );
  });

  it('breaks digital trade down by mode, partner, HS chapter, EBOPS, content type and city, adding up to the total', async () => {
    const period = { year: 2025, throughMonth: 12 };
    const digitalTotal = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts
      where month between '2025-01-01' and '2025-12-01' and (digitally_ordered or digitally_delivered)`);
    for (const dimension of ['city', 'content_type', 'partner'] as const) {
      const result = await breakdown(db.kysely, { ...period, dimension, digitalOnly: true });
      const sum = result.items.reduce((acc, item) => acc + BigInt(item.usdMinor), 0n);
      expect(sum, dimension).toBe(digitalTotal);
    }
    const partners9710 = await breakdown(db.kysely, {
      ...period,
      dimension: 'partner',
      customsMode: '9710',
      digitalOnly: true,
    });
    const direct = await scalar(sql<{ v: string }>`select sum(usd_minor)::text as v from stats.facts
      where month between '2025-01-01' and '2025-12-01' and customs_mode = '9710'`);
    expect(partners9710.items.reduce((acc, item) => acc + BigInt(item.usdMinor), 0n)).toBe(direct);
    const modes = await breakdown(db.kysely, { ...period, dimension: 'mode', digitalOnly: false });
    expect(modes.items.map((item) => item.key).sort()).toEqual(['0110', '1210', '9610', '9710', '9810']);
    const ebops = await breakdown(db.kysely, { ...period, dimension: 'ebops', digitalOnly: false });
    expect(ebops.items.length).toBe(12);
    const series = await monthlySeries(db.kysely, 2025);
    expect(series).toHaveLength(24);
    // Singles' Day: November is the biggest month of the year.
    const months2025 = series.filter((m) => m.month.startsWith('2025'));
    const biggest = months2025.reduce((a, b) => (BigInt(b.usdMinor) > BigInt(a.usdMinor) ? b : a));
    expect(biggest.month).toBe('2025-11');
  });
});
