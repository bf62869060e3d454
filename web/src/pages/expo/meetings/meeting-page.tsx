import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  type MeetingDetail,
  meetingIcsUrl,
  useAddMeetingNote,
  useDraftOrderFromMeeting,
  useMeeting,
  useMeetingAction,
} from '../../../api/expo-meetings.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FullPageSpin } from '../../../components/full-page-spin.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { otherParty } from './meetings-calendar-page.tsx';
import { browserTimeZone, formatInZone, statusColour } from './meetings-model.ts';
import { RescheduleModal } from './request-meeting-modal.tsx';
import './meetings.css';

/** One meeting (/expo/meetings/:meetingId): confirm a slot, decline, cancel, notes, .ics, draft order. */
export const MeetingPage = () => {
  const { meetingId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const meeting = useMeeting(orgId, meetingId);
  const { t } = useTranslation();
  if (meeting.isLoading) {
    return <FullPageSpin />;
  }
  if (meeting.isError || meeting.data === undefined) {
    return (
      <>
        <PageHeader
          title={t('expoMeetings.meeting')}
          extra={<Link to="/expo/meetings">{t('expoMeetings.back')}</Link>}
        />
        <ErrorAlert error={meeting.error} onRetry={() => void meeting.refetch()} />
      </>
    );
  }
  return <MeetingView meeting={meeting.data} />;
};

const MeetingView = ({ meeting }: { meeting: MeetingDetail }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const zone = browserTimeZone();
  const act = useMeetingAction(orgId, meeting.id);
  const draft = useDraftOrderFromMeeting(orgId, meeting.id);
  const [picked, setPicked] = useState(0);
  const [rescheduling, setRescheduling] = useState(false);
  const other = otherParty(meeting);
  const name = (party: { name: string; nameZh: string }) =>
    i18n.language === 'zh-CN' ? party.nameZh : party.name;
  const can = (action: string) => meeting.allowedActions.includes(action as never);
  const canDraft = (meeting.status === 'confirmed' || meeting.status === 'held') && meeting.leadId !== null;

  const slotLabel = (startsAt: string, endsAt: string) => (
    <span className="meeting-time">
      <span>
        {formatInZone(startsAt, zone)} – {formatInZone(endsAt, zone).slice(11)}
      </span>
      {other.timeZone !== null && other.timeZone !== zone ? (
        <Typography.Text type="secondary" className="meeting-time-other">
          {t('expoMeetings.theirTime', {
            time: formatInZone(startsAt, other.timeZone),
            zone: other.timeZone,
          })}
        </Typography.Text>
      ) : null}
      {meeting.booth !== null && meeting.booth.eventTimeZone !== zone ? (
        <Typography.Text type="secondary" className="meeting-time-other">
          {t('expoMeetings.eventTime', { time: formatInZone(startsAt, meeting.booth.eventTimeZone) })}
        </Typography.Text>
      ) : null}
    </span>
  );

  const createOrder = async () => {
    const answer = await draft.mutateAsync(undefined);
    void message.success(t(answer.created ? 'expoMeetings.orderCreated' : 'expoMeetings.orderExists'));
    navigate(`/orders/${answer.orderId}`);
  };

  return (
    <div className="meetings-page">
      <PageHeader
        title={t('expoMeetings.meetingWith', { name: name(other) })}
        subtitle={
          <Space wrap>
            <Tag color={statusColour(meeting.status)} data-testid="meeting-status">
              {t(`expoMeetings.status.${meeting.status}`)}
            </Tag>
            <Typography.Text type="secondary">{meeting.id}</Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            <Link to="/expo/meetings">{t('expoMeetings.back')}</Link>
            {meeting.startsAt !== null ? (
              <Button
                icon={<DownloadOutlined />}
                href={meetingIcsUrl(orgId, meeting.id)}
                data-testid="meeting-ics"
              >
                {t('expoMeetings.downloadIcs')}
              </Button>
            ) : null}
            {meeting.draftOrderId !== null ? (
              <Link to={`/orders/${meeting.draftOrderId}`} data-testid="meeting-order-link">
                {t('expoMeetings.openOrder')}
              </Link>
            ) : canDraft ? (
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                loading={draft.isPending}
                onClick={() => void createOrder().catch(() => undefined)}
                data-testid="meeting-draft-order"
              >
                {t('expoMeetings.createDraftOrder')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {act.isError ? <ErrorAlert error={act.error} /> : null}
      {draft.isError ? <ErrorAlert error={draft.error} /> : null}
      <Card size="small" className="block-gap">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('expoMeetings.requester')}>
            {name(meeting.requester)}
            {meeting.requester.timeZone ? ` (${meeting.requester.timeZone})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMeetings.counterpart')}>
            {name(meeting.counterpart)}
            {meeting.counterpart.timeZone ? ` (${meeting.counterpart.timeZone})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMeetings.mode')}>
            {t(`expoMeetings.modes.${meeting.mode}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMeetings.where')}>
            {meeting.booth !== null ? (
              `${meeting.booth.code} · ${i18n.language === 'zh-CN' ? meeting.booth.eventNameZh : meeting.booth.eventNameEn}${
                meeting.booth.venueEn
                  ? ` · ${i18n.language === 'zh-CN' ? (meeting.booth.venueZh ?? meeting.booth.venueEn) : meeting.booth.venueEn}`
                  : ''
              }`
            ) : meeting.videoUrl !== null ? (
              <a href={meeting.videoUrl} target="_blank" rel="noreferrer noopener">
                {meeting.videoUrl}
              </a>
            ) : (
              t('expoMeetings.linkToBeSent')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMeetings.language')}>
            {t(`expoMeetings.languages.${meeting.language}`, { defaultValue: meeting.language })}
          </Descriptions.Item>
          {meeting.startsAt !== null && meeting.endsAt !== null ? (
            <Descriptions.Item label={t('expoMeetings.when')}>
              {slotLabel(meeting.startsAt, meeting.endsAt)}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('expoMeetings.agenda')} span={2}>
            <Typography.Paragraph className="meeting-agenda">{meeting.agenda || '—'}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {meeting.status === 'requested' ? (
        <Card
          size="small"
          title={t('expoMeetings.proposedSlots', { n: meeting.proposal })}
          className="block-gap"
        >
          <Radio.Group
            value={picked}
            onChange={(e) => setPicked(Number(e.target.value))}
            data-testid="meeting-slots"
          >
            <Space direction="vertical">
              {meeting.slots.map((slot, index) => (
                <Radio
                  key={slot.startsAt}
                  value={index}
                  disabled={!can('confirm')}
                  data-testid={`meeting-slot-option-${index}`}
                >
                  {slotLabel(slot.startsAt, slot.endsAt)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {!can('confirm') ? (
            <Typography.Paragraph type="secondary" className="block-gap">
              {t('expoMeetings.waitingForOther', { name: name(other) })}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}

      <Space wrap className="block-gap">
        {can('confirm') ? (
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() =>
              act.mutate({ action: 'confirm', version: meeting.version, slotIndex: picked, timeZone: zone })
            }
            data-testid="meeting-confirm"
          >
            {t('expoMeetings.confirmSlot')}
          </Button>
        ) : null}
        {can('decline') ? (
          <Popconfirm
            title={t('expoMeetings.declineConfirm')}
            onConfirm={() => act.mutate({ action: 'decline', version: meeting.version })}
          >
            <Button danger data-testid="meeting-decline">
              {t('expoMeetings.decline')}
            </Button>
          </Popconfirm>
        ) : null}
        {can('reschedule') ? (
          <Button onClick={() => setRescheduling(true)} data-testid="meeting-reschedule">
            {t('expoMeetings.reschedule')}
          </Button>
        ) : null}
        {can('cancel') ? (
          <Popconfirm
            title={t('expoMeetings.cancelConfirm')}
            onConfirm={() => act.mutate({ action: 'cancel', version: meeting.version })}
          >
            <Button danger type="text" data-testid="meeting-cancel">
              {t('expoMeetings.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>

      <NotesCard meeting={meeting} />

      <Card size="small" title={t('expoMeetings.history')} className="block-gap">
        <Timeline
          items={meeting.history.map((h) => ({
            key: h.seq,
            children: (
              <span>
                {formatInZone(h.at, zone)} ·{' '}
                {t(`expoMeetings.actions.${h.action}`, { defaultValue: h.action })} · {h.byLabel}
              </span>
            ),
          }))}
        />
      </Card>
      <RescheduleModal open={rescheduling} onClose={() => setRescheduling(false)} meeting={meeting} />
    </div>
  );
};

const NotesCard = ({ meeting }: { meeting: MeetingDetail }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const addNote = useAddMeetingNote(orgId, meeting.id);
  const [form] = Form.useForm<{ visibility: 'private' | 'shared'; body: string }>();
  const zone = browserTimeZone();
  return (
    <Card size="small" title={t('expoMeetings.notes')} className="block-gap" data-testid="meeting-notes">
      {meeting.notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('expoMeetings.noNotes')} />
      ) : (
        <ul className="meeting-notes-list">
          {meeting.notes.map((note) => (
            <li key={note.id}>
              <Space size={4} wrap>
                <Tag color={note.visibility === 'private' ? 'purple' : 'blue'}>
                  {t(`expoMeetings.visibility.${note.visibility}`)}
                </Tag>
                <Typography.Text type="secondary">
                  {note.byLabel} · {formatInZone(note.createdAt, zone)}
                </Typography.Text>
              </Space>
              <Typography.Paragraph className="meeting-note-body">{note.body}</Typography.Paragraph>
            </li>
          ))}
        </ul>
      )}
      {addNote.isError ? <ErrorAlert error={addNote.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ visibility: 'private' }}
        onFinish={(values) =>
          void addNote
            .mutateAsync(values)
            .then(() => form.resetFields())
            .catch(() => undefined)
        }
      >
        <Form.Item
          name="visibility"
          label={t('expoMeetings.noteVisibility')}
          extra={t('expoMeetings.visibilityHint')}
        >
          <Radio.Group>
            <Radio value="private">{t('expoMeetings.visibility.private')}</Radio>
            <Radio value="shared">{t('expoMeetings.visibility.shared')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="body"
          rules={[{ required: true, whitespace: true, message: labels.fieldError('kernel.required', '') }]}
        >
          <Input.TextArea rows={3} maxLength={8000} data-testid="meeting-note-body" />
        </Form.Item>
        <Button htmlType="submit" loading={addNote.isPending} data-testid="meeting-note-add">
          {t('expoMeetings.addNote')}
        </Button>
      </Form>
    </Card>
  );
};
