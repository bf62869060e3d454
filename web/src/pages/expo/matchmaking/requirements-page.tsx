import { DownloadOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ProblemFieldError } from '../../../api/client.ts';
import {
  fetchRequirements,
  PAGE_SIZE,
  REQUIREMENT_STATUSES,
  type Requirement,
  type RequirementStatus,
  usePostRequirement,
  useRequirements,
} from '../../../api/expo-matchmaking.ts';
import { CountrySelect } from '../../../components/country-select.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { UnLocodeInput } from '../../../components/unlocode-input.tsx';
import { useTableExport } from '../../../components/use-table-export.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { useFormat } from '../../../i18n/use-format.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useIsNarrow } from '../../../lib/use-media-query.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import {
  COMMON_CERTIFICATIONS,
  COMMON_CURRENCIES,
  COMMON_UNITS,
  localToday,
  type RequirementFormValues,
  requirementInput,
} from './matchmaking-model.ts';
import './matchmaking.css';

export const REQUIREMENT_STATUS_COLOUR: Record<RequirementStatus, string> = {
  open: 'blue',
  closed: 'default',
  fulfilled: 'green',
};

const EXPORT_MAX_ROWS = 10_000;

/** The buyer's requirements: what it is looking for, with how many products matched each. */
export const RequirementsPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const navigate = useNavigate();
  const format = useFormat();
  const [status, setStatus] = useState<RequirementStatus | undefined>(undefined);
  const [posting, setPosting] = useState(false);
  const list = useRequirements(orgId, status);
  const rows = list.data?.items ?? [];
  const statusLabel = (code: RequirementStatus) => t(`expoMatchmaking.statuses.${code}`);

  const exporter = useTableExport<Requirement>({
    key: 'mm-requirements-export',
    fileNamePrefix: 'expo-requirements',
    sheetName: () => t('expoMatchmaking.requirements.title'),
    columns: () => [
      { header: t('expoMatchmaking.fields.title'), value: (r) => r.title, width: 36 },
      { header: t('expoMatchmaking.fields.hsCode'), value: (r) => r.hsCode ?? '', width: 10 },
      { header: t('expoMatchmaking.fields.quantity'), value: (r) => r.quantity, width: 12 },
      { header: t('expoMatchmaking.fields.unit'), value: (r) => r.unit, width: 8 },
      {
        header: t('expoMatchmaking.fields.targetCurrency'),
        value: (r) => r.targetPrice?.currency ?? '',
        width: 8,
      },
      // Amounts as the server's decimal strings: a spreadsheet must not round them through floats.
      {
        header: t('expoMatchmaking.fields.targetAmount'),
        value: (r) => r.targetPrice?.amount ?? '',
        width: 12,
      },
      {
        header: t('expoMatchmaking.fields.destinationCountry'),
        value: (r) => r.destinationCountry,
        width: 8,
      },
      { header: t('expoMatchmaking.fields.deadline'), value: (r) => r.deadline, width: 12 },
      { header: t('expoMatchmaking.fields.status'), value: (r) => statusLabel(r.status), width: 10 },
      { header: t('expoMatchmaking.fields.matches'), value: (r) => r.matchCount, width: 8 },
      { header: t('expoMatchmaking.fields.createdAt'), value: (r) => r.createdAt, width: 24 },
      { header: 'id', value: (r) => r.id, width: 30 },
    ],
    collect: async (onProgress) => {
      const collected: Requirement[] = [];
      for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += PAGE_SIZE) {
        const page = await fetchRequirements(orgId, offset, status);
        collected.push(...page.items);
        onProgress(collected.length);
        if (collected.length >= page.total || page.items.length === 0) {
          return { rows: collected, truncated: false };
        }
      }
      return { rows: collected, truncated: true };
    },
    messages: {
      progress: (count) => t('expoMatchmaking.export.progress', { count }),
      done: (count) => t('expoMatchmaking.export.done', { count }),
      truncated: (count) => t('expoMatchmaking.export.truncated', { count }),
    },
  });

  const columns: TableColumnsType<Requirement> = [
    {
      key: 'title',
      title: t('expoMatchmaking.fields.title'),
      render: (_, r) => (
        <Link to={`/expo/requirements/${encodeURIComponent(r.id)}`} data-testid="mm-requirement-link">
          {r.title}
        </Link>
      ),
    },
    { key: 'hs', title: t('expoMatchmaking.fields.hsCode'), render: (_, r) => r.hsCode ?? '—' },
    {
      key: 'quantity',
      title: t('expoMatchmaking.fields.quantity'),
      render: (_, r) => `${r.quantity} ${t(`expoMatchmaking.units.${r.unit}`, { defaultValue: r.unit })}`,
    },
    {
      key: 'destination',
      title: t('expoMatchmaking.fields.destinationCountry'),
      render: (_, r) => r.destinationUnlocode ?? r.destinationCountry,
    },
    {
      key: 'deadline',
      title: t('expoMatchmaking.fields.deadline'),
      render: (_, r) => format.date(r.deadline),
    },
    {
      key: 'status',
      title: t('expoMatchmaking.fields.status'),
      render: (_, r) => (
        <Tag
          color={REQUIREMENT_STATUS_COLOUR[r.status]}
          data-testid="mm-requirement-status"
          data-status={r.status}
        >
          {statusLabel(r.status)}
        </Tag>
      ),
    },
    {
      key: 'matches',
      title: t('expoMatchmaking.fields.matches'),
      render: (_, r) => <span data-testid="mm-requirement-matches">{r.matchCount}</span>,
    },
  ];

  return (
    <div className="page" data-testid="mm-requirements-page">
      <PageHeader
        title={t('expoMatchmaking.requirements.title')}
        subtitle={t('expoMatchmaking.requirements.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPosting(true)}
            data-testid="mm-requirement-new"
          >
            {t('expoMatchmaking.requirements.post')}
          </Button>
        }
      />
      <Card
        extra={
          <Space wrap>
            <Select<RequirementStatus>
              allowClear
              className="mm-filter"
              placeholder={t('expoMatchmaking.allStatuses')}
              aria-label={t('expoMatchmaking.fields.status')}
              value={status ?? null}
              onChange={(value) => setStatus(value ?? undefined)}
              options={REQUIREMENT_STATUSES.map((code) => ({ value: code, label: statusLabel(code) }))}
              data-testid="mm-requirements-filter"
            />
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporter.exporting === 'csv'}
              disabled={rows.length === 0}
              onClick={() => void exporter.runExport('csv')}
              data-testid="mm-requirements-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              loading={exporter.exporting === 'xlsx'}
              disabled={rows.length === 0}
              onClick={() => void exporter.runExport('xlsx')}
              data-testid="mm-requirements-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
      >
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Requirement>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('expoMatchmaking.requirements.empty') }}
          data-testid="mm-requirements-table"
        />
      </Card>
      {posting ? (
        <PostRequirementDrawer
          onClose={() => setPosting(false)}
          onPosted={(id) => navigate(`/expo/requirements/${encodeURIComponent(id)}`)}
        />
      ) : null}
    </div>
  );
};

// The picker's value; only its calendar day is read.
type PickedDay = { format(template: string): string };
type FormValues = Omit<RequirementFormValues, 'deadline'> & { deadline?: PickedDay };

const FORM_FIELDS = [
  'title',
  'description',
  'hsCode',
  'quantity',
  'unit',
  'targetAmount',
  'targetCurrency',
  'destinationCountry',
  'destinationUnlocode',
  'certifications',
  'deadline',
];

/** The post form: what, how many, at what price, where to and by when. */
const PostRequirementDrawer = ({
  onClose,
  onPosted,
}: {
  onClose: () => void;
  onPosted: (id: string) => void;
}) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const phone = useIsNarrow();
  const [form] = Form.useForm<FormValues>();
  const country = Form.useWatch('destinationCountry', form) ?? null;
  const post = usePostRequirement(orgId);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const [today] = useState(() => localToday(new Date()));

  const submit = async (values: FormValues) => {
    setFailure(null);
    try {
      const posted = await post.mutateAsync(
        requirementInput({ ...values, deadline: values.deadline?.format('YYYY-MM-DD') ?? '' }),
      );
      onPosted(posted.id);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError).filter((item) => {
        // The target price is two inputs here; the server names it as one object.
        const halves: Record<string, 'targetAmount' | 'targetCurrency'> = {
          'targetPrice.amount': 'targetAmount',
          'targetPrice.currency': 'targetCurrency',
        };
        const half = halves[item.field];
        if (half !== undefined) {
          form.setFields([{ name: half, errors: [labels.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };

  return (
    <Drawer
      open
      size={phone ? '100%' : 560}
      title={t('expoMatchmaking.requirements.post')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={post.isPending}
          onClick={() => form.submit()}
          data-testid="mm-requirement-submit"
        >
          {t('expoMatchmaking.requirements.submit')}
        </Button>
      }
    >
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="mm-requirement-error" />
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ unit: 'H87', targetCurrency: 'USD', certifications: [] }}
      >
        <Form.Item
          name="title"
          label={t('expoMatchmaking.fields.title')}
          extra={t('expoMatchmaking.hints.title')}
          rules={[{ required: true, message: t('expoMatchmaking.hints.titleRequired') }]}
        >
          <Input maxLength={200} data-testid="mm-field-title" />
        </Form.Item>
        <Form.Item name="description" label={t('expoMatchmaking.fields.description')}>
          <Input.TextArea rows={3} maxLength={8000} data-testid="mm-field-description" />
        </Form.Item>
        <Form.Item
          name="hsCode"
          label={t('expoMatchmaking.fields.hsCode')}
          extra={t('expoMatchmaking.hints.hsCode')}
        >
          <Input maxLength={9} inputMode="numeric" data-testid="mm-field-hs" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="quantity"
            label={t('expoMatchmaking.fields.quantity')}
            className="mm-grow"
            rules={[{ required: true, message: t('expoMatchmaking.hints.quantityRequired') }]}
          >
            <Input inputMode="decimal" data-testid="mm-field-quantity" />
          </Form.Item>
          <Form.Item name="unit" label={t('expoMatchmaking.fields.unit')} className="mm-unit">
            <Select
              data-testid="mm-field-unit"
              options={COMMON_UNITS.map((code) => ({
                value: code,
                label: t(`expoMatchmaking.units.${code}`),
              }))}
            />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="targetAmount" label={t('expoMatchmaking.fields.targetAmount')} className="mm-grow">
            <Input inputMode="decimal" data-testid="mm-field-amount" />
          </Form.Item>
          <Form.Item
            name="targetCurrency"
            label={t('expoMatchmaking.fields.targetCurrency')}
            className="mm-unit"
          >
            <Select
              showSearch
              data-testid="mm-field-currency"
              options={COMMON_CURRENCIES.map((code) => ({ value: code, label: code }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="destinationCountry"
          label={t('expoMatchmaking.fields.destinationCountry')}
          extra={t('expoMatchmaking.hints.destination')}
        >
          <CountrySelect testId="mm-field-country" />
        </Form.Item>
        <Form.Item name="destinationUnlocode" label={t('expoMatchmaking.fields.destinationUnlocode')}>
          <UnLocodeInput country={country} testId="mm-field-unlocode" />
        </Form.Item>
        <Form.Item
          name="certifications"
          label={t('expoMatchmaking.fields.certifications')}
          extra={t('expoMatchmaking.hints.certifications')}
        >
          <Select
            mode="tags"
            data-testid="mm-field-certifications"
            options={COMMON_CERTIFICATIONS.map((scheme) => ({ value: scheme, label: scheme }))}
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('expoMatchmaking.fields.deadline')}
          rules={[{ required: true, message: t('expoMatchmaking.hints.deadlineRequired') }]}
        >
          <DatePicker
            className="mm-full-width"
            disabledDate={(day) => (day as PickedDay).format('YYYY-MM-DD') < today}
            data-testid="mm-field-deadline"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
};
