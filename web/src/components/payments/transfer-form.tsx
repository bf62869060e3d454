import { App, Button, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import { type Account, createTransfer, type TransferInput, usePaymentMutation } from '../../api/payments.ts';
import { useLabels } from '../../i18n/labels.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { checkAmount, newClientId } from './ledger-model.ts';

type Values = {
  creditAccountId: string;
  amount: string;
  currency: string;
  reference?: string;
  mode: 'single' | 'pending';
  timeoutMinutes?: number | null;
};

// Fields the server may name in a refusal, in the form's own names.
const FORM_FIELDS = ['creditAccountId', 'amount', 'currency', 'reference', 'timeoutMinutes'] as const;

/** Up to the server's 90 days. */
const MAX_TIMEOUT_MINUTES = 90 * 24 * 60;

/**
 * A transfer from this account: at once, or reserved (pending) until posted or voided, with an
 * optional deadline. The client id is kept until the transfer is made, so pressing "send" again
 * after a network failure answers the first transfer instead of paying twice.
 */
export const TransferForm = ({ orgId, account }: { orgId: string; account: Account }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const clientId = useRef(newClientId('web'));
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const send = usePaymentMutation(orgId, (input: TransferInput) => createTransfer(orgId, input));

  const submit = async (values: Values) => {
    setFailure(null);
    const reference = values.reference?.trim() ?? '';
    const input: TransferInput = {
      id: clientId.current,
      debitAccountId: account.id,
      creditAccountId: values.creditAccountId.trim(),
      amount: values.amount.trim(),
      currency: account.currency,
      ...(reference === '' ? {} : { reference }),
      ...(values.mode === 'pending'
        ? {
            pending: true,
            ...(values.timeoutMinutes ? { timeoutSeconds: Math.round(values.timeoutMinutes) * 60 } : {}),
          }
        : {}),
    };
    try {
      const transfer = await send.mutateAsync(input);
      clientId.current = newClientId('web');
      form.resetFields();
      void message.success(
        transfer.kind === 'pending' ? t('payments.transfer.reserved') : t('payments.transfer.done'),
      );
    } catch (error) {
      const mapped = applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError);
      // The server names the deadline in seconds; the form asks for minutes.
      const unmatched = mapped.filter((item) => {
        if (item.field === 'timeoutSeconds') {
          form.setFields([{ name: 'timeoutMinutes', errors: [labels.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="payments-form"
      initialValues={{ mode: 'single', currency: account.currency, creditAccountId: '', amount: '' }}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => setFailure(null)}
      data-testid="transfer-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="creditAccountId"
            label={t('payments.transfer.to')}
            extra={t('payments.transfer.toHint')}
            rules={[
              { required: true, whitespace: true, message: t('payments.validation.required') },
              {
                validator: async (_, value: string) => {
                  if (typeof value === 'string' && value.trim() === account.id) {
                    throw new Error(t('payments.validation.sameAccount'));
                  }
                },
              },
            ]}
          >
            <Input maxLength={64} className="mono" autoComplete="off" data-testid="transfer-to" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="amount"
            required
            label={t('payments.transfer.amount')}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const problem = checkAmount(value ?? '', account.currency);
                  if (problem) {
                    throw new Error(t(`payments.validation.${problem}`));
                  }
                },
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" data-testid="transfer-amount" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="currency"
            label={t('payments.columns.currency')}
            extra={t('payments.transfer.currencyHint')}
          >
            <Input disabled data-testid="transfer-currency" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="reference"
            label={t('payments.transfer.reference')}
            extra={t('payments.transfer.referenceHint')}
          >
            <Input maxLength={140} data-testid="transfer-reference" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="mode" label={t('payments.transfer.mode')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'single', label: t('payments.transfer.single') },
                { value: 'pending', label: t('payments.transfer.pending') },
              ]}
              data-testid="transfer-mode"
            />
          </Form.Item>
        </Col>
        {mode === 'pending' ? (
          <Col xs={24} md={12}>
            <Form.Item
              name="timeoutMinutes"
              label={t('payments.transfer.timeout')}
              extra={t('payments.transfer.timeoutHint')}
              rules={[
                {
                  type: 'integer',
                  min: 1,
                  max: MAX_TIMEOUT_MINUTES,
                  message: t('payments.validation.timeout'),
                },
              ]}
            >
              <InputNumber
                min={1}
                max={MAX_TIMEOUT_MINUTES}
                precision={0}
                className="payments-filter"
                data-testid="transfer-timeout"
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="transfer-error" />
      ) : null}
      <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="transfer-submit">
        {mode === 'pending' ? t('payments.transfer.submitPending') : t('payments.transfer.submit')}
      </Button>
    </Form>
  );
};
