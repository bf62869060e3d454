import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  type CargoLine,
  epcisUrl,
  type ShipmentContainer,
  type ShipmentPlan,
  type ShipmentWithEvents,
  traceUrl,
  useShipment,
  useShipmentPlan,
} from '../../api/logistics.ts';
import { BackButton, DetailPlaceholder } from '../../components/detail-frame.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { EventTimelines } from '../../components/logistics/event-timeline-view.tsx';
import { ExceptionsPanel } from '../../components/logistics/exceptions-panel.tsx';
import { LegsTable } from '../../components/logistics/legs-table.tsx';
import { shipmentStatus } from '../../components/logistics/shipment-model.ts';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { useOrgNames } from '../../components/logistics/use-org-names.ts';
import { WorldMap } from '../../components/logistics/world-map.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { SHIPMENT_STATUS_COLOUR } from './shipments-list-page.tsx';
import '../../components/logistics/logistics.css';

export const ShipmentDetailPage = () => {
  const { t } = useTranslation();
  const { shipmentId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const shipment = useShipment(orgId, shipmentId);
  const plan = useShipmentPlan(orgId, shipmentId);
  const back = (
    <BackButton to="/logistics/shipments" label={t('logistics.shipment.back')} testId="shipment-back" />
  );
  if (shipment.isPending || shipment.isError) {
    return <DetailPlaceholder title={t('logistics.shipment.title')} back={back} query={shipment} />;
  }
  return (
    <ShipmentView
      shipment={shipment.data}
      plan={plan.data ?? null}
      planError={plan.isError ? plan.error : null}
      back={back}
    />
  );
};

const ShipmentView = ({
  shipment,
  plan,
  planError,
  back,
}: {
  shipment: ShipmentWithEvents;
  plan: ShipmentPlan | null;
  planError: unknown;
  back: ReactNode;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const nameOf = useOrgNames();
  const status = plan ? shipmentStatus(plan.legs) : null;
  const downloads = (
    <Space wrap>
      {back}
      <Button
        icon={<DownloadOutlined />}
        href={traceUrl(orgId, shipment.id)}
        download={`${shipment.reference}.trace.json`}
        data-testid="shipment-trace-download"
      >
        {t('logistics.shipment.trace')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        href={epcisUrl(orgId, shipment.id)}
        download={`${shipment.reference}.epcis.jsonld`}
        data-testid="shipment-epcis-download"
      >
        {t('logistics.shipment.epcis')}
      </Button>
    </Space>
  );
  return (
    <div className="page">
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="shipment-reference">{shipment.reference}</span>
            {status ? (
              <Tag color={SHIPMENT_STATUS_COLOUR[status]} data-testid="shipment-status" data-status={status}>
                {labels.shipmentStatus(status)}
              </Tag>
            ) : null}
          </Flex>
        }
        subtitle={t('logistics.shipment.subtitle', {
          roles: shipment.myRoles.map((role) => t(`logistics.partyRoles.${role}`)).join(', '),
        })}
        extra={downloads}
      />
      <Card className="block-gap">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('logistics.shipment.shipper')}>
            {nameOf(shipment.shipperOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.shipment.forwarder')}>
            <span data-testid="shipment-forwarder">{nameOf(shipment.forwarderOrganisationId)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.shipment.carrier')}>
            {nameOf(shipment.carrierOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.shipment.bookingReference')}>
            <span className="mono">{shipment.carrierBookingReference ?? '–'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.shipment.transportDocument')}>
            <span className="mono">{shipment.transportDocumentReference ?? '–'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.shipment.orders')}>
            <Space wrap>
              {shipment.orderIds.map((id) => (
                <Link
                  key={id}
                  to={`/orders/${encodeURIComponent(id)}`}
                  className="logistics-id"
                  data-testid="shipment-order"
                >
                  {id}
                </Link>
              ))}
            </Space>
          </Descriptions.Item>
          {plan ? (
            <>
              <Descriptions.Item label={t('logistics.shipment.plannedTransit')}>
                {labels.duration(plan.plannedTransitMinutes)}
              </Descriptions.Item>
              <Descriptions.Item label={t('logistics.shipment.actualTransit')}>
                {plan.actualTransitMinutes === undefined ? '–' : labels.duration(plan.actualTransitMinutes)}
              </Descriptions.Item>
            </>
          ) : null}
          <Descriptions.Item label={t('logistics.shipment.createdAt')}>
            {format.dateTime(shipment.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label="id">
            <span className="logistics-id">{shipment.id}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="block-gap" title={t('logistics.legs.title')}>
        {planError ? <ErrorAlert error={planError} /> : null}
        {plan ? (
          <>
            <LegsTable legs={plan.legs} />
            {plan.transshipmentPoints.length > 0 ? (
              <Typography.Paragraph className="block-gap" data-testid="transshipment-points">
                {t('logistics.legs.transshipment')}{' '}
                {plan.transshipmentPoints
                  .map((point) =>
                    point.actualDwellMinutes === undefined
                      ? t('logistics.legs.dwell', {
                          place: point.code,
                          duration: labels.duration(point.dwellMinutes),
                        })
                      : t('logistics.legs.dwellActual', {
                          place: point.code,
                          duration: labels.duration(point.dwellMinutes),
                          actual: labels.duration(point.actualDwellMinutes),
                        }),
                  )
                  .join(' · ')}
              </Typography.Paragraph>
            ) : null}
          </>
        ) : planError ? null : (
          <Skeleton active />
        )}
      </Card>
      <Card className="block-gap" title={t('logistics.map.titleOne')}>
        {plan ? <WorldMap plans={[plan]} testId="shipment-map" height={320} /> : <Skeleton active />}
      </Card>
      <Card className="block-gap" title={t('logistics.exceptions.title')}>
        <ExceptionsPanel shipmentId={shipment.id} />
      </Card>
      <Card className="block-gap" title={t('logistics.timeline.title')}>
        <EventTimelines events={shipment.events} legs={shipment.legs} containers={shipment.containers} />
      </Card>
      <Card className="block-gap" title={t('logistics.shipment.containers')}>
        <Table<ShipmentContainer>
          rowKey="number"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={shipment.containers}
          locale={{ emptyText: t('logistics.shipment.noContainers') }}
          columns={[
            {
              key: 'number',
              title: t('logistics.shipment.containerNumber'),
              render: (_, c) => <span className="mono">{c.number}</span>,
            },
            { key: 'sizeType', title: t('logistics.shipment.sizeType'), dataIndex: 'sizeType' },
            { key: 'seals', title: t('logistics.shipment.seals'), render: (_, c) => c.seals.join(', ') },
          ]}
          data-testid="shipment-containers"
        />
      </Card>
      <Card title={t('logistics.shipment.cargo')}>
        <Table<CargoLine>
          rowKey={(line) => `${line.hsCode}-${line.description}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={shipment.cargo}
          columns={[
            {
              key: 'hs',
              title: t('logistics.shipment.hsCode'),
              render: (_, l) => <span className="mono">{l.hsCode}</span>,
            },
            { key: 'description', title: t('logistics.shipment.description'), dataIndex: 'description' },
            {
              key: 'packages',
              title: t('logistics.shipment.packages'),
              className: 'logistics-number',
              render: (_, l) => format.number(l.packages),
            },
            // The weight stays the server's decimal string: shown digit for digit, never through a float.
            {
              key: 'weight',
              title: t('logistics.shipment.grossWeight'),
              className: 'logistics-number',
              render: (_, l) => `${l.grossWeightKg} kg`,
            },
          ]}
          data-testid="shipment-cargo"
        />
      </Card>
    </div>
  );
};
