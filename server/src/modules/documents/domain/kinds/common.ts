import { parseMoney } from '@tradehub/kernel';
import { z } from 'zod';
import type { KindColumn, KindField, KindSection } from './kind-spec.ts';
import { ZHsCode, ZMoney, ZQuantity, ZText } from './kind-spec.ts';

/** A priced goods line, as the order agreed it (UBL cac:InvoiceLine / cac:OrderLine). */
export const ZTradeLine = z
  .object({
    lineNumber: z.number().int().min(1).max(9999),
    sellerItemId: ZText(64).optional(),
    description: ZText(500),
    descriptionZh: ZText(500).optional(),
    hsCode: ZHsCode,
    quantity: ZQuantity,
    unitPrice: ZMoney,
    lineTotal: ZMoney,
  })
  .strict();
export type TradeLine = z.infer<typeof ZTradeLine>;

export const tradeLineColumns: readonly KindColumn[] = [
  { path: 'lineNumber', label: { en: 'No.', zh: '序号' }, render: 'text', width: 0.6 },
  { path: 'description', label: { en: 'Description', zh: '品名' }, render: 'text', width: 3.4 },
  { path: 'hsCode', label: { en: 'HS code', zh: '商品编码' }, render: 'code', width: 1.4 },
  { path: 'quantity', label: { en: 'Quantity', zh: '数量' }, render: 'quantity', width: 1.4 },
  { path: 'unitPrice', label: { en: 'Unit price', zh: '单价' }, render: 'money', width: 1.6 },
  { path: 'lineTotal', label: { en: 'Amount', zh: '金额' }, render: 'money', width: 1.8 },
];

export const tradeLinesSection: KindSection = {
  title: { en: 'Goods', zh: '货物明细' },
  table: { path: 'lines', columns: tradeLineColumns },
};

export const partiesFields = (first: KindField, second: KindField): KindSection => ({
  title: { en: 'Parties', zh: '当事方' },
  fields: [first, second],
});

export const sellerField: KindField = {
  path: 'seller',
  label: { en: 'Seller', zh: '卖方' },
  render: 'party',
};
export const buyerField: KindField = { path: 'buyer', label: { en: 'Buyer', zh: '买方' }, render: 'party' };

export const tradeTermsFields: readonly KindField[] = [
  { path: 'currency', label: { en: 'Currency', zh: '币种' }, render: 'code' },
  { path: 'incoterms.rule', label: { en: 'Incoterms® 2020', zh: '贸易术语' }, render: 'code' },
  { path: 'incoterms.namedPlace.unlocode', label: { en: 'Named place', zh: '指定地点' }, render: 'code' },
  { path: 'paymentTerms', label: { en: 'Payment terms', zh: '付款条件' }, render: 'text' },
];

export const totalField: KindField = { path: 'total', label: { en: 'Total', zh: '总金额' }, render: 'money' };

const minorOf = (m: { amount: string; currency: string }): bigint | undefined => {
  try {
    return parseMoney(m.amount, m.currency).amountMinor;
  } catch {
    return undefined;
  }
};

/**
 * Cross-field rules of a priced document: every line in the document's currency, and the total
 * equal to the sum of the line totals (a 400 naming the line or the total, never a silent fix).
 */
export const checkPricedLines = (
  value: { currency: string; lines: readonly TradeLine[]; total: { amount: string; currency: string } },
  ctx: z.RefinementCtx,
) => {
  let sum = 0n;
  value.lines.forEach((line, i) => {
    for (const key of ['unitPrice', 'lineTotal'] as const) {
      if (line[key].currency !== value.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, key, 'currency'],
          message: `line ${line.lineNumber} is in ${line[key].currency}, the document in ${value.currency}`,
        });
      }
    }
    sum += minorOf(line.lineTotal) ?? 0n;
  });
  const total = minorOf(value.total);
  if (value.total.currency !== value.currency) {
    ctx.addIssue({
      code: 'custom',
      path: ['total', 'currency'],
      message: `the total must be in ${value.currency}`,
    });
  } else if (total !== undefined && total !== sum) {
    ctx.addIssue({
      code: 'custom',
      path: ['total', 'amount'],
      message: 'the total is not the sum of the line totals',
    });
  }
};
