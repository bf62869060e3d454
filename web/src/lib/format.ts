// Dates and numbers through Intl in the UI language. Formatters are cached because building an
// Intl formatter is far slower than using one, and tables format hundreds of cells per render.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
};

const toDate = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

// Month names rather than numbers: "11/12" means different days to American and European readers,
// and trade partners are both.
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};

const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

/** Date and time to the second in the viewer's time zone; '' for null, the raw text if unparsable. */
export const formatDateTime = (value: string | Date | null | undefined, locale: string): string => {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = toDate(value);
  return date ? dateTimeFormat(locale, DATE_TIME).format(date) : String(value);
};

/** Calendar date in the viewer's time zone; '' for null, the raw text if unparsable. */
export const formatDate = (value: string | Date | null | undefined, locale: string): string => {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = toDate(value);
  return date ? dateTimeFormat(locale, DATE).format(date) : String(value);
};

export const formatNumber = (
  value: number | bigint,
  locale: string,
  options: Intl.NumberFormatOptions = {},
): string => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format.format(value);
};
