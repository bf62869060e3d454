import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, seg } from './client.ts';

// The commerce department's digital-trade dashboard (server/src/modules/stats/routes.ts): the
// policy's four targets, breakdowns by one dimension, the monthly series. Only regulators and the
// customs authority may read it (403 `stats.regulators_only` for everyone else). Amounts are USD
// cents as integer strings: never parsed into floats.

export const CUSTOMS_MODES = ['9610', '9710', '9810', '1210', '0110'] as const;
export type CustomsMode = (typeof CUSTOMS_MODES)[number];

export const BREAKDOWN_DIMENSIONS = [
  'mode',
  'partner',
  'hs_chapter',
  'ebops',
  'content_type',
  'city',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

// The codes the server classifies facts by (server/src/modules/stats/facts/dimensions.ts), each
// with a name in both languages: Zhejiang's 11 prefecture-level cities (GB/T 2260), EBOPS 2010
// main service categories, and the policy's content types of digital trade.
export const ZHEJIANG_CITY_CODES = [
  '330100',
  '330200',
  '330300',
  '330400',
  '330500',
  '330600',
  '330700',
  '330800',
  '330900',
  '331000',
  '331100',
] as const;
export const EBOPS_CATEGORIES = [
  'SA',
  'SB',
  'SC',
  'SD',
  'SE',
  'SF',
  'SG',
  'SH',
  'SI',
  'SJ',
  'SK',
  'SL',
] as const;
export const CONTENT_TYPES = [
  'digital_technology',
  'digital_services',
  'digital_products',
  'data',
  'digitally_ordered_goods',
  'traditional',
] as const;

/** Organisation kinds the server lets read the statistics. */
export const STATS_READER_KINDS: readonly string[] = ['regulator', 'customs_authority'];

export type Period = { year: number; throughMonth: number };

export type TargetsDashboard = {
  period: Period;
  digitalTrade: {
    usdMinor: string;
    targetUsdMinor: string;
    previousYearUsdMinor: string;
    growth: number | null;
    growthTarget: number;
    runRateNeededUsdMinor: string;
  };
  cbecShareOfConsumerGoods: { share: number | null; target: number };
  digitalShareOfServices: { share: number | null; target: number };
  /** True while the figures come from the synthetic generator; absent from older servers. */
  synthetic?: boolean;
};

export type BreakdownItem = {
  key: string;
  usdMinor: string;
  previousYearUsdMinor: string;
  growth: number | null;
};

export type Breakdown = { dimension: BreakdownDimension; period: Period; items: BreakdownItem[] };

export type BreakdownQuery = Period & {
  dimension: BreakdownDimension;
  flow?: 'export' | 'import';
  customsMode?: CustomsMode;
  digitalOnly: boolean;
};

export type MonthlySeries = { items: { month: string; usdMinor: string }[] };

export const statsKeys = {
  all: (orgId: string) => ['orgs', orgId, 'stats'] as const,
  targets: (orgId: string, period: Period) =>
    ['orgs', orgId, 'stats', 'targets', period.year, period.throughMonth] as const,
  breakdown: (orgId: string, query: BreakdownQuery) => ['orgs', orgId, 'stats', 'breakdown', query] as const,
  series: (orgId: string, year: number) => ['orgs', orgId, 'stats', 'series', year] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/stats/dashboard`;

export const getTargets = (orgId: string, period: Period, signal?: AbortSignal): Promise<TargetsDashboard> =>
  apiGet<TargetsDashboard>(`${base(orgId)}/targets`, { ...period }, signal);

export const getBreakdown = (
  orgId: string,
  query: BreakdownQuery,
  signal?: AbortSignal,
): Promise<Breakdown> =>
  apiGet<Breakdown>(
    `${base(orgId)}/breakdown`,
    {
      year: query.year,
      throughMonth: query.throughMonth,
      dimension: query.dimension,
      flow: query.flow,
      customsMode: query.customsMode,
      digitalOnly: String(query.digitalOnly),
    },
    signal,
  );

export const getSeries = (orgId: string, year: number, signal?: AbortSignal): Promise<MonthlySeries> =>
  apiGet<MonthlySeries>(`${base(orgId)}/series`, { year }, signal);

// The figures change only when facts are loaded (monthly, or by the demo seed): a minute is fresh.
const STALE_MS = 60_000;

export const useTargets = (orgId: string, period: Period) =>
  useQuery({
    queryKey: statsKeys.targets(orgId, period),
    queryFn: ({ signal }) => getTargets(orgId, period, signal),
    staleTime: STALE_MS,
    placeholderData: keepPreviousData,
  });

export const useBreakdown = (orgId: string, query: BreakdownQuery) =>
  useQuery({
    queryKey: statsKeys.breakdown(orgId, query),
    queryFn: ({ signal }) => getBreakdown(orgId, query, signal),
    staleTime: STALE_MS,
    placeholderData: keepPreviousData,
  });

export const useSeries = (orgId: string, year: number) =>
  useQuery({
    queryKey: statsKeys.series(orgId, year),
    queryFn: ({ signal }) => getSeries(orgId, year, signal),
    staleTime: STALE_MS,
    placeholderData: keepPreviousData,
  });
