/**
 * Numeric building blocks of the index engine, written to give the same numbers as COINr 1.1.x
 * (R package `COINr`, MIT): a missing value is NaN (R's NA), every function skips it where COINr
 * passes `na.rm = TRUE`.
 */

export type Vector = readonly number[];

const present = (x: Vector) => x.filter((v) => !Number.isNaN(v));

export const mean = (x: Vector): number => {
  const values = present(x);
  if (values.length === 0) {
    return Number.NaN;
  }
  let sum = 0;
  for (const v of values) {
    sum += v;
  }
  return sum / values.length;
};

/** The sample standard deviation (n − 1), as R's `sd`. */
export const sampleSd = (x: Vector): number => {
  const values = present(x);
  if (values.length < 2) {
    return Number.NaN;
  }
  const m = mean(values);
  let ss = 0;
  for (const v of values) {
    ss += (v - m) * (v - m);
  }
  return Math.sqrt(ss / (values.length - 1));
};

/** The sample variance (n − 1), as R's `var` of a vector. */
export const sampleVariance = (x: Vector): number => {
  const sd = sampleSd(x);
  return sd * sd;
};

export const minOf = (x: Vector): number => {
  let min = Number.POSITIVE_INFINITY;
  for (const v of x) {
    if (!Number.isNaN(v) && v < min) {
      min = v;
    }
  }
  return min === Number.POSITIVE_INFINITY ? Number.NaN : min;
};

export const maxOf = (x: Vector): number => {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of x) {
    if (!Number.isNaN(v) && v > max) {
      max = v;
    }
  }
  return max === Number.NEGATIVE_INFINITY ? Number.NaN : max;
};

export const median = (x: Vector): number => {
  const values = [...present(x)].sort((a, b) => a - b);
  if (values.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1
    ? (values[middle] as number)
    : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
};

/**
 * Skewness, e1071 type 2 (Excel's SKEW), as COINr's `skew` with `na.rm = TRUE`. COINr stops below
 * three points; so does this, by throwing.
 */
export const skew = (x: Vector): number => {
  const values = present(x);
  const n = values.length;
  if (n < 3) {
    throw new RangeError('skewness needs at least 3 values');
  }
  const m = mean(values);
  let s2 = 0;
  let s3 = 0;
  for (const v of values) {
    const d = v - m;
    s2 += d * d;
    s3 += d * d * d;
  }
  const y = (Math.sqrt(n) * s3) / s2 ** 1.5;
  return (y * Math.sqrt(n * (n - 1))) / (n - 2);
};

/** Kurtosis, e1071 type 2 (Excel's KURT), as COINr's `kurt`; at least four values. */
export const kurt = (x: Vector): number => {
  const values = present(x);
  const n = values.length;
  if (n < 4) {
    throw new RangeError('kurtosis needs at least 4 values');
  }
  const m = mean(values);
  let s2 = 0;
  let s4 = 0;
  for (const v of values) {
    const d = v - m;
    s2 += d * d;
    s4 += d * d * d * d;
  }
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
};

/**
 * Ranks as R's `rank(x, ties.method = "min", na.last = "keep")`: tied values share the lowest
 * rank, a missing value keeps NaN.
 */
export const rankMin = (x: Vector): number[] => {
  const indices = x.map((_, index) => index).filter((index) => !Number.isNaN(x[index] as number));
  indices.sort((a, b) => (x[a] as number) - (x[b] as number));
  const ranks = x.map(() => Number.NaN);
  let previous = Number.NaN;
  let previousRank = 0;
  indices.forEach((index, position) => {
    const value = x[index] as number;
    const rank = value === previous ? previousRank : position + 1;
    ranks[index] = rank;
    previous = value;
    previousRank = rank;
  });
  return ranks;
};
