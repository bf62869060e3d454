import { type FieldError, moneyToJson } from '@tradehub/kernel';
import type { Incoterms2020Rule, OrderContent, OrderParty } from './order-content.ts';

// A bill of lading / sea waybill subject (DCSA eBL 3.0 names, documents/domain/kinds/bill-of-lading.ts)
// from an order. The order knows the parties, the goods, the Incoterms rule and its named place; the
// carrier's facts (B/L number, booking, vessel and voyage, containers, seals, weights, packages,
// dates, terms) come from the overrides. Pure: no clock, no I/O.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const withoutUndefined = (value: Json): Json =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

/**
 * Override keys that are not subject fields: each is spread into the DCSA structure it stands for,
 * so a caller (the web form) can give a container once instead of as equipment plus cargo item.
 */
export const billOfLadingShortcutKeys = [
  'containers',
  'carrierBookingReference',
  'shippingMarks',
  'declareValue',
] as const;

/** Who pays the ocean freight under each Incoterms 2020 rule: the seller under C and D rules. */
export const freightPaymentTermOf = (rule: Incoterms2020Rule): 'PRE' | 'COL' =>
  rule === 'EXW' || rule === 'FCA' || rule === 'FAS' || rule === 'FOB' ? 'COL' : 'PRE';

/** The transport location the Incoterms named place is: where the seller's or the buyer's leg ends. */
const namedPlaceRole = (
  rule: Incoterms2020Rule,
): 'placeOfReceipt' | 'portOfLoading' | 'portOfDischarge' | 'placeOfDelivery' => {
  switch (rule) {
    case 'EXW':
    case 'FCA':
      return 'placeOfReceipt';
    case 'FAS':
    case 'FOB':
      return 'portOfLoading';
    case 'CFR':
    case 'CIF':
      return 'portOfDischarge';
    default:
      return 'placeOfDelivery';
  }
};

const LINE = 35;

/** Text cut into DCSA's 35-character lines, at spaces where there are any. */
export const wrapLines = (text: string, width = LINE): string[] => {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') {
      out.push(current);
      current = '';
    }
  };
  for (const word of text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')) {
    const chars = Array.from(word);
    if (current !== '' && Array.from(current).length + 1 + chars.length <= width) {
      current = `${current} ${word}`;
      continue;
    }
    flush();
    for (let i = 0; i < chars.length; i += width) {
      const piece = chars.slice(i, i + width).join('');
      if (i + width < chars.length) {
        out.push(piece);
      } else {
        current = piece;
      }
    }
  }
  flush();
  return out;
};

/** A money amount as a DCSA float carries it: no trailing zeros after the decimal point. */
const floatAmount = (amount: string): string =>
  amount.includes('.') ? amount.replace(/0+$/, '').replace(/\.$/, '') : amount;

const partyAddress = (p: OrderParty): Json | undefined => {
  const street = (p.addressLines ?? [])
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(', ');
  if (street === '' || street.length > 70 || p.city === undefined || p.city.trim() === '') {
    return undefined;
  }
  const postCode = p.postalCode?.trim();
  return withoutUndefined({
    street,
    postCode: postCode !== undefined && postCode !== '' && postCode.length <= 10 ? postCode : undefined,
    city: p.city.trim(),
    countryCode: p.country,
  });
};

const displayedAddress = (p: OrderParty): string[] | undefined => {
  const cityLine = [p.postalCode, p.city].filter((v) => v !== undefined && v.trim() !== '').join(' ');
  const lines = [...(p.addressLines ?? []), [cityLine, p.country].filter((v) => v !== '').join(', ')].flatMap(
    (l) => wrapLines(l),
  );
  // A printed address the carrier would have to cut is left to the structured address.
  return lines.length > 0 && lines.length <= 6 ? lines : undefined;
};

const documentParty = (p: OrderParty): Json =>
  withoutUndefined({
    partyName: p.name.trim(),
    address: partyAddress(p),
    displayedAddress: displayedAddress(p),
    identifyingCodes:
      p.companyId === undefined
        ? undefined
        : [{ codeListProvider: 'ZZZ', codeListName: 'Company ID', partyCode: p.companyId }],
  });

const location = (unlocode: string, name: string | undefined): Json =>
  withoutUndefined({ UNLocationCode: unlocode, locationName: name?.trim() || undefined });

const descriptionOfGoods = (order: OrderContent): string[] =>
  order.lines.flatMap((line) => [
    ...wrapLines(line.descriptionEn),
    ...(line.descriptionZh === undefined ? [] : wrapLines(line.descriptionZh)),
  ]);

const defaultShippingMarks = (order: OrderContent): string[] => [
  ...wrapLines(order.buyer.name),
  ...wrapLines(`PO ${order.buyerReference}`),
];

/** The containers shortcut spread into DCSA equipment and cargo items, naming what a container lacks. */
const containersOf = (
  containers: unknown,
  errors: FieldError[],
): { equipments: Json[]; cargoItems: Json[] } | undefined => {
  if (containers === undefined) {
    return undefined;
  }
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push({
      field: 'overrides.containers',
      code: 'kernel.invalid_format',
      message: 'a list of at least one container',
    });
    return undefined;
  }
  const equipments: Json[] = [];
  const cargoItems: Json[] = [];
  containers.forEach((value, i) => {
    const c = isObject(value) ? value : {};
    for (const key of ['equipmentReference', 'seals', 'cargoGrossWeight', 'outerPackaging']) {
      if (c[key] === undefined) {
        errors.push({
          field: `overrides.containers.${i}.${key}`,
          code: 'kernel.required',
          message: 'the carrier gives this; the order cannot',
        });
      }
    }
    equipments.push(
      withoutUndefined({
        equipment: withoutUndefined({
          equipmentReference: c.equipmentReference,
          ISOEquipmentCode: c.ISOEquipmentCode,
          tareWeight: c.tareWeight,
        }),
        isShipperOwned: c.isShipperOwned ?? false,
        seals: c.seals,
      }),
    );
    cargoItems.push(
      withoutUndefined({
        equipmentReference: c.equipmentReference,
        cargoGrossWeight: c.cargoGrossWeight,
        cargoGrossVolume: c.cargoGrossVolume,
        cargoNetWeight: c.cargoNetWeight,
        cargoNetVolume: c.cargoNetVolume,
        outerPackaging: c.outerPackaging,
      }),
    );
  });
  return { equipments, cargoItems };
};

const valueAt = (root: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) => (Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined),
      root,
    );

/**
 * The generated subject before `overrides` (minus the shortcut keys) are merged over it, and the
 * overrides the order cannot replace that are missing. `merge` is generate-documents' deep merge.
 */
export const billOfLadingSubjectFromOrder = (
  order: OrderContent,
  issueDate: string,
  overrides: Json,
  merge: (base: unknown, override: unknown) => unknown,
): { subject: Json; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const { containers, carrierBookingReference, shippingMarks, declareValue, ...fields } = overrides;
  const typeCode = fields.transportDocumentTypeCode ?? 'BOL';
  const isToOrder = fields.isToOrder ?? false;
  const isElectronic = fields.isElectronic ?? true;
  const isShippedOnBoardType = fields.isShippedOnBoardType ?? fields.receivedForShipmentDate === undefined;
  const freight = freightPaymentTermOf(order.incoterms.rule);
  const role = namedPlaceRole(order.incoterms.rule);
  const namedPlace = location(order.incoterms.namedPlace.unlocode, order.incoterms.namedPlace.name);

  const transports: Json = { [role]: namedPlace };
  const spread = containersOf(containers, errors);
  const marks =
    typeof shippingMarks === 'string'
      ? shippingMarks.split('\n').flatMap((l) => wrapLines(l))
      : (shippingMarks ?? defaultShippingMarks(order));
  const hsCodes = [...new Set(order.lines.map((l) => l.hsCode))];
  const shipper = documentParty(order.seller);
  const buyer = documentParty(order.buyer);
  const { identifyingCodes: _codes, ...notify } = buyer;
  const contactName = order.seller.name.trim().slice(0, LINE).trim();

  const generated: Json = withoutUndefined({
    transportDocumentTypeCode: typeCode,
    isShippedOnBoardType,
    freightPaymentTermCode: freight,
    isElectronic,
    isToOrder,
    numberOfOriginalsWithCharges:
      typeCode === 'BOL' && isElectronic === true && fields.numberOfOriginalsWithoutCharges === undefined
        ? 1
        : undefined,
    receiptTypeAtOrigin: 'CY',
    deliveryTypeAtDestination: 'CY',
    cargoMovementTypeAtOrigin: 'FCL',
    cargoMovementTypeAtDestination: 'FCL',
    issueDate,
    carrierCodeListProvider: 'NMFTA',
    declaredValue:
      declareValue === true
        ? { amount: floatAmount(moneyToJson(order.total).amount), currency: order.currency }
        : undefined,
    transports,
    partyContactDetails:
      order.seller.email === undefined ? undefined : [{ name: contactName, email: order.seller.email }],
    documentParties: withoutUndefined({
      shipper: withoutUndefined({
        ...shipper,
        purchaseOrderReferences: order.buyerReference.length <= LINE ? [order.buyerReference] : undefined,
      }),
      consignee: isToOrder === true ? undefined : buyer,
      notifyParties: [notify],
    }),
    consignmentItems: [
      withoutUndefined({
        carrierBookingReference,
        descriptionOfGoods: descriptionOfGoods(order),
        HSCodes: hsCodes,
        shippingMarks: marks,
        cargoItems: spread?.cargoItems,
        references:
          order.buyerReference.length <= LINE ? [{ type: 'CPO', values: [order.buyerReference] }] : undefined,
      }),
    ],
    utilizedTransportEquipments: spread?.equipments,
  });
  const subject = merge(generated, fields) as Json;

  // Freight is paid where the payer is: at the port of loading when prepaid, of discharge when collect.
  const payableAt = valueAt(
    subject,
    subject.freightPaymentTermCode === 'PRE' ? 'transports.portOfLoading' : 'transports.portOfDischarge',
  );
  if (
    subject.invoicePayableAt === undefined &&
    isObject(payableAt) &&
    typeof payableAt.UNLocationCode === 'string'
  ) {
    subject.invoicePayableAt = { UNLocationCode: payableAt.UNLocationCode };
  }

  const required: [path: string, field: string][] = [
    ['transportDocumentReference', 'transportDocumentReference'],
    ['carrierCode', 'carrierCode'],
    ['termsAndConditions', 'termsAndConditions'],
    ['documentParties.issuingParty', 'documentParties.issuingParty'],
    ['transports.plannedDepartureDate', 'transports.plannedDepartureDate'],
    ['transports.plannedArrivalDate', 'transports.plannedArrivalDate'],
    ['transports.portOfLoading', 'transports.portOfLoading'],
    ['transports.portOfDischarge', 'transports.portOfDischarge'],
    ['transports.vesselVoyages', 'transports.vesselVoyages'],
    ['partyContactDetails', 'partyContactDetails'],
    ['consignmentItems.0.carrierBookingReference', 'carrierBookingReference'],
    ['utilizedTransportEquipments', 'containers'],
  ];
  if (isShippedOnBoardType === true && subject.receivedForShipmentDate === undefined) {
    required.push(['shippedOnBoardDate', 'shippedOnBoardDate']);
  }
  if (isShippedOnBoardType === false) {
    required.push(['receivedForShipmentDate', 'receivedForShipmentDate']);
  }
  if (isToOrder !== true) {
    required.push([
      'documentParties.consignee.identifyingCodes',
      'documentParties.consignee.identifyingCodes',
    ]);
  }
  if (typeCode === 'BOL' && isElectronic === false && subject.numberOfOriginalsWithoutCharges === undefined) {
    required.push(['numberOfOriginalsWithCharges', 'numberOfOriginalsWithCharges']);
  }
  for (const [path, field] of required) {
    if (
      valueAt(subject, path) === undefined &&
      !errors.some((e) => e.field.startsWith(`overrides.${field}`))
    ) {
      errors.push({
        field: `overrides.${field}`,
        code: 'kernel.required',
        message: 'the order does not hold this; give it in the overrides',
      });
    }
  }
  return { subject, errors };
};
