import { AppError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { IndexSpecError } from '../index-engine/index.ts';
import { computeIndex, type RunResult } from './compute.ts';
import { indicatorData, NoFactsError } from './indicators.ts';
import type { PublishedIndex } from './published-index.ts';
import { currentSpec } from './spec.ts';

export type RunStatus = 'computed' | 'published' | 'superseded';

type RunRow = {
  id: string;
  organisation_id: string;
  year: number;
  base_year: number;
  spec_id: string;
  spec_version: number;
  spec_hash: string;
  engine: string;
  seed: string;
  runs: number;
  inputs_hash: string;
  synthetic: boolean;
  result: RunResult;
  status: RunStatus;
  created_by: string;
  created_at: Date;
  published_at: Date | null;
  published_by: string | null;
  published_by_zh: string | null;
  superseded_at: Date | null;
};

export type RunSummary = {
  id: string;
  year: number;
  baseYear: number;
  specId: string;
  specVersion: number;
  specHash: string;
  engine: string;
  seed: number;
  runs: number;
  inputsHash: string;
  synthetic: boolean;
  status: RunStatus;
  createdAt: string;
  publishedAt: string | null;
  supersededAt: string | null;
  /** The top city and its score, for the runs list. */
  top: { city: string; score: number } | null;
};

export type RunDetail = RunSummary & { result: RunResult };

const summaryOf = (row: RunRow): RunSummary => {
  const top = row.result.index.cities[0];
  return {
    id: row.id,
    year: row.year,
    baseYear: row.base_year,
    specId: row.spec_id,
    specVersion: row.spec_version,
    specHash: row.spec_hash,
    engine: row.engine,
    seed: Number(row.seed),
    runs: row.runs,
    inputsHash: row.inputs_hash,
    synthetic: row.synthetic,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    supersededAt: row.superseded_at?.toISOString() ?? null,
    top: top === undefined ? null : { city: top.city, score: top.score },
  };
};

const notFound = (runId: string) => new AppError('http.not_found', `No index_run ${runId}.`);

/**
 * Computes the index of `year` from the facts and stores it as a run of the organisation. A year
 * without facts is refused (422) before anything is stored; an engine error (a spec or data the
 * method cannot handle) is a 422 naming the engine's code, never a half-written run.
 */
export const computeRun = async (
  db: Database,
  input: {
    organisationId: string;
    actorId: string;
    year: number;
    runs: number;
    seed: number;
    audit: (ex: Executor, change: AuditChange) => Promise<void>;
  },
): Promise<RunDetail> => {
  const spec = currentSpec;
  let computed: ReturnType<typeof computeIndex>;
  try {
    const data = await indicatorData(db.kysely, spec, input.year);
    computed = computeIndex(spec, data, { year: input.year, runs: input.runs, seed: input.seed });
  } catch (error) {
    if (error instanceof NoFactsError) {
      throw new AppError('stats.index_no_facts', error.message, {
        fieldErrors: [{ field: 'year', code: 'stats.index_no_facts', message: error.message }],
      });
    }
    if (error instanceof IndexSpecError) {
      throw new AppError('stats.index_not_computable', `The index cannot be computed: ${error.message}`, {
        details: { engineCode: error.code },
      });
    }
    throw error;
  }
  const id = newId('zir');
  return db.transaction(async (trx) => {
    const { rows } = await sql<RunRow>`
      insert into stats.index_runs (id, organisation_id, year, base_year, spec_id, spec_version, spec_hash,
        engine, seed, runs, inputs_hash, synthetic, result, status, created_by)
      values (${id}, ${input.organisationId}, ${input.year}, ${computed.baseYear}, ${spec.id}, ${spec.version},
        ${computed.specHash}, ${computed.result.index.engine}, ${input.seed}, ${computed.result.index.runs},
        ${computed.inputsHash}, ${computed.synthetic}, ${JSON.stringify(computed.result)}::jsonb, 'computed',
        ${input.actorId})
      returning *`.execute(trx);
    await input.audit(trx, {
      organisationId: input.organisationId,
      object: { type: 'index_run', id },
      detail: { year: input.year, seed: input.seed, runs: input.runs, inputsHash: computed.inputsHash },
    });
    return { ...summaryOf(rows[0] as RunRow), result: (rows[0] as RunRow).result };
  });
};

type AuditChange = {
  organisationId: string;
  object: { type: string; id: string };
  detail?: Record<string, unknown>;
};

/** The organisation's runs, newest first, optionally of one year. */
export const listRuns = async (
  ex: Executor,
  organisationId: string,
  year?: number,
): Promise<RunSummary[]> => {
  const { rows } = await sql<RunRow>`
    select * from stats.index_runs
    where organisation_id = ${organisationId} ${year === undefined ? sql`` : sql`and year = ${year}`}
    order by created_at desc, id desc
    limit 200`.execute(ex);
  return rows.map(summaryOf);
};

/** One run of the organisation's (404 for a run of another, as for one that does not exist). */
export const getRun = async (ex: Executor, organisationId: string, runId: string): Promise<RunDetail> => {
  const { rows } = await sql<RunRow>`
    select * from stats.index_runs where id = ${runId} and organisation_id = ${organisationId}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw notFound(runId);
  }
  return { ...summaryOf(row), result: row.result };
};

/**
 * Makes the run the published index of its year: the run published before for that year (by any
 * commerce department) is superseded and stays readable by id. Only a computed run is published;
 * one already published or superseded is a 409.
 */
export const publishRun = async (
  db: Database,
  input: {
    organisationId: string;
    runId: string;
    publishedBy: { en: string; zh: string };
    now: Date;
    audit: (ex: Executor, change: AuditChange) => Promise<void>;
  },
): Promise<RunDetail> =>
  db.transaction(async (trx) => {
    const { rows } = await sql<RunRow>`
      select * from stats.index_runs where id = ${input.runId} and organisation_id = ${input.organisationId}
      for update`.execute(trx);
    const run = rows[0];
    if (run === undefined) {
      throw notFound(input.runId);
    }
    if (run.status !== 'computed') {
      throw new AppError(
        'stats.index_run_not_publishable',
        `The run is ${run.status}: compute a new run to publish.`,
      );
    }
    // Two publications of one year follow each other, also when the year has no row to lock yet
    // (else both would insert, and the first run would stay "published" without being superseded).
    await sql`select pg_advisory_xact_lock(hashtext('stats.index_publications'), ${run.year}::int)`.execute(
      trx,
    );
    const { rows: before } = await sql<{ run_id: string }>`
      select run_id from stats.index_publications where year = ${run.year} for update`.execute(trx);
    const previous = before[0]?.run_id;
    if (previous !== undefined) {
      await sql`update stats.index_runs set status = 'superseded', superseded_at = ${input.now}
        where id = ${previous}`.execute(trx);
    }
    await sql`
      insert into stats.index_publications (year, run_id, organisation_id, published_at, published_by,
        published_by_zh)
      values (${run.year}, ${run.id}, ${input.organisationId}, ${input.now}, ${input.publishedBy.en},
        ${input.publishedBy.zh})
      on conflict (year) do update set run_id = excluded.run_id, organisation_id = excluded.organisation_id,
        published_at = excluded.published_at, published_by = excluded.published_by,
        published_by_zh = excluded.published_by_zh`.execute(trx);
    const { rows: updated } = await sql<RunRow>`
      update stats.index_runs set status = 'published', published_at = ${input.now},
        published_by = ${input.publishedBy.en}, published_by_zh = ${input.publishedBy.zh}
      where id = ${run.id} returning *`.execute(trx);
    await input.audit(trx, {
      organisationId: input.organisationId,
      object: { type: 'index_run', id: run.id },
      detail: { year: run.year, ...(previous === undefined ? {} : { supersedes: previous }) },
    });
    const row = updated[0] as RunRow;
    return { ...summaryOf(row), result: row.result };
  });

/** The years with a published index, newest first. */
export const publishedYears = async (ex: Executor): Promise<number[]> => {
  const { rows } = await sql<{ year: number }>`
    select year from stats.index_publications order by year desc`.execute(ex);
  return rows.map((r) => r.year);
};

/** The published run of a year (the latest published year when absent), with its table. */
export const loadPublished = async (
  ex: Executor,
  year?: number,
): Promise<{ index: PublishedIndex; result: RunResult } | null> => {
  const { rows } = await sql<{
    result: RunResult;
    published_at: Date;
    published_by: string;
    published_by_zh: string;
  }>`
    select r.result, p.published_at, p.published_by, p.published_by_zh
    from stats.index_publications p join stats.index_runs r on r.id = p.run_id
    ${year === undefined ? sql`` : sql`where p.year = ${year}`}
    order by p.year desc limit 1`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    return null;
  }
  return {
    index: {
      ...row.result.index,
      publishedAt: row.published_at.toISOString(),
      publishedBy: row.published_by,
      publishedByZh: row.published_by_zh,
    },
    result: row.result,
  };
};
