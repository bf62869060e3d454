import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consolidate, type ReleasedList, summaryHsCode } from './consolidation.ts';
import { addDecimal, type CebDecimal, compareDecimal, parseCebDecimal, ZERO } from './decimal.ts';

// Summary consolidation: every released list lands in exactly one summary, the sums of a summary
// equal the sums of its lists, a summary never mixes what must stay apart, and documents respect
// the 100-list / 100-line limits.

const amount = fc
  .integer({ min: 1, max: 10_000_000 })
  .map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
const line = fc.record({
  gnum: fc.constant(1),
  gcode: fc.constantFrom('9505100000', '6702100000', '4202220000'),
  itemName: fc.constantFrom('a', 'b'),
  country: fc.constantFrom('116', '304'),
  currency: fc.constantFrom('142', '502'),
  unit: fc.constantFrom('007', '011'),
  qty: fc.integer({ min: 1, max: 50 }).map(String),
  totalPrice: amount,
});
const list = (index: number) =>
  fc.record({
    invtNo: fc.constant(`2924${2026}E${String(index).padStart(9, '0')}`),
    logisticsNo: fc.constant(`L${index}`),
    ebcCode: fc.constantFrom('E1', 'E2'),
    ownerCode: fc.constantFrom('O1', 'O2'),
    customsCode: fc.constantFrom('2924', '2901'),
    tradeMode: fc.constant('9610'),
    trafMode: fc.constantFrom('4', '5'),
    country: fc.constantFrom('116', '304'),
    portCode: fc.constantFrom('2924', '2201'),
    statisticsFlag: fc.constantFrom('A', 'B'),
    grossWeight: amount,
    netWeight: amount,
    lines: fc
      .array(line, { minLength: 1, maxLength: 6 })
      .map((ls) => ls.map((l, i) => ({ ...l, gnum: i + 1 }))),
  });
const lists = fc
  .integer({ min: 1, max: 260 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => list(i))));

const sum = (texts: string[]): CebDecimal =>
  texts.reduce((t, x) => addDecimal(t, parseCebDecimal(x) ?? ZERO), ZERO);
const same = (a: CebDecimal, b: CebDecimal) => compareDecimal(a, b) === 0;

describe('summary consolidation', () => {
  it('puts every list in exactly one summary whose sums equal its lists', () => {
    fc.assert(
      fc.property(
        lists,
        fc.constantFrom('1', '2') as fc.Arbitrary<'1' | '2'>,
        (released: ReleasedList[], flag) => {
          const groups = consolidate(released, { summaryFlag: flag, itemNameFlag: '0' });
          const seen = groups.flatMap((g) => g.chunks.flat().map((l) => l.invtNo));
          expect([...seen].sort()).toEqual(released.map((l) => l.invtNo).sort());
          for (const group of groups) {
            const members = group.chunks.flat();
            for (const member of members) {
              expect(member.ebcCode).toBe(group.key.ebcCode);
              expect(member.customsCode).toBe(group.key.customsCode);
              expect(member.country).toBe(group.key.country);
              expect(member.portCode).toBe(group.key.portCode);
              if (flag === '2') {
                expect(member.ownerCode).toBe(group.key.ownerCode);
              }
            }
            for (const chunk of group.chunks) {
              expect(chunk.length).toBeLessThanOrEqual(100);
              expect(chunk.flatMap((l) => l.lines).length).toBeLessThanOrEqual(100);
            }
            const lines = members.flatMap((m) => m.lines);
            for (const [currency, total] of Object.entries(group.totals)) {
              expect(
                same(
                  parseCebDecimal(total) ?? ZERO,
                  sum(lines.filter((l) => l.currency === currency).map((l) => l.totalPrice)),
                ),
              ).toBe(true);
            }
            expect(same(sum(group.items.map((i) => i.totalPrice)), sum(lines.map((l) => l.totalPrice)))).toBe(
              true,
            );
            expect(same(sum(group.items.map((i) => i.qty)), sum(lines.map((l) => l.qty)))).toBe(true);
            expect(
              same(parseCebDecimal(group.grossWeight) ?? ZERO, sum(members.map((m) => m.grossWeight))),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('classifies simplified (A) lists by the first 4 HS digits', () => {
    expect(summaryHsCode('9505100000', 'A')).toBe('9505000000');
    expect(summaryHsCode('9505100000', 'B')).toBe('9505100000');
  });
});
