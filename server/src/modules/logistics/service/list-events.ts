import { AppError } from '@tradehub/kernel';
import type { LogisticsDeps } from '../deps.ts';
import { type EventFilter, listTrackingEvents } from '../repository.ts';

export type EventQuery = {
  organisationId: string;
  eventType?: string[] | undefined;
  shipmentEventTypeCode?: string[] | undefined;
  transportEventTypeCode?: string[] | undefined;
  equipmentEventTypeCode?: string[] | undefined;
  carrierBookingReference?: string | undefined;
  transportDocumentReference?: string | undefined;
  equipmentReference?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

const badCursor = () =>
  new AppError('http.validation_failed', 'The cursor is not one this hub gave out.', {
    fieldErrors: [
      { field: 'cursor', code: 'kernel.invalid_format', message: 'a cursor from a Next-Page link' },
    ],
  });

/** The position after the last event of a page, opaque to the client. */
const encodeCursor = (at: Date, seq: string) =>
  Buffer.from(JSON.stringify({ t: at.toISOString(), s: seq }), 'utf8').toString('base64url');

const decodeCursor = (cursor: string): { at: Date; seq: string } => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const { t, s } = value as { t?: unknown; s?: unknown };
      if (
        typeof t === 'string' &&
        typeof s === 'string' &&
        /^\d{1,18}$/.test(s) &&
        !Number.isNaN(Date.parse(t))
      ) {
        return { at: new Date(t), seq: s };
      }
    }
  } catch {
    // Falls through to the same answer as any other foreign cursor.
  }
  throw badCursor();
};

/**
 * DCSA events of the shipments the organisation is a party of, in event-time order (a late event
 * takes its place by the time it happened), filtered by the DCSA T&T 2.2 query parameters.
 */
export const listEvents = async (deps: LogisticsDeps, query: EventQuery) => {
  const codeFilters: NonNullable<EventFilter['codeFilters']> = [];
  for (const [eventType, codes] of [
    ['SHIPMENT', query.shipmentEventTypeCode],
    ['TRANSPORT', query.transportEventTypeCode],
    ['EQUIPMENT', query.equipmentEventTypeCode],
  ] as const) {
    if (codes !== undefined) {
      codeFilters.push({ eventType, codes });
    }
  }
  const rows = await listTrackingEvents(deps.db.kysely, {
    organisationId: query.organisationId,
    eventTypes: query.eventType,
    codeFilters,
    carrierBookingReference: query.carrierBookingReference,
    transportDocumentReference: query.transportDocumentReference,
    equipmentReference: query.equipmentReference?.replace(/[\s-]/g, '').toUpperCase(),
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((row) => row.body),
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor(last.event_date_time, String(last.seq))
        : null,
  };
};
