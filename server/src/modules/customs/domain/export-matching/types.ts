// The documents of a 9610 retail-export parcel as plain records, field names exactly as in the
// CEB export schema (reference customs-cbec.md §3.2). Decimals stay the strings the message
// carried; the rules compare them by value, never as binary floats.

/** A flat record of one document's simple fields (head or line). */
export type ExportFields = Readonly<Record<string, string | undefined>>;

/** CEB303 `Order`: `OrderHead` and its `OrderList` lines. */
export type ExportOrder = { head: ExportFields; lines: readonly ExportFields[] };
/** CEB403 `Receipts`: the collection voucher (收款单), one flat record. */
export type ExportReceipts = ExportFields;
/** CEB505 `Logistics`: the export waybill, one flat record. */
export type ExportWaybill = ExportFields;
/** CEB603 `Inventory`: `InventoryHead` and its `InventoryList` lines. */
export type ExportInventory = { head: ExportFields; lines: readonly ExportFields[] };

export type ExportDocumentKind = 'order' | 'receipts' | 'waybill' | 'inventory';

export type ExportDocuments = {
  order?: ExportOrder;
  receipts?: ExportReceipts;
  waybill?: ExportWaybill;
  inventory?: ExportInventory;
};

/** Where a rule's basis lies: the export message spec (rejects) or integrator practice (warns). */
export type ExportRuleBasis = 'spec' | 'integrator_practice';
export type ExportSeverity = 'reject' | 'warn';

export type ExportFindingField = {
  document: ExportDocumentKind;
  field: string;
  gnum?: number;
  value: string | null;
};

export type ExportFinding = {
  rule: string;
  severity: ExportSeverity;
  code: string;
  message: string;
  fields: ExportFindingField[];
};

export type ExportMatch = {
  /** waiting: a document is missing; failed: a rejecting rule disagrees; matched: ready for checks. */
  state: 'waiting' | 'failed' | 'matched';
  missing: Exclude<ExportDocumentKind, 'inventory'>[];
  findings: ExportFinding[];
};
