import { AppError } from '@tradehub/kernel';
import type { FindingSeverity } from './findings.ts';
import {
  DEFAULT_WEIGHT_TOLERANCE,
  MATCHING_RULES,
  type MatchingRule,
  type MatchingRuleId,
  type RuleFinding,
  type RuleSettings,
  type WeightTolerance,
} from './rules.ts';
import type { ParcelDocuments } from './types.ts';

/** What one rule does in this deployment: its default, a different severity, or nothing (`off`). */
export type RuleSeverity = FindingSeverity | 'off';

/** Per-deployment settings of the matching rules; everything has a default. */
export type MatchingConfig = {
  /** Severity per rule id, overriding the rule's default (e.g. make a warn rule reject once confirmed). */
  severities?: Partial<Record<MatchingRuleId, RuleSeverity>>;
  /** Tolerance of the gross-weight rule; defaults to DEFAULT_WEIGHT_TOLERANCE. */
  weightTolerance?: WeightTolerance;
};

/** A source document the inventory waits for. */
export type SourceDocument = 'order' | 'payment' | 'waybill';

/**
 * The state of one parcel's matching:
 * - `waiting`: a source document is missing, and nothing found so far rejects the parcel;
 * - `failed`: a rule with severity `reject` found a disagreement (even while waiting: a missing
 *   document arriving cannot repair it, only a corrected document can);
 * - `matched`: order, payment and waybill are all there and nothing rejects.
 */
export type ParcelMatch = {
  state: 'waiting' | 'matched' | 'failed';
  missing: SourceDocument[];
  findings: RuleFinding[];
  rejected: boolean;
};

const SOURCE_DOCUMENTS: readonly SourceDocument[] = ['order', 'payment', 'waybill'];

// Runs a rule when both documents of its pair are present; null when one is still missing.
function runRule(rule: MatchingRule, docs: ParcelDocuments, settings: RuleSettings): RuleFinding[] | null {
  const { order, payment, waybill, inventory } = docs;
  switch (rule.pair) {
    case 'order_payment':
      return order && payment ? rule.check({ order, payment }, settings) : null;
    case 'order_waybill':
      return order && waybill ? rule.check({ order, waybill }, settings) : null;
    case 'inventory_order':
      return inventory && order ? rule.check({ inventory, order }, settings) : null;
    case 'inventory_waybill':
      return inventory && waybill ? rule.check({ inventory, waybill }, settings) : null;
    case 'inventory_payment':
      return inventory && payment ? rule.check({ inventory, payment }, settings) : null;
  }
}

/**
 * Matches the documents of one parcel received so far (三单对碰 plus the inventory checks). Every
 * pair whose two documents are present is checked now, so an order/payment disagreement shows
 * before the waybill arrives; the inventory is held (`waiting`) until order, payment and waybill
 * all exist. Pure: the result depends only on the documents present, never on when each arrived,
 * and findings are listed in rule order.
 */
export function matchParcel(docs: ParcelDocuments, config: MatchingConfig = {}): ParcelMatch {
  const weightTolerance = config.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE;
  const findings: RuleFinding[] = [];
  for (const rule of MATCHING_RULES) {
    const severity = config.severities?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') {
      continue;
    }
    findings.push(...(runRule(rule, docs, { severity, weightTolerance }) ?? []));
  }
  const missing = SOURCE_DOCUMENTS.filter((kind) => docs[kind] === undefined);
  const rejected = findings.some((finding) => finding.severity === 'reject');
  const state = rejected ? 'failed' : missing.length > 0 ? 'waiting' : 'matched';
  return { state, missing, findings, rejected };
}

/**
 * The AppError `customs.parcel_not_matched` listing the rejecting findings as field errors
 * (`field` is `<document>.<field>` or `<document>.lines[<gnum>].<field>`, one per compared field),
 * or null when the match did not fail.
 */
export function parcelMatchError(match: ParcelMatch): AppError | null {
  if (!match.rejected) {
    return null;
  }
  const rejecting = match.findings.filter((finding) => finding.severity === 'reject');
  return new AppError(
    'customs.parcel_not_matched',
    'The order, payment, waybill and inventory do not agree',
    {
      fieldErrors: rejecting.flatMap((finding) =>
        finding.fields.map((field) => ({
          field:
            field.gnum === undefined
              ? `${field.document}.${field.field}`
              : `${field.document}.lines[${field.gnum}].${field.field}`,
          code: finding.code,
          message: finding.message,
        })),
      ),
      details: { rules: [...new Set(rejecting.map((finding) => finding.rule))] },
    },
  );
}
