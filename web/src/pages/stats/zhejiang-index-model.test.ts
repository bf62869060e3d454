import { describe, expect, it } from 'vitest';
import type { PublishedIndex } from './zhejiang-index-api.ts';
import {
  bandsOption,
  bandText,
  chosenYear,
  computableYears,
  downloadLinks,
  headline,
  type IndexTexts,
  pillarOption,
  rankingOption,
  rankMove,
  strengthRows,
  trendOption,
} from './zhejiang-index-model.ts';

// A published index shaped as GET /api/public/zhejiang-index serves it.
const index: PublishedIndex = {
  year: 2025,
  specId: 'zhejiang-index',
  specVersion: 1,
  engine: 'tradehub-index-engine/1',
  baseYear: 2024,
  seed: 2025,
  runs: 200,
  synthetic: true,
  publishedAt: '2026-01-15T08:00:00.000Z',
  publishedBy: 'Zhejiang Department of Commerce (demo)',
  publishedYears: [2025, 2024],
  pillars: [
    { id: 'scale', nameZh: '规模', nameEn: 'Scale', weight: 0.5 },
    { id: 'growth', nameZh: '增长', nameEn: 'Growth', weight: 0.5 },
  ],
  indicators: [
    {
      id: 'dt_total',
      pillar: 'scale',
      nameZh: '数字贸易额',
      nameEn: 'Digital trade',
      unitZh: '',
      unitEn: '',
    },
    { id: 'dt_growth', pillar: 'growth', nameZh: '增速', nameEn: 'Growth', unitZh: '%', unitEn: '%' },
  ],
  cities: [
    {
      city: '330100',
      score: 80.5,
      rebased: 112.3,
      rank: 1,
      previousRank: 2,
      pillars: { scale: { score: 90, rank: 1 }, growth: { score: 71, rank: 2 } },
      uncertainty: { medianRank: 1, q05Rank: 1, q95Rank: 2 },
      strengths: ['dt_total'],
      weaknesses: ['dt_growth'],
    },
    {
      city: '330200',
      score: 60.25,
      rebased: 98.1,
      rank: 2,
      previousRank: null,
      pillars: { scale: { score: 50.5, rank: 2 } },
      uncertainty: { medianRank: 2, q05Rank: 2, q95Rank: 2 },
      strengths: ['dt_growth'],
      weaknesses: ['dt_total'],
    },
  ],
  series: [
    { city: '330100', year: 2024, rebased: 100 },
    { city: '330200', year: 2024, rebased: 100 },
    { city: '330100', year: 2025, rebased: 112.3 },
    { city: '330200', year: 2025, rebased: 98.1 },
  ],
};

const texts: IndexTexts = {
  city: (code) => ({ '330100': 'Hangzhou', '330200': 'Ningbo' })[code] ?? code,
  pillar: (id) => id.toUpperCase(),
  score: 'Score',
  rank: 'Rank',
  band: '5–95 % band',
  median: 'Median rank',
  rebased: 'Base year = 100',
  number: (v) => v.toFixed(1),
};

type Series = { id?: string; data?: unknown[]; stack?: string };
const seriesOf = (option: ReturnType<typeof rankingOption>) => option.series as Series[];

describe('the Zhejiang Index view model', () => {
  it('picks the year in the address only when it is published', () => {
    expect(chosenYear('2024', [2025, 2024])).toBe(2024);
    expect(chosenYear('2023', [2025, 2024])).toBeUndefined();
    expect(chosenYear('abc', undefined)).toBeUndefined();
    expect(chosenYear(null, [2025])).toBeUndefined();
  });

  it('heads the page with the top city, its score, rebased index and band', () => {
    expect(headline(index)).toEqual({ city: '330100', score: 80.5, rebased: 112.3, band: [1, 2], cities: 2 });
    expect(headline({ ...index, cities: [] })).toBeNull();
    expect(rankMove(1, 2)).toBe(1);
    expect(rankMove(2, null)).toBeNull();
    expect(bandText(1, 2, String)).toBe('1–2');
    expect(bandText(2, 2, String)).toBe('2');
  });

  it('draws the ranking best first, and the bands as offset plus width with the rank marks', () => {
    const ranking = rankingOption(index, texts);
    expect((ranking.yAxis as { data: string[] }).data).toEqual(['1. Hangzhou', '2. Ningbo']);
    expect(seriesOf(ranking)[0]?.data).toEqual([80.5, 60.25]);
    const bands = seriesOf(bandsOption(index, texts));
    expect(bands.map((s) => s.id)).toEqual(['band-offset', 'band', 'rank', 'median']);
    const offset = bands[0]?.data as number[];
    const width = bands[1]?.data as number[];
    // The band runs from the 5 % rank to the 95 % rank (drawn 0.15 wider on each side).
    expect(offset.map((o, i) => o + (width[i] as number))).toEqual([2.15, 2.15]);
    expect(offset).toEqual([0.85, 1.85]);
    expect(bands[2]?.data).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('stacks weighted pillar scores, leaving a pillar without data empty', () => {
    const series = seriesOf(pillarOption(index, texts));
    expect(series.map((s) => [s.id, s.stack])).toEqual([
      ['pillar-scale', 'pillars'],
      ['pillar-growth', 'pillars'],
    ]);
    expect(series[0]?.data).toEqual([45, 25.25]);
    expect(series[1]?.data).toEqual([35.5, null]);
  });

  it('draws one rebased line per city over the years', () => {
    const option = trendOption(index, texts);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2024', '2025']);
    expect(seriesOf(option).map((s) => s.data)).toEqual([
      [100, 112.3],
      [100, 98.1],
    ]);
  });

  it('names strengths and weaknesses, and links the downloads and the white paper by language', () => {
    expect(strengthRows(index, (id) => `<${id}>`)[0]).toEqual({
      key: '330100',
      city: '330100',
      rank: 1,
      strengths: ['<dt_total>'],
      weaknesses: ['<dt_growth>'],
    });
    expect(downloadLinks(2025, 'zh-CN')).toEqual({
      csv: '/api/public/zhejiang-index/2025/data.csv',
      xlsx: '/api/public/zhejiang-index/2025/data.xlsx',
      pdf: '/api/public/white-paper/2025.pdf?lang=zh-CN',
    });
    expect(downloadLinks(2025, 'en-GB').pdf).toBe('/api/public/white-paper/2025.pdf?lang=en');
    expect(computableYears(new Date(Date.UTC(2026, 10, 27)))).toHaveLength(10);
  });
});
