import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../../api/client.ts';
import { apiGet, seg } from '../../../api/client.ts';
import type { ExhibitorBooth, ExhibitorPage } from '../../../api/expo-catalogue.ts';
import {
  type Meeting,
  type MeetingSlot,
  useMeetingAction,
  useRequestMeeting,
} from '../../../api/expo-meetings.ts';
import { usePartners } from '../../../api/orders.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import {
  browserTimeZone,
  DURATIONS_MINUTES,
  MEETING_LANGUAGES,
  rfc3339InZone,
  timeZoneOptions,
  zonedWallTimeToInstant,
} from './meetings-model.ts';

type SlotRow = { start?: string; minutes?: number };
type FormValues = {
  counterpartOrganisationId?: string;
  mode: 'online' | 'booth';
  videoUrl?: string;
  boothId?: string;
  timeZone: string;
  slots: SlotRow[];
  agenda?: string;
  language: string;
};

/** Wall-clock rows in the chosen zone → the API's slots; undefined rows are left to the form's rules. */
const slotsOf = (rows: readonly SlotRow[], timeZone: string): MeetingSlot[] =>
  rows.flatMap((row) => {
    const start = row.start === undefined ? undefined : zonedWallTimeToInstant(row.start, timeZone);
    if (start === undefined || row.minutes === undefined) {
      return [];
    }
    const end = new Date(start.getTime() + row.minutes * 60_000);
    return [{ startsAt: rfc3339InZone(start, timeZone), endsAt: rfc3339InZone(end, timeZone) }];
  });

/** The slot pickers: 1–5 rows of local start time and duration, in the zone chosen above them. */
const SlotsEditor = () => {
  const { t } = useTranslation();
  return (
    <Form.List name="slots">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Space
              key={field.key}
              wrap
              align="baseline"
              className="meeting-slot-row"
              data-testid={`meeting-slot-${index}`}
            >
              <Form.Item
                name={[field.name, 'start']}
                label={t('expoMeetings.slotStart', { n: index + 1 })}
                rules={[{ required: true, message: t('expoMeetings.slotRequired') }]}
              >
                <Input type="datetime-local" data-testid={`meeting-slot-start-${index}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'minutes']} label={t('expoMeetings.duration')} initialValue={60}>
                <Select
                  style={{ width: 120 }}
                  options={DURATIONS_MINUTES.map((m) => ({
                    value: m,
                    label: t('expoMeetings.minutes', { count: m }),
                  }))}
                />
              </Form.Item>
              {fields.length > 1 ? (
                <MinusCircleOutlined
                  aria-label={t('expoMeetings.removeSlot')}
                  onClick={() => remove(field.name)}
                />
              ) : null}
            </Space>
          ))}
          {fields.length < 5 ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ minutes: 60 })}
              data-testid="meeting-add-slot"
            >
              {t('expoMeetings.addSlot')}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
};

// An exhibitor's public page, for its booths; an organisation without a showcase answers 404,
// which here just means "no booths".
const useBoothsOf = (organisationId: string | undefined) =>
  useQuery({
    queryKey: ['expo', 'meetings', 'booths-of', organisationId ?? ''],
    queryFn: ({ signal }) =>
      apiGet<ExhibitorPage>(`/api/expo/exhibitors/${seg(organisationId ?? '')}`, undefined, signal).catch(
        () => undefined,
      ),
    enabled: organisationId !== undefined && organisationId !== '',
    staleTime: 5 * 60_000,
  });

/**
 * The booths of the two parties at expos that have not ended: an appointment is at one of them.
 * An organisation with no showcase has no exhibitor page (404): it simply adds no booths.
 */
const BoothSelect = ({
  counterpartId,
  value,
  onChange,
}: {
  counterpartId: string | undefined;
  value?: string;
  onChange?: (value: string) => void;
}) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const mine = useBoothsOf(orgId);
  const theirs = useBoothsOf(counterpartId);
  const today = new Date().toISOString().slice(0, 10);
  const booths: (ExhibitorBooth & { owner: string })[] = [
    ...(counterpartId === undefined
      ? []
      : (theirs.data?.booths ?? []).map((b) => ({ ...b, owner: theirs.data?.displayNameEn ?? '' }))),
    ...(mine.data?.booths ?? []).map((b) => ({ ...b, owner: mine.data?.displayNameEn ?? '' })),
  ].filter((b) => b.endsOn >= today);
  const zh = i18n.language === 'zh-CN';
  return (
    <Select
      data-testid="meeting-booth"
      value={value ?? null}
      onChange={(next: string) => onChange?.(next)}
      loading={mine.isLoading || theirs.isLoading}
      notFoundContent={t('expoMeetings.noBooths')}
      options={booths.map((b) => ({
        value: b.boothId,
        label: `${b.code} · ${zh ? b.eventNameZh : b.eventNameEn} · ${zh ? b.hallNameZh : b.hallNameEn} (${b.startsOn} – ${b.endsOn})`,
      }))}
    />
  );
};

const ZoneSelect = ({ testId }: { testId: string }) => (
  <Select showSearch data-testid={testId} options={timeZoneOptions().map((z) => ({ value: z, label: z }))} />
);

type RequestMeetingModalProps = {
  open: boolean;
  onClose: () => void;
  onRequested?: (meeting: Meeting) => void;
  /** A matchmaking lead: the meeting is with its other party (no picker then). */
  leadId?: string;
  /** Whom the lead is with, to show in the title. */
  counterpartName?: string;
};

/**
 * "Ask for a meeting": online (with a video link, or "to be sent") or at a booth of an offline
 * expo, with 1–5 slots typed in the requester's own time zone. The matchmaking pages open it with
 * a lead; the calendar opens it with an organisation picker.
 */
export const RequestMeetingModal = ({
  open,
  onClose,
  onRequested,
  leadId,
  counterpartName,
}: RequestMeetingModalProps) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const [form] = Form.useForm<FormValues>();
  const [query, setQuery] = useState('');
  const partners = usePartners(orgId, useDebounced(query, 300));
  const requestMeeting = useRequestMeeting(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const mode = Form.useWatch('mode', form);
  const counterpartId = Form.useWatch('counterpartOrganisationId', form);

  const submit = async (values: FormValues) => {
    setUnmatched([]);
    try {
      const meeting = await requestMeeting.mutateAsync({
        ...(leadId === undefined
          ? { counterpartOrganisationId: values.counterpartOrganisationId ?? '' }
          : { leadId }),
        mode: values.mode,
        ...(values.mode === 'online' && values.videoUrl ? { videoUrl: values.videoUrl } : {}),
        ...(values.mode === 'booth' && values.boothId ? { boothId: values.boothId } : {}),
        slots: slotsOf(values.slots, values.timeZone),
        timeZone: values.timeZone,
        ...(values.agenda ? { agenda: values.agenda } : {}),
        language: values.language,
      });
      form.resetFields();
      onRequested?.(meeting);
      onClose();
    } catch (error) {
      setUnmatched(
        applyFieldErrors(
          form,
          error,
          ['counterpartOrganisationId', 'videoUrl', 'boothId', 'timeZone', 'agenda', 'language'],
          labels.fieldError,
        ),
      );
    }
  };

  return (
    <Modal
      open={open}
      title={
        counterpartName ? t('expoMeetings.requestWith', { name: counterpartName }) : t('expoMeetings.request')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('expoMeetings.send')}
      okButtonProps={{ loading: requestMeeting.isPending, 'data-testid': 'meeting-request-submit' }}
      width={640}
      destroyOnHidden
    >
      {requestMeeting.isError ? <ErrorAlert error={requestMeeting.error} fieldErrors={unmatched} /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{
          mode: 'online',
          timeZone: browserTimeZone(),
          slots: [{ minutes: 60 }],
          language: 'en',
        }}
        data-testid="meeting-request-form"
      >
        {leadId === undefined ? (
          <Form.Item
            name="counterpartOrganisationId"
            label={t('expoMeetings.counterpart')}
            rules={[{ required: true, message: t('expoMeetings.counterpartRequired') }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={setQuery}
              loading={partners.isFetching}
              data-testid="meeting-counterpart"
              options={(partners.data ?? [])
                .filter((p) => p.organisationId !== orgId)
                .map((p) => ({
                  value: p.organisationId,
                  label: `${p.name}${p.nameZh ? ` / ${p.nameZh}` : ''} (${p.country})`,
                }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="mode" label={t('expoMeetings.mode')}>
          <Radio.Group data-testid="meeting-mode">
            <Radio value="online">{t('expoMeetings.modes.online')}</Radio>
            <Radio value="booth">{t('expoMeetings.modes.booth')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'booth' ? (
          <Form.Item
            name="boothId"
            label={t('expoMeetings.boothId')}
            extra={t('expoMeetings.boothHint')}
            rules={[{ required: true, message: t('expoMeetings.boothRequired') }]}
          >
            <BoothSelect counterpartId={counterpartId} />
          </Form.Item>
        ) : (
          <Form.Item
            name="videoUrl"
            label={t('expoMeetings.videoUrl')}
            extra={t('expoMeetings.videoUrlHint')}
          >
            <Input placeholder="https://" data-testid="meeting-video-url" />
          </Form.Item>
        )}
        <Form.Item
          name="timeZone"
          label={t('expoMeetings.yourTimeZone')}
          extra={t('expoMeetings.timeZoneHint')}
        >
          <ZoneSelect testId="meeting-time-zone" />
        </Form.Item>
        <SlotsEditor />
        <Form.Item name="agenda" label={t('expoMeetings.agenda')} className="block-gap">
          <Input.TextArea rows={3} maxLength={4000} data-testid="meeting-agenda" />
        </Form.Item>
        <Form.Item name="language" label={t('expoMeetings.language')}>
          <Select
            options={MEETING_LANGUAGES.map((l) => ({ value: l, label: t(`expoMeetings.languages.${l}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** A new proposal for an existing meeting: the slots editor alone. */
export const RescheduleModal = ({
  open,
  onClose,
  meeting,
}: {
  open: boolean;
  onClose: () => void;
  meeting: Meeting;
}) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const [form] = Form.useForm<{ timeZone: string; slots: SlotRow[] }>();
  const act = useMeetingAction(orgId, meeting.id);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const submit = async (values: { timeZone: string; slots: SlotRow[] }) => {
    try {
      await act.mutateAsync({
        action: 'reschedule',
        version: meeting.version,
        slots: slotsOf(values.slots, values.timeZone),
        timeZone: values.timeZone,
      });
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, ['timeZone'], labels.fieldError));
    }
  };
  return (
    <Modal
      open={open}
      title={t('expoMeetings.reschedule')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: act.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('expoMeetings.rescheduleHint')}</Typography.Paragraph>
      {act.isError ? <ErrorAlert error={act.error} fieldErrors={unmatched} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ timeZone: browserTimeZone(), slots: [{ minutes: 60 }] }}
      >
        <Form.Item name="timeZone" label={t('expoMeetings.yourTimeZone')}>
          <ZoneSelect testId="reschedule-time-zone" />
        </Form.Item>
        <SlotsEditor />
      </Form>
    </Modal>
  );
};
