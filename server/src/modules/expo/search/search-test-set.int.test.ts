import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../../test/support/test-db.ts';
import type { Database } from '../../../platform/db/index.ts';
import { searchCatalogue, searchKinds } from './index.ts';
import { fixtureId, loadSearchFixture } from './test-set/load-fixture.ts';

// The search test set (issue 11 acceptance): over a fixed bilingual catalogue, each query's
// expected results must be in its top k. A ranking or tokenising change that breaks a query fails
// here with the query and what came back instead.

const ZTestSet = z.object({
  queries: z.array(
    z.object({
      q: z.string(),
      expect: z.array(z.string()).optional(),
      k: z.number().int().positive().optional(),
      none: z.boolean().optional(),
      kinds: z.array(z.enum(searchKinds)).optional(),
      filters: z
        .object({
          hsChapter: z.string().optional(),
          country: z.string().optional(),
          certification: z.string().optional(),
          verifiedOnly: z.boolean().optional(),
          maxMoq: z.object({ quantity: z.string(), unit: z.string() }).optional(),
          maxPrice: z.object({ amount: z.string(), currency: z.string() }).optional(),
        })
        .optional(),
    }),
  ),
});
const testSet = ZTestSet.parse(
  JSON.parse(readFileSync(new URL('./test-set/search-test-set.json', import.meta.url), 'utf8')),
);

let db: Database & { close(): Promise<void> };
const keyOf = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  const fixture = await loadSearchFixture(db, new Date('2026-11-01T00:00:00Z'));
  for (const p of [...fixture.products, ...fixture.hidden]) {
    keyOf.set(fixtureId('prd', p.key), p.key);
  }
  for (const s of fixture.services) {
    keyOf.set(fixtureId('svc', s.key), s.key);
  }
  for (const e of fixture.exhibitors) {
    keyOf.set(fixtureId('org', e.key), e.key);
  }
}, 60_000);
afterAll(async () => {
  await db.close();
});

describe('the search test set', () => {
  it('has at least 50 queries in each of Chinese and English', () => {
    const chinese = testSet.queries.filter((query) => /\p{Script=Han}/u.test(query.q));
    expect(chinese.length).toBeGreaterThanOrEqual(50);
    expect(testSet.queries.length - chinese.length).toBeGreaterThanOrEqual(50);
  });

  it.each(
    testSet.queries.map(
      (query) => [query.q + (query.filters ? ` ${JSON.stringify(query.filters)}` : ''), query] as const,
    ),
  )('%s', async (_label, query) => {
    const k = query.k ?? 5;
    const result = await searchCatalogue(db, {
      q: query.q,
      ...(query.kinds === undefined ? {} : { kinds: query.kinds }),
      ...(query.filters === undefined ? {} : { filters: query.filters }),
      limit: Math.max(k, 10),
    });
    const keys = result.hits.map((hit) => keyOf.get(hit.id) ?? hit.id);
    if (query.none === true) {
      expect(keys).toEqual([]);
      return;
    }
    const top = keys.slice(0, k);
    const missing = (query.expect ?? []).filter((key) => !top.includes(key));
    expect({ missing, top }).toEqual({ missing: [], top });
  });
});
