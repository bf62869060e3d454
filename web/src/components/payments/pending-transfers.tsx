import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type Account,
  resolvePending,
  type Transfer,
  usePaymentMutation,
  useTransfers,
} from '../../api/payments.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { newClientId } from './ledger-model.ts';
import { usePaymentsLabels } from './use-payments-labels.ts';

type PendingTransfersProps = {
  orgId: string;
  account: Account;
  /** Transfers of the loaded statement that may be open reservations. */
  candidateIds: readonly string[];
  /** Whether the statement still has pages not loaded (reservations on them are not listed). */
  partial: boolean;
};

/**
 * Reservations on this account still waiting: the payer posts or voids, the payee may void. The
 * API has no list of open reservations, so the balance-neutral transfers of the loaded statement
 * are read by id and the pending ones kept.
 */
export const PendingTransfers = ({ orgId, account, candidateIds, partial }: PendingTransfersProps) => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const common = useLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const queries = useTransfers(orgId, candidateIds);
  const open = queries
    .map((query) => query.data)
    .filter(
      (transfer): transfer is Transfer =>
        transfer !== undefined && transfer.kind === 'pending' && transfer.status === 'pending',
    );
  const loading = queries.some((query) => query.isPending);
  const resolve = usePaymentMutation(orgId, ({ transfer, op }: { transfer: Transfer; op: 'post' | 'void' }) =>
    resolvePending(orgId, transfer.id, op, newClientId(op)),
  );

  const act = async (transfer: Transfer, op: 'post' | 'void') => {
    try {
      await resolve.mutateAsync({ transfer, op });
      void message.success(op === 'post' ? t('payments.pending.posted') : t('payments.pending.voided'));
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };

  const columns: TableColumnsType<Transfer> = [
    {
      key: 'createdAt',
      title: t('payments.columns.createdAt'),
      render: (_, transfer) => <span className="nowrap">{format.dateTime(transfer.createdAt)}</span>,
    },
    {
      key: 'direction',
      title: t('payments.pending.direction'),
      render: (_, transfer) =>
        transfer.debitAccountId === account.id
          ? t('payments.pending.outgoing')
          : t('payments.pending.incoming'),
    },
    {
      key: 'counterparty',
      title: t('payments.pending.counterparty'),
      render: (_, transfer) => (
        <span className="mono payments-id">
          {transfer.debitAccountId === account.id ? transfer.creditAccountId : transfer.debitAccountId}
        </span>
      ),
    },
    {
      key: 'amount',
      title: t('payments.columns.amount'),
      className: 'payments-amount',
      render: (_, transfer) => labels.money(transfer.amount, transfer.currency),
    },
    {
      key: 'reference',
      title: t('payments.columns.reference'),
      render: (_, transfer) => transfer.reference ?? '–',
    },
    {
      key: 'expiresAt',
      title: t('payments.pending.expiresAt'),
      render: (_, transfer) => (
        <span className="nowrap">
          {transfer.expiresAt ? format.dateTime(transfer.expiresAt) : t('payments.pending.noDeadline')}
        </span>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, transfer) => (
        <Space wrap>
          {transfer.debitAccountId === account.id ? (
            <Popconfirm
              title={t('payments.pending.postConfirm', {
                amount: labels.money(transfer.amount, transfer.currency),
              })}
              okText={t('payments.pending.post')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(transfer, 'post')}
            >
              <Button size="small" type="primary" loading={resolve.isPending} data-testid="pending-post">
                {t('payments.pending.post')}
              </Button>
            </Popconfirm>
          ) : null}
          <Popconfirm
            title={t('payments.pending.voidConfirm')}
            okText={t('payments.pending.void')}
            cancelText={t('common.cancel')}
            onConfirm={() => act(transfer, 'void')}
          >
            <Button size="small" danger loading={resolve.isPending} data-testid="pending-void">
              {t('payments.pending.void')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('payments.pending.title')} className="block-gap" data-testid="pending-transfers">
      <Table<Transfer>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={open}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('payments.pending.empty') }}
        data-testid="pending-table"
      />
      {partial ? (
        <Typography.Paragraph type="secondary" className="block-gap">
          {t('payments.pending.partial')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
};
