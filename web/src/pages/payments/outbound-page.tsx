import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { type OutboundPayment, statusColor, useOutboundPayments } from './outbound-api.ts';
import { OutboundCreateModal } from './outbound-create-modal.tsx';
import '../../components/payments/payments.css';

export const outboundPath = (paymentId: string) => `/payments/outbound/${encodeURIComponent(paymentId)}`;

/** The organisation's payments to outside beneficiaries over the rails, newest first. */
export const OutboundPaymentsPage = () => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const payments = useOutboundPayments(orgId);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<OutboundPayment> = [
    {
      key: 'beneficiary',
      title: t('outboundPayments.columns.beneficiary'),
      render: (_, p) => (
        <Link to={outboundPath(p.id)} data-testid="outbound-link">
          {p.beneficiary.name}
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('outboundPayments.columns.status'),
      render: (_, p) => (
        <Tag color={statusColor[p.status]} data-testid="outbound-status" data-status={p.status}>
          {t(`outboundPayments.statuses.${p.status}`)}
          {p.reasonCode ? ` · ${p.reasonCode}` : ''}
        </Tag>
      ),
    },
    {
      key: 'rail',
      title: t('outboundPayments.columns.rail'),
      render: (_, p) => t(`outboundPayments.rails.${p.rail}`),
      responsive: ['sm'],
    },
    {
      key: 'amount',
      title: t('outboundPayments.columns.amount'),
      className: 'payments-amount',
      render: (_, p) => <span data-testid="outbound-amount-cell">{labels.money(p.amount, p.currency)}</span>,
    },
    {
      key: 'createdAt',
      title: t('outboundPayments.columns.createdAt'),
      responsive: ['md'],
      render: (_, p) => <span className="nowrap">{format.dateTime(p.createdAt)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('outboundPayments.title')}
        subtitle={t('outboundPayments.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="outbound-new"
          >
            {t('outboundPayments.create.open')}
          </Button>
        }
      />
      {payments.error ? <ErrorAlert error={payments.error} onRetry={() => void payments.refetch()} /> : null}
      <Card>
        <Table<OutboundPayment>
          rowKey="id"
          size="middle"
          loading={payments.isPending}
          dataSource={payments.data ?? []}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('outboundPayments.empty')}</Typography.Text>,
          }}
          data-testid="outbound-table"
        />
      </Card>
      <OutboundCreateModal
        orgId={orgId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(payment) => {
          setCreating(false);
          navigate(outboundPath(payment.id));
        }}
      />
    </>
  );
};
