import { ExportOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../api/client.ts';
import {
  didDocumentPath,
  REVOCATION_REASONS,
  type RevocationReason,
  type SigningKey,
  type SigningKeyStatus,
  useRevokeSigningKey,
  useRotateSigningKey,
  useSigningKeys,
} from '../api/keys.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ExportButtons } from '../components/export-buttons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import '../components/verify/verify.css';
import { useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import type { ExportColumn } from '../lib/table-export.ts';
import { useActiveOrg } from '../session/current-org.tsx';

const STATUS_COLOURS: Record<SigningKeyStatus, string> = {
  active: 'success',
  retired: 'default',
  revoked: 'error',
};

type TFn = ReturnType<typeof useTranslation>['t'];

const statusLabel = (t: TFn, status: SigningKeyStatus): string => t(`keys.status.${status}`);
const reasonLabel = (t: TFn, reason: RevocationReason | null): string =>
  reason === null ? '' : t(`keys.reasons.${reason}`);

/** The organisation's signing keys, its DID, and (for owners and admins) rotation and revocation. */
export const OrgKeysPage = () => {
  const { t } = useTranslation();
  const { orgId, canManage } = useActiveOrg();
  const keys = useSigningKeys(orgId);
  const [revoking, setRevoking] = useState<SigningKey | null>(null);

  return (
    <div className="page">
      <PageHeader
        title={t('keys.title')}
        subtitle={t('keys.subtitle')}
        extra={
          canManage ? <RotateButton hasActive={keys.data?.items.some((k) => k.status === 'active')} /> : null
        }
      />
      {canManage ? null : (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t('keys.readOnly')}
          data-testid="keys-read-only"
        />
      )}
      <DidCard did={keys.data?.did ?? null} loading={keys.isPending} />
      <Card
        title={t('keys.historyTitle')}
        extra={<KeyExport keys={keys.data?.items ?? []} />}
        className="block-gap"
      >
        {keys.isError ? <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} /> : null}
        <KeysTable
          keys={keys.data?.items ?? []}
          loading={keys.isPending}
          canManage={canManage}
          onRevoke={setRevoking}
        />
      </Card>
      <RevokeKeyModal signingKey={revoking} onClose={() => setRevoking(null)} />
    </div>
  );
};

const DidCard = ({ did, loading }: { did: string | null; loading: boolean }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const documentUrl = `${window.location.origin}${didDocumentPath(orgId)}`;
  return (
    <Card title={t('keys.did.title')} className="block-gap" data-testid="keys-did-card">
      <Typography.Paragraph type="secondary">{t('keys.did.explanation')}</Typography.Paragraph>
      {loading || did === null ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Descriptions column={1} size="small" layout="vertical">
          <Descriptions.Item label={t('keys.did.did')}>
            <Typography.Text code copyable={{ text: did }} className="verify-break" data-testid="keys-did">
              {did}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('keys.did.document')}>
            <Typography.Text copyable={{ text: documentUrl }} className="verify-break">
              <a
                href={didDocumentPath(orgId)}
                target="_blank"
                rel="noreferrer"
                data-testid="keys-did-document"
              >
                {documentUrl} <ExportOutlined />
              </a>
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
};

const RotateButton = ({ hasActive }: { hasActive: boolean | undefined }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const rotate = useRotateSigningKey(orgId);
  const run = async () => {
    try {
      const { key } = await rotate.mutateAsync();
      void message.success(t('keys.rotated', { keyId: key.id }));
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };
  return (
    <Popconfirm
      title={t('keys.rotateConfirm')}
      description={<div className="verify-popconfirm">{t('keys.rotateConsequence')}</div>}
      okText={t('keys.rotate')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'keys-rotate-confirm' } as ButtonProps}
      onConfirm={() => run()}
    >
      <Button
        type="primary"
        icon={<SyncOutlined />}
        loading={rotate.isPending}
        disabled={hasActive === undefined}
        data-testid="keys-rotate"
      >
        {t('keys.rotate')}
      </Button>
    </Popconfirm>
  );
};

type KeysTableProps = {
  keys: readonly SigningKey[];
  loading: boolean;
  canManage: boolean;
  onRevoke: (key: SigningKey) => void;
};

const KeysTable = ({ keys, loading, canManage, onRevoke }: KeysTableProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: TableColumnsType<SigningKey> = [
    {
      key: 'id',
      title: t('keys.columns.keyId'),
      render: (_, key) => (
        <Typography.Text code copyable={{ text: key.verificationMethod }} className="nowrap">
          {key.id}
        </Typography.Text>
      ),
    },
    { key: 'algorithm', title: t('keys.columns.algorithm'), dataIndex: 'algorithm' },
    {
      key: 'status',
      title: t('keys.columns.status'),
      render: (_, key) => (
        <Tag color={STATUS_COLOURS[key.status]} data-testid={`key-status-${key.id}`}>
          {statusLabel(t, key.status)}
        </Tag>
      ),
    },
    {
      key: 'createdAt',
      title: t('keys.columns.createdAt'),
      render: (_, key) => <span className="nowrap">{format.dateTime(key.createdAt)}</span>,
    },
    {
      // Retirement and revocation share a column: a key has at most one of them that matters.
      key: 'ended',
      title: t('keys.columns.ended'),
      render: (_, key) =>
        key.revokedAt ? (
          <span className="nowrap">
            {t('keys.revokedOn', {
              at: format.dateTime(key.revokedAt),
              reason: reasonLabel(t, key.revocationReason),
            })}
          </span>
        ) : key.retiredAt ? (
          <span className="nowrap">{t('keys.retiredOn', { at: format.dateTime(key.retiredAt) })}</span>
        ) : null,
    },
    {
      key: 'publicKey',
      title: t('keys.columns.publicKey'),
      render: (_, key) => {
        const value = key.publicKeyMultibase ?? key.publicKey;
        return (
          <Typography.Text code copyable={{ text: value }} className="nowrap" title={value}>
            {value.length > 14 ? `${value.slice(0, 10)}…` : value}
          </Typography.Text>
        );
      },
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, key: SigningKey) =>
              key.status === 'revoked' ? null : (
                <Button
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  onClick={() => onRevoke(key)}
                  data-testid={`key-revoke-${key.id}`}
                >
                  {t('keys.revoke')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Table<SigningKey>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...keys]}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(key) => (key.status === 'active' ? '' : 'row-muted')}
      data-testid="keys-table"
    />
  );
};

const KeyExport = ({ keys }: { keys: readonly SigningKey[] }) => {
  const { t } = useTranslation();
  // Times stay ISO 8601 UTC in exports so they are exact and sortable.
  const columns: ExportColumn<SigningKey>[] = [
    { header: t('keys.columns.keyId'), value: (k) => k.id, width: 30 },
    { header: t('keys.columns.verificationMethod'), value: (k) => k.verificationMethod, width: 60 },
    { header: t('keys.columns.algorithm'), value: (k) => k.algorithm, width: 10 },
    { header: t('keys.columns.status'), value: (k) => statusLabel(t, k.status), width: 10 },
    { header: t('keys.columns.createdAt'), value: (k) => k.createdAt, width: 26 },
    { header: t('keys.columns.retiredAt'), value: (k) => k.retiredAt, width: 26 },
    { header: t('keys.columns.revokedAt'), value: (k) => k.revokedAt, width: 26 },
    { header: t('keys.columns.reason'), value: (k) => reasonLabel(t, k.revocationReason), width: 20 },
    { header: t('keys.columns.publicKey'), value: (k) => k.publicKeyMultibase ?? k.publicKey, width: 56 },
  ];
  return (
    <ExportButtons
      rows={keys}
      columns={columns}
      fileName="signing-keys"
      sheetName={t('keys.historyTitle')}
      testIdPrefix="keys"
    />
  );
};

// What the picker puts in the form (a Day.js date), described by the one method used here rather
// than by importing Day.js, which is antd's dependency and not the app's.
type PickedTime = { toDate(): Date };
type RevokeValues = { reason: RevocationReason; compromisedAt?: PickedTime };

const RevokeKeyModal = ({ signingKey, onClose }: { signingKey: SigningKey | null; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const revoke = useRevokeSigningKey(orgId);
  const [form] = Form.useForm<RevokeValues>();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const reason = Form.useWatch('reason', form);

  const close = () => {
    form.resetFields();
    revoke.reset();
    setUnmatched([]);
    onClose();
  };

  const submit = async (values: RevokeValues) => {
    if (!signingKey) {
      return;
    }
    setUnmatched([]);
    const compromisedAt = values.compromisedAt ? values.compromisedAt.toDate().toISOString() : undefined;
    try {
      const result = await revoke.mutateAsync({
        keyId: signingKey.id,
        input: { reason: values.reason, ...(compromisedAt ? { compromisedAt } : {}) },
      });
      void message.success(
        result.replacement
          ? t('keys.revokedReplaced', { keyId: signingKey.id, replacement: result.replacement.id })
          : t('keys.revokedDone', { keyId: signingKey.id }),
      );
      close();
    } catch (error) {
      // The key routes report their own codes on fields (identity.compromise_time_invalid).
      const fieldText = (code: string, text: string) =>
        i18n.exists(`errors.${code}`) ? t(`errors.${code}`) : labels.fieldError(code, text);
      setUnmatched(applyFieldErrors(form, error, ['reason', 'compromisedAt'], fieldText));
    }
  };

  return (
    <Modal
      open={signingKey !== null}
      title={t('keys.revokeTitle', { keyId: signingKey?.id ?? '' })}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          danger
          type="primary"
          loading={revoke.isPending}
          onClick={() => form.submit()}
          data-testid="key-revoke-submit"
        >
          {t('keys.revoke')}
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        className="block-gap"
        title={
          signingKey?.status === 'active' ? t('keys.revokeActiveConsequence') : t('keys.revokeConsequence')
        }
      />
      <Form<RevokeValues> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        {revoke.isError ? <ErrorAlert error={revoke.error} fieldErrors={unmatched} /> : null}
        <Form.Item
          name="reason"
          label={t('keys.revokeReason')}
          rules={[{ required: true, message: t('keys.revokeReasonRequired') }]}
        >
          <Select<RevocationReason>
            data-testid="key-revoke-reason"
            options={REVOCATION_REASONS.map((value) => ({ value, label: t(`keys.reasons.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="compromisedAt"
          label={t('keys.compromisedAt')}
          extra={
            reason === 'key_compromise' ? t('keys.compromisedAtHintCompromise') : t('keys.compromisedAtHint')
          }
        >
          <DatePicker
            showTime
            className="verify-full-width"
            disabledDate={(day) => day.isAfter(new Date())}
            data-testid="key-revoke-compromised-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
