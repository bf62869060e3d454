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
  // Repair tickets: none the caller may see has this id; a step out of order; a ticket opened at a
  // warehouse that is no after-sales service centre.
  'logistics.repair_not_found': 404,
  'logistics.repair_wrong_stage': 409,
  'logistics.warehouse_not_after_sales': 409,
  // Bookings: neither shipper nor forwarder of one with this id (same answer as none); a step only
  // the other party takes (the shipper confirming); a step the booking's status no longer allows
  // (confirming twice, cancelling a declined one): the problem carries `currentStatus`.
  'logistics.booking_not_found': 404,
  'logistics.booking_forwarder_only': 403,
  'logistics.booking_shipper_only': 403,
  'logistics.booking_wrong_state': 409,
  // Inbound event callbacks: none with this id (never created, or deleted); a carrier's call whose
  // Notification-Signature is missing or does not sign its body with the callback's secret.
  'logistics.event_callback_not_found': 404,
  'logistics.callback_signature_invalid': 401,
  // Exceptions: none of a shipment the caller ships, forwards or carries has this id (same answer
  // as none); one already resolved has nothing left to acknowledge.
  'logistics.exception_not_found': 404,
  'logistics.exception_resolved': 409,
  // A shipment's threshold is its shipper's to set, not the forwarder's or carrier's.
  'logistics.shipper_only': 403,
  // Exception subscriptions: none of the organisation has this id; it has as many as allowed.
  'logistics.subscription_not_found': 404,
  'logistics.subscription_limit': 409,
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
  // Repair tickets: only an inspected grade B return of the same client is refurbished; an outcome
  // the ticket's origin does not allow; a buyer's item goes back with a tracking reference.
  'logistics.return_not_refurbishable',
  'logistics.repair_outcome_not_allowed',
  'logistics.repair_shipment_required',
  // Booking requests: a forwarder that is neither a logistics provider nor a carrier; the shipper's
  // own organisation as forwarder; a wanted departure day that has already passed.
  'logistics.not_a_forwarder',
  'logistics.booking_own_organisation',
  'logistics.date_in_past',
  // Multimodal routes: leg i+1 must start where leg i ends, and not before leg i arrives there.
  'logistics.legs_not_continuous',
  'logistics.departure_before_previous_arrival',
  // Exception callbacks: plain HTTP (allowed for a localhost receiver on a localhost hub only);
  // credentials in the URL, or a loopback or private network address.
  'logistics.callback_url_not_https',
  'logistics.callback_url_not_allowed',
] as const;
