import { describe, expect, it } from 'vitest';
import type { FactorScore, SnapshotSummary } from '../../api/finance-credit.ts';
import {
  factorChartData,
  factorRows,
  logState,
  nextGrade,
  shareCandidates,
  shorten,
  splitSnapshots,
} from './credit-model.ts';

// Factors as the server signs them (credit/domain/scorecard.ts) for 12 completed orders, 1
// cancelled, 3 counterparties, 4 months on the hub and one lost dispute.
const factors: FactorScore[] = [
  {
    factor: 'tradeVolume',
    points: 190,
    min: 0,
    max: 250,
    explanation: { key: 'tradeVolume', values: { completed: 12, months: 12, points: 190, max: 250 } },
  },
  {
    factor: 'orderReliability',
    points: 92,
    min: 0,
    max: 100,
    explanation: {
      key: 'orderReliability',
      values: { completed: 12, cancelled: 1, months: 12, points: 92, max: 100 },
    },
  },
  {
    factor: 'settlement',
    points: 0,
    min: 0,
    max: 250,
    explanation: {
      key: 'settlementNone',
      values: { released: 0, split: 0, refunded: 0, penalty: 0, points: 0, max: 250 },
    },
  },
  {
    factor: 'tenure',
    points: 30,
    min: 0,
    max: 150,
    explanation: { key: 'tenure', values: { months: 4, points: 30, max: 150 } },
  },
  {
    factor: 'disputes',
    points: -100,
    min: -200,
    max: 0,
    explanation: { key: 'disputes', values: { lost: 1, points: -100, min: -200 } },
  },
];

describe('factorRows', () => {
  it('keeps the order, names the sentence by the explanation key and lists the figures that are the value', () => {
    const rows = factorRows(factors);
    expect(rows.map((r) => r.factor)).toEqual([
      'tradeVolume',
      'orderReliability',
      'settlement',
      'tenure',
      'disputes',
    ]);
    expect(rows[0]).toMatchObject({
      explanationKey: 'credit.explain.tradeVolume',
      figures: [{ name: 'completed', value: 12 }],
      points: 190,
      max: 250,
    });
    expect(rows[1]?.figures).toEqual([
      { name: 'completed', value: 12 },
      { name: 'cancelled', value: 1 },
    ]);
    // The "none" variant of a sentence is chosen by the server, not guessed from the figures.
    expect(rows[2]?.explanationKey).toBe('credit.explain.settlementNone');
    expect(rows[3]?.figures).toEqual([{ name: 'months', value: 4 }]);
    expect(rows[4]?.figures).toEqual([{ name: 'lost', value: 1 }]);
  });

  it('shows no figure for a factor it does not know, rather than guessing', () => {
    const [row] = factorRows([
      {
        factor: 'newFactor',
        points: 5,
        min: 0,
        max: 10,
        explanation: { key: 'newFactor', values: { x: 1 } },
      },
    ]);
    expect(row?.figures).toEqual([]);
    expect(row?.explanationKey).toBe('credit.explain.newFactor');
  });
});

describe('factorChartData', () => {
  it('splits each factor into earned, still open and penalty, adding up to its range', () => {
    const data = factorChartData(factors);
    expect(data.earned).toEqual([190, 92, 0, 30, 0]);
    expect(data.open).toEqual([60, 8, 250, 120, 0]);
    expect(data.penalty).toEqual([0, 0, 0, 0, -100]);
    factors.forEach((f, i) => {
      expect((data.earned[i] ?? 0) + (data.open[i] ?? 0)).toBe(f.max);
      expect((data.earned[i] ?? 0) + (data.penalty[i] ?? 0)).toBe(f.points);
    });
  });
});

describe('nextGrade', () => {
  const grades = [
    { grade: 'A', from: 800 },
    { grade: 'B', from: 650 },
    { grade: 'C', from: 500 },
    { grade: 'D', from: 300 },
    { grade: 'E', from: 0 },
  ];
  it('names the next better grade and the points it needs', () => {
    expect(nextGrade(grades, 212)).toEqual({ grade: 'D', missing: 88 });
    expect(nextGrade(grades, 300)).toEqual({ grade: 'C', missing: 200 });
    expect(nextGrade(grades, 799)).toEqual({ grade: 'A', missing: 1 });
  });
  it('is null at the top grade', () => {
    expect(nextGrade(grades, 800)).toBeNull();
    expect(nextGrade(grades, 1000)).toBeNull();
  });
});

describe('logState', () => {
  it('is pending until a checkpoint gives the entry an index', () => {
    expect(logState({ index: null, tlogProof: null })).toEqual({ state: 'pending' });
    expect(logState({ index: 41, tlogProof: 'c2sp.org/tlog-proof@v1\n…' })).toEqual({
      state: 'logged',
      index: 41,
      hasProof: true,
    });
    expect(logState({ index: 0, tlogProof: null })).toEqual({ state: 'logged', index: 0, hasProof: false });
  });
});

describe('shareCandidates', () => {
  const partners = [
    { organisationId: 'org_bank', kind: 'bank', name: 'Bank' },
    { organisationId: 'org_pi', kind: 'payment_institution', name: 'PI' },
    { organisationId: 'org_ins', kind: 'insurer', name: 'Insurer' },
    { organisationId: 'org_buyer', kind: 'company', name: 'Buyer' },
    { organisationId: 'org_carrier', kind: 'carrier', name: 'Carrier' },
  ];
  it('offers financiers only, and none twice', () => {
    expect(shareCandidates(partners, { sharedWith: [] }).map((p) => p.organisationId)).toEqual([
      'org_bank',
      'org_pi',
      'org_ins',
    ]);
    expect(
      shareCandidates(partners, {
        sharedWith: [{ organisationId: 'org_bank', sharedAt: '2026-11-27T10:00:00Z' }],
      }).map((p) => p.organisationId),
    ).toEqual(['org_pi', 'org_ins']);
  });
});

describe('splitSnapshots', () => {
  const summary = (id: string, own: boolean, createdAt: string): SnapshotSummary => ({
    id,
    own,
    createdAt,
    organisationId: own ? 'org_me' : 'org_other',
    score: 100,
    grade: 'E',
    scorecardVersion: 'tradehub-scorecard/1',
  });
  it('separates own from shared, newest first', () => {
    const { own, shared } = splitSnapshots([
      summary('a', true, '2026-11-01T00:00:00Z'),
      summary('b', false, '2026-11-02T00:00:00Z'),
      summary('c', true, '2026-11-03T00:00:00Z'),
    ]);
    expect(own.map((s) => s.id)).toEqual(['c', 'a']);
    expect(shared.map((s) => s.id)).toEqual(['b']);
  });
});

describe('shorten', () => {
  it('keeps both ends of a long value and leaves a short one alone', () => {
    expect(shorten('0123456789abcdef0123456789abcdef', 4)).toBe('0123…cdef');
    expect(shorten('abc', 4)).toBe('abc');
  });
});
