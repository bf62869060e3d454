import { describe, expect, it } from 'vitest';
import { decimalText, pick, priceText, splitList, timeInZone } from './catalogue-model.ts';

describe('catalogue model', () => {
  it('picks the UI language and falls back to the other', () => {
    expect(pick('zh-CN', '灯', 'Lamp')).toBe('灯');
    expect(pick('en', '灯', 'Lamp')).toBe('Lamp');
    expect(pick('en', '灯', '')).toBe('灯');
  });

  it('formats money from decimal strings exactly', () => {
    expect(decimalText('12345678901234567.89', 'en')).toBe('12,345,678,901,234,567.89');
    expect(priceText({ currency: 'USD', min: '8.50', max: '11.00' }, 'en')).toBe('USD 8.50 – 11.00');
    expect(priceText({ currency: 'JPY', min: '120', max: '120' }, 'zh-CN')).toBe('JPY 120');
  });

  it('shows a session in the event zone and another', () => {
    expect(timeInZone('2026-12-18T01:30:00.000Z', 'en', 'Asia/Shanghai')).toContain('09:30');
    expect(timeInZone('2026-12-18T01:30:00.000Z', 'en', 'Asia/Kuala_Lumpur')).toContain('09:30');
    expect(timeInZone('2026-12-18T01:30:00.000Z', 'en', 'Europe/Berlin')).toContain('02:30');
  });

  it('splits lists written with commas or spaces', () => {
    expect(splitList('DE, MY，TH  US')).toEqual(['DE', 'MY', 'TH', 'US']);
    expect(splitList(undefined)).toEqual([]);
  });
});
