import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types.ts';
import { isLocale } from '../i18n/locale.ts';
import { useChangeLanguage } from '../i18n/use-change-language.ts';

/** 中文 / English toggle; each language is named in itself so either reader finds theirs. */
export const LanguageSwitch = ({ compact = false }: { compact?: boolean }) => {
  const { i18n, t } = useTranslation();
  const changeLanguage = useChangeLanguage();
  const current: Locale = isLocale(i18n.language) ? i18n.language : 'en';
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={current}
      onChange={(value) => void changeLanguage(value)}
      options={[
        { value: 'zh-CN', label: <span data-testid="language-zh-CN">{compact ? '中' : '中文'}</span> },
        { value: 'en', label: <span data-testid="language-en">{compact ? 'EN' : 'English'}</span> },
      ]}
    />
  );
};
