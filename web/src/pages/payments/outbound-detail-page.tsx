import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { usePaymentMutation } from '../../api/payments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  messageUrl,
  type OutboundEvent,
  statusColor,
  submitOutbound,
  useOutboundPayment,
} from './outbound-api.ts';
import '../../components/payments/payments.css';

const eventColor = (e: OutboundEvent) =>
  e.kind === 'transport_failed' || e.status === 'rejected'
    ? 'red'
    : e.status === 'settled'
      ? 'green'
      : e.kind === 'not_sent'
        ? 'gray'
        : 'blue';

/** One outbound payment: where it stands, its timeline, and the message it left as. */
export const OutboundPaymentDetailPage = () => {
  const { t, i18n } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const { paymentId = '' } = useParams();
  const payment = useOutboundPayment(orgId, paymentId);
  const submit = usePaymentMutation(orgId, (via: 'transport' | 'manual') =>
    submitOutbound(orgId, paymentId, via),
  );

  if (payment.isPending) {
    return <FullPageSpin />;
  }
  if (payment.error || payment.data === undefined) {
    return <ErrorAlert error={payment.error} onRetry={() => void payment.refetch()} />;
  }
  const p = payment.data;
  // The rail's own actors have fixed labels; a person or API key is shown by name as recorded.
  const byLabel = (label: string) =>
    i18n.exists(`outboundPayments.byLabels.${label}`) ? t(`outboundPayments.byLabels.${label}`) : label;
  const account = p.beneficiary.account;
  const accountText = 'iban' in account ? account.iban : 'other' in account ? account.other : account.wallet;
  const address = [
    p.beneficiary.postalAddress.streetName,
    p.beneficiary.postalAddress.buildingNumber,
    p.beneficiary.postalAddress.postCode,
    p.beneficiary.postalAddress.townName,
    p.beneficiary.postalAddress.country,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
  const send = async (via: 'transport' | 'manual') => {
    try {
      await submit.mutateAsync(via);
      void message.success(t('outboundPayments.detail.sent'));
    } catch {
      // The alert below shows the server's translated reason.
    }
  };

  return (
    <>
      <PageHeader
        title={p.beneficiary.name}
        subtitle={t('outboundPayments.detail.subtitle', { rail: t(`outboundPayments.rails.${p.rail}`) })}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              href={messageUrl(orgId, p.id)}
              data-testid="outbound-download"
            >
              {t('outboundPayments.detail.download')}
            </Button>
            {p.status === 'prepared' ? (
              <>
                <Button
                  type="primary"
                  loading={submit.isPending}
                  onClick={() => void send('transport')}
                  data-testid="outbound-send"
                >
                  {t('outboundPayments.detail.send')}
                </Button>
                <Button onClick={() => void send('manual')} data-testid="outbound-send-manual">
                  {t('outboundPayments.detail.sentManually')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {submit.error ? <ErrorAlert error={submit.error} /> : null}
      <Card>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('outboundPayments.columns.status')}>
            <Tag color={statusColor[p.status]} data-testid="outbound-detail-status" data-status={p.status}>
              {t(`outboundPayments.statuses.${p.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('outboundPayments.columns.amount')}>
            <span data-testid="outbound-detail-amount">{labels.money(p.amount, p.currency)}</span>
          </Descriptions.Item>
          {p.reasonCode ? (
            <Descriptions.Item label={t('outboundPayments.detail.reason')}>
              <span data-testid="outbound-detail-reason">
                {p.reasonCode} ·{' '}
                {t(`outboundPayments.reasons.${p.reasonCode}`, { defaultValue: p.reasonText ?? '' })}
              </span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('outboundPayments.detail.transport')}>
            {p.transportState ? t(`outboundPayments.transportStates.${p.transportState}`) : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('outboundPayments.fields.account')}>
            <Typography.Text copyable className="break-all">
              {accountText}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('outboundPayments.fields.agentBic')}>
            {p.beneficiary.agentBic}
          </Descriptions.Item>
          <Descriptions.Item label={t('outboundPayments.detail.address')}>{address}</Descriptions.Item>
          <Descriptions.Item label={t('outboundPayments.detail.messageId')}>
            <Typography.Text copyable className="break-all">
              {p.messageId}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="UETR">
            <Typography.Text copyable className="break-all">
              {p.uetr}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('outboundPayments.detail.timeline')} style={{ marginTop: 16 }}>
        <Timeline
          data-testid="outbound-timeline"
          items={(p.events ?? []).map((e) => ({
            color: eventColor(e),
            children: (
              <div data-testid="outbound-event" data-kind={e.kind}>
                <Typography.Text strong>
                  {t(`outboundPayments.events.${e.kind}`)}
                  {e.isoStatus ? ` · ${e.isoStatus}` : ''}
                  {e.reasonCode ? ` · ${e.reasonCode}` : ''}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {format.dateTime(e.at)} · {byLabel(e.byLabel)}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
};
