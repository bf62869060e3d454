import { Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import type { OrderDocumentKind, OrderLine } from '../../api/orders.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { BillOfLadingFields } from './bill-of-lading-fields.tsx';
import type { BlValues } from './bill-of-lading-overrides.ts';
import {
  checkPackingLine,
  documentOverrides,
  needsPacking,
  needsShipment,
  PACKAGE_TYPES,
  type PackingLineValues,
  type PackingValues,
  parseExtraJson,
} from './document-overrides.ts';
import { useOrderLabels } from './use-order-labels.ts';

type IssueDocumentModalProps = {
  open: boolean;
  kinds: readonly OrderDocumentKind[];
  initialKind: OrderDocumentKind;
  lines: readonly OrderLine[];
  submitting: boolean;
  /** Server refusal of the last attempt (field errors name what the document still lacks). */
  error: unknown;
  onIssue: (input: { kind: OrderDocumentKind; overrides?: Record<string, unknown> }) => void;
  onClose: () => void;
};

type FormValues = { kind: OrderDocumentKind; packing: PackingValues; shipment: BlValues; extraJson: string };

const PACKING_COLUMNS: (keyof PackingLineValues)[] = [
  'packageCount',
  'packageType',
  'grossWeightKg',
  'netWeightKg',
  'volumeM3',
];

/** Issue a document from the order: pick the kind, add what the order does not say, confirm. */
export const IssueDocumentModal = ({
  open,
  kinds,
  initialKind,
  lines,
  submitting,
  error,
  onIssue,
  onClose,
}: IssueDocumentModalProps) => {
  const { t } = useTranslation();
  const labels = useOrderLabels();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const [jsonError, setJsonError] = useState(false);

  const submit = (values: FormValues) => {
    const extra = parseExtraJson(values.extraJson ?? '');
    if (!extra.ok) {
      setJsonError(true);
      return;
    }
    setJsonError(false);
    const overrides = documentOverrides(
      values.kind,
      values.packing ?? null,
      extra.value,
      values.shipment ?? null,
    );
    onIssue({ kind: values.kind, ...(overrides ? { overrides } : {}) });
  };

  const lineRule = (key: keyof PackingLineValues, index: number) => ({
    validator: async () => {
      const line = (form.getFieldValue(['packing', 'lines', index]) ?? {}) as PackingLineValues;
      const problem = checkPackingLine(line)[key];
      if (problem) {
        throw new Error(t(`orders.issue.errors.${problem}`));
      }
    },
  });

  return (
    <Modal
      open={open}
      title={t('orders.issue.title')}
      okText={t('orders.documents.issue')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      okButtonProps={{ ...({ 'data-testid': 'order-issue-confirm' } as object) }}
      width={920}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: initialKind,
          packing: { lines: lines.map(() => ({ packageType: 'CT' })) },
          shipment: { transportDocumentTypeCode: 'BOL', isToOrder: false, containers: [{}] },
          extraJson: '',
        }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('orders.documents.kind')}>
          <Select
            options={kinds.map((code) => ({ value: code, label: labels.kind(code) }))}
            data-testid="order-issue-kind"
          />
        </Form.Item>
        {needsPacking(kind) ? (
          <>
            <Typography.Paragraph type="secondary">{t('orders.issue.packingHint')}</Typography.Paragraph>
            <Table
              size="small"
              rowKey="lineNumber"
              pagination={false}
              scroll={{ x: 'max-content' }}
              className="orders-lines-table block-gap"
              dataSource={[...lines]}
              columns={[
                { key: 'n', title: '#', dataIndex: 'lineNumber' },
                {
                  key: 'd',
                  title: t('orders.fields.description'),
                  render: (_, line) => labels.description(line),
                },
                ...PACKING_COLUMNS.map((column) => ({
                  key: column,
                  title: t(`orders.issue.packing.${column}`),
                  render: (_: unknown, _line: OrderLine, index: number) => (
                    <Form.Item
                      name={['packing', 'lines', index, column]}
                      rules={[lineRule(column, index)]}
                      dependencies={
                        column === 'netWeightKg' ? [['packing', 'lines', index, 'grossWeightKg']] : []
                      }
                    >
                      {column === 'packageType' ? (
                        <Select
                          style={{ width: 110 }}
                          popupMatchSelectWidth={false}
                          options={PACKAGE_TYPES.map((code) => ({
                            value: code,
                            label: `${code} · ${t(`orders.issue.packageTypes.${code}`)}`,
                          }))}
                          data-testid={`packing-${index}-${column}`}
                        />
                      ) : (
                        <Input
                          style={{ width: 100 }}
                          inputMode="decimal"
                          data-testid={`packing-${index}-${column}`}
                        />
                      )}
                    </Form.Item>
                  ),
                })),
              ]}
            />
            <Form.Item name={['packing', 'shippingMarks']} label={t('orders.issue.shippingMarks')}>
              <Input data-testid="packing-marks" />
            </Form.Item>
          </>
        ) : null}
        {needsShipment(kind) ? <BillOfLadingFields form={form} /> : null}
        <Form.Item
          name="extraJson"
          label={t('orders.issue.extraJson')}
          extra={t('orders.issue.extraJsonHint')}
          {...(jsonError ? { validateStatus: 'error' as const, help: t('orders.issue.errors.json') } : {})}
        >
          <Input.TextArea rows={3} className="mono" spellCheck={false} data-testid="order-issue-json" />
        </Form.Item>
      </Form>
      {/* The documents module names the fields the document still lacks (`lines.0.grossWeight`). */}
      {error ? (
        <ErrorAlert
          error={error}
          fieldErrors={isApiError(error) ? error.errors : []}
          testId="order-issue-error"
        />
      ) : null}
    </Modal>
  );
};
