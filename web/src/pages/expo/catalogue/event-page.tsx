import {
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ScheduleSession, useExpoEvent } from '../../../api/expo-catalogue.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../i18n/use-format.ts';
import { pick, timeInZone, viewerTimeZone } from './catalogue-model.ts';

/** An expo event: halls with their booths and exhibitors, and the schedule in two time zones. */
export const EventPage = () => {
  const { eventId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const event = useExpoEvent(eventId);
  const language = i18n.language;
  if (event.isPending) {
    return <Skeleton active />;
  }
  if (event.isError) {
    return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  }
  const e = event.data;
  const viewerZone = viewerTimeZone();
  const hallName = (hallId: string | null) => {
    const hall = e.halls.find((h) => h.id === hallId);
    return hall === undefined ? '' : pick(language, hall.nameZh, hall.nameEn);
  };
  const columns: TableColumnsType<ScheduleSession> = [
    {
      title: t('expoCatalogue.event.eventTime', { zone: e.timeZone }),
      key: 'event',
      render: (_, s) =>
        `${timeInZone(s.startsAt, language, e.timeZone)} – ${timeInZone(s.endsAt, language, e.timeZone)}`,
    },
    {
      title: t('expoCatalogue.event.yourTime', { zone: viewerZone }),
      key: 'viewer',
      responsive: ['md'],
      render: (_, s) => `${timeInZone(s.startsAt, language)} – ${timeInZone(s.endsAt, language)}`,
    },
    {
      title: t('expoCatalogue.event.session'),
      key: 'title',
      render: (_, s) => pick(language, s.titleZh, s.titleEn),
    },
    {
      title: t('expoCatalogue.event.hall'),
      key: 'hall',
      responsive: ['sm'],
      render: (_, s) => hallName(s.hallId),
    },
  ];
  return (
    <div data-testid="expo-event-page">
      <PageHeader
        title={pick(language, e.nameZh, e.nameEn)}
        subtitle={pick(language, e.themeZh, e.themeEn)}
        extra={e.status === 'published' ? null : <Tag>{e.status}</Tag>}
      />
      <Card className="block-gap" size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('expoCatalogue.event.dates')}>
            {format.date(`${e.startsOn}T00:00:00`)} – {format.date(`${e.endsOn}T00:00:00`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.event.venue')}>
            {pick(language, e.venueZh, e.venueEn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.event.timeZone')}>{e.timeZone}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Title level={4}>{t('expoCatalogue.event.halls')}</Typography.Title>
      <Row gutter={[16, 16]} className="block-gap">
        {e.halls.map((hall) => (
          <Col key={hall.id} xs={24} lg={12}>
            <Card size="small" title={pick(language, hall.nameZh, hall.nameEn)} data-testid="expo-event-hall">
              {e.booths
                .filter((b) => b.hallId === hall.id)
                .map((booth) => (
                  <div key={booth.id} style={{ padding: '4px 0' }}>
                    <Tag>{booth.code}</Tag>
                    {booth.exhibitor === null ? (
                      <Typography.Text type="secondary">{t('expoCatalogue.event.freeBooth')}</Typography.Text>
                    ) : (
                      <Link to={`/expo/exhibitors/${booth.exhibitor.organisationId}`}>
                        {pick(language, booth.exhibitor.displayNameZh, booth.exhibitor.displayNameEn)}
                      </Link>
                    )}
                  </div>
                ))}
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={4}>{t('expoCatalogue.event.schedule')}</Typography.Title>
      {e.sessions.length === 0 ? (
        <Empty />
      ) : (
        <Table<ScheduleSession>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={e.sessions}
          pagination={false}
          data-testid="expo-event-schedule"
        />
      )}
    </div>
  );
};
