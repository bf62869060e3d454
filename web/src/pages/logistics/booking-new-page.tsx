import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  type BookingRequestInput,
  type CargoLine,
  type RequestedEquipment,
  type RequestedLeg,
  requestBooking,
  TRANSPORT_MODES,
  useBookingMutation,
} from '../../api/logistics.ts';
import { useOrders, usePartners } from '../../api/orders.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { applyListFieldErrors, listFieldPaths } from '../../components/logistics/form-fields.ts';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { UnLocodeInput } from '../../components/unlocode-input.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/logistics/logistics.css';

type BookingValues = {
  reference: string;
  forwarderOrganisationId: string;
  orderIds: string[];
  legs: RequestedLeg[];
  equipment?: RequestedEquipment[];
  cargo: CargoLine[];
  remarks?: string;
};

const LIST_FIELDS = {
  legs: ['mode', 'origin', 'destination', 'departureDate'],
  equipment: ['sizeType', 'count'],
  cargo: ['hsCode', 'description', 'packages', 'packageTypeCode', 'grossWeightKg'],
} as const;

/** A shipper asks a forwarder to book transport for its orders. */
export const BookingNewPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const common = useLabels();
  const labels = useLogisticsLabels();
  const [form] = Form.useForm<BookingValues>();
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const partners = usePartners(orgId, '');
  const orders = useOrders(orgId, { status: null, role: null, q: '' });
  const forwarders = (partners.data ?? []).filter((p) => p.kind === 'logistics_provider');
  const orderOptions = (orders.data?.pages.flatMap((page) => page.items) ?? [])
    .filter((order) => order.myRole !== 'shared')
    .map((order) => ({
      value: order.id,
      label: `${order.content.buyerReference} · ${order.myRole === 'seller' ? order.content.buyer.name : order.content.seller.name}`,
    }));
  const create = useBookingMutation(orgId, (input: BookingRequestInput) => requestBooking(orgId, input));

  const submit = async (values: BookingValues) => {
    setFailure(null);
    const input: BookingRequestInput = {
      reference: values.reference.trim(),
      forwarderOrganisationId: values.forwarderOrganisationId,
      orderIds: values.orderIds,
      legs: values.legs.map((leg) => ({
        ...leg,
        origin: leg.origin.trim().toUpperCase(),
        destination: leg.destination.trim().toUpperCase(),
      })),
      equipment: (values.equipment ?? []).map((item) => ({
        sizeType: item.sizeType.trim().toUpperCase(),
        count: item.count,
      })),
      cargo: values.cargo.map((line) => ({
        hsCode: line.hsCode.trim(),
        description: line.description.trim(),
        packages: line.packages,
        ...(line.packageTypeCode?.trim()
          ? { packageTypeCode: line.packageTypeCode.trim().toUpperCase() }
          : {}),
        grossWeightKg: line.grossWeightKg.trim(),
      })),
      ...(values.remarks?.trim() ? { remarks: values.remarks.trim() } : {}),
    };
    try {
      const booking = await create.mutateAsync(input);
      navigate(`/logistics/bookings/${encodeURIComponent(booking.id)}`);
    } catch (error) {
      const fields = [
        'reference',
        'forwarderOrganisationId',
        'orderIds',
        'remarks',
        ...listFieldPaths(form.getFieldsValue(true) as Record<string, unknown>, LIST_FIELDS),
      ];
      setFailure({ error, unmatched: applyListFieldErrors(form, error, fields, common.fieldError) });
    }
  };

  const required = [{ required: true, message: t('logistics.validation.required') }];
  return (
    <div className="page">
      <PageHeader
        title={t('logistics.bookings.newTitle')}
        subtitle={t('logistics.bookings.newSubtitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/logistics/bookings')}>
            {t('logistics.bookings.back')}
          </Button>
        }
      />
      <Form<BookingValues>
        form={form}
        layout="vertical"
        initialValues={{
          legs: [{ mode: 'sea', origin: '', destination: '', departureDate: '' }],
          cargo: [{ hsCode: '', description: '', packages: 1, grossWeightKg: '' }],
          equipment: [{ sizeType: '22G1', count: 1 }],
        }}
        onValuesChange={() => setFailure(null)}
        onFinish={(values) => void submit(values)}
        data-testid="booking-form"
      >
        <Card className="block-gap">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="reference" label={t('logistics.bookings.reference')} rules={required}>
                <Input maxLength={35} data-testid="booking-reference" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="forwarderOrganisationId"
                label={t('logistics.bookings.forwarder')}
                rules={required}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={partners.isPending}
                  options={forwarders.map((p) => ({
                    value: p.organisationId,
                    label: p.nameZh ? `${p.name} · ${p.nameZh}` : p.name,
                  }))}
                  data-testid="booking-forwarder"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="orderIds" label={t('logistics.bookings.orders')} rules={required}>
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={orders.isPending}
                  options={orderOptions}
                  data-testid="booking-orders"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card className="block-gap" title={t('logistics.bookings.legs')}>
          <Form.List name="legs">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={12} key={field.key} align="bottom" data-testid="booking-leg">
                    <Col xs={24} md={5}>
                      <Form.Item
                        name={[field.name, 'mode']}
                        label={t('logistics.legs.mode')}
                        rules={required}
                      >
                        <Select
                          options={TRANSPORT_MODES.map((mode) => ({ value: mode, label: labels.mode(mode) }))}
                          data-testid={`booking-leg-${index}-mode`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={[field.name, 'origin']}
                        label={t('logistics.bookings.origin')}
                        rules={required}
                      >
                        <UnLocodeInput country={null} testId={`booking-leg-${index}-origin`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={[field.name, 'destination']}
                        label={t('logistics.bookings.destination')}
                        rules={required}
                      >
                        <UnLocodeInput country={null} testId={`booking-leg-${index}-destination`} />
                      </Form.Item>
                    </Col>
                    <Col xs={18} md={5}>
                      <Form.Item
                        name={[field.name, 'departureDate']}
                        label={t('logistics.bookings.departureDate')}
                        rules={required}
                      >
                        <Input type="date" data-testid={`booking-leg-${index}-date`} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} md={2}>
                      <Form.Item>
                        <Button
                          icon={<MinusCircleOutlined />}
                          disabled={fields.length === 1}
                          onClick={() => remove(field.name)}
                          aria-label={t('common.remove')}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ mode: 'sea' })}
                  data-testid="booking-add-leg"
                >
                  {t('logistics.bookings.addLeg')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card className="block-gap" title={t('logistics.bookings.equipment')}>
          <Form.List name="equipment">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="baseline">
                    <Form.Item
                      name={[field.name, 'sizeType']}
                      label={t('logistics.shipment.sizeType')}
                      rules={required}
                    >
                      <Input maxLength={4} className="mono" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'count']}
                      label={t('logistics.bookings.count')}
                      rules={required}
                    >
                      <InputNumber min={1} max={999} precision={0} />
                    </Form.Item>
                    <Button
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.remove')}
                    />
                  </Space>
                ))}
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ sizeType: '22G1', count: 1 })}>
                    {t('logistics.bookings.addEquipment')}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </Card>
        <Card className="block-gap" title={t('logistics.shipment.cargo')}>
          <Form.List name="cargo">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={12} key={field.key} align="bottom">
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'hsCode']}
                        label={t('logistics.shipment.hsCode')}
                        rules={required}
                      >
                        <Input maxLength={10} inputMode="numeric" data-testid={`booking-cargo-${index}-hs`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item
                        name={[field.name, 'description']}
                        label={t('logistics.shipment.description')}
                        rules={required}
                      >
                        <Input maxLength={512} data-testid={`booking-cargo-${index}-description`} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={3}>
                      <Form.Item
                        name={[field.name, 'packages']}
                        label={t('logistics.shipment.packages')}
                        rules={required}
                      >
                        <InputNumber
                          min={1}
                          max={1_000_000}
                          precision={0}
                          data-testid={`booking-cargo-${index}-packages`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={3}>
                      <Form.Item
                        name={[field.name, 'packageTypeCode']}
                        label={t('logistics.bookings.packageType')}
                      >
                        <Input maxLength={2} className="mono" />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      {/* A decimal string, at most 3 decimals: the weight never passes through a float. */}
                      <Form.Item
                        name={[field.name, 'grossWeightKg']}
                        label={t('logistics.shipment.grossWeight')}
                        rules={required}
                      >
                        <Input
                          inputMode="decimal"
                          suffix="kg"
                          data-testid={`booking-cargo-${index}-weight`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={2}>
                      <Form.Item>
                        <Button
                          icon={<MinusCircleOutlined />}
                          disabled={fields.length === 1}
                          onClick={() => remove(field.name)}
                          aria-label={t('common.remove')}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ packages: 1 })}>
                  {t('logistics.bookings.addCargo')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card className="block-gap">
          <Form.Item name="remarks" label={t('logistics.bookings.remarks')}>
            <Input.TextArea maxLength={2000} rows={3} />
          </Form.Item>
          {failure ? (
            <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="booking-error" />
          ) : null}
          <Typography.Paragraph type="secondary">{t('logistics.bookings.newHint')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="booking-submit">
            {t('logistics.bookings.send')}
          </Button>
        </Card>
      </Form>
    </div>
  );
};
