import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  type Escrow,
  type EscrowEvent,
  fundEscrow,
  RELEASE_TRIGGERS,
  type ReleaseTrigger,
  resolveEscrow,
  splitEscrow,
  useEscrow,
  useEscrowMutation,
} from '../../api/escrow.ts';
import type { OrderDetail } from '../../api/orders.ts';
import { useAccounts } from '../../api/payments.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { amountExceeds, checkAmount } from '../payments/ledger-model.ts';
import { usePaymentsLabels } from '../payments/use-payments-labels.ts';
import { type EscrowAction, escrowActions, fundTerms, todayUtc } from './escrow-model.ts';
import '../payments/payments.css';

type FundValues = {
  debitAccountId: string;
  releaseTrigger: ReleaseTrigger;
  releaseOn?: string;
  mediatorOrganisationId?: string;
  note?: string;
};

type StepValues = { sellerAmount?: string; note?: string };

const FUND_FIELDS = ['debitAccountId', 'releaseTrigger', 'releaseOn', 'mediatorOrganisationId', 'note'];
const STATUS_COLOUR = { funded: 'blue', released: 'green', refunded: 'orange', split: 'purple' } as const;

/** Field codes of the escrow flow are translated under errors.*, the ledger's under fieldErrors.*. */
const useFieldText = () => {
  const { t, i18n } = useTranslation();
  return (code: string, message: string): string => {
    for (const key of [`fieldErrors.${code}`, `errors.${code}`]) {
      if (typeof i18n.getResource(i18n.language, 'translation', key) === 'string') {
        return t(key);
      }
    }
    return message || code;
  };
};

/** The order's escrow: its terms and steps for everyone who sees the order, and the caller's moves. */
export const EscrowPanel = ({ order }: { order: OrderDetail }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const escrow = useEscrow(orgId, order.id);
  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined /> {t('escrow.title')}
        </span>
      }
      className="orders-section"
      data-testid="escrow-panel"
    >
      {escrow.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {escrow.isError ? <ErrorAlert error={escrow.error} onRetry={() => void escrow.refetch()} /> : null}
      {escrow.isSuccess ? <EscrowBody order={order} escrow={escrow.data} /> : null}
    </Card>
  );
};

const EscrowBody = ({ order, escrow }: { order: OrderDetail; escrow: Escrow | null }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const actions = escrowActions(order, escrow, orgId);
  const names = new Map<string, string>();
  for (const party of order.parties) {
    if (party.organisationId) {
      names.set(party.organisationId, party.name);
    }
  }
  for (const share of order.shares) {
    names.set(share.organisationId, share.name);
  }
  if (escrow === null) {
    return actions.includes('fund') ? (
      <FundForm order={order} />
    ) : (
      <Typography.Text type="secondary" data-testid="escrow-none">
        {t('escrow.none')}
      </Typography.Text>
    );
  }
  return (
    <>
      <EscrowTerms escrow={escrow} names={names} />
      <EscrowSteps order={order} escrow={escrow} actions={actions} />
      <EscrowTimeline escrow={escrow} names={names} />
    </>
  );
};

const EscrowTerms = ({ escrow, names }: { escrow: Escrow; names: ReadonlyMap<string, string> }) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const money = (amount: string) => labels.money(amount, escrow.currency);
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered data-testid="escrow-terms">
      <Descriptions.Item label={t('escrow.status')}>
        <Tag color={STATUS_COLOUR[escrow.status]} data-testid="escrow-status" data-status={escrow.status}>
          {t(`escrow.statuses.${escrow.status}`)}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('escrow.amount')}>
        <span className="payments-amount" data-testid="escrow-amount">
          {money(escrow.amount)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('escrow.trigger')}>
        <span data-testid="escrow-trigger" data-trigger={escrow.releaseTrigger}>
          {t(`escrow.triggers.${escrow.releaseTrigger}`)}
          {escrow.releaseOn ? ` · ${format.date(escrow.releaseOn)}` : ''}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('escrow.mediator')}>
        {escrow.mediatorOrganisationId
          ? (names.get(escrow.mediatorOrganisationId) ?? escrow.mediatorOrganisationId)
          : '–'}
      </Descriptions.Item>
      {escrow.sellerAmount !== null ? (
        <Descriptions.Item label={t('escrow.sellerAmount')}>
          <span className="payments-amount" data-testid="escrow-seller-amount">
            {money(escrow.sellerAmount)}
          </span>
        </Descriptions.Item>
      ) : null}
      {escrow.buyerAmount !== null ? (
        <Descriptions.Item label={t('escrow.buyerAmount')}>
          <span className="payments-amount">{money(escrow.buyerAmount)}</span>
        </Descriptions.Item>
      ) : null}
      {escrow.debitAccountId ? (
        <Descriptions.Item label={t('escrow.debitAccount')}>
          <span className="payments-id mono">{escrow.debitAccountId}</span>
        </Descriptions.Item>
      ) : null}
      {escrow.creditAccountId ? (
        <Descriptions.Item label={t('escrow.creditAccount')}>
          <span className="payments-id mono" data-testid="escrow-credit-account">
            {escrow.creditAccountId}
          </span>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
};

const eventColour = (event: EscrowEvent): string =>
  event.kind === 'released' ? 'green' : event.kind === 'funded' ? 'blue' : 'orange';

const EscrowTimeline = ({ escrow, names }: { escrow: Escrow; names: ReadonlyMap<string, string> }) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const reason = (code: string) => {
    const key = `escrow.reasons.${code}`;
    return t(key, { defaultValue: code });
  };
  return (
    <Timeline
      className="block-gap"
      data-testid="escrow-events"
      items={escrow.events.map((event) => ({
        key: event.seq,
        color: eventColour(event),
        content: (
          <div data-testid="escrow-event" data-reason={event.reason} data-kind={event.kind}>
            <Typography.Text strong>{reason(event.reason)}</Typography.Text>{' '}
            <Tag>{t(`escrow.statuses.${event.kind}`)}</Tag>
            <div>
              {event.byActorType === 'system'
                ? t('escrow.byHub')
                : [event.byOrganisationId ? names.get(event.byOrganisationId) : null, event.byLabel]
                    .filter(Boolean)
                    .join(' · ')}
            </div>
            {event.sellerAmount !== null || event.buyerAmount !== null ? (
              <div>
                {event.sellerAmount !== null
                  ? `${t('escrow.sellerAmount')}: ${labels.money(event.sellerAmount, escrow.currency)} `
                  : ''}
                {event.buyerAmount !== null
                  ? `${t('escrow.buyerAmount')}: ${labels.money(event.buyerAmount, escrow.currency)}`
                  : ''}
              </div>
            ) : null}
            <Typography.Text type="secondary">{format.dateTime(event.at)}</Typography.Text>
            {event.note ? <div className="orders-breakable">“{event.note}”</div> : null}
          </div>
        ),
      }))}
    />
  );
};

const FundForm = ({ order }: { order: OrderDetail }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const labels = usePaymentsLabels();
  const fieldText = useFieldText();
  const [form] = Form.useForm<FundValues>();
  const trigger = Form.useWatch('releaseTrigger', form) ?? 'buyer_acceptance';
  const [confirming, setConfirming] = useState<FundValues | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const { currency, amount } = order.content.total;
  const accounts = useAccounts(orgId);
  const usable = (accounts.data ?? []).filter((a) => a.currency === currency && !a.closed);
  const fund = useEscrowMutation(orgId, (values: FundValues) =>
    fundEscrow(orgId, order.id, {
      debitAccountId: values.debitAccountId,
      ...fundTerms(values.releaseTrigger, values.releaseOn),
      ...(values.mediatorOrganisationId ? { mediatorOrganisationId: values.mediatorOrganisationId } : {}),
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    }),
  );

  const submit = async () => {
    if (!confirming) {
      return;
    }
    setFailure(null);
    try {
      await fund.mutateAsync(confirming);
      void message.success(t('escrow.fund.done'));
      setConfirming(null);
    } catch (error) {
      setConfirming(null);
      setFailure({ error, unmatched: applyFieldErrors(form, error, FUND_FIELDS, fieldText) });
    }
  };

  if (accounts.isSuccess && usable.length === 0) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('escrow.fund.noAccount', { currency })}
        description={<Link to="/payments">{t('escrow.fund.openAccount')}</Link>}
        data-testid="escrow-no-account"
      />
    );
  }

  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('escrow.fund.intro', { amount: labels.money(amount, currency) })}
      </Typography.Paragraph>
      <Form<FundValues>
        form={form}
        layout="vertical"
        className="payments-form"
        initialValues={{ releaseTrigger: 'buyer_acceptance' }}
        onFinish={(values) => setConfirming(values)}
        onValuesChange={() => setFailure(null)}
        data-testid="escrow-fund-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="debitAccountId"
              label={t('escrow.fund.account', { currency })}
              rules={[{ required: true, message: t('payments.validation.required') }]}
            >
              <Select
                loading={accounts.isPending}
                options={usable.map((a) => ({
                  value: a.id,
                  label: `${a.code} · ${t('escrow.fund.available', { amount: labels.money(a.available, a.currency) })}`,
                }))}
                data-testid="escrow-fund-account"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="mediatorOrganisationId"
              label={t('escrow.fund.mediator')}
              extra={t('escrow.fund.mediatorHint')}
            >
              <Select
                allowClear
                options={order.shares.map((s) => ({ value: s.organisationId, label: s.name }))}
                data-testid="escrow-fund-mediator"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="releaseTrigger" label={t('escrow.trigger')}>
              <Radio.Group data-testid="escrow-fund-trigger">
                {RELEASE_TRIGGERS.map((code) => (
                  <Radio key={code} value={code} data-testid={`escrow-trigger-${code}`}>
                    {t(`escrow.triggers.${code}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          {trigger === 'date' ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="releaseOn"
                required
                label={t('escrow.fund.releaseOn')}
                rules={[
                  {
                    validator: async (_, value: string | undefined) => {
                      if (!value) {
                        throw new Error(t('payments.validation.required'));
                      }
                      if (value < todayUtc()) {
                        throw new Error(t('errors.escrow.release_on_past'));
                      }
                    },
                  },
                ]}
              >
                <Input type="date" min={todayUtc()} data-testid="escrow-fund-release-on" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24}>
            <Form.Item name="note" label={t('escrow.note')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="escrow-fund-note" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" data-testid="escrow-fund-submit">
          {t('escrow.fund.submit')}
        </Button>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="escrow-error" />
      ) : null}
      <Modal
        open={confirming !== null}
        title={t('escrow.fund.confirmTitle')}
        okText={t('escrow.fund.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: fund.isPending, ...({ 'data-testid': 'escrow-confirm' } as object) }}
        onOk={() => void submit()}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        <Typography.Paragraph data-testid="escrow-confirm-text">
          {confirming
            ? t('escrow.fund.confirm', {
                amount: labels.money(amount, currency),
                account:
                  usable.find((a) => a.id === confirming.debitAccountId)?.code ?? confirming.debitAccountId,
                trigger: t(`escrow.triggers.${confirming.releaseTrigger}`),
              })
            : ''}
        </Typography.Paragraph>
      </Modal>
    </>
  );
};

const EscrowSteps = ({
  order,
  escrow,
  actions,
}: {
  order: OrderDetail;
  escrow: Escrow;
  actions: EscrowAction[];
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const labels = usePaymentsLabels();
  const fieldText = useFieldText();
  const [form] = Form.useForm<StepValues>();
  const [pending, setPending] = useState<EscrowAction | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const step = useEscrowMutation(orgId, (input: { action: EscrowAction; values: StepValues }) => {
    const note = input.values.note?.trim() || undefined;
    if (input.action === 'split') {
      return splitEscrow(orgId, order.id, {
        sellerAmount: (input.values.sellerAmount ?? '').trim(),
        ...(note ? { note } : {}),
      });
    }
    return resolveEscrow(orgId, order.id, input.action === 'refund' ? 'refund' : 'release', note);
  });
  if (actions.length === 0) {
    return null;
  }

  const open = (action: EscrowAction) => {
    form.resetFields();
    setFailure(null);
    setPending(action);
  };

  const confirm = async () => {
    if (!pending) {
      return;
    }
    let values: StepValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFailure(null);
    try {
      await step.mutateAsync({ action: pending, values });
      void message.success(t(`escrow.done.${pending}`));
      setPending(null);
    } catch (error) {
      // A refusal (a step someone else took first, terms that do not allow it) stays in the dialog.
      setFailure({ error, unmatched: applyFieldErrors(form, error, ['sellerAmount', 'note'], fieldText) });
    }
  };

  const money = labels.money(escrow.amount, escrow.currency);
  return (
    <>
      <Flex wrap gap={8} className="block-gap" data-testid="escrow-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'refund' ? 'default' : 'primary'}
            danger={action === 'refund'}
            onClick={() => open(action)}
            data-testid={`escrow-action-${action}`}
          >
            {t(`escrow.actions.${action}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={pending !== null}
        title={pending ? t(`escrow.actions.${pending}`) : ''}
        okText={pending ? t(`escrow.actions.${pending}`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{
          danger: pending === 'refund',
          loading: step.isPending,
          ...({ 'data-testid': 'escrow-confirm' } as object),
        }}
        onOk={() => void confirm()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <Typography.Paragraph data-testid="escrow-confirm-text">
          {pending ? t(`escrow.confirm.${pending}`, { amount: money }) : ''}
        </Typography.Paragraph>
        <Form<StepValues> form={form} layout="vertical">
          {pending === 'split' ? (
            <Form.Item
              name="sellerAmount"
              required
              label={t('escrow.split.sellerAmount', { currency: escrow.currency })}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    const problem = checkAmount(value ?? '', escrow.currency);
                    if (problem) {
                      throw new Error(t(`payments.validation.${problem}`));
                    }
                    if (!amountExceeds(escrow.amount, value ?? '', escrow.currency)) {
                      throw new Error(t('escrow.split.tooMuch'));
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" autoComplete="off" data-testid="escrow-split-amount" />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={t('escrow.note')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="escrow-step-note" />
          </Form.Item>
        </Form>
        {failure ? (
          <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="escrow-step-error" />
        ) : null}
      </Modal>
    </>
  );
};
