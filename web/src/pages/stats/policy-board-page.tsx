import { Alert, Card, Col, Progress, Result, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EChart } from '../../components/charts/e-chart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { PolicyAgenciesPanel } from './policy-agencies-panel.tsx';
import { POLICY_READER_KINDS, type PolicyAlert, type PolicyBoard, usePolicyBoard } from './policy-api.ts';
import {
  agencyName,
  langOf,
  measureTitle,
  progressBarsOption,
  STATUS_TAG_COLOURS,
  sortAlerts,
  statusDonutOption,
  taskTitle,
} from './policy-model.ts';
import './policy-pages.css';

type AgencyRow = PolicyBoard['agencies'][number];
type MeasureRow = PolicyBoard['measures'][number];

/** The joint-meeting office's board of the policy's measures (§24): progress, status, overdue work. */
export const PolicyBoardPage = () => {
  const { t } = useTranslation();
  const { membership } = useActiveOrg();
  if (!POLICY_READER_KINDS.includes(membership.organisation.kind)) {
    return (
      <Result
        status="403"
        title={t('statsPolicy.title')}
        subTitle={t('errors.stats.policy_regulators_only')}
        data-testid="policy-forbidden"
      />
    );
  }
  return <Board />;
};

const Board = () => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const board = usePolicyBoard(orgId);
  const data = board.data;

  const agencyOf = (code: string) =>
    data?.agencies.find((a) => a.agency.code === code)?.agency ??
    data?.measures.find((m) => m.lead?.code === code)?.lead ??
    undefined;
  const alerts = useMemo(() => sortAlerts(data?.overdue ?? []), [data]);

  const alertColumns: ExportColumn<PolicyAlert>[] = [
    { header: t('statsPolicy.columns.measure'), value: (a) => a.measureNumber, width: 8 },
    { header: t('statsPolicy.columns.task'), value: (a) => taskTitle(a, lang), width: 40 },
    { header: t('statsPolicy.columns.alert'), value: (a) => t(`statsPolicy.alert.${a.kind}`), width: 20 },
    {
      header: t('statsPolicy.columns.agency'),
      value: (a) => agencyName(agencyOf(a.agencyCode), lang, a.agencyCode),
      width: 30,
    },
    { header: t('statsPolicy.columns.dueDate'), value: (a) => a.dueDate, width: 12 },
    { header: t('statsPolicy.columns.daysOverdue'), value: (a) => a.daysOverdue, width: 10 },
  ];
  const agencyColumns: ExportColumn<AgencyRow>[] = [
    { header: t('statsPolicy.columns.agency'), value: (a) => agencyName(a.agency, lang), width: 36 },
    { header: t('statsPolicy.columns.tasks'), value: (a) => a.tasks.total, width: 8 },
    { header: t('statsPolicy.status.done'), value: (a) => a.tasks.done, width: 8 },
    { header: t('statsPolicy.columns.progress'), value: (a) => a.progress, width: 10 },
    { header: t('statsPolicy.columns.overdueTasks'), value: (a) => a.overdueTasks, width: 10 },
    { header: t('statsPolicy.columns.overdueMilestones'), value: (a) => a.overdueMilestones, width: 10 },
    { header: t('statsPolicy.columns.missingReports'), value: (a) => a.missingReports, width: 10 },
  ];
  const measureColumns: ExportColumn<MeasureRow>[] = [
    { header: t('statsPolicy.columns.measure'), value: (m) => measureTitle(m, lang), width: 44 },
    { header: t('statsPolicy.columns.lead'), value: (m) => agencyName(m.lead ?? undefined, lang), width: 30 },
    { header: t('statsPolicy.columns.tasks'), value: (m) => m.tasks.total, width: 8 },
    ...(['planned', 'in_progress', 'done', 'blocked'] as const).map(
      (status): ExportColumn<MeasureRow> => ({
        header: t(`statsPolicy.status.${status}`),
        value: (m) => m.tasks[status],
        width: 8,
      }),
    ),
    { header: t('statsPolicy.columns.progress'), value: (m) => m.progress, width: 10 },
    { header: t('statsPolicy.columns.overdue'), value: (m) => m.overdue, width: 8 },
  ];

  return (
    <div className="policy-page">
      <PageHeader title={t('statsPolicy.title')} subtitle={t('statsPolicy.subtitle')} />
      {board.isError ? <ErrorAlert error={board.error} onRetry={() => void board.refetch()} /> : null}
      {data && data.programme === null ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t('statsPolicy.noProgramme')}
          data-testid="policy-no-programme"
        />
      ) : null}
      {data ? (
        <>
          <Row gutter={[16, 16]} className="block-gap">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('statsPolicy.cards.tasks')}
                  value={format.number(data.totals.total)}
                  data-testid="policy-total-tasks"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('statsPolicy.status.done')} value={format.number(data.totals.done)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('statsPolicy.cards.overdue')}
                  value={format.number(alerts.length)}
                  styles={alerts.length > 0 ? { content: { color: '#cf1322' } } : {}}
                  data-testid="policy-overdue-count"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('statsPolicy.cards.progress')}
                  value={
                    data.progress === null ? '—' : format.number(data.progress / 100, { style: 'percent' })
                  }
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} className="block-gap">
            <Col xs={24} lg={16}>
              <Card size="small" title={t('statsPolicy.charts.progress')}>
                <EChart
                  option={progressBarsOption(data.measures, { axis: t('statsPolicy.charts.percent'), lang })}
                  height={280}
                  testId="policy-progress-chart"
                  ariaLabel={t('statsPolicy.charts.progress')}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('statsPolicy.charts.status')}>
                <EChart
                  option={statusDonutOption(data.totals, (s) => t(`statsPolicy.status.${s}`))}
                  height={280}
                  testId="policy-status-chart"
                  ariaLabel={t('statsPolicy.charts.status')}
                />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            className="block-gap"
            title={t('statsPolicy.overdueTitle')}
            extra={
              <ExportButtons
                rows={alerts}
                columns={alertColumns}
                fileName="policy-overdue"
                sheetName={t('statsPolicy.overdueTitle')}
                testIdPrefix="policy-overdue"
              />
            }
          >
            <Table<PolicyAlert>
              size="small"
              rowKey={(a) => `${a.kind}:${a.taskId}:${a.milestoneId ?? ''}:${a.period ?? ''}`}
              dataSource={alerts}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="policy-overdue-table"
              locale={{ emptyText: t('statsPolicy.noOverdue') }}
              columns={[
                {
                  title: t('statsPolicy.columns.task'),
                  key: 'task',
                  render: (_, a) => (
                    <Link to={`/stats/policy/measures/${a.measureNumber}`} data-testid="policy-overdue-task">
                      {taskTitle(a, lang)}
                    </Link>
                  ),
                },
                {
                  title: t('statsPolicy.columns.alert'),
                  key: 'kind',
                  render: (_, a) => (
                    <Tag color="red" data-testid="policy-overdue-tag">
                      {t(`statsPolicy.alert.${a.kind}`)}
                      {a.period === null ? '' : ` ${a.period}`}
                    </Tag>
                  ),
                },
                {
                  title: t('statsPolicy.columns.agency'),
                  key: 'agency',
                  render: (_, a) => agencyName(agencyOf(a.agencyCode), lang, a.agencyCode),
                },
                {
                  title: t('statsPolicy.columns.dueDate'),
                  key: 'due',
                  render: (_, a) => format.date(a.dueDate),
                },
                {
                  title: t('statsPolicy.columns.daysOverdue'),
                  key: 'days',
                  align: 'right',
                  render: (_, a) => format.number(a.daysOverdue),
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            className="block-gap"
            title={t('statsPolicy.measuresTitle')}
            extra={
              <ExportButtons
                rows={data.measures}
                columns={measureColumns}
                fileName="policy-measures"
                sheetName={t('statsPolicy.measuresTitle')}
                testIdPrefix="policy-measures"
              />
            }
          >
            <Table<MeasureRow>
              size="small"
              rowKey="number"
              dataSource={data.measures}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="policy-measures-table"
              columns={[
                {
                  title: t('statsPolicy.columns.measure'),
                  key: 'measure',
                  render: (_, m) => (
                    <Link
                      to={`/stats/policy/measures/${m.number}`}
                      data-testid={`policy-measure-link-${m.number}`}
                    >
                      {measureTitle(m, lang)}
                    </Link>
                  ),
                },
                {
                  title: t('statsPolicy.columns.lead'),
                  key: 'lead',
                  render: (_, m) => (m.lead ? agencyName(m.lead, lang) : '—'),
                },
                {
                  title: t('statsPolicy.columns.status'),
                  key: 'status',
                  render: (_, m) =>
                    m.tasks.total === 0
                      ? '—'
                      : (['planned', 'in_progress', 'done', 'blocked'] as const)
                          .filter((s) => m.tasks[s] > 0)
                          .map((s) => (
                            <Tag key={s} color={STATUS_TAG_COLOURS[s]}>
                              {t(`statsPolicy.status.${s}`)} {format.number(m.tasks[s])}
                            </Tag>
                          )),
                },
                {
                  title: t('statsPolicy.columns.progress'),
                  key: 'progress',
                  width: 140,
                  render: (_, m) =>
                    m.progress === null ? (
                      '—'
                    ) : (
                      <Progress
                        percent={m.progress}
                        size="small"
                        status={m.overdue > 0 ? 'exception' : 'normal'}
                      />
                    ),
                },
                {
                  title: t('statsPolicy.columns.overdue'),
                  key: 'overdue',
                  render: (_, m) =>
                    m.overdue > 0 ? <Tag color="red">{format.number(m.overdue)}</Tag> : null,
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            className="block-gap"
            title={t('statsPolicy.agenciesTitle')}
            extra={
              <ExportButtons
                rows={data.agencies}
                columns={agencyColumns}
                fileName="policy-agencies"
                sheetName={t('statsPolicy.agenciesTitle')}
                testIdPrefix="policy-agencies"
              />
            }
          >
            <Table<AgencyRow>
              size="small"
              rowKey={(a) => a.agency.code}
              dataSource={data.agencies}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="policy-agencies-table"
              columns={[
                {
                  title: t('statsPolicy.columns.agency'),
                  key: 'agency',
                  render: (_, a) => agencyName(a.agency, lang),
                },
                {
                  title: t('statsPolicy.columns.tasks'),
                  key: 'tasks',
                  align: 'right',
                  render: (_, a) => format.number(a.tasks.total),
                },
                {
                  title: t('statsPolicy.status.done'),
                  key: 'done',
                  align: 'right',
                  render: (_, a) => format.number(a.tasks.done),
                },
                {
                  title: t('statsPolicy.columns.progress'),
                  key: 'progress',
                  align: 'right',
                  render: (_, a) =>
                    a.progress === null ? '—' : format.number(a.progress / 100, { style: 'percent' }),
                },
                {
                  title: t('statsPolicy.columns.overdue'),
                  key: 'overdue',
                  render: (_, a) => {
                    const count = a.overdueTasks + a.overdueMilestones + a.missingReports;
                    return count > 0 ? <Tag color="red">{format.number(count)}</Tag> : null;
                  },
                },
              ]}
            />
          </Card>
        </>
      ) : null}
      <Card size="small" className="block-gap" title={t('statsPolicy.agencies.title')}>
        <PolicyAgenciesPanel />
      </Card>
    </div>
  );
};
