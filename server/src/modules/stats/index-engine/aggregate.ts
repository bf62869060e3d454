import type { Vector } from './numeric.ts';

export type Aggregation =
  | { method: 'arithmetic' }
  | { method: 'geometric' }
  | { method: 'harmonic' }
  | { method: 'generalised'; p: number };

export class AggregationError extends Error {}

/**
 * Weighted means as COINr's `a_amean`, `a_gmean`, `a_hmean` and `a_genmean`: a missing value and
 * its weight are left out and the remaining weights re-scaled, so an aggregate of a unit with a
 * missing indicator is the weighted mean of what it has; all missing gives NaN.
 */
export const aggregateRow = (x: Vector, w: Vector, aggregation: Aggregation): number => {
  let sumW = 0;
  let acc = 0;
  let any = false;
  for (let i = 0; i < x.length; i += 1) {
    const v = x[i] as number;
    if (Number.isNaN(v)) {
      continue;
    }
    const weight = w[i] as number;
    any = true;
    sumW += weight;
    switch (aggregation.method) {
      case 'arithmetic':
        acc += weight * v;
        break;
      case 'geometric':
        if (v <= 0) {
          throw new AggregationError('the geometric mean needs values above zero: normalise to [1, 100]');
        }
        acc += weight * Math.log(v);
        break;
      case 'harmonic':
        if (v === 0) {
          throw new AggregationError('the harmonic mean needs values other than zero');
        }
        acc += weight / v;
        break;
      case 'generalised':
        if (v <= 0) {
          throw new AggregationError('the generalised mean needs values above zero');
        }
        acc += weight * v ** aggregation.p;
        break;
    }
  }
  if (!any) {
    return Number.NaN;
  }
  switch (aggregation.method) {
    case 'arithmetic':
      return acc / sumW;
    case 'geometric':
      return Math.exp(acc / sumW);
    case 'harmonic':
      return sumW / acc;
    case 'generalised':
      return (acc / sumW) ** (1 / aggregation.p);
  }
};
