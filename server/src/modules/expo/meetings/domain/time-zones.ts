/**
 * Time-zone arithmetic on the platform's own IANA database (Intl): no zone rules are shipped or
 * guessed here, so a zone the runtime does not know is refused rather than treated as UTC.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat | undefined => {
  const known = formatters.get(timeZone);
  if (known !== undefined) {
    return known;
  }
  try {
    const made = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, made);
    return made;
  } catch {
    return undefined;
  }
};

/** True for an IANA zone name the runtime knows (`Asia/Shanghai`, `UTC`); false for offsets like `+08:00`. */
export const isTimeZone = (timeZone: string): boolean =>
  /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone) && formatterOf(timeZone) !== undefined;

/** The wall-clock date and time of `instant` in `timeZone`: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export const localDateTime = (instant: Date, timeZone: string): { date: string; time: string } => {
  const formatter = formatterOf(timeZone);
  if (formatter === undefined) {
    throw new RangeError(`unknown time zone ${timeZone}`);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
};
