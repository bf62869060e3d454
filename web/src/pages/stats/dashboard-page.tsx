import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Flex, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { STATS_READER_KINDS, useSeries, useTargets } from '../../api/stats.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { BreakdownPanel } from '../../components/stats/breakdown-panel.tsx';
import {
  canReadEnterprises,
  EnterpriseDrilldown,
  type EnterpriseSelection,
} from '../../components/stats/enterprise-drilldown.tsx';
import { TargetCards } from '../../components/stats/target-cards.tsx';
import { TrendChart } from '../../components/stats/trend-chart.tsx';
import { useStatsLabels } from '../../components/stats/use-stats-labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  type DashboardState,
  dashboardSearch,
  isSynthetic,
  monthOptions,
  parseDashboardState,
  targetCards,
  yearOptions,
} from './stats-model.ts';
import '../../components/stats/stats.css';

/**
 * The commerce department's digital-trade dashboard (issue 8): the policy's four targets against
 * the year to date, the monthly trend against last year, and the breakdowns, with the period and
 * the drill-down kept in the address.
 */
export const StatsDashboardPage = () => {
  const { t } = useTranslation();
  const { membership } = useActiveOrg();
  if (!STATS_READER_KINDS.includes(membership.organisation.kind)) {
    // The server answers 403 stats.regulators_only; say so without asking it.
    return (
      <Result
        status="403"
        title={t('stats.forbidden.title')}
        subTitle={t('errors.stats.regulators_only')}
        data-testid="stats-forbidden"
      />
    );
  }
  return <Dashboard />;
};

const Dashboard = () => {
  const { t } = useTranslation();
  const { orgId, membership } = useActiveOrg();
  const labels = useStatsLabels();
  // The enterprises behind a clicked breakdown row, for the people allowed to see them only.
  const mayDrill = canReadEnterprises(membership.organisation.kind, membership.role);
  const [selected, setSelected] = useState<EnterpriseSelection | null>(null);
  // The clock is read once per visit: the pickers' ranges must not move while the page is open.
  const [now] = useState(() => new Date());
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseDashboardState(params, now), [params, now]);
  const setState = useCallback(
    (next: DashboardState) => setParams(dashboardSearch(next, now)),
    [setParams, now],
  );
  const period = useMemo(
    () => ({ year: state.year, throughMonth: state.throughMonth }),
    [state.year, state.throughMonth],
  );
  const targets = useTargets(orgId, period);
  const series = useSeries(orgId, state.year);
  const cards = useMemo(() => (targets.data ? targetCards(targets.data) : []), [targets.data]);
  const months = monthOptions(state.year, now);

  return (
    <div className="page" data-testid="stats-page">
      <PageHeader
        title={t('stats.title')}
        subtitle={t('stats.subtitle')}
        extra={
          <Space wrap>
            <Select
              value={state.year}
              onChange={(year: number) =>
                setState({
                  ...state,
                  year,
                  throughMonth: Math.min(state.throughMonth, monthOptions(year, now).length),
                })
              }
              options={yearOptions(now).map((year) => ({ value: year, label: String(year) }))}
              className="stats-year"
              data-testid="stats-year"
              aria-label={t('stats.period.year')}
            />
            <Select
              value={state.throughMonth}
              onChange={(throughMonth: number) => setState({ ...state, throughMonth })}
              options={months.map((month) => ({
                value: month,
                label: t('stats.period.through', { month: labels.month(month) }),
              }))}
              className="stats-month"
              data-testid="stats-through-month"
              aria-label={t('stats.period.throughMonth')}
            />
          </Space>
        }
      />
      {isSynthetic(targets.data) ? (
        <Alert
          type="warning"
          showIcon
          icon={<ExperimentOutlined />}
          title={t('stats.synthetic.title')}
          description={t('stats.synthetic.description')}
          className="stats-banner"
          data-testid="stats-synthetic"
        />
      ) : null}
      <Flex vertical gap={16}>
        <Typography.Text type="secondary" data-testid="stats-period">
          {t('stats.period.label', { year: state.year, month: labels.month(state.throughMonth) })}
        </Typography.Text>
        {targets.isError ? (
          <ErrorAlert error={targets.error} onRetry={() => void targets.refetch()} />
        ) : targets.isPending ? (
          <Skeleton active />
        ) : (
          <TargetCards cards={cards} labels={labels} />
        )}
        {series.isError ? (
          <ErrorAlert error={series.error} onRetry={() => void series.refetch()} />
        ) : series.isPending ? (
          <Skeleton active />
        ) : (
          <TrendChart series={series.data} year={state.year} labels={labels} />
        )}
        <BreakdownPanel
          orgId={orgId}
          state={state}
          onChange={setState}
          labels={labels}
          onSelectRow={mayDrill ? (key) => setSelected({ dimension: state.dimension, key }) : undefined}
        />
        {mayDrill && (selected === null || selected.dimension !== state.dimension) ? (
          <Typography.Text type="secondary" data-testid="stats-enterprises-hint">
            {t('stats.enterprises.hint')}
          </Typography.Text>
        ) : null}
        {mayDrill && selected !== null && selected.dimension === state.dimension ? (
          <EnterpriseDrilldown
            orgId={orgId}
            state={state}
            selection={selected}
            labels={labels}
            onClose={() => setSelected(null)}
          />
        ) : null}
      </Flex>
    </div>
  );
};
