import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format.ts';

describe('format', () => {
  it('formats numbers by locale', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'zh-CN')).toBe('1,234,567.5');
    expect(formatNumber(12n, 'en')).toBe('12');
  });

  it('formats a date with the year first in Chinese', () => {
    const text = formatDate('2026-03-04T12:00:00Z', 'zh-CN');
    expect(text.startsWith('2026')).toBe(true);
  });

  it('returns empty text for null and the raw text for garbage', () => {
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
