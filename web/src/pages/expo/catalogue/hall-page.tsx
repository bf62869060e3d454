import { ShopOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Pagination,
  Row,
  Segmented,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  type HallFilter,
  useExhibitorCards,
  useExpoEvents,
  usePublicProducts,
} from '../../../api/expo-catalogue.ts';
import { CountrySelect } from '../../../components/country-select.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../i18n/use-format.ts';
import { pick, priceText, VERIFICATION_COLOUR } from './catalogue-model.ts';

type View = 'exhibitors' | 'products';
const PAGE_SIZE = 12;
// One column on a phone, two on a tablet, three or four on a desktop.
const CARD_COLUMNS = { xs: 24, sm: 12, lg: 8, xxl: 6 } as const;

/** The expo hall: browse published exhibitors and products, with filters and a search box. */
export const HallPage = () => {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('exhibitors');
  const [country, setCountry] = useState<string | undefined>();
  const [hsChapter, setHsChapter] = useState('');
  const [page, setPage] = useState(1);
  const filter: HallFilter = {
    page,
    pageSize: PAGE_SIZE,
    ...(country === undefined ? {} : { country }),
    ...(/^[0-9]{2}$/.test(hsChapter) ? { hsChapter } : {}),
  };

  return (
    <div data-testid="expo-hall-page">
      <PageHeader
        title={t('expoCatalogue.hall.title')}
        subtitle={t('expoCatalogue.hall.subtitle')}
        extra={
          <Link to="/expo/booth">
            <Button icon={<ShopOutlined />} data-testid="expo-hall-my-booth">
              {t('expoCatalogue.hall.myBooth')}
            </Button>
          </Link>
        }
      />
      <Input.Search
        className="block-gap"
        size="large"
        allowClear
        enterButton={t('expoCatalogue.hall.search')}
        placeholder={t('expoCatalogue.hall.searchPlaceholder')}
        maxLength={200}
        data-testid="expo-hall-search"
        onSearch={(q) => {
          if (q.trim() !== '') {
            void navigate(`/expo/search?q=${encodeURIComponent(q.trim())}`);
          }
        }}
      />
      <UpcomingEvents />
      <Flex wrap gap={12} align="center" className="block-gap">
        <Segmented<View>
          value={view}
          onChange={(next) => {
            setView(next);
            setPage(1);
          }}
          options={[
            { value: 'exhibitors', label: t('expoCatalogue.hall.exhibitors') },
            { value: 'products', label: t('expoCatalogue.hall.products') },
          ]}
          data-testid="expo-hall-view"
        />
        <div style={{ minWidth: 220 }}>
          <CountrySelect
            testId="expo-hall-country"
            value={country ?? null}
            onChange={(next) => {
              setCountry(next || undefined);
              setPage(1);
            }}
          />
        </div>
        <Input
          style={{ width: 180 }}
          allowClear
          maxLength={2}
          value={hsChapter}
          placeholder={t('expoCatalogue.hall.hsChapter')}
          data-testid="expo-hall-hs-chapter"
          onChange={(event) => {
            setHsChapter(event.target.value.replace(/\D/g, ''));
            setPage(1);
          }}
        />
        {country !== undefined || hsChapter !== '' ? (
          <Button
            type="link"
            onClick={() => {
              setCountry(undefined);
              setHsChapter('');
            }}
          >
            {t('expoCatalogue.hall.clearFilters')}
          </Button>
        ) : null}
      </Flex>
      {view === 'exhibitors' ? (
        <ExhibitorGrid filter={filter} onPage={setPage} />
      ) : (
        <ProductGrid filter={filter} onPage={setPage} language={i18n.language} />
      )}
    </div>
  );
};

const UpcomingEvents = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const events = useExpoEvents();
  const items = (events.data?.items ?? []).filter((e) => e.status === 'published');
  if (items.length === 0) {
    return null;
  }
  return (
    <Flex wrap gap={12} className="block-gap" data-testid="expo-hall-events">
      {items.slice(0, 3).map((event) => (
        <Link key={event.id} to={`/expo/events/${event.id}`}>
          <Tag color="blue" style={{ padding: '4px 10px', whiteSpace: 'normal' }}>
            {pick(i18n.language, event.nameZh, event.nameEn)} · {format.date(`${event.startsOn}T00:00:00`)} –{' '}
            {format.date(`${event.endsOn}T00:00:00`)} · {t('expoCatalogue.hall.eventLink')}
          </Tag>
        </Link>
      ))}
    </Flex>
  );
};

const ExhibitorGrid = ({ filter, onPage }: { filter: HallFilter; onPage: (page: number) => void }) => {
  const { t, i18n } = useTranslation();
  const cards = useExhibitorCards(filter);
  if (cards.isPending) {
    return <Skeleton active />;
  }
  if (cards.isError) {
    return <ErrorAlert error={cards.error} onRetry={() => void cards.refetch()} />;
  }
  if (cards.data.items.length === 0) {
    return <Empty description={t('expoCatalogue.hall.noExhibitors')} />;
  }
  return (
    <>
      <Row gutter={[16, 16]} data-testid="expo-hall-exhibitors">
        {cards.data.items.map((card) => (
          <Col key={card.organisationId} {...CARD_COLUMNS}>
            <Link to={`/expo/exhibitors/${card.organisationId}`} data-testid="expo-exhibitor-card">
              <Card
                hoverable
                title={pick(i18n.language, card.displayNameZh, card.displayNameEn)}
                size="small"
              >
                <Space wrap>
                  <Tag>{card.country}</Tag>
                  {pick(i18n.language, card.cityZh, card.cityEn) ? (
                    <Tag>{pick(i18n.language, card.cityZh, card.cityEn)}</Tag>
                  ) : null}
                  {card.productCount > 0 || card.serviceCount === 0 ? (
                    <Tag color="blue">
                      {t('expoCatalogue.hall.productCount', { count: card.productCount })}
                    </Tag>
                  ) : null}
                  {card.serviceCount > 0 ? (
                    <Tag color="purple">
                      {t('expoCatalogue.hall.serviceCount', { count: card.serviceCount })}
                    </Tag>
                  ) : null}
                </Space>
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 3 }}
                  style={{ marginTop: 8, marginBottom: 0 }}
                >
                  {pick(i18n.language, card.introZh, card.introEn)}
                </Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Pagination
        className="block-gap"
        current={cards.data.page}
        pageSize={cards.data.pageSize}
        total={cards.data.total}
        onChange={onPage}
        showSizeChanger={false}
      />
    </>
  );
};

const ProductGrid = ({
  filter,
  onPage,
  language,
}: {
  filter: HallFilter;
  onPage: (page: number) => void;
  language: string;
}) => {
  const { t } = useTranslation();
  const products = usePublicProducts(filter);
  if (products.isPending) {
    return <Skeleton active />;
  }
  if (products.isError) {
    return <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />;
  }
  if (products.data.items.length === 0) {
    return <Empty description={t('expoCatalogue.hall.noProducts')} />;
  }
  return (
    <>
      <Row gutter={[16, 16]} data-testid="expo-hall-products">
        {products.data.items.map((product) => (
          <Col key={product.id} {...CARD_COLUMNS}>
            <Link to={`/expo/products/${product.id}`} data-testid="expo-product-card">
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
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary">
                    {pick(language, product.exhibitor.displayNameZh, product.exhibitor.displayNameEn)}
                  </Typography.Text>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Pagination
        className="block-gap"
        current={products.data.page}
        pageSize={products.data.pageSize}
        total={products.data.total}
        onChange={onPage}
        showSizeChanger={false}
      />
    </>
  );
};
