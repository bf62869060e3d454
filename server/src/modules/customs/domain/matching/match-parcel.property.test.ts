import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchParcel } from './match-parcel.ts';
import { MATCHING_RULES, type MatchingRuleId } from './rules.ts';
import { sampleParcel } from './test-fixtures.ts';
import type { DocumentKind, ParcelDocuments } from './types.ts';

type Parcel = ReturnType<typeof sampleParcel>;

// Disagreements between every pair, at both severities, so findings appear at different arrivals.
const BREAKS: ReadonlyArray<(docs: Parcel) => void> = [
  (d) => {
    d.payment.amountPaid = '427.30';
  },
  (d) => {
    d.payment.payTime = '20250301101400';
  },
  (d) => {
    d.waybill.consigneeTelephone = '13912345678';
  },
  (d) => {
    d.waybill.freight = '12.00';
  },
  (d) => {
    d.inventory.head.buyerName = '李四';
  },
  (d) => {
    d.order.head.goodsValue = '410.00';
  },
  (d) => {
    d.inventory.head.grossWeight = '3.5';
  },
  (d) => {
    d.waybill.packNo = 2;
  },
  (d) => {
    d.inventory.head.appTime = '20250301101600';
  },
];

// The documents a rule compares, from its pair (`inventory_order` → inventory and order).
function pairDocuments(ruleId: MatchingRuleId): DocumentKind[] {
  const rule = MATCHING_RULES.find((candidate) => candidate.id === ruleId);
  return (rule?.pair.split('_') ?? []) as DocumentKind[];
}

const KINDS: readonly DocumentKind[] = ['order', 'payment', 'waybill', 'inventory'];

const arrivals = fc.record({
  breaks: fc.subarray(BREAKS.map((_, index) => index)),
  present: fc.subarray([...KINDS], { minLength: 0 }),
  orderA: fc.shuffledSubarray([...KINDS], { minLength: 4, maxLength: 4 }),
  orderB: fc.shuffledSubarray([...KINDS], { minLength: 4, maxLength: 4 }),
});

function brokenParcel(breaks: readonly number[]): Parcel {
  const docs = sampleParcel();
  for (const index of breaks) {
    BREAKS[index]?.(docs);
  }
  return docs;
}

// Receives the documents one by one in `sequence`, recording the match after each arrival.
function receive(docs: Parcel, sequence: readonly DocumentKind[]) {
  const received: ParcelDocuments = {};
  return sequence.map((kind) => {
    Object.assign(received, { [kind]: docs[kind] });
    return {
      arrived: new Set(sequence.slice(0, sequence.indexOf(kind) + 1)),
      match: matchParcel({ ...received }),
    };
  });
}

describe('matchParcel arrival order (property)', () => {
  it('ends with the same result whatever order the documents arrive in', () => {
    fc.assert(
      fc.property(arrivals, ({ breaks, orderA, orderB }) => {
        const docs = brokenParcel(breaks);
        const lastA = receive(docs, orderA).at(-1)?.match;
        const lastB = receive(docs, orderB).at(-1)?.match;
        expect(lastA).toEqual(lastB);
        expect(lastA).toEqual(matchParcel(docs));
      }),
      { seed: 20250301, numRuns: 300 },
    );
  });

  it('depends only on which documents are present, not on how they got there', () => {
    fc.assert(
      fc.property(arrivals, ({ breaks, present, orderA }) => {
        const docs = brokenParcel(breaks);
        const subset = orderA.filter((kind) => present.includes(kind));
        const direct = matchParcel(Object.fromEntries(present.map((kind) => [kind, docs[kind]])));
        expect(receive(docs, subset).at(-1)?.match ?? matchParcel({})).toEqual(direct);
      }),
      { seed: 20250302, numRuns: 300 },
    );
  });

  it('shows each finding as soon as both its documents are there, and never takes one back', () => {
    fc.assert(
      fc.property(arrivals, ({ breaks, orderA }) => {
        const docs = brokenParcel(breaks);
        const final = matchParcel(docs).findings;
        let previous: string[] = [];
        for (const { arrived, match } of receive(docs, orderA)) {
          const shown = match.findings.map((finding) => JSON.stringify(finding));
          // Exactly the final findings whose rule's two documents have both arrived.
          const due = final.filter((finding) =>
            pairDocuments(finding.rule).every((kind) => arrived.has(kind)),
          );
          expect(shown).toEqual(due.map((finding) => JSON.stringify(finding)));
          expect(previous.every((finding) => shown.includes(finding))).toBe(true);
          expect(match.missing).toEqual(
            ['order', 'payment', 'waybill'].filter((kind) => !arrived.has(kind as DocumentKind)),
          );
          previous = shown;
        }
      }),
      { seed: 20250303, numRuns: 300 },
    );
  });
});
