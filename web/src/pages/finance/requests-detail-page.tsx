import { ShareAltOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError, type ProblemFieldError } from '../../api/client.ts';
import {
  acceptFinancingOffer,
  type FinancingOffer,
  type FinancingRequest,
  offerFinancing,
  payFinancing,
  shareFinancingRequest,
  useFinancingMutation,
  useFinancingRequest,
  withdrawFinancingRequest,
} from '../../api/finance.ts';
import { usePartners } from '../../api/orders.ts';
import { useAccounts } from '../../api/payments.ts';
import { BackButton, DetailPlaceholder } from '../../components/detail-frame.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { amountExceeds, checkAmount } from '../../components/payments/ledger-model.ts';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { REQUEST_STATUS_COLOUR } from './requests-list-page.tsx';
import { endOfDay, financingSteps, percentToRate, rateToPercent, subjectLabel } from './requests-model.ts';
import '../../components/payments/payments.css';

type Failure = { error: unknown; unmatched: ProblemFieldError[] } | null;

/** Names of organisations by id, from the partner directory (the request carries ids only). */
const useOrganisationNames = (orgId: string) => {
  const partners = usePartners(orgId, '');
  const names = new Map((partners.data ?? []).map((p) => [p.organisationId, p]));
  const { i18n } = useTranslation();
  const labels = useLabels();
  // The directory lists other organisations only; the caller's own comes from its membership.
  const { membership } = useActiveOrg();
  return (id: string) => {
    if (id === orgId) {
      return labels.orgName(membership.organisation);
    }
    const p = names.get(id);
    return p ? (i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name) : id;
  };
};

export const FinancingRequestPage = () => {
  const { t } = useTranslation();
  const { requestId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const request = useFinancingRequest(orgId, requestId);
  const back = <BackButton to="/finance/requests" label={t('financing.back')} testId="financing-back" />;
  if (request.isPending || request.isError) {
    return <DetailPlaceholder title={t('financing.detailTitle')} back={back} query={request} />;
  }
  return <RequestView request={request.data} back={back} />;
};

const RequestView = ({ request, back }: { request: FinancingRequest; back: ReactNode }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const nameOf = useOrganisationNames(orgId);
  const steps = financingSteps(request);
  const { invoice } = request;
  const isOrder = request.subjectKind === 'purchase_order';
  const subject = subjectLabel(request);
  const party = (p: FinancingRequest['invoice']['seller']) =>
    `${p.name} (${p.country})${p.companyId ? ` · ${p.companyId}` : ''}`;
  return (
    <div className="page">
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="financing-subject" data-subject-kind={request.subjectKind}>
              {t(subject.key, { number: subject.number })}
            </span>
            <Tag
              color={REQUEST_STATUS_COLOUR[request.status]}
              data-testid="financing-status"
              data-status={request.status}
            >
              {t(`financing.statuses.${request.status}`)}
            </Tag>
          </Flex>
        }
        subtitle={t(`financing.roleHint.${request.role}`)}
        extra={back}
      />
      <Card className="block-gap">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('financing.fields.seller')}>{party(invoice.seller)}</Descriptions.Item>
          <Descriptions.Item label={t('financing.fields.buyer')}>{party(invoice.buyer)}</Descriptions.Item>
          <Descriptions.Item
            label={isOrder ? t('financing.fields.agreedOn') : t('financing.columns.issueDate')}
          >
            {format.date(invoice.issueDate)}
          </Descriptions.Item>
          <Descriptions.Item
            label={isOrder ? t('financing.fields.orderTotal') : t('financing.columns.invoiceAmount')}
          >
            <span className="payments-amount">
              {labels.money(invoice.amount.amount, invoice.amount.currency)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.columns.requested')}>
            <span className="payments-amount" data-testid="financing-requested">
              {labels.money(request.requestedAmount.amount, request.requestedAmount.currency)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.columns.tenor')}>
            {t('financing.days', { count: request.tenorDays })}
          </Descriptions.Item>
          {request.orderId ? (
            <Descriptions.Item label={t('financing.fields.order')}>
              {/* The exporter sells the order; a bank sees it only if the order is shared with it. */}
              {request.role === 'exporter' ? (
                <Link to={`/orders/${encodeURIComponent(request.orderId)}`} data-testid="financing-order">
                  {isOrder ? invoice.number : request.orderId}
                </Link>
              ) : (
                <span className="payments-id mono" data-testid="financing-order">
                  {request.orderId}
                </span>
              )}
              {request.orderVersion === null ? null : (
                <Typography.Text type="secondary">
                  {' '}
                  {t('financing.fields.agreedVersion', { version: request.orderVersion })}
                </Typography.Text>
              )}
            </Descriptions.Item>
          ) : null}
          {request.role === 'exporter' ? (
            <Descriptions.Item label={t('financing.fields.sharedWith')} span={2}>
              <span data-testid="financing-shared-with">
                {request.sharedWith.length > 0 ? request.sharedWith.map(nameOf).join(', ') : '–'}
              </span>
            </Descriptions.Item>
          ) : null}
          {request.exporterAccountId ? (
            <Descriptions.Item label={t('financing.fields.exporterAccount')}>
              <span className="payments-id mono">{request.exporterAccountId}</span>
            </Descriptions.Item>
          ) : null}
          {request.disbursementTransferId ? (
            <Descriptions.Item label={t('financing.fields.disbursement')}>
              <span className="payments-id mono" data-testid="financing-disbursement">
                {request.disbursementTransferId}
              </span>
            </Descriptions.Item>
          ) : null}
          {request.repaymentTransferId ? (
            <Descriptions.Item label={t('financing.fields.repayment')}>
              <span className="payments-id mono">{request.repaymentTransferId}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Steps request={request} steps={steps} />
      {steps.includes('offer') ? <OfferForm request={request} /> : null}
      <OffersCard request={request} canAccept={steps.includes('accept')} nameOf={nameOf} />
      <Card title={t('financing.events.title')} className="block-gap">
        <Timeline
          data-testid="financing-events"
          items={request.events.map((event) => ({
            key: event.id,
            color:
              event.kind === 'disbursement_refused' ? 'red' : event.kind === 'disbursed' ? 'green' : 'blue',
            content: (
              <div data-testid="financing-event" data-kind={event.kind}>
                <Typography.Text strong>
                  {t(`financing.events.${event.kind}`, { defaultValue: event.kind })}
                </Typography.Text>
                <div>{nameOf(event.organisationId)}</div>
                <Typography.Text type="secondary">{format.dateTime(event.at)}</Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
};

/** The exporter's and the accepted bank's moves: share, withdraw, disburse, repay. */
const Steps = ({
  request,
  steps,
}: {
  request: FinancingRequest;
  steps: ReturnType<typeof financingSteps>;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<unknown>(null);
  const [paying, setPaying] = useState<'disburse' | 'repay' | null>(null);
  const withdraw = useFinancingMutation(orgId, () => withdrawFinancingRequest(orgId, request.id));
  const shown = steps.filter((s) => s !== 'offer' && s !== 'accept');
  if (shown.length === 0) {
    return null;
  }
  const onWithdraw = async () => {
    setFailure(null);
    try {
      await withdraw.mutateAsync(undefined);
      void message.success(t('financing.withdraw.done'));
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <Card title={t('financing.steps')} className="block-gap" data-testid="financing-steps">
      {steps.includes('share') ? <ShareForm request={request} /> : null}
      <Flex wrap gap={8}>
        {steps.includes('disburse') ? (
          <Button type="primary" onClick={() => setPaying('disburse')} data-testid="financing-disburse">
            {t('financing.disburse.open')}
          </Button>
        ) : null}
        {steps.includes('repay') ? (
          <Button type="primary" onClick={() => setPaying('repay')} data-testid="financing-repay">
            {t('financing.repay.open')}
          </Button>
        ) : null}
        {steps.includes('withdraw') ? (
          <Popconfirm
            title={t('financing.withdraw.confirm')}
            okText={t('financing.withdraw.open')}
            cancelText={t('common.cancel')}
            onConfirm={() => void onWithdraw()}
          >
            <Button danger loading={withdraw.isPending} data-testid="financing-withdraw">
              {t('financing.withdraw.open')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
      {failure ? <ErrorAlert error={failure} testId="financing-error" /> : null}
      {paying ? <PayModal request={request} step={paying} onClose={() => setPaying(null)} /> : null}
    </Card>
  );
};

const ShareForm = ({ request }: { request: FinancingRequest }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const partners = usePartners(orgId, settled);
  const [banks, setBanks] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const share = useFinancingMutation(orgId, (ids: string[]) => shareFinancingRequest(orgId, request.id, ids));
  const candidates = (partners.data ?? []).filter(
    (p) => p.kind === 'bank' && !request.sharedWith.includes(p.organisationId),
  );
  const submit = async () => {
    setFailure(null);
    try {
      await share.mutateAsync(banks);
      void message.success(t('financing.share.done'));
      setBanks([]);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <div className="block-gap">
      <Typography.Paragraph type="secondary">{t('financing.share.intro')}</Typography.Paragraph>
      <Flex wrap gap={8}>
        <Select
          mode="multiple"
          style={{ minWidth: 240, flex: '1 1 240px' }}
          showSearch={{ filterOption: false, onSearch: setSearch }}
          value={banks}
          onChange={setBanks}
          placeholder={t('financing.share.pick')}
          loading={partners.isFetching}
          options={candidates.map((p) => ({
            value: p.organisationId,
            label: `${i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name} (${p.country})`,
          }))}
          data-testid="financing-share-banks"
        />
        <Button
          icon={<ShareAltOutlined />}
          disabled={banks.length === 0}
          loading={share.isPending}
          onClick={() => void submit()}
          data-testid="financing-share-submit"
        >
          {t('financing.share.submit')}
        </Button>
      </Flex>
      {failure ? (
        <ErrorAlert
          error={failure}
          fieldErrors={isApiError(failure) ? failure.errors : []}
          testId="financing-share-error"
        />
      ) : null}
    </div>
  );
};

/** Names an account and confirms before money moves: accept (paid into), disburse and repay (paid from). */
const PayModal = ({
  request,
  step,
  offer,
  onClose,
}: {
  request: FinancingRequest;
  step: 'accept' | 'disburse' | 'repay';
  offer?: FinancingOffer;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const labels = usePaymentsLabels();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const currency = request.invoice.amount.currency;
  const accounts = useAccounts(orgId);
  const usable = (accounts.data ?? []).filter((a) => a.currency === currency && !a.closed);
  const accepted = offer ?? request.offers.find((o) => o.id === request.acceptedOfferId);
  const amount = step === 'repay' ? accepted?.repayment : accepted?.disbursement;
  const run = useFinancingMutation(orgId, (account: string) =>
    step === 'accept'
      ? acceptFinancingOffer(orgId, request.id, { offerId: offer?.id ?? '', creditAccountId: account })
      : payFinancing(orgId, request.id, step, account),
  );
  const submit = async () => {
    if (!accountId) {
      return;
    }
    setFailure(null);
    try {
      await run.mutateAsync(accountId);
      void message.success(t(`financing.${step}.done`));
      onClose();
    } catch (error) {
      // The registry's refusal (finance.already_financed) and the ledger's land here, translated.
      setFailure(error);
    }
  };
  return (
    <Modal
      open
      title={t(`financing.${step}.title`)}
      okText={t(`financing.${step}.submit`)}
      cancelText={t('common.cancel')}
      okButtonProps={{
        disabled: accountId === null,
        loading: run.isPending,
        ...({ 'data-testid': 'financing-pay-confirm' } as object),
      }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="financing-pay-text">
        {t(`financing.${step}.confirm`, {
          amount: amount ? labels.money(amount.amount, amount.currency) : '–',
        })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t(`financing.${step}.account`, { currency })} required>
          <Select
            value={accountId}
            onChange={setAccountId}
            loading={accounts.isPending}
            options={usable.map((a) => ({
              value: a.id,
              label: `${a.code} · ${labels.money(a.available, a.currency)}`,
            }))}
            notFoundContent={t('financing.noAccount', { currency })}
            data-testid="financing-pay-account"
          />
        </Form.Item>
      </Form>
      {failure ? <ErrorAlert error={failure} testId="financing-pay-error" /> : null}
    </Modal>
  );
};

type OfferValues = { amount: string; percent: string; fee: string; tenorDays: number; expiresOn: string };

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const OfferForm = ({ request }: { request: FinancingRequest }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const [form] = Form.useForm<OfferValues>();
  const [failure, setFailure] = useState<Failure>(null);
  const { currency } = request.requestedAmount;
  const offer = useFinancingMutation(orgId, (values: OfferValues) =>
    offerFinancing(orgId, request.id, {
      amount: { amount: values.amount.trim(), currency },
      rate: percentToRate(values.percent) ?? values.percent,
      fee: { amount: values.fee.trim(), currency },
      tenorDays: values.tenorDays,
      expiresAt: endOfDay(values.expiresOn),
    }),
  );
  const amountRule = (limit?: string) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const problem = checkAmount(value ?? '', currency);
      if (problem) {
        throw new Error(t(`payments.validation.${problem}`));
      }
      if (limit !== undefined && amountExceeds(value ?? '', limit, currency)) {
        throw new Error(t('financing.offer.aboveRequest'));
      }
    },
  });
  const submit = async (values: OfferValues) => {
    setFailure(null);
    try {
      await offer.mutateAsync(values);
      void message.success(t('financing.offer.done'));
    } catch (error) {
      const fields = ['amount.amount', 'fee.amount', 'rate', 'tenorDays', 'expiresAt'];
      const unmatched = applyFieldErrors(form, error, fields, common.fieldError);
      setFailure({ error, unmatched });
    }
  };
  return (
    <Card title={t('financing.offer.title')} className="block-gap" data-testid="financing-offer">
      <Typography.Paragraph type="secondary">{t('financing.offer.intro')}</Typography.Paragraph>
      <Form<OfferValues>
        form={form}
        layout="vertical"
        className="payments-form"
        initialValues={{
          amount: request.requestedAmount.amount,
          fee: '0',
          tenorDays: request.tenorDays,
          expiresOn: inDays(14),
        }}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setFailure(null)}
        data-testid="financing-offer-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="amount"
              required
              label={t('financing.offer.amount', { currency })}
              rules={[amountRule(request.requestedAmount.amount)]}
            >
              <Input inputMode="decimal" autoComplete="off" data-testid="financing-offer-amount" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="percent"
              required
              label={t('financing.offer.rate')}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (percentToRate(value ?? '') === null) {
                      throw new Error(t('financing.offer.rateInvalid'));
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix="%" autoComplete="off" data-testid="financing-offer-rate" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="fee"
              required
              label={t('financing.offer.fee', { currency })}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if ((value ?? '').trim() === '0') {
                      return;
                    }
                    const problem = checkAmount(value ?? '', currency);
                    if (problem) {
                      throw new Error(t(`payments.validation.${problem}`));
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" autoComplete="off" data-testid="financing-offer-fee" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="tenorDays" label={t('financing.create.tenor')}>
              <InputNumber min={1} max={360} precision={0} data-testid="financing-offer-tenor" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="expiresOn"
              label={t('financing.offer.expires')}
              rules={[{ required: true, message: t('payments.validation.required') }]}
            >
              <Input type="date" data-testid="financing-offer-expires" />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          loading={offer.isPending}
          data-testid="financing-offer-submit"
        >
          {t('financing.offer.submit')}
        </Button>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="financing-offer-error" />
      ) : null}
    </Card>
  );
};

const OffersCard = ({
  request,
  canAccept,
  nameOf,
}: {
  request: FinancingRequest;
  canAccept: boolean;
  nameOf: (id: string) => string;
}) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const [accepting, setAccepting] = useState<FinancingOffer | null>(null);
  const money = (m: { amount: string; currency: string }) => labels.money(m.amount, m.currency);
  const statusLabel = (status: string) => t(`financing.offerStatuses.${status}`);
  const columns: TableColumnsType<FinancingOffer> = [
    { key: 'bank', title: t('financing.offers.bank'), render: (_, o) => nameOf(o.bankOrganisationId) },
    {
      key: 'amount',
      title: t('financing.offers.amount'),
      className: 'payments-amount',
      render: (_, o) => money(o.amount),
    },
    {
      key: 'rate',
      title: t('financing.offers.rate'),
      className: 'payments-amount',
      render: (_, o) => `${rateToPercent(o.rate)} %`,
    },
    {
      key: 'fee',
      title: t('financing.offers.fee'),
      className: 'payments-amount',
      render: (_, o) => money(o.fee),
    },
    {
      key: 'tenor',
      title: t('financing.columns.tenor'),
      render: (_, o) => t('financing.days', { count: o.tenorDays }),
    },
    {
      key: 'disbursement',
      title: t('financing.offers.disbursement'),
      className: 'payments-amount',
      render: (_, o) => <span data-testid="financing-offer-disbursement">{money(o.disbursement)}</span>,
    },
    {
      key: 'repayment',
      title: t('financing.offers.repayment'),
      className: 'payments-amount',
      render: (_, o) => <span data-testid="financing-offer-repayment">{money(o.repayment)}</span>,
    },
    {
      key: 'expires',
      title: t('financing.offers.expires'),
      render: (_, o) => <span className="nowrap">{format.dateTime(o.expiresAt)}</span>,
    },
    {
      key: 'status',
      title: t('financing.columns.status'),
      render: (_, o) => (
        <Tag data-testid="financing-offer-status" data-status={o.status}>
          {statusLabel(o.status)}
        </Tag>
      ),
    },
    {
      key: 'accept',
      title: '',
      render: (_, o) =>
        canAccept && o.status === 'open' ? (
          <Button
            size="small"
            type="primary"
            onClick={() => setAccepting(o)}
            data-testid="financing-offer-accept"
          >
            {t('financing.accept.open')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('financing.offers.title')}
      className="block-gap"
      data-testid="financing-offers"
      extra={
        <ExportButtons<FinancingOffer>
          rows={request.offers}
          fileName={`financing-offers-${request.invoice.number}`}
          sheetName={t('financing.offers.title')}
          testIdPrefix="financing-offers"
          columns={[
            { header: t('financing.offers.bank'), value: (o) => nameOf(o.bankOrganisationId), width: 30 },
            { header: t('financing.columns.currency'), value: (o) => o.amount.currency, width: 8 },
            { header: t('financing.offers.amount'), value: (o) => o.amount.amount, width: 16 },
            { header: t('financing.offers.rate'), value: (o) => o.rate, width: 10 },
            { header: t('financing.offers.fee'), value: (o) => o.fee.amount, width: 12 },
            { header: t('financing.columns.tenor'), value: (o) => o.tenorDays, width: 8 },
            { header: t('financing.offers.disbursement'), value: (o) => o.disbursement.amount, width: 16 },
            { header: t('financing.offers.repayment'), value: (o) => o.repayment.amount, width: 16 },
            { header: t('financing.offers.expires'), value: (o) => o.expiresAt, width: 24 },
            { header: t('financing.columns.status'), value: (o) => statusLabel(o.status), width: 12 },
          ]}
        />
      }
    >
      <Table<FinancingOffer>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={request.offers}
        locale={{ emptyText: t('financing.offers.empty') }}
        data-testid="financing-offers-table"
      />
      {accepting ? (
        <PayModal request={request} step="accept" offer={accepting} onClose={() => setAccepting(null)} />
      ) : null}
    </Card>
  );
};
