import type { EChartsOption } from 'echarts';
import type { PublishedIndex } from './zhejiang-index-api.ts';

// The index page's view model and chart options: pure functions of the published index and the
// texts, so what is drawn is tested without a canvas or a server.

export type IndexTexts = {
  city: (code: string) => string;
  pillar: (id: string) => string;
  score: string;
  rank: string;
  band: string;
  median: string;
  rebased: string;
  /** A score or rank in the UI language (`12.5`, `1,234.5`). */
  number: (value: number) => string;
};

const BLUE = '#1677ff';
const BAND = '#91caff';
const GREY = '#8c8c8c';
const PILLAR_COLOURS = ['#1677ff', '#13c2c2', '#52c41a', '#faad14', '#eb2f96', '#722ed1'];

/** The year the page shows: the one in the address when it is published, else the latest. */
export const chosenYear = (param: string | null, published: readonly number[] | undefined) => {
  const year = param === null ? Number.NaN : Number(param);
  return Number.isInteger(year) && (published === undefined || published.includes(year)) ? year : undefined;
};

/** The headline: the top city, its score, its rebased index and its 5–95 % rank band. */
export const headline = (index: PublishedIndex) => {
  const top = index.cities[0];
  if (top === undefined) {
    return null;
  }
  return {
    city: top.city,
    score: top.score,
    rebased: top.rebased,
    band: [top.uncertainty.q05Rank, top.uncertainty.q95Rank] as const,
    cities: index.cities.length,
  };
};

/** How a city moved since the year before: positive when it climbed. */
export const rankMove = (rank: number, previousRank: number | null) =>
  previousRank === null ? null : previousRank - rank;

/** The band as text: `1` when it is one rank, `2–4` otherwise. */
export const bandText = (q05: number, q95: number, format: (v: number) => string) =>
  q05 === q95 ? format(q05) : `${format(q05)}–${format(q95)}`;

/** The ranking: the index score as horizontal bars, best on top, the rank beside each name. */
export const rankingOption = (index: PublishedIndex, texts: IndexTexts): EChartsOption => ({
  animation: false,
  grid: { left: 8, right: 40, top: 8, bottom: 36, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
  xAxis: { type: 'value', name: texts.score, nameLocation: 'middle', nameGap: 24 },
  yAxis: {
    type: 'category',
    inverse: true,
    data: index.cities.map((c) => `${c.rank}. ${texts.city(c.city)}`),
    axisLabel: { width: 110, overflow: 'truncate' },
  },
  series: [
    {
      type: 'bar',
      id: 'score',
      name: texts.score,
      itemStyle: { color: BLUE },
      label: { show: true, position: 'right', formatter: ({ value }) => texts.number(Number(value)) },
      data: index.cities.map((c) => c.score),
    },
  ],
});

/**
 * The rank of each city with its 5–95 % band over the Monte Carlo replications, as error bars: a
 * transparent bar up to the 5 % rank, the band on top of it, the published and median ranks as marks.
 */
export const bandsOption = (index: PublishedIndex, texts: IndexTexts): EChartsOption => ({
  animation: false,
  grid: { left: 8, right: 16, top: 40, bottom: 36, containLabel: true },
  legend: { top: 0, data: [texts.band, texts.rank, texts.median] },
  tooltip: { trigger: 'item', renderMode: 'richText' },
  xAxis: {
    type: 'value',
    name: texts.rank,
    nameLocation: 'middle',
    nameGap: 24,
    min: 0,
    max: Math.max(1, index.cities.length) + 0.5,
    interval: 1,
    axisLabel: { formatter: (v: number) => (v >= 1 && v <= index.cities.length ? String(v) : '') },
  },
  yAxis: {
    type: 'category',
    inverse: true,
    data: index.cities.map((c) => texts.city(c.city)),
    axisLabel: { width: 110, overflow: 'truncate' },
  },
  series: [
    {
      type: 'bar',
      id: 'band-offset',
      stack: 'band',
      silent: true,
      itemStyle: { color: 'transparent' },
      data: index.cities.map((c) => c.uncertainty.q05Rank - 0.15),
    },
    {
      type: 'bar',
      id: 'band',
      name: texts.band,
      stack: 'band',
      barWidth: 10,
      itemStyle: { color: BAND, borderRadius: 5 },
      // A band of one rank still shows as a short bar around the point.
      data: index.cities.map((c) => c.uncertainty.q95Rank - c.uncertainty.q05Rank + 0.3),
      tooltip: {
        formatter: (params) => {
          const city = index.cities[Array.isArray(params) ? 0 : params.dataIndex];
          return city === undefined
            ? ''
            : `${texts.city(city.city)}: ${bandText(city.uncertainty.q05Rank, city.uncertainty.q95Rank, texts.number)}`;
        },
      },
    },
    {
      type: 'scatter',
      id: 'rank',
      name: texts.rank,
      symbolSize: 12,
      itemStyle: { color: BLUE },
      data: index.cities.map((c, i) => [c.rank, i]),
      encode: { x: 0, y: 1 },
    },
    {
      type: 'scatter',
      id: 'median',
      name: texts.median,
      symbol: 'diamond',
      symbolSize: 9,
      itemStyle: { color: GREY },
      data: index.cities.map((c, i) => [c.uncertainty.medianRank, i]),
      encode: { x: 0, y: 1 },
    },
  ],
});

/**
 * The pillars' contributions to each city's score (weight × pillar score), stacked: with every
 * pillar present they add up to the index (an arithmetic mean with weights summing to 1).
 */
export const pillarOption = (index: PublishedIndex, texts: IndexTexts): EChartsOption => ({
  animation: false,
  grid: { left: 8, right: 16, top: 56, bottom: 36, containLabel: true },
  legend: { top: 0, type: 'scroll', data: index.pillars.map((p) => texts.pillar(p.id)) },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
  xAxis: { type: 'value', name: texts.score, nameLocation: 'middle', nameGap: 24 },
  yAxis: {
    type: 'category',
    inverse: true,
    data: index.cities.map((c) => texts.city(c.city)),
    axisLabel: { width: 110, overflow: 'truncate' },
  },
  series: index.pillars.map((pillar, k) => ({
    type: 'bar' as const,
    id: `pillar-${pillar.id}`,
    name: texts.pillar(pillar.id),
    stack: 'pillars',
    itemStyle: { color: PILLAR_COLOURS[k % PILLAR_COLOURS.length] as string },
    data: index.cities.map((c) => {
      const score = c.pillars[pillar.id]?.score;
      return score === undefined ? null : Math.round(score * pillar.weight * 100) / 100;
    }),
  })),
});

/** The rebased index of every city over the years (base year = 100), one line per city. */
export const trendOption = (index: PublishedIndex, texts: IndexTexts): EChartsOption => {
  const years = [...new Set(index.series.map((s) => s.year))].sort((a, b) => a - b);
  const order = index.cities.map((c) => c.city);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 72, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll', data: order.map((c) => texts.city(c)) },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: texts.rebased, scale: true },
    series: order.map((city) => ({
      type: 'line' as const,
      id: `trend-${city}`,
      name: texts.city(city),
      connectNulls: false,
      data: years.map(
        (year) => index.series.find((s) => s.city === city && s.year === year)?.rebased ?? null,
      ),
    })),
  };
};

/** The strengths and weaknesses table: one row per city, indicators by name. */
export const strengthRows = (index: PublishedIndex, indicatorName: (id: string) => string) =>
  index.cities.map((c) => ({
    key: c.city,
    city: c.city,
    rank: c.rank,
    strengths: c.strengths.map(indicatorName),
    weaknesses: c.weaknesses.map(indicatorName),
  }));

/** The downloads of a published year; the white paper in the page's language. */
export const downloadLinks = (year: number, language: string) => ({
  csv: `/api/public/zhejiang-index/${year}/data.csv`,
  xlsx: `/api/public/zhejiang-index/${year}/data.xlsx`,
  pdf: `/api/public/white-paper/${year}.pdf?lang=${language === 'zh-CN' ? 'zh-CN' : 'en'}`,
});

/** Years a regulator may compute: the last ten up to this one, newest first. */
export const computableYears = (now: Date) => {
  const year = now.getUTCFullYear();
  return Array.from({ length: 10 }, (_, k) => year - k);
};
