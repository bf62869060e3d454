import type { Booking, BookingConfirmation, ShipmentLeg, TransportMode } from '../../api/logistics.ts';

// Pure rules of the booking pages: which steps the caller may take, and how the forms' values
// become the API's bodies (local date-times with their offset, seal lists). Tested without a DOM.

export type BookingAction = 'confirm' | 'decline' | 'cancel';

/** Only a request still open can be decided (by the forwarder) or withdrawn (by the shipper). */
export const bookingActions = (booking: Pick<Booking, 'status' | 'myRole'>): BookingAction[] => {
  if (booking.status !== 'requested') {
    return [];
  }
  return booking.myRole === 'forwarder' ? ['confirm', 'decline'] : ['cancel'];
};

const pad = (value: number) => String(Math.trunc(Math.abs(value))).padStart(2, '0');

/** "+08:00" for 480 minutes east of UTC, "-05:00" for 300 west, "+00:00" for UTC. */
export const offsetText = (offsetMinutes: number): string =>
  `${offsetMinutes < 0 ? '-' : '+'}${pad(offsetMinutes / 60)}:${pad(offsetMinutes % 60)}`;

/**
 * A `datetime-local` value ("2026-12-01T08:00") as RFC 3339 with the given offset, as the API
 * stores planned times: the wall-clock time where the leg departs, never converted to UTC.
 * Null when the text is not a date-time.
 */
export const toRfc3339 = (local: string, offsetMinutes: number): string | null => {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) {
    return null;
  }
  return `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${offsetText(offsetMinutes)}`;
};

/** The offset of the browser's time zone at that local time (summer time included). */
export const browserOffsetAt = (local: string): number => {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? 0 : -date.getTimezoneOffset();
};

/** "VET0123456, VET0123457" → ["VET0123456", "VET0123457"], blanks dropped. */
export const parseSeals = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[,;\s]+/)
    .map((seal) => seal.trim())
    .filter((seal) => seal !== '');

export type ConfirmLegValues = {
  mode: TransportMode;
  origin: string;
  destination: string;
  carrierName?: string;
  vesselName?: string;
  voyageNumber?: string;
  trainNumber?: string;
  flightNumber?: string;
  plannedDeparture: string;
  plannedArrival: string;
};

export type ConfirmValues = {
  carrierBookingReference: string;
  carrierOrganisationId?: string;
  legs: ConfirmLegValues[];
  containers?: { number: string; sizeType: string; seals?: string }[];
};

/** The confirmation form starts from the legs the shipper asked for, leaving at 08:00 that day. */
export const confirmDefaults = (
  booking: Pick<Booking, 'legs'>,
): Pick<ConfirmValues, 'legs' | 'containers'> => ({
  legs: booking.legs.map((leg) => ({
    mode: leg.mode,
    origin: leg.origin,
    destination: leg.destination,
    plannedDeparture: `${leg.departureDate}T08:00`,
    plannedArrival: `${leg.departureDate}T20:00`,
  })),
  containers: [],
});

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> => {
  const text = value?.trim();
  return text ? ({ [key]: text } as Partial<Record<K, string>>) : {};
};

/**
 * The confirmation body, or the form fields that are not date-times. `offsetOf` gives the offset
 * to write each local time with (the browser's zone by default).
 */
export const toConfirmation = (
  values: ConfirmValues,
  offsetOf: (local: string) => number = browserOffsetAt,
): { ok: true; body: BookingConfirmation } | { ok: false; fields: string[] } => {
  const bad: string[] = [];
  const legs: ShipmentLeg[] = values.legs.map((leg, index) => {
    const departure = toRfc3339(leg.plannedDeparture, offsetOf(leg.plannedDeparture));
    const arrival = toRfc3339(leg.plannedArrival, offsetOf(leg.plannedArrival));
    if (departure === null) {
      bad.push(`legs.${index}.plannedDeparture`);
    }
    if (arrival === null) {
      bad.push(`legs.${index}.plannedArrival`);
    }
    return {
      mode: leg.mode,
      origin: leg.origin.trim().toUpperCase(),
      destination: leg.destination.trim().toUpperCase(),
      ...optional('carrierName', leg.carrierName),
      ...optional('vesselName', leg.vesselName),
      ...optional('voyageNumber', leg.voyageNumber),
      ...optional('trainNumber', leg.trainNumber),
      ...optional('flightNumber', leg.flightNumber),
      plannedDeparture: departure ?? '',
      plannedArrival: arrival ?? '',
    };
  });
  if (bad.length > 0) {
    return { ok: false, fields: bad };
  }
  return {
    ok: true,
    body: {
      carrierBookingReference: values.carrierBookingReference.trim(),
      ...optional('carrierOrganisationId', values.carrierOrganisationId),
      legs,
      containers: (values.containers ?? []).map((container) => ({
        number: container.number.replaceAll(' ', '').toUpperCase(),
        sizeType: container.sizeType.trim().toUpperCase(),
        seals: parseSeals(container.seals),
      })),
    },
  };
};
