import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Row,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { type Account, useAccounts } from '../../api/payments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CreateAccountModal } from '../../components/payments/create-account-modal.tsx';
import { totalsByCurrency } from '../../components/payments/ledger-model.ts';
import { type PaymentsLabels, usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/payments/payments.css';

type TFn = ReturnType<typeof useTranslation>['t'];

export const accountPath = (accountId: string) => `/payments/accounts/${encodeURIComponent(accountId)}`;

// Amounts stay exact decimal strings in exports, with the currency in its own column, so a
// spreadsheet can sum them.
const exportColumns = (t: TFn, labels: PaymentsLabels): ExportColumn<Account>[] => [
  { header: t('payments.columns.code'), value: (a) => a.code, width: 24 },
  { header: t('payments.columns.currency'), value: (a) => a.currency, width: 10 },
  { header: t('payments.columns.kind'), value: (a) => labels.kind(a.kind), width: 14 },
  { header: t('payments.columns.balance'), value: (a) => a.balance, width: 18 },
  { header: t('payments.columns.available'), value: (a) => a.available, width: 18 },
  { header: t('payments.columns.pendingOut'), value: (a) => a.debitsPending, width: 18 },
  { header: t('payments.columns.pendingIn'), value: (a) => a.creditsPending, width: 18 },
  { header: t('payments.columns.creditLimit'), value: (a) => a.creditLimit, width: 18 },
  { header: t('payments.columns.createdAt'), value: (a) => a.createdAt, width: 26 },
  { header: t('payments.columns.id'), value: (a) => a.id, width: 30 },
];

export const PaymentsAccountsPage = () => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { orgId, canManage } = useActiveOrg();
  const accounts = useAccounts(orgId);
  const [creating, setCreating] = useState(false);
  const rows = accounts.data ?? [];
  const totals = totalsByCurrency(rows);

  const columns: TableColumnsType<Account> = [
    {
      key: 'code',
      title: t('payments.columns.code'),
      render: (_, account) => (
        <Link to={accountPath(account.id)} className="nowrap" data-testid="payments-account-link">
          {account.code}
        </Link>
      ),
    },
    { key: 'currency', title: t('payments.columns.currency'), render: (_, account) => account.currency },
    {
      key: 'kind',
      title: t('payments.columns.kind'),
      render: (_, account) => (
        <Space size={4}>
          {labels.kind(account.kind)}
          {account.closed ? <Tag>{t('payments.closed')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'balance',
      title: t('payments.columns.balance'),
      className: 'payments-amount',
      render: (_, account) => (
        <span data-testid="payments-account-balance">{labels.money(account.balance, account.currency)}</span>
      ),
    },
    {
      key: 'available',
      title: t('payments.columns.available'),
      className: 'payments-amount',
      render: (_, account) => labels.money(account.available, account.currency),
    },
    {
      key: 'pendingOut',
      title: t('payments.columns.pendingOut'),
      className: 'payments-amount',
      render: (_, account) => labels.money(account.debitsPending, account.currency),
    },
    {
      key: 'pendingIn',
      title: t('payments.columns.pendingIn'),
      className: 'payments-amount',
      render: (_, account) => labels.money(account.creditsPending, account.currency),
    },
    {
      key: 'createdAt',
      title: t('payments.columns.createdAt'),
      render: (_, account) => <span className="nowrap">{format.dateTime(account.createdAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('payments.title')}
        subtitle={t('payments.subtitle')}
        extra={
          <Space wrap>
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="payments-new-account"
              >
                {t('payments.create.button')}
              </Button>
            ) : null}
            <ExportButtons
              rows={rows}
              columns={exportColumns(t, labels)}
              fileName="tradehub-accounts"
              sheetName={t('payments.export.sheetName')}
              testIdPrefix="payments-accounts"
            />
          </Space>
        }
      />
      {accounts.isError ? (
        <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : null}
      {totals.length > 0 ? (
        // One card per currency: balances in different currencies are never added or drawn on one axis.
        <Row gutter={[16, 16]} className="block-gap" data-testid="payments-totals">
          {totals.map((total) => (
            <Col key={total.currency} xs={24} sm={12} lg={6}>
              <Card
                size="small"
                className="payments-stat"
                data-testid="payments-total"
                data-currency={total.currency}
              >
                <Statistic
                  title={t('payments.totals.title', { currency: total.currency })}
                  value={labels.money(total.balance, total.currency)}
                />
                <Typography.Text type="secondary">
                  {t('payments.totals.available', {
                    amount: labels.money(total.available, total.currency),
                    accounts: format.number(total.accounts),
                  })}
                </Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      <Card>
        <Table<Account>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={accounts.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(account) => (account.closed ? 'row-muted' : '')}
          locale={{ emptyText: canManage ? t('payments.emptyManager') : t('payments.empty') }}
          data-testid="payments-accounts-table"
        />
      </Card>
      <CreateAccountModal
        orgId={orgId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(account) => {
          setCreating(false);
          navigate(accountPath(account.id));
        }}
      />
    </div>
  );
};
