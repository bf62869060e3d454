import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from './index.ts';
import { MAX_ALTERNATIVES, MAX_CLAUSES, MAX_QUERY_LENGTH, parseQuery, toTsQuery } from './query-parser.ts';
import { buildTsvector } from './search-documents.ts';
import { hsTokens, MAX_TOKEN_LENGTH, MAX_TOKENS_PER_TEXT, segment, stemEnglish } from './tokenizer.ts';

// Any Unicode, and text dense in what the tokenizer treats specially (Han, digits, punctuation).
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({
      unit: fc.constantFrom(
        '灯',
        '伞',
        '充',
        '电',
        '器',
        '保',
        '温',
        '杯',
        '，',
        '。',
        ' ',
        'L',
        'e',
        'd',
        '8',
        '5',
        '.',
        "'",
        '\\',
        '&',
        '|',
        '!',
        ':',
        '*',
      ),
      maxLength,
    }),
  );

describe('segment', () => {
  it('segments Chinese with jieba, keeping sub-words in index mode', () => {
    expect(segment('不锈钢保温杯', 'index')).toEqual(expect.arrayContaining(['不锈钢', '保温', '保温杯']));
    expect(segment('不锈钢保温杯', 'query')).toEqual(['不锈钢', '保温杯']);
  });

  it('lower-cases English, drops stop words, stems plurals, and splits mixed scripts', () => {
    expect(segment('LED Lamps for the Kitchen', 'index')).toEqual(['led', 'lamp', 'kitchen']);
    expect(segment('LED灯泡', 'query')).toEqual(['led', '灯泡']);
    expect(segment('ＬＥＤ', 'query')).toEqual(['led']);
  });

  it('stems plurals the same way on both sides', () => {
    expect(['batteries', 'boxes', 'glasses', 'lamps', 'shoes', 'bus', 'glass'].map(stemEnglish)).toEqual([
      'battery',
      'box',
      'glass',
      'lamp',
      'shoe',
      'bus',
      'glass',
    ]);
  });

  it('gives HS codes as subheading, heading and chapter tokens', () => {
    expect(hsTokens('850440')).toEqual(['hs850440', 'hs8504', 'hs85']);
    expect(hsTokens('85044')).toEqual([]);
  });

  it('never throws and stays bounded, whatever the text', () => {
    fc.assert(
      fc.property(anyText(3000), (text) => {
        for (const mode of ['index', 'query'] as const) {
          const tokens = segment(text, mode);
          expect(tokens.length).toBeLessThanOrEqual(MAX_TOKENS_PER_TEXT);
          for (const token of tokens) {
            expect(token.length).toBeGreaterThan(0);
            expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
            expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('parseQuery', () => {
  it('expands words and phrases with their synonyms in the other language', () => {
    const parsed = parseQuery('umbrella');
    expect(parsed.ok && parsed.query.clauses[0]?.alternatives).toEqual(
      expect.arrayContaining([['umbrella'], ['伞'], ['雨伞']]),
    );
    const phrase = parseQuery('power bank');
    expect(phrase.ok && phrase.query.clauses.length).toBe(1);
  });

  it('reads HS codes, including the dotted form', () => {
    const parsed = parseQuery('8504.40 chargers');
    expect(parsed.ok && parsed.query.hsCodes).toEqual(['850440']);
    expect(parsed.ok && toTsQuery(parsed.query.clauses, 'all')).toContain("'hs850440'");
  });

  it('rejects a too long query and one with no word', () => {
    expect(parseQuery('a'.repeat(10_000))).toEqual({ ok: false, problem: 'expo.search_query_too_long' });
    expect(parseQuery('?!…。，、——')).toEqual({ ok: false, problem: 'expo.search_query_empty' });
    expect(parseQuery('the and of')).toEqual({ ok: false, problem: 'expo.search_query_empty' });
  });

  it('never throws, and what it accepts is a bounded tsquery of quoted lexemes', () => {
    fc.assert(
      fc.property(anyText(250), (q) => {
        const parsed = parseQuery(q);
        if (!parsed.ok) {
          expect(['expo.search_query_too_long', 'expo.search_query_empty']).toContain(parsed.problem);
          return;
        }
        expect(q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        expect(parsed.query.clauses.length).toBeGreaterThan(0);
        expect(parsed.query.clauses.length).toBeLessThanOrEqual(MAX_CLAUSES);
        for (const clause of parsed.query.clauses) {
          expect(clause.alternatives.length).toBeLessThanOrEqual(MAX_ALTERNATIVES);
        }
        for (const mode of ['all', 'any'] as const) {
          const tsquery = toTsQuery(parsed.query.clauses, mode);
          // Only quoted lexemes, operators, brackets and spaces: nothing from the input can change its shape.
          expect(tsquery.replace(/'[^']*'/g, '')).toMatch(/^[()&| ]*$/);
        }
      }),
      { numRuns: 500, seed: 12 },
    );
  });
});

describe('tokenize (for similarity)', () => {
  it('adds synonyms across the languages, bounded', () => {
    expect(tokenize('Solar charger')).toEqual(
      expect.arrayContaining(['solar', 'charger', '太阳能', '充电器']),
    );
    expect(tokenize('充电器')).toContain('charger');
    fc.assert(
      fc.property(anyText(5000), (text) => {
        expect(tokenize(text).length).toBeLessThanOrEqual(500);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});

describe('buildTsvector', () => {
  it('writes weighted positions and escapes quotes', () => {
    expect(
      buildTsvector([
        { weight: 'A', tokens: ['led', 'lamp'] },
        { weight: 'C', tokens: ['led', "o'k"] },
      ]),
    ).toBe("'led':1A,3C 'lamp':2A 'o''k':4C");
  });
});
