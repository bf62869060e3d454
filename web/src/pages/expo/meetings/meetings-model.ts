// Pure helpers of the meeting pages: time zones on the browser's own IANA database (Intl), so a
// slot typed as wall-clock time in any zone becomes one instant, and every instant is shown in
// the viewer's zone with the other party's local time beside it.

/** The viewer's IANA zone, as the browser reports it. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every IANA zone the browser knows (a short list on old browsers). */
export const timeZoneOptions = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported === undefined ? [] : supported('timeZone');
  const common = [
    'UTC',
    'Asia/Shanghai',
    'Asia/Kuala_Lumpur',
    'Asia/Singapore',
    'Europe/Berlin',
    'America/New_York',
  ];
  return [...new Set([...common, ...zones])];
};

const partsIn = (instant: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
};

/** Minutes the zone is ahead of UTC at `instant` (+480 for Asia/Shanghai). */
export const offsetMinutes = (instant: Date, timeZone: string): number => {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:mm`) names in `timeZone`. Two passes settle the
 * offset across a daylight-saving change; a time skipped by the change moves forward by its gap.
 */
export const zonedWallTimeToInstant = (wall: string, timeZone: string): Date | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (match === null) {
    return undefined;
  }
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 with the zone's offset at that instant, e.g. 2026-12-02T10:00:00+08:00 (what the API takes). */
export const rfc3339InZone = (instant: Date, timeZone: string): string => {
  const p = partsIn(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

/** `YYYY-MM-DD` of an instant in a zone. */
export const dayIn = (iso: string, timeZone: string): string => {
  const p = partsIn(new Date(iso), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

/** `HH:mm` of an instant in a zone. */
export const timeIn = (iso: string, timeZone: string): string => {
  const p = partsIn(new Date(iso), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

/** "12-02 10:00" with the zone's UTC offset, e.g. "2026-12-02 10:00 (UTC+8)". */
export const formatInZone = (iso: string, timeZone: string): string => {
  const offset = offsetMinutes(new Date(iso), timeZone);
  const hours = offset / 60;
  const label =
    offset === 0 ? 'UTC' : `UTC${hours > 0 ? '+' : ''}${Number.isInteger(hours) ? hours : hours.toFixed(1)}`;
  return `${dayIn(iso, timeZone)} ${timeIn(iso, timeZone)} (${label})`;
};

/** The Monday-to-Sunday days (`YYYY-MM-DD`) of the week holding `day`. */
export const weekOf = (day: string): string[] => {
  const at = new Date(`${day}T00:00:00Z`);
  const monday = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86_400_000);
  return Array.from({ length: 7 }, (_, i) =>
    new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10),
  );
};

/** `day` moved by whole days. */
export const addDays = (day: string, days: number): string =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** When a meeting happens for the calendar: its confirmed slot, else its first proposed one. */
export const whenOf = (meeting: {
  startsAt: string | null;
  endsAt: string | null;
  slots: { startsAt: string; endsAt: string }[];
}) =>
  meeting.startsAt !== null && meeting.endsAt !== null
    ? { startsAt: meeting.startsAt, endsAt: meeting.endsAt, tentative: false }
    : meeting.slots[0] === undefined
      ? undefined
      : { ...meeting.slots[0], tentative: true };

const STATUS_COLOURS: Record<string, string> = {
  requested: 'gold',
  confirmed: 'green',
  held: 'blue',
  declined: 'default',
  cancelled: 'red',
};

/** The tag colour of a meeting status. */
export const statusColour = (status: string): string => STATUS_COLOURS[status] ?? 'default';

export const MEETING_LANGUAGES = ['en', 'zh-CN', 'ms', 'ar', 'es', 'fr', 'de', 'ru', 'ja', 'ko'] as const;
export const DURATIONS_MINUTES = [30, 45, 60, 90, 120, 180, 240] as const;
