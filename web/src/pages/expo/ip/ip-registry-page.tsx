import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { IP_KINDS, type IpAsset, type IpKind, useIpAssets } from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButtons } from '../../../components/export-buttons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { IpAgreementsTab, IpPledgesTab } from './ip-agreements-tab.tsx';
import { IpAlertsTab } from './ip-alerts-tab.tsx';
import { IpAssetForm } from './ip-asset-form.tsx';
import { IpListingsTab } from './ip-listings-tab.tsx';
import { nameIn, titleIn } from './ip-model.ts';
import './ip-registry.css';

const STATUS_COLOUR: Record<IpAsset['status'], string> = {
  pending: 'blue',
  granted: 'green',
  expired: 'default',
  lapsed: 'orange',
  revoked: 'red',
};

/** The assets table of the registry and of "my assets" (the latter exports to CSV and XLSX). */
const AssetsTab = ({ scope }: { scope: 'mine' | 'registry' }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const [kind, setKind] = useState<IpKind | undefined>(undefined);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const list = useIpAssets(orgId, { scope, kind, q: q || undefined });
  const rows = list.data?.items ?? [];
  const lang = i18n.language;

  const columns: TableColumnsType<IpAsset> = [
    {
      key: 'title',
      title: t('expoIp.fields.title'),
      render: (_, a) => (
        <Link to={`/expo/ip/assets/${encodeURIComponent(a.id)}`} data-testid="ip-asset-link">
          {titleIn(lang, a)}
        </Link>
      ),
    },
    { key: 'kind', title: t('expoIp.fields.kind'), render: (_, a) => t(`expoIp.kinds.${a.kind}`) },
    {
      key: 'number',
      title: t('expoIp.fields.registryNumber'),
      render: (_, a) => (
        <span className="ip-mono">
          {a.jurisdiction} {a.registryNumber ?? '—'}
        </span>
      ),
    },
    {
      key: 'status',
      title: t('expoIp.fields.status'),
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOUR[a.status]}>{t(`expoIp.statuses.${a.status}`)}</Tag>
          {scope === 'mine' ? (
            <Tag data-testid="ip-asset-visibility">{t(`expoIp.visibility.${a.visibility}`)}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'holder',
      title: t('expoIp.fields.holder'),
      render: (_, a) => nameIn(lang, a.holder),
      responsive: ['md'],
    },
    {
      key: 'expiry',
      title: t('expoIp.fields.expiryDate'),
      render: (_, a) => a.expiryDate ?? '—',
      responsive: ['lg'],
    },
  ];

  return (
    <Card
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            className="ip-search"
            placeholder={t('expoIp.registry.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid={`ip-${scope}-search`}
          />
          <Select<IpKind>
            allowClear
            className="ip-select-wide"
            placeholder={t('expoIp.registry.allKinds')}
            value={kind ?? null}
            onChange={(value) => setKind(value ?? undefined)}
            options={IP_KINDS.map((value) => ({ value, label: t(`expoIp.kinds.${value}`) }))}
          />
          {scope === 'mine' ? (
            <ExportButtons
              rows={rows}
              fileName="ip-assets"
              sheetName={t('expoIp.tabs.mine')}
              testIdPrefix="ip-assets"
              columns={[
                { header: t('expoIp.fields.titleZh'), value: (a) => a.titleZh, width: 30 },
                { header: t('expoIp.fields.titleEn'), value: (a) => a.titleEn, width: 30 },
                { header: t('expoIp.fields.kind'), value: (a) => t(`expoIp.kinds.${a.kind}`), width: 14 },
                { header: t('expoIp.fields.jurisdiction'), value: (a) => a.jurisdiction, width: 8 },
                {
                  header: t('expoIp.fields.registryNumber'),
                  value: (a) => a.registryNumber ?? '',
                  width: 20,
                },
                {
                  header: t('expoIp.fields.status'),
                  value: (a) => t(`expoIp.statuses.${a.status}`),
                  width: 10,
                },
                {
                  header: t('expoIp.fields.visibility'),
                  value: (a) => t(`expoIp.visibility.${a.visibility}`),
                  width: 10,
                },
                { header: t('expoIp.fields.filingDate'), value: (a) => a.filingDate ?? '', width: 12 },
                { header: t('expoIp.fields.grantDate'), value: (a) => a.grantDate ?? '', width: 12 },
                { header: t('expoIp.fields.expiryDate'), value: (a) => a.expiryDate ?? '', width: 12 },
                { header: t('expoIp.fields.niceClasses'), value: (a) => a.niceClasses.join(' '), width: 12 },
                { header: t('expoIp.fields.ipcClasses'), value: (a) => a.ipcClasses.join('; '), width: 20 },
                { header: 'id', value: (a) => a.id, width: 30 },
              ]}
            />
          ) : null}
        </Space>
      }
    >
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<IpAsset>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid={`ip-${scope}-table`}
      />
    </Card>
  );
};

/** The IP and technology-transfer registry: browse, my assets, listings, agreements, pledges, alerts. */
export const IpRegistryPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const [recording, setRecording] = useState(false);
  return (
    <div className="page" data-testid="ip-registry-page">
      <PageHeader
        title={t('expoIp.title')}
        subtitle={t('expoIp.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRecording(true)}
            data-testid="ip-asset-new"
          >
            {t('expoIp.assetForm.title')}
          </Button>
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'registry', label: t('expoIp.tabs.registry'), children: <AssetsTab scope="registry" /> },
          { key: 'mine', label: t('expoIp.tabs.mine'), children: <AssetsTab scope="mine" /> },
          { key: 'listings', label: t('expoIp.tabs.listings'), children: <IpListingsTab /> },
          { key: 'agreements', label: t('expoIp.tabs.agreements'), children: <IpAgreementsTab /> },
          { key: 'pledges', label: t('expoIp.tabs.pledges'), children: <IpPledgesTab /> },
          { key: 'alerts', label: t('expoIp.tabs.alerts'), children: <IpAlertsTab /> },
        ]}
      />
      <IpAssetForm orgId={orgId} open={recording} onClose={() => setRecording(false)} />
    </div>
  );
};
