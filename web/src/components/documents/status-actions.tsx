import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DocumentDetail, type StatusAction, useChangeDocumentStatus } from '../../api/documents.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { ErrorAlert } from '../error-alert.tsx';

const REASON_MAX = 500;

type ReasonValues = { reason?: string };

/** The status changes a document in `status` allows: revoked is final. */
export const allowedActions = (status: DocumentDetail['status']): StatusAction[] =>
  status === 'active' ? ['suspend', 'revoke'] : status === 'suspended' ? ['unsuspend', 'revoke'] : [];

/** Suspend / lift suspension / revoke, each confirmed in a dialog that asks for the reason. */
export const StatusActions = ({ document }: { document: DocumentDetail }) => {
  const { t } = useTranslation();
  const [action, setAction] = useState<StatusAction | null>(null);
  const actions = allowedActions(document.status);
  if (actions.length === 0) {
    return null;
  }
  return (
    <>
      {actions.includes('suspend') ? (
        <Button
          icon={<PauseCircleOutlined />}
          onClick={() => setAction('suspend')}
          data-testid="document-suspend"
        >
          {t('documents.actions.suspend')}
        </Button>
      ) : null}
      {actions.includes('unsuspend') ? (
        <Button
          icon={<PlayCircleOutlined />}
          onClick={() => setAction('unsuspend')}
          data-testid="document-unsuspend"
        >
          {t('documents.actions.unsuspend')}
        </Button>
      ) : null}
      <Button
        danger
        icon={<StopOutlined />}
        onClick={() => setAction('revoke')}
        data-testid="document-revoke"
      >
        {t('documents.actions.revoke')}
      </Button>
      {action ? <StatusDialog document={document} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
};

const StatusDialog = ({
  document,
  action,
  onClose,
}: {
  document: DocumentDetail;
  action: StatusAction;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const change = useChangeDocumentStatus(orgId, document.id);
  const [form] = Form.useForm<ReasonValues>();
  const reasonRequired = action === 'revoke';

  const submit = async (values: ReasonValues) => {
    try {
      await change.mutateAsync({ action, reason: values.reason ?? '' });
      void message.success(t(`documents.actions.${action}Done`, { number: document.documentNumber }));
      onClose();
    } catch {
      // Shown in the dialog by the ErrorAlert below; the dialog stays open to retry.
    }
  };

  return (
    <Modal
      open
      title={t(`documents.actions.${action}Title`, { number: document.documentNumber })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          danger={action !== 'unsuspend'}
          loading={change.isPending}
          onClick={() => form.submit()}
          data-testid="document-status-confirm"
        >
          {t(`documents.actions.${action}Confirm`)}
        </Button>,
      ]}
    >
      <Alert
        type={action === 'revoke' ? 'error' : 'warning'}
        showIcon
        className="block-gap"
        title={t(`documents.actions.${action}Consequence`)}
      />
      {change.isError ? <ErrorAlert error={change.error} /> : null}
      <Form<ReasonValues>
        form={form}
        layout="vertical"
        name={`document-${action}`}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="reason"
          label={reasonRequired ? t('documents.actions.reason') : t('documents.actions.reasonOptional')}
          extra={t('documents.actions.reasonHint')}
          rules={
            reasonRequired
              ? [{ required: true, whitespace: true, message: t('documents.validation.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={REASON_MAX}
            showCount
            data-testid="document-status-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
