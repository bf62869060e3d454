import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explanationKeys, explanationText } from './explanations.ts';
import {
  type CreditFacts,
  factorKeys,
  gradeOf,
  scoreCredit,
  scorecard,
  wholeMonthsBetween,
} from './scorecard.ts';
import { snapshotHash, snapshotMessage } from './snapshot-payload.ts';

const base = (): CreditFacts => ({
  asOf: '2026-11-27T10:00:00.000Z',
  windowMonths: 12,
  orders: { completed: 0, cancelled: 0, counterparties: 0 },
  settlements: { releasedAsBuyer: 0, split: 0, refundedAsSeller: 0 },
  tenure: { registeredAt: '2026-11-27T09:00:00.000Z', months: 0 },
  financing: { repaid: 0, overdue: 0 },
  disputes: { recorded: false, lost: 0 },
});

const count = fc.integer({ min: 0, max: 200 });
const arbFacts: fc.Arbitrary<CreditFacts> = fc
  .record({
    completed: count,
    cancelled: count,
    counterparties: count,
    releasedAsBuyer: count,
    split: fc.integer({ min: 0, max: 10 }),
    refundedAsSeller: fc.integer({ min: 0, max: 10 }),
    months: fc.integer({ min: 0, max: 600 }),
    repaid: fc.integer({ min: 0, max: 50 }),
    overdue: fc.integer({ min: 0, max: 5 }),
    lost: fc.integer({ min: 0, max: 5 }),
  })
  .map((f) => ({
    ...base(),
    orders: {
      completed: f.completed,
      cancelled: f.cancelled,
      counterparties: Math.min(f.counterparties, f.completed),
    },
    settlements: { releasedAsBuyer: f.releasedAsBuyer, split: f.split, refundedAsSeller: f.refundedAsSeller },
    tenure: { registeredAt: '2000-01-01T00:00:00.000Z', months: f.months },
    financing: { repaid: f.repaid, overdue: f.overdue },
    disputes: { recorded: true, lost: f.lost },
  }));

type Bump = { name: string; apply: (facts: CreditFacts) => CreditFacts; direction: 1 | -1 };

// Each fact moved by one, and whether the score may only rise (1) or only fall (-1) with it.
const bumps: Bump[] = [
  {
    name: 'a completed order',
    direction: 1,
    apply: (f) => ({ ...f, orders: { ...f.orders, completed: f.orders.completed + 1 } }),
  },
  {
    name: 'a cancelled order',
    direction: -1,
    apply: (f) => ({ ...f, orders: { ...f.orders, cancelled: f.orders.cancelled + 1 } }),
  },
  {
    name: 'a counterparty',
    direction: 1,
    apply: (f) => ({ ...f, orders: { ...f.orders, counterparties: f.orders.counterparties + 1 } }),
  },
  {
    name: 'a released escrow',
    direction: 1,
    apply: (f) => ({
      ...f,
      settlements: { ...f.settlements, releasedAsBuyer: f.settlements.releasedAsBuyer + 1 },
    }),
  },
  {
    name: 'a split escrow',
    direction: -1,
    apply: (f) => ({ ...f, settlements: { ...f.settlements, split: f.settlements.split + 1 } }),
  },
  {
    name: 'a refund as seller',
    direction: -1,
    apply: (f) => ({
      ...f,
      settlements: { ...f.settlements, refundedAsSeller: f.settlements.refundedAsSeller + 1 },
    }),
  },
  {
    name: 'a month of tenure',
    direction: 1,
    apply: (f) => ({ ...f, tenure: { ...f.tenure, months: f.tenure.months + 1 } }),
  },
  {
    name: 'a repaid financing',
    direction: 1,
    apply: (f) => ({ ...f, financing: { ...f.financing, repaid: f.financing.repaid + 1 } }),
  },
  {
    name: 'an overdue financing',
    direction: -1,
    apply: (f) => ({ ...f, financing: { ...f.financing, overdue: f.financing.overdue + 1 } }),
  },
  {
    name: 'a lost dispute',
    direction: -1,
    apply: (f) => ({ ...f, disputes: { ...f.disputes, lost: f.disputes.lost + 1 } }),
  },
];

describe('credit scorecard', () => {
  it('publishes ranges whose maxima add up to the top of the scale', () => {
    const maxima = Object.values(scorecard.factors).reduce((sum, spec) => sum + spec.max, 0);
    expect(maxima).toBe(scorecard.total.max);
  });

  it('gives an organisation with no history 0 points in every factor, each explained', () => {
    const score = scoreCredit(base());
    expect(score.total).toBe(0);
    expect(score.grade).toBe('E');
    expect(score.factors.map((f) => f.factor)).toEqual(factorKeys);
    expect(score.factors.map((f) => f.explanation.key)).toEqual([
      'tradeVolume',
      'orderReliabilityNone',
      'counterparties',
      'settlementNone',
      'tenure',
      'financingNone',
      'disputesNotRecorded',
    ]);
    expect(explanationText(score.factors[5]?.explanation ?? { key: '', values: {} }, 'en')).toBe(
      'financing: no financing history -> 0 of 150 points',
    );
  });

  it('scores a worked example and explains each figure used', () => {
    const facts: CreditFacts = {
      ...base(),
      orders: { completed: 12, cancelled: 3, counterparties: 4 },
      settlements: { releasedAsBuyer: 6, split: 1, refundedAsSeller: 0 },
      tenure: { registeredAt: '2024-05-01T00:00:00.000Z', months: 30 },
      financing: { repaid: 2, overdue: 0 },
    };
    const score = scoreCredit(facts);
    const points = Object.fromEntries(score.factors.map((f) => [f.factor, f.points]));
    // 190 + floor(100·12/15) + 70 + (170 − 40) + 120 + 90 + 0
    expect(points).toEqual({
      tradeVolume: 190,
      orderReliability: 80,
      counterparties: 70,
      settlement: 130,
      tenure: 120,
      financing: 90,
      disputes: 0,
    });
    expect(score.total).toBe(680);
    expect(score.grade).toBe('B');
    const texts = score.factors.map((f) => explanationText(f.explanation, 'en'));
    expect(texts[0]).toBe('completed orders: 12 in the last 12 months -> 190 of 250 points');
    expect(texts[3]).toBe(
      'escrow settlements: 6 released as buyer, 1 split by a mediator, 0 refunded as seller (-40) -> 130 of 250 points',
    );
    for (const factor of score.factors) {
      expect(explanationText(factor.explanation, 'zh-CN')).not.toMatch(/\{\w+\}/);
    }
  });

  it('grades at the published boundaries', () => {
    expect([799, 800, 650, 649, 500, 300, 299].map(gradeOf)).toEqual(['B', 'A', 'B', 'C', 'C', 'D', 'E']);
  });

  it('refuses facts that are not counts', () => {
    expect(() =>
      scoreCredit({ ...base(), orders: { completed: -1, cancelled: 0, counterparties: 0 } }),
    ).toThrow(/orders.completed/);
    expect(() => scoreCredit({ ...base(), tenure: { registeredAt: '', months: 1.5 } })).toThrow(
      /tenure.months/,
    );
  });

  it('has a text in both languages for every explanation key it can produce', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        for (const factor of scoreCredit(facts).factors) {
          expect(explanationKeys).toContain(factor.explanation.key);
        }
      }),
    );
  });

  it('property: the same facts give the same score, the same signed bytes, within every range', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        const once = scoreCredit(facts);
        const again = scoreCredit(structuredClone(facts));
        expect(again).toEqual(once);
        expect(once.total).toBeGreaterThanOrEqual(0);
        expect(once.total).toBeLessThanOrEqual(1000);
        for (const factor of once.factors) {
          expect(factor.points).toBeGreaterThanOrEqual(factor.min);
          expect(factor.points).toBeLessThanOrEqual(factor.max);
          expect(Number.isInteger(factor.points)).toBe(true);
        }
        const payload = {
          type: 'tradehub-credit-snapshot/v1' as const,
          id: 'csn_x',
          organisationId: 'org_x',
          computedAt: facts.asOf,
          keyId: 'csk_x',
          facts,
          score: once,
        };
        // Key order must not matter: the signed message is the canonical JSON.
        const reversed = Object.fromEntries(Object.entries(payload).reverse());
        const reordered = JSON.parse(JSON.stringify(reversed)) as typeof payload;
        expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(payload));
        expect(snapshotMessage(reordered)).toEqual(snapshotMessage(payload));
        expect(snapshotHash(reordered)).toEqual(snapshotHash(payload));
      }),
    );
  });

  for (const bump of bumps) {
    it(`property: ${bump.name} never moves the score ${bump.direction === 1 ? 'down' : 'up'}`, () => {
      fc.assert(
        fc.property(arbFacts, (facts) => {
          const before = scoreCredit(facts).total;
          const after = scoreCredit(bump.apply(facts)).total;
          if (bump.direction === 1) {
            expect(after).toBeGreaterThanOrEqual(before);
          } else {
            expect(after).toBeLessThanOrEqual(before);
          }
        }),
      );
    });
  }

  it('counts whole months of tenure', () => {
    const at = (iso: string) => new Date(iso);
    expect(wholeMonthsBetween(at('2026-01-31T00:00:00Z'), at('2026-02-28T00:00:00Z'))).toBe(0);
    expect(wholeMonthsBetween(at('2026-01-15T12:00:00Z'), at('2026-02-15T12:00:00Z'))).toBe(1);
    expect(wholeMonthsBetween(at('2026-01-15T12:00:00Z'), at('2026-02-15T11:59:59Z'))).toBe(0);
    expect(wholeMonthsBetween(at('2024-11-27T00:00:00Z'), at('2026-11-27T00:00:00Z'))).toBe(24);
    expect(wholeMonthsBetween(at('2026-11-27T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toBe(0);
  });
});
