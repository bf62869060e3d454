import { LOCALES, type Locale } from '../api/types.ts';
import { readStored, STORAGE_KEYS, writeStored } from '../lib/storage.ts';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The first browser language tradehub speaks: any Chinese variant maps to zh-CN (the only Chinese
 * translation), any English variant to en; with neither, English.
 */
export const localeFromLanguages = (languages: readonly string[]): Locale => {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) {
      return 'zh-CN';
    }
    if (lower.startsWith('en')) {
      return 'en';
    }
  }
  return 'en';
};

/** Before the server tells us the saved locale: the last choice on this browser, else the browser's. */
export const initialLocale = (): Locale => {
  const stored = readStored(STORAGE_KEYS.locale);
  if (isLocale(stored)) {
    return stored;
  }
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return localeFromLanguages(languages);
};

export const rememberLocale = (locale: Locale): void => writeStored(STORAGE_KEYS.locale, locale);
