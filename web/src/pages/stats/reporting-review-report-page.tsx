import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import {
  type Report,
  type ReportForm,
  useAcceptReport,
  useReport,
  useReportForms,
  useReturnReport,
} from '../../api/stats-reporting.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useStatsLabels } from '../../components/stats/use-stats-labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { cellRowStyle } from './reporting-model.ts';
import { statusColour } from './reporting-my-reports-page.tsx';

/** A report sent to the commerce department: comment on cells and return it, or accept it. */
export const ReportingReviewReportPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { reportId = '' } = useParams();
  const report = useReport(orgId, reportId, 'review');
  const forms = useReportForms(orgId);
  if (report.error || forms.error) {
    return isApiError(report.error) && report.error.status === 404 ? (
      <Result status="404" title={t('statsReporting.report.notFound')} />
    ) : (
      <ErrorAlert error={report.error ?? forms.error} onRetry={() => void report.refetch()} />
    );
  }
  const form = forms.data?.items.find(
    (item) => item.code === report.data?.form.code && item.version === report.data?.form.version,
  );
  if (!report.data || !forms.data) {
    return <Skeleton active />;
  }
  if (!form) {
    return <Alert type="warning" title={t('statsReporting.report.formUnknown')} />;
  }
  return <Review key={report.data.id} report={report.data} form={form} />;
};

const Review = ({ report, form }: { report: Report; form: ReportForm }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useStatsLabels();
  const navigate = useNavigate();
  const zh = i18n.language === 'zh-CN';
  const [comments, setComments] = useState<Record<string, string>>({});
  const back = useReturnReport(orgId, report.id);
  const accept = useAcceptReport(orgId, report.id);
  const open = report.status === 'submitted';
  const hasComment = Object.values(comments).some((text) => text.trim() !== '');
  const done = () => navigate('/stats/reporting/review');

  return (
    <>
      <PageHeader
        title={`${zh ? form.title.zh : form.title.en} · ${report.period}`}
        subtitle={t('statsReporting.report.subtitle', {
          version: form.version,
          hash: form.hash.slice(0, 12),
        })}
        extra={
          <Tag color={statusColour(report.status)} data-testid="review-status">
            {t(`statsReporting.status.${report.status}`)}
          </Tag>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} className="block-gap">
        <Descriptions.Item label={t('statsReporting.fields.city')}>
          {labels.key('city', report.city)}
        </Descriptions.Item>
        <Descriptions.Item label={t('statsReporting.fields.dueDate')}>{report.dueDate}</Descriptions.Item>
        <Descriptions.Item label={t('statsReporting.fields.submittedAt')}>
          {report.submittedAt ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      {report.hadConfirmedWarnings ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('statsReporting.review.confirmedWarnings')}
        />
      ) : null}
      {back.error ? <ErrorAlert error={back.error} /> : null}
      {accept.error ? <ErrorAlert error={accept.error} /> : null}
      {open ? (
        <Input.TextArea
          className="block-gap"
          data-testid="comment-report"
          placeholder={t('statsReporting.review.generalComment')}
          value={comments.report ?? ''}
          onChange={(event) => setComments((current) => ({ ...current, report: event.target.value }))}
        />
      ) : null}
      <Card size="small" data-testid="review-cells">
        {form.cells.map((cell) => {
          const value = report.values[cell.name];
          const reason = report.confirmations[cell.name];
          return (
            <Row key={cell.name} gutter={[16, 4]} style={cellRowStyle}>
              <Col xs={24} md={open ? 8 : 12}>
                <Typography.Text>{zh ? cell.label.zh : cell.label.en}</Typography.Text>
                <br />
                <Typography.Text type="secondary" code>
                  {cell.name}
                </Typography.Text>
              </Col>
              <Col xs={24} md={open ? 6 : 12}>
                <Typography.Text data-testid={`review-cell-${cell.name}`}>
                  {cell.type === 'money' && value ? labels.amount(value) : (value ?? '—')}
                </Typography.Text>
                {reason ? (
                  <>
                    <br />
                    <Typography.Text type="warning">
                      {t('statsReporting.review.reason', { reason })}
                    </Typography.Text>
                  </>
                ) : null}
              </Col>
              {open ? (
                <Col xs={24} md={10}>
                  <Input
                    data-testid={`comment-${cell.name}`}
                    aria-label={t('statsReporting.review.comment')}
                    placeholder={t('statsReporting.review.comment')}
                    value={comments[cell.name] ?? ''}
                    onChange={(event) =>
                      setComments((current) => ({ ...current, [cell.name]: event.target.value }))
                    }
                  />
                </Col>
              ) : null}
            </Row>
          );
        })}
      </Card>
      {open ? (
        <Space wrap style={{ marginTop: 16 }}>
          <Button
            danger
            disabled={!hasComment}
            loading={back.isPending}
            data-testid="review-return"
            onClick={() => back.mutate({ version: report.version, comments }, { onSuccess: done })}
          >
            {t('statsReporting.review.return')}
          </Button>
          <Button
            type="primary"
            loading={accept.isPending}
            data-testid="review-accept"
            onClick={() => accept.mutate({ version: report.version }, { onSuccess: done })}
          >
            {t('statsReporting.review.accept')}
          </Button>
        </Space>
      ) : null}
    </>
  );
};
