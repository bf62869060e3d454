import { AppError, countryByAlpha2 } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { type BreakdownDimension, breakdown, targetsDashboard } from '../facts/dashboard.ts';
import { zhejiangCities } from '../facts/dimensions.ts';
import { loadPublishedIndex, type PublishedIndex } from '../zhejiang-index/index.ts';
import { formatDate, formatMoney, formatPercent, formatScore, plotValue, ratioOf } from './format.ts';
import { groupsOfPartner, type PartnerGroupId, partnerGroupIds } from './groupings.ts';
import { codeLabels, type WhitePaperLang, type WhitePaperMessages, whitePaperMessages } from './messages.ts';

/**
 * The white paper of a year as pure data: sections of paragraphs, tables and charts, every string
 * already in the report's language and every figure already formatted, so the HTML and the PDF
 * renderers only lay it out and can never disagree about a number. The raw figures (minor units as
 * strings, as the dashboard answers) ride along in `data` for checks and downloads.
 */

/** Bumped when the report's content or layout changes, so a reader knows which one they hold. */
export const whitePaperVersion = 'white-paper/v1';

export type Align = 'left' | 'right';
export type Table = { caption: string; columns: string[]; align: Align[]; rows: string[][] };
export type Tick = { value: number; text: string };
export type BarChart = {
  kind: 'bar';
  title: string;
  items: { label: string; value: number; text: string }[];
};
export type LineChart = {
  kind: 'line';
  title: string;
  xLabels: string[];
  series: { name: string; values: (number | null)[] }[];
  ticks: Tick[];
};
export type BandChart = {
  kind: 'bands';
  title: string;
  maxRank: number;
  items: { label: string; rank: number; median: number; low: number; high: number }[];
};
export type Chart = BarChart | LineChart | BandChart;
export type TrafficLight = 'green' | 'amber' | 'red' | 'none';
export type Kpi = {
  label: string;
  actual: string;
  goal: string;
  status: TrafficLight;
  statusText: string;
  note: string;
};

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'kpis'; caption: string; columns: string[]; items: Kpi[] }
  | { kind: 'chart'; chart: Chart }
  | { kind: 'table'; table: Table };

export type SectionId = 'summary' | 'trends' | 'breakdowns' | 'index' | 'method';
export type Section = { id: SectionId; title: string; blocks: Block[] };

type BreakdownItem = { key: string; usdMinor: string; previousYearUsdMinor: string; growth: number | null };

export type WhitePaper = {
  version: string;
  year: number;
  lang: WhitePaperLang;
  throughMonth: number;
  title: string;
  subtitle: string;
  publisher: string;
  periodText: string;
  /** The hub clock's day (YYYY-MM-DD): the report's date and the PDF's creation date. */
  generatedAt: string;
  generatedOnText: string;
  synthetic: boolean;
  syntheticBanner: string;
  syntheticFooter: string;
  contentsTitle: string;
  sections: Section[];
  data: {
    targets: Awaited<ReturnType<typeof targetsDashboard>>;
    months: { month: string; usdMinor: string; cnyMinor: string }[];
    previousMonths: { month: string; usdMinor: string; cnyMinor: string }[];
    breakdowns: Record<BreakdownDimension, BreakdownItem[]>;
    index: PublishedIndex | null;
    sources: string[];
  };
};

export type WhitePaperOptions = {
  year: number;
  lang: WhitePaperLang;
  /** The hub clock: the report is dated by its day, so the same data on the same day gives the same bytes. */
  now: Date;
};

const sources = ['synthetic', 'customs', 'trade', 'payments', 'logistics', 'direct_report', 'expo'] as const;

/** The last month of `year` that has facts (1–12), or null when it has none. */
const lastMonthWithFacts = async (db: Database, year: number): Promise<number | null> => {
  const { rows } = await sql<{ last: string | null }>`
    select to_char(max(month), 'MM') as last from stats.rollup_main
    where month between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date`.execute(db.kysely);
  const last = rows[0]?.last;
  return last === null || last === undefined ? null : Number(last);
};

/** Digital trade per month in USD and CNY, as the dashboard's monthly series counts it. */
const monthlyMoney = async (db: Database, year: number) => {
  const { rows } = await sql<{ month: string; usd: string; cny: string }>`
    select to_char(month, 'YYYY-MM') as month, sum(usd_minor)::text as usd, sum(cny_minor)::text as cny
    from stats.rollup_main
    where month between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date
      and (digitally_ordered or digitally_delivered)
    group by month order by month`.execute(db.kysely);
  return rows.map((row) => ({ month: row.month, usdMinor: row.usd, cnyMinor: row.cny }));
};

/** Which sources the period's facts come from (an index lookup per source, not a scan). */
const sourcesOf = async (db: Database, year: number, throughMonth: number) => {
  const found: string[] = [];
  for (const source of sources) {
    const { rows } = await sql<{ present: boolean }>`
      select exists (select 1 from stats.facts where source = ${source}
        and month between ${`${year}-01-01`}::date
        and ${`${year}-${String(throughMonth).padStart(2, '0')}-01`}::date) as present`.execute(db.kysely);
    if (rows[0]?.present === true) {
      found.push(source);
    }
  }
  return found;
};

/** Round axis ticks from 0 to at least `max`: 1, 2 or 5 times a power of ten. */
const niceTicks = (max: number, count = 5): number[] => {
  if (max <= 0) {
    return [0, 1];
  }
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(v);
  }
  return ticks;
};

const light = (value: number | null, target: number, amberBelow: number): TrafficLight =>
  value === null ? 'none' : value >= target ? 'green' : value >= target - amberBelow ? 'amber' : 'red';

const big = (value: string) => BigInt(value);

const countryName = (code: string, lang: WhitePaperLang) => {
  const country = countryByAlpha2(code);
  return country === undefined ? code : lang === 'zh-CN' ? country.nameZh : country.nameEn;
};

const cityName = (code: string, lang: WhitePaperLang) => {
  const city = zhejiangCities.find((c) => c.code === code);
  return city === undefined ? code : lang === 'zh-CN' ? city.zh : city.en;
};

const labelOf = (dimension: BreakdownDimension, key: string, lang: WhitePaperLang): string => {
  if (dimension === 'partner') {
    return countryName(key, lang);
  }
  if (dimension === 'city') {
    return cityName(key, lang);
  }
  const names = codeLabels[dimension][key];
  if (names === undefined) {
    return dimension === 'hs_chapter' ? `HS ${key}` : key;
  }
  const name = lang === 'zh-CN' ? names.zh : names.en;
  return dimension === 'hs_chapter' ? `${key} · ${name}` : name;
};

/** A breakdown as a table (with shares of the total) and a bar chart of the same rows. */
const breakdownBlocks = (
  m: WhitePaperMessages,
  lang: WhitePaperLang,
  title: string,
  rows: { label: string; now: bigint; before: bigint; growth: number | null }[],
  total: bigint,
  withChart = true,
): Block[] => {
  const table: Table = {
    caption: title,
    columns: m.breakdowns.columns,
    align: ['left', 'right', 'right', 'right', 'right'],
    rows: rows.map((row) => [
      row.label,
      formatMoney(row.now, 'USD', lang),
      formatMoney(row.before, 'USD', lang),
      formatPercent(row.growth, true),
      formatPercent(ratioOf(row.now, total)),
    ]),
  };
  const chart: BarChart = {
    kind: 'bar',
    title,
    items: rows.map((row) => ({
      label: row.label,
      value: plotValue(row.now),
      text: formatMoney(row.now, 'USD', lang),
    })),
  };
  return [
    { kind: 'heading', text: title },
    ...(withChart ? [{ kind: 'chart' as const, chart }] : []),
    { kind: 'table', table },
  ];
};

const growthOf = (now: bigint, before: bigint) =>
  before === 0n ? null : (ratioOf(now, before) as number) - 1;

const summarySection = (
  m: WhitePaperMessages,
  lang: WhitePaperLang,
  targets: Awaited<ReturnType<typeof targetsDashboard>>,
  throughMonth: number,
): Section => {
  const d = targets.digitalTrade;
  const actual = big(d.usdMinor);
  const target = big(d.targetUsdMinor);
  // The USD 100 bn is a year's target: by month N the year to date should hold N twelfths of it.
  const proRata = (target * BigInt(throughMonth)) / 12n;
  const pace = ratioOf(actual, proRata);
  const runRate = big(d.runRateNeededUsdMinor);
  const status = (s: TrafficLight) => m.summary.status[s];
  const items: Kpi[] = [
    (() => {
      const s = light(pace, 1, 0.1);
      return {
        label: m.summary.digitalTrade,
        actual: formatMoney(actual, 'USD', lang),
        goal: formatMoney(target, 'USD', lang),
        status: s,
        statusText: status(s),
        note:
          actual >= target
            ? m.summary.reached
            : [
                m.summary.onPace(formatPercent(pace)),
                ...(throughMonth < 12 ? [m.summary.runRate(formatMoney(runRate, 'USD', lang))] : []),
              ].join(lang === 'zh-CN' ? '；' : '; '),
      };
    })(),
    (() => {
      const s = light(d.growth, d.growthTarget, 0.05);
      return {
        label: m.summary.growth,
        actual: formatPercent(d.growth, true),
        goal: `≥ ${formatPercent(d.growthTarget)}`,
        status: s,
        statusText: status(s),
        note: d.growth === null ? m.summary.noData : '',
      };
    })(),
    (() => {
      const share = targets.cbecShareOfConsumerGoods;
      const s = light(share.share, share.target, 0.1);
      return {
        label: m.summary.cbecShare,
        actual: formatPercent(share.share),
        goal: `≥ ${formatPercent(share.target)}`,
        status: s,
        statusText: status(s),
        note: share.share === null ? m.summary.noData : '',
      };
    })(),
    (() => {
      const share = targets.digitalShareOfServices;
      const s = light(share.share, share.target, 0.1);
      return {
        label: m.summary.servicesShare,
        actual: formatPercent(share.share),
        goal: `≥ ${formatPercent(share.target)}`,
        status: s,
        statusText: status(s),
        note: share.share === null ? m.summary.noData : '',
      };
    })(),
  ];
  return {
    id: 'summary',
    title: m.sections.summary,
    blocks: [
      {
        kind: 'paragraph',
        text: m.summary.intro(formatMoney(actual, 'USD', lang), formatPercent(d.growth, true)),
      },
      { kind: 'kpis', caption: m.summary.targetsTable, columns: m.summary.columns, items },
    ],
  };
};

type MonthMoney = { month: string; usdMinor: string; cnyMinor: string };

const trendsSection = (
  m: WhitePaperMessages,
  lang: WhitePaperLang,
  year: number,
  throughMonth: number,
  months: MonthMoney[],
  previous: MonthMoney[],
): Section => {
  const byMonth = (list: MonthMoney[], y: number) => {
    const map = new Map(list.map((row) => [row.month, row]));
    return Array.from({ length: 12 }, (_, i) => map.get(`${y}-${String(i + 1).padStart(2, '0')}`));
  };
  const now = byMonth(months, year);
  const before = byMonth(previous, year - 1);
  const usd = (row: MonthMoney | undefined) => (row === undefined ? 0n : big(row.usdMinor));
  const rows: string[][] = [];
  let cumulative = 0n;
  const cumulativeValues: (number | null)[] = [];
  for (let i = 0; i < 12; i += 1) {
    if (i >= throughMonth) {
      cumulativeValues.push(null);
      continue;
    }
    const row = now[i];
    const value = usd(row);
    cumulative += value;
    cumulativeValues.push(plotValue(cumulative));
    const mom = i === 0 ? growthOf(value, usd(before[11])) : growthOf(value, usd(now[i - 1]));
    rows.push([
      m.months[i] ?? '',
      formatMoney(value, 'USD', lang),
      formatMoney(row === undefined ? 0n : big(row.cnyMinor), 'CNY', lang),
      formatPercent(mom, true),
      formatPercent(growthOf(value, usd(before[i])), true),
      formatMoney(cumulative, 'USD', lang),
    ]);
  }
  const thisYear = now.map((row, i) => (i < throughMonth ? plotValue(usd(row)) : null));
  const lastYear = before.map((row) => plotValue(usd(row)));
  const tickText = (v: number) => formatMoney(BigInt(Math.round(v)) * 100n, 'USD', lang);
  const lineMax = Math.max(0, ...thisYear.map((v) => v ?? 0), ...lastYear);
  const cumMax = Math.max(0, ...cumulativeValues.map((v) => v ?? 0));
  return {
    id: 'trends',
    title: m.sections.trends,
    blocks: [
      { kind: 'paragraph', text: m.trends.intro },
      {
        kind: 'chart',
        chart: {
          kind: 'line',
          title: m.trends.lineChart(year),
          xLabels: m.months,
          series: [
            { name: String(year), values: thisYear },
            { name: String(year - 1), values: lastYear },
          ],
          ticks: niceTicks(lineMax).map((v) => ({ value: v, text: tickText(v) })),
        },
      },
      {
        kind: 'chart',
        chart: {
          kind: 'line',
          title: m.trends.cumulativeChart(year),
          xLabels: m.months,
          series: [{ name: `${year} ${m.trends.cumulative}`, values: cumulativeValues }],
          ticks: niceTicks(cumMax).map((v) => ({ value: v, text: tickText(v) })),
        },
      },
      {
        kind: 'table',
        table: {
          caption: m.trends.table,
          columns: m.trends.columns,
          align: ['left', 'right', 'right', 'right', 'right', 'right'],
          rows,
        },
      },
    ],
  };
};

const toRows = (dimension: BreakdownDimension, items: BreakdownItem[], lang: WhitePaperLang) =>
  items.map((item) => ({
    label: labelOf(dimension, item.key, lang),
    now: big(item.usdMinor),
    before: big(item.previousYearUsdMinor),
    growth: item.growth,
  }));

const sumNow = (items: BreakdownItem[]) => items.reduce((sum, item) => sum + big(item.usdMinor), 0n);

const breakdownsSection = (
  m: WhitePaperMessages,
  lang: WhitePaperLang,
  breakdowns: Record<BreakdownDimension, BreakdownItem[]>,
): Section => {
  const b = m.breakdowns;
  const partners = breakdowns.partner;
  const groups = new Map<PartnerGroupId, { now: bigint; before: bigint }>(
    partnerGroupIds.map((id) => [id, { now: 0n, before: 0n }]),
  );
  for (const item of partners) {
    for (const id of groupsOfPartner(item.key)) {
      const sum = groups.get(id) as { now: bigint; before: bigint };
      sum.now += big(item.usdMinor);
      sum.before += big(item.previousYearUsdMinor);
    }
  }
  const groupRows = partnerGroupIds.map((id) => {
    const sum = groups.get(id) as { now: bigint; before: bigint };
    return { label: b.groups[id], now: sum.now, before: sum.before, growth: growthOf(sum.now, sum.before) };
  });
  const top = (dimension: BreakdownDimension, n: number) =>
    toRows(dimension, breakdowns[dimension].slice(0, n), lang);
  return {
    id: 'breakdowns',
    title: m.sections.breakdowns,
    blocks: [
      { kind: 'paragraph', text: b.intro },
      ...breakdownBlocks(m, lang, b.mode, top('mode', 10), sumNow(breakdowns.mode)),
      ...breakdownBlocks(m, lang, b.partner, top('partner', 10), sumNow(partners)),
      ...breakdownBlocks(m, lang, b.groupings, groupRows, sumNow(partners), false),
      { kind: 'paragraph', text: b.groupingsNote },
      ...breakdownBlocks(m, lang, b.hs, top('hs_chapter', 10), sumNow(breakdowns.hs_chapter)),
      ...breakdownBlocks(m, lang, b.ebops, top('ebops', 12), sumNow(breakdowns.ebops)),
      ...breakdownBlocks(m, lang, b.content, top('content_type', 10), sumNow(breakdowns.content_type)),
      ...breakdownBlocks(m, lang, b.city, top('city', 11), sumNow(breakdowns.city)),
    ],
  };
};

const indexSection = (
  m: WhitePaperMessages,
  lang: WhitePaperLang,
  year: number,
  index: PublishedIndex | null,
): Section => {
  const t = m.index;
  if (index === null) {
    return {
      id: 'index',
      title: m.sections.index,
      blocks: [{ kind: 'paragraph', text: t.notPublished(year) }],
    };
  }
  const zh = lang === 'zh-CN';
  const cities = [...index.cities].sort((a, b) => a.rank - b.rank || a.city.localeCompare(b.city));
  const indicatorName = (id: string) => {
    const indicator = index.indicators.find((i) => i.id === id);
    return indicator === undefined ? id : zh ? indicator.nameZh : indicator.nameEn;
  };
  const pillars = index.pillars;
  return {
    id: 'index',
    title: m.sections.index,
    blocks: [
      {
        kind: 'paragraph',
        text: t.intro(`${index.specId} v${index.specVersion}`, index.baseYear, cities.length),
      },
      {
        kind: 'chart',
        chart: {
          kind: 'bands',
          title: t.rankingChart,
          maxRank: Math.max(cities.length, ...cities.map((c) => c.uncertainty.q95Rank)),
          items: cities.map((c) => ({
            label: cityName(c.city, lang),
            rank: c.rank,
            median: c.uncertainty.medianRank,
            low: c.uncertainty.q05Rank,
            high: c.uncertainty.q95Rank,
          })),
        },
      },
      {
        kind: 'table',
        table: {
          caption: t.rankingTable,
          columns: t.rankingColumns,
          align: ['right', 'left', 'right', 'right', 'right', 'right', 'right'],
          rows: cities.map((c) => [
            String(c.rank),
            cityName(c.city, lang),
            formatScore(c.score),
            formatScore(c.rebased),
            formatScore(c.uncertainty.medianRank),
            `${c.uncertainty.q05Rank}–${c.uncertainty.q95Rank}`,
            c.previousRank === null ? t.newEntry : String(c.previousRank),
          ]),
        },
      },
      ...seriesBlocks(
        t,
        lang,
        index,
        cities.slice(0, 5).map((c) => c.city),
      ),
      {
        kind: 'table',
        table: {
          caption: t.pillarTable,
          columns: [t.city, ...pillars.map((p) => (zh ? p.nameZh : p.nameEn))],
          align: ['left', ...pillars.map(() => 'right' as const)],
          rows: cities.map((c) => [
            cityName(c.city, lang),
            ...pillars.map((p) => {
              const score = c.pillars[p.id];
              return score === undefined ? '—' : `${formatScore(score.score)} (${score.rank})`;
            }),
          ]),
        },
      },
      {
        kind: 'table',
        table: {
          caption: t.strengthsTable,
          columns: t.strengthsColumns,
          align: ['left', 'left', 'left'],
          rows: cities.map((c) => [
            cityName(c.city, lang),
            c.strengths.map(indicatorName).join(zh ? '、' : ', '),
            c.weaknesses.map(indicatorName).join(zh ? '、' : ', '),
          ]),
        },
      },
    ],
  };
};

/**
 * The rebased index over the years (base year = 100): a line for each of the leading cities and a
 * table of every city, when the published index has more than one year.
 */
const seriesBlocks = (
  t: WhitePaperMessages['index'],
  lang: WhitePaperLang,
  index: PublishedIndex,
  leaders: string[],
): Block[] => {
  const years = [...new Set(index.series.map((point) => point.year))].sort((a, b) => a - b);
  if (years.length < 2) {
    return [];
  }
  const rebasedOf = (city: string, year: number) =>
    index.series.find((point) => point.city === city && point.year === year)?.rebased ?? null;
  const cities = [...index.cities].sort((a, b) => a.rank - b.rank).map((c) => c.city);
  const max = Math.max(0, ...index.series.map((point) => point.rebased ?? 0));
  return [
    {
      kind: 'chart',
      chart: {
        kind: 'line',
        title: t.seriesChart(index.baseYear),
        xLabels: years.map(String),
        series: leaders.map((city) => ({
          name: cityName(city, lang),
          values: years.map((year) => rebasedOf(city, year)),
        })),
        ticks: niceTicks(max).map((v) => ({ value: v, text: formatScore(v) })),
      },
    },
    {
      kind: 'table',
      table: {
        caption: t.seriesTable,
        columns: [t.city, ...years.map(String)],
        align: ['left', ...years.map(() => 'right' as const)],
        rows: cities.map((city) => [
          cityName(city, lang),
          ...years.map((year) => formatScore(rebasedOf(city, year))),
        ]),
      },
    },
  ];
};

/** The command that reproduces this report byte for byte against the same database. */
export const reproduceCommand = (year: number, lang: WhitePaperLang, date: string) =>
  `tradehub stats white-paper --year ${year} --lang ${lang} --date ${date} --format pdf --out white-paper-${year}-${lang}.pdf`;

const methodSection = (
  m: WhitePaperMessages,
  year: number,
  lang: WhitePaperLang,
  generatedAt: string,
  synthetic: boolean,
  found: string[],
  index: PublishedIndex | null,
): Section => {
  const t = m.method;
  const rows: string[][] = [
    [t.sources, found.map((s) => t.sourceNames[s] ?? s).join(lang === 'zh-CN' ? '、' : ', ')],
    [t.synthetic, synthetic ? t.yes : t.no],
    [t.spec, whitePaperVersion],
    ...(index === null
      ? []
      : [
          [
            t.indexSpec,
            `${index.specId} v${index.specVersion} · ${index.engine} · seed ${index.seed} · ${index.runs}`,
          ],
        ]),
    [t.generatedAt, generatedAt],
    [t.command, reproduceCommand(year, lang, generatedAt)],
  ];
  return {
    id: 'method',
    title: m.sections.method,
    blocks: [
      { kind: 'paragraph', text: t.intro },
      { kind: 'table', table: { caption: t.sources, columns: t.columns, align: ['left', 'left'], rows } },
      { kind: 'heading', text: t.definitions },
      { kind: 'paragraph', text: t.definitionText },
      { kind: 'paragraph', text: t.lights },
    ],
  };
};

/**
 * Reads the year's figures (the dashboard's own queries over the rollups, and the published
 * Zhejiang Index) and lays them out as the white paper's sections. A year without facts is a 404.
 */
export const buildWhitePaper = async (db: Database, options: WhitePaperOptions): Promise<WhitePaper> => {
  const { year, lang } = options;
  const m = whitePaperMessages[lang];
  const throughMonth = await lastMonthWithFacts(db, year);
  if (throughMonth === null) {
    throw new AppError('stats.white_paper_no_facts', `There are no trade facts for ${year}.`, {
      details: { year },
    });
  }
  const period = { year, throughMonth };
  const ex = db.kysely;
  const targets = await targetsDashboard(ex, period);
  const months = await monthlyMoney(db, year);
  const previousMonths = await monthlyMoney(db, year - 1);
  const dimensions: BreakdownDimension[] = ['mode', 'partner', 'hs_chapter', 'ebops', 'content_type', 'city'];
  const breakdowns = {} as Record<BreakdownDimension, BreakdownItem[]>;
  for (const dimension of dimensions) {
    breakdowns[dimension] = (await breakdown(ex, { ...period, dimension, digitalOnly: true })).items;
  }
  const index = await loadPublishedIndex(db, year);
  const found = await sourcesOf(db, year, throughMonth);
  const synthetic = found.includes('synthetic') || index?.synthetic === true;
  const generatedAt = options.now.toISOString().slice(0, 10);
  return {
    version: whitePaperVersion,
    year,
    lang,
    throughMonth,
    title: m.title(year),
    subtitle: m.subtitle,
    publisher: m.publisher,
    periodText: m.period(year, m.monthNames[throughMonth - 1] ?? ''),
    generatedAt,
    generatedOnText: m.generatedOn(formatDate(generatedAt, lang, m.monthNames)),
    synthetic,
    syntheticBanner: m.syntheticBanner,
    syntheticFooter: m.syntheticFooter,
    contentsTitle: m.contents,
    sections: [
      summarySection(m, lang, targets, throughMonth),
      trendsSection(m, lang, year, throughMonth, months, previousMonths),
      breakdownsSection(m, lang, breakdowns),
      indexSection(m, lang, year, index),
      methodSection(m, year, lang, generatedAt, synthetic, found, index),
    ],
    data: { targets, months, previousMonths, breakdowns, index, sources: found },
  };
};
