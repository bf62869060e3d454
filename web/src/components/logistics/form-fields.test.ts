import { describe, expect, it } from 'vitest';
import { listFieldPaths, namePathOf } from './form-fields.ts';

describe('listFieldPaths', () => {
  it('names each field of each row the lists hold now', () => {
    expect(
      listFieldPaths(
        { legs: [{}, {}], cargo: [{}], other: 1 },
        { legs: ['origin'], cargo: ['hsCode', 'grossWeightKg'], equipment: ['count'] },
      ),
    ).toEqual(['legs.0.origin', 'legs.1.origin', 'cargo.0.hsCode', 'cargo.0.grossWeightKg']);
  });
});

describe('namePathOf', () => {
  it('makes row indexes numbers, as antd names list fields', () => {
    expect(namePathOf('containers.0.number')).toEqual(['containers', 0, 'number']);
    expect(namePathOf('/legs/12/plannedArrival')).toEqual(['legs', 12, 'plannedArrival']);
    expect(namePathOf('reference')).toEqual(['reference']);
  });
});
