import { validateContainerNumber } from '@tradehub/kernel';
import { z } from 'zod';
import { type DocumentKindSpec, defineKind, ZCountry, ZDate, ZMoney, ZUnlocode } from './kind-spec.ts';

// The subject of a bill of lading or sea waybill is the DCSA eBL 3.0 TransportDocument (3.0.3
// schema): property names and limits are DCSA's, so a field path in the subject is also its JSON path
// in the DCSA export (docs/documents.md lists the few exceptions). Numbers that DCSA sends as floats
// are decimal strings here (a credential holds whole numbers only) and money is a MoneyJson.

/** DCSA's pattern for trimmed, single-line text: no leading or trailing white space. */
const TRIMMED = /^\S(?:.*\S)?$/;
const trimmed = (max: number) =>
  z.string().max(max).regex(TRIMMED, 'text without leading or trailing spaces');
const text = (max: number) => z.string().min(1).max(max);
const lines = (maxItems: number, maxLength: number) => z.array(z.string().max(maxLength)).max(maxItems);

const ZContainerNumber = z.string().superRefine((value, ctx) => {
  const result = validateContainerNumber(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
  } else if (result.value !== value) {
    // The normalised form is what the carrier prints; a spaced variant would not round-trip.
    ctx.addIssue({ code: 'custom', message: `write the container number as ${result.value}` });
  }
});

/**
 * A non-negative decimal that a DCSA float carries exactly and that reads back the same: at most 12
 * integer digits and 3 decimals, written the way JavaScript prints the number (no trailing zeros).
 */
const FLOAT_DECIMAL = /^(0|[1-9]\d{0,11})(\.\d{0,2}[1-9])?$/;
const ZFloatDecimal = z.string().regex(FLOAT_DECIMAL, 'a decimal such as 12000 or 2.5 (at most 3 decimals)');
const ZPositiveFloatDecimal = ZFloatDecimal.refine((v) => v !== '0', 'must be greater than 0');
const ZNonNegativeMoney = ZMoney.refine(
  (m) => FLOAT_DECIMAL.test(m.amount),
  'a non-negative amount such as 1012.5 (at most 12 integer digits, no trailing zeros)',
);

const ZPartyAddress = z
  .object({
    street: text(70),
    streetNumber: text(50).optional(),
    floor: trimmed(50).optional(),
    postCode: text(10).optional(),
    POBox: text(20).optional(),
    city: trimmed(35),
    UNLocationCode: ZUnlocode.optional(),
    stateRegion: text(65).optional(),
    countryCode: ZCountry,
  })
  .strict();

const ZIdentifyingCode = z
  .object({ codeListProvider: text(100), partyCode: text(150), codeListName: text(100).optional() })
  .strict();

const ZTaxLegalReference = z
  .object({ type: trimmed(50), countryCode: ZCountry, value: trimmed(35) })
  .strict();

/** DCSA PartyContactDetail: a name and a phone number, an e-mail address or both. */
const ZContact = z
  .object({
    name: trimmed(35),
    phone: trimmed(30).optional(),
    email: z
      .string()
      .max(100)
      .regex(/^.+@\S+$/, 'an e-mail address')
      .optional(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, 'give a phone number or an e-mail address');

const typeOfPerson = z.enum(['NATURAL_PERSON', 'LEGAL_PERSON', 'ASSOCIATION_OF_PERSONS']);

const partyFields = {
  partyName: trimmed(70),
  address: ZPartyAddress.optional(),
  addressLines: lines(5, 250).optional(),
  identifyingCodes: z.array(ZIdentifyingCode).optional(),
  taxLegalReferences: z.array(ZTaxLegalReference).optional(),
  partyContactDetails: z.array(ZContact).optional(),
};
const displayedAddress = lines(6, 35).optional();

const ZShipper = z
  .object({
    ...partyFields,
    typeOfPerson: typeOfPerson.optional(),
    displayedAddress,
    reference: trimmed(35).optional(),
    purchaseOrderReferences: z.array(trimmed(35)).optional(),
  })
  .strict();
const ZConsignee = ZShipper.extend({ identifyingCodes: z.array(ZIdentifyingCode).min(1) }).strict();
const ZEndorsee = z
  .object({ ...partyFields, displayedAddress, identifyingCodes: z.array(ZIdentifyingCode).min(1) })
  .strict();
const ZIssuingParty = z.object({ ...partyFields, address: ZPartyAddress }).strict();
const ZNotifyParty = z
  .object({
    ...partyFields,
    typeOfPerson: typeOfPerson.optional(),
    displayedAddress,
    reference: trimmed(35).optional(),
  })
  .strict();

const ZPort = z.object({ UNLocationCode: ZUnlocode, locationName: trimmed(100).optional() }).strict();
const ZPlace = z
  .object({
    UNLocationCode: ZUnlocode.optional(),
    locationName: trimmed(100).optional(),
    facilityName: text(100).optional(),
    address: ZPartyAddress.omit({ UNLocationCode: true }).optional(),
  })
  .strict()
  .refine((p) => p.UNLocationCode !== undefined || p.address !== undefined, 'give a UN/LOCODE or an address');

const transportModes = z.enum(['VESSEL', 'RAIL', 'TRUCK', 'BARGE', 'MULTIMODAL']);

const ZVesselVoyage = z
  .object({
    vesselName: trimmed(50),
    carrierExportVoyageNumber: trimmed(50),
    universalExportVoyageReference: z
      .string()
      .regex(/^\d{2}[0-9A-Z]{2}[NEWSR]$/, 'a DCSA universal voyage reference such as 2103N')
      .optional(),
    role: z.enum(['FIRST_SEA_GOING', 'MOTHER']).optional(),
  })
  .strict();

const measure = <U extends [string, ...string[]]>(units: U) =>
  z.object({ value: ZPositiveFloatDecimal, unit: z.enum(units) }).strict();

const ZCargoItem = z
  .object({
    equipmentReference: ZContainerNumber,
    cargoGrossWeight: measure(['KGM', 'LBR']),
    cargoGrossVolume: measure(['MTQ', 'FTQ']).optional(),
    cargoNetWeight: measure(['KGM', 'LBR']).optional(),
    cargoNetVolume: measure(['MTQ', 'FTQ']).optional(),
    outerPackaging: z
      .object({
        packageCode: z
          .string()
          .regex(/^[A-Z0-9]{2}$/, 'a UN/ECE Recommendation 21 package code')
          .optional(),
        numberOfPackages: z.number().int().min(1).max(99999999),
        description: text(100),
        woodDeclaration: z
          .enum(['NOT_APPLICABLE', 'NOT_TREATED_AND_NOT_CERTIFIED', 'PROCESSED', 'TREATED_AND_CERTIFIED'])
          .optional(),
      })
      .strict(),
  })
  .strict();

const ZConsignmentItem = z
  .object({
    carrierBookingReference: trimmed(35),
    descriptionOfGoods: z.array(trimmed(35)).min(1).max(150),
    // DCSA's HS codes are national tariff lines too (6 to 10 digits), not only HS subheadings.
    HSCodes: z.array(z.string().regex(/^\d{6,10}$/, 'an HS code of 6 to 10 digits')).min(1),
    extendedHSCodes: z.array(z.string().regex(/^\d{6,12}$/, 'an HS code of 6 to 12 digits')).optional(),
    shippingMarks: lines(50, 35).optional(),
    cargoItems: z.array(ZCargoItem).min(1),
    references: z
      .array(
        z.object({ type: z.enum(['CR', 'AKG', 'SPO', 'CPO']), values: z.array(trimmed(35)).min(1) }).strict(),
      )
      .optional(),
  })
  .strict();

const ZUtilizedTransportEquipment = z
  .object({
    equipment: z
      .object({
        equipmentReference: ZContainerNumber,
        ISOEquipmentCode: z
          .string()
          .regex(/^[0-9A-Z]{4}$/, 'an ISO 6346 size and type code such as 22G1')
          .optional(),
        tareWeight: measure(['KGM', 'LBR']).optional(),
      })
      .strict(),
    isShipperOwned: z.boolean(),
    shippingMarks: lines(50, 35).optional(),
    seals: z
      .array(z.object({ number: text(15), source: z.enum(['CAR', 'SHI', 'VET', 'CUS']).optional() }).strict())
      .min(1),
  })
  .strict();

const ZCharge = z
  .object({
    chargeName: trimmed(50),
    amount: ZNonNegativeMoney,
    paymentTermCode: z.enum(['PRE', 'COL']),
    calculationBasis: trimmed(50),
    unitPrice: ZFloatDecimal,
    quantity: ZFloatDecimal,
  })
  .strict();

const documentStatuses = [
  'DRAFT',
  'APPROVED',
  'ISSUED',
  'PENDING_SURRENDER_FOR_AMENDMENT',
  'SURRENDERED_FOR_AMENDMENT',
  'PENDING_SURRENDER_FOR_DELIVERY',
  'SURRENDERED_FOR_DELIVERY',
  'VOIDED',
] as const;

const serviceType = z.enum(['CY', 'SD', 'CFS']);
const loadType = z.enum(['FCL', 'LCL']);
const copies = z.number().int().min(0).max(99);

/** The credentialSubject fields of a bill of lading (BOL) or sea waybill (SWB). */
export const billOfLadingSubject = z
  .object({
    transportDocumentReference: trimmed(20),
    transportDocumentSubReference: trimmed(100).optional(),
    shippingInstructionsReference: trimmed(100).optional(),
    transportDocumentStatus: z.enum(documentStatuses).optional(),
    transportDocumentTypeCode: z.enum(['BOL', 'SWB']),
    isShippedOnBoardType: z.boolean(),
    freightPaymentTermCode: z.enum(['PRE', 'COL']).optional(),
    isElectronic: z.boolean(),
    isToOrder: z.boolean(),
    numberOfCopiesWithCharges: copies.optional(),
    numberOfCopiesWithoutCharges: copies.optional(),
    numberOfOriginalsWithCharges: copies.optional(),
    numberOfOriginalsWithoutCharges: copies.optional(),
    displayedNameForPlaceOfReceipt: lines(5, 35).optional(),
    displayedNameForPortOfLoad: lines(5, 35).optional(),
    displayedNameForPortOfDischarge: lines(5, 35).optional(),
    displayedNameForPlaceOfDelivery: lines(5, 35).optional(),
    shippedOnBoardDate: ZDate.optional(),
    receivedForShipmentDate: ZDate.optional(),
    displayedShippedOnBoardReceivedForShipment: trimmed(250).optional(),
    termsAndConditions: text(50000),
    receiptTypeAtOrigin: serviceType,
    deliveryTypeAtDestination: serviceType,
    cargoMovementTypeAtOrigin: loadType,
    cargoMovementTypeAtDestination: loadType,
    issueDate: ZDate.optional(),
    serviceContractReference: text(30).optional(),
    contractQuotationReference: trimmed(35).optional(),
    declaredValue: ZNonNegativeMoney.optional(),
    carrierCode: z.string().regex(/^\S{1,4}$/, 'a SCAC or SMDG carrier code'),
    carrierCodeListProvider: z.enum(['SMDG', 'NMFTA']),
    carrierClauses: z.array(trimmed(20000)).optional(),
    numberOfRiderPages: copies.optional(),
    transports: z
      .object({
        plannedDepartureDate: ZDate,
        plannedArrivalDate: ZDate,
        preCarriageBy: transportModes.optional(),
        onCarriageBy: transportModes.optional(),
        placeOfReceipt: ZPlace.optional(),
        portOfLoading: ZPort,
        portOfDischarge: ZPort,
        placeOfDelivery: ZPlace.optional(),
        vesselVoyages: z.array(ZVesselVoyage).min(1),
      })
      .strict(),
    charges: z.array(ZCharge).optional(),
    placeOfIssue: z
      .object({
        locationName: trimmed(100).optional(),
        UNLocationCode: ZUnlocode.optional(),
        countryCode: ZCountry.optional(),
      })
      .strict()
      .refine(
        (p) => (p.UNLocationCode === undefined) !== (p.countryCode === undefined),
        'give either a UN/LOCODE or a country code',
      )
      .optional(),
    invoicePayableAt: z.union([
      z.object({ UNLocationCode: ZUnlocode }).strict(),
      z.object({ freeText: text(35) }).strict(),
    ]),
    partyContactDetails: z.array(ZContact).min(1),
    documentParties: z
      .object({
        shipper: ZShipper,
        consignee: ZConsignee.optional(),
        endorsee: ZEndorsee.optional(),
        issuingParty: ZIssuingParty,
        notifyParties: z.array(ZNotifyParty).max(3).optional(),
      })
      .strict(),
    consignmentItems: z.array(ZConsignmentItem).min(1),
    utilizedTransportEquipments: z.array(ZUtilizedTransportEquipment).min(1),
    references: z.array(z.object({ type: z.enum(['CR', 'AKG']), value: trimmed(35) }).strict()).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    // The DCSA eBL 3.0 conditions that the JSON schema cannot express.
    if (s.transportDocumentTypeCode === 'SWB' && s.isToOrder) {
      issue(['isToOrder'], 'a sea waybill cannot be issued to order');
    }
    if (!s.isToOrder && s.documentParties.consignee === undefined) {
      issue(['documentParties', 'consignee'], 'a straight bill of lading or sea waybill names its consignee');
    }
    if (s.documentParties.endorsee !== undefined && !s.isToOrder) {
      issue(['documentParties', 'endorsee'], 'only a bill of lading issued to order has an endorsee');
    }
    if (s.documentParties.endorsee !== undefined && s.documentParties.consignee !== undefined) {
      issue(['documentParties', 'endorsee'], 'consignee and endorsee are mutually exclusive');
    }
    if (s.shippedOnBoardDate !== undefined && s.receivedForShipmentDate !== undefined) {
      issue(
        ['receivedForShipmentDate'],
        'give the shipped-on-board date or the received-for-shipment date, not both',
      );
    }
    const originals = (s.numberOfOriginalsWithCharges ?? 0) + (s.numberOfOriginalsWithoutCharges ?? 0);
    if (s.isElectronic && originals > 1) {
      issue(['numberOfOriginalsWithCharges'], 'an electronic bill of lading has one original');
    }
    if (s.transportDocumentTypeCode === 'SWB' && originals > 0) {
      issue(['numberOfOriginalsWithCharges'], 'a sea waybill has no originals');
    }
    if (s.transports.plannedArrivalDate < s.transports.plannedDepartureDate) {
      issue(['transports', 'plannedArrivalDate'], 'the planned arrival is before the planned departure');
    }
    const stuffed = new Set(s.utilizedTransportEquipments.map((e) => e.equipment.equipmentReference));
    s.consignmentItems.forEach((item, i) => {
      item.cargoItems.forEach((cargo, j) => {
        if (!stuffed.has(cargo.equipmentReference)) {
          issue(
            ['consignmentItems', i, 'cargoItems', j, 'equipmentReference'],
            'the container is not listed in utilizedTransportEquipments',
          );
        }
      });
    });
  });

export type BillOfLadingSubject = z.infer<typeof billOfLadingSubject>;

const f = (path: string, en: string, zh: string, render: 'text' | 'date' | 'code' | 'lines' | 'money') => ({
  path,
  label: { en, zh },
  render,
});

/** The bill of lading / sea waybill kind: DCSA eBL 3.0 transport document fields, printed in zh and en. */
export const billOfLadingKind: DocumentKindSpec<typeof billOfLadingSubject> = defineKind({
  kind: 'bill_of_lading',
  documentType: 'BillOfLading',
  title: { en: 'Bill of lading / Sea waybill', zh: '提单 / 海运单' },
  subject: billOfLadingSubject,
  sections: [
    {
      title: { en: 'Transport document', zh: '运输单证' },
      fields: [
        f('transportDocumentReference', 'B/L number', '提单号', 'code'),
        f('transportDocumentTypeCode', 'Document type (BOL / SWB)', '单证类型（提单/海运单）', 'code'),
        f('isToOrder', 'To order (negotiable)', '指示提单（可转让）', 'text'),
        f('isElectronic', 'Electronic', '电子单证', 'text'),
        f('carrierCode', 'Carrier code', '承运人代码', 'code'),
        f('carrierCodeListProvider', 'Carrier code list', '承运人代码表', 'text'),
        f('issueDate', 'Date of issue', '签发日期', 'date'),
        f('placeOfIssue.UNLocationCode', 'Place of issue', '签发地点', 'code'),
        f('shippedOnBoardDate', 'Shipped on board', '装船日期', 'date'),
        f('receivedForShipmentDate', 'Received for shipment', '收货待运日期', 'date'),
        f(
          'displayedShippedOnBoardReceivedForShipment',
          'On-board / received notation',
          '装船/收货批注',
          'text',
        ),
        f('numberOfOriginalsWithCharges', 'Originals with charges', '正本份数（含运费）', 'text'),
        f('numberOfOriginalsWithoutCharges', 'Originals without charges', '正本份数（不含运费）', 'text'),
        f('numberOfCopiesWithCharges', 'Copies with charges', '副本份数（含运费）', 'text'),
        f('numberOfCopiesWithoutCharges', 'Copies without charges', '副本份数（不含运费）', 'text'),
        f('serviceContractReference', 'Service contract', '服务合同号', 'code'),
        f('contractQuotationReference', 'Contract / quotation reference', '合同/报价编号', 'code'),
        f('shippingInstructionsReference', 'Shipping instructions reference', '托运指示编号', 'code'),
      ],
    },
    {
      title: { en: 'Parties', zh: '当事方' },
      fields: [
        f('documentParties.shipper.partyName', 'Shipper', '托运人', 'text'),
        f('documentParties.shipper.displayedAddress', 'Shipper address', '托运人地址', 'lines'),
        f('documentParties.consignee.partyName', 'Consignee', '收货人', 'text'),
        f('documentParties.consignee.displayedAddress', 'Consignee address', '收货人地址', 'lines'),
        f('documentParties.endorsee.partyName', 'Endorsee', '被背书人', 'text'),
        f('documentParties.endorsee.displayedAddress', 'Endorsee address', '被背书人地址', 'lines'),
        f('documentParties.notifyParties.0.partyName', 'Notify party', '通知方', 'text'),
        f('documentParties.notifyParties.0.displayedAddress', 'Notify party address', '通知方地址', 'lines'),
        f('documentParties.issuingParty.partyName', 'Issued by (carrier)', '签发人（承运人）', 'text'),
      ],
    },
    {
      title: { en: 'Routing', zh: '运输路线' },
      fields: [
        f('transports.placeOfReceipt.UNLocationCode', 'Place of receipt', '收货地', 'code'),
        f('displayedNameForPlaceOfReceipt', 'Place of receipt (as printed)', '收货地（显示名称）', 'lines'),
        f('transports.portOfLoading.UNLocationCode', 'Port of loading', '装货港', 'code'),
        f('displayedNameForPortOfLoad', 'Port of loading (as printed)', '装货港（显示名称）', 'lines'),
        f('transports.portOfDischarge.UNLocationCode', 'Port of discharge', '卸货港', 'code'),
        f('displayedNameForPortOfDischarge', 'Port of discharge (as printed)', '卸货港（显示名称）', 'lines'),
        f('transports.placeOfDelivery.UNLocationCode', 'Place of delivery', '交货地', 'code'),
        f('displayedNameForPlaceOfDelivery', 'Place of delivery (as printed)', '交货地（显示名称）', 'lines'),
        f('transports.vesselVoyages.0.vesselName', 'Vessel', '船名', 'text'),
        f('transports.vesselVoyages.0.carrierExportVoyageNumber', 'Voyage', '航次', 'code'),
        f('transports.plannedDepartureDate', 'Planned departure', '计划开航日期', 'date'),
        f('transports.plannedArrivalDate', 'Planned arrival', '计划抵达日期', 'date'),
        f('transports.preCarriageBy', 'Pre-carriage by', '前程运输方式', 'text'),
        f('transports.onCarriageBy', 'On-carriage by', '后程运输方式', 'text'),
        f('receiptTypeAtOrigin', 'Receipt type at origin', '起运地收货方式', 'code'),
        f('deliveryTypeAtDestination', 'Delivery type at destination', '目的地交货方式', 'code'),
        f('cargoMovementTypeAtOrigin', 'Cargo movement at origin', '起运地装箱方式', 'code'),
        f('cargoMovementTypeAtDestination', 'Cargo movement at destination', '目的地拆箱方式', 'code'),
      ],
    },
    {
      title: { en: 'Goods', zh: '货物' },
      table: {
        path: 'consignmentItems',
        columns: [
          {
            path: 'carrierBookingReference',
            label: { en: 'Booking', zh: '订舱号' },
            render: 'code',
            width: 0.15,
          },
          {
            path: 'descriptionOfGoods',
            label: { en: 'Description of goods', zh: '货物描述' },
            render: 'lines',
            width: 0.35,
          },
          { path: 'HSCodes', label: { en: 'HS codes', zh: 'HS 编码' }, render: 'lines', width: 0.15 },
          {
            path: 'shippingMarks',
            label: { en: 'Marks and numbers', zh: '唛头' },
            render: 'lines',
            width: 0.2,
          },
          {
            path: 'cargoItems.0.equipmentReference',
            label: { en: 'Container', zh: '集装箱号' },
            render: 'code',
            width: 0.15,
          },
        ],
      },
    },
    {
      title: { en: 'Containers and seals', zh: '集装箱与封志' },
      table: {
        path: 'utilizedTransportEquipments',
        columns: [
          {
            path: 'equipment.equipmentReference',
            label: { en: 'Container number', zh: '集装箱号' },
            render: 'code',
            width: 0.3,
          },
          {
            path: 'equipment.ISOEquipmentCode',
            label: { en: 'Size / type', zh: '箱型尺寸' },
            render: 'code',
            width: 0.2,
          },
          { path: 'seals.0.number', label: { en: 'Seal number', zh: '封志号' }, render: 'code', width: 0.3 },
          {
            path: 'isShipperOwned',
            label: { en: 'Shipper-owned', zh: '货主自有箱' },
            render: 'text',
            width: 0.2,
          },
        ],
      },
    },
    {
      title: { en: 'Freight and charges', zh: '运费与费用' },
      fields: [
        f(
          'freightPaymentTermCode',
          'Freight payment (PRE prepaid / COL collect)',
          '运费支付（预付/到付）',
          'code',
        ),
        f('invoicePayableAt.UNLocationCode', 'Freight payable at', '运费支付地', 'code'),
        f('invoicePayableAt.freeText', 'Freight payable at (text)', '运费支付地（文字）', 'text'),
        f('declaredValue', 'Declared value', '申报价值', 'money'),
        f('numberOfRiderPages', 'Rider pages', '附页数', 'text'),
      ],
    },
    {
      title: { en: 'Charges', zh: '费用明细' },
      table: {
        path: 'charges',
        columns: [
          { path: 'chargeName', label: { en: 'Charge', zh: '费用项目' }, render: 'text', width: 0.35 },
          { path: 'calculationBasis', label: { en: 'Basis', zh: '计费基础' }, render: 'text', width: 0.2 },
          {
            path: 'paymentTermCode',
            label: { en: 'PRE / COL', zh: '预付/到付' },
            render: 'code',
            width: 0.15,
          },
          { path: 'amount', label: { en: 'Amount', zh: '金额' }, render: 'money', width: 0.3 },
        ],
      },
    },
    {
      title: { en: 'Terms and clauses', zh: '条款' },
      fields: [
        f('carrierClauses', 'Carrier clauses', '承运人附加条款', 'lines'),
        f('termsAndConditions', 'Terms and conditions of carriage', '运输条款', 'text'),
      ],
    },
  ],
});
