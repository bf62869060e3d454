import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  type CalendarEvent,
  escapeText,
  foldLine,
  unescapeText,
  unfold,
  utcStamp,
} from './icalendar.ts';

const encoder = new TextEncoder();

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'emt_01JD5Z3K8Q6V2W9XKM4T7B1N0C@tradehub',
  stamp: new Date('2026-11-20T08:00:00Z'),
  sequence: 3,
  startsAt: new Date('2026-12-02T02:00:00Z'),
  endsAt: new Date('2026-12-02T03:00:00Z'),
  status: 'CONFIRMED',
  summary: 'Meeting with Ningbo Mingliang Lighting / 与宁波明亮照明会谈',
  description: 'LED panels, CE; price, MOQ\nsecond line; with \\ backslash',
  location: 'Booth A-12, Global Digital Trade Expo, Hangzhou',
  alarmsMinutesBefore: [24 * 60, 15],
  ...overrides,
});

describe('iCalendar text', () => {
  it('escapes TEXT so that unescaping gives the text back, with no bare separators or newlines', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const escaped = escapeText(text);
        expect(escaped).not.toMatch(/[\r\n]/);
        // Every `;` and `,` is preceded by an odd run of backslashes.
        expect(escaped.replaceAll(/\\[\\;,n]/g, '')).not.toMatch(/[;,\\]/);
        expect(unescapeText(escaped)).toBe(text.replaceAll(/\r\n|\r/g, '\n'));
      }),
    );
  });

  it('folds lines to at most 75 octets without splitting a character, and unfolds them back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`;
        const folded = foldLine(line);
        for (const physical of folded.split('\r\n')) {
          expect(encoder.encode(physical).length).toBeLessThanOrEqual(75);
          // A lone surrogate or a broken UTF-8 sequence would not survive a round trip.
          expect(new TextDecoder('utf-8', { fatal: true }).decode(encoder.encode(physical))).toBe(physical);
        }
        expect(unfold(folded)).toEqual([line]);
      }),
    );
  });

  it('writes UTC stamps without separators', () => {
    expect(utcStamp(new Date('2026-12-02T02:00:00.123Z'))).toBe('20261202T020000Z');
  });

  it('is read by ical.js with the same event, times in UTC and both reminders', () => {
    const text = buildCalendar('tradehub expo meetings', [
      event(),
      event({ uid: 'other@tradehub', status: 'CANCELLED' }),
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => encoder.encode(l).length <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const [first, second] = calendar.getAllSubcomponents('vevent');
    if (first === undefined || second === undefined) {
      throw new Error('two events expected');
    }
    const parsed = new ICAL.Event(first);
    expect(parsed.uid).toBe('emt_01JD5Z3K8Q6V2W9XKM4T7B1N0C@tradehub');
    expect(parsed.summary).toBe('Meeting with Ningbo Mingliang Lighting / 与宁波明亮照明会谈');
    expect(parsed.description).toBe('LED panels, CE; price, MOQ\nsecond line; with \\ backslash');
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(parsed.startDate.zone?.tzid).toBe('UTC');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-12-02T03:00:00.000Z');
    expect(first.getFirstPropertyValue('sequence')).toBe(3);
    const triggers = first.getAllSubcomponents('valarm').map((alarm) => {
      const trigger = alarm.getFirstPropertyValue('trigger');
      return trigger instanceof ICAL.Duration ? trigger.toSeconds() : trigger;
    });
    expect(triggers).toEqual([-24 * 3600, -15 * 60]);
    // A cancelled event carries no alarms.
    expect(second.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(second.getAllSubcomponents('valarm')).toEqual([]);
  });

  it('keeps any summary and description intact through ical.js', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        (summary, description) => {
          const text = buildCalendar('x', [event({ summary, description })]);
          const parsed = new ICAL.Event(
            new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') ?? undefined,
          );
          expect(parsed.summary).toBe(summary.replaceAll(/\r\n|\r/g, '\n'));
          expect(parsed.description).toBe(description.replaceAll(/\r\n|\r/g, '\n'));
        },
      ),
      { numRuns: 100, seed: 20261127 },
    );
  });
});
