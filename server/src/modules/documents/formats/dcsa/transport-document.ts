import { AppError, type FieldError } from '@tradehub/kernel';
import type { z } from 'zod';
import { type BillOfLadingSubject, billOfLadingSubject } from '../../domain/kinds/bill-of-lading.ts';
import { DCSA_EBL_VERSION, validateDcsaTransportDocument } from './transport-document-schema.ts';

// Bill of lading subject <-> DCSA eBL 3.0.3 TransportDocument JSON. The subject uses DCSA's property
// names, so most of the mapping is a copy of the properties tradehub carries; the exceptions are the
// floats (decimal strings in the subject) and the amounts with a separate currency property (a
// MoneyJson in the subject). docs/documents.md lists the mapping and the DCSA properties left out.

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Copies the listed properties that are present; the rest of `source` is left behind. */
const pick = (source: unknown, keys: readonly string[]): Json => {
  const from = asObject(source);
  const out: Json = {};
  for (const key of keys) {
    if (Object.hasOwn(from, key) && from[key] !== undefined) {
      out[key] = from[key];
    }
  }
  return out;
};

/** Sets `key` only when `value` is defined, so absent stays absent. */
const put = (target: Json, key: string, value: unknown): void => {
  if (value !== undefined) {
    target[key] = value;
  }
};

/** A DCSA float as the subject's decimal string; the subject schema rejects what is not exact. */
const toDecimal = (value: unknown): unknown =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
const toFloat = (value: string): number => Number(value);

// --- DCSA -> subject ---------------------------------------------------------------------------

const ADDRESS_KEYS = [
  'street',
  'streetNumber',
  'floor',
  'postCode',
  'POBox',
  'city',
  'UNLocationCode',
  'stateRegion',
  'countryCode',
];
const PARTY_KEYS = [
  'partyName',
  'addressLines',
  'displayedAddress',
  'typeOfPerson',
  'reference',
  'purchaseOrderReferences',
];

const importParty = (source: unknown, keys: readonly string[]): Json | undefined => {
  if (source === undefined) {
    return undefined;
  }
  const party = pick(source, keys);
  const from = asObject(source);
  put(party, 'address', from.address === undefined ? undefined : pick(from.address, ADDRESS_KEYS));
  put(
    party,
    'identifyingCodes',
    from.identifyingCodes === undefined
      ? undefined
      : asList(from.identifyingCodes).map((c) => pick(c, ['codeListProvider', 'partyCode', 'codeListName'])),
  );
  put(
    party,
    'taxLegalReferences',
    from.taxLegalReferences === undefined
      ? undefined
      : asList(from.taxLegalReferences).map((r) => pick(r, ['type', 'countryCode', 'value'])),
  );
  put(
    party,
    'partyContactDetails',
    from.partyContactDetails === undefined ? undefined : importContacts(from.partyContactDetails),
  );
  return party;
};

const importContacts = (source: unknown) => asList(source).map((c) => pick(c, ['name', 'phone', 'email']));

const importMeasure = (source: unknown): Json | undefined => {
  if (source === undefined) {
    return undefined;
  }
  const from = asObject(source);
  return { value: toDecimal(from.value), unit: from.unit };
};

const importPlace = (source: unknown): Json | undefined => {
  if (source === undefined) {
    return undefined;
  }
  const place = pick(source, ['UNLocationCode', 'locationName', 'facilityName']);
  const from = asObject(source);
  put(
    place,
    'address',
    from.address === undefined
      ? undefined
      : pick(
          from.address,
          ADDRESS_KEYS.filter((k) => k !== 'UNLocationCode'),
        ),
  );
  return place;
};

const importTransports = (source: unknown): Json => {
  const from = asObject(source);
  const transports = pick(from, [
    'plannedDepartureDate',
    'plannedArrivalDate',
    'preCarriageBy',
    'onCarriageBy',
  ]);
  put(transports, 'placeOfReceipt', importPlace(from.placeOfReceipt));
  put(
    transports,
    'portOfLoading',
    from.portOfLoading === undefined
      ? undefined
      : pick(from.portOfLoading, ['UNLocationCode', 'locationName']),
  );
  put(
    transports,
    'portOfDischarge',
    from.portOfDischarge === undefined
      ? undefined
      : pick(from.portOfDischarge, ['UNLocationCode', 'locationName']),
  );
  put(transports, 'placeOfDelivery', importPlace(from.placeOfDelivery));
  transports.vesselVoyages = asList(from.vesselVoyages).map((v) =>
    pick(v, ['vesselName', 'carrierExportVoyageNumber', 'universalExportVoyageReference', 'role']),
  );
  return transports;
};

const importCargoItem = (source: unknown): Json => {
  const from = asObject(source);
  const cargo = pick(from, ['equipmentReference']);
  put(cargo, 'cargoGrossWeight', importMeasure(from.cargoGrossWeight));
  put(cargo, 'cargoGrossVolume', importMeasure(from.cargoGrossVolume));
  put(cargo, 'cargoNetWeight', importMeasure(from.cargoNetWeight));
  put(cargo, 'cargoNetVolume', importMeasure(from.cargoNetVolume));
  put(
    cargo,
    'outerPackaging',
    from.outerPackaging === undefined
      ? undefined
      : pick(from.outerPackaging, ['packageCode', 'numberOfPackages', 'description', 'woodDeclaration']),
  );
  return cargo;
};

const importConsignmentItem = (source: unknown): Json => {
  const from = asObject(source);
  const item = pick(from, [
    'carrierBookingReference',
    'descriptionOfGoods',
    'HSCodes',
    'extendedHSCodes',
    'shippingMarks',
  ]);
  item.cargoItems = asList(from.cargoItems).map(importCargoItem);
  put(
    item,
    'references',
    from.references === undefined
      ? undefined
      : asList(from.references).map((r) => pick(r, ['type', 'values'])),
  );
  return item;
};

const importEquipment = (source: unknown): Json => {
  const from = asObject(source);
  const ute = pick(from, ['isShipperOwned', 'shippingMarks']);
  const equipment = asObject(from.equipment);
  const picked = pick(equipment, ['equipmentReference', 'ISOEquipmentCode']);
  put(picked, 'tareWeight', importMeasure(equipment.tareWeight));
  ute.equipment = picked;
  ute.seals = asList(from.seals).map((s) => pick(s, ['number', 'source']));
  return ute;
};

const importMoney = (amount: unknown, currency: unknown): Json | undefined =>
  amount === undefined && currency === undefined ? undefined : { amount: toDecimal(amount), currency };

/** The subject candidate built from a schema-valid DCSA document, before the subject schema checks it. */
const subjectCandidate = (json: Json): Json => {
  const subject = pick(json, [
    'transportDocumentReference',
    'transportDocumentSubReference',
    'shippingInstructionsReference',
    'transportDocumentStatus',
    'transportDocumentTypeCode',
    'isShippedOnBoardType',
    'freightPaymentTermCode',
    'isElectronic',
    'isToOrder',
    'numberOfCopiesWithCharges',
    'numberOfCopiesWithoutCharges',
    'numberOfOriginalsWithCharges',
    'numberOfOriginalsWithoutCharges',
    'displayedNameForPlaceOfReceipt',
    'displayedNameForPortOfLoad',
    'displayedNameForPortOfDischarge',
    'displayedNameForPlaceOfDelivery',
    'shippedOnBoardDate',
    'receivedForShipmentDate',
    'displayedShippedOnBoardReceivedForShipment',
    'termsAndConditions',
    'receiptTypeAtOrigin',
    'deliveryTypeAtDestination',
    'cargoMovementTypeAtOrigin',
    'cargoMovementTypeAtDestination',
    'issueDate',
    'serviceContractReference',
    'contractQuotationReference',
    'carrierCode',
    'carrierCodeListProvider',
    'carrierClauses',
    'numberOfRiderPages',
    'invoicePayableAt',
  ]);
  put(subject, 'declaredValue', importMoney(json.declaredValue, json.declaredValueCurrency));
  subject.transports = importTransports(json.transports);
  put(
    subject,
    'charges',
    json.charges === undefined
      ? undefined
      : asList(json.charges).map((c) => {
          const from = asObject(c);
          const charge = pick(from, ['chargeName', 'paymentTermCode', 'calculationBasis']);
          charge.amount = importMoney(from.currencyAmount, from.currencyCode);
          charge.unitPrice = toDecimal(from.unitPrice);
          charge.quantity = toDecimal(from.quantity);
          return charge;
        }),
  );
  put(
    subject,
    'placeOfIssue',
    json.placeOfIssue === undefined
      ? undefined
      : pick(json.placeOfIssue, ['locationName', 'UNLocationCode', 'countryCode']),
  );
  subject.partyContactDetails = importContacts(json.partyContactDetails);
  const parties = asObject(json.documentParties);
  const documentParties: Json = {};
  put(documentParties, 'shipper', importParty(parties.shipper, PARTY_KEYS));
  put(documentParties, 'consignee', importParty(parties.consignee, PARTY_KEYS));
  put(
    documentParties,
    'endorsee',
    importParty(parties.endorsee, ['partyName', 'addressLines', 'displayedAddress']),
  );
  put(documentParties, 'issuingParty', importParty(parties.issuingParty, ['partyName', 'addressLines']));
  put(
    documentParties,
    'notifyParties',
    parties.notifyParties === undefined
      ? undefined
      : asList(parties.notifyParties).map((p) =>
          importParty(p, ['partyName', 'addressLines', 'displayedAddress', 'typeOfPerson', 'reference']),
        ),
  );
  subject.documentParties = documentParties;
  subject.consignmentItems = asList(json.consignmentItems).map(importConsignmentItem);
  subject.utilizedTransportEquipments = asList(json.utilizedTransportEquipments).map(importEquipment);
  put(
    subject,
    'references',
    json.references === undefined
      ? undefined
      : asList(json.references).map((r) => pick(r, ['type', 'value'])),
  );
  return subject;
};

/** Where a subject field lives in the DCSA JSON, for the few fields whose path differs. */
export const dcsaPathOfSubjectPath = (path: string): string =>
  path
    .replace(/^declaredValue\.amount$/, 'declaredValue')
    .replace(/^declaredValue\.currency$/, 'declaredValueCurrency')
    .replace(/^(charges\.\d+)\.amount\.amount$/, '$1.currencyAmount')
    .replace(/^(charges\.\d+)\.amount\.currency$/, '$1.currencyCode')
    .replace(/^(charges\.\d+)\.amount$/, '$1.currencyAmount');

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? (node as Json)[String(key)] : undefined),
    root,
  );

const subjectIssues = (error: z.ZodError, input: unknown, toPath: (path: string) => string): FieldError[] =>
  error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const params = (issue as { params?: { code?: unknown } }).params;
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    return {
      field: path === '' ? 'body' : toPath(path),
      code:
        typeof params?.code === 'string'
          ? params.code
          : missing
            ? 'kernel.required'
            : 'kernel.invalid_format',
      message: issue.message,
    };
  });

/**
 * Reads a DCSA eBL 3.0 TransportDocument into a bill of lading subject. The JSON must be valid
 * against the official 3.0.3 schema and must satisfy tradehub's subject rules (ISO 6346 check
 * digits, UN/LOCODE ports, currency decimals, the B/L conditions); otherwise it throws
 * AppError http.validation_failed whose field errors name DCSA JSON paths.
 */
export const fromDcsaTransportDocument = (json: unknown): BillOfLadingSubject => {
  const checked = validateDcsaTransportDocument(json);
  if (!checked.valid) {
    throw new AppError(
      'http.validation_failed',
      `The transport document does not match the DCSA eBL ${DCSA_EBL_VERSION} schema.`,
      { fieldErrors: checked.errors },
    );
  }
  const candidate = subjectCandidate(asObject(json));
  const parsed = billOfLadingSubject.safeParse(candidate);
  if (!parsed.success) {
    throw new AppError(
      'http.validation_failed',
      'The transport document has fields tradehub cannot accept.',
      {
        fieldErrors: subjectIssues(parsed.error, candidate, dcsaPathOfSubjectPath),
      },
    );
  }
  return parsed.data;
};

// --- subject -> DCSA ---------------------------------------------------------------------------

const exportMeasure = (measure: { value: string; unit: string } | undefined) =>
  measure === undefined ? undefined : { value: toFloat(measure.value), unit: measure.unit };

/** Options of an export that are not part of the document's content. */
export type DcsaExportOptions = {
  /** The DCSA status to state; defaults to the subject's, else ISSUED (tradehub exports issued documents). */
  transportDocumentStatus?: NonNullable<BillOfLadingSubject['transportDocumentStatus']>;
};

/**
 * Writes a bill of lading subject as a DCSA eBL 3.0.3 TransportDocument. The subject is checked
 * first (AppError http.validation_failed); the result validates against the official schema.
 */
export const toDcsaTransportDocument = (
  subject: BillOfLadingSubject,
  options: DcsaExportOptions = {},
): Json => {
  const parsed = billOfLadingSubject.safeParse(subject);
  if (!parsed.success) {
    throw new AppError('http.validation_failed', 'The bill of lading has invalid fields.', {
      fieldErrors: subjectIssues(parsed.error, subject, (path) => path),
    });
  }
  // A JSON copy, so the export never shares arrays or objects with the caller's subject.
  const s = JSON.parse(JSON.stringify(parsed.data)) as BillOfLadingSubject;
  const { declaredValue, charges, transportDocumentStatus, ...rest } = s;
  const out: Json = { ...rest };
  out.transportDocumentStatus = options.transportDocumentStatus ?? transportDocumentStatus ?? 'ISSUED';
  if (declaredValue !== undefined) {
    out.declaredValue = toFloat(declaredValue.amount);
    out.declaredValueCurrency = declaredValue.currency;
  }
  if (charges !== undefined) {
    out.charges = charges.map(({ amount, unitPrice, quantity, ...charge }) => ({
      ...charge,
      currencyAmount: toFloat(amount.amount),
      currencyCode: amount.currency,
      unitPrice: toFloat(unitPrice),
      quantity: toFloat(quantity),
    }));
  }
  out.consignmentItems = s.consignmentItems.map((item) => ({
    ...item,
    cargoItems: item.cargoItems.map((cargo) => {
      const c: Json = { ...cargo, cargoGrossWeight: exportMeasure(cargo.cargoGrossWeight) };
      put(c, 'cargoGrossVolume', exportMeasure(cargo.cargoGrossVolume));
      put(c, 'cargoNetWeight', exportMeasure(cargo.cargoNetWeight));
      put(c, 'cargoNetVolume', exportMeasure(cargo.cargoNetVolume));
      return c;
    }),
  }));
  out.utilizedTransportEquipments = s.utilizedTransportEquipments.map((ute) => {
    const equipment: Json = { ...ute.equipment };
    put(equipment, 'tareWeight', exportMeasure(ute.equipment.tareWeight));
    return { ...ute, equipment };
  });
  return out;
};
