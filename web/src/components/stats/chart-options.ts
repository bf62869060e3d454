import type { EChartsOption } from 'echarts';
import { type BreakdownRow, type MapDatum, type Trend, usdMillions } from '../../pages/stats/stats-model.ts';
import { WORLD_ISO_NUMERIC_PROPERTY, WORLD_MAP_NAME } from '../charts/world-outline.ts';

// The statistics charts' ECharts options, pure functions of the view model and the texts, so
// what is drawn is tested without a canvas. Axes are in millions of US dollars; tooltips show the
// exact amount, formatted by the caller.

export type TrendTexts = {
  month: (month: number) => string;
  current: string;
  previous: string;
  axis: string;
  /** The exact amount of a point, for the tooltip. */
  amount: (usdMinor: string) => string;
};

const CURRENT_COLOUR = '#1677ff';
const PREVIOUS_COLOUR = '#bfbfbf';

/** This year against last, month by month: a line over last year's bars. */
export const trendOption = (trend: Trend, texts: TrendTexts): EChartsOption => ({
  animation: false,
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  legend: { top: 0, data: [texts.current, texts.previous] },
  tooltip: { trigger: 'axis', renderMode: 'richText' },
  xAxis: { type: 'category', data: trend.current.map((point) => texts.month(point.month)) },
  yAxis: { type: 'value', name: texts.axis, nameTextStyle: { align: 'left' } },
  series: [
    {
      type: 'bar',
      id: 'previous',
      name: texts.previous,
      itemStyle: { color: PREVIOUS_COLOUR },
      data: trend.previous.map((point) => (point.usdMinor === null ? null : usdMillions(point.usdMinor))),
      tooltip: {
        valueFormatter: (_value, index) => {
          const point = trend.previous[index];
          return point?.usdMinor ? texts.amount(point.usdMinor) : '—';
        },
      },
    },
    {
      type: 'line',
      id: 'current',
      name: texts.current,
      itemStyle: { color: CURRENT_COLOUR },
      lineStyle: { width: 3 },
      connectNulls: false,
      data: trend.current.map((point) => (point.usdMinor === null ? null : usdMillions(point.usdMinor))),
      tooltip: {
        valueFormatter: (_value, index) => {
          const point = trend.current[index];
          return point?.usdMinor ? texts.amount(point.usdMinor) : '—';
        },
      },
    },
  ],
});

export type BarTexts = { axis: string; amount: (usdMinor: string) => string };

/** A breakdown as horizontal bars, largest on top, with the exact amount in the tooltip. */
export const barOption = (rows: readonly BreakdownRow[], texts: BarTexts): EChartsOption => ({
  animation: false,
  grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
  xAxis: { type: 'value', name: texts.axis, nameLocation: 'middle', nameGap: 24 },
  yAxis: {
    type: 'category',
    inverse: true,
    data: rows.map((row) => row.label),
    axisLabel: { width: 120, overflow: 'truncate' },
  },
  series: [
    {
      type: 'bar',
      id: 'breakdown',
      itemStyle: { color: CURRENT_COLOUR },
      data: rows.map((row) => usdMillions(row.usdMinor)),
      tooltip: {
        valueFormatter: (_value, index) => {
          const row = rows[index];
          return row ? texts.amount(row.usdMinor) : '—';
        },
      },
    },
  ],
});

export type MapTexts = {
  /** The partner's name and exact amount, for the tooltip. */
  tooltip: (datum: MapDatum) => string;
  low: string;
  high: string;
};

/** Partners shaded by this year's value on the world outline (a choropleth). */
export const partnerMapOption = (data: readonly MapDatum[], texts: MapTexts): EChartsOption => {
  const max = data.reduce((top, datum) => Math.max(top, datum.value), 0);
  const byNumeric = new Map(data.map((datum) => [datum.numeric, datum]));
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      formatter: (params) => {
        const name = Array.isArray(params) ? undefined : params.name;
        const datum = name === undefined ? undefined : byNumeric.get(name);
        return datum ? texts.tooltip(datum) : '';
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      // A map with one partner (or none) still needs a range to shade over.
      max: max > 0 ? max : 1,
      left: 8,
      bottom: 8,
      text: [texts.high, texts.low],
      calculable: false,
      itemHeight: 80,
      inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] },
    },
    series: [
      {
        type: 'map',
        id: 'partners',
        map: WORLD_MAP_NAME,
        nameProperty: WORLD_ISO_NUMERIC_PROPERTY,
        // The whole world stays in view: a map that zooms or pans would trap a phone's scrolling.
        roam: false,
        itemStyle: { areaColor: '#f5f5f5', borderColor: '#b7c2d0' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd666' } },
        select: { disabled: true },
        data: data.map((datum) => ({ name: datum.numeric, value: datum.value })),
      },
    ],
  };
};
