import { Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentType } from './document-types.ts';
import { checkPayload, payloadTemplate } from './json-payload.ts';

type JsonPayloadEditorProps = {
  documentType: DocumentType;
  onUseTemplate: (text: string) => void;
};

/**
 * The document's fields as JSON, for types without a structured form. Checked while typing with
 * the same rules as the server (an object, whole numbers only, at most 64 KiB canonical).
 */
export const JsonPayloadEditor = ({ documentType, onUseTemplate }: JsonPayloadEditorProps) => {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="payload"
        label={t('documents.json.label')}
        extra={t('documents.json.hint')}
        className="documents-json-editor"
        rules={[
          {
            validator: async (_, value: unknown) => {
              const result = checkPayload(typeof value === 'string' && value.trim() !== '' ? value : '{}');
              if (!result.ok) {
                throw new Error(t(`documents.json.problems.${result.code}`, { detail: result.detail }));
              }
            },
          },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 10, maxRows: 28 }}
          spellCheck={false}
          data-testid="document-payload"
        />
      </Form.Item>
      <Flex wrap gap={8} align="center" className="block-gap">
        <Button
          size="small"
          onClick={() => onUseTemplate(payloadTemplate(documentType))}
          data-testid="document-payload-template"
        >
          {t('documents.json.useTemplate')}
        </Button>
        <Typography.Text type="secondary">{t('documents.json.templateHint')}</Typography.Text>
      </Flex>
    </>
  );
};
