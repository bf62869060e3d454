import { canonicalize } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeJson } from './fast-jcs.ts';

const kernelOutcome = (value: unknown) => {
  try {
    return { text: canonicalize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const fastOutcome = (value: unknown) => {
  try {
    return { text: canonicalizeJson(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('canonicalizeJson', () => {
  it('gives the kernel canonicalize text for any JSON value, unicode and lone surrogates included', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('any')),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('any')),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(fastOutcome(v)).toEqual(kernelOutcome(v));
      }),
      { numRuns: 1000, seed: 8 },
    );
  }, 60_000);

  it('refuses what the kernel refuses, with the kernel error: cycles, class instances, -0 as 0', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(fastOutcome(cycle)).toEqual(kernelOutcome(cycle));
    expect(fastOutcome({ d: new Date(0) })).toEqual(kernelOutcome({ d: new Date(0) }));
    expect(canonicalizeJson({ z: -0, a: [1e21, 0.1] })).toBe('{"a":[1e+21,0.1],"z":0}');
    expect(fastOutcome({ nul: Object.create(null) })).toEqual({ text: '{"nul":{}}' });
  });
});
