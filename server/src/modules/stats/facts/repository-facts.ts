import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

/** One trade fact as stored (amounts in integer minor units). */
export type TradeFact = {
  source: 'synthetic' | 'customs' | 'trade' | 'payments' | 'logistics' | 'direct_report' | 'expo';
  sourceRef: string;
  enterpriseCode: string;
  organisationId: string | null;
  /** The first day of the month, YYYY-MM-01. */
  month: string;
  flow: 'export' | 'import';
  kind: 'goods' | 'services';
  customsMode: string | null;
  partner: string;
  hsChapter: string | null;
  consumerGoods: boolean;
  ebops: string | null;
  contentType: string;
  city: string;
  digitallyOrdered: boolean;
  digitallyDelivered: boolean;
  platformIntermediated: boolean;
  amountMinor: bigint;
  currency: string;
  cnyMinor: bigint;
  usdMinor: bigint;
};

const texts = (values: readonly (string | null)[]) => sql`${[...values]}::text[]`;
const bools = (values: readonly boolean[]) => sql`${[...values]}::boolean[]`;
const bigints = (values: readonly bigint[]) => sql`${values.map(String)}::bigint[]`;

/**
 * Adds facts and folds them into every rollup in one statement, so the dashboards are never behind
 * the facts. A fact already stored (same source and reference) is skipped and counted nowhere:
 * each transaction once. Rollup rows are updated in key order, so two loaders cannot deadlock.
 */
export const insertFacts = async (ex: Executor, facts: readonly TradeFact[]): Promise<number> => {
  if (facts.length === 0) {
    return 0;
  }
  const f = facts;
  const { rows } = await sql<{ inserted: string }>`
    with inserted as (
      insert into stats.facts (source, source_ref, enterprise_code, organisation_id, month, flow, kind,
        customs_mode, partner, hs_chapter, consumer_goods, ebops, content_type, city, digitally_ordered,
        digitally_delivered, platform_intermediated, amount_minor, currency, cny_minor, usd_minor)
      select source, source_ref, enterprise_code, organisation_id, month::date, flow, kind, customs_mode,
        partner, hs_chapter, consumer_goods, ebops, content_type, city, digitally_ordered,
        digitally_delivered, platform_intermediated, amount_minor, currency, cny_minor, usd_minor
      from unnest(${texts(f.map((x) => x.source))}, ${texts(f.map((x) => x.sourceRef))},
        ${texts(f.map((x) => x.enterpriseCode))}, ${texts(f.map((x) => x.organisationId))},
        ${texts(f.map((x) => x.month))}, ${texts(f.map((x) => x.flow))}, ${texts(f.map((x) => x.kind))},
        ${texts(f.map((x) => x.customsMode))}, ${texts(f.map((x) => x.partner))},
        ${texts(f.map((x) => x.hsChapter))}, ${bools(f.map((x) => x.consumerGoods))},
        ${texts(f.map((x) => x.ebops))}, ${texts(f.map((x) => x.contentType))}, ${texts(f.map((x) => x.city))},
        ${bools(f.map((x) => x.digitallyOrdered))}, ${bools(f.map((x) => x.digitallyDelivered))},
        ${bools(f.map((x) => x.platformIntermediated))}, ${bigints(f.map((x) => x.amountMinor))},
        ${texts(f.map((x) => x.currency))}, ${bigints(f.map((x) => x.cnyMinor))},
        ${bigints(f.map((x) => x.usdMinor))})
        as v (source, source_ref, enterprise_code, organisation_id, month, flow, kind, customs_mode, partner,
          hs_chapter, consumer_goods, ebops, content_type, city, digitally_ordered, digitally_delivered,
          platform_intermediated, amount_minor, currency, cny_minor, usd_minor)
      on conflict (source, source_ref) do nothing
      returning month, flow, kind, city, coalesce(customs_mode, '') as customs_mode, content_type,
        consumer_goods, digitally_ordered, digitally_delivered, platform_intermediated, partner,
        hs_chapter, ebops, (digitally_ordered or digitally_delivered) as digital, usd_minor, cny_minor
    ), main as (
      insert into stats.rollup_main as r (month, flow, kind, city, customs_mode, content_type, consumer_goods,
        digitally_ordered, digitally_delivered, platform_intermediated, usd_minor, cny_minor, facts)
      select month, flow, kind, city, customs_mode, content_type, consumer_goods, digitally_ordered,
        digitally_delivered, platform_intermediated, sum(usd_minor)::bigint, sum(cny_minor)::bigint, count(*)
      from inserted
      group by month, flow, kind, city, customs_mode, content_type, consumer_goods, digitally_ordered,
        digitally_delivered, platform_intermediated
      order by month, flow, kind, city, customs_mode, content_type, consumer_goods, digitally_ordered,
        digitally_delivered, platform_intermediated
      on conflict (month, flow, kind, city, customs_mode, content_type, consumer_goods, digitally_ordered,
        digitally_delivered, platform_intermediated)
      do update set usd_minor = r.usd_minor + excluded.usd_minor, cny_minor = r.cny_minor + excluded.cny_minor,
        facts = r.facts + excluded.facts
      returning 1
    ), by_partner as (
      insert into stats.rollup_partner as r (month, flow, kind, customs_mode, partner, digital, usd_minor,
        cny_minor, facts)
      select month, flow, kind, customs_mode, partner, digital, sum(usd_minor)::bigint, sum(cny_minor)::bigint,
        count(*)
      from inserted
      group by month, flow, kind, customs_mode, partner, digital
      order by month, flow, kind, customs_mode, partner, digital
      on conflict (month, flow, kind, customs_mode, partner, digital)
      do update set usd_minor = r.usd_minor + excluded.usd_minor, cny_minor = r.cny_minor + excluded.cny_minor,
        facts = r.facts + excluded.facts
      returning 1
    ), by_hs as (
      insert into stats.rollup_hs as r (month, flow, customs_mode, hs_chapter, digital, usd_minor, cny_minor,
        facts)
      select month, flow, customs_mode, hs_chapter, digital, sum(usd_minor)::bigint, sum(cny_minor)::bigint,
        count(*)
      from inserted where kind = 'goods'
      group by month, flow, customs_mode, hs_chapter, digital
      order by month, flow, customs_mode, hs_chapter, digital
      on conflict (month, flow, customs_mode, hs_chapter, digital)
      do update set usd_minor = r.usd_minor + excluded.usd_minor, cny_minor = r.cny_minor + excluded.cny_minor,
        facts = r.facts + excluded.facts
      returning 1
    ), by_ebops as (
      insert into stats.rollup_ebops as r (month, flow, ebops, digital, usd_minor, cny_minor, facts)
      select month, flow, ebops, digital, sum(usd_minor)::bigint, sum(cny_minor)::bigint, count(*)
      from inserted where kind = 'services'
      group by month, flow, ebops, digital
      order by month, flow, ebops, digital
      on conflict (month, flow, ebops, digital)
      do update set usd_minor = r.usd_minor + excluded.usd_minor, cny_minor = r.cny_minor + excluded.cny_minor,
        facts = r.facts + excluded.facts
      returning 1
    )
    select (select count(*) from inserted) as inserted, (select count(*) from main) as main,
      (select count(*) from by_partner) as partners, (select count(*) from by_hs) as hs,
      (select count(*) from by_ebops) as ebops`.execute(ex);
  return Number(rows[0]?.inserted ?? 0);
};
