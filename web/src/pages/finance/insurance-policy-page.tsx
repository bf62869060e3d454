import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import { useDocuments } from '../../api/documents.ts';
import type { MoneyValue } from '../../api/finance.ts';
import {
  applyForLimit,
  type Claim,
  type CreditLimit,
  type Declaration,
  type DeclarationStatus,
  type DeclarationSummary,
  decideClaim,
  decideLimit,
  declarationStep,
  declareShipment,
  EVIDENCE_ROLES,
  type EvidenceRole,
  fileClaim,
  type LimitStatus,
  type Policy,
  useDeclaration,
  useDeclarations,
  useInsuranceMutation,
  usePolicy,
} from '../../api/finance-insurance.ts';
import { usePartners } from '../../api/orders.ts';
import { useAccounts } from '../../api/payments.ts';
import { CountrySelect } from '../../components/country-select.tsx';
import { BackButton, DetailPlaceholder } from '../../components/detail-frame.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { useOrganisationNames } from '../../components/finance/use-organisation-names.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { checkAmount } from '../../components/payments/ledger-model.ts';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useIsNarrow } from '../../lib/use-media-query.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { POLICY_ROLE_COLOUR } from './insurance-list-page.tsx';
import {
  claimOpen,
  type DeclarationAction,
  declarableLimits,
  declarationActions,
  declarationDateProblem,
  type LimitAction,
  limitActions,
  limitHeadroom,
  payoutPreview,
  premiumPreview,
  utcToday,
} from './insurance-model.ts';
import { rateToPercent } from './requests-model.ts';
import '../../components/payments/payments.css';
import '../../components/finance/finance.css';

type Failure = { error: unknown; unmatched: ProblemFieldError[] } | null;

const LIMIT_COLOUR: Record<LimitStatus, string> = {
  requested: 'gold',
  approved: 'green',
  refused: 'red',
  cancelled: 'default',
};

export const DECLARATION_COLOUR: Record<DeclarationStatus, string> = {
  pending_premium: 'gold',
  active: 'blue',
  settled: 'green',
  claimed: 'volcano',
};

const CLAIM_COLOUR: Record<Claim['status'], string> = {
  filed: 'gold',
  accepted: 'cyan',
  paid: 'green',
  rejected: 'red',
};

/** An amount the user typed for the policy's currency: the translated problem, or nothing. */
const useAmountRule = (currency: string, optional = false) => {
  const { t } = useTranslation();
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (optional && (value ?? '').trim() === '') {
        return;
      }
      const problem = checkAmount(value ?? '', currency);
      if (problem) {
        throw new Error(t(`payments.validation.${problem}`));
      }
    },
  };
};

/** One credit-insurance policy: its terms, buyer credit limits and declared shipments with their claims. */
export const InsurancePolicyPage = () => {
  const { t } = useTranslation();
  const { policyId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const policy = usePolicy(orgId, policyId);
  const back = <BackButton to="/finance/insurance" label={t('insurance.back')} testId="insurance-back" />;
  if (policy.isPending || policy.isError) {
    return <DetailPlaceholder title={t('insurance.policyTitle')} back={back} query={policy} />;
  }
  return <PolicyView policy={policy.data} back={back} />;
};

const PolicyView = ({ policy, back }: { policy: Policy; back: ReactNode }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const format = useFormat();
  const nameOf = useOrganisationNames();
  const declarations = useDeclarations(orgId, policy.id);
  const [opened, setOpened] = useState<string | null>(null);
  const rows = declarations.data?.items ?? [];
  return (
    <div className="page">
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="insurance-policy-number">{policy.policyNumber}</span>
            <Tag
              color={POLICY_ROLE_COLOUR[policy.role]}
              data-testid="insurance-policy-role"
              data-role={policy.role}
            >
              {t(`insurance.roles.${policy.role}`)}
            </Tag>
          </Flex>
        }
        subtitle={t(`insurance.roleHint.${policy.role}`)}
        extra={back}
      />
      <Card className="block-gap">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('insurance.fields.insurer')}>
            {nameOf(policy.insurerOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('insurance.fields.exporter')}>
            {nameOf(policy.exporterOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('insurance.columns.period')}>
            {format.date(policy.periodStart)} – {format.date(policy.periodEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={t('insurance.columns.currency')}>{policy.currency}</Descriptions.Item>
          <Descriptions.Item label={t('insurance.columns.premiumRate')}>
            <span data-testid="insurance-premium-rate">{rateToPercent(policy.premiumRate)} %</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('insurance.columns.indemnity')}>
            {policy.indemnityPercent} %
          </Descriptions.Item>
          <Descriptions.Item label={t('insurance.fields.waitingPeriodDays')}>
            {t('financing.days', { count: policy.waitingPeriodDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('insurance.fields.maxCreditPeriodDays')}>
            {t('financing.days', { count: policy.maxCreditPeriodDays })}
          </Descriptions.Item>
          <Descriptions.Item
            label={t('insurance.fields.insurerAccount', { currency: policy.currency })}
            span={2}
          >
            <span className="mono payments-id">{policy.insurerAccountId}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <LimitsCard policy={policy} declarations={rows} />
      <DeclarationsCard
        policy={policy}
        rows={rows}
        loading={declarations.isPending}
        error={declarations.isError ? declarations.error : null}
        onOpen={setOpened}
      />
      <DeclarationDrawer policy={policy} declarationId={opened} onClose={() => setOpened(null)} />
    </div>
  );
};

const LimitsCard = ({ policy, declarations }: { policy: Policy; declarations: DeclarationSummary[] }) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const nameOf = useOrganisationNames();
  const [applying, setApplying] = useState(false);
  const [deciding, setDeciding] = useState<{ limit: CreditLimit; action: LimitAction } | null>(null);
  const money = (m: MoneyValue | null) => (m ? labels.money(m.amount, m.currency) : '–');
  const buyer = (l: CreditLimit) =>
    `${l.buyer.name} (${l.buyer.country})${l.buyer.registrationId ? ` · ${l.buyer.registrationId}` : ''}`;
  const columns: TableColumnsType<CreditLimit> = [
    {
      key: 'buyer',
      title: t('insurance.limits.buyer'),
      render: (_, l) => (
        <span data-testid="insurance-limit-buyer">
          {buyer(l)}
          {l.buyer.organisationId ? (
            <Tag style={{ marginInlineStart: 8 }} color="blue">
              {t('insurance.limits.onHub')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      key: 'requested',
      title: t('insurance.limits.requested'),
      className: 'payments-amount',
      render: (_, l) => money(l.requestedAmount),
    },
    {
      key: 'approved',
      title: t('insurance.limits.approved'),
      className: 'payments-amount',
      render: (_, l) => <span data-testid="insurance-limit-approved">{money(l.approvedAmount)}</span>,
    },
    {
      key: 'status',
      title: t('insurance.columns.status'),
      render: (_, l) => (
        <Tag color={LIMIT_COLOUR[l.status]} data-testid="insurance-limit-status" data-status={l.status}>
          {t(`insurance.limitStatuses.${l.status}`)}
        </Tag>
      ),
    },
    {
      key: 'exposure',
      title: t('insurance.limits.exposure'),
      className: 'payments-amount',
      render: (_, l) => {
        const { exposure, left } = limitHeadroom(l, declarations);
        return (
          <div>
            <div>{labels.money(exposure, policy.currency)}</div>
            {left !== null ? (
              <Typography.Text type="secondary" data-testid="insurance-limit-left">
                {t('insurance.limits.left', { amount: labels.money(left, policy.currency) })}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    {
      key: 'history',
      title: t('insurance.limits.history'),
      render: (_, l) => (
        <ul className="finance-history">
          {l.history.map((h) => (
            <li key={`${h.kind}:${h.at}`}>
              {t(`insurance.limitEvents.${h.kind}`, { defaultValue: h.kind })}
              {h.amount ? ` ${money(h.amount)}` : ''} · {nameOf(h.byOrganisationId)} · {format.dateTime(h.at)}
              {h.reason ? ` · ${h.reason}` : ''}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, l) => (
        <Space wrap>
          {limitActions(policy.role, l.status).map((action) => (
            <Button
              key={action}
              size="small"
              type={action === 'approve' ? 'primary' : 'default'}
              danger={action === 'refuse' || action === 'cancel'}
              onClick={() => setDeciding({ limit: l, action })}
              data-testid={`insurance-limit-${action}`}
            >
              {t(`insurance.limitActions.${action}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('insurance.limits.title')}
      className="block-gap"
      data-testid="insurance-limits"
      extra={
        <Space wrap>
          {policy.role === 'exporter' ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setApplying(true)}
              data-testid="insurance-limit-apply"
            >
              {t('insurance.apply.open')}
            </Button>
          ) : null}
          <ExportButtons<CreditLimit>
            rows={policy.limits}
            fileName={`insurance-limits-${policy.policyNumber}`}
            sheetName={t('insurance.limits.title')}
            testIdPrefix="insurance-limits"
            columns={[
              { header: t('insurance.limits.buyer'), value: (l) => l.buyer.name, width: 30 },
              { header: t('insurance.fields.country'), value: (l) => l.buyer.country, width: 8 },
              {
                header: t('insurance.fields.registrationId'),
                value: (l) => l.buyer.registrationId ?? '',
                width: 20,
              },
              { header: t('insurance.columns.currency'), value: (l) => l.requestedAmount.currency, width: 8 },
              { header: t('insurance.limits.requested'), value: (l) => l.requestedAmount.amount, width: 16 },
              {
                header: t('insurance.limits.approved'),
                value: (l) => l.approvedAmount?.amount ?? '',
                width: 16,
              },
              {
                header: t('insurance.columns.status'),
                value: (l) => t(`insurance.limitStatuses.${l.status}`),
                width: 12,
              },
              {
                header: t('insurance.limits.exposure'),
                value: (l) => limitHeadroom(l, declarations).exposure,
                width: 16,
              },
              { header: 'id', value: (l) => l.id, width: 30 },
            ]}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('insurance.limits.intro')}</Typography.Paragraph>
      <Table<CreditLimit>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={policy.limits}
        locale={{ emptyText: t('insurance.limits.empty') }}
        onRow={(l) => ({ 'data-testid': 'insurance-limit-row', 'data-limit-id': l.id }) as object}
        data-testid="insurance-limits-table"
      />
      {applying ? <ApplyLimitModal policy={policy} onClose={() => setApplying(false)} /> : null}
      {deciding ? (
        <LimitDecisionModal
          policy={policy}
          limit={deciding.limit}
          action={deciding.action}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </Card>
  );
};

type ApplyValues = {
  mode: 'hub' | 'name';
  organisationId?: string;
  name?: string;
  country?: string;
  registrationId?: string;
  amount: string;
};

const BUYER_FIELDS: Record<string, keyof ApplyValues> = {
  'buyer.organisationId': 'organisationId',
  'buyer.name': 'name',
  'buyer.country': 'country',
  'amount.amount': 'amount',
};

const ApplyLimitModal = ({ policy, onClose }: { policy: Policy; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const [form] = Form.useForm<ApplyValues>();
  const mode = Form.useWatch('mode', form) ?? 'hub';
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const partners = usePartners(orgId, settled);
  const [failure, setFailure] = useState<Failure>(null);
  const amountRule = useAmountRule(policy.currency);
  const apply = useInsuranceMutation(orgId, (values: ApplyValues) =>
    applyForLimit(orgId, policy.id, {
      buyer:
        values.mode === 'hub'
          ? { organisationId: values.organisationId ?? '' }
          : {
              name: (values.name ?? '').trim(),
              country: values.country ?? '',
              ...(values.registrationId?.trim() ? { registrationId: values.registrationId.trim() } : {}),
            },
      amount: { amount: values.amount.trim(), currency: policy.currency },
    }),
  );
  const submit = async (values: ApplyValues) => {
    setFailure(null);
    try {
      await apply.mutateAsync(values);
      void message.success(t('insurance.apply.done'));
      onClose();
    } catch (error) {
      // The server names the buyer's parts `buyer.*` and the amount `amount.amount`; the form's fields are flat.
      const unmatched = applyFieldErrors(form, error, [], common.fieldError).filter((item) => {
        const field = BUYER_FIELDS[item.field];
        if (field) {
          form.setFields([{ name: field, errors: [common.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };
  const required = { required: true, message: t('payments.validation.required') };
  return (
    <Modal
      open
      title={t('insurance.apply.title')}
      okText={t('insurance.apply.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: apply.isPending, ...({ 'data-testid': 'insurance-apply-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('insurance.apply.intro')}</Typography.Paragraph>
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'hub' }}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setFailure(null)}
        data-testid="insurance-apply-form"
      >
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'hub', label: t('insurance.apply.onHub') },
              { value: 'name', label: t('insurance.apply.byName') },
            ]}
            data-testid="insurance-apply-mode"
          />
        </Form.Item>
        {mode === 'hub' ? (
          <Form.Item name="organisationId" label={t('insurance.limits.buyer')} rules={[required]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              loading={partners.isFetching}
              options={(partners.data ?? [])
                .filter((p) => p.organisationId !== policy.insurerOrganisationId)
                .map((p) => ({
                  value: p.organisationId,
                  label: `${i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name} (${p.country})`,
                }))}
              data-testid="insurance-apply-buyer"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label={t('insurance.fields.buyerName')} rules={[required]}>
              <Input maxLength={200} data-testid="insurance-apply-name" />
            </Form.Item>
            <Form.Item name="country" label={t('insurance.fields.country')} rules={[required]}>
              <CountrySelect testId="insurance-apply-country" />
            </Form.Item>
            <Form.Item name="registrationId" label={t('insurance.fields.registrationId')}>
              <Input maxLength={64} data-testid="insurance-apply-registration" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="amount"
          required
          label={t('insurance.apply.amount', { currency: policy.currency })}
          rules={[amountRule]}
        >
          <Input inputMode="decimal" autoComplete="off" data-testid="insurance-apply-amount" />
        </Form.Item>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="insurance-apply-error" />
      ) : null}
    </Modal>
  );
};

type DecisionValues = { amount?: string; reason?: string };

const LimitDecisionModal = ({
  policy,
  limit,
  action,
  onClose,
}: {
  policy: Policy;
  limit: CreditLimit;
  action: LimitAction;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = usePaymentsLabels();
  const [form] = Form.useForm<DecisionValues>();
  const [failure, setFailure] = useState<Failure>(null);
  const amountRule = useAmountRule(policy.currency);
  const withAmount = action === 'approve' || action === 'reduce';
  const reasonRequired = action === 'refuse' || action === 'cancel';
  const decide = useInsuranceMutation(orgId, (values: DecisionValues) => {
    const amount = { amount: (values.amount ?? '').trim(), currency: policy.currency };
    const reason = (values.reason ?? '').trim();
    return decideLimit(
      orgId,
      policy.id,
      limit.id,
      action === 'approve'
        ? { action, amount }
        : action === 'reduce'
          ? { action, amount, ...(reason ? { reason } : {}) }
          : { action, reason },
    );
  });
  const submit = async (values: DecisionValues) => {
    setFailure(null);
    try {
      await decide.mutateAsync(values);
      void message.success(t(`insurance.limitActions.${action}Done`));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, ['reason'], common.fieldError).filter((item) => {
        if (item.field.startsWith('amount')) {
          form.setFields([{ name: 'amount', errors: [common.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };
  return (
    <Modal
      open
      title={t(`insurance.limitActions.${action}Title`, { buyer: limit.buyer.name })}
      okText={t(`insurance.limitActions.${action}`)}
      okButtonProps={{
        loading: decide.isPending,
        danger: !withAmount,
        ...({ 'data-testid': 'insurance-decision-submit' } as object),
      }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('insurance.limitActions.requestedWas', {
          amount: labels.money(limit.requestedAmount.amount, limit.requestedAmount.currency),
        })}
      </Typography.Paragraph>
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        initialValues={{ amount: action === 'approve' ? limit.requestedAmount.amount : '' }}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setFailure(null)}
        data-testid="insurance-decision-form"
      >
        {withAmount ? (
          <Form.Item
            name="amount"
            required
            label={t('insurance.limitActions.amount', { currency: policy.currency })}
            rules={[amountRule]}
          >
            <Input inputMode="decimal" autoComplete="off" data-testid="insurance-decision-amount" />
          </Form.Item>
        ) : null}
        {action !== 'approve' ? (
          <Form.Item
            name="reason"
            label={t('insurance.fields.reason')}
            rules={
              reasonRequired
                ? [{ required: true, whitespace: true, message: t('payments.validation.required') }]
                : []
            }
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="insurance-decision-reason" />
          </Form.Item>
        ) : null}
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="insurance-decision-error" />
      ) : null}
    </Modal>
  );
};

const DeclarationsCard = ({
  policy,
  rows,
  loading,
  error,
  onOpen,
}: {
  policy: Policy;
  rows: DeclarationSummary[];
  loading: boolean;
  error: unknown;
  onOpen: (id: string) => void;
}) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const [declaring, setDeclaring] = useState(false);
  const buyerOf = (limitId: string) => policy.limits.find((l) => l.id === limitId)?.buyer.name ?? limitId;
  const money = (m: MoneyValue) => labels.money(m.amount, m.currency);
  const statusLabel = (s: DeclarationStatus) => t(`insurance.declarationStatuses.${s}`);
  const columns: TableColumnsType<DeclarationSummary> = [
    {
      key: 'invoice',
      title: t('insurance.declarations.invoiceNumber'),
      render: (_, d) => (
        <Button
          type="link"
          size="small"
          onClick={() => onOpen(d.id)}
          data-testid="insurance-declaration-open"
        >
          {d.invoiceNumber}
        </Button>
      ),
    },
    { key: 'buyer', title: t('insurance.limits.buyer'), render: (_, d) => buyerOf(d.limitId) },
    {
      key: 'amount',
      title: t('insurance.declarations.invoiceAmount'),
      className: 'payments-amount',
      render: (_, d) => money(d.invoiceAmount),
    },
    {
      key: 'premium',
      title: t('insurance.declarations.premium'),
      className: 'payments-amount',
      render: (_, d) => <span data-testid="insurance-declaration-premium">{money(d.premium)}</span>,
    },
    {
      key: 'shipment',
      title: t('insurance.declarations.shipmentDate'),
      render: (_, d) => format.date(d.shipmentDate),
    },
    { key: 'due', title: t('insurance.declarations.dueDate'), render: (_, d) => format.date(d.dueDate) },
    {
      key: 'claimable',
      title: t('insurance.declarations.claimableFrom'),
      render: (_, d) => format.date(d.claimableFrom),
    },
    {
      key: 'status',
      title: t('insurance.columns.status'),
      render: (_, d) => (
        <Tag
          color={DECLARATION_COLOUR[d.status]}
          data-testid="insurance-declaration-status"
          data-status={d.status}
        >
          {statusLabel(d.status)}
        </Tag>
      ),
    },
  ];
  return (
    <Card
      title={t('insurance.declarations.title')}
      className="block-gap"
      data-testid="insurance-declarations"
      extra={
        <Space wrap>
          {policy.role === 'exporter' ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDeclaring(true)}
              data-testid="insurance-declare-open"
            >
              {t('insurance.declare.open')}
            </Button>
          ) : null}
          <ExportButtons<DeclarationSummary>
            rows={rows}
            fileName={`insurance-declarations-${policy.policyNumber}`}
            sheetName={t('insurance.declarations.title')}
            testIdPrefix="insurance-declarations"
            columns={[
              { header: t('insurance.declarations.invoiceNumber'), value: (d) => d.invoiceNumber, width: 20 },
              { header: t('insurance.limits.buyer'), value: (d) => buyerOf(d.limitId), width: 30 },
              { header: t('insurance.columns.currency'), value: (d) => d.invoiceAmount.currency, width: 8 },
              // Amounts as the server's decimal strings, never through floats.
              {
                header: t('insurance.declarations.invoiceAmount'),
                value: (d) => d.invoiceAmount.amount,
                width: 16,
              },
              { header: t('insurance.declarations.premium'), value: (d) => d.premium.amount, width: 12 },
              { header: t('insurance.declarations.shipmentDate'), value: (d) => d.shipmentDate, width: 12 },
              { header: t('insurance.declarations.dueDate'), value: (d) => d.dueDate, width: 12 },
              { header: t('insurance.declarations.claimableFrom'), value: (d) => d.claimableFrom, width: 12 },
              { header: t('insurance.columns.status'), value: (d) => statusLabel(d.status), width: 14 },
              {
                header: t('insurance.declarations.premiumTransfer'),
                value: (d) => d.premiumTransferId ?? '',
                width: 36,
              },
              { header: 'id', value: (d) => d.id, width: 30 },
            ]}
          />
        </Space>
      }
    >
      {error ? <ErrorAlert error={error} /> : null}
      <Table<DeclarationSummary>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={loading}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: t('insurance.declarations.empty') }}
        onRow={(d) => ({ 'data-testid': 'insurance-declaration-row', 'data-declaration-id': d.id }) as object}
        data-testid="insurance-declarations-table"
      />
      {declaring ? (
        <DeclareModal policy={policy} declarations={rows} onClose={() => setDeclaring(false)} />
      ) : null}
    </Card>
  );
};

type DeclareValues = {
  limitId: string;
  invoiceNumber: string;
  invoiceAmount: string;
  shipmentDate: string;
  dueDate: string;
  accountId: string;
};

const DeclareModal = ({
  policy,
  declarations,
  onClose,
}: {
  policy: Policy;
  declarations: DeclarationSummary[];
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = usePaymentsLabels();
  const [form] = Form.useForm<DeclareValues>();
  const amount = Form.useWatch('invoiceAmount', form) ?? '';
  const [failure, setFailure] = useState<Failure>(null);
  const accounts = useAccounts(orgId);
  const usable = (accounts.data ?? []).filter((a) => a.currency === policy.currency && !a.closed);
  const limits = declarableLimits(policy.limits);
  const amountRule = useAmountRule(policy.currency);
  const premium = premiumPreview(amount, policy.premiumRate, policy.currency);
  const dateRule = (field: 'shipmentDate' | 'dueDate') => ({
    validator: async () => {
      const problem = declarationDateProblem(
        policy,
        form.getFieldValue('shipmentDate') ?? '',
        form.getFieldValue('dueDate') ?? '',
      );
      if (problem?.field === field) {
        throw new Error(common.fieldError(problem.code, ''));
      }
    },
  });
  const declare = useInsuranceMutation(orgId, (values: DeclareValues) =>
    declareShipment(orgId, policy.id, {
      limitId: values.limitId,
      invoiceNumber: values.invoiceNumber.trim(),
      invoiceAmount: { amount: values.invoiceAmount.trim(), currency: policy.currency },
      shipmentDate: values.shipmentDate,
      dueDate: values.dueDate,
      accountId: values.accountId,
    }),
  );
  const submit = async (values: DeclareValues) => {
    setFailure(null);
    try {
      const made = await declare.mutateAsync(values);
      void message.success(
        t('insurance.declare.done', { premium: labels.money(made.premium.amount, made.premium.currency) }),
      );
      onClose();
    } catch (error) {
      const fields = ['limitId', 'invoiceNumber', 'shipmentDate', 'dueDate', 'accountId'];
      const unmatched = applyFieldErrors(form, error, fields, common.fieldError).filter((item) => {
        if (item.field.startsWith('invoiceAmount')) {
          form.setFields([{ name: 'invoiceAmount', errors: [common.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };
  const required = { required: true, message: t('payments.validation.required') };
  return (
    <Modal
      open
      width={680}
      title={t('insurance.declare.title')}
      okText={t('insurance.declare.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        loading: declare.isPending,
        ...({ 'data-testid': 'insurance-declare-submit' } as object),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('insurance.declare.intro', { rate: rateToPercent(policy.premiumRate) })}
      </Typography.Paragraph>
      <Form<DeclareValues>
        form={form}
        layout="vertical"
        className="payments-form"
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<DeclareValues>) => {
          setFailure(null);
          // Each date's rule depends on the other: re-check both when one changes.
          if (changed.shipmentDate !== undefined || changed.dueDate !== undefined) {
            void form.validateFields(['shipmentDate', 'dueDate']).catch(() => undefined);
          }
        }}
        data-testid="insurance-declare-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="limitId" label={t('insurance.declare.limit')} rules={[required]}>
              <Select
                options={limits.map((l) => ({
                  value: l.id,
                  label: `${l.buyer.name} · ${t('insurance.limits.left', {
                    amount: labels.money(limitHeadroom(l, declarations).left ?? '0', policy.currency),
                  })}`,
                }))}
                notFoundContent={t('insurance.declare.noLimit')}
                data-testid="insurance-declare-limit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="invoiceNumber"
              label={t('insurance.declarations.invoiceNumber')}
              rules={[required]}
            >
              <Input maxLength={64} autoComplete="off" data-testid="insurance-declare-invoice" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="invoiceAmount"
              required
              label={t('insurance.declare.amount', { currency: policy.currency })}
              rules={[amountRule]}
              extra={
                premium !== null ? (
                  <span data-testid="insurance-declare-premium">
                    {t('insurance.declare.premiumPreview', {
                      premium: labels.money(premium, policy.currency),
                    })}
                  </span>
                ) : undefined
              }
            >
              <Input inputMode="decimal" autoComplete="off" data-testid="insurance-declare-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="accountId"
              label={t('insurance.declare.account', { currency: policy.currency })}
              rules={[required]}
            >
              <Select
                loading={accounts.isPending}
                options={usable.map((a) => ({
                  value: a.id,
                  label: `${a.code} · ${labels.money(a.available, a.currency)}`,
                }))}
                notFoundContent={t('financing.noAccount', { currency: policy.currency })}
                data-testid="insurance-declare-account"
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="shipmentDate"
              label={t('insurance.declarations.shipmentDate')}
              rules={[required, dateRule('shipmentDate')]}
            >
              <Input type="date" data-testid="insurance-declare-shipment" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="dueDate"
              label={t('insurance.declarations.dueDate')}
              rules={[required, dateRule('dueDate')]}
            >
              <Input type="date" data-testid="insurance-declare-due" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="insurance-declare-error" />
      ) : null}
    </Modal>
  );
};

const DeclarationDrawer = ({
  policy,
  declarationId,
  onClose,
}: {
  policy: Policy;
  declarationId: string | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const narrow = useIsNarrow();
  const declaration = useDeclaration(orgId, declarationId);
  return (
    <Drawer
      open={declarationId !== null}
      onClose={onClose}
      size={narrow ? '100%' : 720}
      title={declaration.data ? declaration.data.invoiceNumber : t('insurance.declarations.detail')}
      destroyOnHidden
      data-testid="insurance-declaration-drawer"
    >
      {declaration.isPending && declarationId !== null ? <Skeleton active /> : null}
      {declaration.isError ? (
        <ErrorAlert error={declaration.error} onRetry={() => void declaration.refetch()} />
      ) : null}
      {declaration.data ? <DeclarationDetail policy={policy} declaration={declaration.data} /> : null}
    </Drawer>
  );
};

const DeclarationDetail = ({ policy, declaration }: { policy: Policy; declaration: Declaration }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const [failure, setFailure] = useState<unknown>(null);
  const [claiming, setClaiming] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const actions = declarationActions(policy.role, declaration);
  const money = (m: MoneyValue) => labels.money(m.amount, m.currency);
  const step = useInsuranceMutation(orgId, (which: 'premium' | 'settle') =>
    declarationStep(orgId, declaration.id, which),
  );
  const accept = useInsuranceMutation(orgId, () =>
    decideClaim(orgId, declaration.id, { decision: 'accept' }),
  );
  const run = async (action: DeclarationAction, write: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write();
      void message.success(t(`insurance.declarationActions.${action}Done`));
    } catch (error) {
      setFailure(error);
    }
  };
  const today = utcToday(new Date());
  const buyer = policy.limits.find((l) => l.id === declaration.limitId)?.buyer.name ?? declaration.limitId;
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%' }}
      data-testid="insurance-declaration-detail"
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('insurance.columns.status')}>
          <Tag
            color={DECLARATION_COLOUR[declaration.status]}
            data-testid="insurance-detail-status"
            data-status={declaration.status}
          >
            {t(`insurance.declarationStatuses.${declaration.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.limits.buyer')}>{buyer}</Descriptions.Item>
        <Descriptions.Item label={t('insurance.declarations.invoiceAmount')}>
          <span className="payments-amount">{money(declaration.invoiceAmount)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.declarations.premium')}>
          <span className="payments-amount" data-testid="insurance-detail-premium">
            {money(declaration.premium)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.declarations.premiumTransfer')}>
          <span className="mono payments-id">{declaration.premiumTransferId ?? '–'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.declare.accountShort')}>
          <span className="mono payments-id">{declaration.accountId}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.declarations.shipmentDate')}>
          {format.date(declaration.shipmentDate)}
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.declarations.dueDate')}>
          {format.date(declaration.dueDate)}
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.declarations.claimableFrom')}>
          {format.date(declaration.claimableFrom)}
        </Descriptions.Item>
      </Descriptions>
      {actions.length > 0 ? (
        <Card
          size="small"
          title={t('insurance.declarationActions.title')}
          data-testid="insurance-declaration-actions"
        >
          <Typography.Paragraph type="secondary">
            {t(`insurance.declarationActions.who.${policy.role}`)}
          </Typography.Paragraph>
          <Flex wrap gap={8}>
            {actions.includes('premium') ? (
              <Button
                type="primary"
                loading={step.isPending}
                onClick={() => void run('premium', () => step.mutateAsync('premium'))}
                data-testid="insurance-action-premium"
              >
                {t('insurance.declarationActions.premium')}
              </Button>
            ) : null}
            {actions.includes('settle') ? (
              <Popconfirm
                title={t('insurance.declarationActions.settleConfirm')}
                okText={t('insurance.declarationActions.settle')}
                cancelText={t('common.cancel')}
                onConfirm={() => void run('settle', () => step.mutateAsync('settle'))}
              >
                <Button loading={step.isPending} data-testid="insurance-action-settle">
                  {t('insurance.declarationActions.settle')}
                </Button>
              </Popconfirm>
            ) : null}
            {actions.includes('claim') ? (
              <Button danger onClick={() => setClaiming(true)} data-testid="insurance-action-claim">
                {t('insurance.declarationActions.claim')}
              </Button>
            ) : null}
            {actions.includes('acceptClaim') && declaration.claim ? (
              <Popconfirm
                title={t('insurance.declarationActions.acceptConfirm', {
                  payout: money(declaration.claim.payoutAmount),
                })}
                okText={t('insurance.declarationActions.acceptClaim')}
                cancelText={t('common.cancel')}
                onConfirm={() => void run('acceptClaim', () => accept.mutateAsync(undefined))}
              >
                <Button type="primary" loading={accept.isPending} data-testid="insurance-action-accept">
                  {t('insurance.declarationActions.acceptClaim')}
                </Button>
              </Popconfirm>
            ) : null}
            {actions.includes('rejectClaim') ? (
              <Button danger onClick={() => setRejecting(true)} data-testid="insurance-action-reject">
                {t('insurance.declarationActions.rejectClaim')}
              </Button>
            ) : null}
          </Flex>
          {actions.includes('claim') && !claimOpen(declaration, today) ? (
            <Typography.Paragraph
              type="warning"
              className="block-gap"
              data-testid="insurance-claim-too-early"
            >
              {t('insurance.claim.notYet', { date: format.date(declaration.claimableFrom) })}
            </Typography.Paragraph>
          ) : null}
          {failure ? <ErrorAlert error={failure} testId="insurance-action-error" /> : null}
        </Card>
      ) : null}
      {declaration.claim ? <ClaimCard claim={declaration.claim} /> : null}
      {claiming ? (
        <ClaimModal policy={policy} declaration={declaration} onClose={() => setClaiming(false)} />
      ) : null}
      {rejecting ? <RejectClaimModal declaration={declaration} onClose={() => setRejecting(false)} /> : null}
    </Space>
  );
};

const ClaimCard = ({ claim }: { claim: Claim }) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const nameOf = useOrganisationNames();
  const money = (m: MoneyValue) => labels.money(m.amount, m.currency);
  return (
    <Card size="small" title={t('insurance.claim.title')} data-testid="insurance-claim">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('insurance.columns.status')}>
          <Tag
            color={CLAIM_COLOUR[claim.status]}
            data-testid="insurance-claim-status"
            data-status={claim.status}
          >
            {t(`insurance.claimStatuses.${claim.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.claim.outstanding')}>
          {money(claim.outstandingAmount)}
        </Descriptions.Item>
        <Descriptions.Item label={t('insurance.claim.payout')}>
          <span data-testid="insurance-claim-payout">{money(claim.payoutAmount)}</span>
        </Descriptions.Item>
        {claim.reason ? (
          <Descriptions.Item label={t('insurance.fields.reason')}>{claim.reason}</Descriptions.Item>
        ) : null}
        {claim.payoutTransferId ? (
          <Descriptions.Item label={t('insurance.claim.payoutTransfer')}>
            <span className="mono payments-id">{claim.payoutTransferId}</span>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('insurance.claim.filedAt')}>
          {format.dateTime(claim.filedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} className="block-gap">
        {t('insurance.claim.evidence')}
      </Typography.Title>
      <Table
        rowKey="documentId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={claim.evidence}
        columns={[
          {
            key: 'role',
            title: t('insurance.claim.role'),
            render: (_, e) => t(`insurance.evidenceRoles.${e.role}`, { defaultValue: e.role }),
          },
          {
            key: 'document',
            title: t('insurance.claim.document'),
            render: (_, e) => <span className="mono">{e.documentId}</span>,
          },
          {
            key: 'sha256',
            title: 'SHA-256',
            render: (_, e) => (
              <Typography.Text copyable={{ text: e.sha256 }} className="mono">
                {`${e.sha256.slice(0, 16)}…`}
              </Typography.Text>
            ),
          },
        ]}
        data-testid="insurance-claim-evidence"
      />
      <Timeline
        className="block-gap"
        items={claim.history.map((h) => ({
          key: `${h.kind}:${h.at}`,
          color:
            h.kind === 'paid'
              ? 'green'
              : h.kind === 'rejected' || h.kind === 'payout_failed'
                ? 'red'
                : 'blue',
          content: (
            <div data-testid="insurance-claim-event" data-kind={h.kind}>
              <Typography.Text strong>
                {t(`insurance.claimEvents.${h.kind}`, { defaultValue: h.kind })}
              </Typography.Text>
              <div>{nameOf(h.byOrganisationId)}</div>
              <Typography.Text type="secondary">{format.dateTime(h.at)}</Typography.Text>
            </div>
          ),
        }))}
      />
    </Card>
  );
};

const EVIDENCE_FIELDS = Array.from({ length: 10 }, (_, i) => `evidence.${i}.documentId`);

type ClaimValues = { outstanding?: string; evidence: { role: EvidenceRole; documentId: string }[] };

const ClaimModal = ({
  policy,
  declaration,
  onClose,
}: {
  policy: Policy;
  declaration: Declaration;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = usePaymentsLabels();
  const [form] = Form.useForm<ClaimValues>();
  const outstanding = Form.useWatch('outstanding', form) ?? '';
  const [failure, setFailure] = useState<Failure>(null);
  const documents = useDocuments(orgId, { type: null, status: 'active', number: '' });
  const options = (documents.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
    value: d.id,
    label: `${d.documentNumber} · ${d.documentType}`,
  }));
  const amountRule = useAmountRule(policy.currency, true);
  const payout = payoutPreview(
    outstanding.trim() === '' ? declaration.invoiceAmount.amount : outstanding,
    policy.indemnityPercent,
    policy.currency,
  );
  const claim = useInsuranceMutation(orgId, (values: ClaimValues) =>
    fileClaim(orgId, declaration.id, {
      ...(values.outstanding?.trim()
        ? { outstandingAmount: { amount: values.outstanding.trim(), currency: policy.currency } }
        : {}),
      evidence: values.evidence,
    }),
  );
  const submit = async (values: ClaimValues) => {
    setFailure(null);
    try {
      await claim.mutateAsync(values);
      void message.success(t('insurance.claim.done'));
      onClose();
    } catch (error) {
      // `evidence.0.documentId` lands on the row's field; `outstandingAmount.amount` on the amount.
      const unmatched = applyFieldErrors(form, error, EVIDENCE_FIELDS, common.fieldError).filter((item) => {
        if (item.field.startsWith('outstandingAmount')) {
          form.setFields([{ name: 'outstanding', errors: [common.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };
  return (
    <Modal
      open
      width={680}
      title={t('insurance.claim.fileTitle', { invoice: declaration.invoiceNumber })}
      okText={t('insurance.claim.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        danger: true,
        loading: claim.isPending,
        ...({ 'data-testid': 'insurance-claim-submit' } as object),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('insurance.claim.intro')}</Typography.Paragraph>
      <Form<ClaimValues>
        form={form}
        layout="vertical"
        initialValues={{ evidence: [{ role: 'invoice', documentId: undefined }] }}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setFailure(null)}
        data-testid="insurance-claim-form"
      >
        <Form.Item
          name="outstanding"
          label={t('insurance.claim.outstandingInput', { currency: policy.currency })}
          extra={
            payout !== null
              ? t('insurance.claim.payoutPreview', {
                  payout: labels.money(payout, policy.currency),
                  percent: policy.indemnityPercent,
                })
              : undefined
          }
          rules={[amountRule]}
        >
          <Input
            inputMode="decimal"
            autoComplete="off"
            placeholder={declaration.invoiceAmount.amount}
            data-testid="insurance-claim-outstanding"
          />
        </Form.Item>
        <Form.List name="evidence">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} wrap align="flex-start">
                  <Form.Item name={[field.name, 'role']} style={{ flex: '0 1 160px' }}>
                    <Select
                      options={EVIDENCE_ROLES.map((role) => ({
                        value: role,
                        label: t(`insurance.evidenceRoles.${role}`),
                      }))}
                      data-testid="insurance-claim-role"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'documentId']}
                    style={{ flex: '1 1 220px' }}
                    rules={[{ required: true, message: t('payments.validation.required') }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={documents.isPending}
                      options={options}
                      placeholder={t('insurance.claim.pickDocument')}
                      data-testid="insurance-claim-document"
                    />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button onClick={() => remove(field.name)}>{t('insurance.claim.remove')}</Button>
                  ) : null}
                </Flex>
              ))}
              {fields.length < 10 ? (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'bill_of_lading' })}
                  data-testid="insurance-claim-add"
                >
                  {t('insurance.claim.add')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="insurance-claim-error" />
      ) : null}
    </Modal>
  );
};

const RejectClaimModal = ({ declaration, onClose }: { declaration: Declaration; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<Failure>(null);
  const reject = useInsuranceMutation(orgId, (reason: string) =>
    decideClaim(orgId, declaration.id, { decision: 'reject', reason }),
  );
  const submit = async ({ reason }: { reason: string }) => {
    setFailure(null);
    try {
      await reject.mutateAsync(reason.trim());
      void message.success(t('insurance.declarationActions.rejectClaimDone'));
      onClose();
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, ['reason'], common.fieldError) });
    }
  };
  return (
    <Modal
      open
      title={t('insurance.declarationActions.rejectClaim')}
      okText={t('insurance.declarationActions.rejectClaim')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        danger: true,
        loading: reject.isPending,
        ...({ 'data-testid': 'insurance-reject-submit' } as object),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setFailure(null)}
      >
        <Form.Item
          name="reason"
          label={t('insurance.fields.reason')}
          rules={[{ required: true, whitespace: true, message: t('payments.validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="insurance-reject-reason" />
        </Form.Item>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="insurance-reject-error" />
      ) : null}
    </Modal>
  );
};
