import { z } from 'zod';
import type { DocumentType } from '../document-types.ts';
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
import {
  type Bilingual,
  type DocumentKind,
  defineKind,
  type KindField,
  ZCurrency,
  ZDate,
  ZIncoterms,
  ZMoney,
  ZParty,
  ZText,
} from './kind-spec.ts';

/**
 * The kinds that restate an order's priced offer before shipment (sales contract, proforma
 * invoice): the same parties, terms, lines and total, plus a few terms of their own.
 */
export const pricedOfferKind = (spec: {
  kind: DocumentKind;
  documentType: DocumentType;
  title: Bilingual;
  termsTitle: Bilingual;
  extraTerms: z.ZodRawShape;
  extraTermFields: readonly KindField[];
}) =>
  defineKind({
    kind: spec.kind,
    documentType: spec.documentType,
    title: spec.title,
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
        ...spec.extraTerms,
        note: ZText(2000).optional(),
      })
      .strict()
      .superRefine(checkPricedLines),
    sections: [
      partiesFields(sellerField, buyerField),
      {
        title: spec.termsTitle,
        fields: [
          { path: 'issueDate', label: { en: 'Date', zh: '日期' }, render: 'date' },
          { path: 'orderRef', label: { en: 'Order reference', zh: '订单号' }, render: 'text' },
          ...tradeTermsFields,
          ...spec.extraTermFields,
        ],
      },
      tradeLinesSection,
      {
        title: { en: 'Total', zh: '合计' },
        fields: [totalField, { path: 'note', label: { en: 'Note', zh: '备注' }, render: 'text' }],
      },
    ],
  });
