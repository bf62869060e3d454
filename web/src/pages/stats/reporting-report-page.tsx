import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
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
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import {
  type FormCell,
  type Report,
  type ReportForm,
  templateUrl,
  UPLOAD_LIMIT_BYTES,
  useReport,
  useReportForms,
  useSaveValues,
  useSubmitReport,
  useUploadFile,
} from '../../api/stats-reporting.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useStatsLabels } from '../../components/stats/use-stats-labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { type CellState, cellRowStyle, cellStates, isEditable, valuesToSend } from './reporting-model.ts';
import { statusColour } from './reporting-my-reports-page.tsx';

/** One report: the form's cells with their errors, warnings and the reviewer's comments, inline. */
export const ReportingReportPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { reportId = '' } = useParams();
  const report = useReport(orgId, reportId, 'own');
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
  return <ReportEditor key={report.data.id} report={report.data} form={form} />;
};

const ReportEditor = ({ report, form }: { report: Report; form: ReportForm }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useStatsLabels();
  const zh = i18n.language === 'zh-CN';
  const [values, setValues] = useState<Record<string, string>>(report.values);
  const [reasons, setReasons] = useState<Record<string, string>>(report.confirmations);
  const save = useSaveValues(orgId, report.id);
  const submit = useSubmitReport(orgId, report.id);
  const upload = useUploadFile(orgId, report.id);
  const editable = isEditable(report);
  const states = useMemo(() => cellStates(report), [report]);
  const [sendError, setSendError] = useState<unknown>(null);
  // Problems the server answered to the last submission, by cell, beside those of the saved values.
  const submitted = isApiError(sendError) ? sendError.errors : [];
  const dirty = JSON.stringify(valuesToSend(form, values)) !== JSON.stringify(report.values);

  const saveNow = () => save.mutateAsync({ version: report.version, values: valuesToSend(form, values) });
  const sendNow = async () => {
    setSendError(null);
    try {
      const saved = dirty ? await saveNow() : report;
      await submit.mutateAsync({ version: saved.version, confirmations: reasons });
    } catch (error) {
      setSendError(error);
    }
  };

  const stateOf = (cell: string): CellState => {
    const state = states.get(cell) ?? { errors: [], warnings: [], comment: undefined };
    const extra = submitted.filter((item) => item.field === cell);
    return extra.length > 0 && state.errors.length === 0 && state.warnings.length === 0
      ? {
          ...state,
          errors: extra.map((item) => ({
            cell,
            code: item.code,
            severity: 'error' as const,
            message: item.message,
          })),
        }
      : state;
  };

  const renderCell = (cell: FormCell) => {
    const state = stateOf(cell.name);
    const status = state.errors.length > 0 ? 'error' : state.warnings.length > 0 ? 'warning' : undefined;
    return (
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        {editable ? (
          <Input
            data-testid={`cell-${cell.name}`}
            value={values[cell.name] ?? ''}
            {...(status ? { status } : {})}
            inputMode={cell.type === 'text' || cell.type === 'yes_no' ? 'text' : 'decimal'}
            placeholder={
              cell.type === 'yes_no' ? 'yes / no' : cell.required ? t('statsReporting.report.required') : ''
            }
            onChange={(event) => setValues((current) => ({ ...current, [cell.name]: event.target.value }))}
          />
        ) : (
          <Typography.Text data-testid={`cell-${cell.name}`}>
            {cell.type === 'money' && report.values[cell.name]
              ? labels.amount(report.values[cell.name] ?? '0')
              : (report.values[cell.name] ?? '—')}
          </Typography.Text>
        )}
        {state.errors.map((issue) => (
          <Typography.Text key={issue.code} type="danger" data-testid={`cell-error-${cell.name}`}>
            {t(`fieldErrors.${issue.code}`)}
          </Typography.Text>
        ))}
        {state.warnings.map((issue) => (
          <Space key={issue.code} orientation="vertical" size={2} style={{ width: '100%' }}>
            <Typography.Text type="warning" data-testid={`cell-warning-${cell.name}`}>
              {t(`fieldErrors.${issue.code}`)} {issue.message}
            </Typography.Text>
            {editable ? (
              <Input
                data-testid={`confirm-${cell.name}`}
                placeholder={t('statsReporting.report.confirmReason')}
                value={reasons[cell.name] ?? ''}
                onChange={(event) =>
                  setReasons((current) => ({ ...current, [cell.name]: event.target.value }))
                }
              />
            ) : null}
          </Space>
        ))}
        {state.comment ? (
          <Typography.Text type="secondary" data-testid={`cell-comment-${cell.name}`}>
            {t('statsReporting.report.reviewerSays', { comment: state.comment })}
          </Typography.Text>
        ) : null}
      </Space>
    );
  };

  const locale = zh ? 'zh' : 'en';
  return (
    <>
      <PageHeader
        title={`${zh ? form.title.zh : form.title.en} · ${report.period}`}
        subtitle={t('statsReporting.report.subtitle', {
          version: form.version,
          hash: form.hash.slice(0, 12),
        })}
        extra={
          <Tag color={statusColour(report.status)} data-testid="report-status">
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
      {states.get('report')?.comment ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('statsReporting.report.reviewerSays', { comment: states.get('report')?.comment })}
        />
      ) : null}
      {editable ? (
        <Card size="small" className="block-gap" title={t('statsReporting.report.fileTitle')}>
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={templateUrl(orgId, form.code, 'csv', locale)}>
              {t('statsReporting.report.templateCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} href={templateUrl(orgId, form.code, 'xlsx', locale)}>
              {t('statsReporting.report.templateXlsx')}
            </Button>
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                if (file.size <= UPLOAD_LIMIT_BYTES) {
                  upload.mutate(
                    { version: report.version, file },
                    { onSuccess: (read) => setValues(read.values) },
                  );
                } else {
                  setSendError(new Error(t('errors.http.payload_too_large')));
                }
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="report-upload">
                {t('statsReporting.report.upload')}
              </Button>
            </Upload>
          </Space>
          {upload.error ? (
            <ErrorAlert
              error={upload.error}
              fieldErrors={isApiError(upload.error) ? upload.error.errors : []}
              testId="report-upload-error"
            />
          ) : null}
        </Card>
      ) : null}
      {sendError ? <ErrorAlert error={sendError} testId="report-submit-error" /> : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {/* Label beside value on a desk, stacked on a phone: a two-column table would scroll sideways. */}
      <Card size="small" data-testid="report-cells">
        {form.cells.map((cell) => (
          <Row key={cell.name} gutter={[16, 4]} style={cellRowStyle}>
            <Col xs={24} md={10}>
              <Typography.Text>
                {zh ? cell.label.zh : cell.label.en}
                {cell.required ? ' *' : ''}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" code>
                {cell.name}
              </Typography.Text>
            </Col>
            <Col xs={24} md={14}>
              {renderCell(cell)}
            </Col>
          </Row>
        ))}
      </Card>
      {editable ? (
        <Space wrap className="block-gap" style={{ marginTop: 16 }}>
          <Button
            onClick={() => void saveNow()}
            loading={save.isPending}
            disabled={!dirty}
            data-testid="report-save"
          >
            {t('statsReporting.report.save')}
          </Button>
          <Button
            type="primary"
            onClick={() => void sendNow()}
            loading={submit.isPending}
            data-testid="report-submit"
          >
            {t('statsReporting.report.submit')}
          </Button>
        </Space>
      ) : null}
    </>
  );
};
