import {
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Result,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  type AgencyRef,
  type MeasureDetail,
  POLICY_READER_KINDS,
  type PolicyTask,
  type TaskStatus,
  useCreateTask,
  usePolicyMeasure,
  useSubmitReport,
  useTickMilestone,
  useUpdateTask,
} from './policy-api.ts';
import {
  agencyName,
  langOf,
  measureTitle,
  quarterOfDay,
  STATUS_TAG_COLOURS,
  taskTitle,
} from './policy-model.ts';
import './policy-pages.css';

/** One measure of the policy: its text, agencies, tasks with milestones and progress reports. */
export const PolicyMeasurePage = () => {
  const { t } = useTranslation();
  const { membership } = useActiveOrg();
  if (!POLICY_READER_KINDS.includes(membership.organisation.kind)) {
    return (
      <Result
        status="403"
        title={t('statsPolicy.title')}
        subTitle={t('errors.stats.policy_regulators_only')}
      />
    );
  }
  return <Measure />;
};

const Measure = () => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const { number = '' } = useParams();
  const measure = usePolicyMeasure(orgId, number);
  const [adding, setAdding] = useState(false);
  const data = measure.data;
  const agencies = data ? [...(data.lead ? [data.lead] : []), ...data.coAgencies] : [];
  const agencyOf = (code: string) => agencies.find((a) => a.code === code);

  const taskColumns: ExportColumn<PolicyTask>[] = [
    { header: t('statsPolicy.columns.task'), value: (task) => taskTitle(task, lang), width: 40 },
    {
      header: t('statsPolicy.columns.agency'),
      value: (task) => agencyName(agencyOf(task.ownerAgency), lang, task.ownerAgency),
      width: 30,
    },
    { header: t('statsPolicy.columns.dueDate'), value: (task) => task.dueDate, width: 12 },
    {
      header: t('statsPolicy.columns.status'),
      value: (task) => t(`statsPolicy.status.${task.status}`),
      width: 12,
    },
    { header: t('statsPolicy.columns.progress'), value: (task) => task.progress, width: 10 },
    {
      header: t('statsPolicy.columns.overdue'),
      value: (task) => (task.overdue ? t('statsPolicy.overdue') : ''),
      width: 10,
    },
  ];

  return (
    <div className="policy-page">
      <PageHeader
        title={data ? measureTitle(data, lang) : t('statsPolicy.measureTitle')}
        subtitle={
          data?.sectionTitle ? (lang === 'zh' ? data.sectionTitle.zh : data.sectionTitle.en) : undefined
        }
        extra={<Link to="/stats/policy">{t('statsPolicy.backToBoard')}</Link>}
      />
      {measure.isError ? <ErrorAlert error={measure.error} onRetry={() => void measure.refetch()} /> : null}
      {data ? (
        <>
          <Card size="small" className="block-gap" data-testid="policy-measure-text">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('statsPolicy.titleZh')}>{data.titleZh}</Descriptions.Item>
              <Descriptions.Item label={t('statsPolicy.titleEn')}>{data.titleEn}</Descriptions.Item>
              <Descriptions.Item label={t('statsPolicy.columns.lead')}>
                {data.lead ? <AgencyTag agency={data.lead} lead /> : t('statsPolicy.noAgencies')}
              </Descriptions.Item>
              <Descriptions.Item label={t('statsPolicy.coAgencies')}>
                <Space wrap size={[4, 4]}>
                  {data.coAgencies.length === 0
                    ? '—'
                    : data.coAgencies.map((a) => <AgencyTag key={a.code} agency={a} />)}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph className="policy-measure-text" lang="zh-CN">
              {data.textZh}
            </Typography.Paragraph>
            {lang === 'en' ? (
              <>
                <Typography.Paragraph
                  className="policy-measure-text"
                  lang="en"
                  data-testid="policy-measure-text-en"
                >
                  {data.textEn}
                </Typography.Paragraph>
                <Typography.Text type="secondary">{t('statsPolicy.textInChinese')}</Typography.Text>
              </>
            ) : null}
          </Card>
          <Card
            size="small"
            className="block-gap"
            title={t('statsPolicy.tasksTitle')}
            extra={
              <Space wrap>
                <ExportButtons
                  rows={data.tasks}
                  columns={taskColumns}
                  fileName={`policy-measure-${data.number}`}
                  sheetName={t('statsPolicy.tasksTitle')}
                  testIdPrefix="policy-tasks"
                />
                {data.canPlan ? (
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setAdding(true)}
                    data-testid="policy-add-task"
                  >
                    {t('statsPolicy.addTask')}
                  </Button>
                ) : null}
              </Space>
            }
          >
            {data.tasks.length === 0 ? <Empty description={t('statsPolicy.noTasks')} /> : null}
            {data.tasks.map((task) => (
              <TaskCard key={task.id} task={task} measure={data} agencyOf={agencyOf} />
            ))}
          </Card>
          {adding ? <TaskForm measure={data} agencies={agencies} onClose={() => setAdding(false)} /> : null}
        </>
      ) : null}
      <Typography.Text type="secondary">
        {data ? t('statsPolicy.asOf', { date: format.date(data.asOf) }) : null}
      </Typography.Text>
    </div>
  );
};

const AgencyTag = ({ agency, lead = false }: { agency: AgencyRef; lead?: boolean }) => {
  const { t, i18n } = useTranslation();
  return (
    <Tag color={lead ? 'blue' : 'default'} data-testid={lead ? 'policy-lead-agency' : 'policy-co-agency'}>
      {agencyName(agency, langOf(i18n.language))}
      {lead ? ` · ${t('statsPolicy.lead')}` : ''}
      {agency.organisationId === null ? '' : ' ✓'}
    </Tag>
  );
};

const TaskCard = ({
  task,
  measure,
  agencyOf,
}: {
  task: PolicyTask;
  measure: MeasureDetail;
  agencyOf: (code: string) => AgencyRef | undefined;
}) => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const update = useUpdateTask(orgId);
  const tick = useTickMilestone(orgId);
  const [reporting, setReporting] = useState(false);
  const owns = measure.programme?.agencyCodes.includes(task.ownerAgency) ?? false;
  const mayMove = measure.canPlan || owns;
  return (
    <Card
      size="small"
      type="inner"
      className="policy-task-card"
      data-testid="policy-task"
      data-task-id={task.id}
      title={
        <Space wrap size={[4, 4]}>
          <span data-testid="policy-task-title">{taskTitle(task, lang)}</span>
          <Tag color={STATUS_TAG_COLOURS[task.status]}>{t(`statsPolicy.status.${task.status}`)}</Tag>
          {task.overdue ? (
            <Tag color="red" data-testid="policy-task-overdue">
              {t('statsPolicy.overdue')}
            </Tag>
          ) : null}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('statsPolicy.columns.agency')}>
          {agencyName(agencyOf(task.ownerAgency), lang, task.ownerAgency)}
        </Descriptions.Item>
        <Descriptions.Item label={t('statsPolicy.columns.dueDate')}>
          {format.date(task.dueDate)}
        </Descriptions.Item>
        <Descriptions.Item label={t('statsPolicy.columns.progress')}>
          <Progress percent={task.progress} size="small" status={task.overdue ? 'exception' : 'normal'} />
        </Descriptions.Item>
      </Descriptions>
      {mayMove && task.nextStatuses.length > 0 ? (
        <Space wrap className="block-gap">
          {task.nextStatuses.map((status: TaskStatus) => (
            <Button
              key={status}
              size="small"
              loading={update.isPending}
              onClick={() => update.mutate({ taskId: task.id, version: task.version, status })}
              data-testid={`policy-task-to-${status}`}
            >
              {t(`statsPolicy.moveTo.${status}`)}
            </Button>
          ))}
          {owns ? (
            <Button
              size="small"
              type="primary"
              ghost
              onClick={() => setReporting(true)}
              data-testid="policy-report-open"
            >
              {t('statsPolicy.report.open')}
            </Button>
          ) : null}
        </Space>
      ) : owns ? (
        <Button size="small" type="primary" ghost onClick={() => setReporting(true)} className="block-gap">
          {t('statsPolicy.report.open')}
        </Button>
      ) : null}
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      {tick.isError ? <ErrorAlert error={tick.error} /> : null}
      {task.milestones.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('statsPolicy.milestones')}</Typography.Title>
          <Timeline
            items={task.milestones.map((m) => ({
              color: m.doneAt !== null ? 'green' : m.overdue ? 'red' : 'blue',
              children: (
                <Space wrap size={[4, 4]} data-testid="policy-milestone">
                  <span>{format.date(m.dueDate)}</span>
                  <span>{taskTitle(m, lang)}</span>
                  {m.doneAt !== null ? <Tag color="success">{t('statsPolicy.status.done')}</Tag> : null}
                  {m.overdue ? <Tag color="red">{t('statsPolicy.overdue')}</Tag> : null}
                  {mayMove ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() =>
                        tick.mutate({ taskId: task.id, milestoneId: m.id, done: m.doneAt === null })
                      }
                    >
                      {m.doneAt === null ? t('statsPolicy.tick') : t('statsPolicy.reopen')}
                    </Button>
                  ) : null}
                </Space>
              ),
            }))}
          />
        </>
      ) : null}
      {task.reports.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('statsPolicy.reports')}</Typography.Title>
          {task.reports.map((r) => (
            <div key={r.id} className="block-gap" data-testid="policy-report">
              <Space wrap size={[4, 4]}>
                <Tag>{r.period}</Tag>
                <span>{format.number(r.percent / 100, { style: 'percent' })}</span>
                <Typography.Text type="secondary">{format.dateTime(r.submittedAt)}</Typography.Text>
              </Space>
              <Typography.Paragraph className="policy-measure-text">{r.text}</Typography.Paragraph>
              {r.attachments.map((a) =>
                a.kind === 'link' ? (
                  <div key={a.url}>
                    <a href={a.url} target="_blank" rel="noreferrer noopener">
                      {a.label ?? a.url}
                    </a>
                  </div>
                ) : (
                  <div key={a.documentId}>
                    <Typography.Text code>{a.documentId}</Typography.Text>
                  </div>
                ),
              )}
            </div>
          ))}
        </>
      ) : null}
      {reporting ? <ReportForm task={task} asOf={measure.asOf} onClose={() => setReporting(false)} /> : null}
    </Card>
  );
};

const TASK_FIELDS = ['titleZh', 'titleEn', 'ownerAgency', 'dueDate'] as const;

const TaskForm = ({
  measure,
  agencies,
  onClose,
}: {
  measure: MeasureDetail;
  agencies: readonly AgencyRef[];
  onClose: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const create = useCreateTask(orgId, measure.number);
  const [form] = Form.useForm<{
    titleZh?: string;
    titleEn?: string;
    ownerAgency: string;
    dueDate: string;
    milestoneTitle?: string;
    milestoneDate?: string;
  }>();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const submit = async () => {
    const values = await form.validateFields();
    const milestone =
      values.milestoneDate === undefined || values.milestoneDate === ''
        ? []
        : [{ titleZh: values.milestoneTitle ?? '', dueDate: values.milestoneDate }];
    try {
      await create.mutateAsync({
        ...(values.titleZh ? { titleZh: values.titleZh } : {}),
        ...(values.titleEn ? { titleEn: values.titleEn } : {}),
        ownerAgency: values.ownerAgency,
        dueDate: values.dueDate,
        milestones: milestone,
      });
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, TASK_FIELDS, labels.fieldError));
    }
  };
  return (
    <Modal
      open
      title={t('statsPolicy.addTask')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('statsPolicy.save')}
      confirmLoading={create.isPending}
      okButtonProps={{ ...({ 'data-testid': 'policy-task-save' } as object) }}
      destroyOnHidden
    >
      {create.isError ? <ErrorAlert error={create.error} fieldErrors={unmatched} /> : null}
      <Form form={form} layout="vertical" initialValues={{ ownerAgency: measure.lead?.code }}>
        <Form.Item name="titleZh" label={t('statsPolicy.titleZh')}>
          <Input maxLength={200} data-testid="policy-task-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('statsPolicy.titleEn')} extra={t('statsPolicy.titleHint')}>
          <Input maxLength={200} data-testid="policy-task-title-en" />
        </Form.Item>
        <Form.Item
          name="ownerAgency"
          label={t('statsPolicy.columns.agency')}
          rules={[{ required: true, message: t('fieldErrors.kernel.required') }]}
        >
          <Select
            data-testid="policy-task-agency"
            options={agencies.map((a) => ({ value: a.code, label: agencyName(a, lang) }))}
          />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('statsPolicy.columns.dueDate')}
          rules={[{ required: true, message: t('fieldErrors.kernel.required') }]}
        >
          <Input type="date" data-testid="policy-task-due" />
        </Form.Item>
        <Form.Item name="milestoneTitle" label={t('statsPolicy.firstMilestone')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="milestoneDate" label={t('statsPolicy.milestoneDate')}>
          <Input type="date" data-testid="policy-milestone-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const REPORT_FIELDS = ['period', 'text', 'percent'] as const;

const ReportForm = ({ task, asOf, onClose }: { task: PolicyTask; asOf: string; onClose: () => void }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const submitReport = useSubmitReport(orgId);
  const [form] = Form.useForm<{ period: string; text: string; percent: number; link?: string }>();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await submitReport.mutateAsync({
        taskId: task.id,
        report: {
          period: values.period,
          text: values.text,
          percent: values.percent,
          attachments: values.link ? [{ kind: 'link', url: values.link }] : [],
        },
      });
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, REPORT_FIELDS, labels.fieldError));
    }
  };
  return (
    <Modal
      open
      title={t('statsPolicy.report.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('statsPolicy.report.submit')}
      confirmLoading={submitReport.isPending}
      destroyOnHidden
    >
      {submitReport.isError ? <ErrorAlert error={submitReport.error} fieldErrors={unmatched} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ period: quarterOfDay(asOf), percent: task.progress }}
      >
        <Form.Item
          name="period"
          label={t('statsPolicy.report.period')}
          rules={[
            {
              required: true,
              pattern: /^\d{4}-Q[1-4]$/,
              message: t('fieldErrors.stats.policy_invalid_period'),
            },
          ]}
        >
          <Input placeholder="2026-Q3" />
        </Form.Item>
        <Form.Item
          name="percent"
          label={t('statsPolicy.report.percent')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 0,
              max: 100,
              message: t('statsPolicy.report.percentRule'),
            },
          ]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('statsPolicy.report.text')}
          rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
        >
          <Input.TextArea rows={4} maxLength={10_000} />
        </Form.Item>
        <Form.Item
          name="link"
          label={t('statsPolicy.report.link')}
          rules={[{ type: 'url', message: t('statsPolicy.report.linkRule') }]}
        >
          <Input placeholder="https://" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
