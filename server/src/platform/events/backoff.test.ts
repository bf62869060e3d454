import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

const policy = { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 10 };

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the ceiling', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, policy, noJitter))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('adds up to a fifth on top as jitter', () => {
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(110);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(480);
    expect(backoffDelayMs(9, policy, () => 0.999)).toBe(1_200);
  });
});
