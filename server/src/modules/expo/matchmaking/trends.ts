import { AppError } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { ExpoDeps } from '../deps.ts';

// "See trends" (issue 11 §5): what buyers ask for, by HS chapter or destination country per month,
// from posted requirements and recorded searches, next to the statistics module's trade figures.
// Aggregates only: no row names an organisation.

export type TrendDimension = 'hs_chapter' | 'country';

/** The longest period one request spans, in months. */
export const MAX_TREND_MONTHS = 36;
/** Series kept per source: the top categories by total over the period. */
export const TOP_SERIES = 8;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The months from `from` through `to` (YYYY-MM, inclusive). */
export const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  while (months.length <= MAX_TREND_MONTHS) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= to) {
      break;
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
};

const periodError = (field: string, message: string) =>
  new AppError('expo.invalid', message, {
    fieldErrors: [{ field, code: 'expo.requirement_invalid_period', message }],
  });

/** The period asked for, defaulting to the twelve months through the current one. */
export const trendPeriod = (now: Date, from?: string, to?: string) => {
  const current = now.toISOString().slice(0, 7);
  const end = to ?? current;
  const startDefault = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))
    .toISOString()
    .slice(0, 7);
  const start =
    from ?? (to === undefined ? startDefault : `${Number(end.slice(0, 4)) - 1}-${end.slice(5, 7)}`);
  if (!MONTH.test(start)) {
    throw periodError('from', 'A month as YYYY-MM.');
  }
  if (!MONTH.test(end)) {
    throw periodError('to', 'A month as YYYY-MM.');
  }
  if (end < start) {
    throw periodError('to', 'The period ends before it starts.');
  }
  const months = monthsBetween(start, end);
  if (months.length > MAX_TREND_MONTHS) {
    throw periodError('from', `At most ${MAX_TREND_MONTHS} months.`);
  }
  return { from: start, to: end, months };
};

type Cell = { month: string; key: string; count: number };
export type TrendSeries = { key: string; total: number; counts: number[] };

/** Cells into one series per key (a count per month), the top ones by total, then "other". */
export const toSeries = (
  cells: readonly Cell[],
  months: readonly string[],
  top = TOP_SERIES,
): TrendSeries[] => {
  const byKey = new Map<string, number[]>();
  for (const cell of cells) {
    const index = months.indexOf(cell.month);
    if (index < 0) {
      continue;
    }
    const counts = byKey.get(cell.key) ?? months.map(() => 0);
    counts[index] = (counts[index] ?? 0) + cell.count;
    byKey.set(cell.key, counts);
  }
  const series = [...byKey.entries()]
    .map(([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  const kept = series.slice(0, top);
  const rest = series.slice(top);
  if (rest.length > 0) {
    const counts = months.map((_, i) => rest.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
    kept.push({ key: 'other', counts, total: counts.reduce((a, b) => a + b, 0) });
  }
  return kept;
};

const monthStart = (month: string) => new Date(`${month}-01T00:00:00.000Z`);
const monthAfter = (month: string) => {
  const date = monthStart(month);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date;
};

/** Requirements and searches per month by HS chapter or destination, and the trade figures beside them. */
export const expoTrends = async (
  deps: Pick<ExpoDeps, 'db' | 'now' | 'tradeTrend'>,
  query: { from?: string | undefined; to?: string | undefined; by: TrendDimension },
) => {
  const period = trendPeriod(deps.now(), query.from, query.to);
  const start = monthStart(period.from);
  const end = monthAfter(period.to);
  const key =
    query.by === 'hs_chapter' ? sql`coalesce(substr(hs_code, 1, 2), 'none')` : sql`destination_country::text`;
  const { rows: requirementCells } = await sql<Cell>`select
      to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, ${key} as key, count(*)::int as count
    from expo.requirements where created_at >= ${start} and created_at < ${end}
    group by 1, 2`.execute(deps.db.kysely);
  // A search has no destination: by country, searches count by the country a filter asked for.
  const searchKey =
    query.by === 'hs_chapter'
      ? sql`unnest(case when cardinality(result_hs_chapters) = 0 then array['none'] else result_hs_chapters end)`
      : sql`coalesce(upper(filters ->> 'country'), 'none')`;
  const { rows: searchCells } = await sql<Cell>`select month, key, count(*)::int as count from (
      select to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, ${searchKey} as key
      from expo.search_queries where created_at >= ${start} and created_at < ${end}) q
    group by 1, 2`.execute(deps.db.kysely);

  const year = Number(period.to.slice(0, 4));
  const throughMonth = Number(period.to.slice(5, 7));
  const trade =
    deps.tradeTrend === undefined
      ? null
      : {
          year,
          throughMonth,
          items: (await deps.tradeTrend({ year, throughMonth, by: query.by })).slice(0, 20),
        };
  return {
    from: period.from,
    to: period.to,
    by: query.by,
    months: period.months,
    requirements: toSeries(requirementCells, period.months),
    searches: toSeries(searchCells, period.months),
    trade,
  };
};
