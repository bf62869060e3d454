/**
 * iCalendar (RFC 5545) text for meetings: the hub has no e-mail or push service, so a party's
 * own calendar (Outlook, Google, Apple, DingTalk) does the reminding, through VALARMs. Times are
 * written in UTC (`…Z`) so no VTIMEZONE has to be shipped; the UID is the meeting's, so a
 * re-downloaded or re-fetched event updates the one already imported instead of duplicating it.
 */

const encoder = new TextEncoder();

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export const escapeText = (text: string): string =>
  text
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replaceAll(/\r\n|\r|\n/g, '\\n');

/** The inverse of escapeText, for tests and for anyone reading our output back. */
export const unescapeText = (text: string): string =>
  text.replaceAll(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/**
 * Folds one content line (RFC 5545 §3.1): no physical line longer than 75 octets, continuation
 * lines begin with one space, and a UTF-8 sequence (a Chinese character is three octets) is never
 * split, since some readers reject a broken one.
 */
export const foldLine = (line: string): string => {
  const pieces: string[] = [];
  let current = '';
  let currentOctets = 0;
  let limit = 75;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (currentOctets + octets > limit) {
      pieces.push(current);
      current = '';
      currentOctets = 0;
      // Continuation lines carry the leading space within their 75 octets.
      limit = 74;
    }
    current += char;
    currentOctets += octets;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
};

/** Unfolds a calendar's text back into logical lines (the reader's side of foldLine). */
export const unfold = (text: string): string[] => text.replaceAll(/\r\n[ \t]/g, '').split('\r\n');

/** A UTC DATE-TIME value, e.g. 20261128T020000Z. */
export const utcStamp = (instant: Date): string =>
  instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(/[-:]/g, '');

export type CalendarEvent = {
  uid: string;
  /** When this version of the event was written (the meeting's last change). */
  stamp: Date;
  /** Increases with each change, so calendars take the newer copy (RFC 5546 SEQUENCE). */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  summary: string;
  description: string;
  location?: string;
  url?: string;
  /** Minutes before the start; no alarms for a cancelled event. */
  alarmsMinutesBefore: readonly number[];
};

const triggerOf = (minutes: number): string =>
  minutes % 60 === 0 ? `-PT${minutes / 60}H` : `-PT${minutes}M`;

const eventLines = (event: CalendarEvent): string[] => [
  'BEGIN:VEVENT',
  `UID:${escapeText(event.uid)}`,
  `DTSTAMP:${utcStamp(event.stamp)}`,
  `SEQUENCE:${event.sequence}`,
  `DTSTART:${utcStamp(event.startsAt)}`,
  `DTEND:${utcStamp(event.endsAt)}`,
  `STATUS:${event.status}`,
  `SUMMARY:${escapeText(event.summary)}`,
  `DESCRIPTION:${escapeText(event.description)}`,
  ...(event.location === undefined ? [] : [`LOCATION:${escapeText(event.location)}`]),
  // URL is a URI value, not TEXT: it is not escaped (RFC 5545 §3.8.4.6).
  ...(event.url === undefined ? [] : [`URL:${event.url}`]),
  ...(event.status === 'CANCELLED'
    ? []
    : event.alarmsMinutesBefore.flatMap((minutes) => [
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(event.summary)}`,
        `TRIGGER:${triggerOf(minutes)}`,
        'END:VALARM',
      ])),
  'END:VEVENT',
];

/** A whole VCALENDAR, CRLF line ends, every line folded. */
export const buildCalendar = (name: string, events: readonly CalendarEvent[]): string =>
  `${[
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//tradehub//expo meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ]
    .map(foldLine)
    .join('\r\n')}\r\n`;
