import type { Aggregation } from './aggregate.ts';
import type { Normalisation } from './normalise.ts';
import { rankMin } from './numeric.ts';
import {
  type IndexRow,
  type IndexSpec,
  IndexSpecError,
  prepareIndexData,
  scorePrepared,
} from './run-index.ts';
import { quantile7, type SensitivityIndices, saEstimate, saSample, seededUniform } from './sensitivity.ts';

/** The uncertain choices of the method, each an input of the sensitivity analysis (COINr's SA_specs). */
export type UncertainInputs = {
  /** Weights perturbed by up to ± this fraction (COINr's get_noisy_weights), from `weightSets` draws. */
  weightNoise?: { factor: number; weightSets: number } | undefined;
  normalisations?: Normalisation[] | undefined;
  aggregations?: Aggregation[] | undefined;
};

export type UnitUncertainty = {
  unit: string;
  nominalRank: number;
  medianRank: number;
  meanRank: number;
  q05Rank: number;
  q95Rank: number;
};

export type UncertaintyReport = {
  year: number;
  runs: number;
  seed: number;
  inputs: string[];
  units: UnitUncertainty[];
  /** First-order and total sensitivity of the mean absolute rank shift to each input (SA only). */
  sensitivity: (SensitivityIndices & { inputs: string[] }) | null;
};

/**
 * Monte Carlo over the method's choices for one year: `runs` samples of the uncertain inputs, the
 * index re-computed for each (imputation and treatment are done once: they are not varied), and
 * for every unit its nominal, median, mean and 5–95 % band of ranks. With `sensitivity`, the design
 * is COINr's SA_sample (N·(d + 2) runs for N = `runs`) and the indices are COINr's SA_estimate of
 * the mean absolute rank shift from the nominal ranks.
 */
export const analyseUncertainty = (
  spec: IndexSpec,
  rows: readonly IndexRow[],
  options: { year: number; runs: number; seed: number; inputs: UncertainInputs; sensitivity: boolean },
): UncertaintyReport => {
  const data = prepareIndexData(
    spec,
    rows.filter((row) => row.year === options.year || spec.pooledNormalisation),
  );
  const yearRows = data.rowsOfYear.get(options.year);
  if (yearRows === undefined || yearRows.length === 0) {
    throw new RangeError(`no data for ${options.year}`);
  }
  const uniform = seededUniform(options.seed);
  const { framework } = data;
  const weightSets: Map<string, number>[] = [];
  if (options.inputs.weightNoise !== undefined) {
    const { factor, weightSets: count } = options.inputs.weightNoise;
    for (let k = 0; k < count; k += 1) {
      weightSets.push(
        new Map([...framework.weights].map(([code, w]) => [code, w * (1 + factor * (2 * uniform() - 1))])),
      );
    }
  }
  const dimensions: { name: string; pick: (u: number, choices: Choices) => void }[] = [];
  type Choices = {
    normalisation: Normalisation;
    aggregation: Aggregation | Aggregation[];
    weights: Map<string, number>;
  };
  const discrete = <T>(alternatives: readonly T[], u: number) =>
    alternatives[Math.min(alternatives.length - 1, Math.floor(u * alternatives.length))] as T;
  if (weightSets.length > 0) {
    dimensions.push({
      name: 'weights',
      pick: (u, c) => {
        c.weights = discrete(weightSets, u);
      },
    });
  }
  const normalisations = options.inputs.normalisations;
  if (normalisations !== undefined && normalisations.length > 0) {
    dimensions.push({
      name: 'normalisation',
      pick: (u, c) => (c.normalisation = discrete(normalisations, u)),
    });
  }
  const aggregations = options.inputs.aggregations;
  if (aggregations !== undefined && aggregations.length > 0) {
    dimensions.push({
      name: 'aggregation',
      pick: (u, c) => {
        c.aggregation = discrete(aggregations, u);
      },
    });
  }
  if (dimensions.length === 0) {
    throw new IndexSpecError('index.uncertainty_no_inputs', 'Name at least one uncertain input.');
  }
  // A geometric or harmonic mean needs values above zero; a run that combines it with a
  // normalisation that gives zeros or negatives would fail part-way (COINr's UA stops there too).
  const needsPositive = [spec.aggregation, ...(aggregations ?? [])]
    .flat()
    .some((a) => a.method !== 'arithmetic');
  const positive = (n: Normalisation) => (n.method === 'minmax' && n.lower > 0) || n.method === 'rank';
  const unsafe = [spec.normalisation, ...(normalisations ?? [])].find((n) => !positive(n));
  if (needsPositive && unsafe !== undefined) {
    throw new IndexSpecError(
      'index.uncertainty_invalid_combination',
      `A geometric or harmonic mean cannot be combined with ${unsafe.method} normalisation, which gives zeros or negatives: use min-max to [1, 100] or ranks.`,
    );
  }
  const ranksOf = (choices: Choices): number[] => {
    const scores = scorePrepared(spec, data, choices).get(framework.root) as number[];
    return rankMin(yearRows.map((i) => -(scores[i] as number)));
  };
  const nominal: Choices = {
    normalisation: spec.normalisation,
    aggregation: spec.aggregation,
    weights: framework.weights,
  };
  const nominalRanks = ranksOf(nominal);
  const d = dimensions.length;
  const design = options.sensitivity
    ? saSample(options.runs, d, uniform)
    : Array.from({ length: options.runs }, () => Float64Array.from({ length: d }, uniform));
  const unitRanks = yearRows.map(() => new Float64Array(design.length));
  const shift = new Float64Array(design.length);
  design.forEach((sample, run) => {
    const choices: Choices = { ...nominal };
    dimensions.forEach((dimension, k) => {
      dimension.pick(sample[k] as number, choices);
    });
    const ranks = ranksOf(choices);
    let total = 0;
    ranks.forEach((rank, u) => {
      (unitRanks[u] as Float64Array)[run] = rank;
      total += Math.abs(rank - (nominalRanks[u] as number));
    });
    shift[run] = total / ranks.length;
  });
  return {
    year: options.year,
    runs: design.length,
    seed: options.seed,
    inputs: dimensions.map((dimension) => dimension.name),
    units: yearRows.map((i, u) => {
      const sorted = Float64Array.from(unitRanks[u] as Float64Array).sort();
      return {
        unit: (data.rows[i] as IndexRow).unit,
        nominalRank: nominalRanks[u] as number,
        medianRank: quantile7(sorted, 0.5),
        meanRank: sorted.reduce((a, b) => a + b, 0) / sorted.length,
        q05Rank: quantile7(sorted, 0.05),
        q95Rank: quantile7(sorted, 0.95),
      };
    }),
    sensitivity: options.sensitivity
      ? { ...saEstimate(shift, options.runs, d), inputs: dimensions.map((dimension) => dimension.name) }
      : null,
  };
};
