import { describe, expect, it } from 'vitest';
import type { Aggregation } from './aggregate.ts';
import { close, indicatorCodes, inputRows, num, readCsv } from './fixture-support.ts';
import type { FrameworkNode } from './framework.ts';
import { type Normalisation, normaliseIndicator } from './normalise.ts';
import { kurt, skew } from './numeric.ts';
import { type IndexSpec, prepareIndexData, runIndex } from './run-index.ts';
import { saEstimate } from './sensitivity.ts';
import { defaultTreatment, treatIndicator } from './treat.ts';

// Every expected number here was produced by COINr's own functions in R (fixtures/coinr/README.md):
// the engine must give COINr's results on the same inputs and settings.

const directions: Record<string, 1 | -1> = {
  exports_per_capita: 1,
  cbec_share: 1,
  platform_count: 1,
  digital_services_share: 1,
  data_centres: 1,
  broadband: 1,
  logistics_cost: -1,
  dispute_rate: -1,
};

const third = 1 / 3;
const framework: FrameworkNode[] = [
  { code: 'index', parent: null, weight: 1 },
  { code: 'trade', parent: 'index', weight: 0.4 },
  { code: 'digital', parent: 'index', weight: 0.4 },
  { code: 'environment', parent: 'index', weight: 0.2 },
  { code: 'exports_per_capita', parent: 'trade', weight: third },
  { code: 'cbec_share', parent: 'trade', weight: third },
  { code: 'platform_count', parent: 'trade', weight: third },
  { code: 'digital_services_share', parent: 'digital', weight: third },
  { code: 'data_centres', parent: 'digital', weight: third },
  { code: 'broadband', parent: 'digital', weight: third },
  { code: 'logistics_cost', parent: 'environment', weight: 0.5 },
  { code: 'dispute_rate', parent: 'environment', weight: 0.5 },
];

const spec = (normalisation: Normalisation, aggregation: Aggregation, pooled = false): IndexSpec => ({
  id: 'coinr-fixture',
  framework,
  indicators: Object.fromEntries(
    indicatorCodes.map((code) => [code, { direction: directions[code] as 1 | -1 }]),
  ),
  imputation: { method: 'none' },
  treatment: defaultTreatment,
  normalisation,
  pooledNormalisation: pooled,
  aggregation,
});

const rows = inputRows();
const years = [2022, 2023, 2024];
const column = (year: number, code: string) =>
  rows.filter((row) => row.year === year).map((row) => row.values[code] ?? Number.NaN);

describe('the index engine reproduces COINr', () => {
  it('skewness and kurtosis (e1071 type 2) of every raw indicator and year', () => {
    const expected = readCsv('coinr/skew-kurt.csv');
    expect(expected).toHaveLength(24);
    for (const record of expected) {
      const values = column(Number(record.year), record.indicator as string);
      expect(close(skew(values), num(record.skew)), `${record.indicator} ${record.year}`).toBe(true);
      expect(close(kurt(values), num(record.kurt)), `${record.indicator} ${record.year}`).toBe(true);
    }
  });

  it("treats outliers as COINr's default Treat: the same points winsorised, the same values, log_CT where winsorising fails", () => {
    const records = readCsv('coinr/treatment-cases.csv');
    const cases = [...new Set(records.map((r) => r.case as string))];
    expect(cases.length).toBeGreaterThanOrEqual(10);
    const methods = new Set<string>();
    for (const name of cases) {
      const ofCase = records.filter((r) => r.case === name);
      const treated = treatIndicator(
        ofCase.map((r) => num(r.input)),
        defaultTreatment,
      );
      const method = ofCase[0]?.method as string;
      methods.add(method);
      expect(treated.method, name).toBe(method);
      ofCase.forEach((r, i) => {
        expect(close(treated.x[i] as number, num(r.value)), `${name}[${i}]`).toBe(true);
        expect(treated.points[i], `${name}[${i}]`).toBe(method === 'none' ? '' : r.point);
      });
    }
    // The fixtures exercise all three outcomes.
    expect([...methods].sort()).toEqual(['log_CT', 'none', 'winsorised']);
  });

  it('treats the indicator data set per year exactly as COINr', () => {
    const data = prepareIndexData(
      spec({ method: 'minmax', lower: 0, upper: 100 }, { method: 'arithmetic' }),
      rows,
    );
    const expected = readCsv('coinr/treated.csv');
    expect(expected).toHaveLength(rows.length * indicatorCodes.length);
    for (const record of expected) {
      const i = rows.findIndex((row) => row.unit === record.unit && row.year === Number(record.year));
      const actual = (data.columns.get(record.indicator as string) as number[])[i] as number;
      expect(close(actual, num(record.value)), `${record.indicator} ${record.unit} ${record.year}`).toBe(
        true,
      );
    }
    const winsorised = expected.filter((r) => r.point === 'winhi' || r.point === 'winlo');
    expect(winsorised.length).toBeGreaterThan(0);
    for (const record of winsorised) {
      const entry = data.audit.treated.find(
        (t) => t.year === Number(record.year) && t.indicator === record.indicator,
      );
      expect(entry?.points).toContainEqual({ unit: record.unit, treatment: record.point });
    }
  });

  const normalisations: Record<string, Normalisation> = {
    minmax_0_100: { method: 'minmax', lower: 0, upper: 100 },
    minmax_1_100: { method: 'minmax', lower: 1, upper: 100 },
    zscore_10_1: { method: 'zscore', mean: 10, sd: 1 },
    dist2max: { method: 'dist2max' },
    fracmax: { method: 'fracmax' },
    prank: { method: 'prank' },
    rank: { method: 'rank' },
    borda: { method: 'borda' },
  };

  it('normalises with every method, per year and pooled over years, directions applied', () => {
    const data = prepareIndexData(
      spec({ method: 'minmax', lower: 0, upper: 100 }, { method: 'arithmetic' }),
      rows,
    );
    const expected = readCsv('coinr/normalised.csv');
    let checked = 0;
    for (const [name, normalisation] of Object.entries(normalisations)) {
      for (const year of years) {
        const indices = rows.flatMap((row, i) => (row.year === year ? [i] : []));
        for (const code of indicatorCodes) {
          const treated = indices.map((i) => (data.columns.get(code) as number[])[i] as number);
          const actual = normaliseIndicator(treated, normalisation, {
            direction: directions[code] as 1 | -1,
          });
          const want = expected.filter(
            (r) => r.normalisation === name && Number(r.year) === year && r.indicator === code,
          );
          expect(want).toHaveLength(indices.length);
          want.forEach((r, k) => {
            expect(close(actual[k] as number, num(r.value)), `${name} ${code} ${year} ${r.unit}`).toBe(true);
            checked += 1;
          });
        }
      }
    }
    const pooled = expected.filter((r) => r.normalisation === 'minmax_0_100_pooled');
    for (const code of indicatorCodes) {
      const actual = normaliseIndicator(
        data.columns.get(code) as number[],
        normalisations.minmax_0_100 as Normalisation,
        {
          direction: directions[code] as 1 | -1,
        },
      );
      pooled
        .filter((r) => r.indicator === code)
        .forEach((r, k) => {
          expect(close(actual[k] as number, num(r.value)), `pooled ${code} ${r.unit} ${r.year}`).toBe(true);
          checked += 1;
        });
    }
    expect(checked).toBe(expected.length);
  });

  it('distance to a target (capped) and goalposts', () => {
    const expected = readCsv('coinr/targets.csv');
    for (const year of years) {
      const x = column(year, 'digital_services_share');
      const targ = normaliseIndicator(x, { method: 'dist2targ', capMax: true }, { direction: 1, target: 50 });
      const posts = normaliseIndicator(
        x,
        { method: 'goalposts', truncate: true, scale: 100 },
        { direction: 1, goalposts: { lower: 25, upper: 50 } },
      );
      const want = (method: string) => expected.filter((r) => r.method === method && Number(r.year) === year);
      for (const [k, r] of want('dist2targ_50_cap').entries()) {
        expect(close(targ[k] as number, num(r.value))).toBe(true);
      }
      for (const [k, r] of want('goalposts_25_50_100').entries()) {
        expect(close(posts[k] as number, num(r.value))).toBe(true);
      }
    }
  });

  it('aggregates pillars and the index (arithmetic with missing values re-weighted, geometric, harmonic) and ranks', () => {
    const expected = readCsv('coinr/aggregated.csv');
    const variants: [string, Normalisation, Aggregation][] = [
      ['a_amean', normalisations.minmax_0_100 as Normalisation, { method: 'arithmetic' }],
      ['a_gmean', normalisations.minmax_1_100 as Normalisation, { method: 'geometric' }],
      ['a_hmean', normalisations.minmax_1_100 as Normalisation, { method: 'harmonic' }],
    ];
    for (const [name, normalisation, aggregation] of variants) {
      const run = runIndex(spec(normalisation, aggregation), rows);
      const want = expected.filter((r) => r.aggregation === name);
      expect(want).toHaveLength(rows.length);
      for (const r of want) {
        const result = run.results.find((u) => u.unit === r.unit && u.year === Number(r.year));
        for (const node of ['trade', 'digital', 'environment', 'index']) {
          expect(
            close(result?.scores[node] ?? Number.NaN, num(r[node])),
            `${name} ${node} ${r.unit} ${r.year}`,
          ).toBe(true);
        }
        expect(result?.ranks.index, `${name} rank ${r.unit} ${r.year}`).toBe(Number(r.rank));
      }
    }
  });

  it("estimates Si and STi exactly as COINr's SA_estimate on COINr's own SA_sample design", () => {
    const sample = readCsv('coinr/sa-sample.csv');
    const [estimate] = [readCsv('coinr/sa-estimate.csv')];
    const y = sample.map((r) => num(r.y));
    const result = saEstimate(y, 200, 3);
    expect(close(result.variance, num(estimate?.[0]?.variance))).toBe(true);
    estimate?.forEach((r, i) => {
      expect(close(result.first[i] as number, num(r.Si)), `Si ${i}`).toBe(true);
      expect(close(result.total[i] as number, num(r.STi)), `STi ${i}`).toBe(true);
    });
  });
});
