import { type ColumnType, type Selectable, sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { ShipmentContent } from '../domain/shipment.ts';
import type { Milestone } from '../plans/domain/route-plan.ts';
import {
  DEFAULT_DELAY_THRESHOLD_MINUTES,
  type ExceptionKind,
  type ExceptionState,
} from './domain/exception-rules.ts';

type Json<T> = ColumnType<T, string, string>;

type ExceptionSettingsTable = { organisation_id: string; delay_threshold_minutes: number; updated_at: Date };
type ShipmentExceptionSettingsTable = {
  shipment_id: string;
  delay_threshold_minutes: number;
  updated_at: Date;
};
type ExceptionsTable = {
  id: string;
  shipment_id: string;
  kind: ExceptionKind;
  leg_index: number;
  milestone: Milestone;
  expected_at: string;
  observed_at: string | null;
  observed_classifier: 'ACT' | 'EST' | null;
  observed_event_id: string | null;
  delay_minutes: number | null;
  state: ExceptionState;
  acknowledged_by_organisation_id: string | null;
  acknowledged_at: Date | null;
  raised_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
};
type SubscriptionsTable = {
  id: string;
  organisation_id: string;
  callback_url: string;
  secret_sealed: string;
  created_at: Date;
  last_delivery_at: Date | null;
  last_delivery_status: number | null;
};
// The shipment tables this part reads (owned by the logistics module, defined in repository.ts).
type ShipmentsTable = {
  id: string;
  shipper_organisation_id: string;
  reference: string;
  content: Json<ShipmentContent>;
};
type ShipmentPartiesTable = { shipment_id: string; organisation_id: string; role: string };
type TrackingEventsTable = {
  shipment_id: string;
  event_type: string;
  event_classifier_code: string;
  type_code: string;
  body: Json<Record<string, unknown>>;
};

type ExceptionTables = {
  'logistics.exception_settings': ExceptionSettingsTable;
  'logistics.shipment_exception_settings': ShipmentExceptionSettingsTable;
  'logistics.exceptions': ExceptionsTable;
  'logistics.exception_subscriptions': SubscriptionsTable;
  'logistics.shipments': ShipmentsTable;
  'logistics.shipment_parties': ShipmentPartiesTable;
  'logistics.tracking_events': TrackingEventsTable;
};

export type ExceptionRow = Selectable<ExceptionsTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;

const tables = (ex: Executor) => ex.withTables<ExceptionTables>();

/** Who sees a shipment's exceptions and may have them pushed: not the parties of its orders. */
export const EXCEPTION_ROLES = ['shipper', 'forwarder', 'carrier'];

export type JudgedShipment = {
  reference: string;
  content: ShipmentContent;
  shipperOrganisationId: string;
  thresholdMinutes: number;
};

/**
 * The shipments with what judging their milestones needs: reference, legs, shipper and the
 * threshold in force (the shipment's own, else its shipper's, else the default), each row locked
 * so that an event being stored and the sweeper judge one shipment one after the other.
 */
export const lockShipmentsForJudging = async (ex: Executor, shipmentIds: readonly string[]) => {
  if (shipmentIds.length === 0) {
    return new Map<string, JudgedShipment>();
  }
  // Sorted, so two transactions locking overlapping sets take the locks in one order. The lock the
  // ingest's trace chain takes too (FOR NO KEY UPDATE): rows that merely reference a shipment are
  // not held up by it.
  const ids = [...new Set(shipmentIds)].sort();
  const locked = await tables(ex)
    .selectFrom('logistics.shipments')
    .select('id')
    .where('id', 'in', ids)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  if (locked.length === 0) {
    return new Map<string, JudgedShipment>();
  }
  const rows = await tables(ex)
    .selectFrom('logistics.shipments as s')
    .leftJoin('logistics.shipment_exception_settings as o', 'o.shipment_id', 's.id')
    .leftJoin('logistics.exception_settings as g', 'g.organisation_id', 's.shipper_organisation_id')
    .select([
      's.id',
      's.reference',
      's.content',
      's.shipper_organisation_id',
      'o.delay_threshold_minutes as own',
      'g.delay_threshold_minutes as shipper',
    ])
    .where('s.id', 'in', ids)
    .execute();
  return new Map<string, JudgedShipment>(
    rows.map((row) => [
      row.id,
      {
        reference: row.reference,
        content: row.content,
        shipperOrganisationId: row.shipper_organisation_id,
        thresholdMinutes: row.own ?? row.shipper ?? DEFAULT_DELAY_THRESHOLD_MINUTES,
      },
    ]),
  );
};

/** The open and acknowledged exceptions of a shipment. */
export const liveExceptionsOf = (ex: Executor, shipmentId: string) =>
  tables(ex)
    .selectFrom('logistics.exceptions')
    .selectAll()
    .where('shipment_id', '=', shipmentId)
    .where('state', '<>', 'resolved')
    .execute();

/**
 * True when an actual (ACT) departure or arrival was stored at the place for the shipment. The
 * sweeper and estimates count a milestone as reported by its place and type, the first rule of
 * the leg matching (docs/logistics-plans-exceptions.md).
 */
export const actualMilestoneExists = async (
  ex: Executor,
  shipmentId: string,
  milestone: Milestone,
  place: string,
): Promise<boolean> => {
  const found = await tables(ex)
    .selectFrom('logistics.tracking_events as e')
    .select('e.shipment_id')
    .where('e.shipment_id', '=', shipmentId)
    .where('e.event_type', '=', 'TRANSPORT')
    .where('e.event_classifier_code', '=', 'ACT')
    .where('e.type_code', '=', milestone === 'departure' ? 'DEPA' : 'ARRI')
    .where(
      sql<string>`coalesce(e.body->'transportCall'->>'UNLocationCode', e.body->'transportCall'->'location'->>'UNLocationCode')`,
      '=',
      place,
    )
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
};

/** Stores a new live exception unless the milestone already has one of its kind; true when stored. */
export const insertException = async (ex: Executor, row: ExceptionRow): Promise<boolean> => {
  const inserted = await tables(ex)
    .insertInto('logistics.exceptions')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['shipment_id', 'leg_index', 'milestone', 'kind'])
        .where('state', '<>', 'resolved')
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
};

export const updateException = (
  ex: Executor,
  id: string,
  set: Partial<Omit<ExceptionRow, 'id' | 'shipment_id' | 'kind' | 'leg_index' | 'milestone' | 'raised_at'>>,
) =>
  tables(ex)
    .updateTable('logistics.exceptions')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** A gap candidate: a leg's planned milestone passed by more than the threshold, with no ACT for it. */
export type GapCandidate = {
  shipment_id: string;
  leg_index: number;
  milestone: Milestone;
  expected_at: string;
  place: string;
};

/**
 * Milestones planned between `since` and `now` minus their threshold that have no live gap and no
 * actual event at their place, oldest shipments first. Planned times are RFC 3339 with offsets,
 * which PostgreSQL reads as timestamptz.
 */
export const findGapCandidates = async (ex: Executor, now: Date, since: Date, limit: number) => {
  const { rows } = await sql<GapCandidate>`
    select s.id as shipment_id, (l.position - 1)::int as leg_index, m.milestone, m.expected_at, m.place
    from logistics.shipments s
    cross join lateral jsonb_array_elements(s.content -> 'legs') with ordinality as l(leg, position)
    cross join lateral (values
      ('departure', l.leg ->> 'plannedDeparture', upper(l.leg ->> 'origin')),
      ('arrival', l.leg ->> 'plannedArrival', upper(l.leg ->> 'destination'))
    ) as m(milestone, expected_at, place)
    left join logistics.shipment_exception_settings o on o.shipment_id = s.id
    left join logistics.exception_settings g on g.organisation_id = s.shipper_organisation_id
    where m.expected_at::timestamptz > ${since}
      and m.expected_at::timestamptz
        + coalesce(o.delay_threshold_minutes, g.delay_threshold_minutes, ${DEFAULT_DELAY_THRESHOLD_MINUTES})
          * interval '1 minute' < ${now}
      and not exists (
        select 1 from logistics.exceptions x
        where x.shipment_id = s.id and x.leg_index = l.position - 1 and x.milestone = m.milestone
          and x.kind = 'gap' and x.state <> 'resolved')
      and not exists (
        select 1 from logistics.tracking_events e
        where e.shipment_id = s.id and e.event_type = 'TRANSPORT' and e.event_classifier_code = 'ACT'
          and e.type_code = case m.milestone when 'departure' then 'DEPA' else 'ARRI' end
          and coalesce(e.body -> 'transportCall' ->> 'UNLocationCode',
                       e.body -> 'transportCall' -> 'location' ->> 'UNLocationCode') = m.place)
    order by s.id, leg_index, m.milestone desc
    limit ${limit}`.execute(ex);
  return rows;
};

const visibleTo = (organisationId: string) =>
  sql<boolean>`exists (select 1 from logistics.shipment_parties p where p.shipment_id = x.shipment_id
    and p.organisation_id = ${organisationId} and p.role in ('shipper', 'forwarder', 'carrier'))`;

/** A page of the exceptions of shipments the organisation ships, forwards or carries, newest first. */
export const listVisibleExceptions = (
  ex: Executor,
  filter: {
    organisationId: string;
    shipmentId?: string | undefined;
    state?: ExceptionState | undefined;
    before?: string | undefined;
    limit: number;
  },
) => {
  let query = tables(ex)
    .selectFrom('logistics.exceptions as x')
    .innerJoin('logistics.shipments as s', 's.id', 'x.shipment_id')
    .selectAll('x')
    .select('s.reference as shipment_reference')
    .where(visibleTo(filter.organisationId))
    .orderBy('x.id', 'desc')
    .limit(filter.limit + 1);
  if (filter.shipmentId !== undefined) {
    query = query.where('x.shipment_id', '=', filter.shipmentId);
  }
  if (filter.state !== undefined) {
    query = query.where('x.state', '=', filter.state);
  }
  if (filter.before !== undefined) {
    query = query.where('x.id', '<', filter.before);
  }
  return query.execute();
};

/** One exception the organisation may see, locked for a change when `lock` is set. */
export const findVisibleException = (
  ex: Executor,
  organisationId: string,
  exceptionId: string,
  lock = false,
) => {
  const query = tables(ex)
    .selectFrom('logistics.exceptions as x')
    .innerJoin('logistics.shipments as s', 's.id', 'x.shipment_id')
    .selectAll('x')
    .select('s.reference as shipment_reference')
    .where('x.id', '=', exceptionId)
    .where(visibleTo(organisationId));
  return (lock ? query.forUpdate('x') : query).executeTakeFirst();
};

/** True when the organisation is the shipment's shipper. */
export const isShipperOf = async (ex: Executor, organisationId: string, shipmentId: string) =>
  (await tables(ex)
    .selectFrom('logistics.shipments')
    .select('id')
    .where('id', '=', shipmentId)
    .where('shipper_organisation_id', '=', organisationId)
    .executeTakeFirst()) !== undefined;

export const findOrganisationThreshold = (ex: Executor, organisationId: string) =>
  tables(ex)
    .selectFrom('logistics.exception_settings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();

export const upsertOrganisationThreshold = (
  ex: Executor,
  organisationId: string,
  minutes: number,
  at: Date,
) =>
  tables(ex)
    .insertInto('logistics.exception_settings')
    .values({ organisation_id: organisationId, delay_threshold_minutes: minutes, updated_at: at })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({ delay_threshold_minutes: minutes, updated_at: at }),
    )
    .execute();

export const findShipmentThreshold = (ex: Executor, shipmentId: string) =>
  tables(ex)
    .selectFrom('logistics.shipment_exception_settings')
    .selectAll()
    .where('shipment_id', '=', shipmentId)
    .executeTakeFirst();

export const setShipmentThreshold = async (
  ex: Executor,
  shipmentId: string,
  minutes: number | null,
  at: Date,
) => {
  if (minutes === null) {
    await tables(ex)
      .deleteFrom('logistics.shipment_exception_settings')
      .where('shipment_id', '=', shipmentId)
      .execute();
    return;
  }
  await tables(ex)
    .insertInto('logistics.shipment_exception_settings')
    .values({ shipment_id: shipmentId, delay_threshold_minutes: minutes, updated_at: at })
    .onConflict((oc) =>
      oc.column('shipment_id').doUpdateSet({ delay_threshold_minutes: minutes, updated_at: at }),
    )
    .execute();
};

export const insertSubscription = (ex: Executor, row: SubscriptionRow) =>
  tables(ex).insertInto('logistics.exception_subscriptions').values(row).execute();

export const listSubscriptions = (ex: Executor, organisationId: string) =>
  tables(ex)
    .selectFrom('logistics.exception_subscriptions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();

export const countSubscriptions = async (ex: Executor, organisationId: string) =>
  Number(
    (
      await tables(ex)
        .selectFrom('logistics.exception_subscriptions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('organisation_id', '=', organisationId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Deletes the organisation's subscription; true when there was one. */
export const deleteSubscription = async (ex: Executor, organisationId: string, subscriptionId: string) => {
  const deleted = await tables(ex)
    .deleteFrom('logistics.exception_subscriptions')
    .where('id', '=', subscriptionId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
};

export const findSubscription = (ex: Executor, subscriptionId: string) =>
  tables(ex)
    .selectFrom('logistics.exception_subscriptions')
    .selectAll()
    .where('id', '=', subscriptionId)
    .executeTakeFirst();

export const recordDeliveryOutcome = (ex: Executor, subscriptionId: string, status: number, at: Date) =>
  tables(ex)
    .updateTable('logistics.exception_subscriptions')
    .set({ last_delivery_at: at, last_delivery_status: status })
    .where('id', '=', subscriptionId)
    .execute();

/** The subscriptions of the organisations that see a shipment's exceptions. */
export const subscriptionsForShipment = (ex: Executor, shipmentId: string) =>
  tables(ex)
    .selectFrom('logistics.exception_subscriptions as c')
    .select(['c.id', 'c.organisation_id'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('logistics.shipment_parties as p')
          .select('p.shipment_id')
          .where('p.shipment_id', '=', shipmentId)
          .whereRef('p.organisation_id', '=', 'c.organisation_id')
          .where('p.role', 'in', EXCEPTION_ROLES),
      ),
    )
    .orderBy('c.id')
    .execute();
