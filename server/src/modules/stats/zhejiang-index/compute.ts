import { createHash } from 'node:crypto';
import { canonicalize } from '@tradehub/kernel';
import type { CityCode } from '../facts/dimensions.ts';
import {
  analyseUncertainty,
  INDEX_ENGINE_VERSION,
  type IndexRow,
  type IndexRun,
  rankMin,
  runIndex,
  type UnitResult,
} from '../index-engine/index.ts';
import type { IndicatorData } from './indicators.ts';
import { withoutFlatIndicators } from './indicators.ts';
import type { PublishedCity, PublishedIndex } from './published-index.ts';
import { engineSpec, INDEX_ROOT, specHash, uncertainInputs, type ZhejiangIndexSpec } from './spec.ts';

/** How many strengths and weaknesses each city shows (COINr's get_str_weak, n = 3). */
const STRENGTHS = 3;
/** Published precision of scores: two decimals, so the page, the downloads and the paper agree. */
const round2 = (v: number) => Math.round(v * 100) / 100;
const roundOrNull = (v: number | null | undefined) => (v === null || v === undefined ? null : round2(v));

/**
 * Each city's index rebased to 100 in the base year, like for like: the weighted mean of the
 * pillars the city has in the base year (re-weighted as the arithmetic mean re-weights), so a
 * pillar the base year cannot have (growth: nothing precedes it) neither lifts nor drags the
 * later years. With every pillar present in the base year this is the index itself, rebased.
 */
export const rebasedSeries = (spec: ZhejiangIndexSpec, results: readonly UnitResult[], baseYear: number) => {
  const likeForLike = (result: UnitResult, pillars: readonly string[]) => {
    let sum = 0;
    let weights = 0;
    for (const pillar of spec.pillars) {
      const score = result.scores[pillar.id];
      if (pillars.includes(pillar.id) && score !== null && score !== undefined) {
        sum += pillar.weight * score;
        weights += pillar.weight;
      }
    }
    return weights === 0 ? null : sum / weights;
  };
  const bases = new Map<string, { pillars: string[]; value: number | null }>();
  for (const result of results) {
    if (result.year === baseYear) {
      const pillars = spec.pillars
        .map((p) => p.id)
        .filter((id) => result.scores[id] !== null && result.scores[id] !== undefined);
      bases.set(result.unit, { pillars, value: likeForLike(result, pillars) });
    }
  }
  return (result: UnitResult): number | null => {
    const base = bases.get(result.unit);
    if (base === undefined || base.value === null || base.value === 0) {
      return null;
    }
    const now = likeForLike(result, base.pillars);
    return now === null ? null : (now / base.value) * 100;
  };
};

/** One city's row of the downloads: raw indicators, normalised scores, pillars. */
export type CityTable = {
  city: CityCode;
  raw: Record<string, number | null>;
  normalised: Record<string, number | null>;
  pillars: Record<string, number | null>;
};

/** What a run stores: the published view (without who published it) and the downloads' table. */
export type RunResult = {
  index: Omit<PublishedIndex, 'publishedAt' | 'publishedBy'>;
  table: CityTable[];
  /** Indicators without spread in the data, left out of this run. */
  leftOut: string[];
  /** The cells the engine imputed (latest earlier year) and the outliers it treated. */
  audit: IndexRun['audit'];
  throughMonth: number;
};

export type ComputedRun = {
  specHash: string;
  inputsHash: string;
  baseYear: number;
  synthetic: boolean;
  result: RunResult;
};

/**
 * Computes a year's index from the indicator data: the nominal run with the spec, the Monte Carlo
 * bands over the method's uncertain choices, strengths and weaknesses, and the rebased series.
 * Pure: the same data, spec and seed give the same result.
 */
export const computeIndex = (
  spec: ZhejiangIndexSpec,
  data: IndicatorData,
  options: { year: number; runs: number; seed: number },
): ComputedRun => {
  const { rows, leftOut } = withoutFlatIndicators(
    data.rows,
    spec.indicators.map((i) => i.id),
  );
  const engine = engineSpec(spec);
  const run = runIndex(engine, rows);
  const uncertainty = analyseUncertainty(engine, rows, {
    year: options.year,
    runs: options.runs,
    seed: options.seed,
    inputs: uncertainInputs,
    sensitivity: false,
  });
  const rebasedOf = rebasedSeries(spec, run.results, data.baseYear);
  const ofYear = (y: number) => run.results.filter((r) => r.year === y);
  const current = ofYear(options.year);
  const previous = new Map(ofYear(options.year - 1).map((r) => [r.unit, r.ranks[INDEX_ROOT] ?? null]));
  const bands = new Map(uncertainty.units.map((u) => [u.unit, u]));
  // Indicator ranks among the cities of the year, from the normalised scores (1 = best).
  const indicatorRanks = new Map<string, number[]>();
  for (const indicator of spec.indicators) {
    const column = current.map((r) => r.scores[indicator.id] ?? Number.NaN);
    indicatorRanks.set(indicator.id, rankMin(column.map((v) => -v)));
  }
  // The downloads show the indicators as computed from the facts, before anything was left out or imputed.
  const rawOf = new Map(data.rows.filter((r) => r.year === options.year).map((r) => [r.unit, r]));
  const cities: PublishedCity[] = current.map((result, k) => {
    const band = bands.get(result.unit);
    const ranked = spec.indicators
      .map((indicator, order) => ({
        id: indicator.id,
        order,
        rank: (indicatorRanks.get(indicator.id) as number[])[k] as number,
      }))
      .filter((x) => !Number.isNaN(x.rank));
    const best = [...ranked].sort((a, b) => a.rank - b.rank || a.order - b.order);
    const worst = [...ranked].sort((a, b) => b.rank - a.rank || a.order - b.order);
    const pillars: PublishedCity['pillars'] = {};
    for (const pillar of spec.pillars) {
      const score = result.scores[pillar.id];
      const rank = result.ranks[pillar.id];
      // A pillar with no data in the year (growth in the base year) is left out, not published as 0.
      if (score !== null && score !== undefined && rank !== null && rank !== undefined) {
        pillars[pillar.id] = { score: round2(score), rank };
      }
    }
    return {
      city: result.unit as CityCode,
      score: round2(result.scores[INDEX_ROOT] as number),
      rebased: roundOrNull(rebasedOf(result)),
      rank: result.ranks[INDEX_ROOT] as number,
      previousRank: previous.get(result.unit) ?? null,
      pillars,
      // Quantiles interpolate between ranks (R's type 7): published to two decimals.
      uncertainty: {
        medianRank: round2(band?.medianRank ?? (result.ranks[INDEX_ROOT] as number)),
        q05Rank: round2(band?.q05Rank ?? (result.ranks[INDEX_ROOT] as number)),
        q95Rank: round2(band?.q95Rank ?? (result.ranks[INDEX_ROOT] as number)),
      },
      strengths: best.slice(0, STRENGTHS).map((x) => x.id),
      weaknesses: worst.slice(0, STRENGTHS).map((x) => x.id),
    };
  });
  cities.sort((a, b) => a.rank - b.rank || a.city.localeCompare(b.city));
  const table: CityTable[] = current.map((result) => ({
    city: result.unit as CityCode,
    raw: { ...(rawOf.get(result.unit) as IndexRow).values },
    normalised: Object.fromEntries(spec.indicators.map((i) => [i.id, roundOrNull(result.scores[i.id])])),
    pillars: Object.fromEntries(spec.pillars.map((p) => [p.id, roundOrNull(result.scores[p.id])])),
  }));
  const index: RunResult['index'] = {
    year: options.year,
    specId: spec.id,
    specVersion: spec.version,
    engine: INDEX_ENGINE_VERSION,
    baseYear: data.baseYear,
    seed: options.seed,
    runs: uncertainty.runs,
    synthetic: data.synthetic,
    pillars: spec.pillars.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, weight: p.weight })),
    indicators: spec.indicators.map((i) => ({
      id: i.id,
      pillar: i.pillar,
      nameZh: i.nameZh,
      nameEn: i.nameEn,
      unitZh: i.unitZh,
      unitEn: i.unitEn,
    })),
    cities,
    series: run.results.map((r) => ({
      city: r.unit as CityCode,
      year: r.year,
      rebased: roundOrNull(rebasedOf(r)),
    })),
  };
  const hash = specHash(spec);
  return {
    specHash: hash,
    inputsHash: createHash('sha256')
      .update(canonicalize({ spec: hash, rows: data.rows }))
      .digest('hex'),
    baseYear: data.baseYear,
    synthetic: data.synthetic,
    result: { index, table, leftOut, audit: run.audit, throughMonth: data.throughMonth },
  };
};
