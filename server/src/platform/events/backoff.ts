export type RetryPolicy = {
  /** Delay before the second attempt; each later one doubles it. */
  baseDelayMs: number;
  /** Ceiling of the doubling. */
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last failure the event is marked dead. */
  maxAttempts: number;
};

// Events that failed together (a consumer's database was down) should not all retry in the same
// instant, so each delay gets up to this share on top.
const JITTER_RATIO = 0.2;

/**
 * How long to wait after failed attempt number `attempt` (1-based): `baseDelayMs * 2^(attempt-1)`
 * capped at `maxDelayMs`, plus up to 20 % jitter drawn from `random` (in [0, 1)).
 */
export const backoffDelayMs = (attempt: number, policy: RetryPolicy, random: () => number): number => {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 + JITTER_RATIO * random()));
};
