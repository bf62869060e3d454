import { UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Drawer, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../../api/client.ts';
import { IP_KINDS, IP_STATUSES, useCreateIpAsset } from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useIsNarrow } from '../../../lib/use-media-query.ts';
import { type AssetFormValues, assetInput, sha256OfFile } from './ip-model.ts';

const FORM_FIELDS = [
  'kind',
  'titleZh',
  'titleEn',
  'registryNumber',
  'jurisdiction',
  'filingDate',
  'grantDate',
  'expiryDate',
  'status',
  'niceClasses',
  'ipcClasses',
  'secretDocumentSha256',
];

/** Records an IP right or a trade-secret reference (hashed in the browser) for the organisation. */
export const IpAssetForm = ({
  orgId,
  open,
  onClose,
}: {
  orgId: string;
  open: boolean;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const narrow = useIsNarrow();
  const [form] = Form.useForm<AssetFormValues>();
  const create = useCreateIpAsset(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const kind = Form.useWatch('kind', form);

  const submit = async (values: AssetFormValues) => {
    setUnmatched([]);
    try {
      await create.mutateAsync(assetInput(values, orgId));
      form.resetFields();
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('expoIp.assetForm.title')}
      size={narrow ? 'default' : 'large'}
      placement={narrow ? 'bottom' : 'right'}
      {...(narrow ? { height: '90%' } : {})}
      data-testid="ip-asset-form"
    >
      {create.error ? <ErrorAlert error={create.error} fieldErrors={unmatched} /> : null}
      <Form<AssetFormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'patent', jurisdiction: 'CN', status: 'granted', publish: false }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="kind" label={t('expoIp.fields.kind')} rules={[{ required: true }]}>
          <Select
            options={IP_KINDS.map((value) => ({ value, label: t(`expoIp.kinds.${value}`) }))}
            data-testid="ip-asset-kind"
          />
        </Form.Item>
        <Form.Item name="titleZh" label={t('expoIp.fields.titleZh')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="ip-asset-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('expoIp.fields.titleEn')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="ip-asset-title-en" />
        </Form.Item>
        {kind === 'trade_secret_reference' ? (
          <Form.Item
            name="secretDocumentSha256"
            label={t('expoIp.fields.secretDocumentSha256')}
            extra={t('expoIp.assetForm.secretHint')}
            rules={[{ required: true, pattern: /^[0-9a-f]{64}$/, message: t('expoIp.assetForm.hashFormat') }]}
          >
            <Input
              addonAfter={
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void sha256OfFile(file).then((hash) => form.setFieldValue('secretDocumentSha256', hash));
                    // Nothing is uploaded: only the hash computed here goes to the hub.
                    return false;
                  }}
                >
                  <Button size="small" type="text" icon={<UploadOutlined />} data-testid="ip-asset-hash-file">
                    {t('expoIp.assetForm.hashFile')}
                  </Button>
                </Upload>
              }
              data-testid="ip-asset-secret-hash"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="registryNumber"
            label={t('expoIp.fields.registryNumber')}
            extra={t('expoIp.assetForm.numberHint')}
            rules={[{ max: 64 }]}
          >
            <Input data-testid="ip-asset-number" />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="jurisdiction" label={t('expoIp.fields.jurisdiction')} rules={[{ required: true }]}>
            <Select
              showSearch
              className="ip-select-wide"
              options={[
                { value: 'CN', label: 'CN' },
                { value: 'EP', label: t('expoIp.jurisdictions.EP') },
                { value: 'WO', label: t('expoIp.jurisdictions.WO') },
                ...[
                  'US',
                  'DE',
                  'JP',
                  'KR',
                  'GB',
                  'FR',
                  'MY',
                  'SG',
                  'TH',
                  'VN',
                  'ID',
                  'BR',
                  'MX',
                  'IN',
                  'RU',
                  'AE',
                ].map((value) => ({ value, label: value })),
              ]}
              data-testid="ip-asset-jurisdiction"
            />
          </Form.Item>
          <Form.Item name="status" label={t('expoIp.fields.status')} rules={[{ required: true }]}>
            <Select
              className="ip-select-wide"
              options={IP_STATUSES.map((value) => ({ value, label: t(`expoIp.statuses.${value}`) }))}
              data-testid="ip-asset-status"
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="filingDate" label={t('expoIp.fields.filingDate')}>
            <Input type="date" data-testid="ip-asset-filing-date" />
          </Form.Item>
          <Form.Item name="grantDate" label={t('expoIp.fields.grantDate')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="expiryDate" label={t('expoIp.fields.expiryDate')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        {kind === 'trademark' ? (
          <Form.Item
            name="niceClasses"
            label={t('expoIp.fields.niceClasses')}
            extra={t('expoIp.assetForm.niceHint')}
          >
            <Input />
          </Form.Item>
        ) : null}
        {kind === 'patent' || kind === 'utility_model' ? (
          <Form.Item
            name="ipcClasses"
            label={t('expoIp.fields.ipcClasses')}
            extra={t('expoIp.assetForm.ipcHint')}
          >
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item
          name="coOwnerNames"
          label={t('expoIp.fields.coOwnerNames')}
          extra={t('expoIp.assetForm.ownersHint')}
        >
          <Input />
        </Form.Item>
        {kind === 'trade_secret_reference' ? (
          <Typography.Paragraph type="secondary">{t('expoIp.assetForm.secretPrivate')}</Typography.Paragraph>
        ) : (
          <Form.Item name="publish" valuePropName="checked">
            <Checkbox data-testid="ip-asset-publish">{t('expoIp.assetForm.publish')}</Checkbox>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="ip-asset-submit">
          {t('expoIp.assetForm.submit')}
        </Button>
      </Form>
    </Drawer>
  );
};
