import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Flex,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { collectEntries, type Entry, useAccount, useEntries } from '../../api/payments.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import {
  balanceNeutralTransfers,
  type StatementRow,
  statementRows,
} from '../../components/payments/ledger-model.ts';
import { PendingTransfers } from '../../components/payments/pending-transfers.tsx';
import { TransferForm } from '../../components/payments/transfer-form.tsx';
import { type PaymentsLabels, usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useTableExport } from '../../components/use-table-export.ts';
import { useFormat } from '../../i18n/use-format.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/payments/payments.css';

const EXPORT_MAX_ROWS = 50_000;

type TFn = ReturnType<typeof useTranslation>['t'];

type StatementLine = StatementRow<Entry>;

// Exact decimal strings with a sign, so a spreadsheet sums the posted changes to the closing balance.
const exportColumns = (t: TFn, labels: PaymentsLabels, currency: string): ExportColumn<StatementLine>[] => [
  { header: t('payments.statement.postedAt'), value: (e) => e.createdAt, width: 26 },
  { header: t('payments.statement.side'), value: (e) => labels.side(e.side), width: 10 },
  { header: t('payments.columns.amount'), value: (e) => e.amount, width: 18 },
  { header: t('payments.statement.postedChange'), value: (e) => e.postedChange, width: 18 },
  { header: t('payments.statement.reservedChange'), value: (e) => e.reservedChange, width: 18 },
  { header: t('payments.columns.currency'), value: () => currency, width: 10 },
  { header: t('payments.statement.balanceAfter'), value: (e) => e.balanceAfter, width: 18 },
  { header: t('payments.statement.pendingAfter'), value: (e) => e.pendingAfter, width: 18 },
  { header: t('payments.statement.transfer'), value: (e) => e.transferId, width: 30 },
  { header: t('payments.statement.version'), value: (e) => e.accountVersion, width: 10 },
];

export const PaymentsAccountPage = () => {
  const { t } = useTranslation();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const { accountId = '' } = useParams();
  const account = useAccount(orgId, accountId);
  const entries = useEntries(orgId, accountId);
  const currency = account.data?.currency ?? '';
  const rows = statementRows(entries.data?.pages.flatMap((page) => page.items) ?? [], currency);

  const { exporting, runExport } = useTableExport({
    key: 'statement-export',
    fileNamePrefix: 'tradehub-statement',
    sheetName: () => t('payments.statement.sheetName'),
    columns: () => exportColumns(t, labels, currency),
    collect: async (onProgress) => {
      const { entries: all, truncated } = await collectEntries(orgId, accountId, EXPORT_MAX_ROWS, onProgress);
      return { rows: statementRows(all, currency), truncated };
    },
    messages: {
      progress: (count) => t('payments.statement.exportProgress', { formatted: format.number(count) }),
      done: (count) => t('payments.statement.exportDone', { formatted: format.number(count) }),
      truncated: (count) => t('payments.statement.exportTruncated', { formatted: format.number(count) }),
    },
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/payments')} data-testid="payments-back">
      {t('payments.account.back')}
    </Button>
  );

  if (account.isError) {
    return (
      <div className="page">
        <PageHeader title={t('payments.account.title')} extra={back} />
        <ErrorAlert error={account.error} onRetry={() => void account.refetch()} />
      </div>
    );
  }
  if (!account.data) {
    return (
      <div className="page">
        <PageHeader title={t('payments.account.title')} extra={back} />
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  const data = account.data;

  const change = (amount: string) =>
    amount === '' || /^-?0(\.0+)?$/.test(amount) ? (
      <Typography.Text type="secondary">–</Typography.Text>
    ) : (
      `${amount.startsWith('-') ? '' : '+'}${labels.money(amount, currency)}`
    );

  const columns: TableColumnsType<StatementLine> = [
    {
      key: 'postedAt',
      title: t('payments.statement.postedAt'),
      render: (_, entry) => <span className="nowrap">{format.dateTime(entry.createdAt)}</span>,
    },
    {
      key: 'side',
      title: t('payments.statement.side'),
      render: (_, entry) => (
        <Tag color={entry.side === 'credit' ? 'green' : 'volcano'}>{labels.side(entry.side)}</Tag>
      ),
    },
    {
      key: 'posted',
      title: t('payments.statement.postedChange'),
      className: 'payments-amount',
      render: (_, entry) => <span data-testid="statement-amount">{change(entry.postedChange)}</span>,
    },
    {
      key: 'reserved',
      title: t('payments.statement.reservedChange'),
      className: 'payments-amount',
      render: (_, entry) => change(entry.reservedChange),
    },
    {
      key: 'balanceAfter',
      title: t('payments.statement.balanceAfter'),
      className: 'payments-amount',
      render: (_, entry) => (
        <span data-testid="statement-balance">{labels.money(entry.balanceAfter, currency)}</span>
      ),
    },
    {
      key: 'pendingAfter',
      title: t('payments.statement.pendingAfter'),
      className: 'payments-amount',
      render: (_, entry) => labels.money(entry.pendingAfter, currency),
    },
    {
      key: 'transfer',
      title: t('payments.statement.transfer'),
      render: (_, entry) => <span className="mono nowrap">{entry.transferId}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={
          <span data-testid="payments-account-title">
            {data.code} · {data.currency}
          </span>
        }
        subtitle={labels.kind(data.kind)}
        extra={back}
      />
      <Card size="small" className="block-gap">
        <Typography.Text type="secondary">{t('payments.account.idLabel')} </Typography.Text>
        <Typography.Text copyable className="mono payments-id" data-testid="payments-account-id">
          {data.id}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]} className="block-gap">
        {(
          [
            ['balance', data.balance],
            ['available', data.available],
            ['pendingOut', data.debitsPending],
            ['pendingIn', data.creditsPending],
          ] as const
        ).map(([key, amount]) => (
          <Col key={key} xs={12} lg={6}>
            <Card size="small" className="payments-stat">
              <Statistic
                title={t(`payments.columns.${key}`)}
                value={labels.money(amount, data.currency)}
                data-testid={`payments-stat-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {data.closed ? null : (
        <Card title={t('payments.transfer.title')} className="block-gap">
          <TransferForm orgId={orgId} account={data} />
        </Card>
      )}
      <PendingTransfers
        orgId={orgId}
        account={data}
        candidateIds={balanceNeutralTransfers(rows, data.currency)}
        partial={entries.hasNextPage}
      />
      <Card
        title={t('payments.statement.title')}
        extra={
          <Space wrap>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporting === 'csv'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('csv')}
              data-testid="statement-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              loading={exporting === 'xlsx'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('xlsx')}
              data-testid="statement-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
        data-testid="statement"
      >
        {entries.isError ? <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} /> : null}
        <Table<StatementLine>
          rowKey="accountVersion"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={entries.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('payments.statement.empty') }}
          data-testid="statement-table"
        />
        <Flex justify="center" className="load-more">
          {entries.hasNextPage ? (
            <Button
              onClick={() => void entries.fetchNextPage()}
              loading={entries.isFetchingNextPage}
              data-testid="statement-load-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
};
