// Three-document matching (三单对碰) of retail-import parcels: pure rules over plain CEB documents.

export type { CebDecimal } from './decimal.ts';
export { compareDecimal, parseCebDecimal, sameDecimal } from './decimal.ts';
export type { FindingField, FindingSeverity } from './findings.ts';
export { displayValue, maskIdentifier, maskPersonName } from './findings.ts';
export type { MatchingConfig, ParcelMatch, RuleSeverity, SourceDocument } from './match-parcel.ts';
export { matchParcel, parcelMatchError } from './match-parcel.ts';
export type {
  MatchingRule,
  MatchingRuleId,
  PairDocuments,
  RuleBasis,
  RuleFinding,
  RulePair,
  RuleSettings,
  WeightTolerance,
} from './rules.ts';
export { DEFAULT_WEIGHT_TOLERANCE, MATCHING_RULE_IDS, MATCHING_RULES } from './rules.ts';
export type {
  DocumentKind,
  ImportInventory,
  ImportInventoryHead,
  ImportInventoryLine,
  ImportOrder,
  ImportOrderHead,
  ImportOrderLine,
  ImportPayment,
  ImportWaybill,
  ParcelDocuments,
} from './types.ts';
