/** Error codes of the stats module and the HTTP status each maps to. */
export const statsErrorStatuses = {
  // The statistics dashboards are for the commerce department and the customs authority, not for
  // enterprises (whose own figures would show through a breakdown by enterprise or city).
  'stats.regulators_only': 403,
  // Direct reporting (reporting/): enterprises fill in, the commerce department reviews.
  'stats.report_enterprises_only': 403,
  'stats.report_regulators_only': 403,
  'stats.report_invalid': 400,
  'stats.report_upload_invalid': 400,
  'stats.report_not_registered': 409,
  'stats.report_not_an_enterprise': 409,
  'stats.report_registered_elsewhere': 409,
  'stats.report_report_exists': 409,
  'stats.report_period_accepted': 409,
  'stats.report_wrong_state': 409,
  'stats.report_version_conflict': 409,
  // Errors are fixed; a month-on-month jump is confirmed with a reason before the report goes.
  'stats.report_warnings_unconfirmed': 422,
} as const satisfies Record<string, number>;

/** Field error codes of direct reporting: each names a cell of the form (or a field of the request). */
export const statsFieldErrorCodes = [
  'stats.report_required',
  'stats.report_not_a_number',
  'stats.report_invalid_value',
  'stats.report_negative',
  'stats.report_out_of_range',
  'stats.report_total_mismatch',
  'stats.report_partners_exceed_total',
  'stats.report_jump',
  'stats.report_unknown_cell',
  'stats.report_duplicate_cell',
  'stats.report_upload_layout',
  'stats.report_upload_unreadable',
  'stats.report_invalid_period',
  'stats.report_future_period',
  'stats.report_unknown_city',
  'stats.report_unknown_organisation',
] as const;
