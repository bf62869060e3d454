import { describe, expect, it } from 'vitest';
import type { IndexRow, UnitResult } from '../index-engine/index.ts';
import { computeIndex, rebasedSeries } from './compute.ts';
import type { IndicatorData } from './indicators.ts';
import { withoutFlatIndicators } from './indicators.ts';
import { currentSpec, type ZhejiangIndexSpec } from './spec.ts';

// The run around the engine: like-for-like rebasing, flat indicators left out, no NaN published.

const spec: ZhejiangIndexSpec = {
  id: 'test',
  version: 1,
  nameZh: '测试',
  nameEn: 'Test',
  pillars: [
    { id: 'level', nameZh: '水平', nameEn: 'Level', weight: 0.5 },
    { id: 'growth', nameZh: '增长', nameEn: 'Growth', weight: 0.5 },
  ],
  indicators: [],
};

const result = (unit: string, year: number, level: number, growth: number | null): UnitResult => ({
  unit,
  year,
  scores: { level, growth, index: growth === null ? level : (level + growth) / 2 },
  rebased: null,
  ranks: {},
});

describe('the Zhejiang Index run', () => {
  it('rebases like for like: a pillar the base year lacks neither lifts nor drags later years', () => {
    const rebased = rebasedSeries(
      spec,
      [result('A', 2024, 40, null), result('A', 2025, 50, 100), result('B', 2024, 0, null)],
      2024,
    );
    expect(rebased(result('A', 2024, 40, null))).toBe(100);
    // 50 / 40, not (50 + 100) / 2 / 40.
    expect(rebased(result('A', 2025, 50, 100))).toBe(125);
    // A base of 0 cannot be rebased on; a city without a base year neither.
    expect(rebased(result('B', 2025, 10, 10))).toBeNull();
    expect(rebased(result('C', 2025, 10, 10))).toBeNull();
  });

  it('leaves out an indicator without spread, and lists it', () => {
    const rows: IndexRow[] = [
      { unit: 'A', year: 2024, values: { x: 1, y: 5 } },
      { unit: 'B', year: 2024, values: { x: 2, y: 5 } },
      { unit: 'C', year: 2024, values: { x: 3, y: null } },
    ];
    const { rows: kept, leftOut } = withoutFlatIndicators(rows, ['x', 'y']);
    expect(leftOut).toEqual(['y']);
    expect(kept.map((r) => r.values)).toEqual([
      { x: 1, y: null },
      { x: 2, y: null },
      { x: 3, y: null },
    ]);
  });

  it('computes two years of four cities with the v1 spec: finite scores, bands around ranks, base = 100', () => {
    const cities = ['330100', '330200', '330300', '330400'] as const;
    const rows: IndexRow[] = [2024, 2025].flatMap((year, y) =>
      cities.map((unit, k) => ({
        unit,
        year,
        values: Object.fromEntries(
          currentSpec.indicators.map((indicator, i) => [
            indicator.id,
            // Growth has nothing to grow from in the base year.
            y === 0 && indicator.pillar === 'growth' ? null : 10 + ((k * 7 + i * 3 + y * 5) % 11),
          ]),
        ),
      })),
    );
    const data: IndicatorData = {
      baseYear: 2024,
      years: [2024, 2025],
      cities: [...cities],
      rows,
      synthetic: false,
      throughMonth: 12,
    };
    const run = computeIndex(currentSpec, data, { year: 2025, runs: 50, seed: 1 });
    const again = computeIndex(currentSpec, data, { year: 2025, runs: 50, seed: 1 });
    expect(again).toEqual(run);
    const published = run.result.index;
    expect(published.cities.map((c) => c.rank).sort()).toEqual([1, 2, 3, 4]);
    for (const city of published.cities) {
      expect(Number.isFinite(city.score)).toBe(true);
      expect(city.uncertainty.q05Rank).toBeLessThanOrEqual(city.uncertainty.q95Rank);
      expect(Object.keys(city.pillars)).toHaveLength(5);
    }
    expect(published.series.filter((s) => s.year === 2024).map((s) => s.rebased)).toEqual([
      100, 100, 100, 100,
    ]);
    expect(run.result.table).toHaveLength(4);
    // JSON would turn a NaN into null silently: every number is checked before it is stored.
    const numbers = run.result.table.flatMap((t) => [
      ...Object.values(t.raw),
      ...Object.values(t.normalised),
      ...Object.values(t.pillars),
    ]);
    expect(numbers.filter((v) => v !== null && !Number.isFinite(v))).toEqual([]);
  });
});
