import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/api-keys.ts';
import type { ProblemFieldError } from '../api/client.ts';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope } from '../api/types.ts';
import { CopyField } from '../components/copy-field.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ExportButtons } from '../components/export-buttons.tsx';
import { ForbiddenResult } from '../components/forbidden-result.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import type { ExportColumn } from '../lib/table-export.ts';
import { useActiveOrg } from '../session/current-org.tsx';

type CreateKeyValues = { name: string; scopes: ApiKeyScope[] };

export const OrgApiKeysPage = () => {
  const { t } = useTranslation();
  const { canManage } = useActiveOrg();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  if (!canManage) {
    return (
      <div className="page">
        <PageHeader title={t('apiKeys.title')} />
        <ForbiddenResult />
      </div>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="api-key-create"
          >
            {t('apiKeys.create')}
          </Button>
        }
      />
      <ApiKeysTable />
      <CreateApiKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, value) => {
          setCreating(false);
          setSecret({ name, secret: value });
        }}
      />
      <Modal
        open={secret !== null}
        title={t('apiKeys.secretTitle', { name: secret?.name ?? '' })}
        onCancel={() => setSecret(null)}
        mask={{ closable: false }}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setSecret(null)} data-testid="api-key-secret-done">
            {t('apiKeys.secretStored')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('apiKeys.secretWarning')} className="block-gap" />
        {secret ? (
          <CopyField value={secret.secret} testId="api-key-secret" copyTestId="api-key-secret-copy" />
        ) : null}
        <Typography.Paragraph type="secondary" className="secret-usage">
          {t('apiKeys.secretUsage')}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
};

const ApiKeysTable = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const keys = useApiKeys(orgId, true);
  const revoke = useRevokeApiKey(orgId);

  const revokeKey = async (key: ApiKey) => {
    try {
      await revoke.mutateAsync(key.id);
      void message.success(t('apiKeys.revoked', { name: key.name }));
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  const columns: TableColumnsType<ApiKey> = [
    { key: 'name', title: t('fields.name'), dataIndex: 'name' },
    {
      key: 'prefix',
      title: t('apiKeys.prefix'),
      render: (_, key) => <Typography.Text code>{key.prefix}</Typography.Text>,
    },
    {
      key: 'scopes',
      title: t('fields.scopes'),
      render: (_, key) => (
        <Space size={4} wrap>
          {key.scopes.map((scope) => (
            <Tag key={scope} color={scope === 'write' ? 'volcano' : 'blue'}>
              {labels.scope(scope)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('common.createdAt'), render: (_, key) => format.dateTime(key.createdAt) },
    {
      key: 'lastUsedAt',
      title: t('apiKeys.lastUsed'),
      render: (_, key) => (key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')),
    },
    {
      key: 'status',
      title: t('apiKeys.status'),
      render: (_, key) =>
        key.revokedAt ? (
          <Tag data-testid={`api-key-status-${key.id}`}>
            {t('apiKeys.revokedAt', { at: format.dateTime(key.revokedAt) })}
          </Tag>
        ) : (
          <Tag color="success" data-testid={`api-key-status-${key.id}`}>
            {t('apiKeys.active')}
          </Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, key) =>
        key.revokedAt ? null : (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: key.name })}
            description={t('apiKeys.revokeConsequence')}
            okText={t('common.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revokeKey(key)}
          >
            <Button size="small" danger data-testid={`api-key-revoke-${key.id}`}>
              {t('common.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const exportColumns: ExportColumn<ApiKey>[] = [
    { header: t('fields.name'), value: (k) => k.name, width: 28 },
    { header: t('apiKeys.prefix'), value: (k) => k.prefix, width: 16 },
    {
      header: t('fields.scopes'),
      value: (k) => k.scopes.map((scope) => labels.scope(scope)).join(', '),
      width: 16,
    },
    { header: t('common.createdAt'), value: (k) => k.createdAt, width: 26 },
    { header: t('apiKeys.lastUsed'), value: (k) => k.lastUsedAt, width: 26 },
    {
      header: t('apiKeys.status'),
      value: (k) => (k.revokedAt ? t('apiKeys.revokedAt', { at: k.revokedAt }) : t('apiKeys.active')),
      width: 30,
    },
  ];

  return (
    <Card
      extra={
        <ExportButtons
          rows={keys.data?.items ?? []}
          columns={exportColumns}
          fileName="api-keys"
          sheetName={t('apiKeys.title')}
          testIdPrefix="api-keys"
        />
      }
    >
      {keys.isError ? <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} /> : null}
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={keys.data?.items ?? []}
        loading={keys.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(key) => (key.revokedAt ? 'row-muted' : '')}
        data-testid="api-keys-table"
      />
    </Card>
  );
};

type CreateApiKeyModalProps = {
  open: boolean;
  onClose: () => void;
  onCreated: (name: string, secret: string) => void;
};

const CreateApiKeyModal = ({ open, onClose, onCreated }: CreateApiKeyModalProps) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const create = useCreateApiKey(orgId);
  const [form] = Form.useForm<CreateKeyValues>();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);

  const submit = async (values: CreateKeyValues) => {
    setUnmatched([]);
    try {
      const created = await create.mutateAsync({ name: values.name.trim(), scopes: values.scopes });
      form.resetFields();
      create.reset();
      onCreated(created.apiKey.name, created.secret);
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, ['name', 'scopes'], labels.fieldError));
    }
  };

  const close = () => {
    form.resetFields();
    create.reset();
    setUnmatched([]);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('apiKeys.createTitle')}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={create.isPending}
          onClick={() => form.submit()}
          data-testid="api-key-create-submit"
        >
          {t('common.create')}
        </Button>,
      ]}
    >
      <Form<CreateKeyValues>
        form={form}
        layout="vertical"
        initialValues={{ scopes: ['read'] }}
        onFinish={(values) => void submit(values)}
      >
        {create.isError ? <ErrorAlert error={create.error} fieldErrors={unmatched} /> : null}
        <Form.Item
          name="name"
          label={t('fields.name')}
          extra={t('apiKeys.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
        >
          <Input data-testid="api-key-name" maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('fields.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.scopesRequired') }]}
        >
          <Checkbox.Group data-testid="api-key-scopes">
            <Space orientation="vertical">
              {API_KEY_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} data-testid={`api-key-scope-${scope}`}>
                  {labels.scope(scope)}
                  <Typography.Text type="secondary" className="scope-hint">
                    {scope === 'read' ? t('apiKeys.scopeHints.read') : t('apiKeys.scopeHints.write')}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
};
