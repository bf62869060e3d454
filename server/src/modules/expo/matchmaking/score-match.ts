// The match score of a product for a buyer's requirement (issue 11 §3): a weighted sum of
// components, each a fit between 0 and 1 with a reason code and parameters, so the web app can say
// in Chinese and English why a product ranks where it does. Pure and deterministic: no clock, no
// database; the service gathers the facts (converted price, credit, history) into the context.

/** Component weights; they sum to 100, so the score is the points of all components. */
export const matchWeights = {
  hs: 20,
  text: 20,
  price: 15,
  moq: 10,
  certifications: 15,
  delivery: 10,
  history: 5,
  credit: 5,
} as const satisfies Record<string, number>;

export type MatchComponentKey = keyof typeof matchWeights;

/** The fit given when a fact is missing: neither for nor against the candidate. */
export const NEUTRAL_FIT = 0.5;

export type CertificationVerification = 'self_declared' | 'verified' | 'revoked' | 'expired';

export type MatchRequirement = {
  /** HS 2022 subheading, when the buyer named one. */
  hsCode: string | null;
  /** `tokenize` of the title and description. */
  tokens: readonly string[];
  /** Decimal string, up to three decimals. */
  quantity: string;
  /** UN/ECE Recommendation 20 unit code. */
  unit: string;
  destinationCountry: string;
  /** Certification schemes the buyer needs. */
  certifications: readonly string[];
  /** Whether the buyer gave a target unit price (the converted amount is in the context). */
  hasTargetPrice: boolean;
};

export type MatchCandidate = {
  hsCode: string;
  /** `tokenize` of the product's names and descriptions. */
  tokens: readonly string[];
  moq: string;
  moqUnit: string;
  priceCurrency: string;
  priceMinMinor: bigint;
  priceMaxMinor: bigint;
  /** The product's export markets; empty: the exhibitor's apply. */
  exportMarkets: readonly string[];
  exhibitorExportMarkets: readonly string[];
  certifications: readonly { scheme: string; verification: CertificationVerification }[];
};

/** The target price in the candidate's currency, or why there is none. */
export type TargetPriceInCandidateCurrency =
  | { kind: 'same_currency'; amountMinor: bigint }
  | { kind: 'converted'; amountMinor: bigint; from: string; rate: string; day: string }
  | { kind: 'no_rate'; from: string; to: string; day: string };

export type MatchContext = {
  /** Absent when the requirement has no target price. */
  targetPrice?: TargetPriceInCandidateCurrency | undefined;
  /** The supplier's credit score on 0..100, with the finance module's grade; absent: unknown. */
  credit?: { score: number; grade?: string | undefined } | undefined;
  /** The supplier's orders completed through the hub; absent: unknown. */
  completedOrders?: number | undefined;
  /**
   * False when the supplier has not chosen to show buyers its hub track record: credit and
   * history then stay neutral and name no score, grade or count, whatever else the context holds
   * (the explanation is stored and shown to the buyer). Absent: shared.
   */
  trackRecordShared?: boolean | undefined;
};

export type MatchReasonParams = Record<string, string | number>;

export type MatchComponent = {
  key: MatchComponentKey;
  weight: number;
  /** Fit between 0 and 1. */
  value: number;
  /** weight × value, rounded to two decimals. */
  points: number;
  /** Translated by the web app as `expoMatchmaking.reasons.<reason>` with `params`. */
  reason: string;
  params: MatchReasonParams;
};

export type MatchScore = { score: number; components: MatchComponent[] };

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

const component = (
  key: MatchComponentKey,
  value: number,
  reason: string,
  params: MatchReasonParams = {},
): MatchComponent => {
  const fit = round2(clamp01(value));
  return {
    key,
    weight: matchWeights[key],
    value: fit,
    points: round2(fit * matchWeights[key]),
    reason,
    params,
  };
};

/** A decimal string as thousandths (numeric(18,3)), so quantities compare without floats. */
export const thousandths = (decimal: string): bigint | undefined => {
  const match = /^(\d{1,15})(?:\.(\d{1,3}))?$/.exec(decimal.trim());
  if (match === null) {
    return undefined;
  }
  return BigInt(match[1] ?? '0') * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
};

const hsFit = (requirement: MatchRequirement, candidate: MatchCandidate): MatchComponent => {
  const wanted = requirement.hsCode;
  if (wanted === null) {
    return component('hs', NEUTRAL_FIT, 'hs_not_given', { offered: candidate.hsCode });
  }
  if (wanted === candidate.hsCode) {
    return component('hs', 1, 'hs_same_subheading', { code: wanted });
  }
  if (wanted.slice(0, 4) === candidate.hsCode.slice(0, 4)) {
    return component('hs', 0.7, 'hs_same_heading', {
      heading: wanted.slice(0, 4),
      offered: candidate.hsCode,
    });
  }
  if (wanted.slice(0, 2) === candidate.hsCode.slice(0, 2)) {
    return component('hs', 0.4, 'hs_same_chapter', {
      chapter: wanted.slice(0, 2),
      offered: candidate.hsCode,
    });
  }
  return component('hs', 0, 'hs_different', { wanted, offered: candidate.hsCode });
};

/** Cosine similarity of the two token sets (each token counted once), and the shared tokens. */
export const tokenSimilarity = (left: readonly string[], right: readonly string[]) => {
  const a = new Set(left);
  const b = new Set(right);
  if (a.size === 0 || b.size === 0) {
    return { similarity: 0, shared: [] as string[] };
  }
  const shared = [...a].filter((token) => b.has(token)).sort();
  return { similarity: shared.length / Math.sqrt(a.size * b.size), shared };
};

const textFit = (requirement: MatchRequirement, candidate: MatchCandidate): MatchComponent => {
  const { similarity, shared } = tokenSimilarity(requirement.tokens, candidate.tokens);
  // A third of the tokens in common already reads as the same product: scale so it counts fully.
  const value = Math.min(1, similarity * 2);
  return component('text', value, shared.length === 0 ? 'text_no_overlap' : 'text_overlap', {
    percent: Math.round(similarity * 100),
    terms: shared.slice(0, 6).join(', '),
  });
};

const ratioOf = (numerator: bigint, denominator: bigint) =>
  denominator === 0n ? 1 : Number((numerator * 10_000n) / denominator) / 10_000;

/**
 * Fit of the target unit price against the product's range, non-decreasing in the target: at or
 * above the top of the range it fits fully; inside the range it fits from 0.6 up; below the
 * bottom it falls to 0 at half the minimum price.
 */
export const priceFitValue = (targetMinor: bigint, minMinor: bigint, maxMinor: bigint): number => {
  if (targetMinor >= maxMinor) {
    return 1;
  }
  if (targetMinor >= minMinor) {
    return 0.6 + 0.4 * ratioOf(targetMinor - minMinor, maxMinor - minMinor);
  }
  const shortfall = ratioOf(minMinor - targetMinor, minMinor);
  return Math.max(0, 0.5 * (1 - 2 * shortfall));
};

const priceFit = (requirement: MatchRequirement, candidate: MatchCandidate, context: MatchContext) => {
  const target = context.targetPrice;
  if (!requirement.hasTargetPrice || target === undefined) {
    return component('price', NEUTRAL_FIT, 'price_no_target');
  }
  if (target.kind === 'no_rate') {
    // Never guess a rate: the component stays neutral and says why.
    return component('price', NEUTRAL_FIT, 'price_no_rate', {
      from: target.from,
      to: target.to,
      day: target.day,
    });
  }
  const value = priceFitValue(target.amountMinor, candidate.priceMinMinor, candidate.priceMaxMinor);
  const params: MatchReasonParams = {
    currency: candidate.priceCurrency,
    target: target.amountMinor.toString(),
    min: candidate.priceMinMinor.toString(),
    max: candidate.priceMaxMinor.toString(),
    ...(target.kind === 'converted' ? { from: target.from, rate: target.rate, day: target.day } : {}),
  };
  const reason =
    target.amountMinor >= candidate.priceMaxMinor
      ? 'price_below_target'
      : target.amountMinor >= candidate.priceMinMinor
        ? 'price_range_covers_target'
        : 'price_above_target';
  return component('price', value, target.kind === 'converted' ? `${reason}_converted` : reason, params);
};

const moqFit = (requirement: MatchRequirement, candidate: MatchCandidate): MatchComponent => {
  if (requirement.unit !== candidate.moqUnit) {
    return component('moq', NEUTRAL_FIT, 'moq_unit_differs', {
      unit: requirement.unit,
      moqUnit: candidate.moqUnit,
    });
  }
  const quantity = thousandths(requirement.quantity);
  const moq = thousandths(candidate.moq);
  if (quantity === undefined || moq === undefined || moq === 0n) {
    return component('moq', NEUTRAL_FIT, 'moq_unknown', { unit: candidate.moqUnit });
  }
  const params = { quantity: requirement.quantity, moq: candidate.moq, unit: candidate.moqUnit };
  if (quantity >= moq) {
    return component('moq', 1, 'moq_met', params);
  }
  return component('moq', 0.5 * ratioOf(quantity, moq), 'moq_not_met', params);
};

const schemeKey = (scheme: string) => scheme.toUpperCase().replace(/[\s.-]/g, '');

/** A verified credential counts fully; a self-declared claim counts 0.6; revoked or expired, not at all. */
const certificationWeight: Record<CertificationVerification, number> = {
  verified: 1,
  self_declared: 0.6,
  revoked: 0,
  expired: 0,
};

const certificationFit = (requirement: MatchRequirement, candidate: MatchCandidate): MatchComponent => {
  const wanted = [...new Set(requirement.certifications.map(schemeKey))];
  if (wanted.length === 0) {
    return component('certifications', 1, 'certs_none_wanted');
  }
  const held = new Map<string, CertificationVerification>();
  for (const certification of candidate.certifications) {
    const key = schemeKey(certification.scheme);
    const known = held.get(key);
    if (known === undefined || certificationWeight[certification.verification] > certificationWeight[known]) {
      held.set(key, certification.verification);
    }
  }
  const missing: string[] = [];
  let verified = 0;
  let selfDeclared = 0;
  let sum = 0;
  for (const scheme of wanted) {
    const verification = held.get(scheme);
    const weight = verification === undefined ? 0 : certificationWeight[verification];
    sum += weight;
    if (verification === 'verified') {
      verified += 1;
    } else if (verification === 'self_declared') {
      selfDeclared += 1;
    } else {
      missing.push(scheme);
    }
  }
  const reason =
    missing.length > 0 ? 'certs_missing' : selfDeclared > 0 ? 'certs_all_present' : 'certs_all_verified';
  return component('certifications', sum / wanted.length, reason, {
    wanted: wanted.length,
    verified,
    selfDeclared,
    missing: missing.join(', '),
  });
};

const deliveryFit = (requirement: MatchRequirement, candidate: MatchCandidate): MatchComponent => {
  const markets =
    candidate.exportMarkets.length > 0 ? candidate.exportMarkets : candidate.exhibitorExportMarkets;
  const country = requirement.destinationCountry;
  if (markets.length === 0) {
    return component('delivery', NEUTRAL_FIT, 'delivery_markets_unknown', { country });
  }
  if (markets.includes(country)) {
    return component('delivery', 1, 'delivery_to_destination', { country });
  }
  return component('delivery', 0.2, 'delivery_not_to_destination', { country, markets: markets.length });
};

/** Twenty completed orders through the hub make a full trade history. */
const FULL_HISTORY_ORDERS = 20;

const historyFit = (context: MatchContext): MatchComponent => {
  if (context.trackRecordShared === false) {
    return component('history', NEUTRAL_FIT, 'history_not_shared');
  }
  const count = context.completedOrders;
  if (count === undefined) {
    return component('history', NEUTRAL_FIT, 'history_unknown');
  }
  return component('history', count / FULL_HISTORY_ORDERS, count === 0 ? 'history_none' : 'history_orders', {
    count,
  });
};

const creditFit = (context: MatchContext): MatchComponent => {
  if (context.trackRecordShared === false) {
    return component('credit', NEUTRAL_FIT, 'credit_not_shared');
  }
  const credit = context.credit;
  if (credit === undefined) {
    return component('credit', NEUTRAL_FIT, 'credit_unknown');
  }
  return component('credit', credit.score / 100, 'credit_score', {
    score: Math.round(credit.score),
    grade: credit.grade ?? '',
  });
};

/** The explained score of one candidate product for one requirement, 0..100. */
export const scoreMatch = (
  requirement: MatchRequirement,
  candidate: MatchCandidate,
  context: MatchContext,
): MatchScore => {
  const components = [
    hsFit(requirement, candidate),
    textFit(requirement, candidate),
    priceFit(requirement, candidate, context),
    moqFit(requirement, candidate),
    certificationFit(requirement, candidate),
    deliveryFit(requirement, candidate),
    historyFit(context),
    creditFit(context),
  ];
  const total = components.reduce((sum, part) => sum + part.value * part.weight, 0);
  return { score: Math.min(100, Math.max(0, Math.round(total))), components };
};

/**
 * A stored match as the buyer may read it now: when the supplier does not share its track record
 * (it may have stopped after the match was made), credit and history read as not shared and the
 * score is summed again without them, so neither the explanation nor the score carries them.
 */
export const withholdTrackRecord = (match: MatchScore): MatchScore => {
  const hidden: Partial<Record<MatchComponentKey, string>> = {
    credit: 'credit_not_shared',
    history: 'history_not_shared',
  };
  if (match.components.every((part) => hidden[part.key] === undefined || part.reason === hidden[part.key])) {
    return match;
  }
  const components = match.components.map((part) => {
    const reason = hidden[part.key];
    return reason === undefined ? part : component(part.key, NEUTRAL_FIT, reason);
  });
  const total = components.reduce((sum, part) => sum + part.value * part.weight, 0);
  return { score: Math.min(100, Math.max(0, Math.round(total))), components };
};
