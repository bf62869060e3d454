import type { ReturnCase, ReturnDecision, StockMovement, StockRow } from '../../api/logistics.ts';

// Pure rules of the warehouse dashboard: what the operator may do next with a return, and how the
// stock and the ledger read. The server decides; these only keep the page from offering a step it
// would refuse.

export type ReturnStep = 'inspect' | 'decide' | null;

/** A received return is inspected next; an inspected one is decided; anything else is closed. */
export const nextReturnStep = (item: Pick<ReturnCase, 'stage'>): ReturnStep => {
  if (item.stage === 'received') {
    return 'inspect';
  }
  return item.stage === 'inspected' ? 'decide' : null;
};

/**
 * Decisions allowed for the grade given at inspection (docs/warehouses.md): restock only a grade A
 * (resaleable) item, re-export anything but a grade C (scrap); return to China and scrap always.
 */
export const allowedDecisions = (grade: ReturnCase['grade']): ReturnDecision[] => {
  const decisions: ReturnDecision[] = [];
  if (grade === 'A') {
    decisions.push('restock');
  }
  if (grade !== 'C') {
    decisions.push('re_export');
  }
  decisions.push('return_to_china', 'scrap');
  return decisions;
};

/** The quantity as it changes stock: negative when the movement takes units out of the warehouse. */
export const signedQuantity = (
  movement: Pick<StockMovement, 'quantity' | 'fromBucket' | 'toBucket'>,
): number => {
  const size = Math.abs(movement.quantity);
  if (movement.toBucket === null && movement.fromBucket !== null) {
    return -size;
  }
  return movement.fromBucket === null ? size : 0;
};

export type StockTotals = { skus: number; sellable: number; picked: number; quarantine: number };

/** Totals across the stock rows (one row per client and SKU). */
export const stockTotals = (rows: readonly StockRow[]): StockTotals => ({
  skus: new Set(rows.map((row) => row.sku)).size,
  sellable: rows.reduce((sum, row) => sum + row.sellable, 0),
  picked: rows.reduce((sum, row) => sum + row.picked, 0),
  quarantine: rows.reduce((sum, row) => sum + row.quarantine, 0),
});
