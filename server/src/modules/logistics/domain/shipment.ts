import { type FieldError, normalizeUnlocode, validateContainerNumber } from '@tradehub/kernel';

export const transportModes = ['sea', 'rail', 'air', 'road'] as const;
export type TransportMode = (typeof transportModes)[number];

/** One leg of a shipment's route, as the shipper plans it. */
export type ShipmentLeg = {
  mode: TransportMode;
  origin: string;
  destination: string;
  carrierName?: string | undefined;
  vesselName?: string | undefined;
  vesselIMONumber?: string | undefined;
  voyageNumber?: string | undefined;
  trainNumber?: string | undefined;
  flightNumber?: string | undefined;
  plannedDeparture: string;
  plannedArrival: string;
};

export type ShipmentContainer = { number: string; sizeType: string; seals: string[] };

/** A cargo line: weight as a decimal string of kilograms, never a float. */
export type CargoLine = {
  hsCode: string;
  description: string;
  packages: number;
  packageTypeCode?: string | undefined;
  grossWeightKg: string;
};

export type ShipmentContent = {
  reference: string;
  carrierBookingReference?: string | undefined;
  transportDocumentReference?: string | undefined;
  legs: ShipmentLeg[];
  containers: ShipmentContainer[];
  cargo: CargoLine[];
};

export type ShipmentCodeLists = {
  checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
  isHs6: (code: string) => boolean;
};

// ISO 6346 size/type: length and height, then type group letter and a detail character (22G1, 45G1,
// and the 1984 codes DCSA still shows, such as 22GP).
const SIZE_TYPE = /^[1-9A-P][0-9A-Z][A-Z][0-9A-Z]$/;
/** An ISO 6346 size/type code, as a container's; booking requests ask for equipment by it. */
export const isIsoSizeType = (code: string) => SIZE_TYPE.test(code);
const HS_CODE = /^\d{6}(?:\d{2}){0,2}$/;
// Positive, at most 3 decimals (grams): a weight that is zero or negative is a typing error.
const WEIGHT_KG = /^(?:0|[1-9]\d{0,9})(?:\.\d{1,3})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an RFC 3339 date-time with offset, or undefined when it is not one. */
export const parseDateTime = (value: string): number | undefined => {
  if (!DATE_TIME.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * Checks the legs of one route: UN/LOCODEs in the loaded list, planned times that parse and are in
 * order, and a continuous route. Leg i+1 must start where leg i ends (a multimodal route changes
 * mode at a transshipment point, it never jumps), and not before leg i is planned to arrive there.
 * Shipments, bookings and the route-plan preview share this one check.
 */
export const validateLegs = (
  legs: readonly ShipmentLeg[],
  lists: Pick<ShipmentCodeLists, 'checkUnlocode'>,
): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  legs.forEach((leg, i) => {
    for (const end of ['origin', 'destination'] as const) {
      if (lists.checkUnlocode(leg[end]) === 'invalid') {
        add(`legs.${i}.${end}`, 'kernel.unknown_code', 'not a known UN/LOCODE');
      }
    }
    const departure = parseDateTime(leg.plannedDeparture);
    const arrival = parseDateTime(leg.plannedArrival);
    if (departure === undefined) {
      add(`legs.${i}.plannedDeparture`, 'kernel.invalid_format', 'an RFC 3339 date-time with offset');
    }
    if (arrival === undefined) {
      add(`legs.${i}.plannedArrival`, 'kernel.invalid_format', 'an RFC 3339 date-time with offset');
    }
    if (departure !== undefined && arrival !== undefined && arrival < departure) {
      add(`legs.${i}.plannedArrival`, 'logistics.arrival_before_departure', 'before the planned departure');
    }
    const previous = i > 0 ? legs[i - 1] : undefined;
    if (previous === undefined) {
      return;
    }
    if (normalizeUnlocode(leg.origin) !== normalizeUnlocode(previous.destination)) {
      add(
        `legs.${i}.origin`,
        'logistics.legs_not_continuous',
        `not where leg ${i - 1} ends (${previous.destination})`,
      );
      return;
    }
    const previousArrival = parseDateTime(previous.plannedArrival);
    if (departure !== undefined && previousArrival !== undefined && departure < previousArrival) {
      add(
        `legs.${i}.plannedDeparture`,
        'logistics.departure_before_previous_arrival',
        `before leg ${i - 1} is planned to arrive`,
      );
    }
  });
  return errors;
};

/**
 * Checks a shipment's content beyond its shape: UN/LOCODEs in the loaded list, container numbers
 * with their ISO 6346 check digit, size/type codes, HS codes, weights, and times in order. Returns
 * the content with container numbers normalised (spaces and hyphens removed), or the field errors.
 */
export const validateShipmentContent = (
  input: ShipmentContent,
  lists: ShipmentCodeLists,
): { ok: true; content: ShipmentContent } | { ok: false; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  errors.push(...validateLegs(input.legs, lists));
  const seen = new Set<string>();
  const containers: ShipmentContainer[] = [];
  input.containers.forEach((container, i) => {
    const checked = validateContainerNumber(container.number);
    if (!checked.ok) {
      add(`containers.${i}.number`, checked.code, checked.message);
    } else if (seen.has(checked.value)) {
      add(`containers.${i}.number`, 'logistics.duplicate_container', 'the same container twice');
    } else {
      seen.add(checked.value);
      containers.push({ ...container, number: checked.value });
    }
    if (!SIZE_TYPE.test(container.sizeType)) {
      add(
        `containers.${i}.sizeType`,
        'kernel.invalid_format',
        'an ISO 6346 size/type code such as 22G1 or 45G1',
      );
    }
  });
  input.cargo.forEach((line, i) => {
    if (!HS_CODE.test(line.hsCode)) {
      add(`cargo.${i}.hsCode`, 'kernel.invalid_format', '6, 8 or 10 digits');
    } else if (!lists.isHs6(line.hsCode.slice(0, 6))) {
      add(`cargo.${i}.hsCode`, 'kernel.unknown_code', 'not an HS subheading');
    }
    if (!WEIGHT_KG.test(line.grossWeightKg) || /^0(?:\.0*)?$/.test(line.grossWeightKg)) {
      add(`cargo.${i}.grossWeightKg`, 'kernel.invalid_format', 'a positive decimal number of kilograms');
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, content: { ...input, containers } };
};
