import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  type FormRule,
  Input,
  Row,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../api/client.ts';
import { useOrganisation, useUpdateOrganisation } from '../api/organisations.ts';
import type { Organisation, OrganisationPatch } from '../api/types.ts';
import { CountrySelect } from '../components/country-select.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { UnLocodeInput } from '../components/unlocode-input.tsx';
import { useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import {
  type IdentifierField,
  isUnLocodeFormat,
  normaliseUnLocode,
  validateIdentifier,
} from '../lib/identifiers.ts';
import { useActiveOrg } from '../session/current-org.tsx';

type ProfileValues = {
  nameZh: string;
  nameEn: string;
  country: string;
  uscc: string;
  customsCode: string;
  eori: string;
  lei: string;
  website: string;
  address: { street: string; city: string; postcode: string; unlocode: string };
};

// Field paths the server may name in a 400; errors for any other field are listed above the form.
const FORM_FIELDS = [
  'nameZh',
  'nameEn',
  'country',
  'uscc',
  'customsCode',
  'eori',
  'lei',
  'website',
  'address',
  'address.street',
  'address.city',
  'address.postcode',
  'address.unlocode',
] as const;

const toValues = (org: Organisation): ProfileValues => ({
  nameZh: org.nameZh,
  nameEn: org.nameEn,
  country: org.country,
  uscc: org.uscc ?? '',
  customsCode: org.customsCode ?? '',
  eori: org.eori ?? '',
  lei: org.lei ?? '',
  website: org.website ?? '',
  address: {
    street: org.address.street ?? '',
    city: org.address.city ?? '',
    postcode: org.address.postcode ?? '',
    unlocode: org.address.unlocode ?? '',
  },
});

const orNull = (text: string | undefined): string | null => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** The identifier as the kernel normalises it (case, spacing), or null when left empty. */
const identifier = (field: IdentifierField, text: string | undefined): string | null => {
  const trimmed = orNull(text);
  if (trimmed === null) {
    return null;
  }
  const result = validateIdentifier(field, trimmed);
  return result.ok ? result.value : trimmed;
};

// People type "example.com"; the stored address carries its scheme so it is a working link.
const normaliseWebsite = (text: string): string => (/^https?:\/\//i.test(text) ? text : `https://${text}`);

const isWebsite = (text: string): boolean => {
  try {
    const url = new URL(normaliseWebsite(text));
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
};

const toPatch = (values: ProfileValues): OrganisationPatch => {
  const website = orNull(values.website);
  const unlocode = orNull(values.address.unlocode);
  return {
    nameZh: values.nameZh.trim(),
    nameEn: values.nameEn.trim(),
    country: values.country,
    uscc: identifier('uscc', values.uscc),
    customsCode: identifier('customsCode', values.customsCode),
    eori: identifier('eori', values.eori),
    lei: identifier('lei', values.lei),
    website: website === null ? null : normaliseWebsite(website),
    address: {
      street: orNull(values.address.street),
      city: orNull(values.address.city),
      postcode: orNull(values.address.postcode),
      unlocode: unlocode === null ? null : normaliseUnLocode(unlocode),
    },
  };
};

export const OrgProfilePage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const organisation = useOrganisation(orgId);

  return (
    <div className="page">
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      {organisation.isError ? (
        <ErrorAlert error={organisation.error} onRetry={() => void organisation.refetch()} />
      ) : organisation.data ? (
        <ProfileForm key={organisation.data.id} org={organisation.data} />
      ) : (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
    </div>
  );
};

const ProfileForm = ({ org }: { org: Organisation }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const { canManage } = useActiveOrg();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateOrganisation(org.id);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const country = Form.useWatch('country', form) ?? org.country;
  const typed = {
    uscc: Form.useWatch('uscc', form) ?? '',
    customsCode: Form.useWatch('customsCode', form) ?? '',
    eori: Form.useWatch('eori', form) ?? '',
    lei: Form.useWatch('lei', form) ?? '',
  };

  const required: FormRule = { required: true, whitespace: true, message: t('fieldErrors.kernel.required') };

  // Runs on every keystroke (the default trigger), with the same rules as the server.
  const identifierRule = (field: IdentifierField): FormRule => ({
    validator: async (_rule, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text === '') {
        return;
      }
      const result = validateIdentifier(field, text);
      if (!result.ok) {
        throw new Error(labels.fieldError(result.code, result.message));
      }
    },
  });

  const websiteRule: FormRule = {
    validator: async (_rule, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text !== '' && !isWebsite(text)) {
        throw new Error(t('profile.websiteInvalid'));
      }
    },
  };

  const unlocodeRule: FormRule = {
    validator: async (_rule, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text !== '' && !isUnLocodeFormat(text)) {
        throw new Error(t('fieldErrors.kernel.invalid_format'));
      }
    },
  };

  const submit = async (values: ProfileValues) => {
    setUnmatched([]);
    try {
      const saved = await update.mutateAsync(toPatch(values));
      form.setFieldsValue(toValues(saved));
      void message.success(t('profile.saved'));
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError));
    }
  };

  type IdentifierItem = {
    field: IdentifierField;
    testId: string;
    label: string;
    hint: string;
  };
  const identifierItem = ({ field, testId, label, hint }: IdentifierItem) => (
    <Form.Item
      name={field}
      label={label}
      extra={hint}
      rules={[identifierRule(field)]}
      hasFeedback={typed[field].trim() !== ''}
      data-testid={`profile-field-${testId}`}
    >
      {/* No maxLength: a pasted value that is too long should say so, not be cut silently. */}
      <Input data-testid={`profile-${testId}`} className="mono" autoComplete="off" />
    </Form.Item>
  );

  const unlocodeStatus =
    org.unlocodeStatus === 'verified' ? (
      <Tooltip title={t('unlocodeStatus.verifiedHint')}>
        <Tag color="green" data-testid="unlocode-status">
          {t('unlocodeStatus.verified')}
        </Tag>
      </Tooltip>
    ) : org.unlocodeStatus === 'unverified' ? (
      <Tooltip title={t('unlocodeStatus.unverifiedHint')}>
        <Tag color="orange" data-testid="unlocode-status">
          {t('unlocodeStatus.unverified')}
        </Tag>
      </Tooltip>
    ) : null;

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      initialValues={toValues(org)}
      disabled={!canManage}
      onFinish={(values) => void submit(values)}
      onFinishFailed={() => setUnmatched([])}
      scrollToFirstError
      data-testid="profile-form"
      className="profile-form"
    >
      {canManage ? null : (
        <Alert
          type="info"
          showIcon
          title={t('profile.readOnly')}
          className="block-gap"
          data-testid="profile-read-only"
        />
      )}
      {update.isError ? (
        <ErrorAlert error={update.error} fieldErrors={unmatched} testId="profile-error" />
      ) : null}

      <Card title={t('profile.sections.basic')} className="block-gap">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('fields.nameZh')}
              rules={[required]}
              data-testid="profile-field-name-zh"
            >
              <Input data-testid="profile-name-zh" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t('fields.nameEn')}
              rules={[required]}
              data-testid="profile-field-name-en"
            >
              <Input data-testid="profile-name-en" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('fields.kind')} extra={t('profile.kindFixed')}>
              <Typography.Text data-testid="profile-kind">{labels.kind(org.kind)}</Typography.Text>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="country"
              label={t('fields.country')}
              rules={[{ required: true, message: t('fieldErrors.kernel.required') }]}
              data-testid="profile-field-country"
            >
              <CountrySelect testId="profile-country" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="website"
              label={t('fields.website')}
              rules={[websiteRule]}
              data-testid="profile-field-website"
            >
              <Input data-testid="profile-website" placeholder="https://" maxLength={200} inputMode="url" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('profile.sections.identifiers')} className="block-gap">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {identifierItem({
              field: 'uscc',
              testId: 'uscc',
              label: t('fields.uscc'),
              hint: t('fieldHints.uscc'),
            })}
          </Col>
          <Col xs={24} md={12}>
            {identifierItem({
              field: 'customsCode',
              testId: 'customs-code',
              label: t('fields.customsCode'),
              hint: t('fieldHints.customsCode'),
            })}
          </Col>
          <Col xs={24} md={12}>
            {identifierItem({
              field: 'eori',
              testId: 'eori',
              label: t('fields.eori'),
              hint: t('fieldHints.eori'),
            })}
          </Col>
          <Col xs={24} md={12}>
            {identifierItem({
              field: 'lei',
              testId: 'lei',
              label: t('fields.lei'),
              hint: t('fieldHints.lei'),
            })}
          </Col>
        </Row>
      </Card>

      <Card title={t('profile.sections.address')} className="block-gap">
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name={['address', 'street']}
              label={t('fields.address.street')}
              data-testid="profile-field-street"
            >
              <Input data-testid="profile-street" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['address', 'city']}
              label={t('fields.address.city')}
              data-testid="profile-field-city"
            >
              <Input data-testid="profile-city" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['address', 'postcode']}
              label={t('fields.address.postcode')}
              data-testid="profile-field-postcode"
            >
              <Input data-testid="profile-postcode" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['address', 'unlocode']}
              label={
                <span className="label-with-tag">
                  {t('fields.address.unlocode')}
                  {unlocodeStatus}
                </span>
              }
              extra={t('fieldHints.unlocode')}
              rules={[unlocodeRule]}
              validateTrigger="onBlur"
              data-testid="profile-field-unlocode"
            >
              <UnLocodeInput testId="profile-unlocode" country={country || null} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card className="block-gap profile-footer">
        <Typography.Text type="secondary" className="profile-timestamps">
          {t('profile.timestamps', {
            created: format.dateTime(org.createdAt),
            updated: format.dateTime(org.updatedAt),
          })}
        </Typography.Text>
        {canManage ? (
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
            {t('common.save')}
          </Button>
        ) : null}
      </Card>
    </Form>
  );
};
