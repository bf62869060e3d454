// Typed views of the import messages other modules use most. The field types below were generated
// from the compiled model (schema-model.ts; optional = minOccurs 0); views.test.ts checks that what
// the views return only carries field names the model knows. Decimals stay strings.
import { AppError } from '@tradehub/kernel';
import type { CebMessage } from './message-types.ts';
import type { CebMessageType } from './schema-model.ts';
import type { CebRecord } from './validate.ts';

/** CEB311 OrderHead. */
export type ImportOrderHead = {
  guid: string;
  appType: string;
  appTime: string;
  appStatus: string;
  orderType: string;
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  goodsValue: string;
  freight: string;
  discount: string;
  taxTotal: string;
  acturalPaid: string;
  currency: string;
  buyerRegNo: string;
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
/** CEB311 OrderList. */
export type ImportOrderLine = {
  gnum: string;
  itemNo?: string;
  itemName: string;
  gmodel: string;
  itemDescribe?: string;
  barCode?: string;
  unit: string;
  qty: string;
  price: string;
  totalPrice: string;
  currency: string;
  country: string;
  note?: string;
};
/** CEB411 PaymentHead. */
export type ImportPaymentHead = {
  guid: string;
  appType: string;
  appTime: string;
  appStatus: string;
  payCode: string;
  payName: string;
  payTransactionId: string;
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  payerIdType: string;
  payerIdNumber: string;
  payerName: string;
  telephone?: string;
  amountPaid: string;
  currency: string;
  payTime: string;
  note?: string;
};
/** CEB511 LogisticsHead. */
export type ImportWaybillHead = {
  guid: string;
  appType: string;
  appTime: string;
  appStatus: string;
  logisticsCode: string;
  logisticsName: string;
  logisticsNo: string;
  billNo?: string;
  orderNo: string;
  freight?: string;
  insuredFee?: string;
  currency: string;
  weight: string;
  packNo: string;
  goodsInfo?: string;
  consignee: string;
  consigneeAddress: string;
  consigneeTelephone: string;
  note?: string;
};
/** CEB621 InventoryHead. */
export type ImportInventoryHead = {
  guid: string;
  appType: string;
  appTime: string;
  appStatus: string;
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  logisticsNo: string;
  logisticsCode: string;
  logisticsName: string;
  copNo?: string;
  preNo?: string;
  assureCode: string;
  emsNo?: string;
  invtNo?: string;
  ieFlag: string;
  declTime: string;
  customsCode: string;
  portCode: string;
  ieDate?: string;
  buyerIdType: string;
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  consigneeAddress: string;
  agentCode: string;
  agentName: string;
  areaCode?: string;
  areaName?: string;
  tradeMode: string;
  trafMode: string;
  trafNo?: string;
  voyageNo?: string;
  billNo?: string;
  loctNo?: string;
  licenseNo?: string;
  country: string;
  freight: string;
  insuredFee: string;
  currency: string;
  wrapType?: string;
  packNo: string;
  grossWeight: string;
  netWeight: string;
  note?: string;
};
/** CEB621 InventoryList. */
export type ImportInventoryLine = {
  gnum: string;
  itemRecordNo?: string;
  itemNo?: string;
  itemName?: string;
  gcode: string;
  gname: string;
  gmodel: string;
  barCode?: string;
  country: string;
  tradeCountry?: string;
  currency: string;
  qty: string;
  unit: string;
  qty1: string;
  unit1: string;
  qty2?: string;
  unit2?: string;
  price: string;
  totalPrice: string;
  note?: string;
};
/** CEB623 InvtCancel. */
export type InventoryCancel = {
  guid: string;
  appType: string;
  appTime: string;
  appStatus: string;
  customsCode: string;
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  logisticsNo: string;
  logisticsCode: string;
  logisticsName: string;
  copNo?: string;
  preNo?: string;
  invtNo: string;
  buyerIdType: string;
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  agentCode: string;
  agentName: string;
  reason: string;
  note?: string;
};
/** CEB625 InvtRefundHead. */
export type InventoryRefundHead = {
  guid: string;
  appType: string;
  appTime: string;
  appStatus: string;
  customsCode: string;
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  logisticsNo: string;
  logisticsCode: string;
  logisticsName: string;
  copNo?: string;
  preNo?: string;
  invtNo: string;
  buyerIdType: string;
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  agentCode: string;
  agentName: string;
  reason: string;
  note?: string;
};
/** CEB625 InvtRefundList. */
export type InventoryRefundLine = {
  gnum: string;
  gcode: string;
  gname: string;
  qty: string;
  unit: string;
  note?: string;
};

export type ImportOrder = { head: ImportOrderHead; lines: ImportOrderLine[] };
export type ImportInventory = { head: ImportInventoryHead; lines: ImportInventoryLine[] };
export type InventoryRefund = { head: InventoryRefundHead; lines: InventoryRefundLine[] };

const requireType = (message: CebMessage, messageType: CebMessageType): void => {
  if (message.messageType !== messageType) {
    throw new AppError(
      'customs.wrong_message_type',
      `Expected a ${messageType} message, got ${message.messageType}`,
      {
        details: { expected: messageType, actual: message.messageType },
      },
    );
  }
};

// The parser guarantees the shape (it validated against the same model), so these casts only
// name what is already there.
const one = <T>(value: CebRecord[string] | undefined): T => value as unknown as T;
const many = <T>(value: CebRecord[string] | undefined): T[] =>
  Array.isArray(value) ? (value as unknown as T[]) : [];

/** The orders of a CEB311 message. */
export const readImportOrder = (message: CebMessage): ImportOrder[] => {
  requireType(message, 'CEB311');
  return message.documents.map((document) => ({
    head: one<ImportOrderHead>(document.OrderHead),
    lines: many<ImportOrderLine>(document.OrderList),
  }));
};

/** The payment vouchers of a CEB411 message. */
export const readImportPayment = (message: CebMessage): ImportPaymentHead[] => {
  requireType(message, 'CEB411');
  return message.documents.map((document) => one<ImportPaymentHead>(document.PaymentHead));
};

/** The waybills of a CEB511 message. */
export const readImportWaybill = (message: CebMessage): ImportWaybillHead[] => {
  requireType(message, 'CEB511');
  return message.documents.map((document) => one<ImportWaybillHead>(document.LogisticsHead));
};

/** The declaration lists (清单) of a CEB621 message. */
export const readImportInventory = (message: CebMessage): ImportInventory[] => {
  requireType(message, 'CEB621');
  return message.documents.map((document) => ({
    head: one<ImportInventoryHead>(document.InventoryHead),
    lines: many<ImportInventoryLine>(document.InventoryList),
  }));
};

/** The cancellation requests of a CEB623 message. */
export const readInventoryCancel = (message: CebMessage): InventoryCancel[] => {
  requireType(message, 'CEB623');
  return message.documents.map((document) => one<InventoryCancel>(document));
};

/** The return (refund) requests of a CEB625 message. */
export const readInventoryRefund = (message: CebMessage): InventoryRefund[] => {
  requireType(message, 'CEB625');
  return message.documents.map((document) => ({
    head: one<InventoryRefundHead>(document.InvtRefundHead),
    lines: many<InventoryRefundLine>(document.InvtRefundList),
  }));
};
