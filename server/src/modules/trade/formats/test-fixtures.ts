import { money, multiplyMoney } from '@tradehub/kernel';
import type { OrderContent, OrderLine } from '../domain/order-content.ts';

const line = (lineNumber: number, rest: Omit<OrderLine, 'lineNumber' | 'lineTotal'>): OrderLine => ({
  lineNumber,
  ...rest,
  lineTotal: multiplyMoney(rest.unitPrice, rest.quantity, 'half_up'),
});

const lines = [
  line(1, {
    sellerItemId: 'YW-2024-117',
    descriptionEn: 'Stainless steel vacuum flask, 500 ml',
    descriptionZh: '不锈钢保温杯 500毫升',
    hsCode: '9617001100',
    quantity: '1200',
    unitCode: 'H87',
    unitPrice: money('EUR', 385n),
  }),
  line(2, {
    descriptionEn: 'Gift boxes & cartons <printed>',
    hsCode: '481910',
    quantity: '37.5',
    unitCode: 'KGM',
    unitPrice: money('EUR', 1249n),
  }),
];

/** The Yiwu exporter's order for the Hamburg buyer, as the issue's journey has it. */
export const yiwuHamburgOrder: OrderContent = {
  buyerReference: 'HH-PO-2026-0042',
  issueDate: '2026-11-20',
  currency: 'EUR',
  seller: {
    name: '义乌市星辰日用品有限公司 Yiwu Xingchen Daily Goods Co., Ltd.',
    country: 'CN',
    companyId: '91330782MA2EXAMPLE',
    email: 'export@xingchen.example.cn',
    addressLines: ['No. 88 Chouzhou North Road', 'Futian Street'],
    city: 'Yiwu',
    postalCode: '322000',
  },
  buyer: {
    name: 'Hanse Haushaltswaren GmbH',
    country: 'DE',
    companyId: 'DE123456789',
    email: 'einkauf@hanse-haushalt.example.de',
    addressLines: ['Spaldingstraße 64'],
    city: 'Hamburg',
    postalCode: '20097',
  },
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' } },
  requestedDeliveryDate: '2027-01-15',
  paymentTerms: '30% T/T in advance, 70% against copy of B/L',
  note: 'Cartons marked "HANSE" & numbered 1-up',
  lines,
  total: money(
    'EUR',
    lines.reduce((sum, l) => sum + l.lineTotal.amountMinor, 0n),
  ),
};

/** A GLN (valid GS1 check digit) the tests give the seller as its Peppol address. */
export const sellerGln = '4012345000009';
