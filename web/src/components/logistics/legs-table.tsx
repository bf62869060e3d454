import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LegStatus, PlanLeg } from '../../api/logistics.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { DELAY_COLOUR, delayLevel, transportMeans } from './shipment-model.ts';
import { useLogisticsLabels } from './use-logistics-labels.ts';
import './logistics.css';

export const LEG_STATUS_COLOUR: Record<LegStatus, string> = {
  planned: 'default',
  departed: 'blue',
  arrived: 'green',
};

const DelayBadge = ({ minutes, testId }: { minutes: number | undefined; testId: string }) => {
  const { t } = useTranslation();
  const labels = useLogisticsLabels();
  const level = delayLevel(minutes);
  if (level === null || minutes === undefined) {
    return null;
  }
  const text =
    level === 'late' || level === 'very_late'
      ? t('logistics.legs.late', { duration: labels.duration(minutes) })
      : level === 'early'
        ? t('logistics.legs.early', { duration: labels.duration(minutes) })
        : labels.delay(level);
  return (
    <Tag color={DELAY_COLOUR[level]} data-testid={testId} data-level={level}>
      {text}
    </Tag>
  );
};

/** Planned, estimated and actual time of one milestone, the latest known first in weight. */
const Times = ({
  planned,
  estimated,
  actual,
  delay,
  testId,
}: {
  planned: string;
  estimated: string | undefined;
  actual: string | undefined;
  delay: number | undefined;
  testId: string;
}) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="nowrap" data-testid={testId}>
      <div>
        <Typography.Text type="secondary">{t('logistics.legs.planned')}</Typography.Text>{' '}
        {format.dateTime(planned)}
      </div>
      {estimated ? (
        <div>
          <Typography.Text type="secondary">{t('logistics.legs.estimated')}</Typography.Text>{' '}
          {format.dateTime(estimated)}
        </div>
      ) : null}
      {actual ? (
        <div>
          <Typography.Text type="secondary">{t('logistics.legs.actual')}</Typography.Text>{' '}
          <Typography.Text strong>{format.dateTime(actual)}</Typography.Text>
        </div>
      ) : null}
      <DelayBadge minutes={delay} testId={`${testId}-delay`} />
    </div>
  );
};

/** Each leg of the plan: route, means of transport, and planned against actual times. */
export const LegsTable = ({ legs }: { legs: readonly PlanLeg[] }) => {
  const { t } = useTranslation();
  const labels = useLogisticsLabels();
  const columns: TableColumnsType<PlanLeg> = [
    { key: 'index', title: '#', render: (_, leg) => leg.index + 1 },
    {
      key: 'route',
      title: t('logistics.legs.route'),
      render: (_, leg) => (
        <div>
          <span className="mono">
            {leg.origin.code} → {leg.destination.code}
          </span>
          <div>
            <Typography.Text type="secondary">
              {[leg.origin.name, leg.destination.name].every(Boolean)
                ? `${leg.origin.name} → ${leg.destination.name}`
                : ''}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'mode', title: t('logistics.legs.mode'), render: (_, leg) => <Tag>{labels.mode(leg.mode)}</Tag> },
    {
      key: 'means',
      title: t('logistics.legs.means'),
      render: (_, leg) => (
        <div>
          {leg.carrierName ? <div>{leg.carrierName}</div> : null}
          <Typography.Text type="secondary">{transportMeans(leg) ?? ''}</Typography.Text>
        </div>
      ),
    },
    {
      key: 'departure',
      title: t('logistics.legs.departure'),
      render: (_, leg) => (
        <Times
          planned={leg.plannedDeparture}
          estimated={leg.estimatedDeparture}
          actual={leg.actualDeparture}
          delay={leg.departureDelayMinutes}
          testId="leg-departure"
        />
      ),
    },
    {
      key: 'arrival',
      title: t('logistics.legs.arrival'),
      render: (_, leg) => (
        <Times
          planned={leg.plannedArrival}
          estimated={leg.estimatedArrival}
          actual={leg.actualArrival}
          delay={leg.arrivalDelayMinutes}
          testId="leg-arrival"
        />
      ),
    },
    {
      key: 'status',
      title: t('logistics.legs.status'),
      render: (_, leg) => (
        <Tag color={LEG_STATUS_COLOUR[leg.status]} data-testid="leg-status" data-status={leg.status}>
          {labels.legStatus(leg.status)}
        </Tag>
      ),
    },
  ];
  return (
    <Table<PlanLeg>
      rowKey="index"
      size="small"
      columns={columns}
      dataSource={[...legs]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="legs-table"
    />
  );
};
