import { CalendarOutlined, LeftOutlined, LinkOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  type Meeting,
  meetingsFeedUrl,
  type UpcomingMeeting,
  useMeetings,
  useUpcomingMeetings,
} from '../../../api/expo-meetings.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButtons } from '../../../components/export-buttons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import type { ExportColumn } from '../../../lib/table-export.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { FeedModal } from './feed-modal.tsx';
import {
  addDays,
  browserTimeZone,
  dayIn,
  formatInZone,
  statusColour,
  timeIn,
  weekOf,
  whenOf,
} from './meetings-model.ts';
import { RequestMeetingModal } from './request-meeting-modal.tsx';
import './meetings.css';

type View = 'week' | 'list';

/** The other party of a meeting, as the viewer sees it. */
export const otherParty = (m: Meeting) => (m.myRole === 'requester' ? m.counterpart : m.requester);

const useName = () => {
  const { i18n } = useTranslation();
  return (party: { name: string; nameZh: string }) => (i18n.language === 'zh-CN' ? party.nameZh : party.name);
};

/** "10:00 (UTC+8)" in the viewer's zone, and the other party's local time when it told its zone. */
export const MeetingTime = ({ meeting, zone }: { meeting: Meeting; zone: string }) => {
  const { t } = useTranslation();
  const when = whenOf(meeting);
  if (when === undefined) {
    return null;
  }
  const other = otherParty(meeting);
  return (
    <span className="meeting-time">
      <span>{formatInZone(when.startsAt, zone)}</span>
      {other.timeZone !== null && other.timeZone !== zone ? (
        <Typography.Text type="secondary" className="meeting-time-other">
          {t('expoMeetings.theirTime', {
            time: formatInZone(when.startsAt, other.timeZone),
            zone: other.timeZone,
          })}
        </Typography.Text>
      ) : null}
    </span>
  );
};

/** The meeting calendar (/expo/meetings): what is coming up, a week view or a list, and new requests. */
export const MeetingsCalendarPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const navigate = useNavigate();
  const name = useName();
  const zone = browserTimeZone();
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(() => dayIn(new Date().toISOString(), zone));
  const [requesting, setRequesting] = useState(false);
  const [subscribing, setSubscribing] = useState(false);
  const days = weekOf(anchor);
  const from = new Date(`${days[0]}T00:00:00Z`);
  // A day's margin on each side: the week is in the viewer's zone, the query in UTC.
  const window =
    view === 'week'
      ? {
          from: new Date(from.getTime() - 86_400_000).toISOString(),
          to: new Date(from.getTime() + 8 * 86_400_000).toISOString(),
        }
      : {};
  const meetings = useMeetings(orgId, window);
  const upcoming = useUpcomingMeetings(orgId);
  const items = meetings.data?.items ?? [];

  const byDay = useMemo(() => {
    const map = new Map<string, Meeting[]>();
    for (const m of items) {
      const when = whenOf(m);
      if (when !== undefined) {
        const day = dayIn(when.startsAt, zone);
        map.set(day, [...(map.get(day) ?? []), m]);
      }
    }
    return map;
  }, [items, zone]);

  const exportColumns: ExportColumn<Meeting>[] = [
    {
      header: t('expoMeetings.columns.start'),
      value: (m) => (whenOf(m) ? formatInZone(whenOf(m)?.startsAt ?? '', zone) : ''),
      width: 24,
    },
    { header: t('expoMeetings.columns.with'), value: (m) => name(otherParty(m)), width: 36 },
    {
      header: t('expoMeetings.columns.theirTime'),
      value: (m) => {
        const other = otherParty(m);
        const when = whenOf(m);
        return other.timeZone !== null && when ? formatInZone(when.startsAt, other.timeZone) : '';
      },
      width: 24,
    },
    { header: t('expoMeetings.columns.mode'), value: (m) => t(`expoMeetings.modes.${m.mode}`), width: 12 },
    {
      header: t('expoMeetings.columns.status'),
      value: (m) => t(`expoMeetings.status.${m.status}`),
      width: 12,
    },
    { header: t('expoMeetings.columns.id'), value: (m) => m.id, width: 32 },
  ];

  const columns: ColumnsType<Meeting> = [
    {
      title: t('expoMeetings.columns.start'),
      key: 'start',
      render: (_, m) => <MeetingTime meeting={m} zone={zone} />,
    },
    {
      title: t('expoMeetings.columns.with'),
      key: 'with',
      render: (_, m) => <Link to={`/expo/meetings/${m.id}`}>{name(otherParty(m))}</Link>,
    },
    {
      title: t('expoMeetings.columns.mode'),
      key: 'mode',
      render: (_, m) => t(`expoMeetings.modes.${m.mode}`),
      responsive: ['md'],
    },
    {
      title: t('expoMeetings.columns.status'),
      key: 'status',
      render: (_, m) => <Tag color={statusColour(m.status)}>{t(`expoMeetings.status.${m.status}`)}</Tag>,
    },
  ];

  return (
    <div className="meetings-page">
      <PageHeader
        title={t('expoMeetings.title')}
        subtitle={t('expoMeetings.subtitle', { zone })}
        extra={
          <Space wrap>
            <Button href={meetingsFeedUrl(orgId)} icon={<CalendarOutlined />} data-testid="meetings-feed">
              {t('expoMeetings.feed')}
            </Button>
            <Button
              icon={<LinkOutlined />}
              onClick={() => setSubscribing(true)}
              data-testid="meetings-subscribe"
            >
              {t('expoMeetings.subscribe')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRequesting(true)}
              data-testid="meetings-new"
            >
              {t('expoMeetings.request')}
            </Button>
          </Space>
        }
      />
      <UpcomingCard data={upcoming.data?.items} zone={zone} error={upcoming.error} />
      <Space wrap className="block-gap">
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'week', label: t('expoMeetings.week') },
            { value: 'list', label: t('expoMeetings.list') },
          ]}
          data-testid="meetings-view"
        />
        {view === 'week' ? (
          <Space>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('expoMeetings.previousWeek')}
              onClick={() => setAnchor(addDays(anchor, -7))}
            />
            <Typography.Text strong>{`${days[0]} – ${days[6]}`}</Typography.Text>
            <Button
              icon={<RightOutlined />}
              aria-label={t('expoMeetings.nextWeek')}
              onClick={() => setAnchor(addDays(anchor, 7))}
            />
            <Button onClick={() => setAnchor(dayIn(new Date().toISOString(), zone))}>
              {t('expoMeetings.thisWeek')}
            </Button>
          </Space>
        ) : (
          <ExportButtons
            rows={items}
            columns={exportColumns}
            fileName="expo-meetings"
            sheetName={t('expoMeetings.title')}
            testIdPrefix="meetings-export"
          />
        )}
      </Space>
      {meetings.isError ? (
        <ErrorAlert error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : null}
      {view === 'week' ? (
        <div className="meetings-week" data-testid="meetings-week">
          {days.map((day) => (
            <div key={day} className="meetings-day">
              <Typography.Text strong className="meetings-day-title">
                {t(`expoMeetings.weekday.${new Date(`${day}T00:00:00Z`).getUTCDay()}`)} {day.slice(5)}
              </Typography.Text>
              {(byDay.get(day) ?? []).map((m) => {
                const when = whenOf(m);
                return (
                  <Card
                    key={m.id}
                    size="small"
                    className={`meeting-chip meeting-chip-${m.status}`}
                    hoverable
                    onClick={() => navigate(`/expo/meetings/${m.id}`)}
                    data-testid={`meeting-chip-${m.id}`}
                  >
                    <Typography.Text strong>
                      {when ? `${timeIn(when.startsAt, zone)}–${timeIn(when.endsAt, zone)}` : ''}
                      {when?.tentative ? ` ${t('expoMeetings.tentative')}` : ''}
                    </Typography.Text>
                    <div>{name(otherParty(m))}</div>
                    <Tag color={statusColour(m.status)}>{t(`expoMeetings.status.${m.status}`)}</Tag>
                  </Card>
                );
              })}
            </div>
          ))}
        </div>
      ) : (
        <Table<Meeting>
          rowKey="id"
          size="small"
          loading={meetings.isLoading}
          dataSource={items}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('expoMeetings.none')} /> }}
          data-testid="meetings-table"
        />
      )}
      <FeedModal open={subscribing} onClose={() => setSubscribing(false)} />
      <RequestMeetingModal
        open={requesting}
        onClose={() => setRequesting(false)}
        onRequested={(m) => navigate(`/expo/meetings/${m.id}`)}
      />
    </div>
  );
};

const UpcomingCard = ({
  data,
  zone,
  error,
}: {
  data: UpcomingMeeting[] | undefined;
  zone: string;
  error: unknown;
}) => {
  const { t } = useTranslation();
  const name = useName();
  if (error) {
    return <ErrorAlert error={error} />;
  }
  const items = data ?? [];
  return (
    <Card
      size="small"
      title={t('expoMeetings.upcoming')}
      className="block-gap"
      data-testid="meetings-upcoming"
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('expoMeetings.noneUpcoming')}</Typography.Text>
      ) : (
        <ul className="meetings-upcoming-list">
          {items.slice(0, 8).map((m) => (
            <li key={m.id}>
              <Space wrap size={4}>
                <Link to={`/expo/meetings/${m.id}`}>{name(otherParty(m))}</Link>
                <MeetingTime meeting={m} zone={zone} />
                {m.awaitingMe ? <Badge status="warning" text={t('expoMeetings.awaitingYou')} /> : null}
                {m.reminders.quarterHour ? (
                  <Tag color="red">{t('expoMeetings.reminderQuarterHour')}</Tag>
                ) : m.reminders.dayBefore ? (
                  <Tag color="orange">{t('expoMeetings.reminderDay')}</Tag>
                ) : null}
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
};
