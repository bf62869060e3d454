import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthlySeries } from '../../api/stats.ts';
import { trendOf } from '../../pages/stats/stats-model.ts';
import { EChart } from '../charts/e-chart.tsx';
import { type TrendTexts, trendOption } from './chart-options.ts';
import type { StatsLabels } from './use-stats-labels.ts';

type TrendChartProps = { series: MonthlySeries; year: number; labels: StatsLabels };

/** Digital trade month by month, this year as a line over last year's bars. */
export const TrendChart = ({ series, year, labels }: TrendChartProps) => {
  const { t } = useTranslation();
  const trend = useMemo(() => trendOf(series, year), [series, year]);
  const texts = useMemo<TrendTexts>(
    () => ({
      month: labels.month,
      current: String(year),
      previous: String(year - 1),
      axis: t('stats.chart.usdMillions'),
      amount: labels.amount,
    }),
    [labels, year, t],
  );
  const option = useMemo(() => trendOption(trend, texts), [trend, texts]);
  const months = trend.current.filter((point) => point.usdMinor !== null).length;
  return (
    <Card size="small" title={t('stats.trend.title', { year, previous: year - 1 })} data-testid="stats-trend">
      {series.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} />
      ) : (
        <div data-testid="stats-trend-months" data-months={months}>
          <EChart
            option={option}
            height={300}
            testId="stats-trend-chart"
            ariaLabel={t('stats.trend.aria', { year, previous: year - 1 })}
          />
        </div>
      )}
    </Card>
  );
};
