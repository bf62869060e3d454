import { z } from 'zod';
import { defineKind, ZDate, ZHs6, ZMeasure, ZMoney, ZParty, ZText, ZUnitCode } from './kind-spec.ts';

/** The fifteen RCEP Parties (ISO 3166-1 alpha-2), the only valid box 11 countries. */
export const rcepParties = [
  'AU',
  'BN',
  'KH',
  'CN',
  'ID',
  'JP',
  'LA',
  'MY',
  'MM',
  'NZ',
  'PH',
  'SG',
  'KR',
  'TH',
  'VN',
] as const;

/**
 * Box 10 origin conferring criteria of the RCEP form's overleaf notes: wholly obtained, produced
 * exclusively from originating materials, change in tariff classification, regional value
 * content, chemical reaction, accumulation, de minimis.
 */
export const rcepOriginCriteria = ['WO', 'PE', 'CTC', 'RVC', 'CR', 'ACU', 'DMI'] as const;

export const ZOriginItem = z
  .object({
    /** Box 6. */
    itemNumber: z.number().int().min(1).max(999),
    /** Box 7. */
    marks: ZText(300).optional(),
    /** Box 8: number and kind of packages (UN/ECE Rec. 21 code), and the description. */
    packageCount: z.number().int().min(1).optional(),
    packageType: ZUnitCode.optional(),
    description: ZText(500),
    descriptionZh: ZText(500).optional(),
    /** Box 9. */
    hsCode: ZHs6,
    /** Box 10. */
    originCriterion: z.enum(rcepOriginCriteria),
    /** Box 11. */
    countryOfOrigin: z.enum(rcepParties),
    /** Box 12: gross weight or other quantity, and the FOB value where RVC applies. */
    quantity: ZMeasure,
    fobValue: ZMoney.optional(),
    /** Box 13. */
    invoiceNumber: ZText(100),
    invoiceDate: ZDate,
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.originCriterion === 'RVC' && item.fobValue === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fobValue'],
        message: 'box 12 needs the FOB value when RVC is the criterion',
      });
    }
  });

/**
 * A certificate of origin on Form RCEP (RCEP Annex 3B): the boxes 1 to 17, one item per goods
 * line. The document number is the certificate's unique number in the header.
 */
export const certificateOfOrigin = defineKind({
  kind: 'certificate_of_origin',
  documentType: 'CertificateOfOrigin',
  title: { en: 'Certificate of Origin (Form RCEP)', zh: '原产地证书（RCEP）' },
  subject: z
    .object({
      /** Box 1. */
      exporter: ZParty,
      /** Box 3 (if known). */
      producer: ZParty.optional(),
      /** Box 2. */
      importer: ZParty,
      /** Box 4 (if known). */
      transport: z
        .object({
          departureDate: ZDate.optional(),
          vesselOrFlight: ZText(100).optional(),
          portOfLoading: ZText(100).optional(),
          portOfDischarge: ZText(100).optional(),
        })
        .strict()
        .optional(),
      /** Boxes 6 to 13. */
      items: z.array(ZOriginItem).min(1).max(100),
      /** Box 14. */
      remarks: ZText(1000).optional(),
      /** Box 15. */
      declaration: z
        .object({
          importingCountry: z.enum(rcepParties),
          place: ZText(100),
          date: ZDate,
          signatory: ZText(200),
        })
        .strict(),
      /** Box 16, filled by the issuing body. */
      certification: z
        .object({ issuingBody: ZText(200), place: ZText(100), date: ZDate })
        .strict()
        .optional(),
      /** Box 17 tick boxes. */
      backToBack: z.boolean().default(false),
      thirdPartyInvoicing: z.boolean().default(false),
      issuedRetroactively: z.boolean().default(false),
    })
    .strict(),
  sections: [
    {
      title: { en: 'Consignment', zh: '货物运输' },
      fields: [
        {
          path: 'exporter',
          label: { en: '1. Goods consigned from (exporter)', zh: '1. 出口商' },
          render: 'party',
        },
        {
          path: 'importer',
          label: { en: '2. Goods consigned to (importer)', zh: '2. 进口商 / 收货人' },
          render: 'party',
        },
        { path: 'producer', label: { en: '3. Producer', zh: '3. 生产商' }, render: 'party' },
        {
          path: 'transport.departureDate',
          label: { en: '4. Departure date', zh: '4. 离港日期' },
          render: 'date',
        },
        {
          path: 'transport.vesselOrFlight',
          label: { en: '4. Vessel / flight', zh: '4. 船名 / 航班号' },
          render: 'text',
        },
        {
          path: 'transport.portOfLoading',
          label: { en: '4. Port of loading', zh: '4. 装货港' },
          render: 'text',
        },
        {
          path: 'transport.portOfDischarge',
          label: { en: '4. Port of discharge', zh: '4. 卸货港' },
          render: 'text',
        },
      ],
    },
    {
      title: { en: 'Goods (boxes 6-13)', zh: '货物（第6-13栏）' },
      table: {
        path: 'items',
        columns: [
          { path: 'itemNumber', label: { en: '6. Item', zh: '6. 项号' }, render: 'text', width: 0.6 },
          { path: 'marks', label: { en: '7. Marks', zh: '7. 唛头' }, render: 'text', width: 1.1 },
          {
            path: 'description',
            label: { en: '8. Description', zh: '8. 货物描述' },
            render: 'text',
            width: 2.4,
          },
          { path: 'hsCode', label: { en: '9. HS', zh: '9. 税则号' }, render: 'code', width: 1 },
          {
            path: 'originCriterion',
            label: { en: '10. Criterion', zh: '10. 原产地标准' },
            render: 'code',
            width: 1,
          },
          {
            path: 'countryOfOrigin',
            label: { en: '11. Origin', zh: '11. 原产国' },
            render: 'code',
            width: 0.8,
          },
          { path: 'quantity', label: { en: '12. Quantity', zh: '12. 数量' }, render: 'measure', width: 1.2 },
          {
            path: 'invoiceNumber',
            label: { en: '13. Invoice', zh: '13. 发票号' },
            render: 'text',
            width: 1.3,
          },
        ],
      },
    },
    {
      title: { en: 'Declaration and certification', zh: '声明与证明' },
      fields: [
        { path: 'remarks', label: { en: '14. Remarks', zh: '14. 备注' }, render: 'text' },
        {
          path: 'declaration.importingCountry',
          label: { en: '15. Importing country', zh: '15. 进口国' },
          render: 'code',
        },
        { path: 'declaration.place', label: { en: '15. Place', zh: '15. 地点' }, render: 'text' },
        { path: 'declaration.date', label: { en: '15. Date', zh: '15. 日期' }, render: 'date' },
        { path: 'declaration.signatory', label: { en: '15. Signatory', zh: '15. 签署人' }, render: 'text' },
        {
          path: 'certification.issuingBody',
          label: { en: '16. Issuing body', zh: '16. 签证机构' },
          render: 'text',
        },
        { path: 'certification.place', label: { en: '16. Place', zh: '16. 地点' }, render: 'text' },
        { path: 'certification.date', label: { en: '16. Date', zh: '16. 日期' }, render: 'date' },
        {
          path: 'backToBack',
          label: { en: '17. Back-to-back CO', zh: '17. 背对背原产地证书' },
          render: 'flag',
        },
        {
          path: 'thirdPartyInvoicing',
          label: { en: '17. Third-party invoicing', zh: '17. 第三方发票' },
          render: 'flag',
        },
        {
          path: 'issuedRetroactively',
          label: { en: '17. Issued retroactively', zh: '17. 补发' },
          render: 'flag',
        },
      ],
    },
  ],
});
