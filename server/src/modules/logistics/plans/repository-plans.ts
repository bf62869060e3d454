import type { ColumnType } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

type TrackingEventsTable = {
  shipment_id: string;
  seq: string;
  event_type: string;
  event_date_time: Date;
  body: ColumnType<Record<string, unknown>, string, string>;
};

/** How many transport events a plan reads; a shipment with more is far outside any real route. */
export const PLAN_EVENT_LIMIT = 2_000;

/** A shipment's transport events in arrival order (the caller has decided it may see them). */
export const listTransportEvents = (ex: Executor, shipmentId: string) =>
  ex
    .withTables<{ 'logistics.tracking_events': TrackingEventsTable }>()
    .selectFrom('logistics.tracking_events')
    .select(['body', 'seq'])
    .where('shipment_id', '=', shipmentId)
    .where('event_type', '=', 'TRANSPORT')
    .orderBy('seq')
    .limit(PLAN_EVENT_LIMIT)
    .execute();
