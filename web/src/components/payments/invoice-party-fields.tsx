import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTY_SCHEMES, type PartyScheme } from '../../api/finance.ts';
import { useLabels } from '../../i18n/labels.ts';
import { partyProblem } from './registry-model.ts';
import { usePaymentsLabels } from './use-payments-labels.ts';

/** The seller's or buyer's identifier: scheme, value, and the country of a registration number. */
export const InvoicePartyFields = ({ party }: { party: 'seller' | 'buyer' }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const paymentLabels = usePaymentsLabels();
  const form = Form.useFormInstance();
  const scheme = Form.useWatch([party, 'scheme'], form) as PartyScheme | undefined;
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item name={[party, 'scheme']} label={t(`financeRegistry.form.${party}Scheme`)}>
          <Select
            options={PARTY_SCHEMES.map((value) => ({ value, label: paymentLabels.scheme(value) }))}
            onChange={() => void form.validateFields([[party, 'value']]).catch(() => {})}
            data-testid={`registry-${party}-scheme`}
          />
        </Form.Item>
      </Col>
      <Col xs={scheme === 'registration' ? 16 : 24} sm={scheme === 'registration' ? 10 : 16}>
        <Form.Item
          name={[party, 'value']}
          required
          label={t(`financeRegistry.form.${party}Id`)}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = partyProblem(scheme ?? 'uscc', value ?? '');
                if (problem) {
                  throw new Error(labels.fieldError(problem.code, problem.message));
                }
              },
            },
          ]}
        >
          <Input maxLength={100} autoComplete="off" className="mono" data-testid={`registry-${party}-id`} />
        </Form.Item>
      </Col>
      {scheme === 'registration' ? (
        <Col xs={8} sm={6}>
          <Form.Item
            name={[party, 'country']}
            label={t('financeRegistry.form.country')}
            rules={[
              { required: true, message: t('payments.validation.required') },
              { pattern: /^[A-Za-z]{2}$/, message: t('financeRegistry.validation.country') },
            ]}
          >
            <Input maxLength={2} autoComplete="off" data-testid={`registry-${party}-country`} />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
};
