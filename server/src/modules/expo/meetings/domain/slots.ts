import type { FieldError } from '@tradehub/kernel';
import { localDateTime } from './time-zones.ts';

/** A proposed or confirmed time: instants, stored and compared in UTC. */
export type Slot = { startsAt: Date; endsAt: Date };

/** The longest meeting the calendar books: longer ones are a day's visit, not a slot. */
export const maxSlotMs = 4 * 3_600_000;
export const maxSlots = 5;

/** An offline event's dates (inclusive, local calendar days) and the zone they are set in. */
export type EventWindow = { startsOn: string; endsOn: string; timeZone: string };

/**
 * The field errors of a proposal's slots, each under `slots.N.startsAt|endsAt`: not in the past,
 * end after start, at most four hours, and, for a booth appointment, within the event's days in
 * the event's own time zone (a Hangzhou expo day is not a UTC day).
 */
export const slotErrors = (
  slots: readonly Slot[],
  now: Date,
  event: EventWindow | undefined,
  prefix = 'slots',
): FieldError[] => {
  const errors: FieldError[] = [];
  slots.forEach((slot, index) => {
    const at = `${prefix}.${index}`;
    const start = slot.startsAt.getTime();
    const end = slot.endsAt.getTime();
    if (start <= now.getTime()) {
      errors.push({
        field: `${at}.startsAt`,
        code: 'expo.meeting_slot_in_past',
        message: 'the slot has begun or passed',
      });
    }
    if (end <= start) {
      errors.push({
        field: `${at}.endsAt`,
        code: 'expo.meeting_slot_end_before_start',
        message: 'the slot ends after it starts',
      });
    } else if (end - start > maxSlotMs) {
      errors.push({
        field: `${at}.endsAt`,
        code: 'expo.meeting_slot_too_long',
        message: 'a meeting lasts at most 4 hours',
      });
    }
    if (event !== undefined && end > start) {
      const first = localDateTime(slot.startsAt, event.timeZone).date;
      // The last minute inside the slot: a slot ending at midnight belongs to the day before.
      const last = localDateTime(new Date(end - 1), event.timeZone).date;
      if (first < event.startsOn || last > event.endsOn) {
        errors.push({
          field: `${at}.startsAt`,
          code: 'expo.meeting_slot_outside_event',
          message: `the event runs ${event.startsOn} to ${event.endsOn} (${event.timeZone})`,
        });
      }
    }
  });
  // Two proposed slots that overlap offer the same time twice.
  for (let i = 0; i < slots.length; i += 1) {
    for (let j = 0; j < i; j += 1) {
      const a = slots[i];
      const b = slots[j];
      if (a !== undefined && b !== undefined && overlaps(a, b)) {
        errors.push({
          field: `${prefix}.${i}.startsAt`,
          code: 'expo.meeting_slot_duplicate',
          message: `overlaps slot ${j + 1}`,
        });
      }
    }
  }
  return errors;
};

/** Half-open intervals: a meeting ending at 10:00 and one starting at 10:00 do not overlap. */
export const overlaps = (a: Slot, b: Slot): boolean =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
