// The public face of expo search: what the other parts of the expo module (catalogue writes,
// matchmaking) use. Routes are registered through registerSearchRoutes from the module's routes.ts.
import { type Kysely, sql } from 'kysely';
import { parseQuery } from './query-parser.ts';
import {
  reindexExhibitor as reindexExhibitorDocuments,
  reindexProducts,
  reindexServices,
} from './search-documents.ts';
import { shippedSynonyms } from './synonyms.ts';
import { segment } from './tokenizer.ts';

export { MAX_QUERY_LENGTH, parseQuery } from './query-parser.ts';
export {
  CANDIDATE_LIMIT,
  isStatementTimeout,
  MAX_LIMIT,
  SEARCH_TIMEOUT_MS,
  type SearchFilters,
  type SearchHit,
  type SearchInput,
  type SearchKind,
  type SearchResult,
  searchCatalogue,
  searchKinds,
} from './search-catalogue.ts';
export {
  type RecentSearch,
  recentSearches,
  type SearchCount,
  type SearchCountsGroup,
  searchCounts,
} from './search-counts.ts';
export {
  exhibitorDocument,
  productDocument,
  reindexProducts,
  reindexServices,
  type SearchDocument,
  serviceDocument,
  upsertSearchDocuments,
} from './search-documents.ts';

/** MAX_TOKENS for tokenize's output: bounded whatever the input. */
const MAX_SIMILARITY_TOKENS = 500;

/**
 * zh + en tokens of a text, with the synonyms of every word or phrase in it, deduplicated: for
 * text similarity (matchmaking compares a requirement's tokens with an offering's).
 */
export const tokenize = (text: string): string[] => {
  const tokens = new Set(segment(text.slice(0, 20_000), 'index'));
  const parsed = parseQuery(text.slice(0, 200), shippedSynonyms());
  // Synonyms of the opening words (as parsed for a query) and of every single token.
  if (parsed.ok) {
    for (const clause of parsed.query.clauses) {
      for (const phrase of clause.alternatives) {
        for (const token of phrase) {
          tokens.add(token);
        }
      }
    }
  }
  const synonyms = shippedSynonyms();
  for (const token of [...tokens]) {
    for (const phrase of synonyms.byFirstToken.get(token) ?? []) {
      if (phrase.tokens.length === 1) {
        for (const member of synonyms.groups[phrase.group] ?? []) {
          for (const t of member) {
            tokens.add(t);
          }
        }
      }
    }
  }
  return [...tokens].slice(0, MAX_SIMILARITY_TOKENS);
};

/**
 * Rewrites the search document of one product, and its exhibitor's (chapters and certifications),
 * from the catalogue tables. Call it inside the transaction of every product or certification
 * write, after the write: a published product becomes searchable, any other is removed.
 */
export const reindexProduct = async (trx: Kysely<object>, productId: string, now: Date): Promise<void> => {
  await reindexProducts(trx, [productId], now);
  const { rows } = await sql<{ organisation_id: string }>`select organisation_id from expo.products
    where id = ${productId}`.execute(trx);
  const owner = rows[0]?.organisation_id;
  if (owner !== undefined) {
    await reindexExhibitorDocuments(trx, owner, now);
  }
};

/** Rewrites the search document of one service; call it in the transaction of the service write. */
export const reindexService = (trx: Kysely<object>, serviceId: string, now: Date): Promise<void> =>
  reindexServices(trx, [serviceId], now);

/**
 * Rewrites an exhibitor's search document and those of all its products and services (they carry
 * its name, city and country); call it in the transaction of a showcase write.
 */
export const reindexExhibitor = (trx: Kysely<object>, organisationId: string, now: Date): Promise<void> =>
  reindexExhibitorDocuments(trx, organisationId, now, { offerings: true });

export { hydrateHits, type SearchResultCard } from './hydrate-hits.ts';
export { registerSearchRoutes } from './routes-search.ts';
