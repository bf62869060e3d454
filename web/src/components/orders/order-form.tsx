import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
// formatMoneyAmount: the kernel's canonical amount string, exact, with the currency's decimals.
import { formatMoneyAmount as formatMinor, listCurrencies } from '@tradehub/kernel';
import type { FormInstance } from 'antd';
import { Button, Card, Col, Form, Input, Radio, Row, Select, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ProblemFieldError } from '../../api/client.ts';
import { type OrderContent, type Partner, usePartners } from '../../api/orders.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { CountrySelect } from '../country-select.tsx';
import { currencyName } from '../documents/decimal-format.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { UnLocodeInput } from '../unlocode-input.tsx';
import { useIncotermsOptions, useNamedPlaceRules } from './incoterms-fields.ts';
import {
  buildOrderContent,
  emptyLine,
  formPathOfServerField,
  type Me,
  type OrderFormValues,
  type PartnerRef,
} from './order-form-model.ts';
import { checkPrice, checkQuantity, lineTotal, orderTotal } from './order-math.ts';
import { COMMON_UNIT_CODES } from './unit-codes.ts';
import { useOrderLabels } from './use-order-labels.ts';
import './orders.css';

type OrderFormProps = {
  me: Me;
  initialValues: OrderFormValues;
  /** The counterparty already chosen (edit, counter-offer), so its name shows before any search. */
  initialPartner: PartnerRef | null;
  /** A counter-offer changes terms, not who the parties are. */
  partiesLocked?: boolean;
  submitLabel: string;
  onSubmit: (content: OrderContent) => Promise<unknown>;
  extra?: ReactNode;
};

const HS_CODE = /^\d{6,10}$/;

type TFn = ReturnType<typeof useTranslation>['t'];

/** Validation rules whose messages are read at check time, so a language switch shows the new one. */
const quantityRule = (t: TFn) => ({
  validator: async (_: unknown, value: string | undefined) => {
    const check = checkQuantity(value);
    if (check !== 'ok') {
      throw new Error(t(`orders.validation.quantity.${check}`));
    }
  },
});

const priceRule = (t: TFn, form: FormInstance<OrderFormValues>) => ({
  validator: async (_: unknown, value: string | undefined) => {
    const check = checkPrice(value, String(form.getFieldValue('currency') ?? ''));
    if (check !== 'ok') {
      throw new Error(t(`orders.validation.price.${check}`));
    }
  },
});

export const OrderForm = ({
  me,
  initialValues,
  initialPartner,
  partiesLocked,
  submitLabel,
  onSubmit,
  extra,
}: OrderFormProps) => {
  const { t, i18n } = useTranslation();
  const locked = partiesLocked === true;
  const labels = useLabels();
  const orderLabels = useOrderLabels();
  const [form] = Form.useForm<OrderFormValues>();
  const [partnerSearch, setPartnerSearch] = useState('');
  const settledSearch = useDebounced(partnerSearch, 250);
  const partners = usePartners(me.organisationId, settledSearch);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);

  const mode = Form.useWatch('counterpartyMode', form) ?? initialValues.counterpartyMode;
  const currency = Form.useWatch('currency', form) ?? initialValues.currency;
  const lines = Form.useWatch('lines', form) ?? initialValues.lines;
  const myRole = Form.useWatch('myRole', form) ?? initialValues.myRole;
  const total = orderTotal(lines ?? [], currency);

  const partnerList: Partner[] = useMemo(() => {
    const found = (partners.data ?? []).filter((p) => p.organisationId !== me.organisationId);
    if (initialPartner && !found.some((p) => p.organisationId === initialPartner.organisationId)) {
      return [{ ...initialPartner, kind: '' }, ...found];
    }
    return found;
  }, [partners.data, initialPartner, me.organisationId]);

  const currencies = useMemo(
    () =>
      listCurrencies()
        .filter((c) => c.minorUnit !== null && c.minorUnit !== undefined)
        .map((c) => ({ value: c.code, label: `${c.code} · ${currencyName(c.code, i18n.language)}` })),
    [i18n.language],
  );

  const submit = async (values: OrderFormValues) => {
    setFailure(null);
    const partner = partnerList.find((p) => p.organisationId === values.counterpartyId) ?? null;
    const content = buildOrderContent(values, me, partner);
    setSubmitting(true);
    try {
      await onSubmit(content);
    } catch (error) {
      const unmatched: ProblemFieldError[] = [];
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      if (isApiError(error)) {
        for (const item of error.errors) {
          const path = formPathOfServerField(item.field, values.myRole);
          if (path) {
            fields.push({ name: path, errors: [labels.fieldError(item.code, item.message)] });
          } else {
            unmatched.push(item);
          }
        }
      }
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setFailure({ error, unmatched });
    } finally {
      setSubmitting(false);
    }
  };

  const required = { required: true, message: t('orders.validation.required') };
  const incotermsOptions = useIncotermsOptions();
  const namedPlaceRules = useNamedPlaceRules();

  return (
    <Form<OrderFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void submit(values)}
      scrollToFirstError
      data-testid="order-form"
    >
      <Card title={t('orders.form.parties')} className="orders-section">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="myRole" label={t('orders.form.myRole')}>
              <Radio.Group disabled={locked} data-testid="order-my-role">
                <Radio.Button value="seller">{orderLabels.role('seller')}</Radio.Button>
                <Radio.Button value="buyer">{orderLabels.role('buyer')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="counterpartyMode"
              label={t('orders.form.counterparty', {
                role: orderLabels.role(myRole === 'seller' ? 'buyer' : 'seller'),
              })}
            >
              <Radio.Group disabled={locked} data-testid="order-counterparty-mode">
                <Radio.Button value="partner">{t('orders.form.onHub')}</Radio.Button>
                <Radio.Button value="invite" disabled={myRole === 'buyer'}>
                  {t('orders.form.invite')}
                </Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        {mode === 'partner' ? (
          <Form.Item name="counterpartyId" label={t('orders.form.partner')} rules={[required]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setPartnerSearch }}
              disabled={locked}
              loading={partners.isFetching}
              placeholder={t('orders.form.partnerPlaceholder')}
              options={partnerList.map((p) => ({
                value: p.organisationId,
                label: orderLabels.partner(p),
              }))}
              notFoundContent={partners.isFetching ? null : t('orders.form.noPartner')}
              data-testid="order-partner"
            />
          </Form.Item>
        ) : (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="inviteName" label={t('orders.form.inviteName')} rules={[required]}>
                <Input disabled={locked} data-testid="order-invite-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="inviteEmail"
                label={t('orders.form.inviteEmail')}
                rules={[required, { type: 'email', message: t('orders.validation.email') }]}
              >
                <Input type="email" disabled={locked} data-testid="order-invite-email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="inviteCountry" label={t('orders.form.inviteCountry')} rules={[required]}>
                <CountrySelect testId="order-invite-country" disabled={locked} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>

      <Card title={t('orders.form.terms')} className="orders-section">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="buyerReference"
              label={t('orders.fields.buyerReference')}
              rules={[required, { max: 64, message: t('orders.validation.tooLong', { max: 64 }) }]}
            >
              <Input data-testid="order-buyer-reference" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="issueDate" label={t('orders.fields.issueDate')} rules={[required]}>
              <Input type="date" data-testid="order-issue-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="currency" label={t('orders.fields.currency')} rules={[required]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={currencies}
                onChange={() =>
                  void form.validateFields([['lines']], { recursive: true }).catch(() => undefined)
                }
                data-testid="order-currency"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="incotermsRule" label={t('orders.fields.incoterms')} rules={[required]}>
              <Select options={incotermsOptions} data-testid="order-incoterms" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="namedPlace" label={t('orders.fields.namedPlace')} rules={namedPlaceRules}>
              <UnLocodeInput country={null} testId="order-named-place" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="requestedDeliveryDate" label={t('orders.fields.requestedDeliveryDate')}>
              <Input type="date" data-testid="order-delivery-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="paymentTerms" label={t('orders.fields.paymentTerms')} rules={[required]}>
              <Input
                placeholder={t('orders.form.paymentTermsPlaceholder')}
                data-testid="order-payment-terms"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="note" label={t('orders.fields.note')}>
              <Input data-testid="order-note" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('orders.form.lines')} className="orders-section">
        <Form.List
          name="lines"
          rules={[
            {
              validator: async (_, value: unknown[] | undefined) => {
                if (!value || value.length === 0) {
                  throw new Error(t('orders.validation.noLines'));
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Table
                className="orders-lines-table"
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={fields}
                data-testid="order-lines"
                columns={[
                  { key: 'n', title: '#', width: 40, render: (_, field) => field.name + 1 },
                  {
                    key: 'description',
                    title: t('orders.fields.descriptionBoth'),
                    // English above Chinese in one cell, so a line fits a laptop screen's width.
                    render: (_, field) => (
                      <div className="orders-description-cell">
                        <Form.Item name={[field.name, 'descriptionEn']} rules={[required]}>
                          <Input
                            placeholder={t('orders.form.descriptionEnPlaceholder')}
                            aria-label={t('orders.fields.descriptionEn')}
                            data-testid={`line-${field.name}-description-en`}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'descriptionZh']}>
                          <Input
                            placeholder={t('orders.form.descriptionZhPlaceholder')}
                            aria-label={t('orders.fields.descriptionZh')}
                            data-testid={`line-${field.name}-description-zh`}
                          />
                        </Form.Item>
                      </div>
                    ),
                  },
                  {
                    key: 'hsCode',
                    title: t('orders.fields.hsCode'),
                    render: (_, field) => (
                      <Form.Item
                        name={[field.name, 'hsCode']}
                        rules={[
                          required,
                          {
                            validator: async (_: unknown, value: string | undefined) => {
                              if (value && !HS_CODE.test(value.replace(/\./g, '').trim())) {
                                throw new Error(t('orders.validation.hsCode'));
                              }
                            },
                          },
                        ]}
                      >
                        <Input
                          style={{ width: 100 }}
                          inputMode="numeric"
                          data-testid={`line-${field.name}-hs`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'quantity',
                    title: t('orders.fields.quantity'),
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'quantity']} rules={[quantityRule(t)]}>
                        <Input
                          style={{ width: 90 }}
                          inputMode="decimal"
                          data-testid={`line-${field.name}-quantity`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'unitCode',
                    title: t('orders.fields.unitCode'),
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'unitCode']} rules={[required]}>
                        <Select
                          style={{ width: 120 }}
                          showSearch={{ optionFilterProp: 'label' }}
                          popupMatchSelectWidth={false}
                          options={COMMON_UNIT_CODES.map((code) => ({
                            value: code,
                            label: `${code} · ${orderLabels.unit(code)}`,
                          }))}
                          data-testid={`line-${field.name}-unit`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'unitPrice',
                    title: t('orders.fields.unitPrice', { currency }),
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'unitPrice']} rules={[priceRule(t, form)]}>
                        <Input
                          style={{ width: 100 }}
                          inputMode="decimal"
                          data-testid={`line-${field.name}-price`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'lineTotal',
                    title: t('orders.fields.lineTotal'),
                    className: 'orders-amount',
                    render: (_, field) => {
                      const line = lines?.[field.name];
                      const value = line ? lineTotal(line.quantity, line.unitPrice, currency) : null;
                      return (
                        <span data-testid={`line-${field.name}-total`}>
                          {value ? orderLabels.money({ amount: formatMinor(value), currency }) : '–'}
                        </span>
                      );
                    },
                  },
                  {
                    key: 'remove',
                    title: '',
                    width: 48,
                    render: (_, field) => (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('orders.form.removeLine')}
                        disabled={fields.length <= 1}
                        onClick={() => remove(field.name)}
                        data-testid={`line-${field.name}-remove`}
                      />
                    ),
                  },
                ]}
              />
              <Form.ErrorList errors={errors} />
              <Row justify="space-between" align="middle" className="block-gap" style={{ marginTop: 12 }}>
                <Button icon={<PlusOutlined />} onClick={() => add(emptyLine())} data-testid="order-add-line">
                  {t('orders.form.addLine')}
                </Button>
                <Typography.Text className="orders-total" data-testid="order-form-total">
                  {t('orders.fields.total')}:{' '}
                  {total ? orderLabels.money({ amount: formatMinor(total), currency }) : '–'}
                </Typography.Text>
              </Row>
            </>
          )}
        </Form.List>
      </Card>

      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="order-form-error" />
      ) : null}
      <Row gutter={8}>
        <Col>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="order-submit">
            {submitLabel}
          </Button>
        </Col>
        {extra ? <Col>{extra}</Col> : null}
      </Row>
    </Form>
  );
};
