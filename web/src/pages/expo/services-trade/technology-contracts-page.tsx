import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Skeleton,
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
  PAYMENT_METHODS,
  type PaymentMethod,
  TECHNOLOGY_CATEGORIES,
  TECHNOLOGY_DIRECTIONS,
  TECHNOLOGY_FIELDS,
  TECHNOLOGY_STATUSES,
  type TechnologyCategory,
  type TechnologyContract,
  type TechnologyContractDetail,
  type TechnologyDirection,
  type TechnologyField,
  type TechnologyFilter,
  type TechnologyStatus,
  useCancelTechnologyContract,
  useCreateTechnologyContract,
  useRegisterTechnologyContract,
  useTechnologyCatalogue,
  useTechnologyContract,
  useTechnologyContracts,
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
import { moneyText } from './services-trade-model.ts';

const STATUS_COLOUR: Record<TechnologyStatus, string> = {
  draft: 'gold',
  registered: 'green',
  cancelled: 'default',
};
const CATEGORY_COLOUR = { free: 'green', restricted: 'orange', prohibited: 'red' } as const;
const CURRENCIES = ['USD', 'EUR', 'CNY', 'HKD', 'JPY', 'GBP', 'SGD', 'MYR'];
const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '');

type TechnologyValues = {
  reference: string;
  direction: TechnologyDirection;
  foreignName: string;
  foreignCountry: string;
  technologyName: string;
  technologyFields: TechnologyField[];
  category: TechnologyCategory;
  catalogueEntry?: string;
  licenceNumber?: string;
  amount: string;
  currency: string;
  paymentMethod: PaymentMethod;
  termStartsOn: Dayjs;
  termEndsOn: Dayjs;
};

const NewTechnologyModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm<TechnologyValues>();
  const create = useCreateTechnologyContract(orgId);
  const catalogue = useTechnologyCatalogue();
  const direction = Form.useWatch('direction', form);
  const category = Form.useWatch('category', form);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const zh = i18n.language === 'zh-CN';
  const entries = (catalogue.data?.entries ?? []).filter(
    (entry) => entry.direction === direction && entry.category === category,
  );

  const submit = async (values: TechnologyValues) => {
    setFailure(null);
    try {
      await create.mutateAsync({
        reference: values.reference,
        direction: values.direction,
        foreignParty: { name: values.foreignName, country: values.foreignCountry },
        technologyName: values.technologyName,
        technologyFields: values.technologyFields,
        category: values.category,
        catalogueEntry: values.category === 'free' ? null : (values.catalogueEntry ?? null),
        ...(values.licenceNumber ? { licenceNumber: values.licenceNumber.trim() } : {}),
        value: { amount: values.amount.trim(), currency: values.currency },
        paymentMethod: values.paymentMethod,
        termStartsOn: day(values.termStartsOn),
        termEndsOn: day(values.termEndsOn),
      });
      void message.success(t('expoTechnologyContracts.created'));
      form.resetFields();
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(
        form,
        error,
        ['reference', 'technologyName', 'catalogueEntry', 'licenceNumber', 'termEndsOn'],
        labels.fieldError,
      );
      setFailure({ error, unmatched });
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('expoTechnologyContracts.new')}
      okText={t('expoTechnologyContracts.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={720}
      okButtonProps={{ ...({ 'data-testid': 'tec-create-submit' } as object) }}
    >
      <Form<TechnologyValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{
          direction: 'export',
          category: 'free',
          currency: 'USD',
          paymentMethod: 'lump_sum',
          technologyFields: ['know_how'],
        }}
      >
        <Flex gap={8} wrap>
          <Form.Item
            name="reference"
            label={t('expoTechnologyContracts.fields.reference')}
            rules={[{ required: true, max: 80 }]}
            style={{ flex: '1 1 180px' }}
          >
            <Input data-testid="tec-reference" />
          </Form.Item>
          <Form.Item
            name="direction"
            label={t('expoTechnologyContracts.fields.direction')}
            style={{ flex: '1 1 160px' }}
          >
            <Select
              data-testid="tec-direction"
              options={TECHNOLOGY_DIRECTIONS.map((value) => ({
                value,
                label: t(`expoTechnologyContracts.direction.${value}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="technologyName"
          label={t('expoTechnologyContracts.fields.technology')}
          rules={[{ required: true, max: 200 }]}
        >
          <Input data-testid="tec-name" />
        </Form.Item>
        <Form.Item
          name="technologyFields"
          label={t('expoTechnologyContracts.fields.technologyFields')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            data-testid="tec-fields"
            options={TECHNOLOGY_FIELDS.map((value) => ({
              value,
              label: t(`expoTechnologyContracts.field.${value}`),
            }))}
          />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item
            name="foreignName"
            label={t('expoTechnologyContracts.fields.foreignParty')}
            rules={[{ required: true, max: 200 }]}
            style={{ flex: '2 1 240px' }}
          >
            <Input data-testid="tec-foreign-name" />
          </Form.Item>
          <Form.Item
            name="foreignCountry"
            label={t('expoTechnologyContracts.fields.foreignCountry')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 200px' }}
          >
            <CountrySelect testId="tec-foreign-country" />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item
            name="category"
            label={t('expoTechnologyContracts.fields.category')}
            style={{ flex: '1 1 160px' }}
          >
            <Select
              data-testid="tec-category"
              options={TECHNOLOGY_CATEGORIES.map((value) => ({
                value,
                label: t(`expoTechnologyContracts.category.${value}`),
              }))}
            />
          </Form.Item>
          {category !== 'free' ? (
            <Form.Item
              name="catalogueEntry"
              label={t('expoTechnologyContracts.fields.catalogueEntry')}
              rules={[{ required: true }]}
              style={{ flex: '2 1 280px' }}
            >
              <Select
                data-testid="tec-catalogue"
                loading={catalogue.isPending}
                options={entries.map((entry) => ({
                  value: entry.id,
                  label: `${zh ? entry.nameZh : entry.nameEn} (${zh ? entry.industryZh : entry.industryEn})`,
                }))}
              />
            </Form.Item>
          ) : null}
        </Flex>
        {category === 'prohibited' ? (
          <Alert
            type="error"
            showIcon
            className="block-gap"
            title={t('expoTechnologyContracts.prohibitedWarning')}
          />
        ) : null}
        {category === 'restricted' ? (
          <Form.Item
            name="licenceNumber"
            label={t('expoTechnologyContracts.fields.licenceNumber')}
            extra={t('expoTechnologyContracts.fields.licenceHelp')}
            rules={[{ max: 80 }]}
          >
            <Input data-testid="tec-licence" />
          </Form.Item>
        ) : null}
        <Flex gap={8} wrap>
          <Form.Item
            name="amount"
            label={t('expoTechnologyContracts.fields.value')}
            rules={[
              {
                required: true,
                pattern: /^\d{1,15}(\.\d{1,4})?$/,
                message: t('expoServicesTrade.amountInvalid'),
              },
            ]}
            style={{ flex: '2 1 160px' }}
          >
            <Input inputMode="decimal" data-testid="tec-amount" />
          </Form.Item>
          <Form.Item
            name="currency"
            label={t('expoServicesTrade.fields.currency')}
            style={{ flex: '1 1 100px' }}
          >
            <Select options={CURRENCIES.map((code) => ({ value: code, label: code }))} />
          </Form.Item>
          <Form.Item
            name="paymentMethod"
            label={t('expoTechnologyContracts.fields.paymentMethod')}
            style={{ flex: '1 1 160px' }}
          >
            <Select
              data-testid="tec-payment"
              options={PAYMENT_METHODS.map((value) => ({
                value,
                label: t(`expoTechnologyContracts.payment.${value}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item
            name="termStartsOn"
            label={t('expoTechnologyContracts.fields.termStartsOn')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="tec-term-starts" />
          </Form.Item>
          <Form.Item
            name="termEndsOn"
            label={t('expoTechnologyContracts.fields.termEndsOn')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="tec-term-ends" />
          </Form.Item>
        </Flex>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="tec-create-error" />
      ) : null}
    </Modal>
  );
};

/** The registration record as a printable certificate-like card (the browser's print dialog makes the PDF). */
const RegistrationRecord = ({ contract }: { contract: TechnologyContractDetail }) => {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return (
    <Card
      size="small"
      className="block-gap tec-registration-record"
      title={t('expoTechnologyContracts.record.title')}
      extra={
        <Button size="small" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('expoTechnologyContracts.record.print')}
        </Button>
      }
      data-testid="tec-record"
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('expoTechnologyContracts.record.number')}>
          <Typography.Text strong data-testid="tec-registration-number">
            {contract.registrationNumber}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.record.date')}>
          {contract.registeredOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.chineseParty')}>
          {(zh ? contract.chinesePartyNameZh : contract.chinesePartyName) ?? contract.organisationId}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.foreignParty')}>
          {contract.foreignParty.name} ({contract.foreignParty.country})
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.technology')}>
          {contract.technologyName}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.value')}>
          {moneyText(contract.value)}
        </Descriptions.Item>
        {contract.licenceNumber ? (
          <Descriptions.Item label={t('expoTechnologyContracts.fields.licenceNumber')}>
            {contract.licenceNumber}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('expoTechnologyContracts.record.note')}
      </Typography.Paragraph>
    </Card>
  );
};

const TechnologyDetail = ({ contract }: { contract: TechnologyContractDetail }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { orgId, role } = useActiveOrg();
  const { message } = App.useApp();
  const register = useRegisterTechnologyContract(orgId, contract.id);
  const cancel = useCancelTechnologyContract(orgId, contract.id);
  const [licence, setLicence] = useState('');
  const [reason, setReason] = useState('');
  const zh = i18n.language === 'zh-CN';
  const canWrite = contract.role === 'chinese_party' && role !== 'viewer';
  const needsLicence = contract.category === 'restricted' && contract.licenceNumber === null;

  const onRegister = async () => {
    try {
      await register.mutateAsync({
        version: contract.version,
        ...(licence.trim() ? { licenceNumber: licence.trim() } : {}),
      });
      void message.success(t('expoTechnologyContracts.registered'));
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };
  const onCancel = async () => {
    try {
      await cancel.mutateAsync({ version: contract.version, reason: reason.trim() });
      void message.success(t('expoTechnologyContracts.status.cancelled'));
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  return (
    <>
      {contract.status === 'registered' ? <RegistrationRecord contract={contract} /> : null}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.direction')}>
          {t(`expoTechnologyContracts.direction.${contract.direction}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.technologyFields')}>
          {contract.technologyFields
            .map((field) => t(`expoTechnologyContracts.field.${field}`))
            .join(zh ? '、' : ', ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.category')}>
          <Tag color={CATEGORY_COLOUR[contract.category]}>
            {t(`expoTechnologyContracts.category.${contract.category}`)}
          </Tag>
          {contract.catalogueEntry
            ? zh
              ? contract.catalogueEntry.nameZh
              : contract.catalogueEntry.nameEn
            : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.paymentMethod')}>
          {t(`expoTechnologyContracts.payment.${contract.paymentMethod}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.term')}>
          {contract.termStartsOn} – {contract.termEndsOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('expoTechnologyContracts.fields.status')}>
          <Tag color={STATUS_COLOUR[contract.status]}>
            {t(`expoTechnologyContracts.status.${contract.status}`)}
          </Tag>
        </Descriptions.Item>
      </Descriptions>
      {canWrite && contract.status === 'draft' ? (
        <Card
          size="small"
          className="block-gap"
          style={{ marginTop: 12 }}
          title={t('expoTechnologyContracts.register')}
        >
          {needsLicence ? (
            <Input
              placeholder={t('expoTechnologyContracts.fields.licenceNumber')}
              value={licence}
              onChange={(event) => setLicence(event.target.value)}
              style={{ marginBottom: 8 }}
              data-testid="tec-register-licence"
            />
          ) : null}
          <Button
            type="primary"
            loading={register.isPending}
            onClick={() => void onRegister()}
            data-testid="tec-register"
          >
            {t('expoTechnologyContracts.register')}
          </Button>
        </Card>
      ) : null}
      {canWrite && contract.status !== 'cancelled' ? (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Input
            placeholder={t('expoTechnologyContracts.cancelReason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            style={{ flex: '1 1 220px' }}
          />
          <Button
            danger
            disabled={reason.trim() === ''}
            loading={cancel.isPending}
            onClick={() => void onCancel()}
          >
            {t('expoTechnologyContracts.cancel')}
          </Button>
        </Flex>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('expoServicesTrade.history')}
      </Typography.Title>
      <Timeline
        items={contract.history.map((entry) => ({
          children: `${format.dateTime(entry.at)} · ${t(`expoTechnologyContracts.status.${entry.toStatus}`)}${
            entry.reason ? ` · ${entry.reason}` : ''
          }`,
        }))}
      />
    </>
  );
};

const TechnologyDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const narrow = useIsNarrow();
  const contract = useTechnologyContract(orgId, id);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={narrow ? '100%' : 720}
      title={
        contract.data
          ? `${contract.data.reference} · ${contract.data.technologyName}`
          : t('expoTechnologyContracts.detail')
      }
      destroyOnHidden
      data-testid="tec-drawer"
    >
      {contract.isPending && id !== null ? <Skeleton active /> : null}
      {contract.isError ? (
        <ErrorAlert error={contract.error} onRetry={() => void contract.refetch()} />
      ) : null}
      {contract.data ? <TechnologyDetail contract={contract.data} /> : null}
    </Drawer>
  );
};

/** `/expo/technology-contracts`: technology import and export contracts and their registration. */
export const TechnologyContractsPage = () => {
  const { t, i18n } = useTranslation();
  const { orgId, membership, role } = useActiveOrg();
  const isRegulator = membership.organisation.kind === 'regulator';
  const [scope, setScope] = useState<'mine' | 'all'>(isRegulator ? 'all' : 'mine');
  const [filter, setFilter] = useState<TechnologyFilter>({});
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const list = useTechnologyContracts(orgId, filter, scope === 'all');
  const rows = list.data?.items ?? [];
  const zh = i18n.language === 'zh-CN';
  const partyOf = (row: TechnologyContract) =>
    (zh ? row.chinesePartyNameZh : row.chinesePartyName) ?? row.organisationId;

  const columns: TableColumnsType<TechnologyContract> = [
    {
      title: t('expoTechnologyContracts.fields.reference'),
      dataIndex: 'reference',
      render: (reference: string, row) => (
        <Button
          type="link"
          size="small"
          onClick={() => setOpened(row.id)}
          data-testid={`tec-open-${reference}`}
        >
          {reference}
        </Button>
      ),
    },
    {
      title: t('expoTechnologyContracts.fields.direction'),
      render: (_v, row) => t(`expoTechnologyContracts.direction.${row.direction}`),
    },
    { title: t('expoTechnologyContracts.fields.technology'), dataIndex: 'technologyName', ellipsis: true },
    ...(scope === 'all'
      ? [
          {
            title: t('expoTechnologyContracts.fields.chineseParty'),
            render: (_v: unknown, row: TechnologyContract) => partyOf(row),
          },
        ]
      : []),
    {
      title: t('expoTechnologyContracts.fields.foreignParty'),
      render: (_v, row) => `${row.foreignParty.name} (${row.foreignParty.country})`,
    },
    {
      title: t('expoTechnologyContracts.fields.category'),
      render: (_v, row) => (
        <Tag color={CATEGORY_COLOUR[row.category]}>
          {t(`expoTechnologyContracts.category.${row.category}`)}
        </Tag>
      ),
    },
    {
      title: t('expoTechnologyContracts.fields.value'),
      align: 'right',
      render: (_v, row) => moneyText(row.value),
    },
    {
      title: t('expoTechnologyContracts.fields.status'),
      render: (_v, row) => (
        <Tag color={STATUS_COLOUR[row.status]}>{t(`expoTechnologyContracts.status.${row.status}`)}</Tag>
      ),
    },
    { title: t('expoTechnologyContracts.record.number'), render: (_v, row) => row.registrationNumber ?? '—' },
  ];
  const exportColumns: ExportColumn<TechnologyContract>[] = [
    { header: t('expoTechnologyContracts.fields.reference'), value: (row) => row.reference, width: 18 },
    { header: t('expoTechnologyContracts.fields.direction'), value: (row) => row.direction, width: 8 },
    { header: t('expoTechnologyContracts.fields.technology'), value: (row) => row.technologyName, width: 36 },
    { header: t('expoTechnologyContracts.fields.chineseParty'), value: (row) => partyOf(row), width: 28 },
    {
      header: t('expoTechnologyContracts.fields.foreignParty'),
      value: (row) => row.foreignParty.name,
      width: 28,
    },
    {
      header: t('expoTechnologyContracts.fields.foreignCountry'),
      value: (row) => row.foreignParty.country,
      width: 8,
    },
    { header: t('expoTechnologyContracts.fields.category'), value: (row) => row.category, width: 10 },
    {
      header: t('expoTechnologyContracts.fields.catalogueEntry'),
      value: (row) => row.catalogueEntry?.id ?? '',
      width: 24,
    },
    {
      header: t('expoTechnologyContracts.fields.licenceNumber'),
      value: (row) => row.licenceNumber ?? '',
      width: 18,
    },
    { header: t('expoServicesTrade.fields.currency'), value: (row) => row.value.currency, width: 8 },
    { header: t('expoTechnologyContracts.fields.value'), value: (row) => row.value.amount, width: 14 },
    {
      header: t('expoTechnologyContracts.fields.paymentMethod'),
      value: (row) => row.paymentMethod,
      width: 10,
    },
    { header: t('expoTechnologyContracts.fields.status'), value: (row) => row.status, width: 10 },
    {
      header: t('expoTechnologyContracts.record.number'),
      value: (row) => row.registrationNumber ?? '',
      width: 20,
    },
    { header: t('expoTechnologyContracts.record.date'), value: (row) => row.registeredOn ?? '', width: 12 },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('expoTechnologyContracts.title')}
        subtitle={t('expoTechnologyContracts.subtitle')}
        extra={
          scope === 'mine' && role !== 'viewer' ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="tec-new"
            >
              {t('expoTechnologyContracts.new')}
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
            />
          ) : null}
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('expoTechnologyContracts.fields.direction')}
            value={filter.direction ?? null}
            onChange={(value: TechnologyDirection | null) =>
              setFilter({ ...filter, direction: value ?? undefined })
            }
            options={TECHNOLOGY_DIRECTIONS.map((value) => ({
              value,
              label: t(`expoTechnologyContracts.direction.${value}`),
            }))}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('expoTechnologyContracts.fields.status')}
            value={filter.status ?? null}
            onChange={(value: TechnologyStatus | null) =>
              setFilter({ ...filter, status: value ?? undefined })
            }
            options={TECHNOLOGY_STATUSES.map((value) => ({
              value,
              label: t(`expoTechnologyContracts.status.${value}`),
            }))}
            data-testid="tec-filter-status"
          />
          <ExportButtons
            rows={rows}
            columns={exportColumns}
            fileName="technology-contracts"
            sheetName={t('expoTechnologyContracts.title')}
            testIdPrefix="tec"
          />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TechnologyContract>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="tec-table"
        />
      </Card>
      <NewTechnologyModal open={creating} onClose={() => setCreating(false)} />
      <TechnologyDrawer id={opened} onClose={() => setOpened(null)} />
    </div>
  );
};
