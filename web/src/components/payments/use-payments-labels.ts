import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '../documents/decimal-format.ts';

/** Translations of the ledger's and the registry's codes, and money in the reader's locale. */
export const usePaymentsLabels = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const has = (key: string) => typeof i18n.getResource(locale, 'translation', key) === 'string';
    const code = (prefix: string, value: string) =>
      has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value;
    return {
      kind: (kind: string) => code('payments.kinds', kind),
      side: (side: string) => code('payments.sides', side),
      transferKind: (kind: string) => code('payments.transferKinds', kind),
      pendingStatus: (status: string) => code('payments.pendingStatuses', status),
      answer: (answer: string) => code('financeRegistry.answer', answer),
      risk: (risk: string) => code('financeRegistry.risk', risk),
      registrationStatus: (status: string) => code('financeRegistry.status', status),
      assetType: (assetType: string) => code('financeRegistry.assetTypes', assetType),
      scheme: (scheme: string) => code('financeRegistry.schemes', scheme),
      /** `US$2,820.00` from a decimal string, digit for digit. */
      money: (amount: string, currency: string) => formatAmount(amount, currency, locale),
    };
  }, [t, i18n, locale]);
};

export type PaymentsLabels = ReturnType<typeof usePaymentsLabels>;
