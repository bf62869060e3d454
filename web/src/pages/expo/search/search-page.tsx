import { FilterOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Empty,
  Flex,
  Grid,
  Input,
  Pagination,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  SEARCH_KINDS,
  type SearchCard,
  type SearchFilter,
  type SearchKind,
  useExpoSearch,
  useRecentSearches,
} from '../../../api/expo-search.ts';
import { CountrySelect } from '../../../components/country-select.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { decimalText, pick, priceText, VERIFICATION_COLOUR } from '../catalogue/catalogue-model.ts';
import { highlightParts } from './highlight.ts';

const PAGE_SIZE = 12;
const CARD_COLUMNS = { xs: 24, sm: 12, xl: 8 } as const;
const CERTIFICATIONS = [
  'CE',
  'RoHS',
  'FCC',
  'UL',
  'CCC',
  'GS',
  'ISO 9001',
  'FDA',
  'LFGB',
  'EN71',
  'OEKO-TEX',
];
const CURRENCIES = ['USD', 'CNY', 'EUR', 'MYR'];
const UNITS = ['C62', 'PCE', 'SET', 'PR', 'KGM', 'MTR', 'MTK'];

/** The filters as they sit in the page's URL, so a search can be shared and reloaded. */
const filterFromUrl = (params: URLSearchParams): SearchFilter => {
  const kinds = params
    .getAll('kind')
    .filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k));
  const text = (name: string) => params.get(name) ?? undefined;
  return {
    q: params.get('q') ?? '',
    kinds,
    hsChapter: text('hsChapter'),
    country: text('country'),
    certification: text('certification'),
    verifiedOnly: params.get('verifiedOnly') === 'true',
    maxMoq: text('maxMoq'),
    moqUnit: text('moqUnit') ?? 'C62',
    maxPrice: text('maxPrice'),
    currency: text('currency') ?? 'USD',
    page: Math.max(1, Number(params.get('page') ?? '1') || 1),
    pageSize: PAGE_SIZE,
  };
};

const urlOf = (filter: SearchFilter): URLSearchParams => {
  const params = new URLSearchParams();
  params.set('q', filter.q);
  for (const kind of filter.kinds) {
    params.append('kind', kind);
  }
  const pairs: [string, string | undefined][] = [
    ['hsChapter', filter.hsChapter],
    ['country', filter.country],
    ['certification', filter.certification],
    ['verifiedOnly', filter.verifiedOnly === true ? 'true' : undefined],
    ['maxMoq', filter.maxMoq],
    ['moqUnit', filter.maxMoq ? filter.moqUnit : undefined],
    ['maxPrice', filter.maxPrice],
    ['currency', filter.maxPrice ? filter.currency : undefined],
    ['page', filter.page > 1 ? String(filter.page) : undefined],
  ];
  for (const [name, value] of pairs) {
    if (value !== undefined && value !== '') {
      params.set(name, value);
    }
  }
  return params;
};

/** Search the expo: one box in Chinese or English, filters (collapsed on a phone), result cards. */
export const ExpoSearchPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const [params, setParams] = useSearchParams();
  const filter = filterFromUrl(params);
  const [draft, setDraft] = useState(filter.q);
  const screens = Grid.useBreakpoint();
  const update = (change: Partial<SearchFilter>) => setParams(urlOf({ ...filter, page: 1, ...change }));

  return (
    <div data-testid="expo-search-page">
      <PageHeader
        title={t('expoSearch.title')}
        subtitle={t('expoSearch.subtitle')}
        extra={
          <Link to="/expo">
            <Button>{t('expoSearch.backToHall')}</Button>
          </Link>
        }
      />
      <Input.Search
        className="block-gap"
        size="large"
        allowClear
        value={draft}
        maxLength={200}
        enterButton={t('expoSearch.search')}
        placeholder={t('expoSearch.placeholder')}
        data-testid="expo-search-box"
        onChange={(event) => setDraft(event.target.value)}
        onSearch={(q) => update({ q: q.trim() })}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          {screens.lg ? (
            <Card size="small" title={t('expoSearch.filters.title')}>
              <Filters filter={filter} update={update} />
            </Card>
          ) : (
            <Collapse
              data-testid="expo-search-filters-toggle"
              items={[
                {
                  key: 'filters',
                  label: (
                    <Space>
                      <FilterOutlined />
                      {t('expoSearch.filters.title')}
                    </Space>
                  ),
                  children: <Filters filter={filter} update={update} />,
                },
              ]}
            />
          )}
        </Col>
        <Col xs={24} lg={18}>
          {filter.q.trim() === '' ? (
            <RecentSearches
              orgId={orgId}
              onPick={(q) => {
                setDraft(q);
                update({ q });
              }}
            />
          ) : (
            <Results orgId={orgId} filter={filter} onPage={(page) => setParams(urlOf({ ...filter, page }))} />
          )}
        </Col>
      </Row>
    </div>
  );
};

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div style={{ marginBottom: 12 }}>
    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
      {label}
    </Typography.Text>
    {children}
  </div>
);

const Filters = ({
  filter,
  update,
}: {
  filter: SearchFilter;
  update: (change: Partial<SearchFilter>) => void;
}) => {
  const { t } = useTranslation();
  return (
    <div data-testid="expo-search-filters">
      <Field label={t('expoSearch.filters.kind')}>
        <Checkbox.Group
          value={filter.kinds}
          options={SEARCH_KINDS.map((kind) => ({ value: kind, label: t(`expoSearch.kind.${kind}`) }))}
          onChange={(kinds) => update({ kinds: kinds as SearchKind[] })}
          data-testid="expo-search-kinds"
        />
      </Field>
      <Field label={t('expoSearch.filters.hsChapter')}>
        <Input
          allowClear
          maxLength={2}
          value={filter.hsChapter ?? ''}
          placeholder="85"
          data-testid="expo-search-hs-chapter"
          onChange={(event) => {
            const value = event.target.value.replace(/\D/g, '');
            if (value.length === 0 || value.length === 2) {
              update({ hsChapter: value || undefined });
            }
          }}
        />
      </Field>
      <Field label={t('expoSearch.filters.country')}>
        <CountrySelect
          testId="expo-search-country"
          value={filter.country ?? null}
          onChange={(country) => update({ country: country || undefined })}
        />
      </Field>
      <Field label={t('expoSearch.filters.certification')}>
        <Select
          allowClear
          style={{ width: '100%' }}
          value={filter.certification}
          options={CERTIFICATIONS.map((scheme) => ({ value: scheme, label: scheme }))}
          placeholder={t('expoSearch.filters.anyCertification')}
          data-testid="expo-search-certification"
          onChange={(certification: string | undefined) => update({ certification })}
        />
      </Field>
      <Field label={t('expoSearch.filters.verified')}>
        <Checkbox
          checked={filter.verifiedOnly === true}
          data-testid="expo-search-verified"
          onChange={(event) => update({ verifiedOnly: event.target.checked })}
        >
          {t('expoSearch.filters.verifiedOnly')}
        </Checkbox>
      </Field>
      <Field label={t('expoSearch.filters.maxMoq')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            allowClear
            defaultValue={filter.maxMoq}
            inputMode="decimal"
            data-testid="expo-search-max-moq"
            onBlur={(event) => update({ maxMoq: decimalOrUndefined(event.target.value) })}
          />
          <Select
            style={{ width: 100 }}
            value={filter.moqUnit}
            options={UNITS.map((unit) => ({ value: unit, label: unit }))}
            onChange={(moqUnit: string) => update({ moqUnit })}
          />
        </Space.Compact>
      </Field>
      <Field label={t('expoSearch.filters.maxPrice')}>
        <Space.Compact style={{ width: '100%' }}>
          <Select
            style={{ width: 90 }}
            value={filter.currency}
            options={CURRENCIES.map((currency) => ({ value: currency, label: currency }))}
            onChange={(currency: string) => update({ currency })}
          />
          <Input
            allowClear
            defaultValue={filter.maxPrice}
            inputMode="decimal"
            data-testid="expo-search-max-price"
            onBlur={(event) => update({ maxPrice: decimalOrUndefined(event.target.value) })}
          />
        </Space.Compact>
      </Field>
      <Button
        type="link"
        style={{ paddingLeft: 0 }}
        onClick={() =>
          update({
            kinds: [],
            hsChapter: undefined,
            country: undefined,
            certification: undefined,
            verifiedOnly: false,
            maxMoq: undefined,
            maxPrice: undefined,
          })
        }
      >
        {t('expoSearch.filters.clear')}
      </Button>
    </div>
  );
};

const decimalOrUndefined = (text: string): string | undefined => {
  const trimmed = text.trim();
  return /^\d{1,15}(\.\d{1,4})?$/.test(trimmed) ? trimmed : undefined;
};

const Results = ({
  orgId,
  filter,
  onPage,
}: {
  orgId: string;
  filter: SearchFilter;
  onPage: (page: number) => void;
}) => {
  const { t, i18n } = useTranslation();
  const answer = useExpoSearch(orgId, filter);
  if (answer.isPending) {
    return <Skeleton active />;
  }
  if (answer.isError) {
    return <ErrorAlert error={answer.error} testId="expo-search-error" />;
  }
  const { items, total, totalCapped, matchMode } = answer.data;
  if (items.length === 0) {
    return <Empty description={t('expoSearch.noResults')} data-testid="expo-search-empty" />;
  }
  const count = totalCapped
    ? `${decimalText(String(total), i18n.language)}+`
    : decimalText(String(total), i18n.language);
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="expo-search-summary">
        {t('expoSearch.summary', { count, ms: answer.data.tookMs })}
        {matchMode === 'any' ? ` ${t('expoSearch.anyWord')}` : ''}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} data-testid="expo-search-results">
        {items.map((card) => (
          <Col key={`${card.kind}:${card.id}`} {...CARD_COLUMNS}>
            <ResultCard card={card} />
          </Col>
        ))}
      </Row>
      <Pagination
        className="block-gap"
        current={filter.page}
        pageSize={filter.pageSize}
        total={Math.min(total, 500)}
        onChange={onPage}
        showSizeChanger={false}
      />
    </>
  );
};

const KIND_COLOUR: Record<SearchKind, string> = { product: 'blue', service: 'purple', exhibitor: 'gold' };

const linkOf = (card: SearchCard): string =>
  card.kind === 'product' ? `/expo/products/${card.id}` : `/expo/exhibitors/${card.exhibitor.organisationId}`;

/** The words of `text` that the search matched, in bold. */
const Highlighted = ({ text, terms }: { text: string; terms: readonly string[] }) => (
  <>
    {highlightParts(text, terms).map((part, index) =>
      part.match ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder.
        <mark key={index} style={{ padding: 0, background: 'transparent', fontWeight: 600 }}>
          {part.text}
        </mark>
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder.
        <span key={index}>{part.text}</span>
      ),
    )}
  </>
);

const ResultCard = ({ card }: { card: SearchCard }) => {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const name = pick(language, card.nameZh, card.nameEn);
  const other = language.startsWith('zh') ? card.nameEn : card.nameZh;
  return (
    <Link to={linkOf(card)} data-testid="expo-search-card">
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Flex gap={8} align="start" justify="space-between">
          <Typography.Text strong>
            <Highlighted text={name} terms={card.matchedTerms} />
          </Typography.Text>
          <Tag color={KIND_COLOUR[card.kind]}>{t(`expoSearch.kind.${card.kind}`)}</Tag>
        </Flex>
        {other !== name ? (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            <Highlighted text={other} terms={card.matchedTerms} />
          </Typography.Text>
        ) : null}
        {card.kind !== 'exhibitor' ? (
          <Typography.Text style={{ display: 'block', marginTop: 4 }}>
            {pick(language, card.exhibitor.nameZh, card.exhibitor.nameEn)} · {card.exhibitor.country}
          </Typography.Text>
        ) : (
          <Tag style={{ marginTop: 4 }}>{card.exhibitor.country}</Tag>
        )}
        <Space wrap size={[4, 4]} style={{ marginTop: 8 }}>
          {card.hsCode ? <Tag>HS {card.hsCode}</Tag> : null}
          {card.ebopsCode ? <Tag>EBOPS {card.ebopsCode}</Tag> : null}
          {card.price ? <Tag color="geekblue">{priceText(card.price, language)}</Tag> : null}
          {card.moq ? (
            <Tag>
              {t('expoSearch.moq')} {decimalText(card.moq.quantity, language)} {card.moq.unit}
            </Tag>
          ) : null}
          {card.certifications.map((c) => (
            <Tag key={c.scheme} color={VERIFICATION_COLOUR[c.verification]}>
              {c.scheme}
              {c.verification === 'verified' ? ` ✓ ${t('expoSearch.verified')}` : ''}
            </Tag>
          ))}
        </Space>
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2 }}
          style={{ marginTop: 8, marginBottom: 0 }}
        >
          <Highlighted text={pick(language, card.snippetZh, card.snippetEn)} terms={card.matchedTerms} />
        </Typography.Paragraph>
      </Card>
    </Link>
  );
};

const RecentSearches = ({ orgId, onPick }: { orgId: string; onPick: (q: string) => void }) => {
  const { t } = useTranslation();
  const recent = useRecentSearches(orgId);
  const items = recent.data?.items ?? [];
  if (items.length === 0) {
    return <Empty description={t('expoSearch.startHint')} />;
  }
  return (
    <Card size="small" title={t('expoSearch.recent')} data-testid="expo-search-recent">
      <Space wrap>
        {items.map((item) => (
          <Button key={item.query} size="small" onClick={() => onPick(item.query)}>
            {item.query}
          </Button>
        ))}
      </Space>
    </Card>
  );
};
