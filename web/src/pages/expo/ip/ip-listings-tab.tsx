import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  List,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProblemFieldError } from '../../../api/client.ts';
import { type IpListing, useCreateIpListing, useIpAssets, useIpListings } from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useIsNarrow } from '../../../lib/use-media-query.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { isPercent, type ListingFormValues, listingInput, nameIn, termsText, titleIn } from './ip-model.ts';

const FORM_FIELDS = ['assetIds', 'deal', 'pitchZh', 'pitchEn', 'fields', 'asking.amount', 'asking.percent'];

const ListingForm = ({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const narrow = useIsNarrow();
  const [form] = Form.useForm<ListingFormValues>();
  const mine = useIpAssets(orgId, { scope: 'mine' });
  const create = useCreateIpListing(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const askingKind = Form.useWatch('askingKind', form);
  const submit = async (values: ListingFormValues) => {
    setUnmatched([]);
    try {
      await create.mutateAsync(listingInput(values));
      form.resetFields();
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError));
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('expoIp.listings.new')}
      size={narrow ? 'default' : 'large'}
      placement={narrow ? 'bottom' : 'right'}
      {...(narrow ? { height: '90%' } : {})}
      data-testid="ip-listing-form"
    >
      {create.error ? <ErrorAlert error={create.error} fieldErrors={unmatched} /> : null}
      <Form<ListingFormValues>
        form={form}
        layout="vertical"
        initialValues={{ deal: 'licence', askingKind: 'negotiable', askingCurrency: 'CNY', publish: true }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="assetIds" label={t('expoIp.fields.assets')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(mine.data?.items ?? [])
              .filter((a) => a.kind !== 'trade_secret_reference')
              .map((a) => ({
                value: a.id,
                label: `${titleIn(i18n.language, a)} (${a.jurisdiction} ${a.registryNumber ?? ''})`,
              }))}
            data-testid="ip-listing-assets"
          />
        </Form.Item>
        <Form.Item name="deal" label={t('expoIp.fields.deal')} rules={[{ required: true }]}>
          <Select
            options={(['licence', 'sale', 'either'] as const).map((value) => ({
              value,
              label: t(`expoIp.deals.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="pitchZh" label={t('expoIp.fields.pitchZh')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="ip-listing-pitch-zh" />
        </Form.Item>
        <Form.Item name="pitchEn" label={t('expoIp.fields.pitchEn')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="ip-listing-pitch-en" />
        </Form.Item>
        <Form.Item name="fields" label={t('expoIp.fields.fields')} extra={t('expoIp.listings.fieldsHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="askingKind" label={t('expoIp.fields.asking')}>
          <Select
            options={(['negotiable', 'price', 'royalty'] as const).map((value) => ({
              value,
              label: t(`expoIp.askingKinds.${value}`),
            }))}
          />
        </Form.Item>
        {askingKind === 'price' ? (
          <Space wrap align="start">
            <Form.Item
              name="askingAmount"
              label={t('expoIp.fields.amount')}
              rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="askingCurrency" label={t('expoIp.fields.currency')}>
              <Select
                className="ip-select-narrow"
                options={['CNY', 'USD', 'EUR'].map((value) => ({ value, label: value }))}
              />
            </Form.Item>
          </Space>
        ) : null}
        {askingKind === 'royalty' ? (
          <Form.Item
            name="askingPercent"
            label={t('expoIp.fields.percent')}
            rules={[
              {
                required: true,
                validator: async (_, value: string) =>
                  isPercent(value ?? '') ? undefined : Promise.reject(new Error(t('expoIp.percentHint'))),
              },
            ]}
          >
            <Input inputMode="decimal" suffix="%" />
          </Form.Item>
        ) : null}
        <Form.Item name="publish" valuePropName="checked">
          <Checkbox>{t('expoIp.listings.publish')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="ip-listing-submit">
          {t('expoIp.listings.submit')}
        </Button>
      </Form>
    </Drawer>
  );
};

/** Technology-transfer listings: the market by text, field and deal, or the organisation's own. */
export const IpListingsTab = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const [scope, setScope] = useState<'market' | 'mine'>('market');
  const [text, setText] = useState('');
  const [field, setField] = useState('');
  const [deal, setDeal] = useState<'licence' | 'sale' | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const q = useDebounced(text.trim(), 300);
  const fieldQuery = useDebounced(field.trim(), 300);
  const list = useIpListings(orgId, { scope, q: q || undefined, field: fieldQuery || undefined, deal });
  const lang = i18n.language;
  return (
    <Card
      extra={
        <Space wrap>
          <Segmented<'market' | 'mine'>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'market', label: t('expoIp.listings.market') },
              { value: 'mine', label: t('expoIp.listings.mine') },
            ]}
          />
          <Input.Search
            allowClear
            className="ip-search"
            placeholder={t('expoIp.listings.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid="ip-listings-search"
          />
          <Input
            allowClear
            className="ip-select-wide"
            placeholder={t('expoIp.fields.fields')}
            value={field}
            onChange={(event) => setField(event.target.value)}
          />
          <Select<'licence' | 'sale'>
            allowClear
            className="ip-select-wide"
            placeholder={t('expoIp.fields.deal')}
            value={deal ?? null}
            onChange={(value) => setDeal(value ?? undefined)}
            options={(['licence', 'sale'] as const).map((value) => ({
              value,
              label: t(`expoIp.deals.${value}`),
            }))}
          />
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ip-listing-new">
            {t('expoIp.listings.new')}
          </Button>
        </Space>
      }
    >
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <List<IpListing>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="ip-listings"
        renderItem={(item) => (
          <List.Item key={item.id} data-testid="ip-listing-item">
            <List.Item.Meta
              title={
                <Link to={`/expo/ip/listings/${encodeURIComponent(item.id)}`} data-testid="ip-listing-link">
                  {item.assets.map((a) => titleIn(lang, a)).join(' · ')}
                </Link>
              }
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} className="ip-pitch">
                    {lang === 'zh-CN' ? item.pitchZh : item.pitchEn}
                  </Typography.Paragraph>
                  <Space size={4} wrap>
                    <Tag color="blue">{t(`expoIp.deals.${item.deal}`)}</Tag>
                    <Tag>{termsText(item.asking, t('expoIp.askingKinds.negotiable'))}</Tag>
                    {item.fields.map((f) => (
                      <Tag key={f}>{f}</Tag>
                    ))}
                    {scope === 'mine' ? (
                      <Tag color="purple">{t(`expoIp.listingStatuses.${item.status}`)}</Tag>
                    ) : null}
                    <Typography.Text type="secondary">{nameIn(lang, item.holder)}</Typography.Text>
                  </Space>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <ListingForm orgId={orgId} open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
};
