import { CopyOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, QRCode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../lib/clipboard.ts';

/**
 * The verification link as a QR code to print or show, and as text to copy. The link carries a
 * capability token: whoever has it can fetch the bundle, so it is shown, never logged.
 */
export const VerificationLink = ({ url }: { url: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(url)) {
      void message.success(t('common.copied'));
    } else {
      void message.error(t('common.copyFailed'));
    }
  };
  return (
    <div className="documents-qr">
      {/* Drawn in the browser from the link itself: no image request leaves the page. */}
      <QRCode value={url} type="svg" size={184} errorLevel="M" bordered={false} data-testid="document-qr" />
      <Typography.Text
        type="secondary"
        className="documents-breakable mono"
        data-testid="document-verification-url"
      >
        {url}
      </Typography.Text>
      <div className="documents-actions">
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="document-copy-link">
          {t('documents.detail.copyLink')}
        </Button>
        <Button
          icon={<ExportOutlined />}
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="document-open-link"
        >
          {t('documents.detail.openLink')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('documents.detail.linkHint')}</Typography.Text>
    </div>
  );
};
