import { type ColumnType, type ExpressionBuilder, type Generated, type Selectable, sql } from 'kysely';
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
  /** Place and hash in the shipment's trace chain (trace/chain.ts). */
  chain_index: ColumnType<string, number, never>;
  chain_hash: ColumnType<Uint8Array, Uint8Array, never>;
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

export type ShipmentReferences = { transportDocument: string[]; booking: string[]; equipment: string[] };

/**
 * For each event of a batch, the newest shipment the sender may report on (as its shipper,
 * forwarder or carrier) that one of its references names: a transport document reference first,
 * then a carrier booking reference, then a container number. At most three queries, whatever the
 * batch size.
 */
export const findReportableShipments = async (
  ex: Executor,
  senderOrganisationId: string,
  refsList: readonly ShipmentReferences[],
): Promise<(string | undefined)[]> => {
  const all = (pick: (refs: ShipmentReferences) => string[]) => [...new Set(refsList.flatMap(pick))];
  const documents = all((r) => r.transportDocument);
  const bookings = all((r) => r.booking);
  const equipment = all((r) => r.equipment);
  const party = (eb: ExpressionBuilder<LogisticsTables, 'logistics.shipments'>) =>
    eb.exists(
      eb
        .selectFrom('logistics.shipment_parties as p')
        .select('p.shipment_id')
        .whereRef('p.shipment_id', '=', 'logistics.shipments.id')
        .where('p.organisation_id', '=', senderOrganisationId)
        .where('p.role', 'in', ['shipper', 'forwarder', 'carrier']),
    );
  const newest = (rows: { id: string; ref: string | null }[]) => {
    const byRef = new Map<string, string>();
    for (const { id, ref } of rows) {
      const known = ref === null ? undefined : byRef.get(ref);
      if (ref !== null && (known === undefined || id > known)) {
        byRef.set(ref, id);
      }
    }
    return byRef;
  };
  const byDocument = newest(
    documents.length === 0
      ? []
      : await tables(ex)
          .selectFrom('logistics.shipments')
          .select(['id', 'transport_document_reference as ref'])
          .where('transport_document_reference', 'in', documents)
          .where(party)
          .execute(),
  );
  const byBooking = newest(
    bookings.length === 0
      ? []
      : await tables(ex)
          .selectFrom('logistics.shipments')
          .select(['id', 'carrier_booking_reference as ref'])
          .where('carrier_booking_reference', 'in', bookings)
          .where(party)
          .execute(),
  );
  const byContainer = newest(
    equipment.length === 0
      ? []
      : await tables(ex)
          .selectFrom('logistics.shipments')
          .innerJoin('logistics.shipment_containers as c', 'c.shipment_id', 'logistics.shipments.id')
          .select(['logistics.shipments.id as id', 'c.container_number as ref'])
          .where('c.container_number', 'in', equipment)
          .where(party)
          .execute(),
  );
  const best = (refs: string[], found: Map<string, string>) => {
    let id: string | undefined;
    for (const ref of refs) {
      const candidate = found.get(ref);
      if (candidate !== undefined && (id === undefined || candidate > id)) {
        id = candidate;
      }
    }
    return id;
  };
  return refsList.map(
    (refs) =>
      best(refs.transportDocument, byDocument) ??
      best(refs.booking, byBooking) ??
      best(refs.equipment, byContainer),
  );
};

export type NewTrackingEvent = Omit<TrackingEventRow, 'seq' | 'body' | 'chain_index' | 'chain_hash'> & {
  body: Record<string, unknown>;
  chain_index: number;
  chain_hash: Uint8Array;
};

/**
 * Stores the events in multi-row statements unless one with the id exists; the ids this call
 * stored (a concurrent call may have stored one of them first).
 */
export const insertTrackingEvents = async (
  ex: Executor,
  rows: readonly NewTrackingEvent[],
): Promise<Set<string>> => {
  const stored = new Set<string>();
  for (let at = 0; at < rows.length; at += 250) {
    const inserted = await tables(ex)
      .insertInto('logistics.tracking_events')
      .values(rows.slice(at, at + 250).map((row) => ({ ...row, body: JSON.stringify(row.body) })))
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('event_id')
      .execute();
    for (const { event_id } of inserted) {
      stored.add(event_id);
    }
  }
  return stored;
};

/** The stored events with these ids (for replays and conflicts), by id. */
export const findTrackingEvents = async (ex: Executor, eventIds: readonly string[]) => {
  const ids = [...new Set(eventIds)];
  const rows =
    ids.length === 0
      ? []
      : await tables(ex)
          .selectFrom('logistics.tracking_events')
          .select(['event_id', 'shipment_id', 'sender_organisation_id', 'body_sha256'])
          .where('event_id', 'in', ids)
          .execute();
  return new Map(rows.map((row) => [row.event_id, row]));
};

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
