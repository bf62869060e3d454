import { defaultSeverity, EXPORT_RULES, runRule } from './rules.ts';
import type { ExportDocuments, ExportMatch } from './types.ts';

export type ExportMatchingConfig = {
  /** Severity by rule id over the defaults ('off' skips the rule). */
  severities?: Readonly<Record<string, 'reject' | 'warn' | 'off'>>;
};

const PAIR_DOCUMENTS = {
  order_receipts: ['order', 'receipts'],
  inventory_order: ['inventory', 'order'],
  inventory_waybill: ['inventory', 'waybill'],
} as const;

/**
 * Matches an export parcel's documents: every rule whose two documents are both present runs, so
 * a disagreement shows before the last document arrives. The outcome depends only on which
 * documents are present, never on the order they came in.
 */
export const matchExportDocuments = (
  docs: ExportDocuments,
  config: ExportMatchingConfig = {},
): ExportMatch => {
  const findings = EXPORT_RULES.flatMap((rule) => {
    const severity = config.severities?.[rule.id] ?? defaultSeverity(rule);
    const [a, b] = PAIR_DOCUMENTS[rule.pair];
    if (severity === 'off' || docs[a] === undefined || docs[b] === undefined) {
      return [];
    }
    // The check reads only the pair's two documents; the others are never touched.
    return runRule(rule, docs as Required<ExportDocuments>, severity);
  });
  const missing = (['order', 'receipts', 'waybill'] as const).filter((kind) => docs[kind] === undefined);
  const state = findings.some((f) => f.severity === 'reject')
    ? 'failed'
    : missing.length > 0 || docs.inventory === undefined
      ? 'waiting'
      : 'matched';
  return { state, missing, findings };
};
