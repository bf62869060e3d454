import { Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useExhibitorPage } from '../../../api/expo-catalogue.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../i18n/use-format.ts';
import { pick, priceText, VERIFICATION_COLOUR } from './catalogue-model.ts';

/** An exhibitor's page: the showcase, published products and services, and its booths at expos. */
export const ExhibitorPage = () => {
  const { orgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const page = useExhibitorPage(orgId);
  const language = i18n.language;
  if (page.isPending) {
    return <Skeleton active />;
  }
  if (page.isError) {
    return <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />;
  }
  const exhibitor = page.data;
  return (
    <div data-testid="expo-exhibitor-page">
      <PageHeader
        title={pick(language, exhibitor.displayNameZh, exhibitor.displayNameEn)}
        subtitle={pick(language, exhibitor.displayNameEn, exhibitor.displayNameZh)}
      />
      <Card className="block-gap">
        <Typography.Paragraph>{pick(language, exhibitor.introZh, exhibitor.introEn)}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('expoCatalogue.showcase.country')}>
            {exhibitor.country}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.showcase.city')}>
            {pick(language, exhibitor.cityZh, exhibitor.cityEn)}{' '}
            {exhibitor.unlocode ? `(${exhibitor.unlocode})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.showcase.website')}>
            {exhibitor.website ? (
              <a href={exhibitor.website} target="_blank" rel="noopener noreferrer">
                {exhibitor.website}
              </a>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoCatalogue.showcase.exportMarkets')}>
            <Space wrap size={4}>
              {exhibitor.exportMarkets.map((m) => (
                <Tag key={m}>{m}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {exhibitor.booths.length > 0 ? (
        <Card title={t('expoCatalogue.exhibitor.booths')} className="block-gap" size="small">
          <List
            dataSource={exhibitor.booths}
            renderItem={(booth) => (
              <List.Item>
                <Link to={`/expo/events/${booth.eventId}`}>
                  {pick(language, booth.eventNameZh, booth.eventNameEn)}
                </Link>
                <span>
                  {pick(language, booth.hallNameZh, booth.hallNameEn)} · {t('expoCatalogue.event.booth')}{' '}
                  {booth.code} · {format.date(`${booth.startsOn}T00:00:00`)}
                </span>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Typography.Title level={4}>{t('expoCatalogue.hall.products')}</Typography.Title>
      {exhibitor.products.length === 0 ? <Empty description={t('expoCatalogue.hall.noProducts')} /> : null}
      <Row gutter={[16, 16]} className="block-gap">
        {exhibitor.products.map((product) => (
          <Col key={product.id} xs={24} sm={12} lg={8}>
            <Link to={`/expo/products/${product.id}`}>
              <Card hoverable size="small" title={pick(language, product.nameZh, product.nameEn)}>
                <Typography.Text strong>{priceText(product.price, language)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {t('expoCatalogue.product.moqShort', { moq: product.moq, unit: product.moqUnit })} · HS{' '}
                    {product.hsCode}
                  </Typography.Text>
                </div>
                <Space wrap size={4} style={{ marginTop: 8 }}>
                  {product.certifications.map((c) => (
                    <Tag key={c.scheme} color={VERIFICATION_COLOUR[c.verification]}>
                      {c.scheme}
                    </Tag>
                  ))}
                </Space>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {exhibitor.services.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('expoCatalogue.booth.services')}</Typography.Title>
          <Row gutter={[16, 16]}>
            {exhibitor.services.map((service) => (
              <Col key={service.id} xs={24} sm={12} lg={8}>
                <Card size="small" title={pick(language, service.nameZh, service.nameEn)}>
                  <Typography.Paragraph ellipsis={{ rows: 3 }}>
                    {pick(language, service.descriptionZh, service.descriptionEn)}
                  </Typography.Paragraph>
                  <Space wrap size={4}>
                    <Tag color="purple">EBOPS {service.ebopsCode}</Tag>
                    {service.gatsModes.map((m) => (
                      <Tag key={m}>{m}</Tag>
                    ))}
                    {service.languages.map((l) => (
                      <Tag key={l}>{l}</Tag>
                    ))}
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      ) : null}
    </div>
  );
};
