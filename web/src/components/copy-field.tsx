import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../lib/clipboard.ts';

type CopyFieldProps = { value: string; testId: string; copyTestId: string };

/**
 * A read-only value shown once (secret, invitation link) with a copy button. Multi-line so the
 * whole value is visible to check, and selectable by hand if the clipboard is unavailable.
 */
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
    <Flex vertical gap={8} align="flex-end">
      <Input.TextArea
        readOnly
        value={value}
        // Fixed rows, not autoSize: autoSize keeps a hidden measuring copy of the value in the
        // page after the dialog closes, and this value is a secret shown once.
        rows={3}
        data-testid={testId}
        className="mono copy-field-value"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button
        type="primary"
        ghost
        icon={<CopyOutlined />}
        onClick={() => void copy()}
        data-testid={copyTestId}
      >
        {t('common.copy')}
      </Button>
    </Flex>
  );
};
