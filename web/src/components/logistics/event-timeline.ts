import type { DcsaEvent, ShipmentContainer, ShipmentLeg, TransportMode } from '../../api/logistics.ts';

// DCSA T&T 2.2 events of a shipment sorted into one timeline per leg, per container and one for
// the shipment's documents, so the page shows what happened to each part of the journey. Pure, so
// the grouping rules are tested without a browser.

export const EVENT_CLASSIFIERS = ['ACT', 'EST', 'PLN', 'REQ'] as const;
export type EventClassifier = (typeof EVENT_CLASSIFIERS)[number];

export const TRANSPORT_EVENT_CODES = ['ARRI', 'DEPA'] as const;
export const EQUIPMENT_EVENT_CODES = [
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
] as const;
export const SHIPMENT_EVENT_CODES = [
  'RECE',
  'DRFT',
  'PENA',
  'PENU',
  'REJE',
  'APPR',
  'ISSU',
  'SURR',
  'SUBM',
  'VOID',
  'CONF',
  'REQS',
  'CMPL',
  'HOLD',
  'RELS',
] as const;
/** Every DCSA event code the timeline translates (the three lists share no code). */
export const EVENT_CODES = [...TRANSPORT_EVENT_CODES, ...EQUIPMENT_EVENT_CODES, ...SHIPMENT_EVENT_CODES];
export const DOCUMENT_TYPE_CODES = [
  'CBR',
  'BKG',
  'SHI',
  'SRM',
  'TRD',
  'ARN',
  'VGM',
  'CAS',
  'CUS',
  'DGD',
  'OOG',
] as const;

export type TimelineEntry = {
  eventId: string;
  eventType: 'SHIPMENT' | 'TRANSPORT' | 'EQUIPMENT' | 'OTHER';
  /** DEPA, LOAD, CONF…; '' when the event carries none. */
  code: string;
  classifier: EventClassifier | null;
  /** As sent (with its offset); `time` is the same instant in milliseconds for ordering. */
  eventDateTime: string;
  time: number;
  location: string | null;
  locationName: string | null;
  /** Vessel or train and voyage of a transport call, when the event names them. */
  transport: string | null;
  documentType: string | null;
  documentId: string | null;
  emptyIndicator: string | null;
  delayReasonCode: string | null;
  remark: string | null;
};

export type TimelineGroup =
  | { kind: 'leg'; key: string; legIndex: number; entries: TimelineEntry[] }
  | { kind: 'container'; key: string; container: string; entries: TimelineEntry[] }
  | { kind: 'shipment'; key: string; entries: TimelineEntry[] }
  | { kind: 'unassigned'; key: string; entries: TimelineEntry[] };

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const DCSA_MODE: Record<string, TransportMode> = { VESSEL: 'sea', RAIL: 'rail', TRUCK: 'road' };

const classifierOf = (value: unknown): EventClassifier | null =>
  (EVENT_CLASSIFIERS as readonly string[]).includes(String(value)) ? (value as EventClassifier) : null;

/** One DCSA event as a timeline entry (fields DCSA nests in transportCall or eventLocation). */
export const toEntry = (event: DcsaEvent): TimelineEntry => {
  const type = str(event.eventType);
  const call = record(event.transportCall);
  const place = record(event.eventLocation) ?? record(call?.location);
  // DCSA 2.2's schema types `vessel` as a string, its examples as an object with vesselName.
  const vesselName = str(call?.vessel) ?? str(record(call?.vessel)?.vesselName);
  const voyage = str(call?.exportVoyageNumber) ?? str(call?.importVoyageNumber);
  const transport = [vesselName, voyage].filter((part): part is string => part !== null).join(' / ');
  const eventDateTime = str(event.eventDateTime) ?? '';
  const time = Date.parse(eventDateTime);
  return {
    eventId: str(event.eventID) ?? '',
    eventType: type === 'SHIPMENT' || type === 'TRANSPORT' || type === 'EQUIPMENT' ? type : 'OTHER',
    code:
      str(event.transportEventTypeCode) ??
      str(event.equipmentEventTypeCode) ??
      str(event.shipmentEventTypeCode) ??
      str(event.eventTypeCode) ??
      '',
    classifier: classifierOf(event.eventClassifierCode),
    eventDateTime,
    time: Number.isNaN(time) ? Number.POSITIVE_INFINITY : time,
    location: str(call?.UNLocationCode) ?? str(place?.UNLocationCode),
    locationName: str(place?.locationName),
    transport: transport === '' ? null : transport,
    documentType: str(event.documentTypeCode),
    documentId: str(event.documentID),
    emptyIndicator: str(event.emptyIndicatorCode),
    delayReasonCode: str(event.delayReasonCode),
    remark: str(event.changeRemark) ?? str(event.reason),
  };
};

/**
 * The leg a transport event belongs to: a departure from a leg's origin or an arrival at its
 * destination. At a transshipment point (leg i ends where leg i+1 starts) the arrival is leg i's
 * and the departure leg i+1's. When several legs qualify (a round trip), the DCSA mode of
 * transport decides; failing that, the first. -1 when no leg matches.
 */
export const legOfTransportEvent = (event: DcsaEvent, legs: readonly ShipmentLeg[]): number => {
  const entry = toEntry(event);
  if (entry.location === null) {
    return -1;
  }
  const end = entry.code === 'DEPA' ? 'origin' : entry.code === 'ARRI' ? 'destination' : null;
  if (end === null) {
    return -1;
  }
  const candidates = legs.flatMap((leg, index) => (leg[end] === entry.location ? [index] : []));
  if (candidates.length <= 1) {
    return candidates[0] ?? -1;
  }
  const mode = DCSA_MODE[String(record(event.transportCall)?.modeOfTransport)];
  return candidates.find((index) => legs[index]?.mode === mode) ?? candidates[0] ?? -1;
};

/** The containers an equipment event is about: its equipmentReference and any `EQ` references. */
const containersOf = (event: DcsaEvent): string[] => {
  const found = new Set<string>();
  const own = str(event.equipmentReference);
  if (own) {
    found.add(own.replaceAll(' ', '').toUpperCase());
  }
  if (Array.isArray(event.references)) {
    for (const item of event.references) {
      const ref = record(item);
      const value = str(ref?.referenceValue);
      if (ref?.referenceType === 'EQ' && value) {
        found.add(value.replaceAll(' ', '').toUpperCase());
      }
    }
  }
  return [...found];
};

/** Earlier first; equal times keep the order the server gave (it breaks ties by arrival). */
export const byEventTime = (entries: readonly TimelineEntry[]): TimelineEntry[] =>
  entries
    .map((entry, position) => ({ entry, position }))
    .sort((a, b) => a.entry.time - b.entry.time || a.position - b.position)
    .map(({ entry }) => entry);

/**
 * The timelines of a shipment: one per leg (transport events), one per container (equipment
 * events), one for the shipment's documents (shipment events), and one for events that fit no leg
 * or container, so nothing received is hidden. Groups without events are left out; legs and
 * containers keep the shipment's order.
 */
export const buildTimelines = (
  events: readonly DcsaEvent[],
  legs: readonly ShipmentLeg[],
  containers: readonly ShipmentContainer[],
): TimelineGroup[] => {
  const perLeg = legs.map((): TimelineEntry[] => []);
  const perContainer = new Map<string, TimelineEntry[]>(containers.map((c) => [c.number, []]));
  const shipment: TimelineEntry[] = [];
  const unassigned: TimelineEntry[] = [];
  for (const event of events) {
    const entry = toEntry(event);
    if (entry.eventType === 'TRANSPORT') {
      const leg = legOfTransportEvent(event, legs);
      (leg >= 0 ? (perLeg[leg] ?? unassigned) : unassigned).push(entry);
    } else if (entry.eventType === 'EQUIPMENT') {
      const mine = containersOf(event).filter((number) => perContainer.has(number));
      if (mine.length === 0) {
        unassigned.push(entry);
      }
      for (const number of mine) {
        perContainer.get(number)?.push(entry);
      }
    } else if (entry.eventType === 'SHIPMENT') {
      shipment.push(entry);
    } else {
      unassigned.push(entry);
    }
  }
  const groups: TimelineGroup[] = [];
  perLeg.forEach((entries, legIndex) => {
    if (entries.length > 0) {
      groups.push({ kind: 'leg', key: `leg-${legIndex}`, legIndex, entries: byEventTime(entries) });
    }
  });
  for (const [container, entries] of perContainer) {
    if (entries.length > 0) {
      groups.push({
        kind: 'container',
        key: `container-${container}`,
        container,
        entries: byEventTime(entries),
      });
    }
  }
  if (shipment.length > 0) {
    groups.push({ kind: 'shipment', key: 'shipment', entries: byEventTime(shipment) });
  }
  if (unassigned.length > 0) {
    groups.push({ kind: 'unassigned', key: 'unassigned', entries: byEventTime(unassigned) });
  }
  return groups;
};

/** How a classifier is drawn: an actual event solid, an estimate and a plan hollow in their colour. */
export const CLASSIFIER_STYLE: Record<EventClassifier, { colour: string; hollow: boolean }> = {
  ACT: { colour: 'green', hollow: false },
  EST: { colour: 'blue', hollow: true },
  PLN: { colour: 'gray', hollow: true },
  REQ: { colour: 'orange', hollow: true },
};
