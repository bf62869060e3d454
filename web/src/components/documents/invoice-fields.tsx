import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Flex,
  Form,
  type FormInstance,
  type FormRule,
  Input,
  Row,
  Select,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../country-select.tsx';
import { currencyName, formatAmount } from './decimal-format.ts';
import {
  checkCurrency,
  checkHsCode,
  checkQuantity,
  checkUnitPrice,
  type InvoiceProblemCode,
  invoiceCurrencies,
  invoiceTotals,
} from './invoice.ts';
import { INCOTERMS, type IssueFormValues, UNIT_CODES } from './issue-model.ts';
import { useDocumentLabels } from './use-document-labels.ts';

type Check = (value: string) => InvoiceProblemCode | null;

/** The commercial invoice as a form: parties, terms and lines, with amounts computed as you type. */
export const InvoiceFields = ({ form }: { form: FormInstance<IssueFormValues> }) => {
  const { t, i18n } = useTranslation();
  const labels = useDocumentLabels();
  const invoice = Form.useWatch('invoice', form);
  const currency = invoice?.currency ?? '';
  const totals = invoiceTotals(currency, invoice?.lineItems ?? []);
  const locale = i18n.language;

  // A validator per kernel check; the message is the check's translated reason.
  const rule = (check: Check): FormRule => ({
    validator: async (_, value: unknown) => {
      const problem = check(typeof value === 'string' ? value.trim() : '');
      if (problem) {
        throw new Error(t(`documents.validation.${problem}`));
      }
    },
  });

  const currencyOptions = useMemo(
    () =>
      invoiceCurrencies().map((code) => ({
        value: code,
        label: `${code} · ${currencyName(code, locale)}`,
      })),
    [locale],
  );

  const party = (key: 'seller' | 'buyer') => (
    <Card size="small" title={t(`documents.invoice.${key}`)} className="documents-section-card">
      <Form.Item
        name={['invoice', key, 'name']}
        label={t(`documents.invoice.${key}Name`)}
        rules={[{ required: true, whitespace: true, message: t('documents.validation.required') }]}
      >
        <Input maxLength={200} autoComplete="organization" data-testid={`invoice-${key}-name`} />
      </Form.Item>
      <Form.Item name={['invoice', key, 'country']} label={t('documents.invoice.country')}>
        <CountrySelect testId={`invoice-${key}-country`} />
      </Form.Item>
      <Form.Item name={['invoice', key, 'address']} label={t('documents.invoice.address')}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={500}
          data-testid={`invoice-${key}-address`}
        />
      </Form.Item>
      <Form.Item
        name={['invoice', key, 'taxId']}
        label={t('documents.invoice.taxId')}
        extra={t('documents.invoice.taxIdHint')}
      >
        <Input maxLength={64} data-testid={`invoice-${key}-tax-id`} />
      </Form.Item>
    </Card>
  );

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name={['invoice', 'invoiceDate']} label={t('documents.invoice.invoiceDate')}>
            <Input type="date" data-testid="invoice-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name={['invoice', 'currency']}
            label={t('documents.invoice.currency')}
            required
            rules={[rule(checkCurrency)]}
          >
            <Select<string>
              showSearch={{ optionFilterProp: 'label' }}
              options={currencyOptions}
              popupMatchSelectWidth={false}
              data-testid="invoice-currency"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name={['invoice', 'incoterms']} label={t('documents.invoice.incoterms')}>
            <Select<string>
              allowClear
              options={INCOTERMS.map((code) => ({ value: code, label: code }))}
              data-testid="invoice-incoterms"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name={['invoice', 'paymentTerms']} label={t('documents.invoice.paymentTerms')}>
            <Input
              maxLength={200}
              placeholder={t('documents.invoice.paymentTermsPlaceholder')}
              data-testid="invoice-payment-terms"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {party('seller')}
        </Col>
        <Col xs={24} md={12}>
          {party('buyer')}
        </Col>
      </Row>
      <Typography.Title level={5} className="section-title">
        {t('documents.invoice.lineItems')}
      </Typography.Title>
      <Form.List name={['invoice', 'lineItems']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                className="documents-line"
                data-testid={`invoice-line-${index}`}
                title={t('documents.invoice.line', { number: index + 1 })}
                extra={
                  fields.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('documents.invoice.removeLine', { number: index + 1 })}
                      data-testid={`invoice-line-${index}-remove`}
                    />
                  ) : null
                }
              >
                <Row gutter={12}>
                  <Col xs={24} lg={8}>
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('documents.invoice.description')}
                      rules={[
                        { required: true, whitespace: true, message: t('documents.validation.required') },
                      ]}
                    >
                      <Input maxLength={500} data-testid={`invoice-line-${index}-description`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={4}>
                    <Form.Item
                      name={[field.name, 'hsCode']}
                      label={t('documents.invoice.hsCode')}
                      rules={[rule(checkHsCode)]}
                    >
                      <Input
                        inputMode="numeric"
                        maxLength={16}
                        data-testid={`invoice-line-${index}-hs-code`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={3}>
                    <Form.Item
                      name={[field.name, 'quantity']}
                      label={t('documents.invoice.quantity')}
                      required
                      rules={[rule(checkQuantity)]}
                    >
                      <Input
                        inputMode="decimal"
                        maxLength={32}
                        data-testid={`invoice-line-${index}-quantity`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={3}>
                    <Form.Item name={[field.name, 'unitCode']} label={t('documents.invoice.unit')}>
                      <Select<string>
                        allowClear
                        popupMatchSelectWidth={false}
                        options={UNIT_CODES.map((code) => ({ value: code, label: labels.unit(code) }))}
                        data-testid={`invoice-line-${index}-unit`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={3}>
                    <Form.Item
                      name={[field.name, 'unitPrice']}
                      label={t('documents.invoice.unitPrice')}
                      required
                      rules={[rule(checkUnitPrice)]}
                    >
                      <Input
                        inputMode="decimal"
                        maxLength={32}
                        data-testid={`invoice-line-${index}-unit-price`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} lg={3}>
                    <Form.Item label={t('documents.invoice.lineAmount')}>
                      <Typography.Text strong className="nowrap" data-testid={`invoice-line-${index}-amount`}>
                        {totals.lines[index] ? formatAmount(totals.lines[index], currency, locale) : '—'}
                      </Typography.Text>
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Flex wrap justify="space-between" align="center" gap={12}>
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="invoice-add-line">
                {t('documents.invoice.addLine')}
              </Button>
              <Typography.Text className="documents-total" data-testid="invoice-total">
                {t('documents.invoice.total', {
                  value: totals.total
                    ? formatAmount(totals.total, currency, locale)
                    : t('documents.invoice.totalPending'),
                })}
              </Typography.Text>
            </Flex>
          </>
        )}
      </Form.List>
    </>
  );
};
