import { TAX_ERROR_STATUS } from './domain/tax/retail-import-tax.ts';
import { QUOTA_ERROR_STATUS } from './quota/index.ts';

/** Error codes of the customs module and the HTTP status each maps to. */
export const customsErrorStatuses = {
  ...TAX_ERROR_STATUS,
  ...QUOTA_ERROR_STATUS,
  'customs.wrong_message_type': 400,
  'customs.signature_not_signable': 422,
  'customs.parcel_not_found': 404,
  'customs.message_not_found': 404,
  // The caller belongs to several organisations and did not say which one sends the message.
  'customs.organisation_required': 400,
  'customs.reveal_customs_only': 403,
  'customs.buyer_not_found': 404,
  // Two calls received messages with the same guid at once; the later one is refused whole.
  'customs.duplicate_guid': 409,
  // The parcel is not (or no longer) under inspection; the problem carries `currentStatus`.
  'customs.not_under_inspection': 409,
  // A whole message that is not CEB or DXP at all (transport level): the problem says why.
  'customs.message_invalid': 400,
  'customs.dxp_invalid': 400,
  // Export side: a summary or filing that does not exist (or is another's), a decision only customs
  // takes, a filing decided already (the problem carries `currentState`).
  'customs.export_summary_not_found': 404,
  'customs.warehouse_not_found': 404,
  'customs.warehouse_customs_only': 403,
  'customs.warehouse_already_decided': 409,
  // 1210 bonded stock and the positive list (service/bonded-*.ts).
  'customs.bonded_book_foreign': 409,
  'customs.bonded_inbound_duplicate': 409,
  'customs.bonded_book_not_found': 404,
  'customs.invalid_positive_list': 422,
  'customs.customs_only': 403,
  // The DXP provider could not hand a message to the E-port (formats/dxp/provider.ts).
  'customs.dxp_transport_failed': 502,
} as const satisfies Record<string, number>;
