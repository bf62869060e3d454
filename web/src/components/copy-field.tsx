import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../lib/clipboard.ts';

type CopyFieldProps = { value: string; testId: string; copyTestId: string };

/** A read-only value (secret, link) with a copy button; the text stays selectable as a fallback. */
export const CopyField = ({ value, testId, copyTestId }: CopyFieldProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(value)) {
      void message.success(t('common.copied'));
    } else {
      void message.error(t('common.copyFailed'));
    }
  };
  return (
    <Space.Compact block>
      <Input
        readOnly
        value={value}
        data-testid={testId}
        className="mono"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid={copyTestId}>
        {t('common.copy')}
      </Button>
    </Space.Compact>
  );
};
