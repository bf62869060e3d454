import { describe, expect, it } from 'vitest';
import { buildFunnelOption, funnelLevels, gradeCounts } from './returns-funnel.ts';

describe('funnelLevels', () => {
  it('counts every case as received, every case past inspection as inspected, the closed ones as decided', () => {
    // 2 waiting for inspection, 1 inspected, 1 refurbishing, 3 restocked, 1 re-exported, 1 scrapped.
    const funnel = funnelLevels({
      received: 2,
      inspected: 1,
      refurbishing: 1,
      restocked: 3,
      re_exported: 1,
      scrapped: 1,
    });
    expect(funnel.steps).toEqual([
      { step: 'received', count: 9 },
      { step: 'inspected', count: 7 },
      { step: 'decided', count: 5 },
    ]);
    expect(funnel.outcomes).toEqual([
      { step: 'refurbishing', count: 1 },
      { step: 'restocked', count: 3 },
      { step: 're_exported', count: 1 },
      { step: 'returned_to_china', count: 0 },
      { step: 'scrapped', count: 1 },
    ]);
  });

  it('never widens from one step to the next', () => {
    const { steps } = funnelLevels({ received: 0, inspected: 4, returned_to_china: 2 });
    for (let i = 1; i < steps.length; i += 1) {
      expect(steps[i]?.count).toBeLessThanOrEqual(steps[i - 1]?.count ?? 0);
    }
  });

  it('is all zeros for a warehouse without returns', () => {
    const funnel = funnelLevels({});
    expect([...funnel.steps, ...funnel.outcomes].every((level) => level.count === 0)).toBe(true);
  });
});

describe('gradeCounts', () => {
  it('counts the grades given, not the cases still waiting', () => {
    expect(gradeCounts([{ grade: 'A' }, { grade: 'A' }, { grade: 'C' }, { grade: null }])).toEqual({
      A: 2,
      B: 0,
      C: 1,
    });
  });
});

describe('buildFunnelOption', () => {
  it('keeps the process order and labels each step', () => {
    const option = buildFunnelOption(funnelLevels({ received: 1, restocked: 1 }).steps, (step) => `#${step}`);
    const [series] = option.series as {
      sort: string;
      max: number;
      data: { name: string; value: number }[];
    }[];
    expect(series?.sort).toBe('none');
    expect(series?.max).toBe(2);
    expect(series?.data.map((d) => [d.name, d.value])).toEqual([
      ['#received', 2],
      ['#inspected', 1],
      ['#decided', 1],
    ]);
  });
});
