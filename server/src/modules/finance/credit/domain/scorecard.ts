// The credit scorecard: published weights over facts the hub holds as verified records (orders
// walked through the trade lifecycle by both parties, escrow settlements posted in the ledger,
// financing repaid through the ledger, the organisation's registration date). Pure and integer
// only, so the same facts always give the same score on any machine, and a bank can recompute
// it from the facts in a signed snapshot. docs/credit-scores.md explains each factor.

/** Bumped whenever a weight, a step or a factor changes: a snapshot names the version it used. */
export const SCORECARD_VERSION = 'tradehub-scorecard/1';

/** Orders, escrows and financing older than this do not count. */
export const WINDOW_MONTHS = 12;

/** The facts a score is computed from; every count is a non-negative integer. */
export type CreditFacts = {
  /** When the facts were read (ISO 8601); the window ends here. */
  asOf: string;
  windowMonths: number;
  orders: {
    /** Orders the organisation sold or bought that reached `completed` within the window. */
    completed: number;
    /** Orders it sold or bought that were cancelled within the window (whoever cancelled). */
    cancelled: number;
    /** Distinct counterparty organisations of the completed ones. */
    counterparties: number;
  };
  settlements: {
    /** Escrows of its purchases released to the seller in full. */
    releasedAsBuyer: number;
    /** Escrows of its purchases or sales a mediator split between the parties. */
    split: number;
    /** Escrows of its sales refunded to the buyer. */
    refundedAsSeller: number;
  };
  tenure: {
    /** When the organisation was registered on the hub (ISO 8601). */
    registeredAt: string;
    /** Whole months from registration to `asOf`. */
    months: number;
  };
  financing: {
    /** Financing requests it asked for that the ledger shows repaid. */
    repaid: number;
    /** Disbursed ones whose tenor has run out without repayment. */
    overdue: number;
  };
  disputes: {
    /** False until a disputes module records outcomes: `lost` is then 0 and says so. */
    recorded: boolean;
    lost: number;
  };
};

export type FactorKey =
  | 'tradeVolume'
  | 'orderReliability'
  | 'counterparties'
  | 'settlement'
  | 'tenure'
  | 'financing'
  | 'disputes';

/** Why a factor gave its points: an i18n key (`credit.explain.<key>`) and the figures used. */
export type Explanation = { key: string; values: Record<string, number> };

export type FactorScore = {
  factor: FactorKey;
  points: number;
  min: number;
  max: number;
  explanation: Explanation;
};

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

export type CreditScore = {
  scorecardVersion: string;
  total: number;
  grade: Grade;
  factors: FactorScore[];
};

/** `[threshold, points]`, thresholds rising: a count earns the points of the highest threshold it reaches. */
type Steps = readonly (readonly [number, number])[];

const stepPoints = (steps: Steps, count: number): number => {
  let points = 0;
  for (const [threshold, value] of steps) {
    if (count >= threshold) {
      points = value;
    }
  }
  return points;
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Each factor's range, steps and penalties: what GET …/credit/scorecard publishes. */
export const scorecard = {
  version: SCORECARD_VERSION,
  windowMonths: WINDOW_MONTHS,
  total: { min: 0, max: 1000 },
  grades: [
    { grade: 'A', from: 800 },
    { grade: 'B', from: 650 },
    { grade: 'C', from: 500 },
    { grade: 'D', from: 300 },
    { grade: 'E', from: 0 },
  ] as const satisfies readonly { grade: Grade; from: number }[],
  factors: {
    tradeVolume: {
      min: 0,
      max: 250,
      steps: [
        [1, 40],
        [3, 90],
        [6, 140],
        [12, 190],
        [24, 230],
        [48, 250],
      ] as Steps,
    },
    // Share of concluded orders (completed + cancelled) that completed, times the maximum.
    orderReliability: { min: 0, max: 100 },
    counterparties: {
      min: 0,
      max: 100,
      steps: [
        [1, 30],
        [2, 55],
        [3, 70],
        [5, 85],
        [8, 100],
      ] as Steps,
    },
    settlement: {
      min: 0,
      max: 250,
      steps: [
        [1, 60],
        [3, 120],
        [6, 170],
        [12, 220],
        [24, 250],
      ] as Steps,
      penaltyPerSplit: 40,
      penaltyPerRefundAsSeller: 40,
    },
    tenure: {
      min: 0,
      max: 150,
      steps: [
        [3, 30],
        [6, 60],
        [12, 90],
        [24, 120],
        [36, 150],
      ] as Steps,
    },
    financing: {
      min: 0,
      max: 150,
      steps: [
        [1, 60],
        [2, 90],
        [4, 120],
        [8, 150],
      ] as Steps,
      penaltyPerOverdue: 75,
    },
    // A penalty only: nothing is earned by having no disputes, since that is also what no trade gives.
    disputes: { min: -200, max: 0, penaltyPerLost: 100 },
  },
} as const;

export const factorKeys: readonly FactorKey[] = [
  'tradeVolume',
  'orderReliability',
  'counterparties',
  'settlement',
  'tenure',
  'financing',
  'disputes',
];

const tradeVolume = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.tradeVolume;
  const points = stepPoints(spec.steps, facts.orders.completed);
  return {
    factor: 'tradeVolume',
    points,
    min: spec.min,
    max: spec.max,
    explanation: {
      key: 'tradeVolume',
      values: { completed: facts.orders.completed, months: facts.windowMonths, points, max: spec.max },
    },
  };
};

const orderReliability = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.orderReliability;
  const { completed, cancelled } = facts.orders;
  const concluded = completed + cancelled;
  // Floor, not round: the points never exceed the share actually earned.
  const points = concluded === 0 ? 0 : Math.floor((spec.max * completed) / concluded);
  return {
    factor: 'orderReliability',
    points,
    min: spec.min,
    max: spec.max,
    explanation: {
      key: concluded === 0 ? 'orderReliabilityNone' : 'orderReliability',
      values: { completed, cancelled, months: facts.windowMonths, points, max: spec.max },
    },
  };
};

const counterparties = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.counterparties;
  const points = stepPoints(spec.steps, facts.orders.counterparties);
  return {
    factor: 'counterparties',
    points,
    min: spec.min,
    max: spec.max,
    explanation: {
      key: 'counterparties',
      values: { counterparties: facts.orders.counterparties, points, max: spec.max },
    },
  };
};

const settlement = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.settlement;
  const { releasedAsBuyer, split, refundedAsSeller } = facts.settlements;
  const earned = stepPoints(spec.steps, releasedAsBuyer);
  const penalty = split * spec.penaltyPerSplit + refundedAsSeller * spec.penaltyPerRefundAsSeller;
  const points = clamp(earned - penalty, spec.min, spec.max);
  const none = releasedAsBuyer + split + refundedAsSeller === 0;
  return {
    factor: 'settlement',
    points,
    min: spec.min,
    max: spec.max,
    explanation: {
      key: none ? 'settlementNone' : 'settlement',
      values: {
        released: releasedAsBuyer,
        split,
        refunded: refundedAsSeller,
        penalty,
        points,
        max: spec.max,
      },
    },
  };
};

const tenure = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.tenure;
  const points = stepPoints(spec.steps, facts.tenure.months);
  return {
    factor: 'tenure',
    points,
    min: spec.min,
    max: spec.max,
    explanation: { key: 'tenure', values: { months: facts.tenure.months, points, max: spec.max } },
  };
};

const financing = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.financing;
  const { repaid, overdue } = facts.financing;
  const penalty = overdue * spec.penaltyPerOverdue;
  const points = clamp(stepPoints(spec.steps, repaid) - penalty, spec.min, spec.max);
  return {
    factor: 'financing',
    points,
    min: spec.min,
    max: spec.max,
    explanation: {
      key: repaid + overdue === 0 ? 'financingNone' : 'financing',
      values: { repaid, overdue, penalty, points, max: spec.max },
    },
  };
};

const disputes = (facts: CreditFacts): FactorScore => {
  const spec = scorecard.factors.disputes;
  // 0 minus the penalty, not its negation: -0 is a different number to a JSON reader.
  const points = clamp(0 - facts.disputes.lost * spec.penaltyPerLost, spec.min, spec.max);
  return {
    factor: 'disputes',
    points,
    min: spec.min,
    max: spec.max,
    explanation: {
      key: facts.disputes.recorded ? 'disputes' : 'disputesNotRecorded',
      values: { lost: facts.disputes.lost, points, min: spec.min },
    },
  };
};

export const gradeOf = (total: number): Grade => {
  for (const { grade, from } of scorecard.grades) {
    if (total >= from) {
      return grade;
    }
  }
  return 'E';
};

const isCount = (value: number) => Number.isSafeInteger(value) && value >= 0;

/** Throws on a fact that is not a non-negative integer: a score from bad facts would still look valid. */
export const checkFacts = (facts: CreditFacts): void => {
  const counts = {
    windowMonths: facts.windowMonths,
    'orders.completed': facts.orders.completed,
    'orders.cancelled': facts.orders.cancelled,
    'orders.counterparties': facts.orders.counterparties,
    'settlements.releasedAsBuyer': facts.settlements.releasedAsBuyer,
    'settlements.split': facts.settlements.split,
    'settlements.refundedAsSeller': facts.settlements.refundedAsSeller,
    'tenure.months': facts.tenure.months,
    'financing.repaid': facts.financing.repaid,
    'financing.overdue': facts.financing.overdue,
    'disputes.lost': facts.disputes.lost,
  };
  for (const [name, value] of Object.entries(counts)) {
    if (!isCount(value)) {
      throw new RangeError(`credit fact ${name} must be a non-negative integer, got ${value}`);
    }
  }
};

/** The score of a set of facts: every factor's points within its range, explained, and their clamped sum. */
export const scoreCredit = (facts: CreditFacts): CreditScore => {
  checkFacts(facts);
  const factors = [
    tradeVolume(facts),
    orderReliability(facts),
    counterparties(facts),
    settlement(facts),
    tenure(facts),
    financing(facts),
    disputes(facts),
  ];
  const sum = factors.reduce((total, factor) => total + factor.points, 0);
  const total = clamp(sum, scorecard.total.min, scorecard.total.max);
  return { scorecardVersion: SCORECARD_VERSION, total, grade: gradeOf(total), factors };
};

/** Whole calendar months from `from` to `to` (0 when `to` is earlier): the tenure fact. */
export const wholeMonthsBetween = (from: Date, to: Date): number => {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const dayTime = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (dayTime(to) < dayTime(from)) {
    months -= 1;
  }
  return Math.max(0, months);
};
