import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { FactorChartData } from '../../pages/finance/credit-model.ts';

// Only the parts of ECharts this chart uses, so the bundle does not carry the whole library.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

type FactorChartProps = {
  data: FactorChartData;
  /** Translated factor names, in the order of `data.factors`. */
  labels: string[];
  series: { earned: string; open: string; penalty: string };
};

const ROW_HEIGHT = 34;

/**
 * The score's factors as horizontal stacked bars: points earned, points still open up to the
 * factor's maximum, and penalties to the left of zero. The table beside it says why.
 */
export const FactorChart = ({ data, labels, series }: FactorChartProps) => {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) {
      return;
    }
    const chart = init(element, undefined, { renderer: 'svg' });
    const option: Option = {
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: [series.earned, series.open, series.penalty] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: [
        {
          name: series.earned,
          type: 'bar',
          stack: 'points',
          data: data.earned,
          itemStyle: { color: '#389e0d' },
        },
        { name: series.open, type: 'bar', stack: 'points', data: data.open, itemStyle: { color: '#d9d9d9' } },
        {
          name: series.penalty,
          type: 'bar',
          stack: 'points',
          data: data.penalty,
          itemStyle: { color: '#cf1322' },
        },
      ],
    };
    chart.setOption(option);
    // The card changes width with the window and the side bar; the chart follows it.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [data, labels, series]);

  return (
    <div
      ref={host}
      className="credit-factor-chart"
      style={{ height: ROW_HEIGHT * labels.length + 48 }}
      data-testid="credit-factor-chart"
    />
  );
};
