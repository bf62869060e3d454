import type { FingerprintType } from './fingerprints.ts';

export const registryAnswers = ['no_match', 'exact_match', 'similar'] as const;
export type RegistryAnswerKind = (typeof registryAnswers)[number];

export const riskLevels = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

/** All a financier learns from a check: never whose registration matched, nor anything of it. */
export type RegistryAnswer = { answer: RegistryAnswerKind; risk: RiskLevel };

/**
 * The answer from the fingerprint types that matched an active registration. Same seller and
 * number, or same parties, amount and date, is as suspicious as an exact match (a re-dated,
 * re-priced or renumbered copy) but is not proof: the financier looks at the invoice again.
 */
export const answerOf = (matched: ReadonlySet<FingerprintType>): RegistryAnswer => {
  if (matched.has('exact')) {
    return { answer: 'exact_match', risk: 'high' };
  }
  if (matched.has('seller_number') || matched.has('parties_amount_date')) {
    return { answer: 'similar', risk: 'high' };
  }
  if (matched.has('seller_number_unpadded')) {
    return { answer: 'similar', risk: 'medium' };
  }
  if (matched.has('fuzzy')) {
    return { answer: 'similar', risk: 'low' };
  }
  return { answer: 'no_match', risk: 'none' };
};
