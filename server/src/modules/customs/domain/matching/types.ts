// The four documents of a retail-import parcel as plain objects, field names exactly as in the CEB
// import schema (reference customs-cbec.md §2.2–§2.5). Decimals (N19,5) stay strings as they came
// in the message, so nothing is lost to binary floating point; the rules compare them by value.
// Only the fields a matching or risk rule reads are required; the rest are optional so a parsed
// message maps in without inventing values.

/** CEB311 `OrderHead` (import). */
export type ImportOrderHead = {
  guid?: string;
  appType?: string;
  /** `YYYYMMDDhhmmss`. */
  appTime: string;
  appStatus?: string;
  orderType?: string;
  orderNo: string;
  ebpCode: string;
  ebpName?: string;
  ebcCode: string;
  ebcName?: string;
  /** Transaction price of the goods, including what was paid by non-cash deductions. */
  goodsValue: string;
  freight: string;
  /** Non-cash payment (points, vouchers). */
  discount: string;
  taxTotal: string;
  /** Spelled as in the schema: goodsValue + freight + taxTotal − discount. */
  acturalPaid: string;
  currency: string;
  buyerRegNo?: string;
  buyerName: string;
  buyerTelephone: string;
  buyerIdType: string;
  buyerIdNumber: string;
  payCode?: string;
  payName?: string;
  payTransactionId?: string;
  batchNumbers?: string;
  consignee: string;
  consigneeTelephone: string;
  consigneeAddress: string;
  consigneeDistrict?: string;
  note?: string;
};

/** CEB311 `OrderList` (import), one goods line. */
export type ImportOrderLine = {
  gnum: number;
  itemNo?: string;
  itemName: string;
  gmodel?: string;
  itemDescribe?: string;
  barCode?: string;
  unit?: string;
  qty: string;
  price: string;
  totalPrice: string;
  currency?: string;
  country?: string;
  note?: string;
};

/** A CEB311 order with what the platform knows about its buyer beyond the message. */
export type ImportOrder = {
  head: ImportOrderHead;
  lines: readonly ImportOrderLine[];
  /**
   * True when the e-commerce enterprise verified the buyer's (订购人) identity. Absent means not
   * verified: then buyer and payer must be the same person (GACC 2016 No.26 §6).
   */
  buyerIdentityVerified?: boolean;
};

/** CEB411 `PaymentHead`. */
export type ImportPayment = {
  guid?: string;
  appType?: string;
  appTime?: string;
  appStatus?: string;
  payCode: string;
  payName?: string;
  payTransactionId: string;
  orderNo: string;
  ebpCode: string;
  ebpName?: string;
  payerIdType?: string;
  payerIdNumber: string;
  payerName: string;
  telephone?: string;
  amountPaid: string;
  currency: string;
  /** `YYYYMMDDhhmmss`. */
  payTime: string;
  note?: string;
};

/** CEB511 `LogisticsHead` (the e-waybill). */
export type ImportWaybill = {
  guid?: string;
  appType?: string;
  appTime?: string;
  appStatus?: string;
  logisticsCode: string;
  logisticsName?: string;
  logisticsNo: string;
  billNo?: string;
  orderNo: string;
  /** Optional in the schema; "0" when none. */
  freight?: string;
  insuredFee?: string;
  currency?: string;
  /** Gross weight in kg. */
  weight: string;
  packNo: number;
  goodsInfo?: string;
  consignee: string;
  consigneeAddress: string;
  consigneeTelephone: string;
  note?: string;
};

/** CEB621 `InventoryHead` (the import declaration list, 申报清单). */
export type ImportInventoryHead = {
  guid: string;
  appType?: string;
  /** `YYYYMMDDhhmmss`. */
  appTime: string;
  appStatus?: string;
  orderNo: string;
  ebpCode: string;
  ebpName?: string;
  ebcCode: string;
  ebcName?: string;
  logisticsNo: string;
  logisticsCode: string;
  logisticsName?: string;
  copNo?: string;
  preNo?: string;
  assureCode: string;
  emsNo?: string;
  invtNo?: string;
  ieFlag?: string;
  declTime?: string;
  customsCode?: string;
  portCode?: string;
  ieDate?: string;
  buyerIdType: string;
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  consigneeAddress?: string;
  agentCode: string;
  agentName?: string;
  areaCode?: string;
  areaName?: string;
  tradeMode?: string;
  trafMode?: string;
  trafNo?: string;
  voyageNo?: string;
  billNo?: string;
  loctNo?: string;
  licenseNo?: string;
  country?: string;
  freight: string;
  insuredFee: string;
  currency?: string;
  wrapType?: string;
  packNo: number;
  grossWeight: string;
  netWeight?: string;
  note?: string;
};

/** CEB621 `InventoryList` (import), one goods line. */
export type ImportInventoryLine = {
  /** One-to-one with the order's `OrderList.gnum`. */
  gnum: number;
  itemRecordNo?: string;
  itemNo?: string;
  itemName?: string;
  /** 10-digit HS code. */
  gcode: string;
  /** Must agree with the order line's `itemName`. */
  gname: string;
  gmodel?: string;
  barCode?: string;
  country?: string;
  tradeCountry?: string;
  currency?: string;
  qty: string;
  unit?: string;
  qty1?: string;
  unit1?: string;
  qty2?: string;
  unit2?: string;
  price: string;
  totalPrice: string;
  note?: string;
};

/** A CEB621 inventory. */
export type ImportInventory = {
  head: ImportInventoryHead;
  lines: readonly ImportInventoryLine[];
};

/** The documents of one parcel received so far; any of them may still be missing. */
export type ParcelDocuments = {
  order?: ImportOrder | undefined;
  payment?: ImportPayment | undefined;
  waybill?: ImportWaybill | undefined;
  inventory?: ImportInventory | undefined;
};

/** Which document a compared field belongs to. */
export type DocumentKind = 'order' | 'payment' | 'waybill' | 'inventory';
