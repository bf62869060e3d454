import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  collectOrders,
  importUblOrder,
  ORDER_ROLES,
  ORDER_STATUSES,
  type OrderFilters,
  type OrderRole,
  type OrderStatus,
  type OrderView,
  type UblOrderCompletion,
  useOrderMutation,
  useOrders,
} from '../../api/orders.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OrderStatusTag } from '../../components/orders/order-status-tag.tsx';
import {
  gapsOfRefusal,
  UblImportCompletionModal,
} from '../../components/orders/ubl-import-completion-modal.tsx';
import type { UblImportGaps } from '../../components/orders/ubl-import-gaps.ts';
import { type OrderLabels, useOrderLabels } from '../../components/orders/use-order-labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useTableExport } from '../../components/use-table-export.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/orders/orders.css';

const EXPORT_MAX_ROWS = 20_000;

type TFn = ReturnType<typeof useTranslation>['t'];

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** The other party's name, as the viewer sees the order. */
export const counterpartyName = (order: OrderView): string =>
  order.myRole === 'buyer'
    ? order.content.seller.name
    : order.myRole === 'seller'
      ? order.content.buyer.name
      : `${order.content.seller.name} → ${order.content.buyer.name}`;

// Amounts and dates stay exact in exports (decimal strings, ISO 8601) so a spreadsheet can sum them.
const exportColumns = (t: TFn, labels: OrderLabels): ExportColumn<OrderView>[] => [
  { header: t('orders.columns.reference'), value: (o) => o.content.buyerReference, width: 20 },
  { header: t('orders.columns.status'), value: (o) => labels.status(o.status), width: 14 },
  { header: t('orders.columns.myRole'), value: (o) => labels.role(o.myRole), width: 12 },
  { header: t('orders.columns.seller'), value: (o) => o.content.seller.name, width: 36 },
  { header: t('orders.columns.buyer'), value: (o) => o.content.buyer.name, width: 36 },
  { header: t('orders.columns.currency'), value: (o) => o.content.total.currency, width: 10 },
  { header: t('orders.columns.total'), value: (o) => o.content.total.amount, width: 16 },
  {
    header: t('orders.columns.incoterms'),
    value: (o) => `${o.content.incoterms.rule} ${o.content.incoterms.namedPlace.unlocode}`,
    width: 16,
  },
  { header: t('orders.columns.updatedAt'), value: (o) => o.updatedAt, width: 26 },
  { header: t('orders.columns.id'), value: (o) => o.id, width: 30 },
];

export const OrdersListPage = () => {
  const { t } = useTranslation();
  const labels = useOrderLabels();
  const commonLabels = useLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const [params, setParams] = useSearchParams();
  const status = pick<OrderStatus>(params.get('status'), ORDER_STATUSES);
  const role = pick<OrderRole>(params.get('role'), ORDER_ROLES);
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const q = useDebounced(qInput, 300);
  const filters: OrderFilters = { status, role, q };
  const list = useOrders(orgId, filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const importUbl = useOrderMutation(orgId, (file: Blob) => importUblOrder(orgId, file));
  const completeUbl = useOrderMutation(
    orgId,
    ({ file, completion }: { file: Blob; completion: UblOrderCompletion }) =>
      importUblOrder(orgId, file, completion),
  );
  const [completing, setCompleting] = useState<{ file: File; gaps: UblImportGaps } | null>(null);

  const setFilter = (key: 'status' | 'role' | 'q', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const { exporting, runExport } = useTableExport({
    key: 'orders-export',
    fileNamePrefix: 'tradehub-orders',
    sheetName: () => t('orders.export.sheetName'),
    columns: () => exportColumns(t, labels),
    collect: async (onProgress) => {
      const { orders, truncated } = await collectOrders(orgId, filters, EXPORT_MAX_ROWS, onProgress);
      return { rows: orders, truncated };
    },
    messages: {
      progress: (count) => t('orders.export.progress', { formatted: format.number(count) }),
      done: (count) => t('orders.export.done', { formatted: format.number(count) }),
      truncated: (count) => t('orders.export.truncated', { formatted: format.number(count) }),
    },
  });

  const onImported = (order: OrderView) => {
    setCompleting(null);
    void message.success(t('orders.import.done'));
    navigate(`/orders/${encodeURIComponent(order.id)}`);
  };

  const onImport = async (file: File) => {
    try {
      onImported(await importUbl.mutateAsync(file));
    } catch (error) {
      // A file that only lacks what the importer can state (HS codes, Incoterms, payment terms)
      // is completed in a dialog; anything else wrong with it is shown as it is.
      const gaps = gapsOfRefusal(error, await file.text());
      if (gaps === undefined) {
        void message.error(commonLabels.errorMessage(error));
      } else {
        setCompleting({ file, gaps });
      }
    }
  };

  const columns: TableColumnsType<OrderView> = [
    {
      key: 'reference',
      title: t('orders.columns.reference'),
      render: (_, order) => (
        <Link to={`/orders/${encodeURIComponent(order.id)}`} data-testid="order-link" className="nowrap">
          {order.content.buyerReference}
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('orders.columns.status'),
      render: (_, order) => <OrderStatusTag status={order.status} />,
    },
    {
      key: 'counterparty',
      title: t('orders.columns.counterparty'),
      render: (_, order) => <span data-testid="order-counterparty">{counterpartyName(order)}</span>,
    },
    { key: 'myRole', title: t('orders.columns.myRole'), render: (_, order) => labels.role(order.myRole) },
    {
      key: 'move',
      title: t('orders.columns.move'),
      render: (_, order) =>
        order.awaitingOrganisationId === null ? (
          '–'
        ) : order.awaitingOrganisationId === orgId ? (
          <Typography.Text strong>{t('orders.move.mine')}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('orders.move.theirs')}</Typography.Text>
        ),
    },
    {
      key: 'total',
      title: t('orders.columns.total'),
      className: 'orders-amount',
      render: (_, order) => labels.money(order.content.total),
    },
    {
      key: 'incoterms',
      title: t('orders.columns.incoterms'),
      render: (_, order) => (
        <span className="nowrap">
          {order.content.incoterms.rule} {order.content.incoterms.namedPlace.unlocode}
        </span>
      ),
    },
    {
      key: 'updatedAt',
      title: t('orders.columns.updatedAt'),
      render: (_, order) => <span className="nowrap">{format.dateTime(order.updatedAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('orders.title')}
        subtitle={t('orders.subtitle')}
        extra={
          <Space wrap>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/orders/new')}
              data-testid="orders-new"
            >
              {t('orders.new')}
            </Button>
            <Upload
              accept=".xml,application/xml,text/xml"
              showUploadList={false}
              beforeUpload={(file) => {
                void onImport(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importUbl.isPending} data-testid="orders-import-ubl">
                {t('orders.import.button')}
              </Button>
            </Upload>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'csv'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('csv')}
              data-testid="orders-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting === 'xlsx'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('xlsx')}
              data-testid="orders-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" className="block-gap">
          <Select<OrderStatus>
            allowClear
            className="orders-filter"
            placeholder={t('orders.filters.allStatuses')}
            aria-label={t('orders.filters.status')}
            value={status}
            onChange={(value) => setFilter('status', value ?? null)}
            options={ORDER_STATUSES.map((code) => ({ value: code, label: labels.status(code) }))}
            data-testid="orders-filter-status"
          />
          <Select<OrderRole>
            allowClear
            className="orders-filter"
            placeholder={t('orders.filters.allRoles')}
            aria-label={t('orders.filters.role')}
            value={role}
            onChange={(value) => setFilter('role', value ?? null)}
            options={ORDER_ROLES.map((code) => ({ value: code, label: labels.role(code) }))}
            data-testid="orders-filter-role"
          />
          <Input.Search
            allowClear
            className="orders-search"
            placeholder={t('orders.filters.search')}
            aria-label={t('orders.filters.search')}
            value={qInput}
            onChange={(event) => {
              setQInput(event.target.value);
              setFilter('q', event.target.value.trim() || null);
            }}
            data-testid="orders-search"
          />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<OrderView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(order) =>
            order.status === 'cancelled' || order.status === 'rejected' ? 'row-muted' : ''
          }
          locale={{ emptyText: t('orders.empty') }}
          data-testid="orders-table"
        />
        <Flex justify="center" className="load-more">
          {list.hasNextPage ? (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="orders-load-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : rows.length > 0 ? (
            <Typography.Text type="secondary" data-testid="orders-count">
              {t('orders.count', {
                shown: format.number(rows.length),
                total: format.number(total ?? rows.length),
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
      <UblImportCompletionModal
        pending={completing}
        onImport={(file, completion) => completeUbl.mutateAsync({ file, completion })}
        onImported={onImported}
        onCancel={() => setCompleting(null)}
      />
    </div>
  );
};
