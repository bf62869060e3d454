import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, effectiveStatus, remindersDue } from './meeting-state.ts';
import { overlaps, slotErrors } from './slots.ts';
import { isTimeZone, localDateTime } from './time-zones.ts';

const now = new Date('2026-11-27T10:00:00Z');
const slot = (startsAt: string, endsAt: string) => ({
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
});
const codes = (errors: { field: string; code: string }[]) => errors.map((e) => [e.field, e.code]);
// The Global Digital Trade Expo in Hangzhou: local days, in China's zone.
const expo = { startsOn: '2026-12-01', endsOn: '2026-12-03', timeZone: 'Asia/Shanghai' };

describe('meeting slots', () => {
  it('accepts future slots up to four hours', () => {
    expect(slotErrors([slot('2026-12-01T01:00:00Z', '2026-12-01T05:00:00Z')], now, undefined)).toEqual([]);
  });

  it('refuses a slot in the past, one that ends before it starts, one over four hours', () => {
    expect(
      codes(
        slotErrors(
          [
            slot('2026-11-27T09:00:00Z', '2026-11-27T09:30:00Z'),
            slot('2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z'),
            slot('2026-12-01T10:00:00Z', '2026-12-01T14:00:01Z'),
          ],
          now,
          undefined,
        ),
      ),
    ).toEqual([
      ['slots.0.startsAt', 'expo.meeting_slot_in_past'],
      ['slots.1.endsAt', 'expo.meeting_slot_end_before_start'],
      ['slots.2.endsAt', 'expo.meeting_slot_too_long'],
    ]);
    // The same hour offered twice.
    expect(
      codes(
        slotErrors(
          [
            slot('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'),
            slot('2026-12-01T10:30:00Z', '2026-12-01T11:30:00Z'),
          ],
          now,
          undefined,
        ),
      ),
    ).toEqual([['slots.1.startsAt', 'expo.meeting_slot_duplicate']]);
  });

  it("judges a booth slot by the event's own days: 23:30 UTC on 30 Nov is 1 Dec in Hangzhou", () => {
    expect(slotErrors([slot('2026-11-30T23:30:00Z', '2026-12-01T00:30:00Z')], now, expo)).toEqual([]);
    // 3 Dec 17:00 in Hangzhou is still inside; 3 Dec 16:30 UTC is 4 Dec 00:30 there.
    expect(slotErrors([slot('2026-12-03T08:00:00Z', '2026-12-03T09:00:00Z')], now, expo)).toEqual([]);
    expect(codes(slotErrors([slot('2026-12-03T15:30:00Z', '2026-12-03T16:30:00Z')], now, expo))).toEqual([
      ['slots.0.startsAt', 'expo.meeting_slot_outside_event'],
    ]);
    expect(codes(slotErrors([slot('2026-11-30T15:00:00Z', '2026-11-30T15:30:00Z')], now, expo))).toEqual([
      ['slots.0.startsAt', 'expo.meeting_slot_outside_event'],
    ]);
    // Ending exactly at local midnight after the last day belongs to the last day.
    expect(slotErrors([slot('2026-12-03T15:00:00Z', '2026-12-03T16:00:00Z')], now, expo)).toEqual([]);
  });

  it('treats slots as half-open intervals, symmetric', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 240 }),
        (a, al, b, bl) => {
          const base = now.getTime();
          const x = { startsAt: new Date(base + a * 60_000), endsAt: new Date(base + (a + al) * 60_000) };
          const y = { startsAt: new Date(base + b * 60_000), endsAt: new Date(base + (b + bl) * 60_000) };
          expect(overlaps(x, y)).toBe(overlaps(y, x));
          expect(overlaps(x, y)).toBe(a < b + bl && b < a + al);
        },
      ),
      { seed: 11 },
    );
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses offsets and made-up names', () => {
    expect(isTimeZone('Asia/Kuala_Lumpur')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('+08:00')).toBe(false);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('gives the local wall-clock time', () => {
    expect(localDateTime(new Date('2026-12-01T01:30:00Z'), 'Asia/Kuala_Lumpur')).toEqual({
      date: '2026-12-01',
      time: '09:30',
    });
    expect(localDateTime(new Date('2026-12-01T01:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-12-01',
      time: '02:30',
    });
  });
});

describe('meeting states', () => {
  const requested = { status: 'requested' as const, endsAt: null, proposedByOrganisationId: 'org_a' };
  it('lets the side that did not propose confirm or decline, and the proposer only withdraw or re-propose', () => {
    expect(allowedActions(requested, 'org_b', now)).toEqual(['confirm', 'decline', 'reschedule']);
    expect(allowedActions(requested, 'org_a', now)).toEqual(['cancel', 'reschedule']);
  });

  it('is held once a confirmed slot has ended, and then allows nothing', () => {
    const confirmed = {
      status: 'confirmed' as const,
      endsAt: new Date('2026-11-27T09:59:59Z'),
      proposedByOrganisationId: 'org_a',
    };
    expect(effectiveStatus(confirmed, now)).toBe('held');
    expect(allowedActions(confirmed, 'org_a', now)).toEqual([]);
    expect(effectiveStatus({ ...confirmed, endsAt: new Date('2026-11-27T11:00:00Z') }, now)).toBe(
      'confirmed',
    );
    expect(
      allowedActions({ status: 'declined', endsAt: null, proposedByOrganisationId: 'org_a' }, 'org_b', now),
    ).toEqual([]);
  });

  it('flags reminders a day and a quarter hour ahead, never after the start', () => {
    expect(remindersDue(new Date('2026-11-28T10:00:01Z'), now)).toEqual({
      dayBefore: false,
      quarterHour: false,
    });
    expect(remindersDue(new Date('2026-11-28T10:00:00Z'), now)).toEqual({
      dayBefore: true,
      quarterHour: false,
    });
    expect(remindersDue(new Date('2026-11-27T10:15:00Z'), now)).toEqual({
      dayBefore: true,
      quarterHour: true,
    });
    expect(remindersDue(now, now)).toEqual({ dayBefore: false, quarterHour: false });
  });
});
