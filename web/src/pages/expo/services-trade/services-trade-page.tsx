import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../../api/client.ts';
import {
  type Evidence,
  GATS_MODES,
  type GatsMode,
  SERVICE_STATUSES,
  type ServiceContract,
  type ServiceContractDetail,
  type ServiceFilter,
  type ServiceStatus,
  useCreateServiceContract,
  useDeleteServiceContract,
  useRecordDelivery,
  useServiceContract,
  useServiceContracts,
  useUpdateServiceContract,
} from '../../../api/expo-services-trade.ts';
import { CountrySelect } from '../../../components/country-select.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButtons } from '../../../components/export-buttons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { useFormat } from '../../../i18n/use-format.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import type { ExportColumn } from '../../../lib/table-export.ts';
import { useIsNarrow } from '../../../lib/use-media-query.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { deliveredPercent, fitsRemaining, isSha256, moneyText } from './services-trade-model.ts';

const STATUS_COLOUR: Record<ServiceStatus, string> = {
  active: 'blue',
  completed: 'green',
  terminated: 'default',
};
const CURRENCIES = ['USD', 'EUR', 'CNY', 'HKD', 'JPY', 'GBP', 'SGD', 'MYR', 'AED'];
const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '');

type EvidenceValues = { documentIds?: string; fileName?: string; fileSha256?: string; fileSize?: string };

/** The evidence a form names: document ids (one per line) and one outside file by its SHA-256. */
const evidenceOf = (values: EvidenceValues): Evidence[] => [
  ...(values.documentIds ?? '')
    .split(/\s+/)
    .filter((id) => id !== '')
    .map((documentId) => ({ kind: 'document' as const, documentId })),
  ...(values.fileSha256
    ? [
        {
          kind: 'file' as const,
          sha256: values.fileSha256.trim(),
          name: values.fileName?.trim() || 'evidence',
          sizeBytes: Number(values.fileSize ?? '0') || 0,
        },
      ]
    : []),
];

const EvidenceFields = () => {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="documentIds" label={t('expoServicesTrade.evidence.documents')}>
        <Input.TextArea rows={2} placeholder="doc_…" data-testid="svc-evidence-documents" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item
          name="fileName"
          label={t('expoServicesTrade.evidence.fileName')}
          style={{ flex: '1 1 160px' }}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="fileSha256"
          label={t('expoServicesTrade.evidence.sha256')}
          style={{ flex: '2 1 240px' }}
          rules={[
            {
              validator: (_rule, value: string | undefined) =>
                !value || isSha256(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('expoServicesTrade.evidence.sha256Invalid'))),
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="fileSize" label={t('expoServicesTrade.evidence.size')} style={{ flex: '1 1 100px' }}>
          <Input inputMode="numeric" />
        </Form.Item>
      </Flex>
    </>
  );
};

type ContractValues = EvidenceValues & {
  reference: string;
  title: string;
  clientName: string;
  clientCountry: string;
  clientOrganisationId?: string;
  ebopsCode: string;
  gatsMode: GatsMode;
  amount: string;
  currency: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  digitallyDelivered: boolean;
};

const FORM_FIELDS = ['reference', 'title', 'ebopsCode', 'gatsMode', 'startsOn', 'endsOn'];

const NewContractModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContractValues>();
  const create = useCreateServiceContract(orgId);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);

  const submit = async (values: ContractValues) => {
    setFailure(null);
    try {
      await create.mutateAsync({
        reference: values.reference,
        title: values.title,
        client: {
          name: values.clientName,
          country: values.clientCountry,
          ...(values.clientOrganisationId ? { organisationId: values.clientOrganisationId.trim() } : {}),
        },
        ebopsCode: values.ebopsCode.trim().toUpperCase(),
        gatsMode: values.gatsMode,
        value: { amount: values.amount.trim(), currency: values.currency },
        startsOn: day(values.startsOn),
        endsOn: day(values.endsOn),
        digitallyDelivered: values.digitallyDelivered,
        evidence: evidenceOf(values),
      });
      void message.success(t('expoServicesTrade.created'));
      form.resetFields();
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError);
      setFailure({ error, unmatched });
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('expoServicesTrade.new')}
      okText={t('expoServicesTrade.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={720}
      okButtonProps={{ ...({ 'data-testid': 'svc-create-submit' } as object) }}
    >
      <Form<ContractValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ gatsMode: 'mode1', currency: 'USD', digitallyDelivered: true }}
      >
        <Flex gap={8} wrap>
          <Form.Item
            name="reference"
            label={t('expoServicesTrade.fields.reference')}
            rules={[{ required: true, max: 80 }]}
            style={{ flex: '1 1 180px' }}
          >
            <Input data-testid="svc-reference" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('expoServicesTrade.fields.title')}
            rules={[{ required: true, max: 200 }]}
            style={{ flex: '2 1 280px' }}
          >
            <Input data-testid="svc-title" />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item
            name="clientName"
            label={t('expoServicesTrade.fields.clientName')}
            rules={[{ required: true, max: 200 }]}
            style={{ flex: '2 1 240px' }}
          >
            <Input data-testid="svc-client-name" />
          </Form.Item>
          <Form.Item
            name="clientCountry"
            label={t('expoServicesTrade.fields.clientCountry')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 200px' }}
          >
            <CountrySelect testId="svc-client-country" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="clientOrganisationId"
          label={t('expoServicesTrade.fields.clientOrganisation')}
          extra={t('expoServicesTrade.fields.clientOrganisationHelp')}
        >
          <Input placeholder="org_…" />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item
            name="ebopsCode"
            label={t('expoServicesTrade.fields.ebops')}
            extra={t('expoServicesTrade.fields.ebopsHelp')}
            rules={[{ required: true, pattern: /^S[A-La-l][0-9.]{0,8}$/ }]}
            style={{ flex: '1 1 160px' }}
          >
            <Input data-testid="svc-ebops" placeholder="SI2" />
          </Form.Item>
          <Form.Item
            name="gatsMode"
            label={t('expoServicesTrade.fields.gatsMode')}
            style={{ flex: '1 1 200px' }}
          >
            <Select
              data-testid="svc-gats"
              options={GATS_MODES.map((mode) => ({
                value: mode,
                label: t(`expoServicesTrade.gats.${mode}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item
            name="amount"
            label={t('expoServicesTrade.fields.value')}
            rules={[
              {
                required: true,
                pattern: /^\d{1,15}(\.\d{1,4})?$/,
                message: t('expoServicesTrade.amountInvalid'),
              },
            ]}
            style={{ flex: '2 1 180px' }}
          >
            <Input inputMode="decimal" data-testid="svc-amount" />
          </Form.Item>
          <Form.Item
            name="currency"
            label={t('expoServicesTrade.fields.currency')}
            style={{ flex: '1 1 100px' }}
          >
            <Select
              data-testid="svc-currency"
              options={CURRENCIES.map((code) => ({ value: code, label: code }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item
            name="startsOn"
            label={t('expoServicesTrade.fields.startsOn')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="svc-starts" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('expoServicesTrade.fields.endsOn')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="svc-ends" />
          </Form.Item>
        </Flex>
        <Form.Item name="digitallyDelivered" valuePropName="checked">
          <Checkbox data-testid="svc-digital">{t('expoServicesTrade.fields.digitallyDelivered')}</Checkbox>
        </Form.Item>
        <EvidenceFields />
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="svc-create-error" />
      ) : null}
    </Modal>
  );
};

type DeliveryValues = EvidenceValues & { deliveredOn: Dayjs; amount: string; note?: string };

const DeliveryForm = ({ contract }: { contract: ServiceContractDetail }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeliveryValues>();
  const record = useRecordDelivery(orgId, contract.id);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);

  const submit = async (values: DeliveryValues) => {
    setFailure(null);
    try {
      await record.mutateAsync({
        deliveredOn: day(values.deliveredOn),
        value: { amount: values.amount.trim(), currency: contract.value.currency },
        ...(values.note ? { note: values.note } : {}),
        evidence: evidenceOf(values),
      });
      void message.success(t('expoServicesTrade.deliveries.recorded'));
      form.resetFields();
    } catch (error) {
      setFailure({
        error,
        unmatched: applyFieldErrors(form, error, ['deliveredOn', 'note'], labels.fieldError),
      });
    }
  };

  return (
    <Card size="small" title={t('expoServicesTrade.deliveries.record')} className="block-gap">
      <Form<DeliveryValues> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Flex gap={8} wrap>
          <Form.Item
            name="deliveredOn"
            label={t('expoServicesTrade.deliveries.date')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="svc-delivery-date" />
          </Form.Item>
          <Form.Item
            name="amount"
            label={`${t('expoServicesTrade.deliveries.value')} (${contract.value.currency})`}
            extra={t('expoServicesTrade.deliveries.remaining', { amount: moneyText(contract.remaining) })}
            rules={[
              {
                required: true,
                validator: (_rule, value: string | undefined) =>
                  value && fitsRemaining(value, contract.remaining)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('expoServicesTrade.deliveries.tooMuch'))),
              },
            ]}
            style={{ flex: '1 1 160px' }}
          >
            <Input inputMode="decimal" data-testid="svc-delivery-amount" />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('expoServicesTrade.deliveries.note')} rules={[{ max: 2000 }]}>
          <Input />
        </Form.Item>
        <EvidenceFields />
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="svc-delivery-submit">
          {t('expoServicesTrade.deliveries.submit')}
        </Button>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="svc-delivery-error" />
      ) : null}
    </Card>
  );
};

const EvidenceList = ({ evidence }: { evidence: Evidence[] }) => {
  const { t } = useTranslation();
  if (evidence.length === 0) {
    return <Typography.Text type="secondary">{t('expoServicesTrade.evidence.none')}</Typography.Text>;
  }
  return (
    <Space direction="vertical" size={2}>
      {evidence.map((item) =>
        item.kind === 'document' ? (
          <Typography.Text key={item.documentId} code>
            {item.documentId}
          </Typography.Text>
        ) : (
          <Typography.Text key={item.sha256}>
            {item.name} ({item.sizeBytes} B){' '}
            <Typography.Text code>{item.sha256.slice(0, 16)}…</Typography.Text>
          </Typography.Text>
        ),
      )}
    </Space>
  );
};

const ContractDetail = ({
  contract,
  onDeleted,
}: {
  contract: ServiceContractDetail;
  onDeleted: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { orgId, role } = useActiveOrg();
  const { message } = App.useApp();
  const update = useUpdateServiceContract(orgId, contract.id);
  const remove = useDeleteServiceContract(orgId);
  const canWrite = contract.role === 'provider' && role !== 'viewer';
  const zh = i18n.language === 'zh-CN';

  const move = async (status: ServiceStatus) => {
    try {
      await update.mutateAsync({ version: contract.version, status });
      void message.success(t(`expoServicesTrade.status.${status}`));
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };
  const onDelete = async () => {
    try {
      await remove.mutateAsync(contract.id);
      onDeleted();
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('expoServicesTrade.fields.reference')}>
          {contract.reference}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.provider')}>
          {(zh ? contract.providerNameZh : contract.providerName) ?? contract.organisationId}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.client')}>
          {contract.client.name} ({contract.client.country})
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.ebops')}>
          {contract.ebopsCode} {(zh ? contract.ebopsZh : contract.ebopsEn) ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.gatsMode')}>
          {t(`expoServicesTrade.gats.${contract.gatsMode}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.value')}>
          {moneyText(contract.value)}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.delivered')}>
          <Progress percent={deliveredPercent(contract.delivered, contract.value)} size="small" />
          {moneyText(contract.delivered)}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.period')}>
          {contract.startsOn} – {contract.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.fields.digitallyDelivered')}>
          {contract.digitallyDelivered ? t('expoServicesTrade.yes') : t('expoServicesTrade.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoServicesTrade.evidence.title')}>
          <EvidenceList evidence={contract.evidence} />
        </Descriptions.Item>
      </Descriptions>
      {canWrite && contract.status === 'active' ? (
        <Flex gap={8} wrap className="block-gap" style={{ marginTop: 12 }}>
          <Popconfirm title={t('expoServicesTrade.confirmComplete')} onConfirm={() => void move('completed')}>
            <Button data-testid="svc-complete">{t('expoServicesTrade.actions.complete')}</Button>
          </Popconfirm>
          <Popconfirm
            title={t('expoServicesTrade.confirmTerminate')}
            onConfirm={() => void move('terminated')}
          >
            <Button danger>{t('expoServicesTrade.actions.terminate')}</Button>
          </Popconfirm>
          {contract.deliveries.length === 0 ? (
            <Popconfirm title={t('expoServicesTrade.confirmDelete')} onConfirm={() => void onDelete()}>
              <Button danger type="text">
                {t('expoServicesTrade.actions.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('expoServicesTrade.deliveries.title')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={contract.deliveries}
        data-testid="svc-deliveries"
        locale={{ emptyText: t('expoServicesTrade.deliveries.empty') }}
        columns={[
          { title: t('expoServicesTrade.deliveries.date'), dataIndex: 'deliveredOn' },
          { title: t('expoServicesTrade.deliveries.value'), render: (_v, row) => moneyText(row.value) },
          { title: t('expoServicesTrade.deliveries.note'), dataIndex: 'note' },
          {
            title: t('expoServicesTrade.evidence.title'),
            render: (_v, row) => <EvidenceList evidence={row.evidence} />,
          },
        ]}
      />
      {canWrite && contract.status === 'active' ? <DeliveryForm contract={contract} /> : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('expoServicesTrade.history')}
      </Typography.Title>
      <Timeline
        items={contract.history.map((entry) => ({
          children: `${format.dateTime(entry.at)} · ${t(`expoServicesTrade.status.${entry.toStatus}`)}${
            entry.reason ? ` · ${entry.reason}` : ''
          }`,
        }))}
      />
    </>
  );
};

const ContractDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const narrow = useIsNarrow();
  const contract = useServiceContract(orgId, id);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={narrow ? '100%' : 720}
      title={
        contract.data ? `${contract.data.reference} · ${contract.data.title}` : t('expoServicesTrade.detail')
      }
      destroyOnHidden
      data-testid="svc-drawer"
    >
      {contract.isPending && id !== null ? <Skeleton active /> : null}
      {contract.isError ? (
        <ErrorAlert error={contract.error} onRetry={() => void contract.refetch()} />
      ) : null}
      {contract.data ? <ContractDetail contract={contract.data} onDeleted={onClose} /> : null}
    </Drawer>
  );
};

/** `/expo/services-trade`: the organisation's service contracts (or, for the commerce department, everyone's). */
export const ServicesTradePage = () => {
  const { t, i18n } = useTranslation();
  const { orgId, membership, role } = useActiveOrg();
  const isRegulator = membership.organisation.kind === 'regulator';
  const [scope, setScope] = useState<'mine' | 'all'>(isRegulator ? 'all' : 'mine');
  const [filter, setFilter] = useState<ServiceFilter>({ role: 'all' });
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const list = useServiceContracts(orgId, filter, scope === 'all');
  const rows = list.data?.items ?? [];
  const zh = i18n.language === 'zh-CN';
  const providerOf = (row: ServiceContract) =>
    (zh ? row.providerNameZh : row.providerName) ?? row.organisationId;

  const columns: TableColumnsType<ServiceContract> = [
    {
      title: t('expoServicesTrade.fields.reference'),
      dataIndex: 'reference',
      render: (reference: string, row) => (
        <Button
          type="link"
          size="small"
          onClick={() => setOpened(row.id)}
          data-testid={`svc-open-${reference}`}
        >
          {reference}
        </Button>
      ),
    },
    { title: t('expoServicesTrade.fields.title'), dataIndex: 'title', ellipsis: true },
    ...(scope === 'all'
      ? [
          {
            title: t('expoServicesTrade.fields.provider'),
            render: (_v: unknown, row: ServiceContract) => providerOf(row),
          },
        ]
      : []),
    {
      title: t('expoServicesTrade.fields.client'),
      render: (_v, row) => `${row.client.name} (${row.client.country})`,
    },
    { title: t('expoServicesTrade.fields.ebops'), dataIndex: 'ebopsCode' },
    {
      title: t('expoServicesTrade.fields.gatsMode'),
      render: (_v, row) => t(`expoServicesTrade.gats.${row.gatsMode}`),
    },
    { title: t('expoServicesTrade.fields.value'), align: 'right', render: (_v, row) => moneyText(row.value) },
    {
      title: t('expoServicesTrade.fields.delivered'),
      align: 'right',
      render: (_v, row) => moneyText(row.delivered),
    },
    { title: t('expoServicesTrade.fields.period'), render: (_v, row) => `${row.startsOn} – ${row.endsOn}` },
    {
      title: t('expoServicesTrade.fields.digital'),
      render: (_v, row) => (row.digitallyDelivered ? t('expoServicesTrade.yes') : t('expoServicesTrade.no')),
    },
    {
      title: t('expoServicesTrade.fields.status'),
      render: (_v, row) => (
        <Tag color={STATUS_COLOUR[row.status]}>{t(`expoServicesTrade.status.${row.status}`)}</Tag>
      ),
    },
  ];
  const exportColumns: ExportColumn<ServiceContract>[] = [
    { header: t('expoServicesTrade.fields.reference'), value: (row) => row.reference, width: 18 },
    { header: t('expoServicesTrade.fields.title'), value: (row) => row.title, width: 32 },
    { header: t('expoServicesTrade.fields.provider'), value: (row) => providerOf(row), width: 28 },
    { header: t('expoServicesTrade.fields.clientName'), value: (row) => row.client.name, width: 28 },
    { header: t('expoServicesTrade.fields.clientCountry'), value: (row) => row.client.country, width: 8 },
    { header: t('expoServicesTrade.fields.ebops'), value: (row) => row.ebopsCode, width: 8 },
    { header: t('expoServicesTrade.fields.gatsMode'), value: (row) => row.gatsMode, width: 8 },
    { header: t('expoServicesTrade.fields.currency'), value: (row) => row.value.currency, width: 8 },
    { header: t('expoServicesTrade.fields.value'), value: (row) => row.value.amount, width: 14 },
    { header: t('expoServicesTrade.fields.delivered'), value: (row) => row.delivered.amount, width: 14 },
    { header: t('expoServicesTrade.fields.startsOn'), value: (row) => row.startsOn, width: 12 },
    { header: t('expoServicesTrade.fields.endsOn'), value: (row) => row.endsOn, width: 12 },
    {
      header: t('expoServicesTrade.fields.digitallyDelivered'),
      value: (row) => (row.digitallyDelivered ? t('expoServicesTrade.yes') : t('expoServicesTrade.no')),
      width: 10,
    },
    {
      header: t('expoServicesTrade.fields.status'),
      value: (row) => t(`expoServicesTrade.status.${row.status}`),
      width: 10,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('expoServicesTrade.title')}
        subtitle={t('expoServicesTrade.subtitle')}
        extra={
          scope === 'mine' && role !== 'viewer' ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="svc-new"
            >
              {t('expoServicesTrade.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} wrap className="block-gap" align="center">
          {isRegulator ? (
            <Segmented
              value={scope}
              onChange={(value) => setScope(value as 'mine' | 'all')}
              options={[
                { value: 'all', label: t('expoServicesTrade.scope.all') },
                { value: 'mine', label: t('expoServicesTrade.scope.mine') },
              ]}
              data-testid="svc-scope"
            />
          ) : (
            <Select
              style={{ minWidth: 140 }}
              value={filter.role ?? 'all'}
              onChange={(value) => setFilter({ ...filter, role: value })}
              options={(['all', 'provider', 'client'] as const).map((value) => ({
                value,
                label: t(`expoServicesTrade.role.${value}`),
              }))}
              data-testid="svc-filter-role"
            />
          )}
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('expoServicesTrade.fields.status')}
            value={filter.status ?? null}
            onChange={(value: ServiceStatus | null) => setFilter({ ...filter, status: value ?? undefined })}
            options={SERVICE_STATUSES.map((value) => ({
              value,
              label: t(`expoServicesTrade.status.${value}`),
            }))}
            data-testid="svc-filter-status"
          />
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('expoServicesTrade.fields.gatsMode')}
            value={filter.gatsMode ?? null}
            onChange={(value: GatsMode | null) => setFilter({ ...filter, gatsMode: value ?? undefined })}
            options={GATS_MODES.map((value) => ({ value, label: t(`expoServicesTrade.gats.${value}`) }))}
          />
          <Input
            allowClear
            style={{ width: 120 }}
            placeholder={t('expoServicesTrade.fields.ebops')}
            onChange={(event) => {
              const value = event.target.value.trim().toUpperCase();
              setFilter({ ...filter, ebops: /^S[A-L][0-9.]{0,8}$/.test(value) ? value : undefined });
            }}
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('expoServicesTrade.search')}
            onSearch={(value) => setFilter({ ...filter, q: value.trim() || undefined })}
            data-testid="svc-search"
          />
          <ExportButtons
            rows={rows}
            columns={exportColumns}
            fileName="service-contracts"
            sheetName={t('expoServicesTrade.title')}
            testIdPrefix="svc"
          />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<ServiceContract>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="svc-table"
        />
      </Card>
      <NewContractModal open={creating} onClose={() => setCreating(false)} />
      <ContractDrawer id={opened} onClose={() => setOpened(null)} />
    </div>
  );
};
