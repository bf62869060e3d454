import {
  CheckOutlined,
  CloseOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  type FormInstance,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  type Booking,
  type BookingConfirmation,
  cancelBooking,
  confirmBooking,
  declineBooking,
  type RequestedLeg,
  TRANSPORT_MODES,
  useBooking,
  useBookingMutation,
} from '../../api/logistics.ts';
import { usePartners } from '../../api/orders.ts';
import { BackButton, DetailPlaceholder } from '../../components/detail-frame.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  bookingActions,
  type ConfirmValues,
  confirmDefaults,
  toConfirmation,
} from '../../components/logistics/booking-model.ts';
import { applyListFieldErrors, listFieldPaths, namePathOf } from '../../components/logistics/form-fields.ts';
import { useLogisticsLabels } from '../../components/logistics/use-logistics-labels.ts';
import { useOrgNames } from '../../components/logistics/use-org-names.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { BOOKING_STATUS_COLOUR } from './bookings-list-page.tsx';
import '../../components/logistics/logistics.css';

export const BookingDetailPage = () => {
  const { t } = useTranslation();
  const { bookingId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const booking = useBooking(orgId, bookingId);
  const back = (
    <BackButton to="/logistics/bookings" label={t('logistics.bookings.back')} testId="booking-back" />
  );
  if (booking.isPending || booking.isError) {
    return <DetailPlaceholder title={t('logistics.bookings.detailTitle')} back={back} query={booking} />;
  }
  return <BookingView booking={booking.data} back={back} />;
};

const BookingView = ({ booking, back }: { booking: Booking; back: ReactNode }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const nameOf = useOrgNames();
  const [dialog, setDialog] = useState<'confirm' | 'decline' | null>(null);
  const actions = bookingActions(booking);
  const cancel = useBookingMutation(orgId, () => cancelBooking(orgId, booking.id));
  const onCancel = async () => {
    try {
      await cancel.mutateAsync(undefined);
      void message.success(t('logistics.bookings.cancelled'));
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };
  return (
    <div className="page">
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="booking-reference">{booking.reference}</span>
            <Tag
              color={BOOKING_STATUS_COLOUR[booking.status]}
              data-testid="booking-status"
              data-status={booking.status}
            >
              {labels.bookingState(booking.status)}
            </Tag>
          </Flex>
        }
        subtitle={t(`logistics.bookings.roleHint.${booking.myRole}`)}
        extra={
          <Space wrap>
            {back}
            {actions.includes('confirm') ? (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setDialog('confirm')}
                data-testid="booking-confirm"
              >
                {t('logistics.bookings.confirm')}
              </Button>
            ) : null}
            {actions.includes('decline') ? (
              <Button
                danger
                icon={<CloseOutlined />}
                onClick={() => setDialog('decline')}
                data-testid="booking-decline"
              >
                {t('logistics.bookings.decline')}
              </Button>
            ) : null}
            {actions.includes('cancel') ? (
              <Popconfirm
                title={t('logistics.bookings.cancelConfirm')}
                okText={t('logistics.bookings.cancel')}
                cancelText={t('common.cancel')}
                onConfirm={() => void onCancel()}
              >
                <Button icon={<StopOutlined />} loading={cancel.isPending} data-testid="booking-cancel">
                  {t('logistics.bookings.cancel')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      <Card className="block-gap">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('logistics.bookings.shipper')}>
            {nameOf(booking.shipperOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.bookings.forwarder')}>
            {nameOf(booking.forwarderOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.bookings.orders')}>
            <Space wrap>
              {booking.orderIds.map((id) => (
                <Link key={id} to={`/orders/${encodeURIComponent(id)}`} className="logistics-id">
                  {id}
                </Link>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('logistics.bookings.carrierBookingReference')}>
            <span className="mono">{booking.carrierBookingReference ?? '–'}</span>
          </Descriptions.Item>
          {booking.carrierOrganisationId ? (
            <Descriptions.Item label={t('logistics.shipment.carrier')}>
              {nameOf(booking.carrierOrganisationId)}
            </Descriptions.Item>
          ) : null}
          {booking.shipmentId ? (
            <Descriptions.Item label={t('logistics.bookings.shipment')}>
              <Link
                to={`/logistics/shipments/${encodeURIComponent(booking.shipmentId)}`}
                data-testid="booking-shipment-link"
              >
                {t('logistics.bookings.openShipment')}
              </Link>
            </Descriptions.Item>
          ) : null}
          {booking.declineReason ? (
            <Descriptions.Item label={t('logistics.bookings.declineReason')}>
              <span data-testid="booking-decline-reason">{booking.declineReason}</span>
            </Descriptions.Item>
          ) : null}
          {booking.remarks ? (
            <Descriptions.Item label={t('logistics.bookings.remarks')}>{booking.remarks}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('logistics.bookings.updatedAt')}>
            {format.dateTime(booking.updatedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="block-gap" title={t('logistics.bookings.legs')}>
        <Table<RequestedLeg & { index: number }>
          rowKey="index"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={booking.legs.map((leg, index) => ({ ...leg, index }))}
          columns={[
            { key: 'index', title: '#', render: (_, leg) => leg.index + 1 },
            {
              key: 'mode',
              title: t('logistics.legs.mode'),
              render: (_, leg) => <Tag>{labels.mode(leg.mode)}</Tag>,
            },
            {
              key: 'route',
              title: t('logistics.legs.route'),
              render: (_, leg) => (
                <span className="mono">
                  {leg.origin} → {leg.destination}
                </span>
              ),
            },
            {
              key: 'date',
              title: t('logistics.bookings.departureDate'),
              render: (_, leg) => format.date(leg.departureDate),
            },
          ]}
        />
      </Card>
      <Card className="block-gap" title={t('logistics.bookings.equipment')}>
        {booking.equipment.length === 0
          ? '–'
          : booking.equipment.map((item) => (
              <Tag key={item.sizeType} className="mono">
                {item.count} × {item.sizeType}
              </Tag>
            ))}
      </Card>
      <Card title={t('logistics.shipment.cargo')}>
        <Table
          rowKey={(line) => `${line.hsCode}-${line.description}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={booking.cargo}
          columns={[
            {
              key: 'hs',
              title: t('logistics.shipment.hsCode'),
              render: (_, l) => <span className="mono">{l.hsCode}</span>,
            },
            { key: 'description', title: t('logistics.shipment.description'), dataIndex: 'description' },
            {
              key: 'packages',
              title: t('logistics.shipment.packages'),
              className: 'logistics-number',
              render: (_, l) => format.number(l.packages),
            },
            {
              key: 'weight',
              title: t('logistics.shipment.grossWeight'),
              className: 'logistics-number',
              render: (_, l) => `${l.grossWeightKg} kg`,
            },
          ]}
        />
      </Card>
      {dialog === 'confirm' ? <ConfirmModal booking={booking} onClose={() => setDialog(null)} /> : null}
      {dialog === 'decline' ? <DeclineModal booking={booking} onClose={() => setDialog(null)} /> : null}
    </div>
  );
};

const LEG_FIELDS = [
  'mode',
  'origin',
  'destination',
  'carrierName',
  'vesselName',
  'voyageNumber',
  'trainNumber',
  'flightNumber',
  'plannedDeparture',
  'plannedArrival',
] as const;

/** The forwarder confirms: the carrier's booking reference and the planned legs create the shipment. */
const ConfirmModal = ({ booking, onClose }: { booking: Booking; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = useLogisticsLabels();
  const [form] = Form.useForm<ConfirmValues>();
  const partners = usePartners(orgId, '');
  const carriers = (partners.data ?? []).filter((p) => p.kind === 'carrier');
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const confirm = useBookingMutation(orgId, (body: BookingConfirmation) =>
    confirmBooking(orgId, booking.id, body),
  );
  const submit = async (values: ConfirmValues) => {
    setFailure(null);
    const built = toConfirmation(values);
    if (!built.ok) {
      const untyped: FormInstance = form;
      untyped.setFields(
        built.fields.map((field) => ({
          name: namePathOf(field),
          errors: [t('logistics.validation.dateTime')],
        })),
      );
      return;
    }
    try {
      await confirm.mutateAsync(built.body);
      void message.success(t('logistics.bookings.confirmed'));
      onClose();
    } catch (error) {
      const fields = [
        'carrierBookingReference',
        'carrierOrganisationId',
        ...listFieldPaths(form.getFieldsValue(true) as Record<string, unknown>, {
          legs: LEG_FIELDS,
          containers: ['number', 'sizeType', 'seals'],
        }),
      ];
      setFailure({ error, unmatched: applyListFieldErrors(form, error, fields, common.fieldError) });
    }
  };
  const required = [{ required: true, message: t('logistics.validation.required') }];
  return (
    <Modal
      open
      width={960}
      title={t('logistics.bookings.confirmTitle', { reference: booking.reference })}
      okText={t('logistics.bookings.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        loading: confirm.isPending,
        ...({ 'data-testid': 'booking-confirm-submit' } as object),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ConfirmValues>
        form={form}
        layout="vertical"
        initialValues={confirmDefaults(booking)}
        onValuesChange={() => setFailure(null)}
        onFinish={(values) => void submit(values)}
        data-testid="booking-confirm-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="carrierBookingReference"
              label={t('logistics.bookings.carrierBookingReference')}
              rules={required}
            >
              <Input maxLength={35} data-testid="booking-carrier-reference" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="carrierOrganisationId" label={t('logistics.bookings.carrierOrganisation')}>
              <Select
                allowClear
                options={carriers.map((p) => ({
                  value: p.organisationId,
                  label: p.nameZh ? `${p.name} · ${p.nameZh}` : p.name,
                }))}
                data-testid="booking-carrier"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="legs">
          {(fields) =>
            fields.map((field, index) => (
              <Card
                size="small"
                className="block-gap"
                key={field.key}
                title={t('logistics.bookings.legNumber', { number: index + 1 })}
              >
                <Row gutter={12}>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'mode']} label={t('logistics.legs.mode')} rules={required}>
                      <Select
                        options={TRANSPORT_MODES.map((mode) => ({ value: mode, label: labels.mode(mode) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'origin']}
                      label={t('logistics.bookings.origin')}
                      rules={required}
                    >
                      <Input maxLength={5} className="mono" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'destination']}
                      label={t('logistics.bookings.destination')}
                      rules={required}
                    >
                      <Input maxLength={5} className="mono" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'carrierName']} label={t('logistics.bookings.carrierName')}>
                      <Input maxLength={100} data-testid={`confirm-leg-${index}-carrier`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'vesselName']} label={t('logistics.bookings.vesselName')}>
                      <Input maxLength={35} data-testid={`confirm-leg-${index}-vessel`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'voyageNumber']}
                      label={t('logistics.bookings.voyageNumber')}
                    >
                      <Input maxLength={50} data-testid={`confirm-leg-${index}-voyage`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'trainNumber']} label={t('logistics.bookings.trainNumber')}>
                      <Input maxLength={50} data-testid={`confirm-leg-${index}-train`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'flightNumber']}
                      label={t('logistics.bookings.flightNumber')}
                    >
                      <Input maxLength={8} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'plannedDeparture']}
                      label={t('logistics.bookings.plannedDeparture')}
                      rules={required}
                    >
                      <Input type="datetime-local" data-testid={`confirm-leg-${index}-departure`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'plannedArrival']}
                      label={t('logistics.bookings.plannedArrival')}
                      rules={required}
                    >
                      <Input type="datetime-local" data-testid={`confirm-leg-${index}-arrival`} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))
          }
        </Form.List>
        <Form.List name="containers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={12} key={field.key} align="bottom">
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, 'number']}
                      label={t('logistics.shipment.containerNumber')}
                      rules={required}
                    >
                      <Input
                        maxLength={15}
                        className="mono"
                        data-testid={`confirm-container-${index}-number`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item
                      name={[field.name, 'sizeType']}
                      label={t('logistics.shipment.sizeType')}
                      rules={required}
                    >
                      <Input maxLength={4} className="mono" data-testid={`confirm-container-${index}-size`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={10}>
                    <Form.Item name={[field.name, 'seals']} label={t('logistics.bookings.sealsHint')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item>
                      <Button
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.remove')}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ number: '', sizeType: booking.equipment[0]?.sizeType ?? '22G1', seals: '' })
                }
                data-testid="confirm-add-container"
              >
                {t('logistics.bookings.addContainer')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="booking-confirm-error" />
      ) : null}
    </Modal>
  );
};

const DeclineModal = ({ booking, onClose }: { booking: Booking; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const decline = useBookingMutation(orgId, (reason: string) => declineBooking(orgId, booking.id, reason));
  const submit = async ({ reason }: { reason: string }) => {
    setFailure(null);
    try {
      await decline.mutateAsync(reason.trim());
      void message.success(t('logistics.bookings.declined'));
      onClose();
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, ['reason'], common.fieldError) });
    }
  };
  return (
    <Modal
      open
      title={t('logistics.bookings.declineTitle', { reference: booking.reference })}
      okText={t('logistics.bookings.decline')}
      okButtonProps={{
        danger: true,
        loading: decline.isPending,
        ...({ 'data-testid': 'booking-decline-submit' } as object),
      }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('logistics.bookings.declineReason')}
          rules={[{ required: true, whitespace: true, message: t('logistics.validation.required') }]}
        >
          <Input.TextArea maxLength={500} rows={3} data-testid="booking-decline-reason-input" />
        </Form.Item>
      </Form>
      {failure ? <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} /> : null}
    </Modal>
  );
};
