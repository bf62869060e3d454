/**
 * Error codes of the expo module and the HTTP status each maps to, one block per part of the
 * module (catalogue, search, matchmaking, meetings, services trade, IP registry).
 */
export const expoErrorStatuses = {
  // Bad input anywhere in the module: the problem's `errors` name the fields.
  'expo.invalid': 400,
  'expo.not_found': 404,
  // A write naming a version it did not read (optimistic locking).
  'expo.version_conflict': 409,
  // catalogue: products and services hang off a showcase, so it comes first; a publish or withdraw
  // that the current status does not allow; a booth already given to another exhibitor.
  'expo.catalogue_no_showcase': 409,
  'expo.catalogue_status_not_allowed': 409,
  'expo.catalogue_booth_taken': 409,
  // search: a query too long or with no word to search (the `errors` name `q`); a search that ran
  // past its time budget (statement_timeout): the server is busy, not the buyer wrong.
  'expo.search_invalid_query': 400,
  'expo.search_timeout': 503,
  // matchmaking: a requirement that fails its rules (the `errors` name the fields); a change to a
  // requirement that is closed or fulfilled (only its status may change, back to open).
  'expo.requirement_invalid': 400,
  'expo.requirement_not_open': 409,
  // services trade: a contract that fails its rules (the `errors` name the fields); a contract
  // number used twice; deliveries beyond the contract value, or on a completed or terminated
  // contract; a value below what was delivered; deleting a contract whose deliveries were counted;
  // the all-organisations view for anyone but the commerce department.
  'expo.service_invalid': 400,
  'expo.service_reference_exists': 409,
  'expo.service_delivery_exceeds_value': 409,
  'expo.service_contract_closed': 409,
  'expo.service_value_below_delivered': 409,
  'expo.service_illegal_transition': 409,
  'expo.service_has_deliveries': 409,
  'expo.service_regulators_only': 403,
  // technology contracts: a prohibited technology is refused, a restricted one is registered only
  // with its licence number (422: well-formed, but the rules forbid it); only a draft registers.
  'expo.technology_invalid': 400,
  'expo.technology_prohibited': 422,
  'expo.technology_licence_required': 422,
  'expo.technology_reference_exists': 409,
  'expo.technology_not_draft': 409,
  'expo.technology_cancelled': 409,
  // meetings: a slot that double-books a confirmed meeting of either party (the message names it
  // when it is the caller's own); an action the meeting's state or the caller's side does not
  // allow; a draft order from a meeting not confirmed, from no lead, with no known hand-over place,
  // or while another request is drafting it; a calendar file of a meeting with no time yet.
  'expo.meeting_slot_conflict': 409,
  'expo.meeting_wrong_state': 409,
  'expo.meeting_not_confirmed': 409,
  'expo.meeting_without_lead': 409,
  'expo.meeting_no_delivery_place': 409,
  'expo.meeting_draft_in_progress': 409,
  'expo.meeting_not_scheduled': 409,
  // ip registry: licensing, assigning, pledging or watching an asset another organisation holds
  // (the reason, not a 404, once the caller may see it); accepting an agreement as its grantor;
  // releasing a pledge as the holder rather than the bank; the same right recorded twice; a right
  // expired, lapsed or revoked; an assignment awaiting acceptance or a pledge in the way; a licence
  // overlapping an exclusive or sole one; an agreement accepted, a pledge released or an alert
  // closed already.
  'expo.ip_not_owner': 403,
  'expo.ip_not_counterparty': 403,
  'expo.ip_not_pledgee': 403,
  'expo.ip_duplicate_asset': 409,
  'expo.ip_asset_not_in_force': 409,
  'expo.ip_assignment_pending': 409,
  // A right pledged already, at any bank (the finance registry holds it) or on this asset.
  'expo.ip_pledged': 409,
  // A pledge is registered in the financing registry by the right's registry number.
  'expo.ip_no_registry_number': 409,
  'expo.ip_exclusive_conflict': 409,
  'expo.ip_already_accepted': 409,
  'expo.ip_pledge_released': 409,
  'expo.ip_alert_closed': 409,
} as const satisfies Record<string, number>;

/**
 * Field error codes of the expo module (a problem's `errors[].code`), one block per part; the web
 * app translates each (server/test/module-codes-i18n.int.test.ts).
 */
export const expoFieldErrorCodes = [
  'expo.required',
  // catalogue
  'expo.unknown_hs_code',
  'expo.price_min_above_max',
  'expo.invalid_amount',
  'expo.unknown_currency',
  'expo.invalid_quantity',
  'expo.unknown_unit',
  'expo.unknown_country',
  'expo.unknown_unlocode',
  'expo.invalid_language',
  'expo.unknown_ebops_code',
  'expo.unknown_time_zone',
  'expo.unknown_credential',
  'expo.ends_before_start',
  'expo.unknown_hall',
  'expo.not_exhibiting',
  // search: a query over 200 characters; a query of punctuation or stop words only; a maximum
  // price that is no amount of its currency.
  'expo.search_query_too_long',
  'expo.search_query_empty',
  'expo.search_bad_price',
  // matchmaking: a requirement's deadline before today; a negative target price; a date that is
  // not a calendar date; a trends period that ends before it starts or spans too long.
  'expo.requirement_deadline_past',
  'expo.requirement_price_negative',
  'expo.requirement_invalid_date',
  'expo.requirement_invalid_period',
  // services trade: an EBOPS code not in the classification, a client or foreign party in China
  // (these are cross-border records), an organisation not on the hub, dates in the wrong order, an
  // amount of no known currency, a delivery before the contract or in the future, a delivery in
  // another currency; a restricted or prohibited technology without, with an unknown, or with a
  // mismatching catalogue entry, or a free one naming an entry.
  'expo.service_unknown_ebops',
  'expo.service_client_in_china',
  'expo.service_unknown_organisation',
  'expo.service_dates_reversed',
  'expo.service_invalid_amount',
  'expo.service_delivery_before_start',
  'expo.service_delivery_in_future',
  'expo.service_currency_mismatch',
  'expo.technology_catalogue_required',
  'expo.technology_catalogue_unknown',
  'expo.technology_catalogue_mismatch',
  'expo.technology_catalogue_not_allowed',
  'expo.technology_party_in_china',
  'expo.technology_unknown_organisation',
  'expo.technology_dates_reversed',
  'expo.technology_invalid_amount',
  // meetings: slots in the past, reversed, longer than 4 h, outside the booth's event days,
  // offered twice; overlapping a confirmed meeting (the caller's own, or the other party's); a zone
  // that is not IANA; an unknown lead, booth or organisation; a meeting with oneself; a counterpart
  // that is not the lead's other party; a video link on a booth appointment; a slot number not offered.
  'expo.meeting_slot_in_past',
  'expo.meeting_slot_end_before_start',
  'expo.meeting_slot_too_long',
  'expo.meeting_slot_outside_event',
  'expo.meeting_slot_duplicate',
  'expo.meeting_slot_overlaps_own',
  'expo.meeting_slot_overlaps_other',
  'expo.meeting_unknown_time_zone',
  'expo.meeting_unknown_lead',
  'expo.meeting_unknown_booth',
  'expo.meeting_unknown_organisation',
  'expo.meeting_same_organisation',
  'expo.meeting_counterpart_mismatch',
  'expo.meeting_video_link_online_only',
  'expo.meeting_no_such_slot',
  // ip registry: a registry number malformed, failing its CNIPA check character, of another kind
  // than the right, or given for a trade secret; a jurisdiction, territory or country that is not
  // one; a trade secret published or listed; a document hash on anything but a trade secret; Nice
  // or IPC classes on the wrong kind or malformed; a date that is none or out of order; an
  // organisation not on the hub, a holder missing from the owners, oneself as counterparty, an
  // assignment with licence terms or to a party off the hub; a royalty percent or amount that is
  // none; a pledgee that is no bank; another's or an unpublished asset in a listing; a hit in the future.
  'expo.ip_number_format',
  'expo.ip_number_check_digit',
  'expo.ip_number_kind_mismatch',
  'expo.ip_number_not_allowed',
  'expo.ip_jurisdiction',
  'expo.ip_territory',
  'expo.ip_trade_secret_private',
  'expo.ip_secret_only',
  'expo.ip_classes_kind',
  'expo.ip_ipc_format',
  'expo.ip_date',
  'expo.ip_date_order',
  'expo.ip_unknown_organisation',
  'expo.ip_holder_not_owner',
  'expo.ip_self_counterparty',
  'expo.ip_assignment_terms',
  'expo.ip_assignee_on_hub',
  'expo.ip_percent',
  'expo.ip_currency',
  'expo.ip_amount',
  'expo.ip_not_a_bank',
  // a pledge term ending today or before, or more than 3,650 days ahead
  'expo.ip_pledge_term',
  'expo.ip_not_own_asset',
  'expo.ip_asset_not_published',
  'expo.ip_observed_in_future',
] as const;
