import { App, Col, Divider, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import { useOrganisation } from '../../api/organisations.ts';
import { useAccounts, usePaymentMutation } from '../../api/payments.ts';
import { CountrySelect } from '../../components/country-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { checkAmount, newClientId } from '../../components/payments/ledger-model.ts';
import { useLabels } from '../../i18n/labels.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import {
  createOutbound,
  type OutboundPayment,
  type PostalAddress,
  RAILS,
  type Rail,
} from './outbound-api.ts';

type AccountKind = 'iban' | 'other' | 'wallet';

type Address = {
  streetName?: string;
  buildingNumber?: string;
  postCode?: string;
  townName: string;
  country: string;
};

type Values = {
  rail: Rail;
  debitAccountId: string;
  amount: string;
  debtor: { name: string; postalAddress: Address };
  beneficiary: {
    name: string;
    postalAddress: Address;
    accountKind: AccountKind;
    account: Partial<Record<AccountKind, string>>;
    agentBic: string;
    cipsParticipantId?: string;
  };
  remittanceInformation?: string;
};

// The server's field paths (docs/payment-rails.md) are the form's names, so its field errors land
// on the field they are about.
const ADDRESS = ['streetName', 'buildingNumber', 'postCode', 'townName', 'country'];
const FORM_FIELDS = [
  'rail',
  'debitAccountId',
  'amount',
  'currency',
  'remittanceInformation',
  'debtor.name',
  ...ADDRESS.map((f) => `debtor.postalAddress.${f}`),
  'beneficiary.name',
  ...ADDRESS.map((f) => `beneficiary.postalAddress.${f}`),
  'beneficiary.account.iban',
  'beneficiary.account.other',
  'beneficiary.account.wallet',
  'beneficiary.agentBic',
  'beneficiary.cipsParticipantId',
] as const;

const trimmed = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const addressOf = (a: Address): PostalAddress => {
  const address: PostalAddress = { townName: a.townName.trim(), country: a.country };
  for (const key of ['streetName', 'buildingNumber', 'postCode'] as const) {
    const value = trimmed(a[key]);
    if (value !== undefined) {
      address[key] = value;
    }
  }
  return address;
};

type Props = {
  orgId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (payment: OutboundPayment) => void;
};

/** Pays an external beneficiary over a rail: structured addresses (CBPR+), amount as typed. */
export const OutboundCreateModal = ({ orgId, open, onClose, onCreated }: Props) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const accounts = useAccounts(orgId);
  const organisation = useOrganisation(orgId);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  // One client id per filled-in form: a retried submit replays instead of paying twice.
  const [clientId, setClientId] = useState(() => newClientId('out'));
  const create = usePaymentMutation(orgId, (input: Parameters<typeof createOutbound>[1]) =>
    createOutbound(orgId, input),
  );
  const rail = Form.useWatch('rail', form) ?? 'sandbox';
  const accountKind = Form.useWatch(['beneficiary', 'accountKind'], form) ?? 'iban';
  const debitAccountId = Form.useWatch('debitAccountId', form);
  const spendable = useMemo(
    () => (accounts.data ?? []).filter((a) => a.kind === 'customer' && !a.closed),
    [accounts.data],
  );
  const currency = spendable.find((a) => a.id === debitAccountId)?.currency ?? '';

  useEffect(() => {
    const org = organisation.data;
    if (open && org !== undefined && form.getFieldValue(['debtor', 'name']) === undefined) {
      form.setFieldsValue({
        debtor: {
          name: org.nameEn,
          postalAddress: {
            ...(org.address.street === null ? {} : { streetName: org.address.street }),
            ...(org.address.postcode === null ? {} : { postCode: org.address.postcode }),
            townName: org.address.city ?? '',
            country: org.country,
          },
        },
      });
    }
  }, [open, organisation.data, form]);

  useEffect(() => {
    form.setFieldValue(
      ['beneficiary', 'accountKind'],
      rail === 'ecny' ? 'wallet' : accountKind === 'wallet' ? 'iban' : accountKind,
    );
  }, [rail, form, accountKind]);

  const submit = async (values: Values) => {
    setFailure(null);
    const kind = values.beneficiary.accountKind;
    const accountValue = (values.beneficiary.account[kind] ?? '').replaceAll(' ', '');
    try {
      const payment = await create.mutateAsync({
        id: clientId,
        rail: values.rail,
        debitAccountId: values.debitAccountId,
        amount: values.amount.trim(),
        currency,
        debtor: { name: values.debtor.name.trim(), postalAddress: addressOf(values.debtor.postalAddress) },
        beneficiary: {
          name: values.beneficiary.name.trim(),
          postalAddress: addressOf(values.beneficiary.postalAddress),
          account:
            kind === 'iban'
              ? { iban: accountValue }
              : kind === 'other'
                ? { other: accountValue }
                : { wallet: accountValue },
          agentBic: values.beneficiary.agentBic.trim().toUpperCase(),
          ...(values.rail === 'cips' && trimmed(values.beneficiary.cipsParticipantId) !== undefined
            ? { cipsParticipantId: trimmed(values.beneficiary.cipsParticipantId) ?? '' }
            : {}),
        },
        ...(trimmed(values.remittanceInformation) === undefined
          ? {}
          : { remittanceInformation: trimmed(values.remittanceInformation) ?? '' }),
      });
      void message.success(t('outboundPayments.create.done'));
      form.resetFields();
      setClientId(newClientId('out'));
      onCreated(payment);
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError) });
    }
  };

  const required = { required: true, whitespace: true, message: t('payments.validation.required') };
  const addressFields = (who: 'debtor' | 'beneficiary') => (
    <Row gutter={12}>
      <Col xs={24} sm={16}>
        <Form.Item
          name={[who, 'postalAddress', 'streetName']}
          label={t('outboundPayments.fields.streetName')}
        >
          <Input maxLength={70} data-testid={`outbound-${who}-street`} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item
          name={[who, 'postalAddress', 'buildingNumber']}
          label={t('outboundPayments.fields.buildingNumber')}
        >
          <Input maxLength={16} data-testid={`outbound-${who}-building`} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name={[who, 'postalAddress', 'postCode']} label={t('outboundPayments.fields.postCode')}>
          <Input maxLength={16} data-testid={`outbound-${who}-postcode`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          name={[who, 'postalAddress', 'townName']}
          label={t('outboundPayments.fields.townName')}
          rules={[required]}
        >
          <Input maxLength={35} data-testid={`outbound-${who}-town`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          name={[who, 'postalAddress', 'country']}
          label={t('outboundPayments.fields.country')}
          rules={[{ required: true, message: t('payments.validation.required') }]}
        >
          <CountrySelect testId={`outbound-${who}-country`} />
        </Form.Item>
      </Col>
    </Row>
  );

  return (
    <Modal
      open={open}
      width={720}
      title={t('outboundPayments.create.title')}
      okText={t('outboundPayments.create.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ ...({ 'data-testid': 'outbound-create-submit' } as object) }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ rail: 'sandbox', beneficiary: { accountKind: 'iban', account: {} } }}
        onFinish={(values) => void submit(values)}
        className="payments-form"
      >
        <Form.Item
          name="rail"
          label={t('outboundPayments.fields.rail')}
          extra={t(`outboundPayments.railHints.${rail}`)}
        >
          <Radio.Group
            optionType="button"
            options={RAILS.map((r) => ({ value: r, label: t(`outboundPayments.rails.${r}`) }))}
            data-testid="outbound-rail"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="debitAccountId"
              label={t('outboundPayments.fields.debitAccount')}
              rules={[{ required: true, message: t('payments.validation.required') }]}
            >
              <Select
                data-testid="outbound-debit-account"
                options={spendable.map((a) => ({ value: a.id, label: `${a.code} · ${a.currency}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="amount"
              label={t('outboundPayments.fields.amount')}
              rules={[
                required,
                {
                  validator: async (_, value: string | undefined) => {
                    const problem = value && currency ? checkAmount(value.trim(), currency) : null;
                    if (problem !== null && problem !== 'required') {
                      throw new Error(t(`payments.validation.${problem}`));
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" addonAfter={currency || undefined} data-testid="outbound-amount" />
            </Form.Item>
          </Col>
        </Row>
        <Divider plain>{t('outboundPayments.sections.debtor')}</Divider>
        <Form.Item name={['debtor', 'name']} label={t('outboundPayments.fields.name')} rules={[required]}>
          <Input maxLength={140} data-testid="outbound-debtor-name" />
        </Form.Item>
        {addressFields('debtor')}
        <Divider plain>{t('outboundPayments.sections.beneficiary')}</Divider>
        <Form.Item
          name={['beneficiary', 'name']}
          label={t('outboundPayments.fields.name')}
          rules={[required]}
        >
          <Input maxLength={140} data-testid="outbound-beneficiary-name" />
        </Form.Item>
        {addressFields('beneficiary')}
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name={['beneficiary', 'accountKind']} label={t('outboundPayments.fields.accountKind')}>
              <Select
                data-testid="outbound-account-kind"
                options={(rail === 'ecny' ? (['wallet'] as const) : (['iban', 'other'] as const)).map(
                  (k) => ({
                    value: k,
                    label: t(`outboundPayments.accountKinds.${k}`),
                  }),
                )}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name={['beneficiary', 'account', accountKind]}
              label={t(`outboundPayments.accountKinds.${accountKind}`)}
              rules={[required]}
              extra={accountKind === 'wallet' ? t('outboundPayments.walletHint') : undefined}
            >
              <Input maxLength={40} data-testid="outbound-account" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['beneficiary', 'agentBic']}
              label={t('outboundPayments.fields.agentBic')}
              rules={[required]}
            >
              <Input maxLength={11} data-testid="outbound-agent-bic" />
            </Form.Item>
          </Col>
          {rail === 'cips' ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name={['beneficiary', 'cipsParticipantId']}
                label={t('outboundPayments.fields.cipsParticipantId')}
                rules={[required]}
              >
                <Input maxLength={14} data-testid="outbound-cips-participant" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item name="remittanceInformation" label={t('outboundPayments.fields.remittanceInformation')}>
          <Input maxLength={140} data-testid="outbound-remittance" />
        </Form.Item>
      </Form>
      {failure ? <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} /> : null}
    </Modal>
  );
};
