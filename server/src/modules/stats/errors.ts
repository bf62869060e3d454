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
  // The Zhejiang Index (zhejiang-index/): a year without facts has no index to compute; the
  // engine refusing the data is named by its own code; a run is published once.
  'stats.index_no_facts': 422,
  'stats.index_not_computable': 422,
  'stats.index_run_not_publishable': 409,
  'stats.index_not_published': 404,
  'stats.index_commerce_only': 403,
  // The white paper (white-paper/): a year without any trade facts has no report to publish.
  'stats.white_paper_no_facts': 404,
  // The policy-measure tracker (policy-measures/): for regulators only; the joint-meeting office
  // runs the programme, a measure's lead agency plans its tasks, an agency reports on its own.
  'stats.policy_regulators_only': 403,
  'stats.policy_invalid': 400,
  'stats.policy_no_programme': 409,
  'stats.policy_programme_exists': 409,
  'stats.policy_office_only': 403,
  'stats.policy_not_lead': 403,
  'stats.policy_not_task_owner': 403,
  'stats.policy_illegal_transition': 409,
  'stats.policy_task_done': 409,
  'stats.policy_version_conflict': 409,
  'stats.policy_report_exists': 409,
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
  // The Zhejiang Index: the year asked for has no trade facts.
  'stats.index_no_facts',
  // The policy-measure tracker: a field of a task, milestone, report or agency mapping.
  'stats.policy_unknown_agency',
  'stats.policy_agency_not_on_measure',
  'stats.policy_collective_agency',
  'stats.policy_invalid_date',
  'stats.policy_title_required',
  'stats.policy_invalid_period',
  'stats.policy_future_period',
  'stats.policy_unknown_organisation',
  'stats.policy_not_a_regulator',
  'stats.policy_nothing_to_change',
  // Not an error: a task created with a due date already past is stored, and flagged so.
  'stats.policy_due_date_past',
] as const;
