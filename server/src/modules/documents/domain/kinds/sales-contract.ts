import { z } from 'zod';
import {
  buyerField,
  checkPricedLines,
  partiesFields,
  sellerField,
  totalField,
  tradeLinesSection,
  tradeTermsFields,
  ZTradeLine,
} from './common.ts';
import { defineKind, ZCurrency, ZDate, ZIncoterms, ZMoney, ZParty, ZText } from './kind-spec.ts';

/**
 * A sales contract (售货合同): what seller and buyer agreed, with the order's lines, Incoterms®
 * 2020 rule and payment terms. Maps to UBL 2.4 Order / DigitalAgreement fields (docs/documents.md).
 */
export const salesContract = defineKind({
  kind: 'sales_contract',
  documentType: 'SalesContract',
  title: { en: 'Sales Contract', zh: '销售合同' },
  subject: z
    .object({
      issueDate: ZDate,
      orderRef: ZText(100).optional(),
      seller: ZParty,
      buyer: ZParty,
      currency: ZCurrency,
      incoterms: ZIncoterms,
      lines: z.array(ZTradeLine).min(1).max(500),
      total: ZMoney,
      paymentTerms: ZText(1000),
      deliveryDate: ZDate.optional(),
      governingLaw: ZText(200).optional(),
      disputeResolution: ZText(500).optional(),
      note: ZText(2000).optional(),
    })
    .strict()
    .superRefine(checkPricedLines),
  sections: [
    partiesFields(sellerField, buyerField),
    {
      title: { en: 'Terms', zh: '合同条款' },
      fields: [
        { path: 'issueDate', label: { en: 'Date', zh: '日期' }, render: 'date' },
        { path: 'orderRef', label: { en: 'Order reference', zh: '订单号' }, render: 'text' },
        ...tradeTermsFields,
        { path: 'deliveryDate', label: { en: 'Delivery date', zh: '交货日期' }, render: 'date' },
        { path: 'governingLaw', label: { en: 'Governing law', zh: '适用法律' }, render: 'text' },
        { path: 'disputeResolution', label: { en: 'Disputes', zh: '争议解决' }, render: 'text' },
      ],
    },
    tradeLinesSection,
    {
      title: { en: 'Total', zh: '合计' },
      fields: [totalField, { path: 'note', label: { en: 'Note', zh: '备注' }, render: 'text' }],
    },
  ],
});
