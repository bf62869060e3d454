import { describe, expect, it } from 'vitest';
import type { Breakdown, TargetsDashboard } from '../../api/stats.ts';
import {
  breakdownQuery,
  breakdownRows,
  breakdownTotals,
  dashboardSearch,
  drillIntoMode,
  growthPercent,
  isSynthetic,
  monthOptions,
  parseDashboardState,
  partnerMapData,
  progressPercent,
  ratioOf,
  targetCards,
  trendOf,
  usdFromMinor,
  usdMillions,
  yearOptions,
} from './stats-model.ts';

// Answers shaped as server/src/modules/stats/routes.ts serves them: USD cents as integer strings.
const NOW = new Date(Date.UTC(2026, 10, 27, 13, 0, 0)); // 27 November 2026

const dashboard = (over: Partial<TargetsDashboard> = {}): TargetsDashboard => ({
  period: { year: 2026, throughMonth: 9 },
  digitalTrade: {
    // USD 61,234,567,890.12 of USD 100 bn after nine months.
    usdMinor: '6123456789012',
    targetUsdMinor: '10000000000000',
    previousYearUsdMinor: '5200000000000',
    growth: 0.177588,
    growthTarget: 0.15,
    // (10^13 − 6123456789012) / 3 months, rounded down as the server does.
    runRateNeededUsdMinor: '1292181070329',
  },
  cbecShareOfConsumerGoods: { share: 0.4213, target: 0.5 },
  digitalShareOfServices: { share: null, target: 0.5 },
  ...over,
});

describe('amounts stay exact', () => {
  it('turns USD cents into an exact dollar string, however large', () => {
    expect(usdFromMinor('6123456789012')).toBe('61234567890.12');
    expect(usdFromMinor('5')).toBe('0.05');
    expect(usdFromMinor('0')).toBe('0.00');
    expect(usdFromMinor(-1050n)).toBe('-10.50');
    // Beyond 2^53 cents a float would lose the last cent; the string keeps it.
    expect(usdFromMinor('9007199254740993')).toBe('90071992547409.93');
  });

  it('gives chart coordinates in millions of dollars, rounded down to hundredths', () => {
    expect(usdMillions('6123456789012')).toBe(61234.56);
    expect(usdMillions('99999999')).toBe(0.99);
    expect(usdMillions('0')).toBe(0);
  });

  it('computes ratios with integers and says null for a zero whole', () => {
    expect(ratioOf('1', '3')).toBe(0.333333);
    expect(ratioOf('6123456789012', '10000000000000')).toBe(0.612345);
    expect(ratioOf('5', '0')).toBeNull();
    expect(progressPercent(0.612345)).toBe(61.2);
    expect(progressPercent(1.8)).toBe(100);
    expect(progressPercent(-0.2)).toBe(0);
    expect(progressPercent(null)).toBeNull();
  });
});

describe('target cards', () => {
  it('shows the four targets in the policy order, with progress and the run-rate still needed', () => {
    const cards = targetCards(dashboard());
    expect(cards.map((card) => card.key)).toEqual([
      'digitalTrade',
      'growth',
      'cbecShare',
      'digitalServicesShare',
    ]);
    const [trade, growth, cbec, services] = cards;
    expect(trade).toEqual({
      key: 'digitalTrade',
      usdMinor: '6123456789012',
      targetUsdMinor: '10000000000000',
      previousYearUsdMinor: '5200000000000',
      runRateNeededUsdMinor: '1292181070329',
      monthsLeft: 3,
      percent: 61.2,
      met: false,
    });
    // 17.8 % growth against a 15 % target: met, the bar full.
    expect(growth).toMatchObject({ value: 0.177588, target: 0.15, percent: 100, met: true });
    expect(cbec).toMatchObject({ value: 0.4213, target: 0.5, percent: 84.3, met: false });
    // No services trade at all: nothing to judge, not "behind".
    expect(services).toMatchObject({ value: null, percent: null, met: null });
  });

  it('counts the digital-trade target met at exactly USD 100 bn, and negative growth as no progress', () => {
    const cards = targetCards(
      dashboard({
        period: { year: 2025, throughMonth: 12 },
        digitalTrade: {
          usdMinor: '10000000000000',
          targetUsdMinor: '10000000000000',
          previousYearUsdMinor: '10500000000000',
          growth: -0.047619,
          growthTarget: 0.15,
          runRateNeededUsdMinor: '0',
        },
      }),
    );
    expect(cards[0]).toMatchObject({ met: true, percent: 100, monthsLeft: 0 });
    expect(cards[1]).toMatchObject({ value: -0.047619, percent: 0, met: false });
  });

  it('has no growth to judge when there was no trade a year before', () => {
    const cards = targetCards(
      dashboard({
        digitalTrade: { ...dashboard().digitalTrade, previousYearUsdMinor: '0', growth: null },
      }),
    );
    expect(cards[1]).toMatchObject({ value: null, met: null, percent: null });
  });

  it('labels the data synthetic unless the server says it is not', () => {
    expect(isSynthetic(undefined)).toBe(true);
    expect(isSynthetic(dashboard())).toBe(true);
    expect(isSynthetic(dashboard({ synthetic: true }))).toBe(true);
    expect(isSynthetic(dashboard({ synthetic: false }))).toBe(false);
  });
});

describe('trend', () => {
  it('splits the two years month by month, leaving months without figures empty', () => {
    const trend = trendOf(
      {
        items: [
          { month: '2025-01', usdMinor: '100' },
          { month: '2025-11', usdMinor: '900' },
          { month: '2026-01', usdMinor: '120' },
          { month: '2026-02', usdMinor: '80' },
        ],
      },
      2026,
    );
    expect(trend.current).toHaveLength(12);
    expect(trend.previous).toHaveLength(12);
    expect(trend.current.slice(0, 3)).toEqual([
      { month: 1, usdMinor: '120' },
      { month: 2, usdMinor: '80' },
      { month: 3, usdMinor: null },
    ]);
    expect(trend.previous[0]).toEqual({ month: 1, usdMinor: '100' });
    expect(trend.previous[10]).toEqual({ month: 11, usdMinor: '900' });
    expect(trend.previous[11]).toEqual({ month: 12, usdMinor: null });
  });
});

describe('breakdown rows', () => {
  const modes: Breakdown = {
    dimension: 'mode',
    period: { year: 2026, throughMonth: 9 },
    items: [
      { key: '9610', usdMinor: '600', previousYearUsdMinor: '500', growth: 0.2 },
      { key: '9710', usdMinor: '300', previousYearUsdMinor: '300', growth: 0 },
      { key: '9810', usdMinor: '100', previousYearUsdMinor: '0', growth: null },
    ],
  };

  it('labels each key and gives its share of the total, totals adding up exactly', () => {
    const rows = breakdownRows(modes, (key) => `mode ${key}`);
    expect(rows.map((row) => [row.key, row.label, row.share])).toEqual([
      ['9610', 'mode 9610', 0.6],
      ['9710', 'mode 9710', 0.3],
      ['9810', 'mode 9810', 0.1],
    ]);
    expect(breakdownTotals(rows)).toEqual({ usdMinor: '1000', previousYearUsdMinor: '800', growth: 0.25 });
    expect(breakdownTotals([])).toEqual({ usdMinor: '0', previousYearUsdMinor: '0', growth: null });
  });

  it('writes growth and shares as percentages with one decimal for the export', () => {
    expect(growthPercent(0.177588)).toBe(17.8);
    expect(growthPercent(-0.05)).toBe(-5);
    expect(growthPercent(null)).toBeNull();
  });

  it('puts partners on the map by ISO numeric code and leaves unknown codes to the table', () => {
    const rows = breakdownRows(
      {
        dimension: 'partner',
        period: { year: 2026, throughMonth: 9 },
        items: [
          { key: 'US', usdMinor: '250000000000', previousYearUsdMinor: '1', growth: null },
          { key: 'XX', usdMinor: '100', previousYearUsdMinor: '1', growth: null },
        ],
      },
      (key) => key,
    );
    const numeric: Record<string, string> = { US: '840' };
    expect(partnerMapData(rows, (code) => numeric[code])).toEqual([
      { numeric: '840', key: 'US', value: 2500 },
    ]);
  });
});

describe('dashboard state in the address', () => {
  it('defaults to this year up to this month, by customs mode, digital trade only', () => {
    const state = parseDashboardState(new URLSearchParams(), NOW);
    expect(state).toEqual({
      year: 2026,
      throughMonth: 11,
      dimension: 'mode',
      customsMode: null,
      flow: null,
      digitalOnly: true,
    });
    expect(dashboardSearch(state, NOW).toString()).toBe('');
  });

  it('shows a past year whole unless asked otherwise, and ignores values it does not know', () => {
    expect(parseDashboardState(new URLSearchParams('year=2024'), NOW)).toMatchObject({
      year: 2024,
      throughMonth: 12,
    });
    expect(
      parseDashboardState(new URLSearchParams('year=abc&through=13&by=enterprise&mode=9999&flow=x'), NOW),
    ).toMatchObject({ year: 2026, throughMonth: 11, dimension: 'mode', customsMode: null, flow: null });
  });

  it('drills from a customs mode into its partners, and the address carries the drill', () => {
    const start = parseDashboardState(new URLSearchParams(), NOW);
    const drilled = drillIntoMode(start, '9710');
    expect(drilled).toMatchObject({ dimension: 'partner', customsMode: '9710' });
    const search = dashboardSearch(drilled, NOW);
    expect(search.toString()).toBe('by=partner&mode=9710');
    expect(parseDashboardState(search, NOW)).toEqual(drilled);
    // A key that is not a customs mode does not drill.
    expect(drillIntoMode(start, 'SI')).toBe(start);
  });

  it('round-trips every choice through the address', () => {
    const state = {
      year: 2025,
      throughMonth: 6,
      dimension: 'city' as const,
      customsMode: '9610' as const,
      flow: 'export' as const,
      digitalOnly: false,
    };
    expect(parseDashboardState(dashboardSearch(state, NOW), NOW)).toEqual(state);
  });

  it('asks the API for the drilled mode except where a mode does not apply', () => {
    const drilled = drillIntoMode(parseDashboardState(new URLSearchParams(), NOW), '9710');
    expect(breakdownQuery(drilled)).toEqual({
      year: 2026,
      throughMonth: 11,
      dimension: 'partner',
      digitalOnly: true,
      customsMode: '9710',
    });
    // Services (EBOPS) have no customs mode, and the mode tab lists every mode.
    expect(breakdownQuery({ ...drilled, dimension: 'ebops' })).not.toHaveProperty('customsMode');
    expect(breakdownQuery({ ...drilled, dimension: 'mode' })).not.toHaveProperty('customsMode');
    expect(breakdownQuery({ ...drilled, flow: 'import' })).toMatchObject({ flow: 'import' });
  });

  it('offers five years and, for this year, the months up to this one', () => {
    expect(yearOptions(NOW)).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(monthOptions(2026, NOW)).toHaveLength(11);
    expect(monthOptions(2025, NOW)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});
