import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatInZone,
  offsetMinutes,
  rfc3339InZone,
  weekOf,
  whenOf,
  zonedWallTimeToInstant,
} from './meetings-model.ts';

describe('meeting times across zones', () => {
  it('turns wall-clock time in a zone into the instant and back', () => {
    const instant = zonedWallTimeToInstant('2026-12-02T10:00', 'Asia/Kuala_Lumpur');
    expect(instant?.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(rfc3339InZone(instant as Date, 'Asia/Kuala_Lumpur')).toBe('2026-12-02T10:00:00+08:00');
    expect(rfc3339InZone(instant as Date, 'Europe/Berlin')).toBe('2026-12-02T03:00:00+01:00');
    expect(zonedWallTimeToInstant('2026-12-02 10:00', 'UTC')).toBeUndefined();
  });

  it('settles the offset across a daylight-saving change', () => {
    // Berlin moves to summer time at 02:00 on 29 March 2026.
    expect(zonedWallTimeToInstant('2026-03-29T12:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
    expect(offsetMinutes(new Date('2026-03-29T10:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(new Date('2026-03-28T10:00:00Z'), 'Europe/Berlin')).toBe(60);
  });

  it('labels a time with its offset', () => {
    expect(formatInZone('2026-12-02T02:00:00Z', 'Asia/Shanghai')).toBe('2026-12-02 10:00 (UTC+8)');
    expect(formatInZone('2026-12-02T02:00:00Z', 'Asia/Kolkata')).toBe('2026-12-02 07:30 (UTC+5.5)');
  });

  it('gives the Monday-to-Sunday week of a day', () => {
    expect(weekOf('2026-11-27')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekOf('2026-11-23')[0]).toBe('2026-11-23');
    expect(addDays('2026-11-30', 7)).toBe('2026-12-07');
  });

  it('places a meeting at its confirmed slot, else its first proposal', () => {
    const slots = [{ startsAt: 'a', endsAt: 'b' }];
    expect(whenOf({ startsAt: null, endsAt: null, slots })).toEqual({
      startsAt: 'a',
      endsAt: 'b',
      tentative: true,
    });
    expect(whenOf({ startsAt: 'c', endsAt: 'd', slots })).toEqual({
      startsAt: 'c',
      endsAt: 'd',
      tentative: false,
    });
  });
});
