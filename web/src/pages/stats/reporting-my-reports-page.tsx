import { Button, Card, Form, Input, Result, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { ZHEJIANG_CITY_CODES } from '../../api/stats.ts';
import {
  FORM_CODES,
  type FormCode,
  NON_REPORTING_KINDS,
  type ReportSummary,
  useMyReports,
  useOpenReport,
} from '../../api/stats-reporting.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useStatsLabels } from '../../components/stats/use-stats-labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { lastMonth } from './reporting-model.ts';

const statusColours: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};
export const statusColour = (status: string): string => statusColours[status] ?? 'default';

/** An enterprise's direct reports (企业直报): open one for a period, continue or read the others. */
export const ReportingMyReportsPage = () => {
  const { t } = useTranslation();
  const { membership } = useActiveOrg();
  if (NON_REPORTING_KINDS.includes(membership.organisation.kind)) {
    return (
      <Result
        status="403"
        title={t('statsReporting.my.title')}
        subTitle={t('errors.stats.report_enterprises_only')}
        data-testid="reporting-forbidden"
      />
    );
  }
  return <MyReports />;
};

const MyReports = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useStatsLabels();
  const navigate = useNavigate();
  const reports = useMyReports(orgId);
  const open = useOpenReport(orgId);
  const [formCode, setFormCode] = useState<FormCode>('monthly_services');
  const [period, setPeriod] = useState(() => lastMonth(new Date()));
  const [city, setCity] = useState<string>('330100');

  const fieldError = (field: string) => {
    const found = isApiError(open.error) ? open.error.errors.find((item) => item.field === field) : undefined;
    return found ? t(`fieldErrors.${found.code}`) : undefined;
  };

  return (
    <>
      <PageHeader title={t('statsReporting.my.title')} subtitle={t('statsReporting.my.subtitle')} />
      <Card title={t('statsReporting.my.newReport')} className="block-gap">
        <Form
          layout="inline"
          onFinish={() =>
            open.mutate(
              { formCode, period: period.trim(), city },
              { onSuccess: (report) => navigate(`/stats/reporting/reports/${report.id}`) },
            )
          }
        >
          <Form.Item label={t('statsReporting.fields.form')}>
            <Select
              data-testid="reporting-form-select"
              style={{ minWidth: 220 }}
              value={formCode}
              onChange={(value: FormCode) => {
                setFormCode(value);
                setPeriod(
                  value === 'monthly_services'
                    ? lastMonth(new Date())
                    : String(new Date().getUTCFullYear() - 1),
                );
              }}
              options={FORM_CODES.map((code) => ({ value: code, label: t(`statsReporting.forms.${code}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('statsReporting.fields.period')}
            {...(fieldError('period')
              ? { validateStatus: 'error' as const, help: fieldError('period') }
              : {})}
          >
            <Input
              data-testid="reporting-period"
              value={period}
              onChange={(event) => setPeriod(event.target.value)}
              placeholder={formCode === 'monthly_services' ? 'YYYY-MM' : 'YYYY'}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item label={t('statsReporting.fields.city')}>
            <Select
              data-testid="reporting-city"
              style={{ minWidth: 140 }}
              value={city}
              onChange={setCity}
              options={ZHEJIANG_CITY_CODES.map((code) => ({ value: code, label: labels.key('city', code) }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="reporting-open">
              {t('statsReporting.my.open')}
            </Button>
          </Form.Item>
        </Form>
        {open.error && !fieldError('period') ? (
          <ErrorAlert error={open.error} testId="reporting-open-error" />
        ) : null}
      </Card>
      {reports.error ? <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      <Table<ReportSummary>
        rowKey="id"
        loading={reports.isLoading}
        dataSource={reports.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="reporting-my-table"
        columns={[
          {
            title: t('statsReporting.fields.period'),
            dataIndex: 'period',
            render: (value: string, row) => <Link to={`/stats/reporting/reports/${row.id}`}>{value}</Link>,
          },
          {
            title: t('statsReporting.fields.form'),
            render: (_: unknown, row) => `${t(`statsReporting.forms.${row.form.code}`)} v${row.form.version}`,
          },
          { title: t('statsReporting.fields.dueDate'), dataIndex: 'dueDate' },
          {
            title: t('statsReporting.fields.status'),
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={statusColour(status)}>{t(`statsReporting.status.${status}`)}</Tag>
            ),
          },
        ]}
      />
    </>
  );
};
