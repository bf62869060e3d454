// The customs sandbox's risk rules: random inspection, watch lists and value anomalies.

export type {
  RiskAssessment,
  RiskConfig,
  RiskConfigInput,
  RiskContext,
  RiskHit,
  RiskRuleId,
  RiskWatchLists,
} from './assess-risk.ts';
export {
  assessRisk,
  DEFAULT_RISK_CONFIG,
  isSampled,
  RISK_RULE_IDS,
  resolveRiskConfig,
} from './assess-risk.ts';
export { hmacSha256, keyedUnitInterval } from './keyed-hash.ts';
