import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { segment } from './tokenizer.ts';

const ZSynonyms = z.object({ groups: z.array(z.array(z.string().min(1).max(60)).min(2)) });

/** A synonym phrase as query tokens, and the group (concept) it belongs to. */
export type SynonymPhrase = { tokens: string[]; group: number };

export type SynonymIndex = {
  /** Every member of each group, as query tokens. */
  groups: string[][][];
  /** Phrases by their first token, longest first, for greedy matching over a query. */
  byFirstToken: ReadonlyMap<string, SynonymPhrase[]>;
};

/** Builds the matching index of synonym groups, each member tokenised as a query is. */
export const buildSynonymIndex = (groups: readonly (readonly string[])[]): SynonymIndex => {
  const tokenised = groups.map((members) => {
    const seen = new Set<string>();
    const phrases: string[][] = [];
    for (const member of members) {
      const tokens = segment(member, 'query');
      const key = tokens.join(' ');
      if (tokens.length > 0 && !seen.has(key)) {
        seen.add(key);
        phrases.push(tokens);
      }
    }
    return phrases;
  });
  const byFirstToken = new Map<string, SynonymPhrase[]>();
  tokenised.forEach((phrases, group) => {
    for (const tokens of phrases) {
      const first = tokens[0] as string;
      const list = byFirstToken.get(first) ?? [];
      list.push({ tokens, group });
      byFirstToken.set(first, list);
    }
  });
  for (const list of byFirstToken.values()) {
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  }
  return { groups: tokenised, byFirstToken };
};

let shipped: SynonymIndex | undefined;

/** The shipped zh ↔ en synonym groups (synonyms.zh-en.json), read and tokenised once. */
export const shippedSynonyms = (): SynonymIndex => {
  if (shipped === undefined) {
    const file = ZSynonyms.parse(
      JSON.parse(readFileSync(new URL('./synonyms.zh-en.json', import.meta.url), 'utf8')),
    );
    shipped = buildSynonymIndex(file.groups);
  }
  return shipped;
};

/** The longest synonym phrase that starts at `tokens[start]`, if any. */
export const matchSynonym = (
  index: SynonymIndex,
  tokens: readonly string[],
  start: number,
): SynonymPhrase | undefined => {
  const candidates = index.byFirstToken.get(tokens[start] as string);
  return candidates?.find((phrase) => phrase.tokens.every((token, i) => tokens[start + i] === token));
};
