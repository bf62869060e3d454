import { z } from 'zod';
import { buyerField, sellerField } from './common.ts';
import {
  decimalMicros,
  defineKind,
  ZDate,
  ZHsCode,
  ZMeasure,
  ZParty,
  ZQuantity,
  ZText,
  ZUnitCode,
} from './kind-spec.ts';

/** One packed line: how many packages of which kind hold which goods, and what they weigh. */
export const ZPackingLine = z
  .object({
    lineNumber: z.number().int().min(1).max(9999),
    marks: ZText(200).optional(),
    packageCount: z.number().int().min(1).max(1_000_000),
    /** UN/ECE Recommendation 21 package type code, e.g. CT (carton), PK, PX (pallet). */
    packageType: ZUnitCode,
    description: ZText(500),
    descriptionZh: ZText(500).optional(),
    hsCode: ZHsCode.optional(),
    quantity: ZQuantity,
    grossWeight: ZMeasure,
    netWeight: ZMeasure,
    measurement: ZMeasure.optional(),
  })
  .strict();

/**
 * A packing list (装箱单): packages, marks, gross and net weights and measurements per line and in
 * total. UBL 2.4 DespatchAdvice / cac:Shipment fields (docs/documents.md).
 */
export const packingList = defineKind({
  kind: 'packing_list',
  documentType: 'PackingList',
  title: { en: 'Packing List', zh: '装箱单' },
  subject: z
    .object({
      issueDate: ZDate,
      orderRef: ZText(100).optional(),
      invoiceNumber: ZText(100).optional(),
      seller: ZParty,
      buyer: ZParty,
      shippingMarks: ZText(500).optional(),
      lines: z.array(ZPackingLine).min(1).max(500),
      totalPackages: z.number().int().min(1),
      totalGrossWeight: ZMeasure,
      totalNetWeight: ZMeasure,
      totalMeasurement: ZMeasure.optional(),
      note: ZText(2000).optional(),
    })
    .strict()
    .superRefine((value, ctx) => {
      const packages = value.lines.reduce((sum, line) => sum + line.packageCount, 0);
      if (packages !== value.totalPackages) {
        ctx.addIssue({
          code: 'custom',
          path: ['totalPackages'],
          message: `the lines hold ${packages} packages`,
        });
      }
      value.lines.forEach((line, i) => {
        if (
          line.netWeight.unitCode === line.grossWeight.unitCode &&
          decimalMicros(line.netWeight.value) > decimalMicros(line.grossWeight.value)
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['lines', i, 'netWeight'],
            message: `line ${line.lineNumber}: the net weight exceeds the gross weight`,
          });
        }
      });
    }),
  sections: [
    {
      title: { en: 'Parties', zh: '当事方' },
      fields: [
        { ...sellerField, label: { en: 'Shipper / seller', zh: '发货人 / 卖方' } },
        { ...buyerField, label: { en: 'Consignee / buyer', zh: '收货人 / 买方' } },
      ],
    },
    {
      title: { en: 'References', zh: '参考信息' },
      fields: [
        { path: 'issueDate', label: { en: 'Date', zh: '日期' }, render: 'date' },
        { path: 'invoiceNumber', label: { en: 'Invoice number', zh: '发票号' }, render: 'text' },
        { path: 'orderRef', label: { en: 'Order reference', zh: '订单号' }, render: 'text' },
        { path: 'shippingMarks', label: { en: 'Shipping marks', zh: '唛头' }, render: 'text' },
      ],
    },
    {
      title: { en: 'Packages', zh: '包装明细' },
      table: {
        path: 'lines',
        columns: [
          { path: 'lineNumber', label: { en: 'No.', zh: '序号' }, render: 'text', width: 0.5 },
          { path: 'marks', label: { en: 'Marks', zh: '唛头' }, render: 'text', width: 1.2 },
          { path: 'packageCount', label: { en: 'Pkgs', zh: '件数' }, render: 'text', width: 0.7 },
          { path: 'packageType', label: { en: 'Type', zh: '包装' }, render: 'code', width: 0.6 },
          { path: 'description', label: { en: 'Description', zh: '品名' }, render: 'text', width: 2.6 },
          { path: 'quantity', label: { en: 'Quantity', zh: '数量' }, render: 'quantity', width: 1.3 },
          { path: 'grossWeight', label: { en: 'Gross wt', zh: '毛重' }, render: 'measure', width: 1.2 },
          { path: 'netWeight', label: { en: 'Net wt', zh: '净重' }, render: 'measure', width: 1.2 },
          { path: 'measurement', label: { en: 'Volume', zh: '体积' }, render: 'measure', width: 1.1 },
        ],
      },
    },
    {
      title: { en: 'Totals', zh: '合计' },
      fields: [
        { path: 'totalPackages', label: { en: 'Packages', zh: '总件数' }, render: 'text' },
        { path: 'totalGrossWeight', label: { en: 'Gross weight', zh: '总毛重' }, render: 'measure' },
        { path: 'totalNetWeight', label: { en: 'Net weight', zh: '总净重' }, render: 'measure' },
        { path: 'totalMeasurement', label: { en: 'Measurement', zh: '总体积' }, render: 'measure' },
        { path: 'note', label: { en: 'Note', zh: '备注' }, render: 'text' },
      ],
    },
  ],
});
