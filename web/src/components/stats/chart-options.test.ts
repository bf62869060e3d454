import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from '../../pages/stats/stats-model.ts';
import { trendOf } from '../../pages/stats/stats-model.ts';
import { WORLD_ISO_NUMERIC_PROPERTY, WORLD_MAP_NAME } from '../charts/world-outline.ts';
import { barOption, partnerMapOption, trendOption } from './chart-options.ts';

type Series = {
  id: string;
  type: string;
  data: unknown[];
  tooltip?: { valueFormatter?: (value: unknown, index: number) => string };
  nameProperty?: string;
  map?: string;
};

const seriesOf = (option: { series?: unknown }): Series[] => option.series as Series[];

const amount = (usdMinor: string) => `$${usdMinor}c`;

describe('statistics chart options', () => {
  it('draws this year as a line over last year, in USD million, gaps where a month has no figures', () => {
    const trend = trendOf(
      {
        items: [
          { month: '2025-03', usdMinor: '250000000' },
          { month: '2026-01', usdMinor: '123456789012' },
        ],
      },
      2026,
    );
    const option = trendOption(trend, {
      month: (month) => `M${month}`,
      current: '2026',
      previous: '2025',
      axis: 'USD million',
      amount,
    });
    const [previous, current] = seriesOf(option);
    expect(previous?.type).toBe('bar');
    expect(current?.type).toBe('line');
    expect(current?.data[0]).toBe(1234.56);
    expect(current?.data[1]).toBeNull();
    expect(previous?.data[2]).toBe(2.5);
    // The tooltip names the exact amount, not the rounded coordinate.
    expect(current?.tooltip?.valueFormatter?.(1234.56, 0)).toBe('$123456789012c');
    expect(current?.tooltip?.valueFormatter?.(null, 1)).toBe('—');
    expect((option.xAxis as { data: string[] }).data).toHaveLength(12);
  });

  it('lists breakdown bars largest first with their labels and exact amounts', () => {
    const rows: BreakdownRow[] = [
      {
        key: '330100',
        label: 'Hangzhou',
        usdMinor: '300000000',
        previousYearUsdMinor: '0',
        growth: null,
        share: 0.75,
      },
      {
        key: '330200',
        label: 'Ningbo',
        usdMinor: '100000000',
        previousYearUsdMinor: '0',
        growth: null,
        share: 0.25,
      },
    ];
    const option = barOption(rows, { axis: 'USD million', amount });
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['Hangzhou', 'Ningbo']);
    const [bars] = seriesOf(option);
    expect(bars?.data).toEqual([3, 1]);
    expect(bars?.tooltip?.valueFormatter?.(3, 1)).toBe('$100000000c');
  });

  it('shades partners on the shared world outline by ISO numeric code', () => {
    const option = partnerMapOption(
      [
        { numeric: '840', key: 'US', value: 2500 },
        { numeric: '276', key: 'DE', value: 700 },
      ],
      { tooltip: (datum) => `${datum.key}`, low: 'less', high: 'more' },
    );
    const [map] = seriesOf(option);
    expect(map?.map).toBe(WORLD_MAP_NAME);
    expect(map?.nameProperty).toBe(WORLD_ISO_NUMERIC_PROPERTY);
    expect(map?.data).toEqual([
      { name: '840', value: 2500 },
      { name: '276', value: 700 },
    ]);
    expect((option.visualMap as { max: number }).max).toBe(2500);
    const tooltip = (option.tooltip as { formatter: (params: { name: string }) => string }).formatter;
    expect(tooltip({ name: '276' })).toBe('DE');
    expect(tooltip({ name: '124' })).toBe('');
    // No partner at all still gives a range to shade over.
    expect(
      (partnerMapOption([], { tooltip: () => '', low: '', high: '' }).visualMap as { max: number }).max,
    ).toBe(1);
  });
});
