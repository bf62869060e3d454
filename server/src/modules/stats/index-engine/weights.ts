/**
 * Weight proposals shown beside the frozen weights of a published index: they are data-driven and
 * change with the data, so they are advice for the method committee, never applied silently.
 */

/**
 * Entropy weights (熵权法) over normalised, non-negative indicator columns: p = x / Σx, e = −Σ p ln p
 * / ln n (0·ln 0 = 0), d = 1 − e, w = d / Σd. A column of all zeros carries no information: weight 0.
 */
export const entropyWeights = (columns: readonly (readonly number[])[]): number[] => {
  const divergences = columns.map((column) => {
    const values = column.filter((v) => !Number.isNaN(v));
    if (values.some((v) => v < 0)) {
      throw new RangeError('entropy weights need non-negative normalised values');
    }
    const n = values.length;
    const sum = values.reduce((a, b) => a + b, 0);
    if (n < 2 || sum === 0) {
      return 0;
    }
    let e = 0;
    for (const v of values) {
      const p = v / sum;
      if (p > 0) {
        e -= p * Math.log(p);
      }
    }
    return 1 - e / Math.log(n);
  });
  const total = divergences.reduce((a, b) => a + b, 0);
  if (total === 0) {
    return columns.map(() => 1 / columns.length);
  }
  return divergences.map((d) => d / total);
};

/**
 * PCA weights as COINr's `get_PCA` proposes them: the loadings of the first principal component
 * of the standardised indicators (the correlation matrix), squared and re-scaled to sum to 1, so a
 * negative loading (an indicator pulling against the others) gets a small weight rather than a
 * negative one. Rows with a missing value are left out, as `prcomp` on complete cases.
 */
export const pcaWeights = (
  columns: readonly (readonly number[])[],
): { weights: number[]; explained: number } => {
  const rows = columns[0]?.length ?? 0;
  const complete = Array.from({ length: rows }, (_, r) => r).filter((r) =>
    columns.every((column) => !Number.isNaN(column[r] as number)),
  );
  const m = columns.length;
  if (complete.length < 3 || m < 2) {
    throw new RangeError('PCA weights need at least two indicators and three complete units');
  }
  const standardised = columns.map((column) => {
    const values = complete.map((r) => column[r] as number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    return values.map((v) => (sd === 0 ? 0 : (v - mean) / sd));
  });
  const corr = standardised.map((a) =>
    standardised.map((b) => a.reduce((sum, v, k) => sum + v * (b[k] as number), 0) / (complete.length - 1)),
  );
  // Power iteration for the leading eigenvector of a symmetric positive semi-definite matrix.
  let vector = new Array<number>(m).fill(1 / Math.sqrt(m));
  let eigenvalue = 0;
  for (let iteration = 0; iteration < 1000; iteration += 1) {
    const next = corr.map((row) => row.reduce((sum, c, k) => sum + c * (vector[k] as number), 0));
    const norm = Math.sqrt(next.reduce((a, v) => a + v * v, 0));
    if (norm === 0) {
      break;
    }
    const normalised = next.map((v) => v / norm);
    const change = normalised.reduce((a, v, k) => a + Math.abs(v - (vector[k] as number)), 0);
    vector = normalised;
    eigenvalue = norm;
    if (change < 1e-13) {
      break;
    }
  }
  const squares = vector.map((v) => v * v);
  const sum = squares.reduce((a, b) => a + b, 0);
  return { weights: squares.map((s) => s / sum), explained: eigenvalue / m };
};
