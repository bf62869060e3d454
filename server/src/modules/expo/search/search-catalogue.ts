import { AppError, parseMoney } from '@tradehub/kernel';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { type ParsedQuery, parseQuery, queryLexemes, toTsQuery } from './query-parser.ts';

export type SearchKind = 'product' | 'service' | 'exhibitor';
export const searchKinds = ['product', 'service', 'exhibitor'] as const satisfies readonly SearchKind[];

export type SearchFilters = {
  hsChapter?: string | undefined;
  country?: string | undefined;
  certification?: string | undefined;
  verifiedOnly?: boolean | undefined;
  maxMoq?: { quantity: string; unit: string } | undefined;
  /** The most the buyer pays per unit, as a decimal amount in the currency's major unit. */
  maxPrice?: { amount: string; currency: string } | undefined;
};

export type SearchHit = {
  kind: SearchKind;
  id: string;
  organisationId: string;
  score: number;
  matchedTerms: string[];
};

export type SearchInput = {
  q: string;
  kinds?: SearchKind[];
  filters?: SearchFilters;
  limit: number;
  offset?: number;
  /** Records the search in expo.search_queries for this organisation (trends, recent searches). */
  recordFor?: { organisationId: string; at?: Date };
};

export type SearchResult = {
  hits: SearchHit[];
  /** Matching documents, counted up to CANDIDATE_LIMIT (then `totalCapped`). */
  total: number;
  totalCapped: boolean;
  /** `all`: every word matched; `any`: nothing matched every word, so any word was enough. */
  matchMode: 'all' | 'any';
  tookMs: number;
};

/**
 * Matches read and ranked per search; a query matching more is answered from the first of them
 * and reports `totalCapped` ("500+"): reading 100,000 matches to rank or count them costs seconds.
 */
export const CANDIDATE_LIMIT = 500;
export const MAX_LIMIT = 100;
/** The time budget of one search (statement_timeout in its transaction). */
export const SEARCH_TIMEOUT_MS = 2_000;

const queryError = (code: string, message: string) =>
  new AppError('expo.search_invalid_query', message, { fieldErrors: [{ field: 'q', code, message }] });

const problemMessages = {
  'expo.search_query_too_long': 'The search query is too long (200 characters at most).',
  'expo.search_query_empty': 'The search query has no word to search for.',
} as const;

/** Parses the query or throws the 400 problem on field `q`. */
export const parseOrReject = (q: string): ParsedQuery => {
  const parsed = parseQuery(q);
  if (!parsed.ok) {
    throw queryError(parsed.problem, problemMessages[parsed.problem]);
  }
  return parsed.query;
};

/** PostgreSQL's query_canceled (statement_timeout), possibly wrapped by the database layer. */
export const isStatementTimeout = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Object; depth += 1) {
    if ((current as { code?: unknown }).code === '57014') {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

const quoted = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The filters as tsquery conditions on the filter lexemes of search-documents.ts (so the text
 * index applies them), and the numeric ones (MOQ, price) as SQL on the columns.
 */
const filterConditions = (
  kinds: readonly SearchKind[],
  filters: SearchFilters,
): { tsquery: string[]; sql: RawBuilder<unknown>[] } => {
  const tsquery: string[] = [];
  const conditions: RawBuilder<unknown>[] = [];
  // MOQ and price are product facts: asking for them narrows the search to products.
  const productOnly = filters.maxMoq !== undefined || filters.maxPrice !== undefined;
  const wanted = productOnly ? kinds.filter((kind) => kind === 'product') : kinds;
  if (wanted.length === 0) {
    conditions.push(sql`false`);
  } else if (wanted.length < searchKinds.length) {
    tsquery.push(`(${wanted.map((kind) => quoted(`kind:${kind}`)).join(' | ')})`);
  }
  if (filters.hsChapter !== undefined) {
    tsquery.push(quoted(`hs${filters.hsChapter}`));
  }
  if (filters.country !== undefined) {
    tsquery.push(quoted(`country:${filters.country.toLowerCase()}`));
  }
  if (filters.certification !== undefined) {
    const scheme = filters.certification.toLowerCase();
    tsquery.push(quoted(filters.verifiedOnly === true ? `vcert:${scheme}` : `cert:${scheme}`));
  } else if (filters.verifiedOnly === true) {
    tsquery.push(quoted('verified:yes'));
  }
  if (filters.maxMoq !== undefined) {
    // `kind = 'product'` lets the partial B-tree indexes of 0002_search.sql join the text
    // index's bitmap (BitmapAnd) instead of the heap filtering a wide match set.
    conditions.push(
      sql`kind = 'product' and moq_unit = ${filters.maxMoq.unit} and moq <= ${filters.maxMoq.quantity}::numeric`,
    );
  }
  if (filters.maxPrice !== undefined) {
    const max = maxPriceMinor(filters.maxPrice);
    conditions.push(
      sql`kind = 'product' and price_currency = ${max.currency} and price_min_minor <= ${max.amountMinor.toString()}::bigint`,
    );
  }
  return { tsquery, sql: conditions };
};

const maxPriceMinor = (price: { amount: string; currency: string }) => {
  try {
    return parseMoney(price.amount, price.currency.toUpperCase(), 'down');
  } catch {
    throw new AppError('expo.invalid', 'The maximum price is not an amount in that currency.', {
      fieldErrors: [
        { field: 'maxPrice', code: 'expo.search_bad_price', message: 'Not an amount in that currency.' },
      ],
    });
  }
};

type HitRow = {
  total: string | number;
  kind: SearchKind;
  id: string;
  organisation_id: string;
  hs_chapters: string[];
  score: number;
  matched: string[] | null;
};

/**
 * Searches published products, services and exhibitors in Chinese and English. Matches every
 * query word (each expanded with its synonyms); when nothing does, any word. Ranks the best
 * CANDIDATE_LIMIT matches by static quality with ts_rank_cd plus boosts for an exact name or HS
 * code. Throws `expo.search_invalid_query` (400) for an unusable query, `expo.search_timeout`
 * (503) past the time budget.
 */
export const searchCatalogue = async (db: Database, input: SearchInput): Promise<SearchResult> => {
  const started = performance.now();
  const query = parseOrReject(input.q);
  const kinds = input.kinds !== undefined && input.kinds.length > 0 ? input.kinds : [...searchKinds];
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.trunc(input.limit)));
  const offset = Math.max(0, Math.min(CANDIDATE_LIMIT - limit, Math.trunc(input.offset ?? 0)));
  const filters = filterConditions(kinds, input.filters ?? {});
  const lexemes = queryLexemes(query.clauses);
  const hs6 = query.hsCodes.filter((code) => code.length === 6);
  const hs4 = query.hsCodes.filter((code) => code.length === 4);
  try {
    return await db.transaction(async (trx) => {
      await sql.raw(`set local statement_timeout = ${SEARCH_TIMEOUT_MS}`).execute(trx);
      // A bitmap of a common word's matches is large: enough memory keeps it exact (not lossy).
      await sql.raw("set local work_mem = '32MB'").execute(trx);
      const run = async (mode: 'all' | 'any') => {
        const text = toTsQuery(query.clauses, mode);
        const match = [`(${text})`, ...filters.tsquery].join(' & ');
        const where = sql.join([sql`document @@ ${match}::tsquery`, ...filters.sql], sql` and `);
        // The candidates: at most CANDIDATE_LIMIT + 1 matches, in no particular order, so a word
        // that matches 100,000 rows costs a bounded number of row reads; all of them are ranked.
        const { rows } = await sql<HitRow>`with candidates as materialized (
            select kind, id, organisation_id, hs_chapters, document, names, hs_code, quality
            from expo.search_documents where ${where}
            limit ${CANDIDATE_LIMIT + 1}
          )
          select kind, id, organisation_id, hs_chapters, score, total,
            array(select unnest(tsvector_to_array(document)) intersect select unnest(${lexemes}::text[])) as matched
          from (
            select kind, id, organisation_id, hs_chapters, document, count(*) over () as total,
              ts_rank_cd('{0.1, 0.2, 0.4, 1.0}'::float4[], document, ${text}::tsquery)
              + case when names && ${[query.normalised]}::text[] then 1.0 else 0 end
              + case when hs_code = any(${hs6}::text[]) or substr(hs_code, 1, 4) = any(${hs4}::text[]) then 0.5 else 0 end
              + 0.2 * quality as score
            from candidates
            order by score desc, id limit ${limit} offset ${offset}
          ) ranked order by score desc, id`.execute(trx);
        let total = Number(rows[0]?.total ?? 0);
        if (rows.length === 0 && offset > 0) {
          const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from (
              select 1 from expo.search_documents where ${where} limit ${CANDIDATE_LIMIT + 1}) matches`.execute(
            trx,
          );
          total = counted[0]?.n ?? 0;
        }
        return { total, rows };
      };
      let matchMode: 'all' | 'any' = 'all';
      let found = await run('all');
      if (found.total === 0 && query.clauses.length > 1) {
        matchMode = 'any';
        found = await run('any');
      }
      const hits = found.rows.map(
        (row): SearchHit => ({
          kind: row.kind,
          id: row.id,
          organisationId: row.organisation_id,
          score: Math.round(Number(row.score) * 10_000) / 10_000,
          matchedTerms: [...(row.matched ?? [])].sort(),
        }),
      );
      const tookMs = Math.round(performance.now() - started);
      const total = Math.min(found.total, CANDIDATE_LIMIT);
      if (input.recordFor !== undefined) {
        const chapters = [...new Set(found.rows.flatMap((row) => row.hs_chapters))].slice(0, 10);
        await sql`insert into expo.search_queries (organisation_id, query_normalised, language, kinds, filters,
            result_hs_chapters, result_count, took_ms, created_at)
          values (${input.recordFor.organisationId}, ${query.normalised}, ${query.language}, ${kinds}::text[],
            ${JSON.stringify(input.filters ?? {})}::jsonb, ${chapters}::text[], ${total}, ${tookMs}, ${input.recordFor.at ?? new Date()})`.execute(
          trx,
        );
      }
      return {
        hits,
        total,
        totalCapped: found.total > CANDIDATE_LIMIT,
        matchMode,
        tookMs,
      };
    });
  } catch (error) {
    if (isStatementTimeout(error)) {
      throw new AppError(
        'expo.search_timeout',
        'The search took longer than its time budget; narrow it down.',
      );
    }
    throw error;
  }
};
