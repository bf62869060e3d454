import { maxOf, mean, minOf, rankMin, sampleSd, type Vector } from './numeric.ts';

/** The normalisation methods of COINr the engine offers, with their parameters. */
export type Normalisation =
  | { method: 'minmax'; lower: number; upper: number }
  | { method: 'zscore'; mean: number; sd: number }
  | { method: 'dist2max' }
  | { method: 'dist2targ'; capMax: boolean }
  | { method: 'fracmax' }
  | { method: 'rank' }
  | { method: 'prank' }
  | { method: 'borda' }
  | { method: 'goalposts'; truncate: boolean; scale: number };

/** Per indicator: its direction and, for the methods that need them, a target or goalposts. */
export type IndicatorScale = {
  direction: 1 | -1;
  target?: number | undefined;
  goalposts?: { lower: number; upper: number } | undefined;
};

export class NormalisationError extends Error {}

const missingAware = (x: Vector, f: (v: number) => number) => x.map((v) => (Number.isNaN(v) ? v : f(v)));

/**
 * Normalises one indicator as COINr's `Normalise.numeric`: the values are first multiplied by the
 * direction (so −1 turns "lower is better" around), then the method is applied.
 */
export const normaliseIndicator = (
  input: Vector,
  normalisation: Normalisation,
  scale: IndicatorScale,
): number[] => {
  const x = input.map((v) => v * scale.direction);
  const min = minOf(x);
  const max = maxOf(x);
  switch (normalisation.method) {
    case 'minmax': {
      if (min === max) {
        throw new NormalisationError('the indicator has the same value for every unit: min-max has no range');
      }
      const { lower, upper } = normalisation;
      return missingAware(x, (v) => ((v - min) / (max - min)) * (upper - lower) + lower);
    }
    case 'zscore': {
      const m = mean(x);
      const sd = sampleSd(x);
      if (!(sd > 0)) {
        throw new NormalisationError('the indicator has no spread: a z-score is undefined');
      }
      return missingAware(x, (v) => ((v - m) / sd) * normalisation.sd + normalisation.mean);
    }
    case 'dist2max':
      if (min === max) {
        throw new NormalisationError(
          'the indicator has the same value for every unit: no distance to the maximum',
        );
      }
      return missingAware(x, (v) => 1 - (max - v) / (max - min));
    case 'dist2targ': {
      if (scale.target === undefined) {
        throw new NormalisationError('distance to target needs a target for the indicator');
      }
      // COINr turns the target around with the values (its Normalise.coin multiplies targets by the direction).
      const target = scale.target * scale.direction;
      if (target === min) {
        throw new NormalisationError('the target equals the minimum: the distance is undefined');
      }
      return missingAware(x, (v) => {
        const y = 1 - (target - v) / (target - min);
        return normalisation.capMax && y > 1 ? 1 : y;
      });
    }
    case 'fracmax':
      if (max === 0) {
        throw new NormalisationError('the maximum is zero: a fraction of it is undefined');
      }
      return missingAware(x, (v) => v / max);
    case 'rank':
      return rankMin(x);
    case 'prank': {
      const count = x.filter((v) => !Number.isNaN(v)).length;
      if (count < 2) {
        throw new NormalisationError('percentile ranks need at least two values');
      }
      return rankMin(x).map((r) => (Number.isNaN(r) ? r : (r - 1) / (count - 1)));
    }
    case 'borda':
      return rankMin(x).map((r) => r - 1);
    case 'goalposts': {
      if (scale.goalposts === undefined) {
        throw new NormalisationError('the goalposts method needs goalposts for the indicator');
      }
      const { lower, upper } = scale.goalposts;
      if (lower === upper) {
        throw new NormalisationError('the goalposts are equal');
      }
      // The values were turned around by the direction, so the goalposts are too: measured from
      // the "worse" post (COINr's n_goalposts with direction −1), and the scale stays positive.
      const from = scale.direction === 1 ? lower : -upper;
      const to = scale.direction === 1 ? upper : -lower;
      return missingAware(x, (v) => {
        let y = (v - from) / (to - from);
        if (normalisation.truncate) {
          y = Math.min(1, Math.max(0, y));
        }
        return y * normalisation.scale;
      });
    }
  }
};
