import { Alert, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateMeetingFeed, useMeetingFeed, useRevokeMeetingFeed } from '../../../api/expo-meetings.ts';
import { CopyField } from '../../../components/copy-field.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { browserTimeZone, formatInZone } from './meetings-model.ts';

/**
 * "Subscribe in your calendar": a secret link a calendar application polls, so its own reminders
 * (24 h and 15 min before) reach people who never open the hub. Administrators make or revoke it;
 * the link is shown once, right after it is made.
 */
export const FeedModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId, canManage } = useActiveOrg();
  const feed = useMeetingFeed(orgId);
  const create = useCreateMeetingFeed(orgId);
  const revoke = useRevokeMeetingFeed(orgId);
  const [link, setLink] = useState<string | null>(null);
  const close = () => {
    setLink(null);
    onClose();
  };
  return (
    <Modal open={open} title={t('expoMeetings.subscribe')} onCancel={close} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('expoMeetings.subscribeHint')}</Typography.Paragraph>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      {link !== null ? (
        <>
          <Alert type="warning" showIcon className="block-gap" title={t('expoMeetings.subscribeShownOnce')} />
          <CopyField value={link} testId="meetings-feed-link" copyTestId="meetings-feed-copy" />
        </>
      ) : feed.data?.active ? (
        <Typography.Paragraph>
          {t('expoMeetings.subscribeActive', {
            date: feed.data.createdAt ? formatInZone(feed.data.createdAt, browserTimeZone()) : '',
            by: feed.data.createdBy ?? '',
          })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph>{t('expoMeetings.subscribeNone')}</Typography.Paragraph>
      )}
      {canManage ? (
        <Space wrap className="block-gap">
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() =>
              void create
                .mutateAsync(undefined)
                .then((made) => setLink(`${window.location.origin}${made.path}`))
                .catch(() => undefined)
            }
            data-testid="meetings-feed-create"
          >
            {feed.data?.active ? t('expoMeetings.subscribeReplace') : t('expoMeetings.subscribeCreate')}
          </Button>
          {feed.data?.active ? (
            <Popconfirm
              title={t('expoMeetings.subscribeRevokeConfirm')}
              onConfirm={() =>
                void revoke
                  .mutateAsync(undefined)
                  .then(() => setLink(null))
                  .catch(() => undefined)
              }
            >
              <Button danger data-testid="meetings-feed-revoke">
                {t('expoMeetings.subscribeRevoke')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('expoMeetings.subscribeAdminsOnly')}</Typography.Text>
      )}
    </Modal>
  );
};
