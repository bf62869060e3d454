import { z } from 'zod';
import {
  buyerField,
  checkPricedLines,
  sellerField,
  totalField,
  tradeLinesSection,
  tradeTermsFields,
  ZTradeLine,
} from './common.ts';
import {
  defineKind,
  ZCountry,
  ZCurrency,
  ZDate,
  ZIncoterms,
  ZMoney,
  ZParty,
  ZText,
  ZUnlocode,
} from './kind-spec.ts';

/**
 * A commercial invoice (商业发票): the seller's bill for shipped goods, the basis of customs value.
 * UBL 2.4 Invoice (type code 380); the e_invoice kind carries the EN 16931 tax detail.
 */
export const commercialInvoice = defineKind({
  kind: 'commercial_invoice',
  documentType: 'CommercialInvoice',
  title: { en: 'Commercial Invoice', zh: '商业发票' },
  subject: z
    .object({
      issueDate: ZDate,
      orderRef: ZText(100).optional(),
      seller: ZParty,
      buyer: ZParty,
      consignee: ZParty.optional(),
      currency: ZCurrency,
      incoterms: ZIncoterms,
      lines: z.array(ZTradeLine).min(1).max(500),
      total: ZMoney,
      paymentTerms: ZText(1000),
      countryOfOrigin: ZCountry.optional(),
      portOfLoading: ZUnlocode.optional(),
      portOfDischarge: ZUnlocode.optional(),
      note: ZText(2000).optional(),
    })
    .strict()
    .superRefine(checkPricedLines),
  sections: [
    {
      title: { en: 'Parties', zh: '当事方' },
      fields: [
        sellerField,
        buyerField,
        { path: 'consignee', label: { en: 'Consignee', zh: '收货人' }, render: 'party' },
      ],
    },
    {
      title: { en: 'Terms', zh: '条款' },
      fields: [
        { path: 'issueDate', label: { en: 'Invoice date', zh: '发票日期' }, render: 'date' },
        { path: 'orderRef', label: { en: 'Order reference', zh: '订单号' }, render: 'text' },
        ...tradeTermsFields,
        { path: 'countryOfOrigin', label: { en: 'Country of origin', zh: '原产国' }, render: 'code' },
        { path: 'portOfLoading', label: { en: 'Port of loading', zh: '装货港' }, render: 'code' },
        { path: 'portOfDischarge', label: { en: 'Port of discharge', zh: '卸货港' }, render: 'code' },
      ],
    },
    tradeLinesSection,
    {
      title: { en: 'Total', zh: '合计' },
      fields: [totalField, { path: 'note', label: { en: 'Note', zh: '备注' }, render: 'text' }],
    },
  ],
});
