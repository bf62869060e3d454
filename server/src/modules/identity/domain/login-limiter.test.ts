import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from './login-limiter.ts';

describe('login limiter', () => {
  it('blocks a key after the maximum failures within the window and forgets them after it', () => {
    let now = 0;
    const limiter = createLoginLimiter({ maxFailures: 10, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 9; i += 1) {
      limiter.recordFailure(['ip:1']);
    }
    expect(limiter.isBlocked(['ip:1'])).toBe(false);
    limiter.recordFailure(['ip:1']);
    expect(limiter.isBlocked(['ip:1'])).toBe(true);
    expect(limiter.isBlocked(['ip:2'])).toBe(false);
    now = 60_001;
    expect(limiter.isBlocked(['ip:1'])).toBe(false);
  });

  it('blocks when any of the keys is blocked', () => {
    const limiter = createLoginLimiter({ maxFailures: 2, windowMs: 1000, now: () => 5 });
    limiter.recordFailure(['account:a', 'ip:1']);
    limiter.recordFailure(['account:a', 'ip:2']);
    expect(limiter.isBlocked(['account:a', 'ip:3'])).toBe(true);
    limiter.reset('account:a');
    expect(limiter.isBlocked(['account:a', 'ip:3'])).toBe(false);
  });

  it('holds a bounded number of keys', () => {
    const limiter = createLoginLimiter({ maxFailures: 1, windowMs: 1000, now: () => 5, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) {
      limiter.recordFailure([key]);
    }
    expect(limiter.isBlocked(['a'])).toBe(false);
    expect(limiter.isBlocked(['d'])).toBe(true);
  });
});
