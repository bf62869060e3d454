import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import {
  type CityCode,
  crossBorderEcommerceModes,
  rcepMembers,
  zhejiangCities,
} from '../facts/dimensions.ts';
import type { IndexRow } from '../index-engine/index.ts';
import type { ZhejiangIndexSpec } from './spec.ts';

/**
 * Resident population of the 11 cities, from the Seventh National Population Census (2020) as
 * published in Zhejiang's census bulletin, copied by hand: unverified against the bulletin, check
 * before relying on it. One figure for every year, so per-capita indicators move with trade only.
 */
export const cityPopulation: Record<CityCode, number> = {
  '330100': 11_936_010,
  '330200': 9_404_283,
  '330300': 9_572_903,
  '330400': 5_400_868,
  '330500': 3_367_579,
  '330600': 5_270_977,
  '330700': 7_050_683,
  '330800': 2_276_184,
  '330900': 1_157_817,
  '331000': 6_622_888,
  '331100': 2_507_396,
};
export const POPULATION_SOURCE =
  'Seventh National Population Census (2020), Zhejiang bulletin; copied by hand, unverified';

const cityCodes: ReadonlySet<string> = new Set(zhejiangCities.map((c) => c.code));
const cbecModes = [...crossBorderEcommerceModes];
const cbecExportModes = ['9610', '9710', '9810'];

/** Sums per city and month, from the dashboard cube (the rollup), in USD cents as text. */
type MonthRow = {
  city: string;
  year: number;
  month: number;
  digital: string;
  digital_exports: string;
  goods: string;
  cbec: string;
  services: string;
  digital_services: string;
  cbec_exports: string;
  b2b_exports: string;
  tech_data: string;
  digital_content: string;
};

type Sums = Omit<MonthRow, 'city' | 'year' | 'month'>;
const sumKeys = [
  'digital',
  'digital_exports',
  'goods',
  'cbec',
  'services',
  'digital_services',
  'cbec_exports',
  'b2b_exports',
  'tech_data',
  'digital_content',
] as const satisfies readonly (keyof Sums)[];
type BigSums = Record<(typeof sumKeys)[number], bigint>;

const zero = (): BigSums =>
  Object.fromEntries(sumKeys.map((k) => [k, 0n])) as Record<(typeof sumKeys)[number], bigint>;

/** part / whole as a percentage, or null when there is no whole (never a division by zero). */
const percentOf = (part: bigint, whole: bigint) =>
  whole === 0n ? null : Number((part * 100_000_000n) / whole) / 1_000_000;
const growthOf = (now: bigint, before: bigint) =>
  before === 0n ? null : Number(((now - before) * 100_000_000n) / before) / 1_000_000;
/** USD cents over persons, in USD per person. */
const perCapita = (cents: bigint, persons: number) => Number(cents) / 100 / persons;

export type IndicatorData = {
  /** The first year with any fact: the base year (= 100). */
  baseYear: number;
  /** Years from the base year to the run's year. */
  years: number[];
  /** The cities ranked: those with facts in the base year (a city needs a base to be rebased). */
  cities: CityCode[];
  rows: IndexRow[];
  /** Whether any synthetic fact lies behind the data. */
  synthetic: boolean;
  /** The last month with facts of the run's year, when the year is still running (else 12). */
  throughMonth: number;
};

export class NoFactsError extends Error {}

/**
 * Every indicator of the spec for every city and year from the first year with facts to `year`,
 * from the rollup (amounts) and the facts (enterprises, partners). A city or year without facts
 * gives nulls, which the engine imputes (latest earlier year) or re-weights, never NaN. Growth
 * compares the same months of the year before, so a year still running is compared fairly.
 */
export const indicatorData = async (
  ex: Executor,
  spec: ZhejiangIndexSpec,
  year: number,
): Promise<IndicatorData> => {
  const { rows: yearRows } = await sql<{ year: number; last_month: number; synthetic: boolean }>`
    select extract(year from month)::int as year, max(extract(month from month))::int as last_month,
      bool_or(source = 'synthetic') as synthetic
    from stats.facts where month < ${`${year + 1}-01-01`}::date
    group by 1 order by 1`.execute(ex);
  const ofYear = yearRows.find((r) => r.year === year);
  const first = yearRows[0];
  if (ofYear === undefined || first === undefined) {
    throw new NoFactsError(`No trade facts are recorded for ${year}.`);
  }
  const baseYear = first.year;
  const lastMonth = new Map(yearRows.map((r) => [r.year, r.last_month]));
  const from = `${baseYear - 1}-01-01`;
  const to = `${year + 1}-01-01`;
  const { rows: monthRows } = await sql<MonthRow>`
    select city, extract(year from month)::int as year, extract(month from month)::int as month,
      coalesce(sum(usd_minor) filter (where digitally_ordered or digitally_delivered), 0)::text as digital,
      coalesce(sum(usd_minor) filter (where (digitally_ordered or digitally_delivered) and flow = 'export'), 0)::text
        as digital_exports,
      coalesce(sum(usd_minor) filter (where kind = 'goods'), 0)::text as goods,
      coalesce(sum(usd_minor) filter (where kind = 'goods' and customs_mode in (${sql.join(cbecModes)})), 0)::text
        as cbec,
      coalesce(sum(usd_minor) filter (where kind = 'services'), 0)::text as services,
      coalesce(sum(usd_minor) filter (where kind = 'services' and digitally_delivered), 0)::text as digital_services,
      coalesce(sum(usd_minor) filter (where flow = 'export' and customs_mode in (${sql.join(cbecExportModes)})), 0)::text
        as cbec_exports,
      coalesce(sum(usd_minor) filter (where flow = 'export' and customs_mode in ('9710', '9810')), 0)::text
        as b2b_exports,
      coalesce(sum(usd_minor) filter (where (digitally_ordered or digitally_delivered)
        and content_type in ('digital_technology', 'data')), 0)::text as tech_data,
      coalesce(sum(usd_minor) filter (where (digitally_ordered or digitally_delivered)
        and content_type in ('digital_technology', 'digital_services', 'digital_products', 'data')), 0)::text
        as digital_content
    from stats.rollup_main
    where month >= ${from}::date and month < ${to}::date
    group by 1, 2, 3`.execute(ex);
  const { rows: enterpriseRows } = await sql<{ city: string; year: number; enterprises: number }>`
    select city, extract(year from month)::int as year, count(distinct enterprise_code)::int as enterprises
    from stats.facts
    where month >= ${`${baseYear}-01-01`}::date and month < ${to}::date
      and (digitally_ordered or digitally_delivered)
    group by 1, 2`.execute(ex);
  const { rows: partnerRows } = await sql<{ city: string; year: number; partner: string; usd: string }>`
    select city, extract(year from month)::int as year, partner, sum(usd_minor)::text as usd
    from stats.facts
    where month >= ${`${baseYear}-01-01`}::date and month < ${to}::date
      and (digitally_ordered or digitally_delivered)
    group by 1, 2, 3`.execute(ex);

  // year → city → month → sums
  const byMonth = new Map<string, BigSums>();
  const key = (city: string, y: number, m: number) => `${city}|${y}|${m}`;
  const citiesOfYear = new Map<number, Set<string>>();
  for (const row of monthRows) {
    if (!cityCodes.has(row.city)) {
      continue;
    }
    const sums = zero();
    for (const k of sumKeys) {
      sums[k] = BigInt(row[k]);
    }
    byMonth.set(key(row.city, row.year, row.month), sums);
    const set = citiesOfYear.get(row.year) ?? new Set<string>();
    set.add(row.city);
    citiesOfYear.set(row.year, set);
  }
  /** Sums of a city over months 1..through of a year. */
  const total = (city: string, y: number, through: number): BigSums => {
    const out = zero();
    for (let m = 1; m <= through; m += 1) {
      const sums = byMonth.get(key(city, y, m));
      if (sums !== undefined) {
        for (const k of sumKeys) {
          out[k] += sums[k];
        }
      }
    }
    return out;
  };
  const enterprises = new Map(enterpriseRows.map((r) => [`${r.city}|${r.year}`, r.enterprises]));
  const partners = new Map<string, Map<string, bigint>>();
  for (const row of partnerRows) {
    const k = `${row.city}|${row.year}`;
    const map = partners.get(k) ?? new Map<string, bigint>();
    map.set(row.partner, BigInt(row.usd));
    partners.set(k, map);
  }

  const cities = zhejiangCities
    .map((c) => c.code)
    .filter((code) => citiesOfYear.get(baseYear)?.has(code) === true) as CityCode[];
  const years: number[] = [];
  for (let y = baseYear; y <= year; y += 1) {
    years.push(y);
  }
  const rows: IndexRow[] = [];
  for (const y of years) {
    const through = lastMonth.get(y) ?? 12;
    for (const city of cities) {
      const values: Record<string, number | null> = Object.fromEntries(
        spec.indicators.map((i) => [i.id, null]),
      );
      if (citiesOfYear.get(y)?.has(city) === true) {
        const now = total(city, y, 12);
        const sameMonths = total(city, y, through);
        const before = total(city, y - 1, through);
        const hasBefore = lastMonth.has(y - 1);
        const persons = cityPopulation[city];
        const partnerShares = partners.get(`${city}|${y}`) ?? new Map<string, bigint>();
        const partnerTotal = [...partnerShares.values()].reduce((a, b) => a + b, 0n);
        let hhi = 0;
        let rcep = 0n;
        for (const [partner, usd] of partnerShares) {
          const share = partnerTotal === 0n ? 0 : Number((usd * 1_000_000_000n) / partnerTotal) / 1e9;
          hhi += share * share;
          if (rcepMembers.has(partner)) {
            rcep += usd;
          }
        }
        const computed: Record<string, number | null> = {
          dt_total: Number(now.digital) / 100 / 1_000_000,
          dt_per_capita: perCapita(now.digital, persons),
          enterprises: enterprises.get(`${city}|${y}`) ?? 0,
          cbec_share_goods: percentOf(now.cbec, now.goods),
          digital_services_share: percentOf(now.digital_services, now.services),
          b2b_share: percentOf(now.b2b_exports, now.cbec_exports),
          dt_growth: hasBefore ? growthOf(sameMonths.digital, before.digital) : null,
          cbec_export_growth: hasBefore ? growthOf(sameMonths.cbec_exports, before.cbec_exports) : null,
          digital_services_growth: hasBefore
            ? growthOf(sameMonths.digital_services, before.digital_services)
            : null,
          partner_diversity: partnerTotal === 0n ? null : 1 - hhi,
          partner_count: partnerShares.size,
          rcep_share: percentOf(rcep, partnerTotal),
          ds_per_capita: perCapita(now.digital_services, persons),
          tech_data_share: percentOf(now.tech_data, now.digital),
          digital_content_share: percentOf(now.digital_content, now.digital),
        };
        for (const i of spec.indicators) {
          const v = computed[i.id];
          values[i.id] = v === undefined || v === null || !Number.isFinite(v) ? null : v;
        }
      }
      rows.push({ unit: city, year: y, values });
    }
  }
  return {
    baseYear,
    years,
    cities,
    rows,
    synthetic: yearRows.some((r) => r.year >= baseYear && r.synthetic),
    throughMonth: ofYear.last_month,
  };
};

/**
 * Indicators without spread over the pooled data (every city and year the same, or all missing)
 * cannot be min-max normalised: they are left out of this run (the pillar re-weights over the
 * rest, as COINr's a_amean), and the run lists them.
 */
export const withoutFlatIndicators = (rows: readonly IndexRow[], ids: readonly string[]) => {
  const leftOut = ids.filter((id) => {
    const present = rows.map((r) => r.values[id]).filter((v): v is number => v !== null && v !== undefined);
    return present.length === 0 || present.every((v) => v === present[0]);
  });
  if (leftOut.length === 0) {
    return { rows: [...rows], leftOut };
  }
  return {
    rows: rows.map((r) => ({
      ...r,
      values: Object.fromEntries(
        Object.entries(r.values).map(([k, v]) => [k, leftOut.includes(k) ? null : v]),
      ),
    })),
    leftOut,
  };
};
