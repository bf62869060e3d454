import { normalizeUnlocode } from '@tradehub/kernel';
import { parseDateTime, type ShipmentLeg, type TransportMode } from '../../domain/shipment.ts';

/** A place of a route: its UN/LOCODE, and its name and decimal-degree position when known. */
export type Place = { code: string; name: string | null; latitude: string | null; longitude: string | null };

/** What the loaded UN/LOCODE list (shipped subset and imported entries) knows of a code. */
export type UnlocodeLookup = (
  code: string,
) => { name: string; coordinates: { lat: number; lon: number } | null } | undefined;

/** A list that knows no place: every code is then unnamed and unpositioned. */
export const noPlaces: UnlocodeLookup = () => undefined;

export type Milestone = 'departure' | 'arrival';

/** The facts of a DCSA transport event (DEPA or ARRI) that place it on a leg. */
export type TransportObservation = {
  eventID: string;
  classifier: 'ACT' | 'EST' | 'PLN';
  milestone: Milestone;
  /** eventDateTime as received. */
  at: string;
  atMs: number;
  createdMs: number;
  /** Arrival order at the hub: breaks ties between events created at the same instant. */
  order: number;
  location: string | undefined;
  mode: TransportMode | undefined;
  vessel: string | undefined;
  /** The event's own position (transportCall.location or eventLocation), when it carries one. */
  position: { latitude: string; longitude: string } | undefined;
};

// DCSA 2.2 modeOfTransport; a barge is inland water transport, planned as a sea leg here.
const modeOfTransport: Record<string, TransportMode> = {
  VESSEL: 'sea',
  BARGE: 'sea',
  RAIL: 'rail',
  TRUCK: 'road',
};

// Decimal degrees as DCSA writes them (`48.8585500`); anything else is not taken as a position.
const LATITUDE = /^[+-]?(?:90(?:\.0+)?|[0-8]?\d(?:\.\d+)?)$/;
const LONGITUDE = /^[+-]?(?:180(?:\.0+)?|(?:1[0-7]\d|\d?\d)(?:\.\d+)?)$/;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const positionOf = (location: Record<string, unknown> | undefined) => {
  const latitude = text(location?.latitude);
  const longitude = text(location?.longitude);
  return latitude !== undefined &&
    longitude !== undefined &&
    LATITUDE.test(latitude) &&
    LONGITUDE.test(longitude)
    ? { latitude, longitude }
    : undefined;
};

/**
 * The observation a stored DCSA event makes about a leg's departure or arrival, or undefined for
 * any event that is not a transport event (DEPA/ARRI) with a place. The place is the transport
 * call's UN/LOCODE (or that of its location), the mode its `modeOfTransport`, the vessel its
 * `vessel` (a string in T&T 2.2: a name or an IMO number).
 */
export const transportObservationOf = (
  body: Record<string, unknown>,
  order: number,
): TransportObservation | undefined => {
  if (body.eventType !== 'TRANSPORT') {
    return undefined;
  }
  const milestone =
    body.transportEventTypeCode === 'DEPA'
      ? 'departure'
      : body.transportEventTypeCode === 'ARRI'
        ? 'arrival'
        : undefined;
  const classifier = body.eventClassifierCode;
  const at = text(body.eventDateTime);
  const atMs = at === undefined ? undefined : parseDateTime(at);
  const createdMs = parseDateTime(String(body.eventCreatedDateTime));
  const eventID = text(body.eventID);
  if (
    milestone === undefined ||
    (classifier !== 'ACT' && classifier !== 'EST' && classifier !== 'PLN') ||
    at === undefined ||
    atMs === undefined ||
    createdMs === undefined ||
    eventID === undefined
  ) {
    return undefined;
  }
  const call = record(body.transportCall);
  const location = record(call?.location);
  const code = text(call?.UNLocationCode) ?? text(location?.UNLocationCode);
  const mode = text(call?.modeOfTransport);
  return {
    eventID: eventID.toLowerCase(),
    classifier,
    milestone,
    at,
    atMs,
    createdMs,
    order,
    location: code === undefined ? undefined : normalizeUnlocode(code),
    mode: mode === undefined ? undefined : modeOfTransport[mode],
    vessel: text(call?.vessel),
    position: positionOf(location) ?? positionOf(record(body.eventLocation)),
  };
};

const plannedAt = (leg: ShipmentLeg, milestone: Milestone) =>
  milestone === 'departure' ? leg.plannedDeparture : leg.plannedArrival;

const placeAt = (leg: ShipmentLeg, milestone: Milestone) =>
  normalizeUnlocode(milestone === 'departure' ? leg.origin : leg.destination);

const sameVessel = (leg: ShipmentLeg, vessel: string) => {
  const wanted = vessel.toUpperCase();
  return leg.vesselName?.toUpperCase() === wanted || leg.vesselIMONumber === vessel;
};

/**
 * The leg a transport event reports on. A departure belongs to a leg that starts at the event's
 * UN/LOCODE, an arrival to one that ends there. When several legs qualify (a route that passes a
 * place twice), the event's mode and vessel narrow the choice, but only when some leg still
 * qualifies: they never leave a reported place without a leg. Among the rest, the leg whose planned
 * time is nearest the event's time wins, and then the earlier leg.
 */
export const matchLeg = (
  legs: readonly ShipmentLeg[],
  observation: Pick<TransportObservation, 'milestone' | 'location' | 'mode' | 'vessel' | 'atMs'>,
): number | undefined => {
  const { milestone, location, mode, vessel } = observation;
  if (location === undefined) {
    return undefined;
  }
  let candidates = legs.flatMap((leg, index) =>
    placeAt(leg, milestone) === location ? [{ leg, index }] : [],
  );
  const narrow = (keep: (leg: ShipmentLeg) => boolean) => {
    const kept = candidates.filter((c) => keep(c.leg));
    if (kept.length > 0) {
      candidates = kept;
    }
  };
  if (mode !== undefined) {
    narrow((leg) => leg.mode === mode);
  }
  if (vessel !== undefined) {
    narrow((leg) => sameVessel(leg, vessel));
  }
  let best: { index: number; distance: number } | undefined;
  for (const { leg, index } of candidates) {
    const planned = parseDateTime(plannedAt(leg, milestone)) ?? 0;
    const distance = Math.abs(planned - observation.atMs);
    if (best === undefined || distance < best.distance) {
      best = { index, distance };
    }
  }
  return best?.index;
};

/** Whole minutes from `fromMs` to `toMs`, rounded to the nearest minute. */
export const minutesBetween = (fromMs: number, toMs: number) => Math.round((toMs - fromMs) / 60_000);

/** Late minus planned, in minutes, for a leg's milestone; negative when early. */
export const delayOf = (leg: ShipmentLeg, milestone: Milestone, observedMs: number) =>
  minutesBetween(parseDateTime(plannedAt(leg, milestone)) ?? observedMs, observedMs);

export const plannedTimeOf = plannedAt;

/** A code as a Place, named and positioned from the loaded list (decimal strings, 6 places). */
export const placeOf = (code: string, lookup: UnlocodeLookup): Place => {
  const normalised = normalizeUnlocode(code);
  const entry = lookup(normalised);
  return {
    code: normalised,
    name: entry?.name ?? null,
    latitude: entry?.coordinates === null || entry === undefined ? null : entry.coordinates.lat.toFixed(6),
    longitude: entry?.coordinates === null || entry === undefined ? null : entry.coordinates.lon.toFixed(6),
  };
};

const msOf = (value: string) => parseDateTime(value) ?? 0;

/** Where leg i ends and leg i+1 starts, with the planned dwell there. */
export type TransshipmentPoint = Place & { afterLegIndex: number; dwellMinutes: number };

/** The planned shape of a continuous route: its transshipment points and planned transit time. */
export const routeShape = (legs: readonly ShipmentLeg[], lookup: UnlocodeLookup) => {
  const transshipmentPoints: TransshipmentPoint[] = legs.slice(1).map((leg, i) => ({
    ...placeOf(leg.origin, lookup),
    afterLegIndex: i,
    dwellMinutes: minutesBetween(msOf((legs[i] as ShipmentLeg).plannedArrival), msOf(leg.plannedDeparture)),
  }));
  const first = legs[0];
  const last = legs.at(-1);
  return {
    transshipmentPoints,
    plannedTransitMinutes:
      first === undefined || last === undefined
        ? 0
        : minutesBetween(msOf(first.plannedDeparture), msOf(last.plannedArrival)),
  };
};

type LegMilestones = { estimated?: TransportObservation; actual?: TransportObservation };

// The latest statement wins: the one created last, then the one received last.
const later = (a: TransportObservation | undefined, b: TransportObservation) =>
  a === undefined || b.createdMs > a.createdMs || (b.createdMs === a.createdMs && b.order > a.order) ? b : a;

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * A shipment's route planned against what its transport events report: per leg the planned times,
 * the latest estimate and the actual time of departure and arrival with the delay (actual, else
 * estimated, minus planned), its transshipment points with planned and actual dwell, the transit
 * time, and where the shipment is (the furthest milestone along the route an ACT event reports).
 */
export const buildPlan = (
  shipment: { id: string; reference: string; legs: readonly ShipmentLeg[] },
  observations: readonly TransportObservation[],
  lookup: UnlocodeLookup,
) => {
  const { legs } = shipment;
  const seen = legs.map(() => ({ departure: {} as LegMilestones, arrival: {} as LegMilestones }));
  for (const observation of observations) {
    if (observation.classifier === 'PLN') {
      continue;
    }
    const index = matchLeg(legs, observation);
    const slot = index === undefined ? undefined : seen[index]?.[observation.milestone];
    if (slot === undefined) {
      continue;
    }
    if (observation.classifier === 'ACT') {
      slot.actual = later(slot.actual, observation);
    } else {
      slot.estimated = later(slot.estimated, observation);
    }
  }
  const delay = (leg: ShipmentLeg, milestone: Milestone, found: LegMilestones) => {
    const observed = found.actual ?? found.estimated;
    return observed === undefined ? undefined : delayOf(leg, milestone, observed.atMs);
  };
  const planLegs = legs.map((leg, index) => {
    const { departure, arrival } = seen[index] as (typeof seen)[number];
    return {
      index,
      mode: leg.mode,
      origin: placeOf(leg.origin, lookup),
      destination: placeOf(leg.destination, lookup),
      ...optional('carrierName', leg.carrierName),
      ...optional('vesselName', leg.vesselName),
      ...optional('voyageNumber', leg.voyageNumber),
      ...optional('trainNumber', leg.trainNumber),
      ...optional('flightNumber', leg.flightNumber),
      plannedDeparture: leg.plannedDeparture,
      plannedArrival: leg.plannedArrival,
      ...optional('estimatedDeparture', departure.estimated?.at),
      ...optional('estimatedArrival', arrival.estimated?.at),
      ...optional('actualDeparture', departure.actual?.at),
      ...optional('actualArrival', arrival.actual?.at),
      ...optional('departureDelayMinutes', delay(leg, 'departure', departure)),
      ...optional('arrivalDelayMinutes', delay(leg, 'arrival', arrival)),
      status: (arrival.actual !== undefined
        ? 'arrived'
        : departure.actual !== undefined
          ? 'departed'
          : 'planned') as 'planned' | 'departed' | 'arrived',
    };
  });
  const shape = routeShape(legs, lookup);
  const transshipmentPoints = shape.transshipmentPoints.map((point) => {
    const arrived = seen[point.afterLegIndex]?.arrival.actual;
    const departed = seen[point.afterLegIndex + 1]?.departure.actual;
    return {
      ...point,
      ...optional(
        'actualDwellMinutes',
        arrived !== undefined && departed !== undefined
          ? minutesBetween(arrived.atMs, departed.atMs)
          : undefined,
      ),
    };
  });
  const firstDeparture = seen[0]?.departure.actual;
  const lastArrival = seen.at(-1)?.arrival.actual;
  // The furthest milestone an actual event reports, not the latest received: a late event from an
  // earlier leg must not move the shipment back.
  let position: {
    place: Place;
    legIndex: number;
    status: 'at' | 'between';
    nextPlace?: Place;
    asOf: string;
  } | null = null;
  for (let index = legs.length - 1; index >= 0 && position === null; index -= 1) {
    const leg = legs[index] as ShipmentLeg;
    const found = seen[index] as (typeof seen)[number];
    const actual = found.arrival.actual ?? found.departure.actual;
    if (actual === undefined) {
      continue;
    }
    const arrived = found.arrival.actual !== undefined;
    const listed = placeOf(arrived ? leg.destination : leg.origin, lookup);
    const place =
      actual.position === undefined
        ? listed
        : { ...listed, latitude: actual.position.latitude, longitude: actual.position.longitude };
    const next = arrived ? legs[index + 1]?.destination : leg.destination;
    position = {
      place,
      legIndex: index,
      status: arrived ? 'at' : 'between',
      ...optional('nextPlace', next === undefined ? undefined : placeOf(next, lookup)),
      asOf: actual.at,
    };
  }
  return {
    shipmentId: shipment.id,
    reference: shipment.reference,
    legs: planLegs,
    transshipmentPoints,
    plannedTransitMinutes: shape.plannedTransitMinutes,
    ...optional(
      'actualTransitMinutes',
      firstDeparture !== undefined && lastArrival !== undefined
        ? minutesBetween(firstDeparture.atMs, lastArrival.atMs)
        : undefined,
    ),
    position,
  };
};

export type RoutePlan = ReturnType<typeof buildPlan>;
