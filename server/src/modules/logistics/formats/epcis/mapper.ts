import { parseDateTime } from '../../domain/shipment.ts';
import { referencesOf, type TrackingEventFields } from '../../domain/tracking-event.ts';
import {
  CARRIER_BOOKING_TYPE,
  DCSA_NAMESPACE,
  dcsaDocumentType,
  EPCIS_CONTEXT,
  type HubIdentifiers,
  unlocodeUri,
  uriSegment,
} from './identifiers.ts';

/** What of the shipment an event is mapped with: its containers, cargo, orders and documents. */
export type ConsignmentFacts = {
  shipmentId: string;
  /** ISO 6346 numbers as stored (normalised). */
  containerNumbers: readonly string[];
  cargoLines: readonly { packages: number }[];
  orderIds: readonly string[];
  carrierBookingReference: string | null;
  transportDocumentReference: string | null;
};

type BizTransaction = { type: string; bizTransaction: string };

/** One EPCIS 2.0 event in the JSON binding; `dcsa:` members carry the DCSA event it came from. */
export type EpcisEvent = {
  type: 'ObjectEvent' | 'AggregationEvent' | 'TransactionEvent';
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
} & Record<string, unknown>;

export type EpcisDocument = {
  '@context': [string, { dcsa: string }];
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
};

/** What an equipment event code becomes (CBV 2.0 business steps and dispositions). */
type EquipmentStep =
  | { kind: 'object'; bizStep: string; disposition?: string; atLocation: boolean }
  | { kind: 'aggregation'; action: 'ADD' | 'DELETE'; bizStep: string; disposition: string };

/**
 * DCSA T&T 2.2 equipment event codes and their EPCIS meaning. `atLocation`: the container stays
 * at the place after the event, so it is also the event's bizLocation; after departing it is not.
 */
export const equipmentSteps: Record<string, EquipmentStep> = {
  // Gate out of a terminal or depot: the container leaves it.
  GTOT: { kind: 'object', bizStep: 'departing', disposition: 'in_transit', atLocation: false },
  // Gate in: the container arrives at the terminal or depot.
  GTIN: { kind: 'object', bizStep: 'arriving', disposition: 'in_progress', atLocation: true },
  // Loaded on board the vessel, train or truck: in transit from here on.
  LOAD: { kind: 'object', bizStep: 'loading', disposition: 'in_transit', atLocation: true },
  // Discharged from the means of transport at the place.
  DISC: { kind: 'object', bizStep: 'unloading', disposition: 'in_progress', atLocation: true },
  // Inspected: the outcome is not part of a DCSA event, so no disposition is claimed.
  INSP: { kind: 'object', bizStep: 'inspecting', atLocation: true },
  // Picked up by the haulier or merchant: possession changes hands and the container moves on.
  PICK: { kind: 'object', bizStep: 'accepting', disposition: 'in_transit', atLocation: false },
  // Dropped off at the consignee, the shipper or a depot, which takes it in.
  DROP: { kind: 'object', bizStep: 'receiving', disposition: 'in_progress', atLocation: true },
  // Seal removed, and resealed: CBV has no sealing step; the container state is the disposition.
  RMVD: { kind: 'object', bizStep: 'other', disposition: 'container_open', atLocation: true },
  RSEA: { kind: 'object', bizStep: 'other', disposition: 'container_closed', atLocation: true },
  // Stuffed: the cargo goes into the container (aggregation of the goods into it).
  STUF: { kind: 'aggregation', action: 'ADD', bizStep: 'packing', disposition: 'in_progress' },
  // Stripped: everything comes out of the container (a DELETE without children empties it).
  STRP: { kind: 'aggregation', action: 'DELETE', bizStep: 'unpacking', disposition: 'in_progress' },
};

/** DCSA transport events: the vessel (train, truck) with the consignment's containers on board. */
export const transportSteps: Record<string, { bizStep: string; disposition: string; atLocation: boolean }> = {
  DEPA: { bizStep: 'departing', disposition: 'in_transit', atLocation: false },
  ARRI: { bizStep: 'arriving', disposition: 'in_progress', atLocation: true },
};

/**
 * DCSA shipment events report a document's status. Coming into force (confirmed, issued,
 * approved) associates the goods with the document (ADD), a voided or rejected document
 * dissociates them (DELETE), any other status observes the association.
 */
export const shipmentActions: Record<string, 'ADD' | 'OBSERVE' | 'DELETE'> = {
  CONF: 'ADD',
  ISSU: 'ADD',
  APPR: 'ADD',
  VOID: 'DELETE',
  REJE: 'DELETE',
};

const BOOKING_DOCUMENTS = new Set(['BKG', 'CBR']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringAt = (value: unknown, key: string): string | undefined => {
  const found = isRecord(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : undefined;
};

const distinct = <T>(values: readonly T[], key: (value: T) => string): T[] => {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) {
      return false;
    }
    seen.add(k);
    return true;
  });
};

const nonBlank = (values: readonly (string | null | undefined)[]): string[] =>
  distinct(
    values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()),
    (v) => v,
  );

const ZONE = /(?:Z|([+-]\d{2}:\d{2}))$/i;
const EPCIS_ZONE = /^[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)$/;

/**
 * EPCIS `eventTime` (the instant, in UTC) and `eventTimeZoneOffset` (the offset the DCSA time was
 * written in). An offset EPCIS cannot state (beyond ±14:00) becomes +00:00; the exact DCSA text
 * stays in `dcsa:eventDateTime`.
 */
export const epcisTimeOf = (dateTime: string): { eventTime: string; eventTimeZoneOffset: string } => {
  const ms = parseDateTime(dateTime);
  if (ms === undefined) {
    // Every stored event passed this check on the way in (domain/tracking-event.ts).
    throw new Error('a stored DCSA event has an eventDateTime that is no RFC 3339 date-time');
  }
  const offset = ZONE.exec(dateTime)?.[1] ?? '+00:00';
  return {
    eventTime: new Date(ms).toISOString(),
    eventTimeZoneOffset: EPCIS_ZONE.test(offset) ? offset : '+00:00',
  };
};

/**
 * The DCSA event member by member under the `dcsa:` prefix, nested objects too, so that nothing of
 * it is lost and JSON-LD expands every member into the DCSA namespace. A member name is
 * percent-encoded where it could not otherwise stand in a compact IRI; a member with an empty
 * name (no DCSA field has one) is left out, as `dcsa:` alone names no term.
 */
export const dcsaExtension = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(dcsaExtension);
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name]) => name !== '')
        .map(([name, member]) => [`dcsa:${uriSegment(name)}`, dcsaExtension(member)]),
    );
  }
  return value;
};

/** The UN/LOCODE URI of where the event happened: the event location first, then the call's. */
const placeOf = (event: TrackingEventFields): string | undefined => {
  const call = event.transportCall;
  const candidates = [
    stringAt(event.eventLocation, 'UNLocationCode'),
    stringAt(call, 'UNLocationCode'),
    stringAt(isRecord(call) ? call.location : undefined, 'UNLocationCode'),
  ];
  for (const code of candidates) {
    const uri = code === undefined ? undefined : unlocodeUri(code);
    if (uri !== undefined) {
      return uri;
    }
  }
  return undefined;
};

/**
 * What the event is about: the containers it names; else the shipment's containers (a vessel's
 * departure moves all of them, and DCSA lets an event name none); else the consignment itself.
 */
const objectsOf = (event: TrackingEventFields, consignment: ConsignmentFacts, ids: HubIdentifiers) => {
  const named = referencesOf(event).equipmentReferences;
  const numbers = named.length > 0 ? named : consignment.containerNumbers;
  return numbers.length > 0
    ? distinct(numbers.map(ids.container), (uri) => uri)
    : [ids.consignment(consignment.shipmentId)];
};

/**
 * The business transactions of the event: the transport document (CBV `bol`) and carrier
 * booking of the shipment and of the event, the shipment's orders (CBV `po`), and for a shipment
 * event the document it reports on.
 */
const bizTransactionsOf = (
  event: TrackingEventFields,
  consignment: ConsignmentFacts,
  ids: HubIdentifiers,
): BizTransaction[] => {
  const references = referencesOf(event);
  const transportDocuments = nonBlank([
    consignment.transportDocumentReference,
    ...references.transportDocumentReferences,
  ]);
  const bookings = nonBlank([consignment.carrierBookingReference, ...references.carrierBookingReferences]);
  const list: BizTransaction[] = [
    ...transportDocuments.map((r) => ({ type: 'bol', bizTransaction: ids.transportDocument(r) })),
    ...bookings.map((r) => ({ type: CARRIER_BOOKING_TYPE, bizTransaction: ids.carrierBooking(r) })),
    ...consignment.orderIds.map((o) => ({ type: 'po', bizTransaction: ids.order(o) })),
  ];
  if (event.eventType === 'SHIPMENT') {
    const code = stringAt(event, 'documentTypeCode') ?? '';
    const documentID = (stringAt(event, 'documentID') ?? '').trim();
    list.push(
      code === 'TRD'
        ? { type: 'bol', bizTransaction: ids.transportDocument(documentID) }
        : BOOKING_DOCUMENTS.has(code)
          ? { type: CARRIER_BOOKING_TYPE, bizTransaction: ids.carrierBooking(documentID) }
          : { type: dcsaDocumentType(code), bizTransaction: ids.dcsaDocument(code, documentID) },
    );
  }
  return distinct(list, (t) => `${t.type} ${t.bizTransaction}`);
};

/**
 * The EPCIS 2.0 event of one DCSA T&T 2.2 event, or undefined for a planned, estimated or
 * requested one: EPCIS records what happened, so only actual (`ACT`) events become EPCIS events.
 */
export const dcsaEventToEpcis = (
  event: TrackingEventFields,
  consignment: ConsignmentFacts,
  ids: HubIdentifiers,
): EpcisEvent | undefined => {
  if (event.eventClassifierCode !== 'ACT') {
    return undefined;
  }
  const eventID = stringAt(event, 'eventID');
  if (eventID === undefined) {
    throw new Error('a stored DCSA event has no eventID');
  }
  const head = {
    eventID: `urn:uuid:${uriSegment(eventID.toLowerCase())}`,
    ...epcisTimeOf(String(event.eventDateTime)),
  };
  const place = placeOf(event);
  const readPoint = place === undefined ? {} : { readPoint: { id: place } };
  const at = (atLocation: boolean) =>
    atLocation && place !== undefined ? { bizLocation: { id: place } } : {};
  const transactions = bizTransactionsOf(event, consignment, ids);
  const bizTransactionList = transactions.length > 0 ? { bizTransactionList: transactions } : {};
  const objects = objectsOf(event, consignment, ids);
  const extension = dcsaExtension(event) as Record<string, unknown>;

  if (event.eventType === 'SHIPMENT') {
    const status = String(event.shipmentEventTypeCode);
    return {
      type: 'TransactionEvent',
      ...head,
      epcList: objects,
      action: shipmentActions[status] ?? 'OBSERVE',
      // A document on hold (customs, carrier) segregates the goods for review: CBV `holding`.
      bizStep: status === 'HOLD' ? 'holding' : 'other',
      bizTransactionList: transactions,
      ...extension,
    };
  }
  if (event.eventType === 'TRANSPORT') {
    const step = transportSteps[String(event.transportEventTypeCode)];
    if (step === undefined) {
      throw new Error('a stored DCSA transport event has an unknown transportEventTypeCode');
    }
    return {
      type: 'ObjectEvent',
      ...head,
      epcList: objects,
      action: 'OBSERVE',
      bizStep: step.bizStep,
      disposition: step.disposition,
      ...readPoint,
      ...at(step.atLocation),
      ...bizTransactionList,
      ...extension,
    };
  }
  const step = equipmentSteps[String(event.equipmentEventTypeCode)];
  if (step === undefined) {
    throw new Error('a stored DCSA equipment event has an unknown equipmentEventTypeCode');
  }
  if (step.kind === 'object') {
    return {
      type: 'ObjectEvent',
      ...head,
      epcList: objects,
      action: 'OBSERVE',
      bizStep: step.bizStep,
      ...(step.disposition === undefined ? {} : { disposition: step.disposition }),
      ...readPoint,
      ...at(step.atLocation),
      ...bizTransactionList,
      ...extension,
    };
  }
  const parentID = objects[0] as string;
  // How much of each cargo line went into this container is known only when there is one container.
  const whole = consignment.containerNumbers.length <= 1;
  const children =
    step.action === 'DELETE'
      ? {}
      : consignment.cargoLines.length > 0
        ? {
            childQuantityList: consignment.cargoLines.map((line, i) => ({
              epcClass: ids.cargoLine(consignment.shipmentId, i),
              ...(whole ? { quantity: line.packages } : {}),
            })),
          }
        : { childEPCs: [ids.consignment(consignment.shipmentId)] };
  return {
    type: 'AggregationEvent',
    ...head,
    parentID,
    ...children,
    action: step.action,
    bizStep: step.bizStep,
    disposition: step.disposition,
    ...readPoint,
    ...at(true),
    ...bizTransactionList,
    ...extension,
  };
};

/**
 * The EPCISDocument of a consignment's trace: one EPCIS event per actual DCSA event, in the order
 * given (the store's event-time order). Nothing in it depends on when it is made but
 * `creationDate`, so exporting twice gives the same events.
 */
export const buildEpcisDocument = (
  events: readonly TrackingEventFields[],
  consignment: ConsignmentFacts,
  ids: HubIdentifiers,
  creationDate: Date,
): EpcisDocument => ({
  '@context': [EPCIS_CONTEXT, { dcsa: DCSA_NAMESPACE }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: creationDate.toISOString(),
  epcisBody: {
    eventList: events.flatMap((event) => {
      const mapped = dcsaEventToEpcis(event, consignment, ids);
      return mapped === undefined ? [] : [mapped];
    }),
  },
});
