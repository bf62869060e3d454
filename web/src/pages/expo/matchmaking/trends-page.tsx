import { Card, Col, Empty, Radio, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TrendDimension, type TrendSeries, useTrends } from '../../../api/expo-matchmaking.ts';
import { EChart } from '../../../components/charts/e-chart.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../i18n/use-format.ts';
import { monthsBefore, type TrendTexts, trendBarOption, trendLineOption } from './matchmaking-model.ts';
import './matchmaking.css';

const SPANS = [6, 12, 24, 36] as const;

/** What buyers ask for: requirements and searches per month by HS chapter or destination. */
export const TrendsPage = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [now] = useState(() => new Date().toISOString().slice(0, 7));
  const [by, setBy] = useState<TrendDimension>('hs_chapter');
  const [span, setSpan] = useState<number>(12);
  const trends = useTrends(monthsBefore(now, span - 1), now, by);
  const zh = i18n.language === 'zh-CN';

  const texts = useMemo<TrendTexts>(() => {
    const regionNames = (() => {
      try {
        return new Intl.DisplayNames([i18n.language], { type: 'region' });
      } catch {
        return null;
      }
    })();
    return {
      seriesName: (key) => {
        if (key === 'other') {
          return t('expoMatchmaking.trends.other');
        }
        if (key === 'none') {
          return t('expoMatchmaking.trends.none');
        }
        if (by === 'hs_chapter') {
          return t('expoMatchmaking.trends.chapter', { chapter: key });
        }
        return regionNames?.of(key) ?? key;
      },
      month: (month) => {
        const [year, m] = month.split('-');
        return zh ? `${year}年${Number(m)}月` : `${m}/${year?.slice(2)}`;
      },
      axis: t('expoMatchmaking.trends.count'),
    };
  }, [t, by, zh, i18n.language]);

  const chart = (title: string, series: TrendSeries[], testId: string) => (
    <Card size="small" title={title} data-testid={testId} data-series={series.length}>
      {series.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('expoMatchmaking.trends.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <EChart
              option={trendLineOption(trends.data?.months ?? [], series, texts)}
              height={300}
              testId={`${testId}-line`}
              ariaLabel={t('expoMatchmaking.trends.lineAria', { title })}
            />
          </Col>
          <Col xs={24} lg={9}>
            <EChart
              option={trendBarOption(series, texts)}
              height={300}
              testId={`${testId}-bar`}
              ariaLabel={t('expoMatchmaking.trends.barAria', { title })}
            />
          </Col>
        </Row>
      )}
    </Card>
  );

  return (
    <div className="page" data-testid="mm-trends-page">
      <PageHeader
        title={t('expoMatchmaking.trends.title')}
        subtitle={t('expoMatchmaking.trends.subtitle')}
        extra={
          <Space wrap>
            <Radio.Group
              value={by}
              onChange={(event) => setBy(event.target.value as TrendDimension)}
              optionType="button"
              options={[
                { value: 'hs_chapter', label: t('expoMatchmaking.trends.byChapter') },
                { value: 'country', label: t('expoMatchmaking.trends.byCountry') },
              ]}
              data-testid="mm-trends-by"
            />
            <Select<number>
              value={span}
              onChange={setSpan}
              aria-label={t('expoMatchmaking.trends.span')}
              options={SPANS.map((months) => ({
                value: months,
                label: t('expoMatchmaking.trends.months', { count: months }),
              }))}
              data-testid="mm-trends-span"
            />
          </Space>
        }
      />
      {trends.isError ? <ErrorAlert error={trends.error} onRetry={() => void trends.refetch()} /> : null}
      {trends.isPending ? (
        <Skeleton active />
      ) : trends.data ? (
        <Space direction="vertical" size={16} className="mm-full-width">
          <Typography.Text type="secondary">
            {t('expoMatchmaking.trends.period', { from: trends.data.from, to: trends.data.to })}
          </Typography.Text>
          {chart(
            t('expoMatchmaking.trends.requirements'),
            trends.data.requirements,
            'mm-trends-requirements',
          )}
          {chart(t('expoMatchmaking.trends.searches'), trends.data.searches, 'mm-trends-searches')}
          <Card size="small" title={t('expoMatchmaking.trends.trade')} data-testid="mm-trends-trade">
            {trends.data.trade === null || trends.data.trade.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('expoMatchmaking.trends.noTrade')} />
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={trends.data.trade.items}
                columns={[
                  {
                    key: 'key',
                    title: t('expoMatchmaking.trends.category'),
                    render: (_, row) => texts.seriesName(row.key),
                  },
                  {
                    key: 'usd',
                    title: t('expoMatchmaking.trends.tradeUsd', {
                      year: trends.data.trade.year,
                      month: trends.data.trade.throughMonth,
                    }),
                    align: 'right',
                    // Whole US dollars: the figure is an aggregate, cents add nothing.
                    render: (_, row) => format.number(BigInt(row.usdMinor) / 100n),
                  },
                ]}
              />
            )}
          </Card>
        </Space>
      ) : null}
    </div>
  );
};
