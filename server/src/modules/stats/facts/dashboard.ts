import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

/**
 * The commerce department's dashboard, read from the rollups only (never from the facts), so it
 * answers in the same time for ten thousand facts as for ten million.
 */

/** The policy's targets (§22): USD 100 billion of digital trade a year, growth of at least 15 %, CBEC
 * at least half of consumer-goods trade, digital services at least half of services trade. */
export const policyTargets = {
  digitalTradeUsdMinor: 100_000_000_000_00n,
  growth: 0.15,
  cbecShareOfConsumerGoods: 0.5,
  digitalShareOfServices: 0.5,
} as const;

type Period = { year: number; throughMonth: number };

const monthsOf = ({ year, throughMonth }: Period) => ({
  from: `${year}-01-01`,
  to: `${year}-${String(throughMonth).padStart(2, '0')}-01`,
});

const ratio = (part: bigint, whole: bigint) =>
  whole === 0n ? null : Number((part * 1_000_000n) / whole) / 1_000_000;

/**
 * Whether synthetic facts are among the data: the dashboards then say so on every page, so demo
 * figures are never mistaken for statistics. (An index lookup on the facts' unique key.)
 */
export const includesSynthetic = async (ex: Executor) => {
  const { rows } = await sql<{ synthetic: boolean }>`
    select exists (select 1 from stats.facts where source = 'synthetic') as synthetic`.execute(ex);
  return rows[0]?.synthetic === true;
};

/** The four targets against the year to date, the same months a year before, and the monthly run-rate still needed. */
export const targetsDashboard = async (ex: Executor, period: Period) => {
  const now = monthsOf(period);
  const before = monthsOf({ year: period.year - 1, throughMonth: period.throughMonth });
  const { rows } = await sql<{
    digital: string | null;
    digital_before: string | null;
    cbec_consumer: string | null;
    consumer: string | null;
    digital_services: string | null;
    services: string | null;
  }>`
    select
      sum(usd_minor) filter (where month between ${now.from}::date and ${now.to}::date
        and (digitally_ordered or digitally_delivered)) as digital,
      sum(usd_minor) filter (where month between ${before.from}::date and ${before.to}::date
        and (digitally_ordered or digitally_delivered)) as digital_before,
      sum(usd_minor) filter (where month between ${now.from}::date and ${now.to}::date and consumer_goods
        and customs_mode in ('9610', '9710', '9810', '1210')) as cbec_consumer,
      sum(usd_minor) filter (where month between ${now.from}::date and ${now.to}::date and consumer_goods) as consumer,
      sum(usd_minor) filter (where month between ${now.from}::date and ${now.to}::date and kind = 'services'
        and digitally_delivered) as digital_services,
      sum(usd_minor) filter (where month between ${now.from}::date and ${now.to}::date and kind = 'services') as services
    from stats.rollup_main
    where month between ${before.from}::date and ${now.to}::date`.execute(ex);
  const row = rows[0];
  const big = (value: string | null | undefined) => BigInt(value ?? '0');
  const digital = big(row?.digital);
  const digitalBefore = big(row?.digital_before);
  const monthsLeft = 12 - period.throughMonth;
  const remaining = policyTargets.digitalTradeUsdMinor - digital;
  return {
    period,
    digitalTrade: {
      usdMinor: digital.toString(),
      targetUsdMinor: policyTargets.digitalTradeUsdMinor.toString(),
      previousYearUsdMinor: digitalBefore.toString(),
      growth: digitalBefore === 0n ? null : (ratio(digital, digitalBefore) as number) - 1,
      growthTarget: policyTargets.growth,
      // What each remaining month must bring to reach the year's target (0 once it is reached).
      runRateNeededUsdMinor: (monthsLeft === 0 || remaining <= 0n
        ? 0n
        : remaining / BigInt(monthsLeft)
      ).toString(),
    },
    cbecShareOfConsumerGoods: {
      share: ratio(big(row?.cbec_consumer), big(row?.consumer)),
      target: policyTargets.cbecShareOfConsumerGoods,
    },
    digitalShareOfServices: {
      share: ratio(big(row?.digital_services), big(row?.services)),
      target: policyTargets.digitalShareOfServices,
    },
  };
};

export const breakdownDimensions = [
  'mode',
  'partner',
  'hs_chapter',
  'ebops',
  'content_type',
  'city',
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** Digital trade (or all trade) by one dimension: the year to date, a year before, and the growth. */
export const breakdown = async (
  ex: Executor,
  query: Period & {
    dimension: BreakdownDimension;
    flow?: 'export' | 'import' | undefined;
    customsMode?: string | undefined;
    digitalOnly: boolean;
  },
) => {
  const now = monthsOf(query);
  const before = monthsOf({ year: query.year - 1, throughMonth: query.throughMonth });
  const source = {
    mode: {
      table: 'stats.rollup_main',
      key: 'customs_mode',
      digital: '(digitally_ordered or digitally_delivered)',
    },
    content_type: {
      table: 'stats.rollup_main',
      key: 'content_type',
      digital: '(digitally_ordered or digitally_delivered)',
    },
    city: { table: 'stats.rollup_main', key: 'city', digital: '(digitally_ordered or digitally_delivered)' },
    partner: { table: 'stats.rollup_partner', key: 'partner', digital: 'digital' },
    hs_chapter: { table: 'stats.rollup_hs', key: 'hs_chapter', digital: 'digital' },
    ebops: { table: 'stats.rollup_ebops', key: 'ebops', digital: 'digital' },
  }[query.dimension];
  const filters = [
    sql`month between ${before.from}::date and ${now.to}::date`,
    ...(query.digitalOnly ? [sql.raw(source.digital)] : []),
    ...(query.flow === undefined ? [] : [sql`flow = ${query.flow}`]),
    ...(query.customsMode === undefined || query.dimension === 'ebops'
      ? []
      : [sql`customs_mode = ${query.customsMode}`]),
    // The main cube files services under an empty mode; a breakdown by mode is of goods.
    ...(query.dimension === 'mode' ? [sql`customs_mode <> ''`] : []),
  ];
  const { rows } = await sql<{ key: string; now: string | null; before: string | null }>`
    select ${sql.raw(source.key)}::text as key,
      sum(usd_minor) filter (where month between ${now.from}::date and ${now.to}::date) as now,
      sum(usd_minor) filter (where month between ${before.from}::date and ${before.to}::date) as before
    from ${sql.raw(source.table)}
    where ${sql.join(filters, sql` and `)}
    group by 1
    order by 2 desc nulls last`.execute(ex);
  return {
    dimension: query.dimension,
    period: { year: query.year, throughMonth: query.throughMonth },
    items: rows.map((row) => {
      const current = BigInt(row.now ?? '0');
      const previous = BigInt(row.before ?? '0');
      return {
        key: row.key,
        usdMinor: current.toString(),
        previousYearUsdMinor: previous.toString(),
        growth: previous === 0n ? null : (ratio(current, previous) as number) - 1,
      };
    }),
  };
};

/** Digital trade per month of a year and the year before, for the trend chart. */
export const monthlySeries = async (ex: Executor, year: number) => {
  const { rows } = await sql<{ month: string; usd: string }>`
    select to_char(month, 'YYYY-MM') as month, sum(usd_minor)::text as usd
    from stats.rollup_main
    where month between ${`${year - 1}-01-01`}::date and ${`${year}-12-01`}::date
      and (digitally_ordered or digitally_delivered)
    group by month order by month`.execute(ex);
  return rows.map((row) => ({ month: row.month, usdMinor: row.usd }));
};

/** The filter of the enterprise drill-down: a breakdown row's key and the filters it was read with. */
export type EnterpriseFilter = Period & {
  flow?: 'export' | 'import' | undefined;
  customsMode?: string | undefined;
  partner?: string | undefined;
  city?: string | undefined;
  hsChapter?: string | undefined;
  ebops?: string | undefined;
  contentType?: string | undefined;
  digitalOnly: boolean;
  limit: number;
};

/**
 * The enterprises behind a figure: the largest first, with their amount and share of the filter's
 * total, for authorised readers only (the route decides). It reads the facts, not the rollups
 * (which have no enterprise), within the period's months through `facts_by_month`.
 */
export const topEnterprises = async (ex: Executor, filter: EnterpriseFilter) => {
  const { from, to } = monthsOf(filter);
  const conditions = [
    sql`month between ${from}::date and ${to}::date`,
    ...(filter.digitalOnly ? [sql`(digitally_ordered or digitally_delivered)`] : []),
    ...(filter.flow === undefined ? [] : [sql`flow = ${filter.flow}`]),
    ...(filter.customsMode === undefined ? [] : [sql`customs_mode = ${filter.customsMode}`]),
    ...(filter.partner === undefined ? [] : [sql`partner = ${filter.partner}`]),
    ...(filter.city === undefined ? [] : [sql`city = ${filter.city}`]),
    ...(filter.hsChapter === undefined ? [] : [sql`hs_chapter = ${filter.hsChapter}`]),
    ...(filter.ebops === undefined ? [] : [sql`ebops = ${filter.ebops}`]),
    ...(filter.contentType === undefined ? [] : [sql`content_type = ${filter.contentType}`]),
  ];
  const { rows } = await sql<{
    enterprise_code: string;
    organisation_id: string | null;
    usd: string;
    facts: string;
    total: string;
    enterprises: string;
  }>`
    with per as (
      select enterprise_code, min(organisation_id) as organisation_id, sum(usd_minor) as usd, count(*) as facts
      from stats.facts
      where ${sql.join(conditions, sql` and `)}
      group by enterprise_code
    )
    select enterprise_code, organisation_id, usd::text as usd, facts::text as facts,
      (select coalesce(sum(usd), 0) from per)::text as total, (select count(*) from per)::text as enterprises
    from per
    -- Qualified: the bare name would sort by the text column of the same name above.
    order by per.usd desc, per.enterprise_code
    limit ${filter.limit}`.execute(ex);
  const total = BigInt(rows[0]?.total ?? '0');
  return {
    period: { year: filter.year, throughMonth: filter.throughMonth },
    totalUsdMinor: total.toString(),
    enterprises: Number(rows[0]?.enterprises ?? '0'),
    items: rows.map((row) => ({
      enterpriseCode: row.enterprise_code,
      organisationId: row.organisation_id,
      usdMinor: row.usd,
      share: ratio(BigInt(row.usd), total),
      facts: Number(row.facts),
    })),
  };
};
