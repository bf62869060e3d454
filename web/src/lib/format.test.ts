import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format.ts';

describe('format', () => {
  it('formats numbers by locale', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'zh-CN')).toBe('1,234,567.5');
    expect(formatNumber(12n, 'en')).toBe('12');
  });

  it('formats dates with the month named, so day and month cannot be confused', () => {
    expect(formatDate('2026-03-04T12:00:00Z', 'zh-CN')).toBe('2026年3月4日');
    expect(formatDate('2026-03-04T12:00:00Z', 'en')).toBe('Mar 4, 2026');
  });

  it('returns empty text for null and the raw text for garbage', () => {
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
