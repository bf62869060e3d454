import type { ColumnType, Selectable } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { BookingRequestContent, BookingRole, BookingStatus } from './domain/booking.ts';

type Json<T> = ColumnType<T, string, string>;

type BookingsTable = {
  id: string;
  shipper_organisation_id: string;
  forwarder_organisation_id: string;
  reference: string;
  status: BookingStatus;
  request: Json<BookingRequestContent>;
  carrier_booking_reference: string | null;
  carrier_organisation_id: string | null;
  shipment_id: string | null;
  decline_reason: string | null;
  created_at: Date;
  updated_at: Date;
};
type BookingOrdersTable = { booking_id: string; order_id: string };

type BookingTables = {
  'logistics.bookings': BookingsTable;
  'logistics.booking_orders': BookingOrdersTable;
};

export type BookingRow = Selectable<BookingsTable>;

const tables = (ex: Executor) => ex.withTables<BookingTables>();

export const insertBooking = async (ex: Executor, row: BookingRow, orderIds: readonly string[]) => {
  await tables(ex)
    .insertInto('logistics.bookings')
    .values({ ...row, request: JSON.stringify(row.request) })
    .execute();
  await tables(ex)
    .insertInto('logistics.booking_orders')
    .values(orderIds.map((order_id) => ({ booking_id: row.id, order_id })))
    .execute();
};

/**
 * The booking with the role `organisationId` has in it, or undefined when it is neither its
 * shipper nor its forwarder. With `forUpdate` the row stays locked until the transaction ends, so
 * two decisions on one booking (two confirms racing) happen one after the other.
 */
export const findBookingFor = async (
  ex: Executor,
  organisationId: string,
  bookingId: string,
  forUpdate = false,
): Promise<{ row: BookingRow; role: BookingRole } | undefined> => {
  const query = tables(ex)
    .selectFrom('logistics.bookings')
    .selectAll()
    .where('id', '=', bookingId)
    .where((eb) =>
      eb.or([
        eb('shipper_organisation_id', '=', organisationId),
        eb('forwarder_organisation_id', '=', organisationId),
      ]),
    );
  const row = await (forUpdate ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  return { row, role: row.shipper_organisation_id === organisationId ? 'shipper' : 'forwarder' };
};

export const listBookingOrders = async (ex: Executor, bookingId: string): Promise<string[]> =>
  (
    await tables(ex)
      .selectFrom('logistics.booking_orders')
      .select('order_id')
      .where('booking_id', '=', bookingId)
      .orderBy('order_id')
      .execute()
  ).map((r) => r.order_id);

export type BookingFilter = {
  organisationId: string;
  /** `sent`: the organisation is the shipper; `received`: the forwarder; neither: both. */
  role?: 'sent' | 'received' | undefined;
  status?: BookingStatus | undefined;
  limit: number;
  before?: string | undefined;
};

/** A page of the organisation's bookings, newest first. */
export const listBookingsFor = (ex: Executor, filter: BookingFilter) => {
  const { organisationId } = filter;
  let query = tables(ex)
    .selectFrom('logistics.bookings')
    .selectAll()
    .where((eb) =>
      filter.role === 'sent'
        ? eb('shipper_organisation_id', '=', organisationId)
        : filter.role === 'received'
          ? eb('forwarder_organisation_id', '=', organisationId)
          : eb.or([
              eb('shipper_organisation_id', '=', organisationId),
              eb('forwarder_organisation_id', '=', organisationId),
            ]),
    )
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status);
  }
  if (filter.before !== undefined) {
    query = query.where('id', '<', filter.before);
  }
  return query.execute();
};

/** Moves a booking on from `requested`; false when it was no longer requested (nothing changed). */
export const decideBooking = async (
  ex: Executor,
  bookingId: string,
  change: Pick<
    BookingRow,
    'status' | 'carrier_booking_reference' | 'carrier_organisation_id' | 'shipment_id' | 'decline_reason'
  > & { updated_at: Date },
): Promise<boolean> => {
  const result = await tables(ex)
    .updateTable('logistics.bookings')
    .set(change)
    .where('id', '=', bookingId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};
