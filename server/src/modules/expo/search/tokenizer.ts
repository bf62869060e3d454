import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

// @node-rs/jieba ships CommonJS with a native binding; createRequire loads it from ESM without an
// interop wrapper, and only when a Chinese run is first segmented (the dictionary takes ~0.3 s).
const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;
const segmenter = (): Jieba => {
  if (jieba === undefined) {
    const binding = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const dictionary = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    jieba = binding.Jieba.withDict(dictionary.dict);
  }
  return jieba;
};

/** Longest token kept: longer runs are noise (hashes, base64) and would bloat the index. */
export const MAX_TOKEN_LENGTH = 40;
/** Most tokens one text contributes: a description longer than this adds nothing to ranking. */
export const MAX_TOKENS_PER_TEXT = 2_000;

// Function words that match nearly every document and so only slow the query down.
const englishStopWords = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
const chineseStopWords = new Set([
  '的',
  '和',
  '与',
  '及',
  '等',
  '是',
  '在',
  '了',
  '或',
  '之',
  '用',
  '为',
  '其',
  '也',
]);

/**
 * A light English stemmer: plural forms only, the same on documents and queries, so "lamps" finds
 * "lamp" and "batteries" finds "battery". A full Porter stemmer conflates too much for product
 * names ("organ" and "organic").
 */
export const stemEnglish = (word: string): string => {
  if (word.length <= 3 || /\d/.test(word)) {
    return word;
  }
  if (word.endsWith('ies') && word.length > 4) {
    return `${word.slice(0, -3)}y`;
  }
  if (/(ches|shes|sses|xes|zes)$/.test(word)) {
    return word.slice(0, -2);
  }
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) {
    return word.slice(0, -1);
  }
  return word;
};

/** A run of Chinese characters (letters, not radicals), or of other letters and digits; everything else separates. */
const runPattern = /((?:(?=[\p{L}\p{N}])\p{Script=Han})+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

export type SegmentMode = 'index' | 'query';

// Chinese runs repeat a lot (names, cities, set phrases) and each jieba call crosses into native
// code: a bounded memo of recent runs makes bulk indexing several times faster.
const MEMO_LIMIT = 50_000;
const memo = new Map<string, readonly string[]>();
const cutHan = (han: string, mode: SegmentMode): readonly string[] => {
  if (han.length > 64) {
    return mode === 'index' ? segmenter().cutForSearch(han, true) : segmenter().cut(han, true);
  }
  const key = `${mode}:${han}`;
  let words = memo.get(key);
  if (words === undefined) {
    words = mode === 'index' ? segmenter().cutForSearch(han, true) : segmenter().cut(han, true);
    if (memo.size >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.set(key, words);
  }
  return words;
};

/**
 * Splits text into normalised tokens in reading order. Chinese is segmented by jieba: `index`
 * mode (documents) keeps the sub-words of long words too (cut for search), `query` mode keeps
 * whole words, so a query word is found in documents that contain it or a longer word around it.
 */
export const segment = (text: string, mode: SegmentMode): string[] => {
  const tokens: string[] = [];
  const normalised = text.normalize('NFKC').toLowerCase();
  for (const match of normalised.matchAll(runPattern)) {
    if (tokens.length >= MAX_TOKENS_PER_TEXT) {
      break;
    }
    const [, han, word] = match;
    if (han !== undefined) {
      const words = cutHan(han, mode);
      for (const piece of words) {
        const trimmed = piece.trim();
        if (trimmed.length > 0 && trimmed.length <= MAX_TOKEN_LENGTH && !chineseStopWords.has(trimmed)) {
          tokens.push(trimmed);
        }
      }
    } else if (word !== undefined && word.length <= MAX_TOKEN_LENGTH && !englishStopWords.has(word)) {
      tokens.push(stemEnglish(word));
    }
  }
  return tokens.slice(0, MAX_TOKENS_PER_TEXT);
};

/** The index tokens of an HS code: the subheading, its heading and its chapter, prefixed. */
export const hsTokens = (hsCode: string): string[] =>
  /^\d{6}$/.test(hsCode) ? [`hs${hsCode}`, `hs${hsCode.slice(0, 4)}`, `hs${hsCode.slice(0, 2)}`] : [];
