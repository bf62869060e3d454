import { countryByAlpha2 } from '@tradehub/kernel';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakdownDimension } from '../../api/stats.ts';
import { usdFromMinor } from '../../pages/stats/stats-model.ts';
import { formatAmount } from '../documents/decimal-format.ts';

const compactFormats = new Map<string, Intl.NumberFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

// Intl formats a numeric string digit for digit, so the amount never passes through a float.
const asNumeric = (text: string): `${number}` => text as `${number}`;

/** `US$63.5B` / `US$634.6亿`: the size of a figure at a glance; the exact amount is beside it. */
export const formatUsdCompact = (usdMinor: string, locale: string): string => {
  let format = compactFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'USD',
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    compactFormats.set(locale, format);
  }
  return format.format(asNumeric(usdFromMinor(usdMinor)));
};

/** A month's short name in the UI language (`Nov`, `11月`). */
export const formatMonth = (month: number, locale: string): string => {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(2000, month - 1, 1)));
};

/** Names of the statistics' codes (modes, cities, partners, EBOPS …) and amounts, in the UI language. */
export const useStatsLabels = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    // A code a newer server sends before the web app knows it is shown as the code itself.
    const known = (key: string, code: string) => (i18n.exists(key) ? t(key) : code);
    const partner = (alpha2: string) => {
      const country = countryByAlpha2(alpha2);
      return country ? (locale === 'zh-CN' ? country.nameZh : country.nameEn) : alpha2;
    };
    const hsChapter = (code: string) =>
      i18n.exists(`stats.hsChapters.${code}`)
        ? t('stats.hsChapterNamed', { code, name: t(`stats.hsChapters.${code}`) })
        : t('stats.hsChapter', { code });
    const byDimension: Record<BreakdownDimension, (key: string) => string> = {
      mode: (code) => known(`stats.modes.${code}`, code),
      partner,
      hs_chapter: hsChapter,
      ebops: (code) => known(`stats.ebops.${code}`, code),
      content_type: (key) => known(`stats.contentTypes.${key}`, key),
      city: (code) => known(`stats.cities.${code}`, code),
    };
    // One formatter per language for every row of a table.
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const growthFormat = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    return {
      mode: byDimension.mode,
      partner,
      key: (dimension: BreakdownDimension, key: string) => byDimension[dimension](key),
      /** For a chart axis: modes and EBOPS categories by code (the table beside names them). */
      axisKey: (dimension: BreakdownDimension, key: string) =>
        dimension === 'mode' || dimension === 'ebops' ? key : byDimension[dimension](key),
      /** The exact amount: `US$1,234,567.89`. */
      amount: (usdMinor: string) => formatAmount(usdFromMinor(usdMinor), 'USD', locale),
      compact: (usdMinor: string) => formatUsdCompact(usdMinor, locale),
      percent: (ratio: number) => percentFormat.format(ratio),
      /** Growth with its sign: `+17.3%`, `-2%`. */
      growth: (ratio: number) => growthFormat.format(ratio),
      month: (month: number) => formatMonth(month, locale),
    };
  }, [t, i18n, locale]);
};

export type StatsLabels = ReturnType<typeof useStatsLabels>;
