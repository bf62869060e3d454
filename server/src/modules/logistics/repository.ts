import { type ColumnType, type Generated, type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { ShipmentContent } from './domain/shipment.ts';

type Json<T> = ColumnType<T, string, string>;

type ShipmentsTable = {
  id: string;
  shipper_organisation_id: string;
  forwarder_organisation_id: string | null;
  carrier_organisation_id: string | null;
  reference: string;
  carrier_booking_reference: string | null;
  transport_document_reference: string | null;
  content: Json<ShipmentContent>;
  created_at: Date;
};
type ShipmentOrdersTable = { shipment_id: string; order_id: string };
export type PartyRole = 'shipper' | 'forwarder' | 'carrier' | 'seller' | 'buyer';
type ShipmentPartiesTable = { shipment_id: string; organisation_id: string; role: PartyRole };
type ShipmentContainersTable = { shipment_id: string; container_number: string; size_type: string };
type TrackingEventsTable = {
  event_id: string;
  seq: Generated<ColumnType<string, never, never>>;
  shipment_id: string;
  sender_organisation_id: string;
  event_type: string;
  event_classifier_code: string;
  type_code: string;
  event_date_time: Date;
  event_created_date_time: Date;
  carrier_booking_reference: string | null;
  transport_document_reference: string | null;
  equipment_reference: string | null;
  body: Json<Record<string, unknown>>;
  body_sha256: string;
  received_at: Date;
};

type LogisticsTables = {
  'logistics.shipments': ShipmentsTable;
  'logistics.shipment_orders': ShipmentOrdersTable;
  'logistics.shipment_parties': ShipmentPartiesTable;
  'logistics.shipment_containers': ShipmentContainersTable;
  'logistics.tracking_events': TrackingEventsTable;
};

export type ShipmentRow = Selectable<ShipmentsTable>;
export type TrackingEventRow = Selectable<TrackingEventsTable>;

/** The module's tables on any executor; the only place this module names its SQL tables. */
const tables = (ex: Executor) => ex.withTables<LogisticsTables>();

export const insertShipment = async (
  ex: Executor,
  row: ShipmentRow,
  orderIds: readonly string[],
  parties: readonly { organisationId: string; role: PartyRole }[],
) => {
  await tables(ex)
    .insertInto('logistics.shipments')
    .values({ ...row, content: JSON.stringify(row.content) })
    .execute();
  await tables(ex)
    .insertInto('logistics.shipment_orders')
    .values(orderIds.map((order_id) => ({ shipment_id: row.id, order_id })))
    .execute();
  await tables(ex)
    .insertInto('logistics.shipment_parties')
    .values(parties.map((p) => ({ shipment_id: row.id, organisation_id: p.organisationId, role: p.role })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (row.content.containers.length > 0) {
    await tables(ex)
      .insertInto('logistics.shipment_containers')
      .values(
        row.content.containers.map((c) => ({
          shipment_id: row.id,
          container_number: c.number,
          size_type: c.sizeType,
        })),
      )
      .execute();
  }
};

/** The shipment with the roles `organisationId` has in it; undefined when it has none. */
export const findVisibleShipment = async (
  ex: Executor,
  organisationId: string,
  shipmentId: string,
): Promise<{ row: ShipmentRow; roles: PartyRole[]; orderIds: string[] } | undefined> => {
  const roles = await tables(ex)
    .selectFrom('logistics.shipment_parties')
    .select('role')
    .where('shipment_id', '=', shipmentId)
    .where('organisation_id', '=', organisationId)
    .execute();
  if (roles.length === 0) {
    return undefined;
  }
  const row = await tables(ex)
    .selectFrom('logistics.shipments')
    .selectAll()
    .where('id', '=', shipmentId)
    .executeTakeFirstOrThrow();
  const orders = await tables(ex)
    .selectFrom('logistics.shipment_orders')
    .select('order_id')
    .where('shipment_id', '=', shipmentId)
    .orderBy('order_id')
    .execute();
  return { row, roles: roles.map((r) => r.role), orderIds: orders.map((o) => o.order_id) };
};

/** A page of the shipments `organisationId` is a party of, newest first. */
export const listVisibleShipments = (
  ex: Executor,
  organisationId: string,
  limit: number,
  before?: string,
) => {
  let query = tables(ex)
    .selectFrom('logistics.shipments as s')
    .selectAll('s')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('logistics.shipment_parties as p')
          .select('p.shipment_id')
          .whereRef('p.shipment_id', '=', 's.id')
          .where('p.organisation_id', '=', organisationId),
      ),
    )
    .orderBy('s.id', 'desc')
    .limit(limit + 1);
  if (before !== undefined) {
    query = query.where('s.id', '<', before);
  }
  return query.execute();
};

/**
 * The newest shipment `senderOrganisationId` may report on (its shipper, forwarder or carrier) that
 * one of the references names: a transport document reference first, then a carrier booking
 * reference, then a container number.
 */
export const findReportableShipment = async (
  ex: Executor,
  senderOrganisationId: string,
  refs: { transportDocument: string[]; booking: string[]; equipment: string[] },
): Promise<string | undefined> => {
  const candidates = [
    refs.transportDocument.length === 0
      ? undefined
      : tables(ex)
          .selectFrom('logistics.shipments as s')
          .select('s.id')
          .where('s.transport_document_reference', 'in', refs.transportDocument),
    refs.booking.length === 0
      ? undefined
      : tables(ex)
          .selectFrom('logistics.shipments as s')
          .select('s.id')
          .where('s.carrier_booking_reference', 'in', refs.booking),
    refs.equipment.length === 0
      ? undefined
      : tables(ex)
          .selectFrom('logistics.shipments as s')
          .innerJoin('logistics.shipment_containers as c', 'c.shipment_id', 's.id')
          .select('s.id')
          .where('c.container_number', 'in', refs.equipment),
  ];
  for (const candidate of candidates) {
    if (candidate === undefined) {
      continue;
    }
    const found = await candidate
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('logistics.shipment_parties as p')
            .select('p.shipment_id')
            .whereRef('p.shipment_id', '=', 's.id')
            .where('p.organisation_id', '=', senderOrganisationId)
            .where('p.role', 'in', ['shipper', 'forwarder', 'carrier']),
        ),
      )
      .orderBy('s.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (found !== undefined) {
      return found.id;
    }
  }
  return undefined;
};

export type NewTrackingEvent = Omit<TrackingEventRow, 'seq' | 'body'> & { body: Record<string, unknown> };

/** Stores the event unless one with its id exists; true when this call stored it. */
export const insertTrackingEvent = async (ex: Executor, row: NewTrackingEvent): Promise<boolean> => {
  const result = await tables(ex)
    .insertInto('logistics.tracking_events')
    .values({ ...row, body: JSON.stringify(row.body) })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
};

export const findTrackingEvent = (ex: Executor, eventId: string) =>
  tables(ex)
    .selectFrom('logistics.tracking_events')
    .select(['event_id', 'shipment_id', 'sender_organisation_id', 'body_sha256'])
    .where('event_id', '=', eventId)
    .executeTakeFirst();

export type EventFilter = {
  organisationId: string;
  shipmentId?: string | undefined;
  eventTypes?: string[] | undefined;
  /** Each one keeps events of its type with one of its codes; two of them contradict (empty). */
  codeFilters?: { eventType: string; codes: string[] }[] | undefined;
  carrierBookingReference?: string | undefined;
  transportDocumentReference?: string | undefined;
  equipmentReference?: string | undefined;
  /** Strictly after this (event time, arrival) position. */
  after?: { at: Date; seq: string } | undefined;
  limit: number;
};

/** Events of the shipments the organisation may see, in event-time order (arrival breaks ties). */
export const listTrackingEvents = (ex: Executor, filter: EventFilter) => {
  let query = tables(ex)
    .selectFrom('logistics.tracking_events as e')
    .innerJoin('logistics.shipments as s', 's.id', 'e.shipment_id')
    .select(['e.body', 'e.event_date_time', 'e.seq', 'e.shipment_id'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('logistics.shipment_parties as p')
          .select('p.shipment_id')
          .whereRef('p.shipment_id', '=', 'e.shipment_id')
          .where('p.organisation_id', '=', filter.organisationId),
      ),
    );
  if (filter.shipmentId !== undefined) {
    query = query.where('e.shipment_id', '=', filter.shipmentId);
  }
  if (filter.eventTypes !== undefined) {
    query = query.where('e.event_type', 'in', filter.eventTypes);
  }
  for (const { eventType, codes } of filter.codeFilters ?? []) {
    query = query.where('e.event_type', '=', eventType).where('e.type_code', 'in', codes);
  }
  const { carrierBookingReference: booking, transportDocumentReference: document } = filter;
  if (booking !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('e.carrier_booking_reference', '=', booking),
        eb('s.carrier_booking_reference', '=', booking),
      ]),
    );
  }
  if (document !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('e.transport_document_reference', '=', document),
        eb('s.transport_document_reference', '=', document),
      ]),
    );
  }
  if (filter.equipmentReference !== undefined) {
    query = query.where('e.equipment_reference', '=', filter.equipmentReference);
  }
  const after = filter.after;
  if (after !== undefined) {
    query = query.where(sql<boolean>`(e.event_date_time, e.seq) > (${after.at}, ${after.seq}::bigint)`);
  }
  return query
    .orderBy('e.event_date_time')
    .orderBy('e.seq')
    .limit(filter.limit + 1)
    .execute();
};
