import { describe, expect, it } from 'vitest';
import { quotaYearOf } from './deps.ts';

describe('quotaYearOf', () => {
  it('counts in China Standard Time', () => {
    expect(quotaYearOf(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(quotaYearOf(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(quotaYearOf(new Date('2027-01-01T00:00:00Z'))).toBe(2027);
  });
});
