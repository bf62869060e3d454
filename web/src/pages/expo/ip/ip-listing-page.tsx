import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useIpListing, useUpdateIpListing } from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FullPageSpin } from '../../../components/full-page-spin.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { nameIn, termsText, titleIn } from './ip-model.ts';
import './ip-registry.css';

/** One technology-transfer listing: both pitches, the assets, asking terms; its owner publishes or withdraws it. */
export const IpListingPage = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const listingId = useParams().listingId ?? '';
  const query = useIpListing(orgId, listingId);
  const update = useUpdateIpListing(orgId, listingId);
  const lang = i18n.language;
  if (query.isLoading) {
    return <FullPageSpin />;
  }
  if (query.error || !query.data) {
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const listing = query.data;
  return (
    <div className="page" data-testid="ip-listing-page">
      <PageHeader
        title={listing.assets.map((a) => titleIn(lang, a)).join(' · ')}
        subtitle={nameIn(lang, listing.holder)}
        extra={
          listing.isMine ? (
            <Space wrap>
              {listing.status !== 'published' ? (
                <Button
                  type="primary"
                  loading={update.isPending}
                  onClick={() => update.mutate({ version: listing.version, status: 'published' })}
                  data-testid="ip-listing-publish"
                >
                  {t('expoIp.listings.publishNow')}
                </Button>
              ) : (
                <Button
                  danger
                  loading={update.isPending}
                  onClick={() => update.mutate({ version: listing.version, status: 'withdrawn' })}
                  data-testid="ip-listing-withdraw"
                >
                  {t('expoIp.listings.withdraw')}
                </Button>
              )}
            </Space>
          ) : null
        }
      />
      {update.error ? <ErrorAlert error={update.error} /> : null}
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('expoIp.fields.deal')}>
            {t(`expoIp.deals.${listing.deal}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.asking')}>
            {termsText(listing.asking, t('expoIp.askingKinds.negotiable'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.status')}>
            <Tag data-testid="ip-listing-status">{t(`expoIp.listingStatuses.${listing.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('expoIp.fields.fields')}>
            {listing.fields.join(', ') || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('expoIp.fields.pitchZh')}</Typography.Title>
        <Typography.Paragraph lang="zh-CN">{listing.pitchZh}</Typography.Paragraph>
        <Typography.Title level={5}>{t('expoIp.fields.pitchEn')}</Typography.Title>
        <Typography.Paragraph lang="en">{listing.pitchEn}</Typography.Paragraph>
        <Typography.Title level={5}>{t('expoIp.fields.assets')}</Typography.Title>
        <ul>
          {listing.assets.map((a) => (
            <li key={a.id}>
              <Link to={`/expo/ip/assets/${encodeURIComponent(a.id)}`}>{titleIn(lang, a)}</Link>{' '}
              <span className="ip-mono">
                {a.jurisdiction} {a.registryNumber ?? ''}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
};
