export type {
  BuildDxpMessageInput,
  BuildDxpResponseInput,
  DxpAddInfo,
  DxpFieldErrorCode,
  DxpResponse,
  DxpResult,
  DxpServerNode,
  DxpTransInfo,
  ParsedDxpMessage,
  ParsedDxpResponse,
} from './dxp.ts';
export {
  buildDxpMessage,
  buildDxpResponse,
  CEB_EXPORT_RECEIVER_ID,
  CEB_IMPORT_RECEIVER_ID,
  DXP_FIELD_ERROR_CODES,
  DXP_INVALID,
  DXP_NS,
  parseDxpMessage,
  parseDxpResponse,
  toBeijingDateTime,
} from './dxp.ts';
export type {
  DxpDelivery,
  DxpProvider,
  DxpProviderSetting,
  DxpTransportSetting,
  OutgoingCebMessage,
} from './provider.ts';
export { createDxpProvider, envelopeOf, readDxpAnswer } from './provider.ts';
