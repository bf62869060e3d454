import { Card, Descriptions, Image, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { usePublicProduct, type Verification } from '../../../api/expo-catalogue.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { pick, priceText, VERIFICATION_COLOUR } from './catalogue-model.ts';

const useVerificationLabel = () => {
  const { t } = useTranslation();
  const labels: Record<Verification, string> = {
    verified: t('expoCatalogue.verification.verified'),
    self_declared: t('expoCatalogue.verification.self_declared'),
    revoked: t('expoCatalogue.verification.revoked'),
    expired: t('expoCatalogue.verification.expired'),
  };
  return (v: Verification) => labels[v];
};

/** A published product: description, price range, MOQ, HS code, certifications and the exhibitor. */
export const ProductPage = () => {
  const { productId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const verificationLabel = useVerificationLabel();
  const product = usePublicProduct(productId);
  const language = i18n.language;
  if (product.isPending) {
    return <Skeleton active />;
  }
  if (product.isError) {
    return <ErrorAlert error={product.error} onRetry={() => void product.refetch()} />;
  }
  const p = product.data;
  return (
    <div data-testid="expo-product-page">
      <PageHeader
        title={pick(language, p.nameZh, p.nameEn)}
        subtitle={
          <Link to={`/expo/exhibitors/${p.exhibitor.organisationId}`}>
            {pick(language, p.exhibitor.displayNameZh, p.exhibitor.displayNameEn)}
          </Link>
        }
      />
      <Card className="block-gap">
        {p.images.length > 0 ? (
          <Space wrap className="block-gap">
            {p.images.map((image) => (
              <Image
                key={image.url}
                src={image.url}
                width={160}
                alt={pick(language, image.altZh, image.altEn)}
              />
            ))}
          </Space>
        ) : null}
        <Typography.Paragraph>{pick(language, p.descriptionZh, p.descriptionEn)}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('expoCatalogue.product.price')}>
            <span data-testid="expo-product-price">{priceText(p.price, language)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.product.moq')}>
            {p.moq} {p.moqUnit}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.product.hsCode')}>{p.hsCode}</Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.product.leadTime')}>
            {t('expoCatalogue.product.days', { count: p.leadTimeDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.showcase.exportMarkets')}>
            <Space wrap size={4}>
              {p.exportMarkets.map((m) => (
                <Tag key={m}>{m}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.product.certifications')}>
            <Space wrap size={4}>
              {p.certifications.map((c) => (
                <Tag
                  key={c.scheme}
                  color={VERIFICATION_COLOUR[c.verification]}
                  data-testid="expo-product-certification"
                >
                  {c.scheme} · {verificationLabel(c.verification)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
};
