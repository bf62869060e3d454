import { describe, expect, it } from 'vitest';
import { monthsBetween, toSeries, trendPeriod } from './trends.ts';

describe('trend periods', () => {
  it('defaults to the twelve months through this one', () => {
    const period = trendPeriod(new Date('2026-11-27T10:00:00Z'));
    expect(period).toMatchObject({ from: '2025-12', to: '2026-11' });
    expect(period.months).toHaveLength(12);
  });

  it('crosses years and refuses backwards or overlong periods', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(() => trendPeriod(new Date(), '2026-05', '2026-01')).toThrow();
    expect(() => trendPeriod(new Date(), '2020-01', '2026-01')).toThrow();
    expect(() => trendPeriod(new Date(), '2026-13', '2026-12')).toThrow();
  });
});

describe('toSeries', () => {
  it('keeps the top categories and folds the rest into other', () => {
    const months = ['2026-01', '2026-02'];
    const cells = [
      { month: '2026-01', key: '85', count: 5 },
      { month: '2026-02', key: '85', count: 1 },
      { month: '2026-02', key: '66', count: 3 },
      { month: '2026-01', key: '94', count: 1 },
      { month: '2025-12', key: '94', count: 9 },
    ];
    expect(toSeries(cells, months, 2)).toEqual([
      { key: '85', counts: [5, 1], total: 6 },
      { key: '66', counts: [0, 3], total: 3 },
      { key: 'other', counts: [1, 0], total: 1 },
    ]);
  });
});
