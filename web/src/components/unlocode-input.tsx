import { AutoComplete } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnLocodeSearch } from '../api/codes.ts';
import { useDebounced } from '../lib/use-debounced.ts';

type UnLocodeInputProps = {
  value?: string;
  onChange?: (value: string) => void;
  country: string | null;
  disabled?: boolean;
  testId: string;
  id?: string;
};

/** UN/LOCODE entry with suggestions from the server's code list, by code or by place name. */
export const UnLocodeInput = ({ value, onChange, country, disabled, testId, id }: UnLocodeInputProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const suggestions = useUnLocodeSearch(settled, country);

  const options = useMemo(
    () =>
      (suggestions.data?.items ?? []).map((item) => ({
        value: item.code,
        label: (
          <span className="unlocode-option">
            <span className="mono">{item.code}</span>
            <span>{item.name}</span>
          </span>
        ),
      })),
    [suggestions.data],
  );

  return (
    <AutoComplete<string>
      {...(id ? { id } : {})}
      {...(disabled === undefined ? {} : { disabled })}
      data-testid={testId}
      value={value ?? ''}
      options={options}
      onChange={(next) => {
        setSearch(next);
        onChange?.(next);
      }}
      placeholder={t('placeholders.unlocode')}
      allowClear
      notFoundContent={
        settled.trim().length >= 2 && suggestions.isSuccess && options.length === 0
          ? t('codes.noUnlocode')
          : null
      }
      popupMatchSelectWidth={false}
    />
  );
};
