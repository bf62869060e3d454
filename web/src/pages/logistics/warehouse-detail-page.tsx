import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import {
  MOVEMENTS_LIMIT,
  type StockMovement,
  type StockRow,
  useWarehouse,
  useWarehouseMovements,
  useWarehouseStock,
  type WarehouseView,
} from '../../api/logistics.ts';
import { BackButton, DetailPlaceholder } from '../../components/detail-frame.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { MovementModal } from '../../components/logistics/movement-modal.tsx';
import { ReturnsPanel } from '../../components/logistics/returns-panel.tsx';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { useOrgNames } from '../../components/logistics/use-org-names.ts';
import { signedQuantity, stockTotals } from '../../components/logistics/warehouse-model.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/logistics/logistics.css';

export const WarehouseDetailPage = () => {
  const { t } = useTranslation();
  const { warehouseId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const warehouse = useWarehouse(orgId, warehouseId);
  const back = (
    <BackButton to="/logistics/warehouses" label={t('logistics.warehouses.back')} testId="warehouse-back" />
  );
  if (warehouse.isPending || warehouse.isError) {
    return <DetailPlaceholder title={t('logistics.warehouses.detailTitle')} back={back} query={warehouse} />;
  }
  return <WarehouseDashboard warehouse={warehouse.data} back={back} />;
};

const WarehouseDashboard = ({ warehouse, back }: { warehouse: WarehouseView; back: ReactNode }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const nameOf = useOrgNames();
  const stock = useWarehouseStock(orgId, warehouse.id);
  const movements = useWarehouseMovements(orgId, warehouse.id);
  const [recording, setRecording] = useState(false);
  const operator = warehouse.myStanding === 'operator';
  const stockRows = stock.data?.items ?? [];
  const movementRows = movements.data?.items ?? [];
  const totals = stockTotals(stockRows);

  const stockColumns: TableColumnsType<StockRow> = [
    ...(operator
      ? [
          {
            key: 'client',
            title: t('logistics.warehouses.client'),
            render: (_: unknown, row: StockRow) => nameOf(row.clientOrganisationId),
          },
        ]
      : []),
    { key: 'sku', title: 'SKU', render: (_, row) => <span className="mono">{row.sku}</span> },
    {
      key: 'sellable',
      title: labels.bucket('sellable'),
      className: 'logistics-number',
      render: (_, row) => <span data-testid="stock-sellable">{format.number(row.sellable)}</span>,
    },
    {
      key: 'picked',
      title: labels.bucket('picked'),
      className: 'logistics-number',
      render: (_, row) => format.number(row.picked),
    },
    {
      key: 'quarantine',
      title: labels.bucket('quarantine'),
      className: 'logistics-number',
      render: (_, row) => <span data-testid="stock-quarantine">{format.number(row.quarantine)}</span>,
    },
    {
      key: 'inRepair',
      title: labels.bucket('in_repair'),
      className: 'logistics-number',
      render: (_, row) => format.number(row.inRepair),
    },
  ];
  const stockExport: ExportColumn<StockRow>[] = [
    { header: t('logistics.warehouses.client'), value: (row) => nameOf(row.clientOrganisationId), width: 30 },
    { header: 'SKU', value: (row) => row.sku, width: 20 },
    { header: labels.bucket('sellable'), value: (row) => row.sellable, width: 12 },
    { header: labels.bucket('picked'), value: (row) => row.picked, width: 12 },
    { header: labels.bucket('quarantine'), value: (row) => row.quarantine, width: 12 },
    { header: labels.bucket('in_repair'), value: (row) => row.inRepair, width: 12 },
  ];
  const bucketPath = (row: StockMovement) =>
    `${row.fromBucket ? labels.bucket(row.fromBucket) : '–'} → ${row.toBucket ? labels.bucket(row.toBucket) : '–'}`;
  const movementColumns: TableColumnsType<StockMovement> = [
    {
      key: 'at',
      title: t('logistics.movements.at'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.createdAt)}</span>,
    },
    {
      key: 'kind',
      title: t('logistics.movements.kind'),
      render: (_, row) => (
        <Tag data-testid="movement-kind" data-kind={row.kind}>
          {labels.movementKind(row.kind)}
        </Tag>
      ),
    },
    ...(operator
      ? [
          {
            key: 'client',
            title: t('logistics.warehouses.client'),
            render: (_: unknown, row: StockMovement) => nameOf(row.clientOrganisationId),
          },
        ]
      : []),
    { key: 'sku', title: 'SKU', render: (_, row) => <span className="mono">{row.sku}</span> },
    {
      key: 'quantity',
      title: t('logistics.movements.quantity'),
      className: 'logistics-number',
      render: (_, row) => format.number(row.quantity),
    },
    {
      key: 'buckets',
      title: t('logistics.movements.buckets'),
      render: (_, row) => <span className="nowrap">{bucketPath(row)}</span>,
    },
    {
      key: 'change',
      title: t('logistics.movements.change'),
      className: 'logistics-number',
      render: (_, row) => {
        const change = signedQuantity(row);
        return change > 0 ? `+${format.number(change)}` : format.number(change);
      },
    },
    {
      key: 'reference',
      title: t('logistics.movements.reference'),
      render: (_, row) => row.reference ?? row.reason ?? '',
    },
  ];
  const movementExport: ExportColumn<StockMovement>[] = [
    { header: t('logistics.movements.at'), value: (row) => row.createdAt, width: 24 },
    { header: t('logistics.movements.kind'), value: (row) => labels.movementKind(row.kind), width: 16 },
    { header: t('logistics.warehouses.client'), value: (row) => nameOf(row.clientOrganisationId), width: 30 },
    { header: 'SKU', value: (row) => row.sku, width: 20 },
    { header: t('logistics.movements.quantity'), value: (row) => row.quantity, width: 10 },
    { header: t('logistics.movements.from'), value: (row) => row.fromBucket, width: 12 },
    { header: t('logistics.movements.to'), value: (row) => row.toBucket, width: 12 },
    { header: t('logistics.movements.reference'), value: (row) => row.reference, width: 24 },
    { header: t('logistics.movements.reason'), value: (row) => row.reason, width: 30 },
    { header: 'id', value: (row) => row.id, width: 30 },
  ];

  return (
    <div className="page">
      <PageHeader
        title={<span data-testid="warehouse-name">{warehouse.name}</span>}
        subtitle={t(`logistics.warehouses.standings.${warehouse.myStanding}`)}
        extra={back}
      />
      <Card className="block-gap">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="UN/LOCODE">
            <span className="mono">{warehouse.unlocode}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.warehouses.operator')}>
            {nameOf(warehouse.operatorOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.warehouses.address')}>
            {[
              ...warehouse.address.lines,
              [warehouse.address.postcode, warehouse.address.city].filter(Boolean).join(' '),
              warehouse.address.country,
            ].join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.warehouses.roles')}>
            {warehouse.roles.map((role) => (
              <Tag key={role}>{labels.warehouseRole(role)}</Tag>
            ))}
          </Descriptions.Item>
          {operator ? (
            <Descriptions.Item label={t('logistics.warehouses.clients')}>
              {warehouse.clients.length === 0
                ? '–'
                : warehouse.clients.map((c) => nameOf(c.organisationId)).join(', ')}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]} className="block-gap">
        {(['skus', 'sellable', 'picked', 'quarantine'] as const).map((key) => (
          <Col xs={12} md={6} key={key}>
            <Card size="small">
              <Statistic
                title={key === 'skus' ? t('logistics.warehouses.skus') : labels.bucket(key)}
                value={totals[key]}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        className="block-gap"
        title={t('logistics.warehouses.stock')}
        extra={
          <ExportButtons
            rows={stockRows}
            columns={stockExport}
            fileName="stock"
            sheetName={t('logistics.warehouses.stock')}
            testIdPrefix="stock"
          />
        }
      >
        {stock.isError ? <ErrorAlert error={stock.error} onRetry={() => void stock.refetch()} /> : null}
        <Table<StockRow>
          rowKey={(row) => `${row.clientOrganisationId}:${row.sku}`}
          size="small"
          columns={stockColumns}
          dataSource={stockRows}
          loading={stock.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('logistics.warehouses.noStock') }}
          data-testid="stock-table"
        />
      </Card>
      <Card className="block-gap" title={t('logistics.returns.title')}>
        <ReturnsPanel warehouse={warehouse} />
      </Card>
      <Card
        title={t('logistics.movements.title')}
        extra={
          <ExportButtons
            rows={movementRows}
            columns={movementExport}
            fileName="stock-movements"
            sheetName={t('logistics.movements.title')}
            testIdPrefix="movements"
          />
        }
      >
        {operator ? (
          <Button
            icon={<PlusOutlined />}
            className="block-gap"
            onClick={() => setRecording(true)}
            data-testid="movement-new"
          >
            {t('logistics.movements.record')}
          </Button>
        ) : null}
        {movements.isError ? (
          <ErrorAlert error={movements.error} onRetry={() => void movements.refetch()} />
        ) : null}
        <Table<StockMovement>
          rowKey="id"
          size="small"
          columns={movementColumns}
          dataSource={movementRows}
          loading={movements.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('logistics.movements.empty') }}
          data-testid="movements-table"
        />
        {movementRows.length >= MOVEMENTS_LIMIT ? (
          <Typography.Text type="secondary">
            {t('logistics.movements.limited', { count: MOVEMENTS_LIMIT })}
          </Typography.Text>
        ) : null}
      </Card>
      {recording ? <MovementModal warehouse={warehouse} onClose={() => setRecording(false)} /> : null}
    </div>
  );
};
