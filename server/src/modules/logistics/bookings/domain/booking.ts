import type { FieldError } from '@tradehub/kernel';
import {
  type CargoLine,
  isIsoSizeType,
  type ShipmentCodeLists,
  type TransportMode,
  validateShipmentContent,
} from '../../domain/shipment.ts';

export const bookingStatuses = ['requested', 'confirmed', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** What an organisation is to a booking: the shipper sent it, the forwarder received it. */
export type BookingRole = 'shipper' | 'forwarder';

export type BookingStep = 'confirm' | 'decline' | 'cancel';

/** A leg of the route the shipper asks for: where from, where to, by what, from which day. */
export type RequestedLeg = {
  mode: TransportMode;
  origin: string;
  destination: string;
  /** The day the shipper wants the goods to leave `origin` (YYYY-MM-DD). */
  departureDate: string;
};

/** Containers asked for by ISO 6346 size/type code, e.g. two 40' high cubes: `45G1` × 2. */
export type RequestedEquipment = { sizeType: string; count: number };

export type BookingRequestContent = {
  legs: RequestedLeg[];
  equipment: RequestedEquipment[];
  cargo: CargoLine[];
  remarks?: string | undefined;
};

/**
 * Who may take each step, and from which status: only a request still open can be decided, by
 * the forwarder, or withdrawn, by the shipper. Every other combination is refused.
 */
const steps: Record<BookingStep, { by: BookingRole; to: BookingStatus }> = {
  confirm: { by: 'forwarder', to: 'confirmed' },
  decline: { by: 'forwarder', to: 'declined' },
  cancel: { by: 'shipper', to: 'cancelled' },
};

export type StepRefusal = 'wrong_party' | 'wrong_state';

/** The status a step leads to, or why the party may not take it now. */
export const stepOutcome = (
  step: BookingStep,
  role: BookingRole,
  status: BookingStatus,
): { ok: true; to: BookingStatus } | { ok: false; refusal: StepRefusal } => {
  const rule = steps[step];
  if (rule.by !== role) {
    return { ok: false, refusal: 'wrong_party' };
  }
  return status === 'requested' ? { ok: true, to: rule.to } : { ok: false, refusal: 'wrong_state' };
};

export const stepParty = (step: BookingStep): BookingRole => steps[step].by;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a calendar date YYYY-MM-DD that exists (no 2027-02-30). */
export const isCalendarDate = (value: string): boolean => {
  const match = DATE.exec(value);
  if (match === null) {
    return false;
  }
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * Checks a booking request's route, equipment and cargo with the rules a shipment's content
 * follows (domain/shipment.ts): UN/LOCODEs in the loaded list, HS codes, weights, size/type codes.
 * The route is checked as a shipment planned to leave and arrive on the wanted days, so a rule
 * added there for legs applies to requested legs too. A wanted day before `today` (UTC) is refused:
 * no forwarder can book it.
 */
export const checkBookingRequest = (
  reference: string,
  content: BookingRequestContent,
  lists: ShipmentCodeLists,
  today: string,
): FieldError[] => {
  const errors: FieldError[] = [];
  const asShipment = validateShipmentContent(
    {
      reference,
      legs: content.legs.map((leg) => ({
        mode: leg.mode,
        origin: leg.origin,
        destination: leg.destination,
        plannedDeparture: `${leg.departureDate}T00:00:00Z`,
        plannedArrival: `${leg.departureDate}T00:00:00Z`,
      })),
      containers: [],
      cargo: content.cargo,
    },
    lists,
  );
  content.legs.forEach((leg, i) => {
    if (!isCalendarDate(leg.departureDate)) {
      errors.push({
        field: `legs.${i}.departureDate`,
        code: 'kernel.invalid_format',
        message: 'a date YYYY-MM-DD',
      });
    } else if (leg.departureDate < today) {
      errors.push({
        field: `legs.${i}.departureDate`,
        code: 'logistics.date_in_past',
        message: 'a day that has passed',
      });
    }
  });
  if (!asShipment.ok) {
    // The planned times stand for the wanted day, which is checked above in its own terms.
    const dateField = /^legs\.(\d+)\.planned(?:Departure|Arrival)$/;
    errors.push(...asShipment.errors.filter((error) => !dateField.test(error.field)));
  }
  content.equipment.forEach((item, i) => {
    if (!isIsoSizeType(item.sizeType)) {
      errors.push({
        field: `equipment.${i}.sizeType`,
        code: 'kernel.invalid_format',
        message: 'an ISO 6346 size/type code such as 22G1 or 45G1',
      });
    }
  });
  return errors;
};
