import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Skeleton, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomsMessage } from '../../api/customs.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { copyText } from '../../lib/clipboard.ts';
import { useIsNarrow } from '../../lib/use-media-query.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { prettyXml } from './xml-pretty.ts';

type MessageDrawerProps = { orgId: string; messageId: string | null; onClose: () => void };

/** One received message, masked by the server, indented for reading, with a copy button. */
export const MessageDrawer = ({ orgId, messageId, onClose }: MessageDrawerProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const narrow = useIsNarrow();
  const { message } = App.useApp();
  const query = useCustomsMessage(orgId, messageId);
  const xml = useMemo(() => (query.data ? prettyXml(query.data.xml) : ''), [query.data]);

  const copy = async () => {
    if (await copyText(xml)) {
      void message.success(t('customs.message.copied'));
    } else {
      void message.error(t('customs.message.copyFailed'));
    }
  };

  return (
    <Drawer
      open={messageId !== null}
      onClose={onClose}
      size={narrow ? '100%' : 720}
      title={query.data ? `${query.data.messageType} · ${query.data.guid}` : t('customs.message.title')}
      destroyOnHidden
      data-testid="customs-message-drawer"
      extra={
        <Button
          icon={<CopyOutlined />}
          disabled={!query.data}
          onClick={() => void copy()}
          data-testid="customs-message-copy"
        >
          {t('customs.message.copy')}
        </Button>
      }
    >
      {query.isPending && messageId !== null ? <Skeleton active /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Space orientation="vertical" className="customs-full-width" size="middle">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('customs.message.receivedAt')}>
              {format.dateTime(query.data.receivedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customs.message.sha256')}>
              <Typography.Text className="mono customs-breakable">{query.data.sha256}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('customs.message.anchor')}>
              <span className="mono customs-breakable">
                {query.data.anchor.batchId} #{query.data.anchor.index + 1}/{query.data.anchor.size}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('customs.message.maskedNote')}</Typography.Text>
          <section aria-label={t('customs.message.xml')}>
            <pre className="customs-xml" data-testid="customs-message-xml">
              {xml}
            </pre>
          </section>
        </Space>
      ) : null}
    </Drawer>
  );
};
