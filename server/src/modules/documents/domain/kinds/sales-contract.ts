import { ZDate, ZText } from './kind-spec.ts';
import { pricedOfferKind } from './priced-offer.ts';

/**
 * A sales contract (售货合同): what seller and buyer agreed, with the order's lines, Incoterms®
 * 2020 rule and payment terms. Maps to UBL 2.4 Order / DigitalAgreement fields (docs/documents.md).
 */
export const salesContract = pricedOfferKind({
  kind: 'sales_contract',
  documentType: 'SalesContract',
  title: { en: 'Sales Contract', zh: '销售合同' },
  termsTitle: { en: 'Terms', zh: '合同条款' },
  extraTerms: {
    deliveryDate: ZDate.optional(),
    governingLaw: ZText(200).optional(),
    disputeResolution: ZText(500).optional(),
  },
  extraTermFields: [
    { path: 'deliveryDate', label: { en: 'Delivery date', zh: '交货日期' }, render: 'date' },
    { path: 'governingLaw', label: { en: 'Governing law', zh: '适用法律' }, render: 'text' },
    { path: 'disputeResolution', label: { en: 'Disputes', zh: '争议解决' }, render: 'text' },
  ],
});
