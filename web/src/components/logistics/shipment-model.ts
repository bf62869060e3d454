import type { LegStatus, PlanLeg, ShipmentLeg, ShipmentPlan, TransportMode } from '../../api/logistics.ts';

// Pure rules of the shipment pages: what a list row says about a shipment's plan, and how late a
// leg is. Kept apart from the components so they are tested without a browser.

export const SHIPMENT_STATUSES = ['planned', 'in_transit', 'arrived'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Origin of the first leg, then where each leg ends: CNYIW → CNNGB → DEHAM. */
export const routeCodes = (legs: readonly Pick<ShipmentLeg, 'origin' | 'destination'>[]): string[] => {
  const first = legs[0];
  return first === undefined ? [] : [first.origin, ...legs.map((leg) => leg.destination)];
};

/** The modes in travel order, each once (road, sea). */
export const modesOf = (legs: readonly { mode: TransportMode }[]): TransportMode[] => [
  ...new Set(legs.map((leg) => leg.mode)),
];

/** Carrier names the legs give, each once, in travel order. */
export const carrierNamesOf = (legs: readonly { carrierName?: string }[]): string[] => [
  ...new Set(legs.flatMap((leg) => (leg.carrierName ? [leg.carrierName] : []))),
];

/** Planned until the first leg departs, arrived when the last leg has, in transit between. */
export const shipmentStatus = (legs: readonly { status: LegStatus }[]): ShipmentStatus => {
  if (legs.length > 0 && legs.every((leg) => leg.status === 'arrived')) {
    return 'arrived';
  }
  return legs.some((leg) => leg.status !== 'planned') ? 'in_transit' : 'planned';
};

export type NextArrival = {
  place: string;
  /** The latest estimate when there is one, else the plan. */
  at: string;
  estimated: boolean;
  legIndex: number;
};

/** Where and when the shipment next arrives: the first leg that has not arrived yet. */
export const nextArrival = (plan: Pick<ShipmentPlan, 'legs'>): NextArrival | null => {
  const leg = plan.legs.find((candidate) => candidate.status !== 'arrived');
  if (leg === undefined) {
    return null;
  }
  return {
    place: leg.destination.code,
    at: leg.estimatedArrival ?? leg.plannedArrival,
    estimated: leg.estimatedArrival !== undefined,
    legIndex: leg.index,
  };
};

export const DELAY_LEVELS = ['on_time', 'early', 'late', 'very_late'] as const;
export type DelayLevel = (typeof DELAY_LEVELS)[number];

/** A day late is when a forwarder starts calling; below it a leg is late, above it very late. */
const VERY_LATE_MINUTES = 24 * 60;

/** How a leg's delay (actual, else estimated, minus planned) reads; null when nothing is known yet. */
export const delayLevel = (minutes: number | undefined): DelayLevel | null => {
  if (minutes === undefined) {
    return null;
  }
  if (minutes <= 0) {
    return minutes < 0 ? 'early' : 'on_time';
  }
  return minutes > VERY_LATE_MINUTES ? 'very_late' : 'late';
};

export const DELAY_COLOUR: Record<DelayLevel, string> = {
  on_time: 'green',
  early: 'cyan',
  late: 'orange',
  very_late: 'red',
};

/** Minutes as days, hours and minutes, largest first, leaving out zero parts: 1 d 2 h, 45 min. */
export const durationParts = (minutes: number): { days: number; hours: number; minutes: number } => {
  const total = Math.abs(Math.trunc(minutes));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
};

/** What identifies the means of transport of a leg: vessel and voyage, train, or flight. */
export const transportMeans = (
  leg: Pick<PlanLeg, 'vesselName' | 'voyageNumber' | 'trainNumber' | 'flightNumber'>,
): string | null => {
  const parts = [leg.vesselName, leg.voyageNumber, leg.trainNumber, leg.flightNumber].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length > 0 ? parts.join(' / ') : null;
};

/** Rows of a shipments export: one per shipment, from its plan when it has loaded. */
export type ShipmentExportRow = {
  id: string;
  reference: string;
  route: string;
  modes: string;
  carriers: string;
  status: ShipmentStatus | null;
  nextArrivalPlace: string;
  nextArrivalAt: string;
  createdAt: string;
};

export const exportRow = (
  summary: { id: string; reference: string; createdAt: string },
  plan: ShipmentPlan | undefined,
): ShipmentExportRow => {
  const legs = plan?.legs ?? [];
  const next = plan ? nextArrival(plan) : null;
  return {
    id: summary.id,
    reference: summary.reference,
    route: routeCodes(
      legs.map((leg) => ({ origin: leg.origin.code, destination: leg.destination.code })),
    ).join(' → '),
    modes: modesOf(legs).join(', '),
    carriers: carrierNamesOf(legs).join(', '),
    status: plan ? shipmentStatus(legs) : null,
    nextArrivalPlace: next?.place ?? '',
    nextArrivalAt: next?.at ?? '',
    createdAt: summary.createdAt,
  };
};
