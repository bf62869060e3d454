import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '../documents/decimal-format.ts';
import { receiptStatusMeaning } from './receipt-status.ts';

/** Translations of the customs codes, with readable fallbacks, and CNY amounts in the reader's locale. */
export const useCustomsLabels = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const has = (key: string) => typeof i18n.getResource(locale, 'translation', key) === 'string';
    const code = (prefix: string, value: string, fallback = value) =>
      has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : fallback;
    return {
      state: (state: string) => code('customs.states', state),
      document: (kind: string) => code('customs.documents', kind),
      severity: (severity: string) => code('customs.severity', severity),
      tradeMode: (mode: string | null) => (mode === null ? '–' : code('customs.tradeModes', mode, mode)),
      eventKind: (kind: string) => code('customs.eventKinds', kind),
      /** A finding or rejection code (`customs.match_amount_paid`), else the server's sentence. */
      finding: (findingCode: string, message: string) =>
        findingCode === '' ? message : code('fieldErrors', findingCode, message || findingCode),
      refusal: (refusalCode: string) => code('errors', refusalCode),
      taxDecision: (decision: string) => code('customs.tax.decisions', decision),
      /** `120 · accepted into the database` for a receipt status, the bare status when §1.1 has no meaning. */
      receiptStatus: (receiptType: string, status: string) => {
        const meaning = receiptStatusMeaning(receiptType, status);
        return meaning !== null && has(meaning.key) ? t(meaning.key) : null;
      },
      /** `¥1,234.50` from "1234.50", digit for digit (never a float). */
      cny: (amount: string | null) => (amount === null ? '–' : formatAmount(amount, 'CNY', locale)),
    };
  }, [t, i18n, locale]);
};

export type CustomsLabels = ReturnType<typeof useCustomsLabels>;
