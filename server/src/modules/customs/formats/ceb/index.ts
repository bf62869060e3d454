// Public entry of the CEB (China customs cross-border e-commerce) message layer: parse and validate
// against the official XSDs, business rules, builders, receipts and typed views. See README.md.
export { type CebBusinessRuleOptions, checkCebBusinessRules } from './business-rules.ts';
export {
  type BuildCebInput,
  buildCebMessage,
  buildCebReceipt,
  CEB_MAX_MESSAGE_CHARS,
  CEB_RECEIPT_MESSAGE_TYPES,
  type CebMessage,
  type CebReceiptMessageType,
  type ParseCebOptions,
  parseCebMessage,
} from './message.ts';
export { CEB_RECEIPT_STATUS, CEB_TAX_BILL_STATUS, type CebReceiptStatus } from './receipt-status.ts';
export {
  CEB_EXPORT_MESSAGE_TYPES,
  CEB_IMPORT_MESSAGE_TYPES,
  CEB_NAMESPACE,
  type CebAttribute,
  type CebBaseType,
  type CebComplexElement,
  type CebDirection,
  type CebElement,
  type CebExportMessageType,
  type CebImportMessageType,
  type CebMessageModel,
  type CebMessageType,
  type CebOpaqueElement,
  type CebSimpleElement,
  type CebSimpleType,
  cebMessageModel,
  cebMessageModels,
  isCebMessageType,
  XMLDSIG_NAMESPACE,
} from './schema-model.ts';
export { CEB_FIELD_ERROR_CODES, type CebFieldErrorCode, type CebRecord, MAX_ERRORS } from './validate.ts';
export {
  type ImportInventory,
  type ImportInventoryHead,
  type ImportInventoryLine,
  type ImportOrder,
  type ImportOrderHead,
  type ImportOrderLine,
  type ImportPaymentHead,
  type ImportWaybillHead,
  type InventoryCancel,
  type InventoryRefund,
  type InventoryRefundHead,
  type InventoryRefundLine,
  readImportInventory,
  readImportOrder,
  readImportPayment,
  readImportWaybill,
  readInventoryCancel,
  readInventoryRefund,
} from './views.ts';
