import { Card, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWarehouses, type Warehouse } from '../../api/logistics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { useOrgNames } from '../../components/logistics/use-org-names.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/logistics/logistics.css';

/** Warehouses the organisation operates or is a client of. */
export const WarehousesListPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const nameOf = useOrgNames();
  const list = useWarehouses(orgId);
  const columns: TableColumnsType<Warehouse> = [
    {
      key: 'name',
      title: t('logistics.warehouses.name'),
      render: (_, row) => (
        <Link to={`/logistics/warehouses/${encodeURIComponent(row.id)}`} data-testid="warehouse-link">
          {row.name}
        </Link>
      ),
    },
    { key: 'unlocode', title: 'UN/LOCODE', render: (_, row) => <span className="mono">{row.unlocode}</span> },
    {
      key: 'address',
      title: t('logistics.warehouses.address'),
      render: (_, row) => `${row.address.city}, ${row.address.country}`,
    },
    {
      key: 'roles',
      title: t('logistics.warehouses.roles'),
      render: (_, row) => row.roles.map((role) => <Tag key={role}>{labels.warehouseRole(role)}</Tag>),
    },
    {
      key: 'operator',
      title: t('logistics.warehouses.operator'),
      render: (_, row) => nameOf(row.operatorOrganisationId),
    },
    {
      key: 'standing',
      title: t('logistics.warehouses.standing'),
      render: (_, row) => (
        <Tag color={row.myStanding === 'operator' ? 'blue' : 'default'}>
          {t(`logistics.warehouses.standings.${row.myStanding}`)}
        </Tag>
      ),
    },
  ];
  return (
    <div className="page">
      <PageHeader title={t('logistics.warehouses.title')} subtitle={t('logistics.warehouses.subtitle')} />
      <Card>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Warehouse>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('logistics.warehouses.empty') }}
          data-testid="warehouses-table"
        />
      </Card>
    </div>
  );
};
