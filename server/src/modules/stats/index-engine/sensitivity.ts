import { sampleVariance } from './numeric.ts';

/**
 * A seeded uniform generator (mulberry32): an uncertainty analysis is reproducible from its seed.
 * R's Mersenne Twister streams differ, so COINr's sample matrices are compared through their
 * estimators (`saEstimate` on COINr's own design), not draw by draw.
 */
export const seededUniform = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * COINr's `SA_sample(N, d)`: rows A (N × d), B (N × d), then AB_1 … AB_d, where AB_i is A with
 * column i taken from B; N·(d + 2) rows in all. Row-major, one Float64Array per row.
 */
export const saSample = (n: number, d: number, uniform: () => number): Float64Array[] => {
  const a = Array.from({ length: n }, () => Float64Array.from({ length: d }, uniform));
  const b = Array.from({ length: n }, () => Float64Array.from({ length: d }, uniform));
  const rows = [...a, ...b];
  for (let i = 0; i < d; i += 1) {
    for (let r = 0; r < n; r += 1) {
      const row = Float64Array.from(a[r] as Float64Array);
      row[i] = (b[r] as Float64Array)[i] as number;
      rows.push(row);
    }
  }
  return rows;
};

export type SensitivityIndices = { variance: number; first: number[]; total: number[] };

/**
 * COINr's `SA_estimate`: first-order Si = mean(yB·(yABi − yA)) / Var(y) (Saltelli 2010) and total
 * STi = Σ(yA − yABi)² / (2N·Var(y)) (Jansen), with Var(y) the sample variance of [yA, yB].
 */
export const saEstimate = (y: ArrayLike<number>, n: number, d: number): SensitivityIndices => {
  if (y.length !== n * (d + 2)) {
    throw new RangeError(
      `the output has ${y.length} values; a design of N = ${n}, d = ${d} gives ${n * (d + 2)}`,
    );
  }
  const yA = Array.from({ length: n }, (_, r) => y[r] as number);
  const yB = Array.from({ length: n }, (_, r) => y[n + r] as number);
  const variance = sampleVariance([...yA, ...yB]);
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < d; i += 1) {
    let s = 0;
    let t = 0;
    for (let r = 0; r < n; r += 1) {
      const yAB = y[(2 + i) * n + r] as number;
      s += (yB[r] as number) * (yAB - (yA[r] as number));
      t += ((yA[r] as number) - yAB) ** 2;
    }
    first.push(s / n / variance);
    total.push(t / (2 * n * variance));
  }
  return { variance, first, total };
};

/** R's default quantile (type 7): linear interpolation between order statistics. */
export const quantile7 = (sorted: ArrayLike<number>, p: number): number => {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
};
