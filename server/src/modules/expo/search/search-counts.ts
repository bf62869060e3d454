import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';

export type SearchCountsGroup = 'day' | 'month' | 'query' | 'hs_chapter' | 'language';

export type SearchCount = { key: string; searches: number; organisations: number };

/**
 * Searches per period, normalised query text, HS chapter of the results, or language, in
 * [from, to): the "see trends" input. Counts across all searching organisations; no row names one.
 */
export const searchCounts = async (
  db: Database,
  input: { from: Date; to: Date; groupBy: SearchCountsGroup; limit?: number },
): Promise<SearchCount[]> => {
  const limit = Math.max(1, Math.min(1_000, input.limit ?? 100));
  const key = {
    day: sql`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`,
    month: sql`to_char(created_at at time zone 'UTC', 'YYYY-MM')`,
    query: sql`query_normalised`,
    hs_chapter: sql`unnest(case when cardinality(result_hs_chapters) = 0 then array['none'] else result_hs_chapters end)`,
    language: sql`language`,
  }[input.groupBy];
  const ordered = input.groupBy === 'day' || input.groupBy === 'month' ? sql`key` : sql`searches desc, key`;
  const { rows } = await sql<SearchCount>`select key, count(*)::int as searches,
      count(distinct organisation_id)::int as organisations
    from (select ${key} as key, organisation_id from expo.search_queries
      where created_at >= ${input.from} and created_at < ${input.to}) q
    group by key order by ${ordered} limit ${limit}`.execute(db.kysely);
  return rows;
};

export type RecentSearch = { query: string; language: string; resultCount: number; at: string };

/** An organisation's own latest searches, newest first (distinct texts). */
export const recentSearches = async (
  db: Database,
  organisationId: string,
  limit = 10,
): Promise<RecentSearch[]> => {
  const { rows } = await sql<{ query_normalised: string; language: string; result_count: number; at: Date }>`
    select distinct on (query_normalised) query_normalised, language, result_count, created_at as at
    from expo.search_queries where organisation_id = ${organisationId}
    order by query_normalised, created_at desc`.execute(db.kysely);
  return rows
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit)
    .map((row) => ({
      query: row.query_normalised,
      language: row.language,
      resultCount: row.result_count,
      at: row.at.toISOString(),
    }));
};
