import { describe, expect, it } from 'vitest';
import { allowedDecisions, nextReturnStep, signedQuantity, stockTotals } from './warehouse-model.ts';

describe('nextReturnStep', () => {
  it('inspects a received return, decides an inspected one, and offers nothing after', () => {
    expect(nextReturnStep({ stage: 'received' })).toBe('inspect');
    expect(nextReturnStep({ stage: 'inspected' })).toBe('decide');
    for (const stage of [
      'refurbishing',
      'restocked',
      're_exported',
      'returned_to_china',
      'scrapped',
    ] as const) {
      expect(nextReturnStep({ stage })).toBeNull();
    }
  });
});

describe('allowedDecisions', () => {
  it('restocks only grade A and re-exports anything but grade C', () => {
    expect(allowedDecisions('A')).toEqual(['restock', 're_export', 'return_to_china', 'scrap']);
    expect(allowedDecisions('B')).toEqual(['re_export', 'return_to_china', 'scrap']);
    expect(allowedDecisions('C')).toEqual(['return_to_china', 'scrap']);
  });
});

describe('signedQuantity', () => {
  it('is positive into the warehouse, negative out of it, zero between buckets', () => {
    expect(signedQuantity({ quantity: 5, fromBucket: null, toBucket: 'sellable' })).toBe(5);
    expect(signedQuantity({ quantity: 3, fromBucket: 'picked', toBucket: null })).toBe(-3);
    expect(signedQuantity({ quantity: -2, fromBucket: 'sellable', toBucket: null })).toBe(-2);
    expect(signedQuantity({ quantity: 4, fromBucket: 'quarantine', toBucket: 'sellable' })).toBe(0);
  });
});

describe('stockTotals', () => {
  it('adds the buckets and counts SKUs once across clients', () => {
    expect(
      stockTotals([
        { clientOrganisationId: 'a', sku: 'BEAR-30', sellable: 10, picked: 2, quarantine: 1, inRepair: 0 },
        { clientOrganisationId: 'b', sku: 'BEAR-30', sellable: 5, picked: 0, quarantine: 0, inRepair: 1 },
        { clientOrganisationId: 'a', sku: 'ORN-12', sellable: 7, picked: 0, quarantine: 3, inRepair: 0 },
      ]),
    ).toEqual({ skus: 2, sellable: 22, picked: 2, quarantine: 4 });
  });
});
