import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalPercent,
  isRoyaltyPercent,
  type LicenceTerms,
  licencesConflict,
} from './agreement-rules.ts';
import { tokenize } from './tokens.ts';

const terms = (overrides: Partial<LicenceTerms>): LicenceTerms => ({
  exclusivity: 'non_exclusive',
  territory: ['DE'],
  termStart: '2026-01-01',
  termEnd: '2028-12-31',
  ...overrides,
});

describe('licence conflicts', () => {
  it('non-exclusive licences never conflict', () => {
    expect(licencesConflict(terms({}), terms({}))).toBe(false);
  });
  it('an exclusive or sole licence conflicts where territory and term overlap', () => {
    expect(licencesConflict(terms({ exclusivity: 'exclusive' }), terms({}))).toBe(true);
    expect(licencesConflict(terms({}), terms({ exclusivity: 'sole' }))).toBe(true);
    expect(licencesConflict(terms({ exclusivity: 'exclusive' }), terms({ territory: ['FR'] }))).toBe(false);
    expect(
      licencesConflict(terms({ exclusivity: 'exclusive', territory: [] }), terms({ territory: ['FR'] })),
    ).toBe(true);
    expect(
      licencesConflict(
        terms({ exclusivity: 'exclusive' }),
        terms({ termStart: '2029-01-01', termEnd: null }),
      ),
    ).toBe(false);
    expect(
      licencesConflict(
        terms({ exclusivity: 'exclusive', termEnd: null }),
        terms({ termStart: '2040-01-01' }),
      ),
    ).toBe(true);
  });
  it('is symmetric', () => {
    const arbitraryTerms = fc.record({
      exclusivity: fc.constantFrom('exclusive' as const, 'sole' as const, 'non_exclusive' as const),
      territory: fc.subarray(['DE', 'FR', 'US']),
      termStart: fc.constantFrom('2026-01-01', '2027-06-01', '2030-01-01'),
      termEnd: fc.constantFrom(null, '2031-01-01', '2032-12-31'),
    });
    fc.assert(
      fc.property(arbitraryTerms, arbitraryTerms, (a, b) => {
        expect(licencesConflict(a, b)).toBe(licencesConflict(b, a));
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('royalty percent', () => {
  it('takes decimal strings in (0, 100] with up to four decimals', () => {
    for (const ok of ['3.5', '0.0001', '100', '100.00', '12']) {
      expect(isRoyaltyPercent(ok), ok).toBe(true);
    }
    for (const bad of ['0', '0.0', '100.01', '3.55555', '-1', '1e2', '3,5', '', ' 3']) {
      expect(isRoyaltyPercent(bad), bad).toBe(false);
    }
    expect(canonicalPercent('3.50')).toBe('3.5');
    expect(canonicalPercent('100.00')).toBe('100');
  });
});

describe('listing tokens', () => {
  it('splits Latin words and Chinese characters and bigrams', () => {
    expect(tokenize('Solid-state 电池 cell')).toEqual(['solid', 'state', '电', '池', '电池', 'cell']);
  });
  it('a query of a substring of Chinese text finds it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'锂电池固态电解质快充'), minLength: 2, maxLength: 12 }),
        fc.nat(),
        (text, at) => {
          const start = at % (text.length - 1);
          const query = text.slice(start, start + 2);
          const indexed = new Set(tokenize(text));
          expect(tokenize(query).every((token) => indexed.has(token))).toBe(true);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
