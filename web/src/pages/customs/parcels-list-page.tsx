import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  collectParcels,
  PARCEL_STATES,
  type ParcelFilters,
  type ParcelState,
  type ParcelSummary,
  TRADE_MODES,
  useParcels,
} from '../../api/customs.ts';
import { ParcelStateTag } from '../../components/customs/parcel-state-tag.tsx';
import { type CustomsLabels, useCustomsLabels } from '../../components/customs/use-customs-labels.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useTableExport } from '../../components/use-table-export.ts';
import { useFormat } from '../../i18n/use-format.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { parcelPath } from './clearance-board-page.tsx';
import '../../components/customs/customs.css';

const EXPORT_MAX_ROWS = 50_000;

type TFn = ReturnType<typeof useTranslation>['t'];

const DOCUMENTS = ['order', 'payment', 'waybill', 'inventory'] as const;

/** `order, waybill` of the documents received. */
const documentList = (parcel: ParcelSummary, labels: CustomsLabels): string =>
  DOCUMENTS.filter((kind) => parcel.documents[kind])
    .map((kind) => labels.document(kind))
    .join(', ');

// Amounts stay decimal strings and dates ISO 8601 in exports, so a spreadsheet sums them exactly.
const exportColumns = (t: TFn, labels: CustomsLabels): ExportColumn<ParcelSummary>[] => [
  { header: t('customs.columns.orderNo'), value: (p) => p.orderNo, width: 24 },
  { header: t('customs.columns.ebpCode'), value: (p) => p.ebpCode, width: 14 },
  { header: t('customs.columns.logisticsNo'), value: (p) => p.logisticsNo, width: 22 },
  { header: t('customs.columns.invtNo'), value: (p) => p.invtNo, width: 22 },
  { header: t('customs.columns.state'), value: (p) => labels.state(p.state), width: 12 },
  { header: t('customs.columns.tradeMode'), value: (p) => p.tradeMode, width: 10 },
  { header: t('customs.columns.customsCode'), value: (p) => p.customsCode, width: 10 },
  { header: t('customs.columns.documents'), value: (p) => documentList(p, labels), width: 30 },
  { header: t('customs.columns.dutiableValue'), value: (p) => p.dutiableValue, width: 14 },
  { header: t('customs.columns.taxTotal'), value: (p) => p.taxTotal, width: 14 },
  { header: t('customs.columns.findings'), value: (p) => p.findings, width: 10 },
  { header: t('customs.columns.refusalCode'), value: (p) => p.refusalCode, width: 26 },
  { header: t('customs.columns.updatedAt'), value: (p) => p.updatedAt, width: 26 },
  { header: t('customs.columns.id'), value: (p) => p.id, width: 30 },
];

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

export const ParcelsListPage = () => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const [params, setParams] = useSearchParams();
  const state = pick<ParcelState>(params.get('state'), PARCEL_STATES);
  // Any 4-character mode the server knows can arrive by link; the select offers the usual ones.
  const tradeModeParam = params.get('tradeMode');
  const tradeMode = tradeModeParam !== null && /^\d{4}$/.test(tradeModeParam) ? tradeModeParam : null;
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const q = useDebounced(qInput, 300);
  const filters: ParcelFilters = { state, tradeMode, q };
  const list = useParcels(orgId, filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const setFilter = (key: 'state' | 'tradeMode' | 'q', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const { exporting, runExport } = useTableExport({
    key: 'customs-parcels-export',
    fileNamePrefix: 'tradehub-parcels',
    sheetName: () => t('customs.export.sheetName'),
    columns: () => exportColumns(t, labels),
    collect: async (onProgress) => {
      const { parcels, truncated } = await collectParcels(orgId, filters, EXPORT_MAX_ROWS, onProgress);
      return { rows: parcels, truncated };
    },
    messages: {
      progress: (count) => t('customs.export.progress', { formatted: format.number(count) }),
      done: (count) => t('customs.export.done', { formatted: format.number(count) }),
      truncated: (count) => t('customs.export.truncated', { formatted: format.number(count) }),
    },
  });

  const tradeModes = [...new Set([...TRADE_MODES, ...(tradeMode !== null ? [tradeMode] : [])])];

  const columns: TableColumnsType<ParcelSummary> = [
    {
      key: 'orderNo',
      title: t('customs.columns.orderNo'),
      render: (_, parcel) => (
        <Link to={parcelPath(parcel.id)} className="nowrap" data-testid="customs-parcel-link">
          {parcel.orderNo}
        </Link>
      ),
    },
    {
      key: 'state',
      title: t('customs.columns.state'),
      render: (_, parcel) => <ParcelStateTag state={parcel.state} />,
    },
    {
      key: 'logisticsNo',
      title: t('customs.columns.logisticsNo'),
      render: (_, parcel) => <span className="mono nowrap">{parcel.logisticsNo ?? '–'}</span>,
    },
    {
      key: 'invtNo',
      title: t('customs.columns.invtNo'),
      render: (_, parcel) => <span className="mono nowrap">{parcel.invtNo ?? '–'}</span>,
    },
    {
      key: 'tradeMode',
      title: t('customs.columns.tradeMode'),
      render: (_, parcel) => labels.tradeMode(parcel.tradeMode),
    },
    {
      key: 'documents',
      title: t('customs.columns.documents'),
      render: (_, parcel) => (
        <span className="nowrap" role="img" aria-label={documentList(parcel, labels)}>
          {DOCUMENTS.map((kind) => (
            <span
              key={kind}
              className={parcel.documents[kind] ? 'customs-doc-dot customs-doc-present' : 'customs-doc-dot'}
              title={`${labels.document(kind)}: ${parcel.documents[kind] ? t('customs.documentsCard.present') : t('customs.documentsCard.missing')}`}
            >
              {labels.document(kind).slice(0, 1)}
            </span>
          ))}
        </span>
      ),
    },
    {
      key: 'taxTotal',
      title: t('customs.columns.taxTotal'),
      className: 'customs-amount',
      render: (_, parcel) => labels.cny(parcel.taxTotal),
    },
    { key: 'findings', title: t('customs.columns.findings'), render: (_, parcel) => parcel.findings },
    {
      key: 'updatedAt',
      title: t('customs.columns.updatedAt'),
      render: (_, parcel) => <span className="nowrap">{format.dateTime(parcel.updatedAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('customs.parcels.title')}
        subtitle={t('customs.parcels.subtitle')}
        extra={
          <Space wrap>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/customs')}
              data-testid="customs-back-board"
            >
              {t('customs.backToBoard')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'csv'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('csv')}
              data-testid="customs-parcels-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting === 'xlsx'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('xlsx')}
              data-testid="customs-parcels-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" className="block-gap">
          <Select<ParcelState>
            allowClear
            className="customs-filter"
            placeholder={t('customs.filters.allStates')}
            aria-label={t('customs.filters.state')}
            value={state}
            onChange={(value) => setFilter('state', value ?? null)}
            options={PARCEL_STATES.map((code) => ({ value: code, label: labels.state(code) }))}
            data-testid="customs-filter-state"
          />
          <Select<string>
            allowClear
            className="customs-filter"
            placeholder={t('customs.filters.allTradeModes')}
            aria-label={t('customs.filters.tradeMode')}
            value={tradeMode}
            onChange={(value) => setFilter('tradeMode', value ?? null)}
            options={tradeModes.map((code) => ({ value: code, label: labels.tradeMode(code) }))}
            data-testid="customs-filter-trade-mode"
          />
          <Input.Search
            allowClear
            className="customs-search"
            maxLength={80}
            placeholder={t('customs.search.placeholder')}
            aria-label={t('customs.search.label')}
            value={qInput}
            onChange={(event) => {
              setQInput(event.target.value);
              setFilter('q', event.target.value.trim() || null);
            }}
            data-testid="customs-parcels-search"
          />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<ParcelSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('customs.parcels.empty') }}
          data-testid="customs-parcels-table"
        />
        <Flex justify="center" className="load-more">
          {list.hasNextPage ? (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="customs-parcels-load-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : rows.length > 0 ? (
            <Typography.Text type="secondary" data-testid="customs-parcels-count">
              {t('customs.parcels.count', { formatted: format.number(rows.length) })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
};
