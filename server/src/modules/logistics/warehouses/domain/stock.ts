/** What a warehouse is used for; a return case needs a `returns_centre`. */
export const warehouseRoles = ['storage', 'returns_centre', 'after_sales'] as const;
export type WarehouseRole = (typeof warehouseRoles)[number];

/**
 * Where a unit is inside a warehouse: only `sellable` stock can be picked; `in_repair` holds
 * returns being refurbished at an after-sales centre.
 */
export type StockBucket = 'sellable' | 'picked' | 'quarantine' | 'in_repair';

/** Movements the operator records directly; the others come from the returns flow. */
export const directMovementKinds = ['inbound', 'pick', 'outbound', 'adjustment'] as const;
export type DirectMovementKind = (typeof directMovementKinds)[number];

export type MovementKind =
  | DirectMovementKind
  | 'return_received'
  | 'restock'
  | 'scrap'
  | 're_export'
  | 'return_to_china'
  | 'to_repair'
  | 'repaired'
  | 'repair_scrap';

/**
 * The bucket a movement takes units out of and the one it puts them into. An adjustment goes
 * either way, by the sign of its quantity, on the sellable bucket.
 */
export const bucketsOf = (
  kind: MovementKind,
  signedQuantity: number,
): { from: StockBucket | null; to: StockBucket | null } => {
  switch (kind) {
    case 'inbound':
      return { from: null, to: 'sellable' };
    case 'pick':
      return { from: 'sellable', to: 'picked' };
    case 'outbound':
      return { from: 'picked', to: null };
    case 'adjustment':
      return signedQuantity < 0 ? { from: 'sellable', to: null } : { from: null, to: 'sellable' };
    case 'return_received':
      return { from: null, to: 'quarantine' };
    case 'restock':
      return { from: 'quarantine', to: 'sellable' };
    case 'scrap':
    case 're_export':
    case 'return_to_china':
      return { from: 'quarantine', to: null };
    case 'to_repair':
      return { from: 'quarantine', to: 'in_repair' };
    case 'repaired':
      return { from: 'in_repair', to: 'sellable' };
    case 'repair_scrap':
      return { from: 'in_repair', to: null };
  }
};

export const returnStages = [
  'received',
  'inspected',
  // A grade B return at an after-sales centre, waiting for its repair ticket to close.
  'refurbishing',
  'restocked',
  're_exported',
  'returned_to_china',
  'scrapped',
] as const;
export type ReturnStage = (typeof returnStages)[number];

export const returnGrades = ['A', 'B', 'C'] as const;
export type ReturnGrade = (typeof returnGrades)[number];

export const returnDecisions = ['restock', 're_export', 'return_to_china', 'scrap'] as const;
export type ReturnDecision = (typeof returnDecisions)[number];

/** The stage a decision closes the case in and the movement that takes the units out of quarantine. */
export const decisionOutcome: Record<ReturnDecision, { stage: ReturnStage; movement: MovementKind }> = {
  restock: { stage: 'restocked', movement: 'restock' },
  re_export: { stage: 're_exported', movement: 're_export' },
  return_to_china: { stage: 'returned_to_china', movement: 'return_to_china' },
  scrap: { stage: 'scrapped', movement: 'scrap' },
};

/**
 * Only a resaleable item (grade A) goes back on the shelf; a grade C item cannot be sold again
 * anywhere, so it is scrapped or sent back to China, never re-exported for sale.
 */
export const decisionAllowed = (grade: ReturnGrade, decision: ReturnDecision): boolean =>
  decision === 'restock' ? grade === 'A' : decision === 're_export' ? grade !== 'C' : true;
