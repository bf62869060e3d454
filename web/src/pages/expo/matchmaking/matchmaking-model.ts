import type { EChartsOption } from 'echarts';
import type { MatchComponent, RequirementInput, TrendSeries } from '../../../api/expo-matchmaking.ts';

// Pure helpers of the matchmaking pages: the post form's values into the API's input, the score
// explanation's parameters into readable text parameters, and the trend charts' options.

/** Common UN/ECE Recommendation 20 units a buyer orders in (the server accepts any valid code). */
export const COMMON_UNITS = ['H87', 'SET', 'PR', 'DZN', 'KGM', 'TNE', 'MTR', 'MTK', 'LTR'] as const;
/** Currencies the form offers first; any ISO 4217 code may be typed. */
export const COMMON_CURRENCIES = [
  'CNY',
  'USD',
  'EUR',
  'MYR',
  'SGD',
  'HKD',
  'JPY',
  'GBP',
  'THB',
  'IDR',
  'VND',
  'AED',
];
/** Certification schemes buyers ask for most; others may be typed. */
export const COMMON_CERTIFICATIONS = [
  'CE',
  'RoHS',
  'FCC',
  'CCC',
  'UL',
  'ISO 9001',
  'REACH',
  'GS',
  'SIRIM',
  'SASO',
];

export type RequirementFormValues = {
  title: string;
  description?: string;
  hsCode?: string;
  quantity: string;
  unit: string;
  targetAmount?: string;
  targetCurrency?: string;
  destinationCountry?: string;
  destinationUnlocode?: string;
  certifications?: string[];
  /** YYYY-MM-DD */
  deadline: string;
};

const trimmed = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
};

/** The form's values as the API's input: empty optional fields are left out, never sent as ''. */
export const requirementInput = (values: RequirementFormValues): RequirementInput => {
  const amount = trimmed(values.targetAmount);
  const hsCode = trimmed(values.hsCode);
  const description = trimmed(values.description);
  const unlocode = trimmed(values.destinationUnlocode);
  const country = trimmed(values.destinationCountry);
  return {
    title: values.title.trim(),
    ...(description === undefined ? {} : { description }),
    ...(hsCode === undefined ? {} : { hsCode: hsCode.replace(/[\s.]/g, '') }),
    quantity: values.quantity.trim(),
    unit: values.unit,
    ...(amount === undefined ? {} : { targetPrice: { amount, currency: values.targetCurrency ?? '' } }),
    ...(country === undefined ? {} : { destinationCountry: country }),
    ...(unlocode === undefined ? {} : { destinationUnlocode: unlocode }),
    certifications: values.certifications ?? [],
    deadline: values.deadline,
  };
};

/** Decimal places of a currency (JPY 0, USD 2, KWD 3), from Intl; 2 when it does not know it. */
export const currencyDigits = (currency: string): number => {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
};

/** Minor units (a decimal string of an integer) as a major-unit decimal string, exactly. */
export const minorToDecimal = (minor: string, currency: string): string => {
  const digits = currencyDigits(currency);
  const negative = minor.startsWith('-');
  const body = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const whole = body.slice(0, body.length - digits);
  const fraction = body.slice(body.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
};

/**
 * The parameters of a component's reason as the translation reads them: prices in minor units
 * become amounts with their currency, the rest pass through.
 */
export const reasonParams = (component: MatchComponent): Record<string, string | number> => {
  const params = { ...component.params };
  const currency = typeof params.currency === 'string' ? params.currency : undefined;
  if (currency !== undefined) {
    for (const key of ['target', 'min', 'max'] as const) {
      const value = params[key];
      if (typeof value === 'string' && /^-?\d+$/.test(value)) {
        params[key] = `${minorToDecimal(value, currency)} ${currency}`;
      }
    }
  }
  return params;
};

/** Colour of a score: a strong match green, a fair one blue, a weak one grey. */
export const scoreColour = (score: number): string =>
  score >= 75 ? 'green' : score >= 55 ? 'blue' : 'default';

/** Colour of a component's fit in the breakdown. */
export const fitColour = (value: number): string => (value >= 0.8 ? 'green' : value >= 0.45 ? 'gold' : 'red');

/** Today as YYYY-MM-DD in the browser's zone: the earliest deadline the form allows. */
export const localToday = (now: Date): string => {
  const offsetMs = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offsetMs).toISOString().slice(0, 10);
};

/** The month `count` months before `month` (YYYY-MM). */
export const monthsBefore = (month: string, count: number): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 - count, 1));
  return date.toISOString().slice(0, 7);
};

export type TrendTexts = {
  seriesName: (key: string) => string;
  month: (month: string) => string;
  axis: string;
};

/** One line per top category over the months. */
export const trendLineOption = (
  months: readonly string[],
  series: readonly TrendSeries[],
  texts: TrendTexts,
): EChartsOption => ({
  tooltip: { trigger: 'axis' },
  legend: { type: 'scroll', top: 0 },
  grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
  xAxis: { type: 'category', data: months.map(texts.month) },
  yAxis: { type: 'value', name: texts.axis, minInterval: 1 },
  series: series.map((s) => ({ type: 'line', name: texts.seriesName(s.key), data: s.counts, smooth: true })),
});

/** One bar per category: its total over the period. */
export const trendBarOption = (series: readonly TrendSeries[], texts: TrendTexts): EChartsOption => {
  const sorted = [...series].sort((a, b) => a.total - b.total);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((s) => texts.seriesName(s.key)) },
    series: [{ type: 'bar', name: texts.axis, data: sorted.map((s) => s.total) }],
  };
};

/** RFC 3339 with the browser's own offset (2026-11-27T10:00:00+08:00), as the meetings API takes it. */
export const withOffset = (date: Date): string => {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
};
