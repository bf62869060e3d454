import { Button, Card, Input, Result, Segmented, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import {
  type HealthBoard,
  type QueueItem,
  REVIEWER_KINDS,
  type Reminders,
  useEnterprises,
  useHealthBoard,
  useRegisterEnterprise,
  useReminders,
  useReviewQueue,
} from '../../api/stats-reporting.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useActiveOrg } from '../../session/current-org.tsx';
import { statusColour } from './reporting-my-reports-page.tsx';

const healthColours: Record<string, string> = {
  on_time: 'success',
  late: 'orange',
  missing: 'error',
  returned: 'warning',
  pending: 'default',
};

/** The commerce department's side of direct reporting: the review queue, the health board, reminders. */
export const ReportingReviewPage = () => {
  const { t } = useTranslation();
  const { membership } = useActiveOrg();
  if (!REVIEWER_KINDS.includes(membership.organisation.kind)) {
    return (
      <Result
        status="403"
        title={t('statsReporting.review.title')}
        subTitle={t('errors.stats.report_regulators_only')}
        data-testid="reporting-review-forbidden"
      />
    );
  }
  return (
    <>
      <PageHeader title={t('statsReporting.review.title')} subtitle={t('statsReporting.review.subtitle')} />
      <Tabs
        items={[
          { key: 'queue', label: t('statsReporting.review.queue'), children: <Queue /> },
          { key: 'health', label: t('statsReporting.health.title'), children: <Health /> },
          { key: 'enterprises', label: t('statsReporting.enterprises.title'), children: <Enterprises /> },
        ]}
      />
    </>
  );
};

const useName = () => {
  const { i18n } = useTranslation();
  return (item: {
    name?: string;
    organisationName?: string;
    nameZh?: string | null;
    organisationNameZh?: string | null;
  }) =>
    (i18n.language === 'zh-CN' ? (item.nameZh ?? item.organisationNameZh) : undefined) ??
    item.name ??
    item.organisationName ??
    '';
};

const Queue = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const name = useName();
  const [status, setStatus] = useState<'submitted' | 'all'>('submitted');
  const queue = useReviewQueue(orgId, status);
  return (
    <>
      <Segmented<'submitted' | 'all'>
        className="block-gap"
        value={status}
        onChange={setStatus}
        options={[
          { value: 'submitted', label: t('statsReporting.review.awaiting') },
          { value: 'all', label: t('statsReporting.review.all') },
        ]}
      />
      {queue.error ? <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      <Table<QueueItem>
        rowKey="id"
        loading={queue.isLoading}
        dataSource={queue.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="reporting-queue"
        columns={[
          {
            title: t('statsReporting.fields.enterprise'),
            render: (_: unknown, row) => <Link to={`/stats/reporting/review/${row.id}`}>{name(row)}</Link>,
          },
          { title: t('statsReporting.fields.period'), dataIndex: 'period' },
          {
            title: t('statsReporting.fields.form'),
            render: (_: unknown, row) => t(`statsReporting.forms.${row.form.code}`),
          },
          {
            title: t('statsReporting.fields.status'),
            render: (_: unknown, row) => (
              <Space wrap>
                <Tag color={statusColour(row.status)}>{t(`statsReporting.status.${row.status}`)}</Tag>
                {row.hadConfirmedWarnings ? (
                  <Tag color="orange">{t('statsReporting.health.improbable')}</Tag>
                ) : null}
              </Space>
            ),
          },
          { title: t('statsReporting.fields.submittedAt'), dataIndex: 'submittedAt' },
        ]}
      />
    </>
  );
};

const Health = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const name = useName();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const board = useHealthBoard(orgId, asOf);
  const reminders = useReminders(orgId, asOf);
  const summary = board.data?.summary;
  return (
    <>
      <Space wrap className="block-gap">
        <Input
          type="date"
          aria-label={t('statsReporting.health.asOf')}
          value={asOf ?? board.data?.asOf ?? ''}
          onChange={(event) => setAsOf(event.target.value || undefined)}
        />
        {board.data ? (
          <span>
            {t('statsReporting.health.period', { period: board.data.period, due: board.data.dueDate })}
          </span>
        ) : null}
      </Space>
      {board.error ? <ErrorAlert error={board.error} /> : null}
      {summary ? (
        <Space wrap size="large" className="block-gap" data-testid="health-summary">
          {(['onTime', 'late', 'missing', 'returned', 'pending', 'improbable'] as const).map((key) => (
            <Statistic key={key} title={t(`statsReporting.health.summary.${key}`)} value={summary[key]} />
          ))}
        </Space>
      ) : null}
      <Table<HealthBoard['items'][number]>
        rowKey="organisationId"
        loading={board.isLoading}
        dataSource={board.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="health-board"
        columns={[
          { title: t('statsReporting.fields.enterprise'), render: (_: unknown, row) => name(row) },
          {
            title: t('statsReporting.fields.status'),
            render: (_: unknown, row) => (
              <Space wrap>
                <Tag color={healthColours[row.status] ?? 'default'}>
                  {t(`statsReporting.health.status.${row.status}`)}
                </Tag>
                {row.improbable ? <Tag color="orange">{t('statsReporting.health.improbable')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('statsReporting.fields.submittedAt'),
            render: (_: unknown, row) => row.firstSubmittedAt ?? '—',
          },
        ]}
      />
      <Card size="small" title={t('statsReporting.health.reminders')} className="block-gap">
        <Table<Reminders['items'][number]>
          rowKey="organisationId"
          size="small"
          pagination={false}
          dataSource={reminders.data?.items ?? []}
          data-testid="reminders"
          columns={[
            { title: t('statsReporting.fields.enterprise'), render: (_: unknown, row) => name(row) },
            {
              title: t('statsReporting.fields.status'),
              render: (_: unknown, row) => (
                <Tag color={row.kind === 'overdue' ? 'error' : 'warning'}>
                  {t(`statsReporting.health.reminder.${row.kind}`, { days: Math.abs(row.daysLeft) })}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
};

const Enterprises = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const name = useName();
  const enterprises = useEnterprises(orgId);
  const register = useRegisterEnterprise(orgId);
  const [organisationId, setOrganisationId] = useState('');
  return (
    <>
      <Space.Compact className="block-gap" style={{ maxWidth: 520, width: '100%' }}>
        <Input
          placeholder={t('statsReporting.enterprises.organisationId')}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.target.value)}
          data-testid="enterprise-id"
        />
        <Button
          type="primary"
          loading={register.isPending}
          disabled={organisationId.trim() === ''}
          onClick={() => register.mutate(organisationId.trim(), { onSuccess: () => setOrganisationId('') })}
        >
          {t('statsReporting.enterprises.register')}
        </Button>
      </Space.Compact>
      {register.error ? (
        <ErrorAlert
          error={register.error}
          fieldErrors={isApiError(register.error) ? register.error.errors : []}
        />
      ) : null}
      <Table
        rowKey="organisationId"
        loading={enterprises.isLoading}
        dataSource={enterprises.data?.items ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('statsReporting.fields.enterprise'), render: (_: unknown, row) => name(row) },
          { title: t('statsReporting.enterprises.registeredAt'), dataIndex: 'registeredAt' },
        ]}
      />
    </>
  );
};
