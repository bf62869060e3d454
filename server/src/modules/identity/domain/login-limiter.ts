/**
 * Counts failed logins per key (an address or an account) in a sliding window. In memory on
 * purpose: it protects one process from guessing bursts; several nodes each enforce it, which
 * multiplies the bound by the node count, a trade-off written down in docs/security.md.
 */
export type LoginLimiter = {
  isBlocked(keys: readonly string[]): boolean;
  recordFailure(keys: readonly string[]): void;
  reset(key: string): void;
};

export const createLoginLimiter = (options: {
  maxFailures: number;
  windowMs: number;
  now: () => number;
  maxKeys?: number;
}): LoginLimiter => {
  const failures = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 100_000;
  const recent = (key: string): number[] => {
    const cutoff = options.now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) {
      failures.delete(key);
    } else {
      failures.set(key, kept);
    }
    return kept;
  };

  return {
    isBlocked: (keys) => keys.some((key) => recent(key).length >= options.maxFailures),
    recordFailure: (keys) => {
      for (const key of keys) {
        // Bound the memory an attacker can make us hold: forget the oldest key first.
        if (!failures.has(key) && failures.size >= maxKeys) {
          const oldest = failures.keys().next().value;
          if (oldest !== undefined) {
            failures.delete(oldest);
          }
        }
        failures.set(key, [...recent(key), options.now()]);
      }
    },
    reset: (key) => {
      failures.delete(key);
    },
  };
};
