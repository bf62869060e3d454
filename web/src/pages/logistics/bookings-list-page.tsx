import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  BOOKING_LIST_ROLES,
  type BookingListRole,
  type BookingStatus,
  type BookingSummary,
  useBookings,
} from '../../api/logistics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { useOrgNames } from '../../components/logistics/use-org-names.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/logistics/logistics.css';

export const BOOKING_STATUS_COLOUR: Record<BookingStatus, string> = {
  requested: 'gold',
  confirmed: 'green',
  declined: 'red',
  cancelled: 'default',
};

/** Bookings the organisation sent to forwarders, or (for a forwarder) received from shippers. */
export const BookingsListPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { orgId, membership } = useActiveOrg();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const nameOf = useOrgNames();
  const [params, setParams] = useSearchParams();
  const isForwarder = membership.organisation.kind === 'logistics_provider';
  const roleParam = params.get('role');
  const role: BookingListRole = (BOOKING_LIST_ROLES as readonly string[]).includes(roleParam ?? '')
    ? (roleParam as BookingListRole)
    : isForwarder
      ? 'received'
      : 'sent';
  const list = useBookings(orgId, role);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<BookingSummary> = [
    {
      key: 'reference',
      title: t('logistics.bookings.reference'),
      render: (_, row) => (
        <Link to={`/logistics/bookings/${encodeURIComponent(row.id)}`} data-testid="booking-link">
          {row.reference}
        </Link>
      ),
    },
    {
      key: 'party',
      title: role === 'sent' ? t('logistics.bookings.forwarder') : t('logistics.bookings.shipper'),
      render: (_, row) => nameOf(role === 'sent' ? row.forwarderOrganisationId : row.shipperOrganisationId),
    },
    {
      key: 'route',
      title: t('logistics.bookings.route'),
      render: (_, row) => (
        <span className="mono">
          {row.origin ?? '–'} → {row.destination ?? '–'}
        </span>
      ),
    },
    {
      key: 'departure',
      title: t('logistics.bookings.departureDate'),
      render: (_, row) => format.date(row.departureDate),
    },
    {
      key: 'status',
      title: t('logistics.bookings.status'),
      render: (_, row) => (
        <Tag color={BOOKING_STATUS_COLOUR[row.status]} data-testid="booking-status" data-status={row.status}>
          {labels.bookingState(row.status)}
        </Tag>
      ),
    },
    {
      key: 'carrierBooking',
      title: t('logistics.bookings.carrierBookingReference'),
      render: (_, row) => <span className="mono">{row.carrierBookingReference ?? '–'}</span>,
    },
    {
      key: 'shipment',
      title: t('logistics.bookings.shipment'),
      render: (_, row) =>
        row.shipmentId ? (
          <Link to={`/logistics/shipments/${encodeURIComponent(row.shipmentId)}`}>
            {t('logistics.bookings.openShipment')}
          </Link>
        ) : (
          '–'
        ),
    },
    {
      key: 'updated',
      title: t('logistics.bookings.updatedAt'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.updatedAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('logistics.bookings.title')}
        subtitle={t('logistics.bookings.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/logistics/bookings/new')}
            data-testid="booking-new"
          >
            {t('logistics.bookings.new')}
          </Button>
        }
      />
      <Card>
        <Segmented<BookingListRole>
          className="block-gap"
          value={role}
          onChange={(value) => setParams({ role: value }, { replace: true })}
          options={BOOKING_LIST_ROLES.map((value) => ({
            value,
            label: t(`logistics.bookings.lists.${value}`),
          }))}
          data-testid="bookings-role"
        />
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<BookingSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('logistics.bookings.empty') }}
          data-testid="bookings-table"
        />
        <Flex justify="center" className="load-more">
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
};
