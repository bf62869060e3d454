import { matchSynonym, type SynonymIndex, shippedSynonyms } from './synonyms.ts';
import { segment } from './tokenizer.ts';

/** Longest query accepted, in characters: a search box, not a document. */
export const MAX_QUERY_LENGTH = 200;
/** Most clauses (words or synonym phrases) a query keeps; the rest would only slow it down. */
export const MAX_CLAUSES = 12;
/** Most alternatives one clause expands to. */
export const MAX_ALTERNATIVES = 12;

/** One word of the query: any of its alternatives (each a phrase: all of its tokens) matches. */
export type QueryClause = { alternatives: string[][] };

export type ParsedQuery = {
  /** The query as recorded: NFKC, lower case, single spaces. */
  normalised: string;
  language: 'zh' | 'en' | 'mixed';
  /** The query's own tokens, before synonyms. */
  tokens: string[];
  clauses: QueryClause[];
  /** HS subheadings or headings written in the query (digits only). */
  hsCodes: string[];
};

export type QueryProblem = 'expo.search_query_too_long' | 'expo.search_query_empty';

/** Normalises text the way names are compared for an exact-name match. */
export const normaliseText = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();

const hasHan = /\p{Script=Han}/u;
const hasLatin = /[\p{Script=Latin}]/u;

/**
 * Parses a search box query: segments it, expands each word or phrase with its zh ↔ en synonyms
 * and reads HS codes. A query that is too long, or that has no searchable word left (pure
 * punctuation, only stop words), is a problem for the caller to report on the `q` field.
 */
export const parseQuery = (
  q: string,
  synonyms: SynonymIndex = shippedSynonyms(),
): { ok: true; query: ParsedQuery } | { ok: false; problem: QueryProblem } => {
  if (q.length > MAX_QUERY_LENGTH) {
    return { ok: false, problem: 'expo.search_query_too_long' };
  }
  const normalised = normaliseText(q);
  // "8506.50" is how HS subheadings are often written; searched as one code.
  const tokens = segment(normalised.replace(/(\d{4})\.(\d{2})(?!\d)/gu, '$1$2'), 'query');
  if (tokens.length === 0) {
    return { ok: false, problem: 'expo.search_query_empty' };
  }
  const clauses: QueryClause[] = [];
  const hsCodes: string[] = [];
  let i = 0;
  while (i < tokens.length && clauses.length < MAX_CLAUSES) {
    const phrase = matchSynonym(synonyms, tokens, i);
    if (phrase !== undefined) {
      const members = synonyms.groups[phrase.group] ?? [];
      clauses.push({ alternatives: dedupePhrases([phrase.tokens, ...members]).slice(0, MAX_ALTERNATIVES) });
      i += phrase.tokens.length;
      continue;
    }
    const token = tokens[i] as string;
    const alternatives = [[token]];
    if (/^(\d{2}|\d{4}|\d{6})$/.test(token)) {
      alternatives.push([`hs${token}`]);
      if (token.length >= 4) {
        hsCodes.push(token);
      }
    }
    clauses.push({ alternatives });
    i += 1;
  }
  const language = hasHan.test(normalised) ? (hasLatin.test(normalised) ? 'mixed' : 'zh') : 'en';
  return {
    ok: true,
    query: { normalised: normalised.slice(0, MAX_QUERY_LENGTH), language, tokens, clauses, hsCodes },
  };
};

const dedupePhrases = (phrases: readonly string[][]): string[][] => {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    const key = phrase.join(' ');
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
};

// Lexemes come from the tokenizer (letters and digits only), but are quoted and escaped anyway so
// that no input can change the shape of the tsquery.
const lexeme = (token: string): string => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsquery text of the clauses: every clause must match (`all`) or any may (`any`, the
 * fallback when nothing matches all). Cast with `::tsquery`, not `to_tsquery`, so the lexemes are
 * taken as they are (the `simple` configuration would do the same, but this is explicit).
 */
export const toTsQuery = (clauses: readonly QueryClause[], mode: 'all' | 'any'): string =>
  clauses
    .map((clause) => {
      const alternatives = clause.alternatives.map((phrase) =>
        phrase.length === 1 ? lexeme(phrase[0] as string) : `(${phrase.map(lexeme).join(' & ')})`,
      );
      return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' | ')})`;
    })
    .join(mode === 'all' ? ' & ' : ' | ');

/** Every lexeme the query can match, for reporting which terms a hit matched. */
export const queryLexemes = (clauses: readonly QueryClause[]): string[] => [
  ...new Set(clauses.flatMap((clause) => clause.alternatives.flat())),
];
