import { Button, Checkbox, Col, Form, type FormInstance, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type BlContainerValues,
  type BlErrors,
  type BlValues,
  checkBillOfLading,
} from './bill-of-lading-overrides.ts';

type BlFieldKey = keyof BlErrors['fields'];

/** Translation keys of the section's field labels, checked in both languages by the builder's test. */
export const BL_FIELD_KEYS = [
  'transportDocumentReference',
  'transportDocumentTypeCode',
  'isToOrder',
  'carrierCode',
  'carrierBookingReference',
  'vesselName',
  'voyageNumber',
  'plannedDepartureDate',
  'plannedArrivalDate',
  'shippedOnBoardDate',
  'portOfLoading',
  'portOfDischarge',
] as const satisfies readonly BlFieldKey[];

export const BL_CONTAINER_KEYS = [
  'containerNumber',
  'isoCode',
  'sealNumber',
  'grossWeightKg',
  'packageCount',
  'packageDescription',
] as const satisfies readonly (keyof BlContainerValues)[];

const DATE_FIELDS = new Set<BlFieldKey>(['plannedDepartureDate', 'plannedArrivalDate', 'shippedOnBoardDate']);

/**
 * The bill of lading section of the issue dialog: the carrier's facts, under `shipment` in the
 * form. Each field is checked with the whole section (an arrival date depends on the departure).
 */
export const BillOfLadingFields = ({ form }: { form: FormInstance }) => {
  const { t } = useTranslation();
  const current = (): BlValues => (form.getFieldValue('shipment') ?? {}) as BlValues;
  const fail = (problem: string | undefined) => {
    if (problem) {
      throw new Error(t(`orders.issue.bl.errors.${problem}`));
    }
  };
  const fieldRule = (key: BlFieldKey) => ({
    validator: async () => fail(checkBillOfLading(current()).fields[key]),
  });
  const containerRule = (index: number, key: keyof BlContainerValues) => ({
    validator: async () => fail(checkBillOfLading(current()).containers[index]?.[key]),
  });

  const textField = (key: Exclude<BlFieldKey, 'transportDocumentTypeCode' | 'isToOrder'>) => (
    <Col xs={24} sm={12} md={8} key={key}>
      <Form.Item
        name={['shipment', key]}
        label={t(`orders.issue.bl.${key}`)}
        rules={[fieldRule(key)]}
        dependencies={key === 'plannedArrivalDate' ? [['shipment', 'plannedDepartureDate']] : []}
        {...(key === 'portOfLoading' || key === 'portOfDischarge'
          ? { extra: t('orders.issue.bl.portHint') }
          : {})}
      >
        <Input
          {...(DATE_FIELDS.has(key) ? { type: 'date' } : {})}
          className={key === 'portOfLoading' || key === 'portOfDischarge' ? 'mono' : undefined}
          data-testid={`bl-${key}`}
        />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <Typography.Title level={5}>{t('orders.issue.bl.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('orders.issue.bl.hint')}</Typography.Paragraph>
      <Row gutter={12}>
        {textField('transportDocumentReference')}
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name={['shipment', 'transportDocumentTypeCode']}
            label={t('orders.issue.bl.transportDocumentTypeCode')}
          >
            <Select
              options={(['BOL', 'SWB'] as const).map((code) => ({
                value: code,
                label: t(`orders.issue.bl.types.${code}`),
              }))}
              data-testid="bl-transportDocumentTypeCode"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name={['shipment', 'isToOrder']}
            label={t('orders.issue.bl.isToOrder')}
            valuePropName="checked"
            rules={[fieldRule('isToOrder')]}
            dependencies={[['shipment', 'transportDocumentTypeCode']]}
          >
            <Checkbox data-testid="bl-isToOrder" />
          </Form.Item>
        </Col>
        {textField('carrierCode')}
        {textField('carrierBookingReference')}
        {textField('vesselName')}
        {textField('voyageNumber')}
        {textField('plannedDepartureDate')}
        {textField('plannedArrivalDate')}
        {textField('shippedOnBoardDate')}
        {textField('portOfLoading')}
        {textField('portOfDischarge')}
      </Row>
      <Typography.Text strong>{t('orders.issue.bl.containers')}</Typography.Text>
      <Form.List
        name={['shipment', 'containers']}
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              if (!value || value.length === 0) {
                throw new Error(t('orders.issue.bl.errors.noContainers'));
              }
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Row gutter={8} key={field.key} align="top" data-testid={`bl-container-${index}`}>
                {BL_CONTAINER_KEYS.map((key) => (
                  <Col xs={12} md={key === 'packageDescription' ? 5 : 3} key={key}>
                    <Form.Item
                      name={[field.name, key]}
                      label={index === 0 ? t(`orders.issue.bl.${key}`) : undefined}
                      rules={[containerRule(index, key)]}
                    >
                      <Input
                        {...(key === 'grossWeightKg' || key === 'packageCount'
                          ? { inputMode: 'decimal' as const }
                          : {})}
                        data-testid={`bl-container-${index}-${key}`}
                      />
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={12} md={3}>
                  <Form.Item label={index === 0 ? ' ' : undefined}>
                    <Button onClick={() => remove(field.name)} data-testid={`bl-container-${index}-remove`}>
                      {t('orders.issue.bl.removeContainer')}
                    </Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button onClick={() => add({})} className="block-gap" data-testid="bl-add-container">
              {t('orders.issue.bl.addContainer')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
};
