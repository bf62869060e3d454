import { ArrowLeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError, type ProblemFieldError } from '../api/client.ts';
import { useIssueDocument } from '../api/documents.ts';
import {
  DOCUMENT_NUMBER_MAX,
  DOCUMENT_TYPES,
  type DocumentType,
} from '../components/documents/document-types.ts';
import { InvoiceFields } from '../components/documents/invoice-fields.tsx';
import {
  buildIssueInput,
  emptyInvoice,
  formPathOfServerField,
  type IssueFormValues,
} from '../components/documents/issue-model.ts';
import { payloadTemplate } from '../components/documents/json-payload.ts';
import { JsonPayloadEditor } from '../components/documents/json-payload-editor.tsx';
import { documentPermissions } from '../components/documents/permissions.ts';
import { useDocumentLabels } from '../components/documents/use-document-labels.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ForbiddenResult } from '../components/forbidden-result.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLabels } from '../i18n/labels.ts';
import { useActiveOrg } from '../session/current-org.tsx';
import '../components/documents/documents.css';

// validUntil is the end of the chosen day in UTC, so today (UTC) is the earliest that can hold.
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export const DocumentsNewPage = () => {
  const { t } = useTranslation();
  const { role } = useActiveOrg();
  const navigate = useNavigate();
  if (!documentPermissions(role).canIssue) {
    return (
      <div className="page">
        <PageHeader title={t('documents.new.title')} />
        <ForbiddenResult />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        title={t('documents.new.title')}
        subtitle={t('documents.new.subtitle')}
        extra={
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/documents')}
            data-testid="documents-back"
          >
            {t('documents.backToList')}
          </Button>
        }
      />
      <IssueForm />
    </div>
  );
};

const IssueForm = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const documentLabels = useDocumentLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const issue = useIssueDocument(orgId);
  const [form] = Form.useForm<IssueFormValues>();
  const documentType = Form.useWatch('documentType', form) ?? 'CommercialInvoice';
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);

  const onTypeChange = (next: DocumentType) => {
    // A fresh template for the new type, unless the person already wrote something of their own.
    const current = form.getFieldValue('payload');
    const untouched =
      typeof current !== 'string' ||
      current.trim() === '' ||
      DOCUMENT_TYPES.some((type) => payloadTemplate(type) === current);
    if (next !== 'CommercialInvoice' && untouched) {
      form.setFieldValue('payload', payloadTemplate(next));
    }
  };

  const submit = async (values: IssueFormValues) => {
    setUnmatched([]);
    const built = buildIssueInput(values);
    if (!built.ok) {
      // The field validators show these already; this catches a value that slipped past them.
      void message.error(t('documents.new.fixFields'));
      return;
    }
    try {
      const issued = await issue.mutateAsync(built.input);
      void message.success(t('documents.new.issued', { number: issued.documentNumber }));
      navigate(`/documents/${encodeURIComponent(issued.id)}`);
    } catch (error) {
      if (!isApiError(error)) {
        return;
      }
      const onForm: { name: (string | number)[]; errors: string[] }[] = [];
      const rest: ProblemFieldError[] = [];
      for (const item of error.errors) {
        const text = documentLabels.moduleFieldError(item.code) ?? labels.fieldError(item.code, item.message);
        const name = formPathOfServerField(item.field, values.documentType);
        if (name) {
          onForm.push({ name, errors: [text] });
        } else {
          // The shared alert falls back to the message for codes it has no text for.
          rest.push({ ...item, message: text });
        }
      }
      // Paths come from the server at run time, so they cannot be checked against the form's type.
      form.setFields(onForm as Parameters<typeof form.setFields>[0]);
      setUnmatched(rest);
    }
  };

  return (
    <Form<IssueFormValues>
      form={form}
      layout="vertical"
      name="issue-document"
      initialValues={{ documentType: 'CommercialInvoice', documentNumber: '', invoice: emptyInvoice() }}
      onFinish={(values) => void submit(values)}
      scrollToFirstError
      data-testid="document-issue-form"
    >
      <Card className="documents-section-card">
        {issue.isError ? <ErrorAlert error={issue.error} fieldErrors={unmatched} /> : null}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="documentType"
              label={t('documents.fields.documentType')}
              rules={[{ required: true }]}
            >
              <Select<DocumentType>
                options={DOCUMENT_TYPES.map((code) => ({ value: code, label: documentLabels.type(code) }))}
                onChange={onTypeChange}
                data-testid="document-type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="documentNumber"
              label={t('documents.fields.documentNumber')}
              extra={t('documents.fields.documentNumberHint')}
              rules={[
                { required: true, whitespace: true, message: t('documents.validation.required') },
                {
                  max: DOCUMENT_NUMBER_MAX,
                  message: t('documents.validation.tooLong', { max: DOCUMENT_NUMBER_MAX }),
                },
              ]}
            >
              <Input autoComplete="off" maxLength={DOCUMENT_NUMBER_MAX} data-testid="document-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="validUntil"
              label={t('documents.fields.validUntil')}
              extra={t('documents.fields.validUntilHint')}
            >
              <Input type="date" min={todayUtc()} data-testid="document-valid-until" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card
        className="documents-section-card"
        title={
          documentType === 'CommercialInvoice' ? t('documents.invoice.title') : t('documents.json.title')
        }
      >
        {documentType === 'CommercialInvoice' ? (
          <InvoiceFields form={form} />
        ) : (
          <JsonPayloadEditor
            documentType={documentType}
            onUseTemplate={(text) => form.setFieldValue('payload', text)}
          />
        )}
      </Card>
      <Card className="documents-section-card">
        <Alert type="info" showIcon className="block-gap" title={t('documents.new.signNotice')} />
        <Flex wrap gap={8} justify="flex-end">
          <Button onClick={() => navigate('/documents')}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined />}
            loading={issue.isPending}
            data-testid="document-issue-submit"
          >
            {t('documents.new.submit')}
          </Button>
        </Flex>
      </Card>
    </Form>
  );
};
