import { type FieldError, validateContainerNumber } from '@tradehub/kernel';
import { parseDateTime } from './shipment.ts';

/** The DCSA event fields tradehub reads; the event itself is stored and served as received. */
export type TrackingEventFields = { eventType: 'SHIPMENT' | 'TRANSPORT' | 'EQUIPMENT' } & Record<
  string,
  unknown
>;

/** What ties an event to a shipment. */
export type EventReferences = {
  carrierBookingReferences: string[];
  transportDocumentReferences: string[];
  equipmentReferences: string[];
};

/** The facts of an accepted event that are stored beside it, for ordering and the DCSA filters. */
export type CheckedEvent = {
  eventID: string;
  eventType: 'SHIPMENT' | 'TRANSPORT' | 'EQUIPMENT';
  eventClassifierCode: string;
  /** shipmentEventTypeCode, transportEventTypeCode or equipmentEventTypeCode. */
  typeCode: string;
  eventDateTime: Date;
  eventCreatedDateTime: Date;
  references: EventReferences;
};

/** An actual event may be at most this far ahead of the hub's clock (clock skew, time zones). */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const ISO_6346_SHAPE = /^[A-Z]{3}[UJZ]\d{7}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const stringAt = (value: unknown, key: string): string | undefined => {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
};

const objectAt = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

const arrayAt = (value: Record<string, unknown>, key: string): unknown[] => {
  const found = value[key];
  // A fresh array: the value came from outside, and its own `constructor` must not steer `filter`.
  return Array.isArray(found) ? Array.from(found as unknown[]) : [];
};

const unique = (values: (string | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== '').map((v) => v.trim())),
];

/**
 * The references of a DCSA 2.2 event: a shipment event names its document (documentTypeCode BKG or
 * CBR: the carrier booking; TRD: the transport document); transport and equipment events carry
 * `documentReferences`; an equipment event names its container, and any event may carry an `EQ`
 * reference.
 */
export const referencesOf = (event: TrackingEventFields): EventReferences => {
  const documentReferences = arrayAt(event, 'documentReferences');
  const byType = (type: string) =>
    documentReferences
      .filter((r) => stringAt(r, 'documentReferenceType') === type)
      .map((r) => stringAt(r, 'documentReferenceValue'));
  const documentTypeCode = stringAt(event, 'documentTypeCode');
  const documentID = stringAt(event, 'documentID');
  const equipmentReference = stringAt(event, 'equipmentReference');
  return {
    carrierBookingReferences: unique([
      ...(documentTypeCode === 'BKG' || documentTypeCode === 'CBR' ? [documentID] : []),
      ...byType('BKG (Booking)'),
    ]),
    transportDocumentReferences: unique([
      ...(documentTypeCode === 'TRD' ? [documentID] : []),
      ...byType('TRD (Transport Document)'),
    ]),
    equipmentReferences: unique([
      equipmentReference?.replace(/[\s-]/g, '').toUpperCase(),
      ...arrayAt(event, 'references')
        .filter((r) => stringAt(r, 'referenceType') === 'EQ')
        .map((r) => stringAt(r, 'referenceValue')?.replace(/[\s-]/g, '').toUpperCase()),
    ]),
  };
};

const typeCodeOf = (event: TrackingEventFields): string =>
  String(
    event.eventType === 'SHIPMENT'
      ? event.shipmentEventTypeCode
      : event.eventType === 'TRANSPORT'
        ? event.transportEventTypeCode
        : event.equipmentEventTypeCode,
  );

/**
 * The checks of a schema-valid DCSA event that the schema cannot make: an eventID to be idempotent
 * by, times that parse and are not in the future, UN/LOCODEs in the loaded list, an ISO 6346
 * container number with its check digit, and at least one reference that can tie it to a shipment.
 */
export const checkTrackingEvent = (
  event: TrackingEventFields,
  context: { nowMs: number; checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid' },
): { ok: true; event: CheckedEvent } | { ok: false; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const eventID = stringAt(event, 'eventID');
  if (eventID === undefined) {
    add('eventID', 'kernel.required', 'tradehub stores each event once, by its eventID');
  } else if (!UUID.test(eventID)) {
    add('eventID', 'kernel.invalid_format', 'a UUID');
  }
  const latest = context.nowMs + FUTURE_TOLERANCE_MS;
  const created = parseDateTime(String(event.eventCreatedDateTime));
  if (created === undefined) {
    add('eventCreatedDateTime', 'kernel.invalid_format', 'an RFC 3339 date-time with offset');
  } else if (created > latest) {
    add('eventCreatedDateTime', 'logistics.event_time_in_future', 'more than a day ahead of the hub');
  }
  const happened = parseDateTime(String(event.eventDateTime));
  if (happened === undefined) {
    add('eventDateTime', 'kernel.invalid_format', 'an RFC 3339 date-time with offset');
  } else if (event.eventClassifierCode === 'ACT' && happened > latest) {
    // Planned and estimated events are about the future by nature; an actual one cannot be.
    add(
      'eventDateTime',
      'logistics.event_time_in_future',
      'an actual event more than a day ahead of the hub',
    );
  }
  const locations: [string, unknown][] = [
    ['transportCall.UNLocationCode', stringAt(event.transportCall, 'UNLocationCode')],
    [
      'transportCall.location.UNLocationCode',
      stringAt(objectAt(event.transportCall, 'location'), 'UNLocationCode'),
    ],
    ['eventLocation.UNLocationCode', stringAt(event.eventLocation, 'UNLocationCode')],
  ];
  for (const [field, code] of locations) {
    if (typeof code === 'string' && context.checkUnlocode(code) === 'invalid') {
      add(field, 'kernel.unknown_code', 'not a known UN/LOCODE');
    }
  }
  const equipmentReference = stringAt(event, 'equipmentReference');
  if (
    equipmentReference !== undefined &&
    ISO_6346_SHAPE.test(equipmentReference.replace(/[\s-]/g, '').toUpperCase())
  ) {
    // DCSA allows non-ISO equipment ids (SMDG recommendation 2); one shaped like ISO 6346 must be one.
    const checked = validateContainerNumber(equipmentReference);
    if (!checked.ok) {
      add('equipmentReference', checked.code, checked.message);
    }
  }
  const references = referencesOf(event);
  if (
    references.carrierBookingReferences.length === 0 &&
    references.transportDocumentReferences.length === 0 &&
    references.equipmentReferences.length === 0
  ) {
    add(
      'body',
      'logistics.no_shipment_reference',
      'a carrier booking or transport document reference, or an equipment reference',
    );
  }
  if (errors.length > 0 || eventID === undefined || created === undefined || happened === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    event: {
      eventID: eventID.toLowerCase(),
      eventType: event.eventType,
      eventClassifierCode: String(event.eventClassifierCode),
      typeCode: typeCodeOf(event),
      eventDateTime: new Date(happened),
      eventCreatedDateTime: new Date(created),
      references,
    },
  };
};
