import { App, Button, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../api/client.ts';
import { useCreateOrganisation } from '../api/organisations.ts';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../api/types.ts';
import { useLabels } from '../i18n/labels.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import { CountrySelect } from './country-select.tsx';
import { ErrorAlert } from './error-alert.tsx';

type CreateOrganisationValues = { nameZh: string; nameEn: string; kind: OrganisationKind; country: string };

type CreateOrganisationModalProps = {
  open: boolean;
  onClose: () => void;
  onCreated: (organisation: Organisation) => void;
};

const FORM_FIELDS = ['nameZh', 'nameEn', 'kind', 'country'] as const;

/** Registers a new organisation with the caller as its owner; identifiers follow in the profile. */
export const CreateOrganisationModal = ({ open, onClose, onCreated }: CreateOrganisationModalProps) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateOrganisationValues>();
  const create = useCreateOrganisation();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);

  const submit = async (values: CreateOrganisationValues) => {
    setUnmatched([]);
    try {
      const organisation = await create.mutateAsync({
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        kind: values.kind,
        country: values.country,
      });
      void message.success(t('createOrganisation.created'));
      form.resetFields();
      create.reset();
      onCreated(organisation);
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError));
    }
  };

  return (
    <Modal
      open={open}
      title={t('createOrganisation.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={create.isPending}
          onClick={() => form.submit()}
          data-testid="create-org-submit"
        >
          {t('createOrganisation.submit')}
        </Button>,
      ]}
    >
      <Form<CreateOrganisationValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
      >
        {create.isError ? <ErrorAlert error={create.error} fieldErrors={unmatched} /> : null}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('fields.nameZh')}
              rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
            >
              <Input data-testid="create-org-name-zh" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t('fields.nameEn')}
              rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
            >
              <Input data-testid="create-org-name-en" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="kind"
              label={t('fields.kind')}
              rules={[{ required: true, message: t('fieldErrors.kernel.required') }]}
            >
              <Select<OrganisationKind>
                data-testid="create-org-kind"
                options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: labels.kind(kind) }))}
                placeholder={t('placeholders.kind')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="country"
              label={t('fields.country')}
              rules={[{ required: true, message: t('fieldErrors.kernel.required') }]}
            >
              <CountrySelect testId="create-org-country" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
};
