import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { initialLocale } from './locale.ts';
import zhCN from './zh-CN.json';

const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

// Imported once by main.tsx for this side effect. Resources are bundled, so initialisation is
// synchronous and the first render is already translated.
void i18next.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: ['zh-CN', 'en'],
  load: 'currentOnly',
  initAsync: false,
  returnNull: false,
  // React escapes output itself; escaping here would double-escape.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});
