import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../api/codes.ts';

type CountryOption = { value: string; label: string; search: string };

type CountrySelectProps = {
  value?: string | null;
  onChange?: (value: string) => void;
  disabled?: boolean;
  testId: string;
  id?: string;
};

/** ISO 3166 countries named in the UI language, searchable by either name or by code. */
export const CountrySelect = ({ value, onChange, disabled, testId, id }: CountrySelectProps) => {
  const { t, i18n } = useTranslation();
  const countries = useCountries();
  const zh = i18n.language === 'zh-CN';

  const options = useMemo<CountryOption[]>(() => {
    const collator = new Intl.Collator(i18n.language);
    return (countries.data?.items ?? [])
      .map((country) => ({
        value: country.alpha2,
        label: `${zh ? country.nameZh : country.nameEn} (${country.alpha2})`,
        search: `${country.nameZh} ${country.nameEn} ${country.alpha2} ${country.alpha3}`.toLowerCase(),
      }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countries.data, zh, i18n.language]);

  return (
    <Select<string, CountryOption>
      {...(id ? { id } : {})}
      data-testid={testId}
      value={value ?? null}
      onChange={(next) => onChange?.(next)}
      {...(disabled === undefined ? {} : { disabled })}
      loading={countries.isPending}
      status={countries.isError ? 'error' : ''}
      placeholder={countries.isError ? t('codes.countriesFailed') : t('placeholders.country')}
      options={options}
      showSearch={{
        filterOption: (input, option) =>
          option ? option.search.includes(input.trim().toLowerCase()) : false,
      }}
      popupMatchSelectWidth={false}
    />
  );
};
