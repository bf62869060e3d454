import {
  BREAKDOWN_DIMENSIONS,
  type Breakdown,
  type BreakdownDimension,
  CUSTOMS_MODES,
  type CustomsMode,
  type MonthlySeries,
  type Period,
  type TargetsDashboard,
} from '../../api/stats.ts';

// What the statistics dashboard shows, decided from the API's answers without React: the four
// target cards, the trend of this year against last, the breakdown rows with shares, the drill
// from a customs mode into its partners, and the page's state in the URL. Amounts stay USD cents
// as bigint or integer strings; only chart coordinates become numbers (a chart has no decimals).

const CENTS = 100n;

/** USD cents as an exact decimal string in dollars: `"1234567"` → `"12345.67"`. */
export const usdFromMinor = (minor: string | bigint): string => {
  const cents = typeof minor === 'bigint' ? minor : BigInt(minor);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / CENTS}.${String(abs % CENTS).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
};

/** USD cents as millions of dollars, for a chart axis only (two decimals, rounded down). */
export const usdMillions = (minor: string | bigint): number => {
  const cents = typeof minor === 'bigint' ? minor : BigInt(minor);
  // 1 million dollars is 10^8 cents; keep hundredths of a million.
  return Number(cents / 1_000_000n) / 100;
};

/** part / whole as a number in [0, ∞), to six decimals; null when the whole is zero. */
export const ratioOf = (part: string | bigint, whole: string | bigint): number | null => {
  const p = typeof part === 'bigint' ? part : BigInt(part);
  const w = typeof whole === 'bigint' ? whole : BigInt(whole);
  return w === 0n ? null : Number((p * 1_000_000n) / w) / 1_000_000;
};

/** A progress bar's percent toward a target: 0 … 100, null when there is nothing to show. */
export const progressPercent = (ratio: number | null): number | null =>
  ratio === null ? null : Math.max(0, Math.min(100, Math.round(ratio * 1000) / 10));

export type TargetKey = 'digitalTrade' | 'growth' | 'cbecShare' | 'digitalServicesShare';

export type TargetCard =
  | {
      key: 'digitalTrade';
      usdMinor: string;
      targetUsdMinor: string;
      previousYearUsdMinor: string;
      runRateNeededUsdMinor: string;
      /** Months of the year after the period: the run-rate is what each of them must bring. */
      monthsLeft: number;
      percent: number | null;
      met: boolean;
    }
  | {
      key: 'growth' | 'cbecShare' | 'digitalServicesShare';
      value: number | null;
      target: number;
      percent: number | null;
      /** null when there is no value to judge (no trade a year before, no consumer goods). */
      met: boolean | null;
    };

const shareCard = (
  key: 'growth' | 'cbecShare' | 'digitalServicesShare',
  value: number | null,
  target: number,
): TargetCard => ({
  key,
  value,
  target,
  // Negative growth is no progress at all toward a growth target.
  percent: value === null || target <= 0 ? null : progressPercent(Math.max(0, value) / target),
  met: value === null ? null : value >= target,
});

/** The policy's four targets (§22) as cards, in the order the policy lists them. */
export const targetCards = (dashboard: TargetsDashboard): TargetCard[] => {
  const trade = dashboard.digitalTrade;
  return [
    {
      key: 'digitalTrade',
      usdMinor: trade.usdMinor,
      targetUsdMinor: trade.targetUsdMinor,
      previousYearUsdMinor: trade.previousYearUsdMinor,
      runRateNeededUsdMinor: trade.runRateNeededUsdMinor,
      monthsLeft: 12 - dashboard.period.throughMonth,
      percent: progressPercent(ratioOf(trade.usdMinor, trade.targetUsdMinor)),
      met: BigInt(trade.usdMinor) >= BigInt(trade.targetUsdMinor),
    },
    shareCard('growth', trade.growth, trade.growthTarget),
    shareCard(
      'cbecShare',
      dashboard.cbecShareOfConsumerGoods.share,
      dashboard.cbecShareOfConsumerGoods.target,
    ),
    shareCard(
      'digitalServicesShare',
      dashboard.digitalShareOfServices.share,
      dashboard.digitalShareOfServices.target,
    ),
  ];
};

/** The synthetic-data banner shows unless the server says the figures are real. */
export const isSynthetic = (dashboard: TargetsDashboard | undefined): boolean =>
  dashboard?.synthetic !== false;

export type TrendPoint = { month: number; usdMinor: string | null };

export type Trend = {
  year: number;
  /** Twelve points each, January first; null for a month without figures (not yet, or none). */
  current: TrendPoint[];
  previous: TrendPoint[];
};

/** The monthly series split into this year and the year before, month by month. */
export const trendOf = (series: MonthlySeries, year: number): Trend => {
  const byMonth = new Map(series.items.map((item) => [item.month, item.usdMinor]));
  const points = (y: number) =>
    Array.from({ length: 12 }, (_, index) => ({
      month: index + 1,
      usdMinor: byMonth.get(`${y}-${String(index + 1).padStart(2, '0')}`) ?? null,
    }));
  return { year, current: points(year), previous: points(year - 1) };
};

export type BreakdownRow = {
  key: string;
  label: string;
  usdMinor: string;
  previousYearUsdMinor: string;
  growth: number | null;
  /** This key's part of the table's total this year. */
  share: number | null;
};

/** The breakdown's rows, labelled, with each one's share of the total; largest first as served. */
export const breakdownRows = (breakdown: Breakdown, label: (key: string) => string): BreakdownRow[] => {
  const total = breakdown.items.reduce((sum, item) => sum + BigInt(item.usdMinor), 0n);
  return breakdown.items.map((item) => ({
    key: item.key,
    label: label(item.key),
    usdMinor: item.usdMinor,
    previousYearUsdMinor: item.previousYearUsdMinor,
    growth: item.growth,
    share: ratioOf(item.usdMinor, total),
  }));
};

export type BreakdownTotals = { usdMinor: string; previousYearUsdMinor: string; growth: number | null };

export const breakdownTotals = (rows: readonly BreakdownRow[]): BreakdownTotals => {
  const now = rows.reduce((sum, row) => sum + BigInt(row.usdMinor), 0n);
  const before = rows.reduce((sum, row) => sum + BigInt(row.previousYearUsdMinor), 0n);
  const ratio = ratioOf(now, before);
  return {
    usdMinor: now.toString(),
    previousYearUsdMinor: before.toString(),
    growth: ratio === null ? null : Math.round((ratio - 1) * 1_000_000) / 1_000_000,
  };
};

/** Growth as a percentage with one decimal (`0.1734` → `17.3`), for tables and exports. */
export const growthPercent = (growth: number | null): number | null =>
  growth === null ? null : Math.round(growth * 1000) / 10;

export type DashboardState = Period & {
  dimension: BreakdownDimension;
  /** The customs mode drilled into (its partners, HS chapters …); not for EBOPS (services). */
  customsMode: CustomsMode | null;
  flow: 'export' | 'import' | null;
  /** Digital trade only (the default), or all trade of the dimension. */
  digitalOnly: boolean;
};

/** The latest period with figures: this year up to this month (the seed loads until today). */
export const defaultPeriod = (now: Date): Period => ({
  year: now.getUTCFullYear(),
  throughMonth: now.getUTCMonth() + 1,
});

const intIn = (text: string | null, min: number, max: number): number | null => {
  if (text === null || !/^\d{1,4}$/.test(text)) {
    return null;
  }
  const value = Number(text);
  return value >= min && value <= max ? value : null;
};

const isDimension = (value: string | null): value is BreakdownDimension =>
  value !== null && (BREAKDOWN_DIMENSIONS as readonly string[]).includes(value);

const isMode = (value: string | null): value is CustomsMode =>
  value !== null && (CUSTOMS_MODES as readonly string[]).includes(value);

/** The dashboard's state from the address (a drill-down can be bookmarked); bad values fall back. */
export const parseDashboardState = (params: URLSearchParams, now: Date): DashboardState => {
  const fallback = defaultPeriod(now);
  const year = intIn(params.get('year'), 2000, 2100) ?? fallback.year;
  const through = intIn(params.get('through'), 1, 12);
  const flow = params.get('flow');
  const dimension = params.get('by');
  const mode = params.get('mode');
  return {
    year,
    // A past year is shown whole unless asked otherwise; this year up to this month.
    throughMonth: through ?? (year === fallback.year ? fallback.throughMonth : 12),
    dimension: isDimension(dimension) ? dimension : 'mode',
    customsMode: isMode(mode) ? mode : null,
    flow: flow === 'export' || flow === 'import' ? flow : null,
    digitalOnly: params.get('all') !== '1',
  };
};

/** The address parameters of a state: only what differs from the defaults. */
export const dashboardSearch = (state: DashboardState, now: Date): URLSearchParams => {
  const fallback = defaultPeriod(now);
  const params = new URLSearchParams();
  if (state.year !== fallback.year) {
    params.set('year', String(state.year));
  }
  const defaultThrough = state.year === fallback.year ? fallback.throughMonth : 12;
  if (state.throughMonth !== defaultThrough) {
    params.set('through', String(state.throughMonth));
  }
  if (state.dimension !== 'mode') {
    params.set('by', state.dimension);
  }
  if (state.customsMode !== null) {
    params.set('mode', state.customsMode);
  }
  if (state.flow !== null) {
    params.set('flow', state.flow);
  }
  if (!state.digitalOnly) {
    params.set('all', '1');
  }
  return params;
};

/** Clicking a customs mode opens that mode's trade by partner. */
export const drillIntoMode = (state: DashboardState, mode: string): DashboardState =>
  isMode(mode) ? { ...state, dimension: 'partner', customsMode: mode } : state;

/** The mode filter applies to goods; EBOPS categories are services, and a mode tab lists modes. */
export const modeFilterApplies = (dimension: BreakdownDimension): boolean =>
  dimension !== 'ebops' && dimension !== 'mode';

/** The API query of a state. */
export const breakdownQuery = (state: DashboardState) => ({
  year: state.year,
  throughMonth: state.throughMonth,
  dimension: state.dimension,
  digitalOnly: state.digitalOnly,
  ...(state.flow === null ? {} : { flow: state.flow }),
  ...(state.customsMode !== null && modeFilterApplies(state.dimension)
    ? { customsMode: state.customsMode }
    : {}),
});

/** Years the picker offers: this one and the four before. */
export const yearOptions = (now: Date): number[] =>
  Array.from({ length: 5 }, (_, index) => now.getUTCFullYear() - index);

/** Months the picker offers for a year: up to this month for this year, all twelve before. */
export const monthOptions = (year: number, now: Date): number[] => {
  const last = year === now.getUTCFullYear() ? now.getUTCMonth() + 1 : 12;
  return Array.from({ length: last }, (_, index) => index + 1);
};

export type MapDatum = { numeric: string; key: string; value: number };

/**
 * The partner rows as map data, named by the ISO numeric code the world outline carries; codes
 * unknown to ISO 3166-1 (or groupings) have no shape and are left to the table.
 */
export const partnerMapData = (
  rows: readonly BreakdownRow[],
  numericOf: (alpha2: string) => string | undefined,
): MapDatum[] =>
  rows.flatMap((row) => {
    const numeric = numericOf(row.key);
    return numeric === undefined ? [] : [{ numeric, key: row.key, value: usdMillions(row.usdMinor) }];
  });
