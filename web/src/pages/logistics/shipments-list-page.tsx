import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  collectShipments,
  type ShipmentPlan,
  type ShipmentSummary,
  TRANSPORT_MODES,
  type TransportMode,
  useShipmentDetails,
  useShipments,
} from '../../api/logistics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExceptionsPanel } from '../../components/logistics/exceptions-panel.tsx';
import {
  carrierNamesOf,
  exportRow,
  modesOf,
  nextArrival,
  routeCodes,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  shipmentStatus,
} from '../../components/logistics/shipment-model.ts';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { useOrgNames } from '../../components/logistics/use-org-names.ts';
import { WorldMap } from '../../components/logistics/world-map.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useTableExport } from '../../components/use-table-export.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { filterShipments, type ShipmentFilters } from './shipments-filter.ts';
import '../../components/logistics/logistics.css';

export const SHIPMENT_STATUS_COLOUR: Record<ShipmentStatus, string> = {
  planned: 'default',
  in_transit: 'blue',
  arrived: 'green',
};

const EXPORT_MAX_ROWS = 1000;

/** Shipments the organisation is a party of, with their routes on the world map. */
export const ShipmentsListPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const nameOf = useOrgNames();
  const list = useShipments(orgId);
  const summaries = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const details = useShipmentDetails(
    orgId,
    summaries.map((s) => s.id),
  );
  const [filters, setFilters] = useState<ShipmentFilters>({ text: '', status: null, mode: null });
  const rows = filterShipments(summaries, details.planById, filters);
  const visiblePlans = rows
    .map((row) => details.planById.get(row.id))
    .filter((plan): plan is ShipmentPlan => plan !== undefined);

  const exporter = useTableExport<{ summary: ShipmentSummary; plan: ShipmentPlan }>({
    key: 'shipments-export',
    fileNamePrefix: 'shipments',
    sheetName: () => t('logistics.shipments.title'),
    columns: () => [
      { header: t('logistics.shipments.columns.reference'), value: (r) => r.summary.reference, width: 20 },
      {
        header: t('logistics.shipments.columns.route'),
        value: (r) => exportRow(r.summary, r.plan).route,
        width: 30,
      },
      {
        header: t('logistics.shipments.columns.modes'),
        value: (r) => modesOf(r.plan.legs).map(labels.mode).join(', '),
        width: 16,
      },
      {
        header: t('logistics.shipments.columns.carriers'),
        value: (r) => exportRow(r.summary, r.plan).carriers,
        width: 24,
      },
      {
        header: t('logistics.shipments.columns.status'),
        value: (r) => labels.shipmentStatus(shipmentStatus(r.plan.legs)),
        width: 12,
      },
      {
        header: t('logistics.shipments.columns.nextPlace'),
        value: (r) => exportRow(r.summary, r.plan).nextArrivalPlace,
        width: 10,
      },
      {
        header: t('logistics.shipments.columns.nextArrival'),
        value: (r) => exportRow(r.summary, r.plan).nextArrivalAt,
        width: 26,
      },
      { header: t('logistics.shipments.columns.createdAt'), value: (r) => r.summary.createdAt, width: 24 },
      { header: 'id', value: (r) => r.summary.id, width: 30 },
    ],
    collect: (onProgress) => collectShipments(orgId, EXPORT_MAX_ROWS, onProgress),
    messages: {
      progress: (count) => t('logistics.shipments.export.progress', { count }),
      done: (count) => t('logistics.shipments.export.done', { count }),
      truncated: (count) => t('logistics.shipments.export.truncated', { count }),
    },
  });

  const columns: TableColumnsType<ShipmentSummary> = [
    {
      key: 'reference',
      title: t('logistics.shipments.columns.reference'),
      render: (_, row) => (
        <Link to={`/logistics/shipments/${encodeURIComponent(row.id)}`} data-testid="shipment-link">
          {row.reference}
        </Link>
      ),
    },
    {
      key: 'route',
      title: t('logistics.shipments.columns.route'),
      render: (_, row) => {
        const plan = details.planById.get(row.id);
        const codes = plan
          ? routeCodes(
              plan.legs.map((leg) => ({ origin: leg.origin.code, destination: leg.destination.code })),
            )
          : [];
        return (
          <span className="mono" data-testid="shipment-route">
            {codes.join(' → ')}
          </span>
        );
      },
    },
    {
      key: 'modes',
      title: t('logistics.shipments.columns.modes'),
      render: (_, row) =>
        modesOf(details.planById.get(row.id)?.legs ?? []).map((mode) => (
          <Tag key={mode}>{labels.mode(mode)}</Tag>
        )),
    },
    {
      key: 'parties',
      title: t('logistics.shipments.columns.carriers'),
      render: (_, row) => {
        const shipment = details.shipmentById.get(row.id);
        const plan = details.planById.get(row.id);
        const names = carrierNamesOf(plan?.legs ?? []);
        return (
          <div>
            {names.length > 0 ? <div>{names.join(', ')}</div> : null}
            {shipment?.forwarderOrganisationId ? (
              <Typography.Text type="secondary">
                {t('logistics.shipments.forwarder', { name: nameOf(shipment.forwarderOrganisationId) })}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    {
      key: 'status',
      title: t('logistics.shipments.columns.status'),
      render: (_, row) => {
        const plan = details.planById.get(row.id);
        if (!plan) {
          return null;
        }
        const status = shipmentStatus(plan.legs);
        return (
          <Tag color={SHIPMENT_STATUS_COLOUR[status]} data-testid="shipment-status" data-status={status}>
            {labels.shipmentStatus(status)}
          </Tag>
        );
      },
    },
    {
      key: 'next',
      title: t('logistics.shipments.columns.nextArrival'),
      render: (_, row) => {
        const plan = details.planById.get(row.id);
        const next = plan ? nextArrival(plan) : null;
        return next ? (
          <span className="nowrap">
            <span className="mono">{next.place}</span> {format.dateTime(next.at)}{' '}
            {next.estimated ? <Tag>{labels.classifier('EST')}</Tag> : null}
          </span>
        ) : (
          '–'
        );
      },
    },
    {
      key: 'createdAt',
      title: t('logistics.shipments.columns.createdAt'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.createdAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader title={t('logistics.shipments.title')} subtitle={t('logistics.shipments.subtitle')} />
      <Card
        className="block-gap"
        extra={
          <Space wrap>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporter.exporting === 'csv'}
              disabled={summaries.length === 0}
              onClick={() => void exporter.runExport('csv')}
              data-testid="shipments-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              loading={exporter.exporting === 'xlsx'}
              disabled={summaries.length === 0}
              onClick={() => void exporter.runExport('xlsx')}
              data-testid="shipments-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
        title={t('logistics.shipments.listTitle')}
      >
        <Space wrap className="block-gap">
          <Input.Search
            allowClear
            placeholder={t('logistics.shipments.search')}
            aria-label={t('logistics.shipments.search')}
            onSearch={(text) => setFilters((f) => ({ ...f, text }))}
            onChange={(event) => setFilters((f) => ({ ...f, text: event.target.value }))}
            data-testid="shipments-search"
          />
          <Select<ShipmentStatus>
            allowClear
            className="logistics-filter"
            placeholder={t('logistics.shipments.allStatuses')}
            aria-label={t('logistics.shipments.columns.status')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status: status ?? null }))}
            options={SHIPMENT_STATUSES.map((code) => ({ value: code, label: labels.shipmentStatus(code) }))}
            data-testid="shipments-status-filter"
          />
          <Select<TransportMode>
            allowClear
            className="logistics-filter"
            placeholder={t('logistics.shipments.allModes')}
            aria-label={t('logistics.shipments.columns.modes')}
            value={filters.mode}
            onChange={(mode) => setFilters((f) => ({ ...f, mode: mode ?? null }))}
            options={TRANSPORT_MODES.map((code) => ({ value: code, label: labels.mode(code) }))}
            data-testid="shipments-mode-filter"
          />
        </Space>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        {details.failed ? <ErrorAlert error={details.failed} /> : null}
        <Table<ShipmentSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('logistics.shipments.empty') }}
          data-testid="shipments-table"
        />
        <Flex justify="center" className="load-more">
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card className="block-gap" title={t('logistics.map.title')}>
        <WorldMap plans={visiblePlans} testId="shipments-map" />
      </Card>
      <Card title={t('logistics.exceptions.title')}>
        <ExceptionsPanel shipmentId={null} initialState="open" />
      </Card>
    </div>
  );
};
