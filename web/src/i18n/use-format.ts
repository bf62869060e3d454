import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../lib/format.ts';

/** Formatters bound to the current UI language, re-created when the language changes. */
export const useFormat = () => {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      dateTime: (value: string | Date | null | undefined) => formatDateTime(value, locale),
      date: (value: string | Date | null | undefined) => formatDate(value, locale),
      number: (value: number | bigint, options?: Intl.NumberFormatOptions) =>
        formatNumber(value, locale, options),
    }),
    [locale],
  );
};
