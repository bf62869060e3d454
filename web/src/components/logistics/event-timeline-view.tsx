import {
  CheckCircleFilled,
  ClockCircleOutlined,
  FieldTimeOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Col, Empty, Row, Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DcsaEvent, ShipmentContainer, ShipmentLeg } from '../../api/logistics.ts';
import { useFormat } from '../../i18n/use-format.ts';
import {
  buildTimelines,
  CLASSIFIER_STYLE,
  type EventClassifier,
  type TimelineEntry,
  type TimelineGroup,
} from './event-timeline.ts';
import { useLogisticsLabels } from './use-logistics-labels.ts';
import './logistics.css';

const CLASSIFIER_ICON: Record<EventClassifier, typeof CheckCircleFilled> = {
  ACT: CheckCircleFilled,
  EST: FieldTimeOutlined,
  PLN: ClockCircleOutlined,
  REQ: QuestionCircleOutlined,
};

/** The classifier as a tag: actual filled green, estimated and planned outlined, each its own. */
export const ClassifierTag = ({ classifier }: { classifier: EventClassifier | null }) => {
  const labels = useLogisticsLabels();
  if (classifier === null) {
    return null;
  }
  const style = CLASSIFIER_STYLE[classifier];
  return (
    <Tag
      color={style.colour === 'gray' ? 'default' : style.colour}
      variant={style.hollow ? 'outlined' : 'solid'}
      data-testid="event-classifier"
      data-classifier={classifier}
    >
      {labels.classifier(classifier)}
    </Tag>
  );
};

const EntryContent = ({ entry }: { entry: TimelineEntry }) => {
  const { t } = useTranslation();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const where = [entry.location, entry.locationName].filter(Boolean).join(' · ');
  return (
    <div data-testid="timeline-entry" data-code={entry.code} data-classifier={entry.classifier ?? ''}>
      <Typography.Text strong>
        {entry.code ? labels.eventCode(entry.code) : t('logistics.timeline.noCode')}
      </Typography.Text>{' '}
      <ClassifierTag classifier={entry.classifier} />
      <Typography.Text type="secondary" className="timeline-entry-meta">
        {format.dateTime(entry.eventDateTime)}
        {where ? ` · ${where}` : ''}
      </Typography.Text>
      {entry.transport ? (
        <Typography.Text type="secondary" className="timeline-entry-meta">
          {t('logistics.timeline.transport', { transport: entry.transport })}
        </Typography.Text>
      ) : null}
      {entry.documentType ? (
        <Typography.Text type="secondary" className="timeline-entry-meta">
          {t('logistics.timeline.document', {
            type: labels.documentType(entry.documentType),
            id: entry.documentId ?? '',
          })}
        </Typography.Text>
      ) : null}
      {entry.emptyIndicator ? (
        <Typography.Text type="secondary" className="timeline-entry-meta">
          {t(entry.emptyIndicator === 'EMPTY' ? 'logistics.timeline.empty' : 'logistics.timeline.laden')}
        </Typography.Text>
      ) : null}
      {entry.remark || entry.delayReasonCode ? (
        <Typography.Text type="secondary" className="timeline-entry-meta">
          {t('logistics.timeline.remark', {
            remark: [entry.delayReasonCode, entry.remark].filter(Boolean).join(' · '),
          })}
        </Typography.Text>
      ) : null}
    </div>
  );
};

const GroupTitle = ({ group, legs }: { group: TimelineGroup; legs: readonly ShipmentLeg[] }) => {
  const { t } = useTranslation();
  const labels = useLogisticsLabels();
  switch (group.kind) {
    case 'leg': {
      const leg = legs[group.legIndex];
      return (
        <>
          {t('logistics.timeline.leg', {
            number: group.legIndex + 1,
            from: leg?.origin ?? '',
            to: leg?.destination ?? '',
          })}
          {leg ? ` · ${labels.mode(leg.mode)}` : ''}
        </>
      );
    }
    case 'container':
      return <>{t('logistics.timeline.container', { number: group.container })}</>;
    case 'shipment':
      return <>{t('logistics.timeline.shipment')}</>;
    case 'unassigned':
      return <>{t('logistics.timeline.unassigned')}</>;
  }
};

type EventTimelinesProps = {
  events: readonly DcsaEvent[];
  legs: readonly ShipmentLeg[];
  containers: readonly ShipmentContainer[];
};

/** One timeline per leg, per container and for the documents, each in event-time order. */
export const EventTimelines = ({ events, legs, containers }: EventTimelinesProps) => {
  const { t } = useTranslation();
  const groups = useMemo(() => buildTimelines(events, legs, containers), [events, legs, containers]);
  if (groups.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logistics.timeline.none')} />;
  }
  return (
    <Row gutter={[24, 8]} data-testid="shipment-timelines">
      {groups.map((group) => (
        <Col xs={24} md={12} xl={8} key={group.key}>
          <section className="timeline-group" data-testid="timeline-group" data-group={group.key}>
            <Typography.Title level={5}>
              <GroupTitle group={group} legs={legs} />
            </Typography.Title>
            <Timeline
              items={group.entries.map((entry, index) => {
                const style = entry.classifier ? CLASSIFIER_STYLE[entry.classifier] : null;
                const Icon = entry.classifier ? CLASSIFIER_ICON[entry.classifier] : null;
                return {
                  key: `${entry.eventId}-${index}`,
                  color: style?.colour ?? 'gray',
                  ...(Icon ? { icon: <Icon /> } : {}),
                  content: <EntryContent entry={entry} />,
                };
              })}
            />
          </section>
        </Col>
      ))}
    </Row>
  );
};
