import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  DIRECT_MOVEMENT_KINDS,
  type MovementInput,
  recordMovement,
  useWarehouseMutation,
  type WarehouseView,
} from '../../api/logistics.ts';
import { useLabels } from '../../i18n/labels.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { useLogisticsLabels } from './use-logistics-labels.ts';
import { useOrgNames } from './use-org-names.ts';

const FIELDS = ['clientOrganisationId', 'sku', 'kind', 'quantity', 'reference', 'reason'] as const;

/** The operator records an inbound, pick, outbound or adjustment of a client's stock. */
export const MovementModal = ({ warehouse, onClose }: { warehouse: WarehouseView; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = useLogisticsLabels();
  const nameOf = useOrgNames();
  const [form] = Form.useForm<MovementInput>();
  const kind = Form.useWatch('kind', form);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const write = useWarehouseMutation(orgId, warehouse.id, (input: MovementInput) =>
    recordMovement(orgId, warehouse.id, {
      clientOrganisationId: input.clientOrganisationId,
      sku: input.sku.trim(),
      kind: input.kind,
      quantity: input.quantity,
      ...(input.reference?.trim() ? { reference: input.reference.trim() } : {}),
      ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
    }),
  );
  const submit = async (values: MovementInput) => {
    setFailure(null);
    try {
      await write.mutateAsync(values);
      void message.success(t('logistics.movements.saved'));
      onClose();
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, FIELDS, common.fieldError) });
    }
  };
  const required = [{ required: true, message: t('logistics.validation.required') }];
  return (
    <Modal
      open
      title={t('logistics.movements.record')}
      okText={t('logistics.movements.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, ...({ 'data-testid': 'movement-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<MovementInput>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'inbound',
          quantity: 1,
          clientOrganisationId: warehouse.clients[0]?.organisationId,
        }}
        onValuesChange={() => setFailure(null)}
        onFinish={(values) => void submit(values)}
        data-testid="movement-form"
      >
        <Form.Item name="clientOrganisationId" label={t('logistics.warehouses.client')} rules={required}>
          <Select
            options={warehouse.clients.map((c) => ({
              value: c.organisationId,
              label: nameOf(c.organisationId),
            }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('logistics.movements.kind')} rules={required}>
              <Select
                options={DIRECT_MOVEMENT_KINDS.map((value) => ({ value, label: labels.movementKind(value) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sku" label="SKU" rules={required}>
              <Input maxLength={64} data-testid="movement-sku" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="quantity"
              label={
                kind === 'adjustment'
                  ? t('logistics.movements.signedQuantity')
                  : t('logistics.movements.quantity')
              }
              rules={required}
            >
              <InputNumber
                min={kind === 'adjustment' ? -1_000_000 : 1}
                max={1_000_000}
                precision={0}
                data-testid="movement-quantity"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="reference"
              label={t('logistics.movements.reference')}
              rules={kind === 'outbound' ? required : []}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t('logistics.movements.reason')}
          rules={kind === 'adjustment' ? required : []}
        >
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
      {failure ? <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} /> : null}
    </Modal>
  );
};
