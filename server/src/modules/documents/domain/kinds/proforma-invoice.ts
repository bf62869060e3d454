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
 * A proforma invoice (形式发票): the seller's priced offer before shipment, used by the buyer to
 * open a letter of credit or obtain an import licence. UBL 2.4 Invoice with type code 325.
 */
export const proformaInvoice = defineKind({
  kind: 'proforma_invoice',
  documentType: 'ProformaInvoice',
  title: { en: 'Proforma Invoice', zh: '形式发票' },
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
      offerValidUntil: ZDate.optional(),
      bankDetails: ZText(500).optional(),
      note: ZText(2000).optional(),
    })
    .strict()
    .superRefine(checkPricedLines),
  sections: [
    partiesFields(sellerField, buyerField),
    {
      title: { en: 'Terms', zh: '条款' },
      fields: [
        { path: 'issueDate', label: { en: 'Date', zh: '日期' }, render: 'date' },
        { path: 'orderRef', label: { en: 'Order reference', zh: '订单号' }, render: 'text' },
        ...tradeTermsFields,
        { path: 'offerValidUntil', label: { en: 'Valid until', zh: '有效期至' }, render: 'date' },
        { path: 'bankDetails', label: { en: 'Bank details', zh: '银行信息' }, render: 'text' },
      ],
    },
    tradeLinesSection,
    {
      title: { en: 'Total', zh: '合计' },
      fields: [totalField, { path: 'note', label: { en: 'Note', zh: '备注' }, render: 'text' }],
    },
  ],
});
