import { kurt, maxOf, minOf, skew, type Vector } from './numeric.ts';

/** COINr's defaults: treat only when |skew| ≥ 2 AND kurtosis ≥ 3.5; at most 5 points winsorised. */
export type TreatmentSpec = {
  skewThreshold: number;
  kurtThreshold: number;
  /** The most points winsorisation may change before it falls back to the log transform. */
  winsoriseMax: number;
};

export const defaultTreatment: TreatmentSpec = { skewThreshold: 2, kurtThreshold: 3.5, winsoriseMax: 5 };

export type TreatedPoint = '' | 'winhi' | 'winlo' | 'log_CT';

export type Treatment = {
  x: number[];
  /** What happened to each point, as COINr's `Treated_Points`. */
  points: TreatedPoint[];
  method: 'none' | 'winsorised' | 'log_CT';
  /** Points winsorised in the last step, as COINr's `nwin`. */
  winsorised: number;
  /** Whether the result passes the skew/kurtosis check (a log transform may still fail it). */
  passes: boolean;
  skew: number;
  kurt: number;
};

/**
 * COINr's `check_SkewKurt`: passes when |skew| < threshold OR kurtosis < threshold. A column without
 * spread has no skewness (COINr's check answers NA and its Treat leaves the column untreated): it
 * passes, so winsorising that flattens a column stops there instead of failing.
 */
export const passesSkewKurt = (x: Vector, spec: TreatmentSpec) => {
  const s = skew(x);
  const k = kurt(x);
  return Number.isNaN(s) || Number.isNaN(k) || Math.abs(s) < spec.skewThreshold || k < spec.kurtThreshold;
};

/**
 * COINr's `winsorise`: while the vector fails the check and fewer than `winsoriseMax` points were
 * changed in the last step, set every point equal to the maximum (positive skew) or minimum
 * (negative skew) to the next value in. A point winsorised before is tied with the extreme, so it
 * is counted again: the count is of the latest tie group, exactly as COINr counts it.
 */
export const winsorise = (input: Vector, spec: TreatmentSpec) => {
  const x = [...input];
  let passing = passesSkewKurt(x, spec);
  let high: number[] = [];
  let low: number[] = [];
  let count = 0;
  while (!passing && count < spec.winsoriseMax) {
    if (skew(x) >= 0) {
      const max = maxOf(x);
      high = x.flatMap((v, i) => (v === max ? [i] : []));
      const next = maxOf(x.filter((_, i) => !high.includes(i)));
      for (const i of high) {
        x[i] = next;
      }
    } else {
      const min = minOf(x);
      low = x.flatMap((v, i) => (v === min ? [i] : []));
      const next = minOf(x.filter((_, i) => !low.includes(i)));
      for (const i of low) {
        x[i] = next;
      }
    }
    count = high.length + low.length;
    passing = passesSkewKurt(x, spec);
  }
  const points: TreatedPoint[] = x.map(() => '');
  for (const i of high) {
    points[i] = 'winhi';
  }
  for (const i of low) {
    points[i] = 'winlo';
  }
  return { x, points, count, passing };
};

/** COINr's `log_CT`: log(x − min + 0.01·(max − min)). */
export const logCT = (x: Vector): number[] => {
  const min = minOf(x);
  const max = maxOf(x);
  return x.map((v) => (Number.isNaN(v) ? Number.NaN : Math.log(v - min + 0.01 * (max - min))));
};

/**
 * COINr's default two-stage treatment of one indicator: check; if it fails, winsorise; if that
 * still fails, log-transform the ORIGINAL values (COINr's `combine_treat = FALSE`).
 */
export const treatIndicator = (x: Vector, spec: TreatmentSpec = defaultTreatment): Treatment => {
  const stats = (values: Vector) => ({ skew: skew(values), kurt: kurt(values) });
  if (passesSkewKurt(x, spec)) {
    return { x: [...x], points: x.map(() => ''), method: 'none', winsorised: 0, passes: true, ...stats(x) };
  }
  const won = winsorise(x, spec);
  if (won.passing) {
    return {
      x: won.x,
      points: won.points,
      method: 'winsorised',
      winsorised: won.count,
      passes: true,
      ...stats(won.x),
    };
  }
  const logged = logCT(x);
  return {
    x: logged,
    // COINr joins the two stages' flags with "+", keeping the winsorisation's where it had one.
    points: x.map(() => 'log_CT'),
    method: 'log_CT',
    winsorised: won.count,
    passes: passesSkewKurt(logged, spec),
    ...stats(logged),
  };
};
