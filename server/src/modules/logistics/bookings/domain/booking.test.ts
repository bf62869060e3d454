import { describe, expect, it } from 'vitest';
import { bookingStatuses, isCalendarDate, stepOutcome } from './booking.ts';

describe('booking steps', () => {
  it('allows exactly: the forwarder confirming or declining, the shipper cancelling, a requested booking', () => {
    const allowed: string[] = [];
    for (const step of ['confirm', 'decline', 'cancel'] as const) {
      for (const role of ['shipper', 'forwarder'] as const) {
        for (const status of bookingStatuses) {
          const outcome = stepOutcome(step, role, status);
          if (outcome.ok) {
            allowed.push(`${role} ${step} ${status} -> ${outcome.to}`);
          }
        }
      }
    }
    expect(allowed).toEqual([
      'forwarder confirm requested -> confirmed',
      'forwarder decline requested -> declined',
      'shipper cancel requested -> cancelled',
    ]);
  });

  it('names the wrong party before the wrong state: the shipper confirming a confirmed booking', () => {
    expect(stepOutcome('confirm', 'shipper', 'confirmed')).toEqual({ ok: false, refusal: 'wrong_party' });
    expect(stepOutcome('confirm', 'forwarder', 'confirmed')).toEqual({ ok: false, refusal: 'wrong_state' });
  });
});

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    for (const day of ['2027-03-01', '2028-02-29', '2027-12-31']) {
      expect(isCalendarDate(day), day).toBe(true);
    }
    for (const day of [
      '2027-02-29',
      '2027-02-30',
      '2027-13-01',
      '2027-00-10',
      '2027-3-1',
      '2027-03-01T00:00Z',
      '',
    ]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });
});
