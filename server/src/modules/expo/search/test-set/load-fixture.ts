import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../../../platform/db/index.ts';
import { reindexExhibitor, reindexProducts, reindexServices } from '../search-documents.ts';

const ZProduct = z.object({
  key: z.string(),
  exhibitor: z.string(),
  status: z.enum(['draft', 'published', 'withdrawn']).optional(),
  hs: z.string().regex(/^\d{6}$/),
  zh: z.string(),
  en: z.string(),
  dzh: z.string(),
  den: z.string(),
  certs: z.array(z.tuple([z.string(), z.enum(['self_declared', 'verified'])])),
  price: z.tuple([z.string(), z.number().int(), z.number().int()]),
  moq: z.tuple([z.string(), z.string()]),
});
const ZFixture = z.object({
  exhibitors: z.array(
    z.object({
      key: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      country: z.string().length(2),
      cityZh: z.string(),
      cityEn: z.string(),
      introZh: z.string(),
      introEn: z.string(),
    }),
  ),
  products: z.array(ZProduct),
  hidden: z.array(ZProduct),
  services: z.array(
    z.object({
      key: z.string(),
      exhibitor: z.string(),
      ebops: z.string(),
      zh: z.string(),
      en: z.string(),
      dzh: z.string(),
      den: z.string(),
    }),
  ),
});

export type SearchFixture = z.infer<typeof ZFixture>;

export const readSearchFixture = (): SearchFixture =>
  ZFixture.parse(JSON.parse(readFileSync(new URL('./fixture-catalogue.json', import.meta.url), 'utf8')));

/** Organisation, product and service ids of the fixture: stable, derived from the keys. */
export const fixtureId = (kind: 'org' | 'prd' | 'svc', key: string) => `${kind}_fx_${key.replace(/-/g, '_')}`;

/**
 * Writes the fixture catalogue with plain SQL (the catalogue's own rules are not under test here)
 * and indexes it through the search module's reindex functions, as the catalogue's writes do.
 * Prices in the fixture are in minor units (cents).
 */
export const loadSearchFixture = async (db: Database, now: Date): Promise<SearchFixture> => {
  const fixture = readSearchFixture();
  await db.transaction(async (trx) => {
    for (const e of fixture.exhibitors) {
      const id = fixtureId('org', e.key);
      await sql`insert into identity.organisations (id, name_zh, name_en, kind, country)
        values (${id}, ${e.nameZh}, ${e.nameEn}, 'exporter', ${e.country})`.execute(trx);
      await sql`insert into expo.exhibitors (organisation_id, display_name_zh, display_name_en, intro_zh, intro_en,
          country, city_zh, city_en, status, version, created_at, updated_at)
        values (${id}, ${e.nameZh}, ${e.nameEn}, ${e.introZh}, ${e.introEn}, ${e.country}, ${e.cityZh}, ${e.cityEn},
          'published', 1, ${now}, ${now})`.execute(trx);
    }
    for (const p of [...fixture.products, ...fixture.hidden]) {
      const id = fixtureId('prd', p.key);
      const owner = fixtureId('org', p.exhibitor);
      await sql`insert into expo.products (id, organisation_id, name_zh, name_en, description_zh, description_en,
          hs_code, hs_chapter, moq, moq_unit, price_currency, price_min_minor, price_max_minor, lead_time_days,
          status, version, created_at, updated_at)
        values (${id}, ${owner}, ${p.zh}, ${p.en}, ${p.dzh}, ${p.den}, ${p.hs}, ${p.hs.slice(0, 2)},
          ${p.moq[0]}::numeric, ${p.moq[1]}, ${p.price[0]}, ${p.price[1]}, ${p.price[2]}, 30,
          ${p.status ?? 'published'}, 1, ${now}, ${now})`.execute(trx);
      for (const [scheme, verification] of p.certs) {
        await sql`insert into expo.product_certifications (product_id, organisation_id, scheme, verification,
            verified_at, created_at)
          values (${id}, ${owner}, ${scheme}, ${verification}, ${verification === 'verified' ? now : null}, ${now})`.execute(
          trx,
        );
      }
    }
    for (const s of fixture.services) {
      await sql`insert into expo.services (id, organisation_id, name_zh, name_en, description_zh, description_en,
          ebops_code, gats_modes, status, version, created_at, updated_at)
        values (${fixtureId('svc', s.key)}, ${fixtureId('org', s.exhibitor)}, ${s.zh}, ${s.en}, ${s.dzh}, ${s.den},
          ${s.ebops}, ${['mode1']}::text[], 'published', 1, ${now}, ${now})`.execute(trx);
    }
    await reindexProducts(
      trx,
      [...fixture.products, ...fixture.hidden].map((p) => fixtureId('prd', p.key)),
      now,
    );
    await reindexServices(
      trx,
      fixture.services.map((s) => fixtureId('svc', s.key)),
      now,
    );
    for (const e of fixture.exhibitors) {
      await reindexExhibitor(trx, fixtureId('org', e.key), now);
    }
  });
  return fixture;
};
