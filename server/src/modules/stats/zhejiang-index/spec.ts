import { createHash } from 'node:crypto';
import { canonicalize } from '@tradehub/kernel';
import type { IndexSpec } from '../index-engine/index.ts';
import { defaultTreatment } from '../index-engine/index.ts';

/**
 * The Zhejiang Digital Trade Index, version 1, as data: five pillars of three indicators each, per
 * city and year, computed from the trade facts (docs/index-method.md, "The Zhejiang Index v1").
 * A change of indicator, weight or method is a new version, never an edit of this one: published
 * runs name the version and the hash of the spec they were computed with.
 */

export type IndicatorDefinition = {
  id: string;
  pillar: string;
  nameZh: string;
  nameEn: string;
  unitZh: string;
  unitEn: string;
  /** 1: higher is better; −1: lower is better. */
  direction: 1 | -1;
  /** The weight within its pillar. */
  weight: number;
};

export type PillarDefinition = { id: string; nameZh: string; nameEn: string; weight: number };

export type ZhejiangIndexSpec = {
  id: string;
  version: number;
  nameZh: string;
  nameEn: string;
  pillars: PillarDefinition[];
  indicators: IndicatorDefinition[];
};

const third = 1 / 3;

const pillars: PillarDefinition[] = [
  { id: 'scale', nameZh: '规模', nameEn: 'Scale', weight: 0.2 },
  { id: 'structure', nameZh: '结构与质量', nameEn: 'Structure and quality', weight: 0.2 },
  { id: 'growth', nameZh: '增长', nameEn: 'Growth', weight: 0.2 },
  { id: 'openness', nameZh: '开放', nameEn: 'Openness', weight: 0.2 },
  { id: 'digital', nameZh: '数字服务与数据', nameEn: 'Digital services and data', weight: 0.2 },
];

const indicator = (
  id: string,
  pillar: string,
  names: [string, string],
  units: [string, string],
): IndicatorDefinition => ({
  id,
  pillar,
  nameZh: names[0],
  nameEn: names[1],
  unitZh: units[0],
  unitEn: units[1],
  direction: 1,
  weight: third,
});

const percent: [string, string] = ['%', '%'];

export const zhejiangIndexV1: ZhejiangIndexSpec = {
  id: 'zhejiang-index',
  version: 1,
  nameZh: '浙江数字贸易指数',
  nameEn: 'Zhejiang Digital Trade Index',
  pillars,
  indicators: [
    indicator('dt_total', 'scale', ['数字贸易额', 'Digital trade'], ['百万美元', 'USD million']),
    indicator(
      'dt_per_capita',
      'scale',
      ['人均数字贸易额', 'Digital trade per resident'],
      ['美元/人', 'USD per person'],
    ),
    indicator(
      'enterprises',
      'scale',
      ['开展数字贸易的企业数', 'Enterprises trading digitally'],
      ['家', 'enterprises'],
    ),
    indicator(
      'cbec_share_goods',
      'structure',
      ['跨境电商占货物贸易比重', 'Cross-border e-commerce share of goods trade'],
      percent,
    ),
    indicator(
      'digital_services_share',
      'structure',
      ['可数字化交付服务占服务贸易比重', 'Digitally delivered share of services trade'],
      percent,
    ),
    indicator(
      'b2b_share',
      'structure',
      ['B2B 出口（9710/9810）占跨境电商出口比重', 'B2B (9710/9810) share of cross-border e-commerce exports'],
      percent,
    ),
    indicator('dt_growth', 'growth', ['数字贸易同比增速', 'Digital trade, year-on-year growth'], percent),
    indicator(
      'cbec_export_growth',
      'growth',
      ['跨境电商出口同比增速', 'Cross-border e-commerce exports, year-on-year growth'],
      percent,
    ),
    indicator(
      'digital_services_growth',
      'growth',
      ['数字化交付服务同比增速', 'Digitally delivered services, year-on-year growth'],
      percent,
    ),
    indicator(
      'partner_diversity',
      'openness',
      ['贸易伙伴多元化（1 − HHI）', 'Partner diversity (1 − HHI)'],
      ['0–1', '0–1'],
    ),
    indicator(
      'partner_count',
      'openness',
      ['贸易伙伴国家（地区）数', 'Partner countries'],
      ['个', 'countries'],
    ),
    indicator(
      'rcep_share',
      'openness',
      ['RCEP 伙伴占数字贸易比重', 'RCEP partners share of digital trade'],
      percent,
    ),
    indicator(
      'ds_per_capita',
      'digital',
      ['人均数字化交付服务贸易额', 'Digitally delivered services per resident'],
      ['美元/人', 'USD per person'],
    ),
    indicator(
      'tech_data_share',
      'digital',
      ['数字技术与数据贸易占数字贸易比重', 'Digital technology and data share of digital trade'],
      percent,
    ),
    indicator(
      'digital_content_share',
      'digital',
      [
        '数字技术、服务、产品与数据占数字贸易比重',
        'Digital technology, services, products and data share of digital trade',
      ],
      percent,
    ),
  ],
};

/** The spec in force: what a new run is computed with. */
export const currentSpec = zhejiangIndexV1;

/** The root node of the framework. */
export const INDEX_ROOT = 'index';

/**
 * The engine's spec: min-max to [1, 100] pooled over the years (so a city's score can rise or fall
 * over time and the geometric mean stays possible in the uncertainty analysis; with an arithmetic
 * mean the ranks are the same as with [0, 100]), COINr's default treatment, the latest earlier
 * year for a missing value (a year without facts), and the arithmetic mean at every level. No
 * base year here: the rebased series is computed like for like (`rebasedSeries` in compute.ts),
 * because the base year has no growth pillar (nothing precedes it) and the engine's rebasing would
 * divide a five-pillar score by a four-pillar one.
 */
export const engineSpec = (spec: ZhejiangIndexSpec): IndexSpec => ({
  id: `${spec.id}/v${spec.version}`,
  framework: [
    { code: INDEX_ROOT, parent: null, weight: 1 },
    ...spec.pillars.map((p) => ({ code: p.id, parent: INDEX_ROOT, weight: p.weight })),
    ...spec.indicators.map((i) => ({ code: i.id, parent: i.pillar, weight: i.weight })),
  ],
  indicators: Object.fromEntries(spec.indicators.map((i) => [i.id, { direction: i.direction }])),
  imputation: { method: 'panel_latest' },
  treatment: defaultTreatment,
  normalisation: { method: 'minmax', lower: 1, upper: 100 },
  pooledNormalisation: true,
  aggregation: { method: 'arithmetic' },
});

/** The uncertain choices the published bands vary: weights ±25 %, normalisation, aggregation. */
export const uncertainInputs = {
  weightNoise: { factor: 0.25, weightSets: 100 },
  normalisations: [{ method: 'minmax' as const, lower: 1, upper: 100 }, { method: 'rank' as const }],
  aggregations: [{ method: 'arithmetic' as const }, { method: 'geometric' as const }],
};

/** SHA-256 of the spec's canonical JSON: a run names the exact spec text it used. */
export const specHash = (spec: ZhejiangIndexSpec) =>
  createHash('sha256').update(canonicalize(spec)).digest('hex');
