import { ArrowRightOutlined, CloseOutlined } from '@ant-design/icons';
import { countryByAlpha2 } from '@tradehub/kernel';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, useBreakdown } from '../../api/stats.ts';
import {
  type BreakdownRow,
  breakdownQuery,
  breakdownRows,
  breakdownTotals,
  type DashboardState,
  drillIntoMode,
  growthPercent,
  modeFilterApplies,
  partnerMapData,
  usdFromMinor,
} from '../../pages/stats/stats-model.ts';
import { EChart } from '../charts/e-chart.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { ExportButtons } from '../export-buttons.tsx';
import { barOption, partnerMapOption } from './chart-options.ts';
import type { StatsLabels } from './use-stats-labels.ts';

type BreakdownPanelProps = {
  orgId: string;
  state: DashboardState;
  onChange: (state: DashboardState) => void;
  labels: StatsLabels;
  /** Called with a row's key when the row is clicked (the enterprises behind it); none: rows are inert. */
  onSelectRow?: ((key: string) => void) | undefined;
};

const numericOf = (alpha2: string) => countryByAlpha2(alpha2)?.numeric;

const Growth = ({ value, labels }: { value: number | null; labels: StatsLabels }) =>
  value === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <Typography.Text type={value < 0 ? 'danger' : 'success'}>{labels.growth(value)}</Typography.Text>
  );

/** The chart beside the table: partners on the world map, everything else as bars. */
const BreakdownChart = ({
  dimension,
  rows,
  labels,
}: {
  dimension: BreakdownDimension;
  rows: readonly BreakdownRow[];
  labels: StatsLabels;
}) => {
  const { t } = useTranslation();
  const option = useMemo(() => {
    if (dimension === 'partner') {
      return partnerMapOption(partnerMapData(rows, numericOf), {
        tooltip: (datum) => `${labels.partner(datum.key)}: ${labels.amount(rowOf(rows, datum.key))}`,
        low: t('stats.map.low'),
        high: t('stats.map.high'),
      });
    }
    return barOption(
      rows.map((row) => ({ ...row, label: labels.axisKey(dimension, row.key) })),
      { axis: t('stats.chart.usdMillions'), amount: labels.amount },
    );
  }, [dimension, rows, labels, t]);
  if (dimension === 'partner') {
    return (
      <>
        <EChart option={option} height={320} testId="stats-partner-map" ariaLabel={t('stats.map.aria')} />
        <Typography.Text type="secondary" className="stats-note">
          {t('stats.map.note')}
        </Typography.Text>
      </>
    );
  }
  return (
    <EChart
      option={option}
      height={Math.max(200, rows.length * 28 + 60)}
      testId="stats-breakdown-chart"
      ariaLabel={t('stats.chart.aria', { dimension: t(`stats.dimensions.${dimension}`) })}
    />
  );
};

const rowOf = (rows: readonly BreakdownRow[], key: string) =>
  rows.find((row) => row.key === key)?.usdMinor ?? '0';

/**
 * Trade by one dimension at a time (tabs): a table with last year and the growth, exportable, and
 * a chart; a customs mode's row drills into that mode's partners.
 */
export const BreakdownPanel = ({ orgId, state, onChange, labels, onSelectRow }: BreakdownPanelProps) => {
  const { t } = useTranslation();
  const query = useMemo(() => breakdownQuery(state), [state]);
  const breakdown = useBreakdown(orgId, query);
  const dimension = state.dimension;
  const rows = useMemo(
    () =>
      breakdown.data && breakdown.data.dimension === dimension
        ? breakdownRows(breakdown.data, (key) => labels.key(dimension, key))
        : [],
    [breakdown.data, dimension, labels],
  );
  const totals = useMemo(() => breakdownTotals(rows), [rows]);
  const dimensionName = t(`stats.dimensions.${dimension}`);
  const drilled = state.customsMode !== null && modeFilterApplies(dimension) ? state.customsMode : null;

  const columns: TableColumnsType<BreakdownRow> = [
    {
      key: 'label',
      title: dimensionName,
      // Long names (customs modes, EBOPS categories) wrap rather than push the amounts off a phone.
      width: 220,
      render: (_, row) =>
        dimension === 'mode' ? (
          <Button
            type="link"
            size="small"
            className="stats-drill"
            onClick={() => onChange(drillIntoMode(state, row.key))}
            data-testid="stats-drill"
            data-mode={row.key}
            title={t('stats.breakdown.drill', { mode: row.label })}
          >
            {row.label} <ArrowRightOutlined />
          </Button>
        ) : (
          <span className="stats-label">{row.label}</span>
        ),
    },
    {
      key: 'now',
      title: t('stats.breakdown.columns.thisYear', { year: state.year }),
      align: 'right',
      render: (_, row) => (
        <span className="stats-amount" data-testid="stats-row-amount">
          {labels.amount(row.usdMinor)}
        </span>
      ),
    },
    {
      key: 'before',
      title: t('stats.breakdown.columns.lastYear', { year: state.year - 1 }),
      align: 'right',
      render: (_, row) => <span className="stats-amount">{labels.amount(row.previousYearUsdMinor)}</span>,
    },
    {
      key: 'growth',
      title: t('stats.breakdown.columns.growth'),
      align: 'right',
      render: (_, row) => <Growth value={row.growth} labels={labels} />,
    },
    {
      key: 'share',
      title: t('stats.breakdown.columns.share'),
      align: 'right',
      render: (_, row) => (row.share === null ? '—' : labels.percent(row.share)),
    },
  ];

  const exportName = [
    'tradehub-statistics',
    dimension,
    ...(drilled ? [drilled] : []),
    `${state.year}-${String(state.throughMonth).padStart(2, '0')}`,
  ].join('-');

  return (
    <Card size="small" title={t('stats.breakdown.title')} data-testid="stats-breakdown">
      <Tabs
        activeKey={dimension}
        onChange={(key) => onChange({ ...state, dimension: key as BreakdownDimension })}
        items={BREAKDOWN_DIMENSIONS.map((key) => ({
          key,
          label: <span data-testid={`stats-tab-${key}`}>{t(`stats.dimensions.${key}`)}</span>,
        }))}
      />
      <Flex wrap gap={12} align="center" className="stats-filters">
        <Select
          value={state.flow ?? 'both'}
          onChange={(value: 'both' | 'export' | 'import') =>
            onChange({ ...state, flow: value === 'both' ? null : value })
          }
          options={[
            { value: 'both', label: t('stats.flow.both') },
            { value: 'export', label: t('stats.flow.export') },
            { value: 'import', label: t('stats.flow.import') },
          ]}
          className="stats-flow"
          data-testid="stats-flow"
          aria-label={t('stats.flow.label')}
        />
        <Flex gap={6} align="center">
          <Switch
            size="small"
            checked={state.digitalOnly}
            onChange={(checked) => onChange({ ...state, digitalOnly: checked })}
            data-testid="stats-digital-only"
            aria-label={t('stats.digitalOnly')}
          />
          <Typography.Text>{t('stats.digitalOnly')}</Typography.Text>
        </Flex>
        {drilled ? (
          <Tag
            closable
            closeIcon={
              <CloseOutlined data-testid="stats-clear-mode" aria-label={t('stats.breakdown.clearMode')} />
            }
            color="blue"
            className="stats-drilled"
            onClose={() => onChange({ ...state, customsMode: null })}
            data-testid="stats-drilled-mode"
            data-mode={drilled}
          >
            {t('stats.breakdown.drilled', { mode: labels.mode(drilled) })}
          </Tag>
        ) : null}
        {state.customsMode !== null && dimension === 'ebops' ? (
          <Typography.Text type="secondary">{t('stats.breakdown.modeNotForServices')}</Typography.Text>
        ) : null}
      </Flex>
      {breakdown.isError ? (
        <ErrorAlert error={breakdown.error} onRetry={() => void breakdown.refetch()} />
      ) : breakdown.isPending || breakdown.data.dimension !== dimension ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Flex justify="space-between" align="center" wrap gap={8} className="stats-table-head">
              <Typography.Text type="secondary">
                {t('stats.breakdown.period', { year: state.year, month: labels.month(state.throughMonth) })}
              </Typography.Text>
              <ExportButtons<BreakdownRow>
                rows={rows}
                fileName={exportName}
                sheetName={dimensionName}
                testIdPrefix="stats-breakdown"
                columns={[
                  { header: t('stats.export.code'), value: (row) => row.key, width: 10 },
                  { header: dimensionName, value: (row) => row.label, width: 28 },
                  {
                    header: t('stats.export.usdThisYear', { year: state.year }),
                    value: (row) => usdFromMinor(row.usdMinor),
                    width: 20,
                  },
                  {
                    header: t('stats.export.usdLastYear', { year: state.year - 1 }),
                    value: (row) => usdFromMinor(row.previousYearUsdMinor),
                    width: 20,
                  },
                  { header: t('stats.export.growthPercent'), value: (row) => growthPercent(row.growth) },
                  {
                    header: t('stats.export.sharePercent'),
                    value: (row) => growthPercent(row.share),
                  },
                ]}
              />
            </Flex>
            <Table<BreakdownRow>
              rowKey="key"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={rows}
              loading={breakdown.isFetching}
              scroll={{ x: 'max-content' }}
              data-testid="stats-breakdown-table"
              data-dimension={dimension}
              data-mode={drilled ?? ''}
              onRow={(row) =>
                ({
                  'data-testid': 'stats-row',
                  'data-key': row.key,
                  ...(onSelectRow === undefined
                    ? {}
                    : { onClick: () => onSelectRow(row.key), className: 'stats-row-selectable' }),
                }) as object
              }
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('stats.breakdown.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong className="stats-amount" data-testid="stats-total">
                      {labels.amount(totals.usdMinor)}
                    </strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <span className="stats-amount">{labels.amount(totals.previousYearUsdMinor)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <Growth value={totals.growth} labels={labels} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {rows.length > 0 ? labels.percent(1) : '—'}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Col>
          <Col xs={24} xl={10}>
            <BreakdownChart dimension={dimension} rows={rows} labels={labels} />
          </Col>
        </Row>
      )}
    </Card>
  );
};
