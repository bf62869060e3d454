import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ProblemFieldError } from '../../api/client.ts';
import type { OrderView, UblOrderCompletion } from '../../api/orders.ts';
import { useLabels } from '../../i18n/labels.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { UnLocodeInput } from '../unlocode-input.tsx';
import { useIncotermsOptions, useNamedPlaceRules } from './incoterms-fields.ts';
import {
  completionFormPath,
  type UblCompletionValues,
  type UblFileLine,
  type UblImportGaps,
  ublCompletionOf,
  ublImportGaps,
} from './ubl-import-gaps.ts';

/** The n-th cac:OrderLine of a UBL Order: its cbc:ID and item description (namespaces ignored). */
export const ublLineReader = (xml: string): ((index: number) => UblFileLine | undefined) => {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const orderLines = Array.from(doc.getElementsByTagNameNS('*', 'OrderLine'));
  const child = (parent: Element | undefined, name: string) =>
    parent === undefined ? undefined : Array.from(parent.children).find((c) => c.localName === name);
  return (index) => {
    const item = child(orderLines[index], 'LineItem');
    const lineId = child(item, 'ID')?.textContent?.trim();
    if (lineId === undefined || lineId === '') {
      return undefined;
    }
    const goods = child(item, 'Item');
    const description = (child(goods, 'Description') ?? child(goods, 'Name'))?.textContent?.trim() ?? '';
    return { lineId, description };
  };
};

/** The gaps of a refused import of `xml`, or undefined when completing cannot help. */
export const gapsOfRefusal = (error: unknown, xml: string): UblImportGaps | undefined =>
  isApiError(error) && error.status === 400 ? ublImportGaps(error.errors, ublLineReader(xml)) : undefined;

type Props = {
  /** The refused file and what it lacks; the modal is open while this is set. */
  pending: { file: File; gaps: UblImportGaps } | null;
  onImport: (file: File, completion: UblOrderCompletion) => Promise<OrderView>;
  onImported: (order: OrderView) => void;
  onCancel: () => void;
};

/**
 * Asks the importer for what a UBL Order lacks (HS codes, an Incoterms 2020 rule, payment terms)
 * and imports the file with it; the server's answer to each stated value lands on its field.
 */
export const UblImportCompletionModal = ({ pending, onImport, onImported, onCancel }: Props) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UblCompletionValues>();
  const incotermsOptions = useIncotermsOptions();
  const namedPlaceRules = useNamedPlaceRules();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);

  useEffect(() => {
    if (pending !== null) {
      form.resetFields();
      setFailure(null);
    }
  }, [pending, form]);

  if (pending === null) {
    return null;
  }
  const { gaps, file } = pending;

  const submit = async (values: UblCompletionValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      onImported(await onImport(file, ublCompletionOf(gaps, { ...values, hsCodes: values.hsCodes ?? {} })));
    } catch (error) {
      const unmatched: ProblemFieldError[] = [];
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      if (isApiError(error)) {
        for (const item of error.errors) {
          const path = completionFormPath(item.field, gaps);
          if (path === undefined) {
            unmatched.push(item);
          } else {
            fields.push({ name: path, errors: [labels.fieldError(item.code, item.message)] });
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
  return (
    <Modal
      open
      title={t('orders.import.completeTitle')}
      okText={t('orders.import.completeOk')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onCancel}
      okButtonProps={{ ...({ 'data-testid': 'ubl-complete-ok' } as object) }}
      data-testid="ubl-complete-modal"
      destroyOnHidden
      // Escape closes the place suggestions; it must not throw away what was typed in the dialog.
      keyboard={false}
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">
        {t('orders.import.completeExplain', { file: file.name })}
      </Typography.Paragraph>
      {gaps.hsLines.length > 0 && (
        <Alert type="info" showIcon message={t('orders.import.hsHint')} className="ubl-complete-hint" />
      )}
      <Form<UblCompletionValues> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        {gaps.hsLines.map((line) => (
          <Form.Item
            key={line.lineId}
            name={['hsCodes', line.lineId]}
            label={t('orders.import.hsLine', { line: line.lineId, description: line.description })}
            rules={[
              required,
              { pattern: /^\d{4}\.?\d{2}(?:\.?\d{2}){0,2}$/, message: t('orders.validation.hsCode') },
            ]}
          >
            <Input inputMode="numeric" data-testid={`ubl-complete-hs-${line.lineId}`} />
          </Form.Item>
        ))}
        {gaps.incoterms && (
          <>
            <Form.Item name="incotermsRule" label={t('orders.fields.incoterms')} rules={[required]}>
              <Select options={incotermsOptions} data-testid="ubl-complete-incoterms" />
            </Form.Item>
            <Form.Item name="unlocode" label={t('orders.fields.namedPlace')} rules={namedPlaceRules}>
              <UnLocodeInput country={null} testId="ubl-complete-unlocode" />
            </Form.Item>
            <Form.Item name="placeName" label={t('orders.import.placeName')}>
              <Input data-testid="ubl-complete-place-name" />
            </Form.Item>
          </>
        )}
        {gaps.paymentTerms && (
          <Form.Item name="paymentTerms" label={t('orders.fields.paymentTerms')} rules={[required]}>
            <Input.TextArea rows={2} data-testid="ubl-complete-payment-terms" />
          </Form.Item>
        )}
      </Form>
      {failure !== null && (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="ubl-complete-error" />
      )}
    </Modal>
  );
};
