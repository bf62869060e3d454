import { type Aggregation, AggregationError, aggregateRow } from './aggregate.ts';
import { buildFramework, type Framework, FrameworkError, type FrameworkNode } from './framework.ts';
import { type Imputation, imputeByGroup, imputeColumn } from './impute.ts';
import {
  type IndicatorScale,
  type Normalisation,
  NormalisationError,
  normaliseIndicator,
} from './normalise.ts';
import { rankMin } from './numeric.ts';
import { type TreatedPoint, type TreatmentSpec, treatIndicator } from './treat.ts';

/** A version of the method: published numbers carry the spec they were computed with. */
export const INDEX_ENGINE_VERSION = 'tradehub-index-engine/1';

export type IndexSpec = {
  id: string;
  framework: FrameworkNode[];
  indicators: Record<string, IndicatorScale>;
  imputation: Imputation;
  /** COINr's default treatment, or none. */
  treatment: TreatmentSpec | null;
  normalisation: Normalisation;
  /** Normalise over all years pooled (COINr's `global = TRUE`), so scores compare across years. */
  pooledNormalisation: boolean;
  /** One for every level, or one per level from the pillars (level 2) up. */
  aggregation: Aggregation | Aggregation[];
  /** The year whose index is 100 for each unit (a time series base); none keeps raw scores. */
  baseYear?: number | undefined;
};

export type IndexRow = {
  unit: string;
  year: number;
  /** The unit's group (income group, region) for group-mean imputation. */
  group?: string | undefined;
  values: Record<string, number | null>;
};

export type ImputedCell = { unit: string; year: number; indicator: string; value: number };
export type TreatedIndicator = {
  year: number;
  indicator: string;
  method: 'winsorised' | 'log_CT';
  points: { unit: string; treatment: TreatedPoint }[];
};

export type UnitResult = {
  unit: string;
  year: number;
  /** Every node's score: normalised indicators and aggregates; null where a unit has no value. */
  scores: Record<string, number | null>;
  /** The index rebased to 100 in the base year, when a base year is set. */
  rebased: number | null;
  /** Rank of each aggregate among the units of the year (1 = best, ties share the lowest). */
  ranks: Record<string, number | null>;
};

export type IndexRun = {
  engine: typeof INDEX_ENGINE_VERSION;
  specId: string;
  root: string;
  results: UnitResult[];
  audit: { imputed: ImputedCell[]; treated: TreatedIndicator[] };
};

export class IndexSpecError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly where: { node?: string | undefined; unit?: string | undefined; year?: number | undefined } = {},
  ) {
    super(message);
  }
}

const aggregationAt = (spec: IndexSpec, level: number): Aggregation => {
  if (!Array.isArray(spec.aggregation)) {
    return spec.aggregation;
  }
  const chosen = spec.aggregation[level - 2];
  if (chosen === undefined) {
    throw new IndexSpecError('index.aggregation_levels', `No aggregation is given for level ${level}.`);
  }
  return chosen;
};

/** Prepared data: rows grouped by year, indicator columns imputed and treated, ready to normalise. */
export type PreparedData = {
  framework: Framework;
  rows: IndexRow[];
  /** Column-major indicator values per row index, after imputation and treatment. */
  columns: Map<string, number[]>;
  years: number[];
  rowsOfYear: Map<number, number[]>;
  audit: IndexRun['audit'];
};

/** Imputation and outlier treatment, which the uncertainty analysis does not vary: done once. */
export const prepareIndexData = (spec: IndexSpec, rows: readonly IndexRow[]): PreparedData => {
  let framework: Framework;
  try {
    framework = buildFramework(spec.framework);
  } catch (error) {
    if (error instanceof FrameworkError) {
      throw new IndexSpecError(error.code, error.message, { node: error.node });
    }
    throw error;
  }
  for (const code of framework.indicators) {
    if (spec.indicators[code] === undefined) {
      throw new IndexSpecError('index.indicator_unspecified', `Indicator ${code} has no direction.`, {
        node: code,
      });
    }
  }
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => a - b);
  const rowsOfYear = new Map(years.map((year) => [year, [] as number[]]));
  rows.forEach((row, i) => {
    rowsOfYear.get(row.year)?.push(i);
  });
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.unit}\u0000${row.year}`;
    if (seen.has(key)) {
      throw new IndexSpecError('index.duplicate_row', `Unit ${row.unit} appears twice in ${row.year}.`, row);
    }
    seen.add(key);
  }
  const audit: IndexRun['audit'] = { imputed: [], treated: [] };
  const columns = new Map<string, number[]>();
  for (const code of framework.indicators) {
    const column = rows.map((row) => {
      const value = row.values[code];
      if (value !== null && value !== undefined && !Number.isFinite(value)) {
        throw new IndexSpecError(
          'index.not_a_number',
          `Unit ${row.unit} has a non-finite ${code} in ${row.year}.`,
          {
            node: code,
            unit: row.unit,
            year: row.year,
          },
        );
      }
      return value === null || value === undefined ? Number.NaN : value;
    });
    for (const year of years) {
      const indices = rowsOfYear.get(year) as number[];
      const before = indices.map((i) => column[i] as number);
      let after = before;
      switch (spec.imputation.method) {
        case 'mean':
        case 'median':
          after = imputeColumn(before, spec.imputation.method);
          break;
        case 'group_mean':
          after = imputeByGroup(
            before,
            indices.map((i) => rows[i]?.group ?? ''),
          );
          break;
        case 'panel_latest':
          after = before.map((v, k) => {
            if (!Number.isNaN(v)) {
              return v;
            }
            const unit = rows[indices[k] as number]?.unit;
            // The latest earlier year the unit has a value for (COINr's impute_panel, "latest").
            const earlier = rows
              .map((row, i) => ({ row, value: column[i] as number }))
              .filter(({ row, value }) => row.unit === unit && row.year < year && !Number.isNaN(value))
              .sort((a, b) => b.row.year - a.row.year)[0];
            return earlier === undefined ? v : earlier.value;
          });
          break;
        case 'none':
          break;
      }
      after.forEach((v, k) => {
        const i = indices[k] as number;
        if (Number.isNaN(before[k] as number) && !Number.isNaN(v)) {
          audit.imputed.push({ unit: (rows[i] as IndexRow).unit, year, indicator: code, value: v });
        }
        column[i] = v;
      });
      if (spec.treatment !== null) {
        const values = indices.map((i) => column[i] as number);
        if (values.filter((v) => !Number.isNaN(v)).length >= 4) {
          const treated = treatIndicator(values, spec.treatment);
          if (treated.method !== 'none') {
            audit.treated.push({
              year,
              indicator: code,
              method: treated.method,
              points: treated.points.flatMap((treatment, k) =>
                treatment === '' ? [] : [{ unit: (rows[indices[k] as number] as IndexRow).unit, treatment }],
              ),
            });
            treated.x.forEach((v, k) => {
              column[indices[k] as number] = v;
            });
          }
        }
      }
    }
    columns.set(code, column);
  }
  return { framework, rows: [...rows], columns, years, rowsOfYear, audit };
};

/** What the uncertainty analysis varies between runs; the nominal run uses the spec's own. */
export type RunChoices = {
  normalisation: Normalisation;
  aggregation: Aggregation | Aggregation[];
  weights: Map<string, number>;
};

/**
 * Normalises and aggregates prepared data: every aggregate of every row, by level. Returns the
 * scores column-major (node → value per row).
 */
export const scorePrepared = (
  spec: IndexSpec,
  data: PreparedData,
  choices: RunChoices,
): Map<string, number[]> => {
  const { framework, rows } = data;
  const scores = new Map<string, number[]>();
  const groups = spec.pooledNormalisation ? [rows.map((_, i) => i)] : [...data.rowsOfYear.values()];
  for (const code of framework.indicators) {
    const column = data.columns.get(code) as number[];
    const out = new Array<number>(rows.length).fill(Number.NaN);
    for (const indices of groups) {
      let normalised: number[];
      try {
        normalised = normaliseIndicator(
          indices.map((i) => column[i] as number),
          choices.normalisation,
          spec.indicators[code] as IndicatorScale,
        );
      } catch (error) {
        if (error instanceof NormalisationError) {
          throw new IndexSpecError('index.normalisation_failed', `Indicator ${code}: ${error.message}.`, {
            node: code,
          });
        }
        throw error;
      }
      normalised.forEach((v, k) => {
        out[indices[k] as number] = v;
      });
    }
    scores.set(code, out);
  }
  for (const code of framework.aggregates) {
    const children = framework.children.get(code) as string[];
    const aggregation = Array.isArray(choices.aggregation)
      ? (choices.aggregation[(framework.level.get(code) as number) - 2] ??
        aggregationAt(spec, framework.level.get(code) as number))
      : choices.aggregation;
    const weights = children.map((child) => choices.weights.get(child) as number);
    const out = rows.map((row, i) => {
      try {
        return aggregateRow(
          children.map((child) => (scores.get(child) as number[])[i] as number),
          weights,
          aggregation,
        );
      } catch (error) {
        if (error instanceof AggregationError) {
          throw new IndexSpecError(
            'index.aggregation_failed',
            `${code} for ${row.unit} in ${row.year}: ${error.message}.`,
            {
              node: code,
              unit: row.unit,
              year: row.year,
            },
          );
        }
        throw error;
      }
    });
    scores.set(code, out);
  }
  return scores;
};

/** A missing value is published as null, never as NaN. */
const published = (value: number) => (Number.isNaN(value) ? null : value);

/** The index of one spec over the data: every score, rank and the audit of what was changed. */
export const runIndex = (spec: IndexSpec, rows: readonly IndexRow[]): IndexRun => {
  const data = prepareIndexData(spec, rows);
  const { framework } = data;
  const scores = scorePrepared(spec, data, {
    normalisation: spec.normalisation,
    aggregation: spec.aggregation,
    weights: framework.weights,
  });
  const root = scores.get(framework.root) as number[];
  root.forEach((value, i) => {
    if (Number.isNaN(value)) {
      const row = data.rows[i] as IndexRow;
      throw new IndexSpecError(
        'index.unit_without_data',
        `${row.unit} has no data for ${framework.root} in ${row.year}: impute or leave the unit out.`,
        { unit: row.unit, year: row.year },
      );
    }
  });
  const ranks = new Map<string, number[]>();
  for (const code of framework.aggregates) {
    const column = scores.get(code) as number[];
    const out = new Array<number>(data.rows.length).fill(Number.NaN);
    for (const indices of data.rowsOfYear.values()) {
      // Higher is better: R's rank(-x, ties.method = "min", na.last = "keep").
      rankMin(indices.map((i) => -(column[i] as number))).forEach((r, k) => {
        out[indices[k] as number] = r;
      });
    }
    ranks.set(code, out);
  }
  const baseOf = new Map<string, number>();
  if (spec.baseYear !== undefined) {
    data.rows.forEach((row, i) => {
      if (row.year === spec.baseYear) {
        baseOf.set(row.unit, root[i] as number);
      }
    });
  }
  const results = data.rows.map((row, i): UnitResult => {
    const base = baseOf.get(row.unit);
    if (spec.baseYear !== undefined && (base === undefined || base === 0)) {
      throw new IndexSpecError(
        'index.no_base',
        `${row.unit} has no index in the base year ${spec.baseYear} (or it is 0) to rebase on.`,
        { unit: row.unit, year: spec.baseYear },
      );
    }
    return {
      unit: row.unit,
      year: row.year,
      scores: Object.fromEntries([...scores].map(([code, column]) => [code, published(column[i] as number)])),
      rebased: base === undefined ? null : ((root[i] as number) / base) * 100,
      ranks: Object.fromEntries([...ranks].map(([code, column]) => [code, published(column[i] as number)])),
    };
  });
  return { engine: INDEX_ENGINE_VERSION, specId: spec.id, root: framework.root, results, audit: data.audit };
};
