import { formatMoneyAmount, money } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { SearchHit } from './search-catalogue.ts';

/** What a result card shows: the hit and the published facts of what it names. */
export type SearchResultCard = SearchHit & {
  nameZh: string;
  nameEn: string;
  snippetZh: string;
  snippetEn: string;
  exhibitor: { organisationId: string; nameZh: string; nameEn: string; country: string };
  hsCode: string | null;
  ebopsCode: string | null;
  price: { currency: string; min: string; max: string } | null;
  moq: { quantity: string; unit: string } | null;
  certifications: { scheme: string; verification: string }[];
};

const SNIPPET_LENGTH = 160;
const snippet = (text: string) =>
  text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1)}…` : text;

type Row = {
  kind: 'product' | 'service' | 'exhibitor';
  id: string;
  name_zh: string;
  name_en: string;
  text_zh: string;
  text_en: string;
  hs_code: string | null;
  ebops_code: string | null;
  price_currency: string | null;
  price_min_minor: string | null;
  price_max_minor: string | null;
  moq: string | null;
  moq_unit: string | null;
  exhibitor_id: string;
  exhibitor_zh: string;
  exhibitor_en: string;
  country: string;
};

/**
 * Reads the published facts of a page of hits, in the hits' order. A hit whose row stopped being
 * published between the search and this read is dropped (reads are outside the search's snapshot).
 */
export const hydrateHits = async (db: Database, hits: readonly SearchHit[]): Promise<SearchResultCard[]> => {
  if (hits.length === 0) {
    return [];
  }
  const ids = (kind: SearchHit['kind']) => hits.filter((h) => h.kind === kind).map((h) => h.id);
  const { rows } = await sql<Row>`
    select 'product' as kind, p.id, p.name_zh, p.name_en, p.description_zh as text_zh, p.description_en as text_en,
      p.hs_code::text as hs_code, null as ebops_code, p.price_currency::text as price_currency,
      p.price_min_minor::text as price_min_minor, p.price_max_minor::text as price_max_minor,
      trim_scale(p.moq)::text as moq, p.moq_unit, e.organisation_id as exhibitor_id,
      e.display_name_zh as exhibitor_zh, e.display_name_en as exhibitor_en, e.country::text as country
    from expo.products p join expo.exhibitors e on e.organisation_id = p.organisation_id
    where p.id = any(${ids('product')}::text[]) and p.status = 'published' and e.status = 'published'
    union all
    select 'service', s.id, s.name_zh, s.name_en, s.description_zh, s.description_en, null, s.ebops_code, null,
      null, null, null, null, e.organisation_id, e.display_name_zh, e.display_name_en, e.country::text
    from expo.services s join expo.exhibitors e on e.organisation_id = s.organisation_id
    where s.id = any(${ids('service')}::text[]) and s.status = 'published' and e.status = 'published'
    union all
    select 'exhibitor', e.organisation_id, e.display_name_zh, e.display_name_en, e.intro_zh, e.intro_en, null, null,
      null, null, null, null, null, e.organisation_id, e.display_name_zh, e.display_name_en, e.country::text
    from expo.exhibitors e
    where e.organisation_id = any(${ids('exhibitor')}::text[]) and e.status = 'published'`.execute(db.kysely);
  const { rows: certifications } = await sql<{ product_id: string; scheme: string; verification: string }>`
    select product_id, scheme, verification from expo.product_certifications
    where product_id = any(${ids('product')}::text[]) and verification in ('self_declared', 'verified')
    order by product_id, scheme`.execute(db.kysely);
  const byKey = new Map(rows.map((row) => [`${row.kind}:${row.id}`, row]));
  const cards: SearchResultCard[] = [];
  for (const hit of hits) {
    const row = byKey.get(`${hit.kind}:${hit.id}`);
    if (row === undefined) {
      continue;
    }
    cards.push({
      ...hit,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      snippetZh: snippet(row.text_zh),
      snippetEn: snippet(row.text_en),
      exhibitor: {
        organisationId: row.exhibitor_id,
        nameZh: row.exhibitor_zh,
        nameEn: row.exhibitor_en,
        country: row.country,
      },
      hsCode: row.hs_code,
      ebopsCode: row.ebops_code,
      price:
        row.price_currency === null || row.price_min_minor === null || row.price_max_minor === null
          ? null
          : {
              currency: row.price_currency,
              min: formatMoneyAmount(money(row.price_currency, BigInt(row.price_min_minor))),
              max: formatMoneyAmount(money(row.price_currency, BigInt(row.price_max_minor))),
            },
      moq: row.moq === null || row.moq_unit === null ? null : { quantity: row.moq, unit: row.moq_unit },
      certifications: certifications
        .filter((c) => hit.kind === 'product' && c.product_id === hit.id)
        .map((c) => ({ scheme: c.scheme, verification: c.verification })),
    });
  }
  return cards;
};
