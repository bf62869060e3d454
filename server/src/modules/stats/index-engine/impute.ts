import { mean, median, type Vector } from './numeric.ts';

/**
 * How a missing indicator value is filled before treatment and normalisation (COINr's `i_mean`,
 * `i_median`, `i_mean_grp`, `impute_panel`); `none` leaves it missing, and the arithmetic
 * aggregation then re-weights over what the unit has (COINr's `a_amean`).
 */
export type Imputation =
  | { method: 'none' }
  | { method: 'mean' }
  | { method: 'median' }
  | { method: 'group_mean' }
  | { method: 'panel_latest' };

/** Mean or median of the indicator's column over the units of one year (or one group in it). */
export const imputeColumn = (x: Vector, method: 'mean' | 'median'): number[] => {
  const fill = method === 'mean' ? mean(x) : median(x);
  return x.map((v) => (Number.isNaN(v) ? fill : v));
};

/** COINr's `i_mean_grp`: the mean of the unit's group; a group with no value stays missing. */
export const imputeByGroup = (x: Vector, groups: readonly string[]): number[] => {
  const byGroup = new Map<string, number[]>();
  x.forEach((v, i) => {
    const group = groups[i] as string;
    byGroup.set(group, [...(byGroup.get(group) ?? []), v]);
  });
  const fills = new Map([...byGroup].map(([group, values]) => [group, mean(values)]));
  return x.map((v, i) => (Number.isNaN(v) ? (fills.get(groups[i] as string) as number) : v));
};
