import { z } from 'zod';
import { buyerField, checkPricedLines, sellerField, ZTradeLine } from './common.ts';
import { decimalMicros, defineKind, ZCurrency, ZDate, ZDecimal, ZMoney, ZParty, ZText } from './kind-spec.ts';

/** EN 16931 VAT category codes (UNCL 5305 subset, BT-118 / BT-151). */
export const vatCategories = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;

const ZVatBreakdown = z
  .object({
    /** BT-118. */
    category: z.enum(vatCategories),
    /** BT-119, percent as a decimal string. */
    rate: ZDecimal,
    /** BT-116. */
    taxableAmount: ZMoney,
    /** BT-117. */
    taxAmount: ZMoney,
    /** BT-120, required by EN 16931 for exempt, reverse-charge and export categories. */
    exemptionReason: ZText(300).optional(),
  })
  .strict();

/**
 * An electronic invoice with the EN 16931 core (the semantic model Peppol BIS Billing 3.0
 * constrains): invoice type (BT-3), references, seller and buyer with electronic addresses,
 * lines, VAT breakdown and document totals (BT-106 to BT-115). The Peppol exporter maps it to UBL.
 */
export const eInvoice = defineKind({
  kind: 'e_invoice',
  documentType: 'EInvoice',
  title: { en: 'Electronic Invoice', zh: '电子发票' },
  subject: z
    .object({
      /** BT-3: 380 commercial invoice, 381 credit note, 384 corrected invoice. */
      invoiceTypeCode: z.enum(['380', '381', '384']).default('380'),
      /** BT-2. */
      issueDate: ZDate,
      /** BT-9. */
      dueDate: ZDate.optional(),
      /** BT-5. */
      currency: ZCurrency,
      /** BT-10: Peppol needs it or the order reference (PEPPOL-EN16931-R003). */
      buyerReference: ZText(200).optional(),
      /** BT-13. */
      orderRef: ZText(100).optional(),
      /** BG-4, with BT-34 electronic address. */
      seller: ZParty,
      sellerEndpoint: z
        .object({ scheme: ZText(10), id: ZText(100) })
        .strict()
        .optional(),
      sellerVatId: ZText(30).optional(),
      /** BG-7, with BT-49 electronic address. */
      buyer: ZParty,
      buyerEndpoint: z
        .object({ scheme: ZText(10), id: ZText(100) })
        .strict()
        .optional(),
      buyerVatId: ZText(30).optional(),
      /** BT-20. */
      paymentTerms: ZText(1000),
      /** BG-25. */
      lines: z.array(ZTradeLine).min(1).max(500),
      /** BT-106, the sum of line net amounts; `total` repeats it for the line check. */
      total: ZMoney,
      /** BG-23. */
      vatBreakdown: z.array(ZVatBreakdown).min(1).max(20),
      /** BT-109. */
      taxExclusiveAmount: ZMoney,
      /** BT-110. */
      taxAmount: ZMoney,
      /** BT-112. */
      taxInclusiveAmount: ZMoney,
      /** BT-115. */
      payableAmount: ZMoney,
      note: ZText(2000).optional(),
    })
    .strict()
    .superRefine(checkPricedLines)
    .superRefine((value, ctx) => {
      const minor = (m: { amount: string }) => decimalMicros(m.amount);
      const taxSum = value.vatBreakdown.reduce((sum, row) => sum + minor(row.taxAmount), 0n);
      const totals: [keyof typeof value, bigint, string][] = [
        ['taxExclusiveAmount', minor(value.total), 'the sum of the lines (BR-CO-13)'],
        ['taxAmount', taxSum, 'the sum of the VAT breakdown (BR-CO-14)'],
        [
          'taxInclusiveAmount',
          minor(value.taxExclusiveAmount) + minor(value.taxAmount),
          'without VAT plus VAT (BR-CO-15)',
        ],
      ];
      for (const [field, expected, rule] of totals) {
        const actual = value[field] as { amount: string };
        if (minor(actual) !== expected) {
          ctx.addIssue({ code: 'custom', path: [field, 'amount'], message: `must be ${rule}` });
        }
      }
      if (value.buyerReference === undefined && value.orderRef === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['buyerReference'],
          message: 'a buyer reference or an order reference is required',
        });
      }
    }),
  sections: [
    {
      title: { en: 'Parties', zh: '当事方' },
      fields: [
        sellerField,
        { path: 'sellerVatId', label: { en: 'Seller VAT id', zh: '卖方税号' }, render: 'code' },
        buyerField,
        { path: 'buyerVatId', label: { en: 'Buyer VAT id', zh: '买方税号' }, render: 'code' },
      ],
    },
    {
      title: { en: 'Invoice', zh: '发票信息' },
      fields: [
        { path: 'invoiceTypeCode', label: { en: 'Type (UNCL 1001)', zh: '发票类型' }, render: 'code' },
        { path: 'issueDate', label: { en: 'Issue date', zh: '开票日期' }, render: 'date' },
        { path: 'dueDate', label: { en: 'Due date', zh: '到期日' }, render: 'date' },
        { path: 'buyerReference', label: { en: 'Buyer reference', zh: '买方参考号' }, render: 'text' },
        { path: 'orderRef', label: { en: 'Order reference', zh: '订单号' }, render: 'text' },
        { path: 'currency', label: { en: 'Currency', zh: '币种' }, render: 'code' },
        { path: 'paymentTerms', label: { en: 'Payment terms', zh: '付款条件' }, render: 'text' },
      ],
    },
    {
      title: { en: 'Lines', zh: '发票行' },
      table: {
        path: 'lines',
        columns: [
          { path: 'lineNumber', label: { en: 'No.', zh: '序号' }, render: 'text', width: 0.6 },
          { path: 'description', label: { en: 'Item', zh: '项目' }, render: 'text', width: 3.6 },
          { path: 'quantity', label: { en: 'Quantity', zh: '数量' }, render: 'quantity', width: 1.4 },
          { path: 'unitPrice', label: { en: 'Net price', zh: '净单价' }, render: 'money', width: 1.6 },
          { path: 'lineTotal', label: { en: 'Net amount', zh: '净额' }, render: 'money', width: 1.8 },
        ],
      },
    },
    {
      title: { en: 'VAT breakdown', zh: '增值税明细' },
      table: {
        path: 'vatBreakdown',
        columns: [
          { path: 'category', label: { en: 'Category', zh: '类别' }, render: 'code', width: 1 },
          { path: 'rate', label: { en: 'Rate %', zh: '税率 %' }, render: 'text', width: 1 },
          { path: 'taxableAmount', label: { en: 'Taxable', zh: '计税金额' }, render: 'money', width: 2 },
          { path: 'taxAmount', label: { en: 'VAT', zh: '税额' }, render: 'money', width: 2 },
          {
            path: 'exemptionReason',
            label: { en: 'Exemption reason', zh: '免税原因' },
            render: 'text',
            width: 3,
          },
        ],
      },
    },
    {
      title: { en: 'Totals', zh: '合计' },
      fields: [
        { path: 'total', label: { en: 'Sum of lines', zh: '行金额合计' }, render: 'money' },
        { path: 'taxExclusiveAmount', label: { en: 'Total without VAT', zh: '不含税总额' }, render: 'money' },
        { path: 'taxAmount', label: { en: 'VAT', zh: '增值税' }, render: 'money' },
        { path: 'taxInclusiveAmount', label: { en: 'Total with VAT', zh: '含税总额' }, render: 'money' },
        { path: 'payableAmount', label: { en: 'Amount due', zh: '应付金额' }, render: 'money' },
        { path: 'note', label: { en: 'Note', zh: '备注' }, render: 'text' },
      ],
    },
  ],
});
