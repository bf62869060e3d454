// Export clearance rules (9610 retail export, 9710/9810 B2B): matching, checks, routing and
// summary consolidation, all pure. See README.md.
export {
  checkExportInventory,
  EXPORT_TRADE_MODES,
  type ExportCheckFailure,
  type ExportCheckResult,
  filingNumberOf,
} from './checks.ts';
export {
  consolidate,
  type ReleasedList,
  type SummaryGroup,
  type SummaryItem,
  type SummaryLine,
  type SummaryOptions,
  summaryHsCode,
} from './consolidation.ts';
export { type ExportMatchingConfig, matchExportDocuments } from './match-export.ts';
export {
  type B2bRoute,
  type B2bRouteReason,
  type B2bRoutingInput,
  routeB2bExport,
  routeReasonText,
  SIMPLIFIED_LIST_LIMIT_CNY,
} from './routing.ts';
export { defaultSeverity, EXPORT_RULES, type ExportRule } from './rules.ts';
export type {
  ExportDocuments,
  ExportFields,
  ExportFinding,
  ExportInventory,
  ExportMatch,
  ExportOrder,
} from './types.ts';

import { EXPORT_RULES as RULES } from './rules.ts';

/** Every field-error code the export side answers with (matching, checks, cancel, period): each needs zh-CN and en text. */
export const EXPORT_FIELD_ERROR_CODES: readonly string[] = [
  ...new Set(RULES.map((rule) => rule.code)),
  'customs.export_period',
  'customs.export_already_summarised',
  'customs.export_trade_mode',
  'customs.export_ie_flag',
  'customs.export_statistics_flag',
  'customs.export_simplified_licence',
  'customs.export_simplified_duty',
  'customs.export_special_zone',
  'customs.export_code_list',
  'customs.export_value',
  'customs.export_declaration_form_required',
  'customs.export_warehouse_missing',
  'customs.export_warehouse_not_filed',
];
