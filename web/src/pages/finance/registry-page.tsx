import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  type FormInstance,
  Input,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ProblemFieldError } from '../../api/client.ts';
import {
  type CheckAnswer,
  checkInvoice,
  checkIpAsset,
  FINANCIER_KINDS,
  type InvoiceInput,
  IP_RIGHT_KINDS,
  type IpRightInput,
  REGISTRATION_STATUSES,
  type Registration,
  type RegistrationStatus,
  registerInvoice,
  releaseRegistration,
  useRegistrations,
  useRegistryMutation,
} from '../../api/finance.ts';
import { currencyName } from '../../components/documents/decimal-format.ts';
import { invoiceCurrencies } from '../../components/documents/invoice.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { InvoicePartyFields } from '../../components/payments/invoice-party-fields.tsx';
import { amountExceeds, checkAmount } from '../../components/payments/ledger-model.ts';
import {
  formFieldOf,
  type InvoiceFormValues,
  invoiceOf,
  isIsoDate,
} from '../../components/payments/registry-model.ts';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/payments/payments.css';

type RegisterValues = { financedAmount: string; expiresAt?: string; reference?: string };

const ANSWER_ALERT = { no_match: 'success', similar: 'warning', exact_match: 'error' } as const;
const RISK_COLOUR = { none: 'green', low: 'gold', medium: 'orange', high: 'red' } as const;

const INITIAL: InvoiceFormValues = {
  seller: { scheme: 'uscc', value: '' },
  buyer: { scheme: 'lei', value: '' },
  invoiceNumber: '',
  issueDate: '',
  amount: '',
  currency: 'USD',
};

/**
 * Puts a refusal's field errors on whichever of the two forms shows the field; returns the ones
 * neither shows, for the alert.
 */
const placeFieldErrors = (
  error: unknown,
  invoiceForm: FormInstance<InvoiceFormValues>,
  registerForm: FormInstance<RegisterValues> | null,
  translate: (code: string, message: string) => string,
): ProblemFieldError[] => {
  if (!isApiError(error)) {
    return [];
  }
  const unmatched: ProblemFieldError[] = [];
  for (const item of error.errors) {
    const field = formFieldOf(item.field);
    const message = translate(item.code, item.message);
    if (field === null) {
      unmatched.push(item);
    } else if (['financedAmount', 'expiresAt', 'reference'].includes(field)) {
      if (registerForm) {
        registerForm.setFields([{ name: field as keyof RegisterValues, errors: [message] }]);
      } else {
        unmatched.push(item);
      }
    } else {
      invoiceForm.setFields([{ name: field.split('.') as never, errors: [message] }]);
    }
  }
  return unmatched;
};

const NotAFinancier = () => {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('financeRegistry.title')} subtitle={t('financeRegistry.subtitle')} />
      <Card>
        <Result
          status="info"
          icon={<SafetyCertificateOutlined />}
          title={t('financeRegistry.notFinancier.title')}
          subTitle={t('financeRegistry.notFinancier.body')}
          data-testid="registry-not-financier"
        />
      </Card>
    </div>
  );
};

const Registrations = ({ orgId }: { orgId: string }) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const common = useLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RegistrationStatus | null>('active');
  const list = useRegistrations(orgId, status, true);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const release = useRegistryMutation(orgId, (id: string) => releaseRegistration(orgId, id));

  const onRelease = async (registration: Registration) => {
    try {
      await release.mutateAsync(registration.id);
      void message.success(t('financeRegistry.registrations.released'));
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };

  const columns: TableColumnsType<Registration> = [
    {
      key: 'registeredAt',
      title: t('financeRegistry.registrations.registeredAt'),
      render: (_, r) => <span className="nowrap">{format.dateTime(r.registeredAt)}</span>,
    },
    {
      key: 'status',
      title: t('financeRegistry.registrations.status'),
      render: (_, r) => (
        <Tag color={r.status === 'active' ? 'blue' : 'default'} data-testid="registration-status">
          {labels.registrationStatus(r.status)}
        </Tag>
      ),
    },
    {
      key: 'assetType',
      title: t('financeRegistry.registrations.assetType'),
      render: (_, r) => (
        <Tag color={r.assetType === 'ip_asset' ? 'purple' : 'default'} data-testid="registration-asset-type">
          {labels.assetType(r.assetType)}
        </Tag>
      ),
    },
    {
      key: 'face',
      title: t('financeRegistry.registrations.faceAmount'),
      className: 'payments-amount',
      render: (_, r) => labels.money(r.faceAmount.amount, r.faceAmount.currency),
    },
    {
      key: 'financed',
      title: t('financeRegistry.registrations.financedAmount'),
      className: 'payments-amount',
      render: (_, r) => labels.money(r.financedAmount.amount, r.financedAmount.currency),
    },
    {
      key: 'reference',
      title: t('financeRegistry.registrations.reference'),
      render: (_, r) => <span data-testid="registration-reference">{r.reference ?? '–'}</span>,
    },
    {
      key: 'expiresAt',
      title: t('financeRegistry.registrations.expiresAt'),
      render: (_, r) => <span className="nowrap">{format.date(r.releasedAt ?? r.expiresAt)}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) =>
        r.status === 'active' && r.assetType === 'ip_asset' ? (
          // An IP pledge's registration follows the pledge, which the bank releases in the IP registry.
          <Tooltip title={t('financeRegistry.registrations.releasedWithPledgeHint')}>
            <Typography.Text
              type="secondary"
              className="registry-ip-release"
              data-testid="registration-ip-release"
            >
              {t('financeRegistry.registrations.releasedWithPledge')}
            </Typography.Text>
          </Tooltip>
        ) : r.status === 'active' ? (
          <Popconfirm
            title={t('financeRegistry.registrations.releaseConfirm')}
            okText={t('financeRegistry.registrations.release')}
            cancelText={t('common.cancel')}
            onConfirm={() => onRelease(r)}
          >
            <Button size="small" loading={release.isPending} data-testid="registration-release">
              {t('financeRegistry.registrations.release')}
            </Button>
          </Popconfirm>
        ) : (
          '–'
        ),
    },
  ];

  return (
    <Card
      title={t('financeRegistry.registrations.title')}
      className="block-gap"
      extra={
        <Select<RegistrationStatus>
          allowClear
          className="payments-filter"
          placeholder={t('financeRegistry.registrations.allStatuses')}
          aria-label={t('financeRegistry.registrations.status')}
          value={status}
          onChange={(value) => setStatus(value ?? null)}
          options={REGISTRATION_STATUSES.map((code) => ({
            value: code,
            label: labels.registrationStatus(code),
          }))}
          data-testid="registrations-filter"
        />
      }
      data-testid="registrations"
    >
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Registration>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.status === 'active' ? '' : 'row-muted')}
        locale={{ emptyText: t('financeRegistry.registrations.empty') }}
        data-testid="registrations-table"
      />
      <Flex justify="center" className="load-more">
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
};

type IpCheckValues = { kind: IpRightInput['kind']; jurisdiction: string; registryNumber: string };

const IP_CHECK_FIELDS = ['kind', 'jurisdiction', 'registryNumber'];

/** A bank asks whether an IP right is pledged on the hub before lending against it. */
const IpCheck = ({ orgId }: { orgId: string }) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const common = useLabels();
  const [form] = Form.useForm<IpCheckValues>();
  // The answer holds for exactly the right that was asked about: editing the form clears it.
  const [answer, setAnswer] = useState<CheckAnswer | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const check = useRegistryMutation(orgId, (right: IpRightInput) => checkIpAsset(orgId, right));

  const onCheck = async (values: IpCheckValues) => {
    setFailure(null);
    try {
      setAnswer(
        await check.mutateAsync({
          kind: values.kind,
          jurisdiction: values.jurisdiction.trim().toUpperCase(),
          registryNumber: values.registryNumber.trim(),
        }),
      );
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, IP_CHECK_FIELDS, common.fieldError) });
    }
  };

  return (
    <Card title={t('financeRegistry.ipCheck.title')} className="block-gap" data-testid="registry-ip-check">
      <Typography.Paragraph type="secondary">{t('financeRegistry.ipCheck.intro')}</Typography.Paragraph>
      <Form<IpCheckValues>
        form={form}
        layout="vertical"
        className="payments-form"
        initialValues={{ kind: 'patent', jurisdiction: 'CN', registryNumber: '' }}
        onFinish={(values) => void onCheck(values)}
        onValuesChange={() => {
          setAnswer(null);
          setFailure(null);
        }}
        data-testid="registry-ip-check-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('financeRegistry.ipCheck.kind')}>
              <Select
                options={IP_RIGHT_KINDS.map((kind) => ({ value: kind, label: t(`expoIp.kinds.${kind}`) }))}
                popupMatchSelectWidth={false}
                data-testid="registry-ip-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8} md={4}>
            <Form.Item
              name="jurisdiction"
              label={t('financeRegistry.ipCheck.jurisdiction')}
              rules={[
                { required: true, whitespace: true, message: t('payments.validation.required') },
                { pattern: /^\s*[A-Za-z]{2}\s*$/, message: t('financeRegistry.validation.jurisdiction') },
              ]}
            >
              <Input maxLength={2} autoComplete="off" data-testid="registry-ip-jurisdiction" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16} md={12}>
            <Form.Item
              name="registryNumber"
              label={t('financeRegistry.ipCheck.registryNumber')}
              extra={t('financeRegistry.ipCheck.registryNumberHint')}
              rules={[{ required: true, whitespace: true, message: t('payments.validation.required') }]}
            >
              <Input maxLength={80} autoComplete="off" data-testid="registry-ip-number" />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          loading={check.isPending}
          data-testid="registry-ip-check-submit"
        >
          {t('financeRegistry.ipCheck.submit')}
        </Button>
      </Form>
      {answer ? (
        <Alert
          className="registry-answer"
          type={ANSWER_ALERT[answer.answer]}
          showIcon
          title={
            <Space wrap>
              <span data-testid="registry-ip-answer-text">
                {t(
                  `financeRegistry.ipCheck.answer.${answer.answer === 'exact_match' ? 'exact_match' : 'no_match'}`,
                )}
              </span>
              <Tag color={RISK_COLOUR[answer.risk]}>{labels.risk(answer.risk)}</Tag>
            </Space>
          }
          description={t(
            `financeRegistry.ipCheck.explain.${answer.answer === 'exact_match' ? 'exact_match' : 'no_match'}`,
          )}
          data-testid="registry-ip-answer"
          data-answer={answer.answer}
        />
      ) : null}
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="registry-ip-error" />
      ) : null}
    </Card>
  );
};

const Registry = ({ orgId }: { orgId: string }) => {
  const { t, i18n } = useTranslation();
  const labels = usePaymentsLabels();
  const common = useLabels();
  const { message } = App.useApp();
  const [invoiceForm] = Form.useForm<InvoiceFormValues>();
  const [registerForm] = Form.useForm<RegisterValues>();
  const currency = Form.useWatch('currency', invoiceForm) ?? INITIAL.currency;
  // The answer holds for exactly the invoice that was asked about: editing the form clears it.
  const [checked, setChecked] = useState<{ invoice: InvoiceInput; answer: CheckAnswer } | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const check = useRegistryMutation(orgId, (invoice: InvoiceInput) => checkInvoice(orgId, invoice));
  const register = useRegistryMutation(orgId, (input: Parameters<typeof registerInvoice>[1]) =>
    registerInvoice(orgId, input),
  );
  const currencies = useMemo(
    () =>
      invoiceCurrencies().map((code) => ({
        value: code,
        label: `${code} · ${currencyName(code, i18n.language)}`,
      })),
    [i18n.language],
  );

  const amountRule = (amountCurrency: string, faceValue?: string) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const problem = checkAmount(value ?? '', amountCurrency);
      if (problem) {
        throw new Error(t(`payments.validation.${problem}`));
      }
      if (faceValue !== undefined && amountExceeds(value ?? '', faceValue, amountCurrency)) {
        throw new Error(t('financeRegistry.validation.financedExceedsFace'));
      }
    },
  });

  const onCheck = async (values: InvoiceFormValues) => {
    setFailure(null);
    const invoice = invoiceOf(values);
    try {
      const answer = await check.mutateAsync(invoice);
      setChecked({ invoice, answer });
      registerForm.setFieldsValue({ financedAmount: invoice.amount.amount });
    } catch (error) {
      setFailure({ error, unmatched: placeFieldErrors(error, invoiceForm, null, common.fieldError) });
    }
  };

  const onRegister = async (values: RegisterValues) => {
    if (!checked) {
      return;
    }
    setFailure(null);
    const reference = values.reference?.trim() ?? '';
    const expires = values.expiresAt?.trim() ?? '';
    try {
      const registration = await register.mutateAsync({
        invoice: checked.invoice,
        financedAmount: { amount: values.financedAmount.trim(), currency: checked.invoice.amount.currency },
        // The end of the chosen day where the user is: financing matures at close of business.
        ...(expires === '' ? {} : { expiresAt: new Date(`${expires}T23:59:59`).toISOString() }),
        ...(reference === '' ? {} : { reference }),
      });
      void message.success(t('financeRegistry.register.done'));
      if (registration.check.answer !== 'no_match') {
        // Registered all the same: a similar invoice is financed, which the financier should know.
        void message.warning(labels.answer(registration.check.answer));
      }
      setChecked(null);
      invoiceForm.resetFields();
      registerForm.resetFields();
    } catch (error) {
      setFailure({ error, unmatched: placeFieldErrors(error, invoiceForm, registerForm, common.fieldError) });
    }
  };

  const answer = checked?.answer;

  return (
    <>
      <Card title={t('financeRegistry.check.title')} className="block-gap">
        <Typography.Paragraph type="secondary">{t('financeRegistry.check.intro')}</Typography.Paragraph>
        <Form<InvoiceFormValues>
          form={invoiceForm}
          layout="vertical"
          className="payments-form"
          initialValues={INITIAL}
          onFinish={(values) => void onCheck(values)}
          onValuesChange={() => {
            setChecked(null);
            setFailure(null);
          }}
          data-testid="registry-check-form"
        >
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <InvoicePartyFields party="seller" />
            </Col>
            <Col xs={24} lg={12}>
              <InvoicePartyFields party="buyer" />
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="invoiceNumber"
                label={t('financeRegistry.form.invoiceNumber')}
                rules={[{ required: true, whitespace: true, message: t('payments.validation.required') }]}
              >
                <Input maxLength={100} autoComplete="off" data-testid="registry-invoice-number" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="issueDate"
                required
                label={t('financeRegistry.form.issueDate')}
                rules={[
                  {
                    validator: async (_, value: string | undefined) => {
                      if (!value) {
                        throw new Error(t('payments.validation.required'));
                      }
                      if (!isIsoDate(value)) {
                        throw new Error(t('financeRegistry.validation.date'));
                      }
                    },
                  },
                ]}
              >
                <Input type="date" data-testid="registry-issue-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item
                name="amount"
                required
                label={t('financeRegistry.form.amount')}
                rules={[amountRule(currency)]}
              >
                <Input inputMode="decimal" autoComplete="off" data-testid="registry-amount" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="currency" label={t('payments.columns.currency')}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={currencies}
                  popupMatchSelectWidth={false}
                  onChange={() => void invoiceForm.validateFields(['amount']).catch(() => {})}
                  data-testid="registry-currency"
                />
              </Form.Item>
            </Col>
          </Row>
          <Button
            type="primary"
            htmlType="submit"
            loading={check.isPending}
            data-testid="registry-check-submit"
          >
            {t('financeRegistry.check.submit')}
          </Button>
        </Form>
        {answer ? (
          <Alert
            className="registry-answer"
            type={ANSWER_ALERT[answer.answer]}
            showIcon
            title={
              <Space wrap>
                <span data-testid="registry-answer-text">{labels.answer(answer.answer)}</span>
                <Tag color={RISK_COLOUR[answer.risk]} data-testid="registry-risk">
                  {labels.risk(answer.risk)}
                </Tag>
              </Space>
            }
            description={t(`financeRegistry.explain.${answer.answer}`)}
            data-testid="registry-answer"
            data-answer={answer.answer}
            data-risk={answer.risk}
          />
        ) : null}
        {failure ? (
          <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="registry-error" />
        ) : null}
      </Card>
      {checked && answer && answer.answer !== 'exact_match' ? (
        <Card
          title={t('financeRegistry.register.title')}
          className="block-gap"
          data-testid="registry-register"
        >
          <Typography.Paragraph type="secondary">{t('financeRegistry.register.intro')}</Typography.Paragraph>
          <Form<RegisterValues>
            form={registerForm}
            layout="vertical"
            className="payments-form"
            initialValues={{ financedAmount: checked.invoice.amount.amount }}
            onFinish={(values) => void onRegister(values)}
          >
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="financedAmount"
                  required
                  label={t('financeRegistry.register.financedAmount', {
                    currency: checked.invoice.amount.currency,
                  })}
                  rules={[amountRule(checked.invoice.amount.currency, checked.invoice.amount.amount)]}
                >
                  <Input inputMode="decimal" autoComplete="off" data-testid="registry-financed-amount" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="expiresAt"
                  label={t('financeRegistry.register.expiresAt')}
                  extra={t('financeRegistry.register.expiresAtHint')}
                >
                  <Input type="date" data-testid="registry-expires-at" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="reference" label={t('financeRegistry.register.reference')}>
                  <Input maxLength={100} data-testid="registry-reference" />
                </Form.Item>
              </Col>
            </Row>
            <Button
              type="primary"
              htmlType="submit"
              loading={register.isPending}
              data-testid="registry-register-submit"
            >
              {t('financeRegistry.register.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <IpCheck orgId={orgId} />
      <Registrations orgId={orgId} />
    </>
  );
};

/** The duplicate-financing registry: for banks, payment institutions and insurers only. */
export const FinanceRegistryPage = () => {
  const { t } = useTranslation();
  const { orgId, membership } = useActiveOrg();
  if (!(FINANCIER_KINDS as readonly string[]).includes(membership.organisation.kind)) {
    return <NotAFinancier />;
  }
  return (
    <div className="page">
      <PageHeader title={t('financeRegistry.title')} subtitle={t('financeRegistry.subtitle')} />
      <Registry orgId={orgId} />
    </div>
  );
};
