import { ZDate, ZText } from './kind-spec.ts';
import { pricedOfferKind } from './priced-offer.ts';

/**
 * A proforma invoice (形式发票): the seller's priced offer before shipment, used by the buyer to
 * open a letter of credit or obtain an import licence. UBL 2.4 Invoice with type code 325.
 */
export const proformaInvoice = pricedOfferKind({
  kind: 'proforma_invoice',
  documentType: 'ProformaInvoice',
  title: { en: 'Proforma Invoice', zh: '形式发票' },
  termsTitle: { en: 'Terms', zh: '条款' },
  extraTerms: { offerValidUntil: ZDate.optional(), bankDetails: ZText(500).optional() },
  extraTermFields: [
    { path: 'offerValidUntil', label: { en: 'Valid until', zh: '有效期至' }, render: 'date' },
    { path: 'bankDetails', label: { en: 'Bank details', zh: '银行信息' }, render: 'text' },
  ],
});
