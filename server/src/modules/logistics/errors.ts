/** Error codes of the logistics module and the HTTP status each maps to. */
export const logisticsErrorStatuses = {
  // No shipment the caller may see (or, for an event, may report on) has this id or these
  // references: the same answer whether it exists for someone else or not at all.
  'logistics.shipment_not_found': 404,
  // An event with this eventID was received before with other content; the first one stands.
  'logistics.event_conflict': 409,
  // An event sender with several organisations did not say which one sends (?org=).
  'logistics.organisation_required': 400,
  // Warehouses: none the caller operates or is a client of has this id (same answer as none).
  'logistics.warehouse_not_found': 404,
  // A client of a warehouse asked for what only its operator does.
  'logistics.warehouse_operator_only': 403,
  // Only a logistics provider or an exporter runs a warehouse.
  'logistics.warehouse_operator_kind': 403,
  // A return received at a warehouse without the returns_centre role.
  'logistics.warehouse_not_returns_centre': 409,
  // A movement would take more than its bucket holds; the problem carries `available`.
  'logistics.stock_insufficient': 409,
  'logistics.return_not_found': 404,
  // The step does not follow the case's stage (inspect twice, decide before inspecting).
  'logistics.return_wrong_stage': 409,
} as const satisfies Record<string, number>;

export type LogisticsErrorCode = keyof typeof logisticsErrorStatuses;

/** Field error codes the module puts in a problem's `errors`, beyond the kernel's. */
export const logisticsFieldErrorCodes = [
  // An order id the caller is not the seller or the buyer of (or that does not exist).
  'logistics.unknown_order',
  // A forwarder or carrier organisation id that names no organisation on the hub.
  'logistics.unknown_organisation',
  'logistics.duplicate_container',
  'logistics.duplicate_order',
  'logistics.arrival_before_departure',
  // An actual event dated, or any event created, more than a day after the hub's clock.
  'logistics.event_time_in_future',
  // A DCSA event with no carrier booking reference, transport document reference or equipment
  // reference: nothing ties it to a shipment.
  'logistics.no_shipment_reference',
  // Warehouses, stock and returns.
  'logistics.warehouse_country_mismatch',
  'logistics.warehouse_duplicate_role',
  'logistics.warehouse_not_client',
  'logistics.stock_quantity_zero',
  'logistics.stock_quantity_not_positive',
  'logistics.stock_reason_required',
  'logistics.stock_reference_required',
  'logistics.return_reference_required',
  'logistics.return_grade_not_allowed',
] as const;
