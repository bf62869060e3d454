import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  issuePolicy,
  type PolicyRole,
  type PolicySummary,
  useInsuranceMutation,
  usePolicies,
} from '../../api/finance-insurance.ts';
import { usePartners } from '../../api/orders.ts';
import { useAccounts } from '../../api/payments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { useOrganisationNames } from '../../components/finance/use-organisation-names.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isMoneyCurrency } from '../../components/payments/ledger-model.ts';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { counterpartyOf, isIndemnityPercent } from './insurance-model.ts';
import { percentToRate, rateToPercent } from './requests-model.ts';
import '../../components/payments/payments.css';
import '../../components/finance/finance.css';

export const POLICY_ROLE_COLOUR: Record<PolicyRole, string> = { insurer: 'purple', exporter: 'blue' };

/** The credit-insurance policies the organisation issued (an insurer) or holds (an exporter). */
export const InsurancePoliciesPage = () => {
  const { t } = useTranslation();
  const { orgId, membership } = useActiveOrg();
  const navigate = useNavigate();
  const format = useFormat();
  const nameOf = useOrganisationNames();
  const policies = usePolicies(orgId);
  const [issuing, setIssuing] = useState(false);
  const isInsurer = membership.organisation.kind === 'insurer';
  const rows = policies.data?.items ?? [];
  const period = (p: PolicySummary) => `${format.date(p.periodStart)} – ${format.date(p.periodEnd)}`;

  const columns: TableColumnsType<PolicySummary> = [
    {
      key: 'number',
      title: t('insurance.columns.policyNumber'),
      render: (_, p) => (
        <Link to={`/finance/insurance/${encodeURIComponent(p.id)}`} data-testid="insurance-policy-link">
          {p.policyNumber}
        </Link>
      ),
    },
    {
      key: 'role',
      title: t('insurance.columns.role'),
      render: (_, p) => <Tag color={POLICY_ROLE_COLOUR[p.role]}>{t(`insurance.roles.${p.role}`)}</Tag>,
    },
    {
      key: 'counterparty',
      title: t('insurance.columns.counterparty'),
      render: (_, p) => nameOf(counterpartyOf(p)),
    },
    { key: 'currency', title: t('insurance.columns.currency'), render: (_, p) => p.currency },
    {
      key: 'period',
      title: t('insurance.columns.period'),
      render: (_, p) => <span className="nowrap">{period(p)}</span>,
    },
    {
      key: 'rate',
      title: t('insurance.columns.premiumRate'),
      className: 'payments-amount',
      render: (_, p) => `${rateToPercent(p.premiumRate)} %`,
    },
    {
      key: 'indemnity',
      title: t('insurance.columns.indemnity'),
      className: 'payments-amount',
      render: (_, p) => `${p.indemnityPercent} %`,
    },
    {
      key: 'createdAt',
      title: t('insurance.columns.createdAt'),
      render: (_, p) => <span className="nowrap">{format.dateTime(p.createdAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('insurance.title')}
        subtitle={isInsurer ? t('insurance.subtitleInsurer') : t('insurance.subtitleExporter')}
        extra={
          isInsurer ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setIssuing(true)}
              data-testid="insurance-issue-open"
            >
              {t('insurance.issue.open')}
            </Button>
          ) : null
        }
      />
      <Card
        extra={
          <ExportButtons<PolicySummary>
            rows={rows}
            fileName="insurance-policies"
            sheetName={t('insurance.title')}
            testIdPrefix="insurance-policies"
            columns={[
              { header: t('insurance.columns.policyNumber'), value: (p) => p.policyNumber, width: 20 },
              {
                header: t('insurance.columns.role'),
                value: (p) => t(`insurance.roles.${p.role}`),
                width: 10,
              },
              {
                header: t('insurance.columns.counterparty'),
                value: (p) => nameOf(counterpartyOf(p)),
                width: 30,
              },
              { header: t('insurance.columns.currency'), value: (p) => p.currency, width: 8 },
              { header: t('insurance.fields.periodStart'), value: (p) => p.periodStart, width: 12 },
              { header: t('insurance.fields.periodEnd'), value: (p) => p.periodEnd, width: 12 },
              // Rates as the server's decimal text: a spreadsheet must not round them through floats.
              { header: t('insurance.fields.premiumRateShare'), value: (p) => p.premiumRate, width: 12 },
              { header: t('insurance.columns.indemnity'), value: (p) => p.indemnityPercent, width: 10 },
              {
                header: t('insurance.fields.waitingPeriodDays'),
                value: (p) => p.waitingPeriodDays,
                width: 10,
              },
              {
                header: t('insurance.fields.maxCreditPeriodDays'),
                value: (p) => p.maxCreditPeriodDays,
                width: 10,
              },
              { header: t('insurance.columns.createdAt'), value: (p) => p.createdAt, width: 24 },
              { header: 'id', value: (p) => p.id, width: 30 },
            ]}
          />
        }
      >
        {policies.isError ? (
          <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />
        ) : null}
        <Table<PolicySummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={policies.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: isInsurer ? t('insurance.emptyInsurer') : t('insurance.emptyExporter') }}
          data-testid="insurance-policies-table"
        />
      </Card>
      {issuing ? (
        <IssuePolicyModal
          onClose={() => setIssuing(false)}
          onIssued={(id) => navigate(`/finance/insurance/${encodeURIComponent(id)}`)}
        />
      ) : null}
    </div>
  );
};

type IssueValues = {
  policyNumber: string;
  exporterOrganisationId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  /** Typed as a percentage of the declared value (0.35), sent as a share (0.0035). */
  premiumRate: string;
  indemnityPercent: string;
  waitingPeriodDays: number;
  maxCreditPeriodDays: number;
  insurerAccountId: string;
};

const FORM_FIELDS = [
  'policyNumber',
  'exporterOrganisationId',
  'currency',
  'periodStart',
  'periodEnd',
  'premiumRate',
  'indemnityPercent',
  'waitingPeriodDays',
  'maxCreditPeriodDays',
  'insurerAccountId',
];

const yearFromToday = () => {
  const today = new Date();
  const start = today.toISOString().slice(0, 10);
  const end = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate() - 1));
  return { start, end: end.toISOString().slice(0, 10) };
};

const IssuePolicyModal = ({ onClose, onIssued }: { onClose: () => void; onIssued: (id: string) => void }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const common = useLabels();
  const labels = usePaymentsLabels();
  const [form] = Form.useForm<IssueValues>();
  const currency = (Form.useWatch('currency', form) ?? '').trim().toUpperCase();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const partners = usePartners(orgId, settled);
  const accounts = useAccounts(orgId);
  const usable = (accounts.data ?? []).filter((a) => a.currency === currency && !a.closed);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const issue = useInsuranceMutation(orgId, (values: IssueValues) =>
    issuePolicy(orgId, {
      policyNumber: values.policyNumber.trim(),
      exporterOrganisationId: values.exporterOrganisationId,
      currency: values.currency.trim().toUpperCase(),
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      premiumRate: percentToRate(values.premiumRate) ?? values.premiumRate,
      indemnityPercent: values.indemnityPercent.trim(),
      waitingPeriodDays: values.waitingPeriodDays,
      maxCreditPeriodDays: values.maxCreditPeriodDays,
      insurerAccountId: values.insurerAccountId,
    }),
  );
  const submit = async (values: IssueValues) => {
    setFailure(null);
    try {
      const policy = await issue.mutateAsync(values);
      onIssued(policy.id);
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, FORM_FIELDS, common.fieldError) });
    }
  };
  const required = { required: true, message: t('payments.validation.required') };
  const { start, end } = yearFromToday();
  return (
    <Modal
      open
      width={720}
      title={t('insurance.issue.title')}
      okText={t('insurance.issue.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: issue.isPending, ...({ 'data-testid': 'insurance-issue-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('insurance.issue.intro')}</Typography.Paragraph>
      <Form<IssueValues>
        form={form}
        layout="vertical"
        className="payments-form"
        initialValues={{
          currency: 'EUR',
          periodStart: start,
          periodEnd: end,
          premiumRate: '0.35',
          indemnityPercent: '90',
          waitingPeriodDays: 90,
          maxCreditPeriodDays: 180,
        }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<IssueValues>) => {
          setFailure(null);
          if (changed.currency !== undefined) {
            form.setFields([{ name: 'insurerAccountId', value: undefined }]);
          }
        }}
        data-testid="insurance-issue-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="policyNumber" label={t('insurance.fields.policyNumber')} rules={[required]}>
              <Input autoComplete="off" maxLength={64} data-testid="insurance-issue-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="exporterOrganisationId"
              label={t('insurance.fields.exporter')}
              rules={[required]}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                loading={partners.isFetching}
                options={(partners.data ?? []).map((p) => ({
                  value: p.organisationId,
                  label: `${i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name} (${p.country})`,
                }))}
                data-testid="insurance-issue-exporter"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="currency"
              label={t('insurance.fields.currency')}
              rules={[
                required,
                {
                  validator: async (_, value: string | undefined) => {
                    if (value && !isMoneyCurrency(value.trim().toUpperCase())) {
                      throw new Error(t('payments.validation.currency'));
                    }
                  },
                },
              ]}
            >
              <Input maxLength={3} autoComplete="off" data-testid="insurance-issue-currency" />
            </Form.Item>
          </Col>
          <Col xs={12} md={9}>
            <Form.Item name="periodStart" label={t('insurance.fields.periodStart')} rules={[required]}>
              <Input type="date" data-testid="insurance-issue-start" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="periodEnd" label={t('insurance.fields.periodEnd')} rules={[required]}>
              <Input type="date" data-testid="insurance-issue-end" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="premiumRate"
              label={t('insurance.fields.premiumRate')}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (percentToRate(value ?? '') === null) {
                      throw new Error(t('fieldErrors.finance.insurance_invalid_rate'));
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix="%" autoComplete="off" data-testid="insurance-issue-rate" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="indemnityPercent"
              label={t('insurance.fields.indemnityPercent')}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (!isIndemnityPercent(value ?? '')) {
                      throw new Error(t('fieldErrors.finance.insurance_invalid_percent'));
                    }
                  },
                },
              ]}
            >
              <Input
                inputMode="decimal"
                suffix="%"
                autoComplete="off"
                data-testid="insurance-issue-indemnity"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="waitingPeriodDays"
              label={t('insurance.fields.waitingPeriodDays')}
              rules={[required]}
            >
              <InputNumber min={0} max={720} precision={0} data-testid="insurance-issue-waiting" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="maxCreditPeriodDays"
              label={t('insurance.fields.maxCreditPeriodDays')}
              rules={[required]}
            >
              <InputNumber min={1} max={720} precision={0} data-testid="insurance-issue-max-credit" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="insurerAccountId"
              label={t('insurance.fields.insurerAccount', { currency })}
              extra={t('insurance.issue.accountHint')}
              rules={[required]}
            >
              <Select
                loading={accounts.isPending}
                options={usable.map((a) => ({
                  value: a.id,
                  label: `${a.code} · ${labels.money(a.available, a.currency)}`,
                }))}
                notFoundContent={t('financing.noAccount', { currency })}
                data-testid="insurance-issue-account"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="insurance-issue-error" />
      ) : null}
    </Modal>
  );
};
