import { App, Form, Input, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  ACCOUNT_KINDS,
  type Account,
  type AccountKind,
  createAccount,
  usePaymentMutation,
} from '../../api/payments.ts';
import { useLabels } from '../../i18n/labels.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { currencyName } from '../documents/decimal-format.ts';
import { invoiceCurrencies } from '../documents/invoice.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { usePaymentsLabels } from './use-payments-labels.ts';

type Values = { currency: string; code: string; kind: AccountKind };

const FORM_FIELDS = ['currency', 'code', 'kind'] as const;

type CreateAccountModalProps = {
  orgId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (account: Account) => void;
};

/** Opens an account in one currency; settlement and liquidity accounts are for banks (the server says so). */
export const CreateAccountModal = ({ orgId, open, onClose, onCreated }: CreateAccountModalProps) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const paymentLabels = usePaymentsLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const create = usePaymentMutation(orgId, (input: Values) => createAccount(orgId, input));
  const currencies = useMemo(
    () =>
      invoiceCurrencies().map((code) => ({
        value: code,
        label: `${code} · ${currencyName(code, i18n.language)}`,
      })),
    [i18n.language],
  );

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      const account = await create.mutateAsync({ ...values, code: values.code.trim() });
      void message.success(t('payments.create.done'));
      form.resetFields();
      onCreated(account);
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError) });
    }
  };

  return (
    <Modal
      open={open}
      title={t('payments.create.title')}
      okText={t('payments.create.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ ...({ 'data-testid': 'payments-create-submit' } as object) }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ currency: 'CNY', kind: 'customer', code: '' }}
        onFinish={(values) => void submit(values)}
        className="payments-form"
      >
        <Form.Item name="currency" label={t('payments.columns.currency')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={currencies}
            data-testid="payments-create-currency"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('payments.create.code')}
          extra={t('payments.create.codeHint')}
          rules={[{ required: true, whitespace: true, message: t('payments.validation.required') }]}
        >
          <Input maxLength={100} data-testid="payments-create-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('payments.columns.kind')} extra={t('payments.create.kindHint')}>
          <Select
            options={ACCOUNT_KINDS.map((kind) => ({ value: kind, label: paymentLabels.kind(kind) }))}
            data-testid="payments-create-kind"
          />
        </Form.Item>
      </Form>
      {failure ? <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} /> : null}
    </Modal>
  );
};
