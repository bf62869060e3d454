import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderAction, OrderDocumentKind, OrderRole, OrderStatus, PartyRole } from '../../api/orders.ts';
import { formatAmount, formatDecimal } from '../documents/decimal-format.ts';

/** Translations of the order codes, and money and quantities in the reader's locale. */
export const useOrderLabels = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const has = (key: string) => typeof i18n.getResource(locale, 'translation', key) === 'string';
    const code = (prefix: string, value: string) =>
      has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value;
    return {
      status: (status: OrderStatus) => code('orders.status', status),
      role: (role: OrderRole | PartyRole) => code('orders.roles', role),
      action: (action: OrderAction | string) => code('orders.actions', action),
      historyAction: (action: string) => code('orders.historyActions', action),
      kind: (kind: OrderDocumentKind | string) => code('orders.documentKinds', kind),
      unit: (unitCode: string) => code('orders.units', unitCode),
      /** `US$2,820.00` from `{ amount: "2820.00", currency: "USD" }`, digit for digit. */
      money: (value: { amount: string; currency: string }) =>
        formatAmount(value.amount, value.currency, locale),
      quantity: (text: string) => formatDecimal(text, locale),
      /** A partner organisation in a picker: its name in the UI language and its country. */
      partner: (p: { name: string; nameZh?: string; country: string }) =>
        `${locale === 'zh-CN' && p.nameZh ? p.nameZh : p.name} (${p.country})`,
      /** The line description in the UI language, the other one as fallback. */
      description: (line: { descriptionEn: string; descriptionZh?: string }) =>
        locale === 'zh-CN' && line.descriptionZh ? line.descriptionZh : line.descriptionEn,
    };
  }, [t, i18n, locale]);
};

export type OrderLabels = ReturnType<typeof useOrderLabels>;
