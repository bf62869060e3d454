import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../../api/client.ts';
import { useRequestMeeting } from '../../../api/expo-meetings.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { withOffset } from './matchmaking-model.ts';

// The picker's value; only its instant is read.
type PickedTime = { toDate(): Date };
type Values = { startsAt: PickedTime; minutes: number; agenda?: string };

/**
 * "Ask for a meeting" on a lead: an online meeting with the lead's other party at one proposed
 * time (the meetings part takes `{ leadId }` and finds the counterpart itself).
 */
export const RequestMeetingModal = ({
  leadId,
  counterpart,
  onClose,
  onRequested,
}: {
  leadId: string;
  counterpart: string;
  onClose: () => void;
  onRequested: (meetingId: string) => void;
}) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const [form] = Form.useForm<Values>();
  const request = useRequestMeeting(orgId);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = async (values: Values) => {
    setFailure(null);
    const startsAt = values.startsAt.toDate();
    startsAt.setSeconds(0, 0);
    try {
      const meeting = await request.mutateAsync({
        leadId,
        mode: 'online',
        slots: [
          {
            startsAt: withOffset(startsAt),
            endsAt: withOffset(new Date(startsAt.getTime() + values.minutes * 60_000)),
          },
        ],
        timeZone,
        language: i18n.language === 'zh-CN' ? 'zh' : 'en',
        ...(values.agenda?.trim() ? { agenda: values.agenda.trim() } : {}),
      });
      onRequested(meeting.id);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, ['agenda'], labels.fieldError);
      setFailure({ error, unmatched });
    }
  };

  return (
    <Modal
      open
      title={t('expoMatchmaking.meeting.title')}
      okText={t('expoMatchmaking.meeting.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: request.isPending, ...({ 'data-testid': 'mm-meeting-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('expoMatchmaking.meeting.with', { name: counterpart, timeZone })}
      </Typography.Paragraph>
      {failure ? <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ minutes: 30 }}
      >
        <Form.Item
          name="startsAt"
          label={t('expoMatchmaking.meeting.startsAt')}
          rules={[{ required: true, message: t('expoMatchmaking.meeting.startsAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 15 }}
            format="YYYY-MM-DD HH:mm"
            data-testid="mm-meeting-start"
          />
        </Form.Item>
        <Form.Item name="minutes" label={t('expoMatchmaking.meeting.duration')}>
          <Select
            data-testid="mm-meeting-duration"
            options={[30, 45, 60, 90].map((minutes) => ({
              value: minutes,
              label: t('expoMatchmaking.meeting.minutes', { count: minutes }),
            }))}
          />
        </Form.Item>
        <Form.Item name="agenda" label={t('expoMatchmaking.meeting.agenda')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="mm-meeting-agenda" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
