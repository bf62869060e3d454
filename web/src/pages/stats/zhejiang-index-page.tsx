import {
  CalculatorOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  ExperimentOutlined,
  FilePdfOutlined,
  LineChartOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { STATS_READER_KINDS } from '../../api/stats.ts';
import { EChart } from '../../components/charts/e-chart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Brand } from '../../layout/brand.tsx';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  type IndexRunSummary,
  type PublishedIndex,
  useIndexRunActions,
  useIndexRuns,
  usePublishedIndex,
} from './zhejiang-index-api.ts';
import {
  bandsOption,
  bandText,
  chosenYear,
  computableYears,
  downloadLinks,
  headline,
  type IndexTexts,
  pillarOption,
  rankingOption,
  rankMove,
  strengthRows,
  trendOption,
} from './zhejiang-index-model.ts';
import './zhejiang-index-page.css';

/** Names, numbers and dates in the UI language, for the page and its charts. */
const useIndexTexts = (index: PublishedIndex | null | undefined) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const zh = locale === 'zh-CN';
    const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
    const pillars = new Map((index?.pillars ?? []).map((p) => [p.id, zh ? p.nameZh : p.nameEn]));
    const indicators = new Map((index?.indicators ?? []).map((i) => [i.id, zh ? i.nameZh : i.nameEn]));
    const texts: IndexTexts = {
      city: (code) => (i18n.exists(`stats.cities.${code}`) ? t(`stats.cities.${code}`) : code),
      pillar: (id) => pillars.get(id) ?? id,
      score: t('zjIndex.charts.score'),
      rank: t('zjIndex.charts.rank'),
      band: t('zjIndex.charts.band'),
      median: t('zjIndex.charts.median'),
      rebased: t('zjIndex.charts.rebased'),
      number: (v) => numberFormat.format(v),
    };
    return {
      texts,
      indicator: (id: string) => indicators.get(id) ?? id,
      date: (iso: string) => dateFormat.format(new Date(iso)),
      publisher: (i: PublishedIndex) => (zh && i.publishedByZh ? i.publishedByZh : i.publishedBy),
    };
  }, [t, i18n, locale, index]);
};

/**
 * The published Zhejiang Digital Trade Index (public, no sign-in): the year picker, the headline,
 * the ranking with its uncertainty bands, the pillars, the rebased trend, strengths and
 * weaknesses, the method and the downloads, with a banner when the data are synthetic.
 */
export const ZhejiangIndexPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The address names the year; the first answer (latest year) says which years exist.
  const latest = usePublishedIndex(undefined);
  const year = chosenYear(params.get('year'), latest.data?.publishedYears);
  const chosen = usePublishedIndex(year);
  const query = year === undefined ? latest : chosen;

  return (
    <div className="zj-index-page" data-testid="zj-index-page">
      <header className="zj-index-header">
        <Link to="/index" aria-label={t('zjIndex.title')}>
          <Brand />
        </Link>
        <div className="zj-index-header-actions">
          <LanguageSwitch compact />
          <Link to="/" data-testid="zj-index-workspace-link">
            {t('zjIndex.workspace')}
          </Link>
        </div>
      </header>
      <main className="zj-index-main">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div className="zj-index-titles">
            <Typography.Title level={2} data-testid="zj-index-title">
              <LineChartOutlined /> {t('zjIndex.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('zjIndex.subtitle')}</Typography.Paragraph>
          </div>
          {latest.data?.publishedYears && latest.data.publishedYears.length > 0 ? (
            <Select
              value={query.data?.year ?? null}
              onChange={(next: number) => setParams({ year: String(next) })}
              options={latest.data.publishedYears.map((y) => ({ value: y, label: String(y) }))}
              className="zj-index-year"
              data-testid="zj-index-year"
              aria-label={t('zjIndex.year')}
            />
          ) : null}
        </Flex>
        {query.isError ? (
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <Skeleton active />
        ) : query.data === null ? (
          <Result status="info" title={t('zjIndex.none')} data-testid="zj-index-none" />
        ) : (
          <IndexBody index={query.data} />
        )}
      </main>
    </div>
  );
};

const IndexBody = ({ index }: { index: PublishedIndex }) => {
  const { t, i18n } = useTranslation();
  const { texts, indicator, date, publisher } = useIndexTexts(index);
  const head = headline(index);
  const links = downloadLinks(index.year, i18n.language);
  const ranking = useMemo(() => rankingOption(index, texts), [index, texts]);
  const bands = useMemo(() => bandsOption(index, texts), [index, texts]);
  const pillars = useMemo(() => pillarOption(index, texts), [index, texts]);
  const trend = useMemo(() => trendOption(index, texts), [index, texts]);
  const chartHeight = Math.max(260, 34 * index.cities.length + 80);

  return (
    <Flex vertical gap={16}>
      {index.synthetic ? (
        <Alert
          type="warning"
          showIcon
          icon={<ExperimentOutlined />}
          title={t('zjIndex.synthetic.title')}
          description={t('zjIndex.synthetic.description')}
          data-testid="zj-index-synthetic"
        />
      ) : null}
      {head === null ? null : (
        <Card data-testid="zj-index-headline">
          <Flex wrap gap={24}>
            <Statistic
              title={t('zjIndex.headline.top', { year: index.year })}
              value={texts.city(head.city)}
            />
            <Statistic title={t('zjIndex.headline.score')} value={texts.number(head.score)} />
            <Statistic
              title={t('zjIndex.headline.rebased', { year: index.baseYear })}
              value={head.rebased === null ? '—' : texts.number(head.rebased)}
            />
            <Statistic
              title={t('zjIndex.headline.band')}
              value={bandText(head.band[0], head.band[1], texts.number)}
              suffix={t('zjIndex.headline.ofCities', { n: head.cities })}
            />
          </Flex>
        </Card>
      )}
      <Card title={t('zjIndex.sections.ranking')}>
        <EChart
          option={ranking}
          height={chartHeight}
          testId="zj-index-ranking-chart"
          ariaLabel={t('zjIndex.sections.ranking')}
        />
        <Typography.Paragraph type="secondary">
          {t('zjIndex.bandsNote', { runs: index.runs })}
        </Typography.Paragraph>
        <EChart
          option={bands}
          height={chartHeight}
          testId="zj-index-bands-chart"
          ariaLabel={t('zjIndex.sections.bands')}
        />
      </Card>
      <Card title={t('zjIndex.sections.pillars')}>
        <EChart
          option={pillars}
          height={chartHeight}
          testId="zj-index-pillars-chart"
          ariaLabel={t('zjIndex.sections.pillars')}
        />
      </Card>
      <Card title={t('zjIndex.sections.trend', { year: index.baseYear })}>
        <EChart
          option={trend}
          height={340}
          testId="zj-index-trend-chart"
          ariaLabel={t('zjIndex.sections.trend')}
        />
      </Card>
      <Card title={t('zjIndex.sections.strengths')}>
        <Table
          size="small"
          pagination={false}
          // Wide enough to read on a phone, where the table scrolls inside its card; wraps on a desktop.
          scroll={{ x: 720 }}
          data-testid="zj-index-strengths"
          dataSource={strengthRows(index, indicator)}
          columns={[
            { title: t('zjIndex.table.rank'), dataIndex: 'rank', width: 60 },
            {
              title: t('zjIndex.table.city'),
              dataIndex: 'city',
              width: 110,
              render: (code: string) => {
                const city = index.cities.find((c) => c.city === code);
                const move = city === undefined ? null : rankMove(city.rank, city.previousRank);
                return (
                  <Space size={4}>
                    {texts.city(code)}
                    {move === null || move === 0 ? null : (
                      <Tag color={move > 0 ? 'green' : 'red'}>{move > 0 ? `↑${move}` : `↓${-move}`}</Tag>
                    )}
                  </Space>
                );
              },
            },
            {
              title: t('zjIndex.table.strengths'),
              dataIndex: 'strengths',
              render: (names: string[]) => <span className="zj-index-wrap">{names.join('；')}</span>,
            },
            {
              title: t('zjIndex.table.weaknesses'),
              dataIndex: 'weaknesses',
              render: (names: string[]) => <span className="zj-index-wrap">{names.join('；')}</span>,
            },
          ]}
        />
      </Card>
      <Card title={t('zjIndex.sections.method')} data-testid="zj-index-method">
        <Typography.Paragraph>{t('zjIndex.method.summary')}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'spec',
              label: t('zjIndex.method.spec'),
              children: `${index.specId} v${index.specVersion}`,
            },
            { key: 'engine', label: t('zjIndex.method.engine'), children: index.engine },
            { key: 'base', label: t('zjIndex.method.baseYear'), children: String(index.baseYear) },
            {
              key: 'ua',
              label: t('zjIndex.method.uncertainty'),
              children: t('zjIndex.method.uncertaintyValue', { seed: index.seed, runs: index.runs }),
            },
            { key: 'published', label: t('zjIndex.method.published'), children: date(index.publishedAt) },
            { key: 'by', label: t('zjIndex.method.publishedBy'), children: publisher(index) },
          ]}
        />
        <Typography.Paragraph type="secondary" className="zj-index-wrap">
          {t('zjIndex.method.docs')} <Typography.Text code>docs/index-method.md</Typography.Text> ·{' '}
          <a href="/docs" target="_blank" rel="noreferrer">
            {t('zjIndex.method.api')}
          </a>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('zjIndex.method.indicators')}</Typography.Paragraph>
        <ul className="zj-index-indicators">
          {index.pillars.map((p) => (
            <li key={p.id}>
              <strong>{texts.pillar(p.id)}</strong>
              {': '}
              {index.indicators
                .filter((i) => i.pillar === p.id)
                .map((i) => indicator(i.id))
                .join('；')}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('zjIndex.sections.downloads')}>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={links.csv} data-testid="zj-index-download-csv">
            {t('zjIndex.downloads.csv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={links.xlsx} data-testid="zj-index-download-xlsx">
            {t('zjIndex.downloads.xlsx')}
          </Button>
          <Button icon={<FilePdfOutlined />} href={links.pdf} data-testid="zj-index-download-pdf">
            {t('zjIndex.downloads.pdf')}
          </Button>
        </Space>
      </Card>
    </Flex>
  );
};

/** The commerce department's runs (`/stats/index`): compute a year, publish a run. */
export const ZhejiangIndexRunsPage = () => {
  const { t } = useTranslation();
  const { membership } = useActiveOrg();
  if (!STATS_READER_KINDS.includes(membership.organisation.kind)) {
    return (
      <Result
        status="403"
        title={t('stats.forbidden.title')}
        subTitle={t('errors.stats.regulators_only')}
        data-testid="zj-index-runs-forbidden"
      />
    );
  }
  return <Runs />;
};

const statusColour: Record<IndexRunSummary['status'], string> = {
  computed: 'blue',
  published: 'green',
  superseded: 'default',
};

const Runs = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const [now] = useState(() => new Date());
  const years = computableYears(now);
  const [year, setYear] = useState(years[1] ?? now.getUTCFullYear());
  const [runs, setRuns] = useState(1000);
  const list = useIndexRuns(orgId);
  const { compute, publish } = useIndexRunActions(orgId);
  const { texts, date } = useIndexTexts(null);
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  });

  return (
    <div className="page" data-testid="zj-index-runs-page">
      <PageHeader
        title={t('zjIndex.runs.title')}
        subtitle={t('zjIndex.runs.subtitle')}
        extra={
          <Link to="/index" data-testid="zj-index-public-link">
            {t('zjIndex.runs.publicPage')}
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              aria-label={t('zjIndex.year')}
              data-testid="zj-index-compute-year"
              className="zj-index-year"
            />
            <Space>
              <Typography.Text>{t('zjIndex.runs.replications')}</Typography.Text>
              <InputNumber
                min={10}
                max={5000}
                step={100}
                value={runs}
                onChange={(v) => setRuns(v ?? 1000)}
                aria-label={t('zjIndex.runs.replications')}
              />
            </Space>
            <Button
              type="primary"
              icon={<CalculatorOutlined />}
              loading={compute.isPending}
              onClick={() => compute.mutate({ year, runs })}
              data-testid="zj-index-compute"
            >
              {t('zjIndex.runs.compute')}
            </Button>
          </Space>
          {compute.isError ? <ErrorAlert error={compute.error} testId="zj-index-compute-error" /> : null}
          {publish.isError ? <ErrorAlert error={publish.error} testId="zj-index-publish-error" /> : null}
        </Card>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<IndexRunSummary>
            rowKey="id"
            size="small"
            loading={list.isPending}
            scroll={{ x: 'max-content' }}
            dataSource={list.data?.items ?? []}
            data-testid="zj-index-runs"
            columns={[
              { title: t('zjIndex.year'), dataIndex: 'year' },
              {
                title: t('zjIndex.runs.status'),
                dataIndex: 'status',
                render: (status: IndexRunSummary['status']) => (
                  <Tag color={statusColour[status]}>{t(`zjIndex.runs.statuses.${status}`)}</Tag>
                ),
              },
              {
                title: t('zjIndex.runs.created'),
                dataIndex: 'createdAt',
                render: (iso: string) => dateTime.format(new Date(iso)),
              },
              {
                title: t('zjIndex.runs.top'),
                dataIndex: 'top',
                render: (top: IndexRunSummary['top']) =>
                  top === null ? '—' : `${texts.city(top.city)} (${texts.number(top.score)})`,
              },
              {
                title: t('zjIndex.runs.seedRuns'),
                key: 'seed',
                render: (_: unknown, run) => `${run.seed} / ${run.runs}`,
              },
              {
                title: t('zjIndex.runs.published'),
                dataIndex: 'publishedAt',
                render: (iso: string | null) => (iso === null ? '—' : date(iso)),
              },
              {
                title: '',
                key: 'actions',
                render: (_: unknown, run) =>
                  run.status === 'computed' ? (
                    <Button
                      size="small"
                      icon={<CloudUploadOutlined />}
                      loading={publish.isPending && publish.variables === run.id}
                      onClick={() => publish.mutate(run.id)}
                      data-testid="zj-index-publish"
                    >
                      {t('zjIndex.runs.publish')}
                    </Button>
                  ) : run.status === 'published' ? (
                    <Link to={`/index?year=${run.year}`}>{t('zjIndex.runs.view')}</Link>
                  ) : null,
              },
            ]}
          />
        )}
      </Flex>
    </div>
  );
};
