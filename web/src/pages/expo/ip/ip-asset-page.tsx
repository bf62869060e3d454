import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ProblemFieldError } from '../../../api/client.ts';
import {
  type IpAgreement,
  type IpAlert,
  type IpAsset,
  useCreateIpWatch,
  useIpAsset,
  useIssueIpAgreement,
  usePledgeIpAsset,
  useReportIpHit,
  useUpdateIpAsset,
} from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FullPageSpin } from '../../../components/full-page-spin.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { useFormat } from '../../../i18n/use-format.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useIsNarrow } from '../../../lib/use-media-query.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { useAgreementColumns } from './ip-agreements-tab.tsx';
import { useAlertColumns } from './ip-alerts-tab.tsx';
import {
  type AgreementFormValues,
  agreementInput,
  isPercent,
  nameIn,
  splitList,
  titleIn,
} from './ip-model.ts';
import './ip-registry.css';

const AGREEMENT_FIELDS = [
  'counterparty.organisationId',
  'counterparty.name',
  'exclusivity',
  'territory',
  'termStart',
  'termEnd',
  'royalty.amount.amount',
  'royalty.percent',
];

/** Issue a licence or an assignment; the server signs it as a credential and logs it. */
const AgreementDrawer = ({
  orgId,
  asset,
  open,
  onClose,
}: {
  orgId: string;
  asset: IpAsset;
  open: boolean;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const narrow = useIsNarrow();
  const [form] = Form.useForm<AgreementFormValues>();
  const issue = useIssueIpAgreement(orgId, asset.id);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const kind = Form.useWatch('kind', form);
  const counterpartyKind = Form.useWatch('counterpartyKind', form);
  const royaltyKind = Form.useWatch('royaltyKind', form);
  const submit = async (values: AgreementFormValues) => {
    setUnmatched([]);
    try {
      await issue.mutateAsync(agreementInput(values));
      form.resetFields();
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, AGREEMENT_FIELDS, labels.fieldError));
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('expoIp.agreementForm.title')}
      size={narrow ? 'default' : 'large'}
      placement={narrow ? 'bottom' : 'right'}
      {...(narrow ? { height: '90%' } : {})}
      data-testid="ip-agreement-form"
    >
      {issue.error ? <ErrorAlert error={issue.error} fieldErrors={unmatched} /> : null}
      <Form<AgreementFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'licence',
          counterpartyKind: 'organisation',
          exclusivity: 'non_exclusive',
          royaltyKind: 'percent',
          royaltyCurrency: 'CNY',
          territory: [],
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="kind" label={t('expoIp.fields.agreementKind')}>
          <Select
            options={(['licence', 'assignment'] as const).map((value) => ({
              value,
              label: t(`expoIp.agreementKinds.${value}`),
            }))}
            data-testid="ip-agreement-kind"
          />
        </Form.Item>
        {kind === 'assignment' ? (
          <Alert
            type="warning"
            showIcon
            className="block-gap"
            title={t('expoIp.agreementForm.assignmentNote')}
          />
        ) : null}
        {kind !== 'assignment' ? (
          <Form.Item name="counterpartyKind" label={t('expoIp.fields.counterparty')}>
            <Select
              options={[
                { value: 'organisation', label: t('expoIp.agreementForm.onHub') },
                { value: 'named', label: t('expoIp.agreementForm.named') },
              ]}
            />
          </Form.Item>
        ) : null}
        {kind === 'assignment' || counterpartyKind !== 'named' ? (
          <Form.Item
            name="counterpartyOrganisationId"
            label={t('expoIp.fields.counterpartyOrganisationId')}
            extra={t('expoIp.agreementForm.orgIdHint')}
            rules={[{ required: true }]}
          >
            <Input className="ip-mono" data-testid="ip-agreement-counterparty" />
          </Form.Item>
        ) : (
          <Form.Item
            name="counterpartyName"
            label={t('expoIp.fields.counterpartyName')}
            rules={[{ required: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
        )}
        {kind !== 'assignment' ? (
          <Form.Item name="exclusivity" label={t('expoIp.fields.exclusivity')}>
            <Select
              options={(['exclusive', 'sole', 'non_exclusive'] as const).map((value) => ({
                value,
                label: t(`expoIp.exclusivity.${value}`),
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="territory"
          label={t('expoIp.fields.territory')}
          extra={t('expoIp.agreementForm.territoryHint')}
          normalize={(value: string[]) => value.map((v) => v.trim().toUpperCase())}
        >
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} />
        </Form.Item>
        <Form.Item name="fieldOfUse" label={t('expoIp.fields.fieldOfUse')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="termStart" label={t('expoIp.fields.termStart')} rules={[{ required: true }]}>
            <Input type="date" data-testid="ip-agreement-term-start" />
          </Form.Item>
          <Form.Item name="termEnd" label={t('expoIp.fields.termEnd')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="royaltyKind" label={t('expoIp.fields.royalty')}>
          <Select
            options={(['none', 'lump_sum', 'percent'] as const).map((value) => ({
              value,
              label: t(`expoIp.royaltyKinds.${value}`),
            }))}
          />
        </Form.Item>
        {royaltyKind === 'lump_sum' ? (
          <Space wrap align="start">
            <Form.Item
              name="royaltyAmount"
              label={t('expoIp.fields.amount')}
              rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="royaltyCurrency" label={t('expoIp.fields.currency')}>
              <Select
                className="ip-select-narrow"
                options={['CNY', 'USD', 'EUR'].map((value) => ({ value, label: value }))}
              />
            </Form.Item>
          </Space>
        ) : null}
        {royaltyKind === 'percent' ? (
          <Form.Item
            name="royaltyPercent"
            label={t('expoIp.fields.percent')}
            rules={[
              {
                required: true,
                validator: async (_, value: string) =>
                  isPercent(value ?? '') ? undefined : Promise.reject(new Error(t('expoIp.percentHint'))),
              },
            ]}
          >
            <Input inputMode="decimal" suffix="%" data-testid="ip-agreement-percent" />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="ip-agreement-submit">
          {t('expoIp.agreementForm.submit')}
        </Button>
      </Form>
    </Drawer>
  );
};

/** The holder's pledge, watch and hit forms, side by side. */
const HolderTools = ({ orgId, asset, watchIds }: { orgId: string; asset: IpAsset; watchIds: string[] }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const pledge = usePledgeIpAsset(orgId, asset.id);
  const watch = useCreateIpWatch(orgId, asset.id);
  const hit = useReportIpHit(orgId);
  const [pledgeForm] = Form.useForm<{
    bankOrganisationId: string;
    amount: string;
    currency: string;
    reference?: string;
    expiresOn?: string;
  }>();
  const [watchForm] = Form.useForm<{ jurisdictions: string[]; keywords: string }>();
  const [hitForm] = Form.useForm<{
    watchId: string;
    url: string;
    marketplace: string;
    country: string;
    evidenceSha256: string;
  }>();
  return (
    <div className="ip-tools">
      <Card size="small" title={t('expoIp.pledge.title')}>
        {pledge.error ? <ErrorAlert error={pledge.error} /> : null}
        <Form
          form={pledgeForm}
          layout="vertical"
          initialValues={{ currency: 'CNY' }}
          onFinish={(values) =>
            void pledge
              .mutateAsync({
                bankOrganisationId: values.bankOrganisationId.trim(),
                securedAmount: { amount: values.amount.trim(), currency: values.currency },
                ...(values.reference ? { reference: values.reference } : {}),
                ...(values.expiresOn ? { expiresOn: values.expiresOn } : {}),
              })
              .then(() => pledgeForm.resetFields())
              .catch((error: unknown) =>
                applyFieldErrors(pledgeForm, error, ['bankOrganisationId', 'expiresOn'], labels.fieldError),
              )
          }
        >
          <Form.Item
            name="bankOrganisationId"
            label={t('expoIp.fields.bankOrganisationId')}
            rules={[{ required: true }]}
          >
            <Input className="ip-mono" data-testid="ip-pledge-bank" />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item
              name="amount"
              label={t('expoIp.fields.securedAmount')}
              rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}
            >
              <Input inputMode="decimal" data-testid="ip-pledge-amount" />
            </Form.Item>
            <Form.Item name="currency" label={t('expoIp.fields.currency')}>
              <Select
                className="ip-select-narrow"
                options={['CNY', 'USD', 'EUR'].map((value) => ({ value, label: value }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="reference" label={t('expoIp.fields.reference')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="expiresOn"
            label={t('expoIp.pledge.expiresOn')}
            extra={t('expoIp.pledge.expiresOnHint')}
          >
            <Input type="date" data-testid="ip-pledge-expires-on" />
          </Form.Item>
          <Button htmlType="submit" loading={pledge.isPending} data-testid="ip-pledge-submit">
            {t('expoIp.pledge.submit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('expoIp.watch.title')}>
        {watch.error ? <ErrorAlert error={watch.error} /> : null}
        <Form
          form={watchForm}
          layout="vertical"
          onFinish={(values) =>
            void watch
              .mutateAsync({ jurisdictions: values.jurisdictions, keywords: splitList(values.keywords) })
              .then(() => watchForm.resetFields())
              .catch(() => undefined)
          }
        >
          <Form.Item
            name="jurisdictions"
            label={t('expoIp.fields.jurisdictions')}
            rules={[{ required: true }]}
            normalize={(value: string[]) => value.map((v) => v.trim().toUpperCase())}
          >
            <Select mode="tags" tokenSeparators={[',', ' ', '，']} data-testid="ip-watch-jurisdictions" />
          </Form.Item>
          <Form.Item name="keywords" label={t('expoIp.fields.keywords')} rules={[{ required: true }]}>
            <Input data-testid="ip-watch-keywords" />
          </Form.Item>
          <Button htmlType="submit" loading={watch.isPending} data-testid="ip-watch-submit">
            {t('expoIp.watch.submit')}
          </Button>
        </Form>
      </Card>
      {watchIds.length > 0 ? (
        <Card size="small" title={t('expoIp.hit.title')}>
          <Typography.Paragraph type="secondary">{t('expoIp.hit.hint')}</Typography.Paragraph>
          {hit.error ? <ErrorAlert error={hit.error} /> : null}
          <Form
            form={hitForm}
            layout="vertical"
            initialValues={{ watchId: watchIds[0] }}
            onFinish={(values) =>
              void hit
                .mutateAsync({
                  ...values,
                  country: values.country.trim().toUpperCase(),
                  observedAt: new Date().toISOString(),
                })
                .then(() => hitForm.resetFields())
                .catch(() => undefined)
            }
          >
            <Form.Item name="watchId" label={t('expoIp.fields.watch')}>
              <Select options={watchIds.map((value) => ({ value, label: value }))} />
            </Form.Item>
            <Form.Item name="url" label="URL" rules={[{ required: true, type: 'url' }]}>
              <Input data-testid="ip-hit-url" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item
                name="marketplace"
                label={t('expoIp.fields.marketplace')}
                rules={[{ required: true, max: 100 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="country"
                label={t('expoIp.fields.country')}
                rules={[{ required: true, pattern: /^[A-Za-z]{2}$/ }]}
              >
                <Input className="ip-select-narrow" />
              </Form.Item>
            </Space>
            <Form.Item
              name="evidenceSha256"
              label={t('expoIp.fields.evidenceSha256')}
              rules={[{ required: true, pattern: /^[0-9a-f]{64}$/ }]}
            >
              <Input className="ip-mono" />
            </Form.Item>
            <Button htmlType="submit" loading={hit.isPending} data-testid="ip-hit-submit">
              {t('expoIp.hit.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
};

/** One asset: what it is and who owns it, its agreements, pledge state, history, watches and alerts. */
export const IpAssetPage = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const assetId = useParams().assetId ?? '';
  const query = useIpAsset(orgId, assetId);
  const update = useUpdateIpAsset(orgId, assetId);
  const agreementColumns = useAgreementColumns(orgId);
  const alertColumns = useAlertColumns(orgId);
  const [issuing, setIssuing] = useState(false);
  const lang = i18n.language;
  if (query.isLoading) {
    return <FullPageSpin />;
  }
  if (query.error || !query.data) {
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const { asset, agreements, pledged, pledges, history, watches, alerts } = query.data;
  const activePledge = pledges.find((p) => p.status === 'active');
  return (
    <div className="page" data-testid="ip-asset-page">
      <PageHeader
        title={titleIn(lang, asset)}
        subtitle={`${t(`expoIp.kinds.${asset.kind}`)} · ${asset.jurisdiction} ${asset.registryNumber ?? ''}`}
        extra={
          asset.isMine ? (
            <Space wrap>
              {asset.kind !== 'trade_secret_reference' ? (
                <Button
                  loading={update.isPending}
                  onClick={() =>
                    update.mutate({
                      version: asset.version,
                      visibility: asset.visibility === 'published' ? 'draft' : 'published',
                    })
                  }
                  data-testid="ip-asset-toggle-publish"
                >
                  {asset.visibility === 'published' ? t('expoIp.asset.unpublish') : t('expoIp.asset.publish')}
                </Button>
              ) : null}
              <Button type="primary" onClick={() => setIssuing(true)} data-testid="ip-agreement-new">
                {t('expoIp.agreementForm.title')}
              </Button>
            </Space>
          ) : null
        }
      />
      {update.error ? <ErrorAlert error={update.error} /> : null}
      <Card className="block-gap">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('expoIp.fields.titleZh')}>{asset.titleZh}</Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.titleEn')}>{asset.titleEn}</Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.registryNumber')}>
            <span className="ip-mono" data-testid="ip-asset-number-text">
              {asset.registryNumber ?? '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.status')}>
            <Space size={4} wrap>
              <Tag>{t(`expoIp.statuses.${asset.status}`)}</Tag>
              <Tag>{t(`expoIp.visibility.${asset.visibility}`)}</Tag>
              {pledged ? (
                <Tag color="gold" data-testid="ip-asset-pledged">
                  {t('expoIp.pledge.pledged')}
                </Tag>
              ) : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.filingDate')}>
            {asset.filingDate ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.grantDate')}>{asset.grantDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.expiryDate')}>
            {asset.expiryDate ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.holder')}>
            {nameIn(lang, asset.holder)}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.owners')}>
            {asset.owners.map((o) => (o.kind === 'person' ? o.personName : nameIn(lang, o))).join('; ')}
          </Descriptions.Item>
          {asset.niceClasses.length > 0 ? (
            <Descriptions.Item label={t('expoIp.fields.niceClasses')}>
              {asset.niceClasses.join(', ')}
            </Descriptions.Item>
          ) : null}
          {asset.ipcClasses.length > 0 ? (
            <Descriptions.Item label={t('expoIp.fields.ipcClasses')}>
              {asset.ipcClasses.join('; ')}
            </Descriptions.Item>
          ) : null}
          {asset.secretDocumentSha256 !== null ? (
            <Descriptions.Item label={t('expoIp.fields.secretDocumentSha256')}>
              <span className="ip-mono ip-url">{asset.secretDocumentSha256}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {(lang === 'zh-CN' ? asset.abstractZh : asset.abstractEn) ? (
          <Typography.Paragraph>
            {lang === 'zh-CN' ? asset.abstractZh : asset.abstractEn}
          </Typography.Paragraph>
        ) : null}
        {activePledge !== undefined ? (
          <Alert
            type="info"
            showIcon
            title={t('expoIp.pledge.activeWith', {
              bank: nameIn(lang, activePledge.bank),
              amount:
                activePledge.securedAmount === null
                  ? ''
                  : `${activePledge.securedAmount.currency} ${activePledge.securedAmount.amount}`,
            })}
          />
        ) : null}
      </Card>
      <Card className="block-gap" title={t('expoIp.tabs.agreements')}>
        <Table<IpAgreement>
          rowKey="id"
          size="small"
          columns={agreementColumns}
          dataSource={agreements}
          scroll={{ x: 'max-content' }}
          pagination={false}
          data-testid="ip-asset-agreements"
        />
      </Card>
      {asset.isMine ? (
        <>
          <Card className="block-gap" title={t('expoIp.tabs.alerts')}>
            <Typography.Paragraph type="secondary">
              {watches.length === 0
                ? t('expoIp.watch.none')
                : watches.map((w) => `${w.jurisdictions.join(', ')}: ${w.keywords.join(' / ')}`).join(' · ')}
            </Typography.Paragraph>
            <Table<IpAlert>
              rowKey="id"
              size="small"
              columns={alertColumns}
              dataSource={alerts}
              scroll={{ x: 'max-content' }}
              pagination={false}
              data-testid="ip-asset-alerts"
            />
          </Card>
          <HolderTools orgId={orgId} asset={asset} watchIds={watches.map((w) => w.id)} />
        </>
      ) : null}
      <Card className="block-gap" title={t('expoIp.asset.history')}>
        <Timeline
          items={history.map((event) => ({
            key: `${event.kind}-${event.at}`,
            children: `${format.dateTime(event.at)} · ${t(`expoIp.events.${event.kind}`, { defaultValue: event.kind })}`,
          }))}
        />
      </Card>
      {asset.isMine ? (
        <AgreementDrawer orgId={orgId} asset={asset} open={issuing} onClose={() => setIssuing(false)} />
      ) : null}
    </div>
  );
};
