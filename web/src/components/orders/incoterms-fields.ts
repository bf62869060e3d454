import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INCOTERMS_2020 } from '../../api/orders.ts';

/** A UN/LOCODE as the server checks it: country, then three letters or digits 2 to 9. */
export const UNLOCODE_PATTERN = /^[A-Za-z]{2}[A-Za-z2-9]{3}$/;

/** The Incoterms 2020 rules as select options, "FOB · Free On Board" in the UI language. */
export const useIncotermsOptions = () => {
  const { t } = useTranslation();
  return useMemo(
    () =>
      INCOTERMS_2020.map((rule) => ({ value: rule, label: `${rule} · ${t(`orders.incoterms.${rule}`)}` })),
    [t],
  );
};

/** The form rules of a named place: required, and a UN/LOCODE. */
export const useNamedPlaceRules = () => {
  const { t } = useTranslation();
  return useMemo(
    () => [
      { required: true, message: t('orders.validation.required') },
      { pattern: UNLOCODE_PATTERN, message: t('orders.validation.unlocode') },
    ],
    [t],
  );
};
