import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MatchCandidate,
  type MatchContext,
  type MatchRequirement,
  matchWeights,
  priceFitValue,
  scoreMatch,
  thousandths,
  tokenSimilarity,
  withholdTrackRecord,
} from './score-match.ts';

const requirement = (change: Partial<MatchRequirement> = {}): MatchRequirement => ({
  hsCode: '853952',
  tokens: ['led', 'bulb', 'e27', 'ce'],
  quantity: '10000',
  unit: 'H87',
  destinationCountry: 'MY',
  certifications: ['CE'],
  hasTargetPrice: true,
  ...change,
});

const candidate = (change: Partial<MatchCandidate> = {}): MatchCandidate => ({
  hsCode: '853952',
  tokens: ['led', 'bulb', 'e27', 'lamp'],
  moq: '5000',
  moqUnit: 'H87',
  priceCurrency: 'USD',
  priceMinMinor: 80n,
  priceMaxMinor: 120n,
  exportMarkets: ['MY', 'SG'],
  exhibitorExportMarkets: [],
  certifications: [{ scheme: 'CE', verification: 'verified' }],
  ...change,
});

const context = (change: Partial<MatchContext> = {}): MatchContext => ({
  targetPrice: { kind: 'same_currency', amountMinor: 130n },
  credit: { score: 80, grade: 'B' },
  completedOrders: 20,
  ...change,
});

const byKey = (result: ReturnType<typeof scoreMatch>, key: string) =>
  result.components.find((part) => part.key === key);

describe('matchWeights', () => {
  it('sum to 100, so the score is the sum of the points', () => {
    expect(Object.values(matchWeights).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('scoreMatch', () => {
  it('scores a product that fits everything near the top, with every component explained', () => {
    const result = scoreMatch(requirement(), candidate(), context());
    expect(result.score).toBeGreaterThanOrEqual(90);
    expect(result.components.map((part) => part.key)).toEqual(Object.keys(matchWeights));
    expect(byKey(result, 'hs')?.reason).toBe('hs_same_subheading');
    expect(byKey(result, 'price')?.reason).toBe('price_below_target');
    expect(byKey(result, 'certifications')?.reason).toBe('certs_all_verified');
    expect(byKey(result, 'delivery')?.reason).toBe('delivery_to_destination');
  });

  it('grades HS fit by subheading, heading and chapter', () => {
    const fit = (hsCode: string) => byKey(scoreMatch(requirement(), candidate({ hsCode }), context()), 'hs');
    expect(fit('853952')?.value).toBe(1);
    expect(fit('853951')?.value).toBe(0.7);
    expect(fit('854140')?.value).toBe(0.4);
    expect(fit('940540')?.value).toBe(0);
    expect(byKey(scoreMatch(requirement({ hsCode: null }), candidate(), context()), 'hs')?.reason).toBe(
      'hs_not_given',
    );
  });

  it('stays neutral and says so when no exchange rate exists', () => {
    const result = scoreMatch(
      requirement(),
      candidate(),
      context({ targetPrice: { kind: 'no_rate', from: 'MYR', to: 'USD', day: '2026-11-27' } }),
    );
    expect(byKey(result, 'price')).toMatchObject({ value: 0.5, reason: 'price_no_rate' });
  });

  it('explains a converted price with its rate', () => {
    const result = scoreMatch(
      requirement(),
      candidate(),
      context({
        targetPrice: { kind: 'converted', amountMinor: 100n, from: 'MYR', rate: '0.2130', day: '2026-11-27' },
      }),
    );
    expect(byKey(result, 'price')).toMatchObject({
      reason: 'price_range_covers_target_converted',
      params: { from: 'MYR', rate: '0.2130' },
    });
  });

  it('treats a MOQ in another unit as unknown and a shortfall as a partial fit', () => {
    expect(byKey(scoreMatch(requirement({ unit: 'KGM' }), candidate(), context()), 'moq')?.reason).toBe(
      'moq_unit_differs',
    );
    const short = byKey(scoreMatch(requirement({ quantity: '2500' }), candidate(), context()), 'moq');
    expect(short).toMatchObject({ reason: 'moq_not_met', value: 0.25 });
  });

  it('counts verified credentials above self-declared claims, and names missing schemes', () => {
    const fit = (certifications: MatchCandidate['certifications']) =>
      byKey(
        scoreMatch(requirement({ certifications: ['CE', 'RoHS'] }), candidate({ certifications }), context()),
        'certifications',
      );
    const verified = fit([
      { scheme: 'CE', verification: 'verified' },
      { scheme: 'ROHS', verification: 'verified' },
    ]);
    const declared = fit([
      { scheme: 'CE', verification: 'self_declared' },
      { scheme: 'RoHS', verification: 'self_declared' },
    ]);
    const missing = fit([{ scheme: 'CE', verification: 'verified' }]);
    expect(verified?.value).toBe(1);
    expect(declared?.value).toBe(0.6);
    expect(declared?.reason).toBe('certs_all_present');
    expect(missing).toMatchObject({ value: 0.5, reason: 'certs_missing', params: { missing: 'ROHS' } });
  });

  it('falls back to the exhibitor markets and is neutral without history or credit', () => {
    const result = scoreMatch(
      requirement(),
      candidate({ exportMarkets: [], exhibitorExportMarkets: ['DE'] }),
      { targetPrice: undefined },
    );
    expect(byKey(result, 'delivery')?.reason).toBe('delivery_not_to_destination');
    expect(byKey(result, 'history')).toMatchObject({ value: 0.5, reason: 'history_unknown' });
    expect(byKey(result, 'credit')).toMatchObject({ value: 0.5, reason: 'credit_unknown' });
  });

  it('keeps a supplier that does not share its track record neutral and names nothing of it', () => {
    const facts = { credit: { score: 95, grade: 'AA' }, completedOrders: 40 };
    const hidden = scoreMatch(requirement(), candidate(), context({ ...facts, trackRecordShared: false }));
    expect(byKey(hidden, 'credit')).toEqual({
      key: 'credit',
      weight: matchWeights.credit,
      value: 0.5,
      points: matchWeights.credit / 2,
      reason: 'credit_not_shared',
      params: {},
    });
    expect(byKey(hidden, 'history')).toMatchObject({ value: 0.5, reason: 'history_not_shared', params: {} });
    // Same score as a supplier with no facts at all: not sharing neither helps nor hurts.
    const unknown = scoreMatch(
      requirement(),
      candidate(),
      context({ credit: undefined, completedOrders: undefined }),
    );
    expect(hidden.score).toBe(unknown.score);
    const shown = scoreMatch(requirement(), candidate(), context({ ...facts, trackRecordShared: true }));
    expect(byKey(shown, 'credit')).toMatchObject({
      reason: 'credit_score',
      params: { score: 95, grade: 'AA' },
    });
    expect(byKey(shown, 'history')).toMatchObject({ reason: 'history_orders', params: { count: 40 } });
  });

  it('withholds a stored track record from the buyer once the supplier stops sharing', () => {
    const facts = { credit: { score: 95, grade: 'AA' }, completedOrders: 40 };
    const stored = scoreMatch(requirement(), candidate(), context(facts));
    const hidden = scoreMatch(requirement(), candidate(), context({ ...facts, trackRecordShared: false }));
    const withheld = withholdTrackRecord(stored);
    expect(withheld).toEqual(hidden);
    expect(JSON.stringify(withheld.components)).not.toContain('AA');
    // Already withheld: unchanged.
    expect(withholdTrackRecord(hidden)).toBe(hidden);
  });
});

describe('helpers', () => {
  it('reads decimals as thousandths', () => {
    expect(thousandths('12.5')).toBe(12_500n);
    expect(thousandths('0.001')).toBe(1n);
    expect(thousandths('1e3')).toBeUndefined();
  });

  it('measures token overlap as a cosine', () => {
    expect(tokenSimilarity(['a', 'b'], ['a', 'b']).similarity).toBeCloseTo(1);
    expect(tokenSimilarity([], ['a']).similarity).toBe(0);
    expect(tokenSimilarity(['a', 'b'], ['b', 'c']).shared).toEqual(['b']);
  });
});

const arbCertification = fc.record({
  scheme: fc.constantFrom('CE', 'RoHS', 'FCC', 'CCC', 'ISO 9001'),
  verification: fc.constantFrom('self_declared', 'verified', 'revoked', 'expired') as fc.Arbitrary<
    'self_declared' | 'verified' | 'revoked' | 'expired'
  >,
});
const arbHs = fc.constantFrom('853952', '853951', '854140', '940540', '660110', '850440');
const arbTokens = fc.array(fc.constantFrom('led', 'bulb', 'lamp', '灯', 'umbrella', 'charger'), {
  maxLength: 6,
});
const arbQuantity = fc.integer({ min: 1, max: 1_000_000 }).map(String);
const arbRequirement = fc.record({
  hsCode: fc.option(arbHs, { nil: null }),
  tokens: arbTokens,
  quantity: arbQuantity,
  unit: fc.constantFrom('H87', 'KGM'),
  destinationCountry: fc.constantFrom('MY', 'DE', 'US'),
  certifications: fc.array(fc.constantFrom('CE', 'RoHS', 'FCC'), { maxLength: 3 }),
  hasTargetPrice: fc.boolean(),
});
const arbCandidate = fc
  .record({
    hsCode: arbHs,
    tokens: arbTokens,
    moq: arbQuantity,
    moqUnit: fc.constantFrom('H87', 'KGM'),
    priceCurrency: fc.constant('USD'),
    priceMinMinor: fc.bigInt({ min: 0n, max: 1_000_000n }),
    spread: fc.bigInt({ min: 0n, max: 1_000_000n }),
    exportMarkets: fc.array(fc.constantFrom('MY', 'DE', 'US', 'SG'), { maxLength: 3 }),
    exhibitorExportMarkets: fc.array(fc.constantFrom('MY', 'DE'), { maxLength: 2 }),
    certifications: fc.array(arbCertification, { maxLength: 4 }),
  })
  .map(({ spread, ...rest }) => ({ ...rest, priceMaxMinor: rest.priceMinMinor + spread }));
const arbContext = fc.record({
  targetPrice: fc.option(
    fc
      .bigInt({ min: 0n, max: 3_000_000n })
      .map((amountMinor) => ({ kind: 'same_currency' as const, amountMinor })),
    { nil: undefined },
  ),
  credit: fc.option(
    fc.record({ score: fc.integer({ min: 0, max: 100 }), grade: fc.constantFrom('A', 'C') }),
    {
      nil: undefined,
    },
  ),
  completedOrders: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
});

describe('scoreMatch properties', () => {
  it('always scores 0..100 with every component explained and in range', () => {
    fc.assert(
      fc.property(arbRequirement, arbCandidate, arbContext, (req, cand, ctx) => {
        const result = scoreMatch(req, cand, ctx);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.components).toHaveLength(Object.keys(matchWeights).length);
        for (const part of result.components) {
          expect(part.reason).toMatch(/^[a-z_]+$/);
          expect(part.value).toBeGreaterThanOrEqual(0);
          expect(part.value).toBeLessThanOrEqual(1);
          expect(part.points).toBeLessThanOrEqual(part.weight);
        }
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbRequirement, arbCandidate, arbContext, (req, cand, ctx) => {
        expect(scoreMatch(req, cand, ctx)).toEqual(scoreMatch(req, cand, ctx));
      }),
    );
  });

  it('never scores lower when the buyer offers more (price fit is monotonic)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        fc.bigInt({ min: 1n, max: 1_000_000n }),
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        (target, raise, min, spread) => {
          const max = min + spread;
          expect(priceFitValue(target + raise, min, max)).toBeGreaterThanOrEqual(
            priceFitValue(target, min, max),
          );
        },
      ),
    );
  });

  it('never scores lower with more certifications verified', () => {
    fc.assert(
      fc.property(arbRequirement, arbCandidate, (req, cand) => {
        const ctx: MatchContext = {};
        const upgraded = {
          ...cand,
          certifications: cand.certifications.map((c) => ({ ...c, verification: 'verified' as const })),
        };
        expect(scoreMatch(req, upgraded, ctx).score).toBeGreaterThanOrEqual(scoreMatch(req, cand, ctx).score);
      }),
    );
  });
});
