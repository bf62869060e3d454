import { AppError, type FieldError, newId } from '@tradehub/kernel';
import { publishEvent } from '../../../../platform/events/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import type { ShipmentContainer, ShipmentLeg } from '../../domain/shipment.ts';
import { logisticsEvents } from '../../events.ts';
import type { WriteContext } from '../../service/context.ts';
import { checkShipmentOrders, prepareShipment, storeShipment } from '../../service/create-shipment.ts';
import {
  type BookingRequestContent,
  type BookingRole,
  type BookingStatus,
  type BookingStep,
  checkBookingRequest,
  stepOutcome,
  stepParty,
} from '../domain/booking.ts';
import {
  type BookingFilter,
  type BookingRow,
  decideBooking,
  findBookingFor,
  insertBooking,
  listBookingOrders,
  listBookingsFor,
} from '../repository-bookings.ts';

/** Organisation kinds that take bookings: a freight forwarder, or a carrier booked directly. */
const FORWARDER_KINDS = new Set(['logistics_provider', 'carrier']);

export type RequestBookingInput = BookingRequestContent & {
  reference: string;
  forwarderOrganisationId: string;
  orderIds: string[];
};

export type ConfirmBookingInput = {
  carrierBookingReference: string;
  carrierOrganisationId?: string | undefined;
  legs: ShipmentLeg[];
  containers: ShipmentContainer[];
};

const invalid = (errors: FieldError[]) =>
  new AppError('http.validation_failed', 'The booking has invalid fields.', { fieldErrors: errors });

export const bookingNotFound = (bookingId: string) =>
  new AppError('logistics.booking_not_found', `No booking ${bookingId}.`);

const roleOf = (row: BookingRow, organisationId: string): BookingRole =>
  row.shipper_organisation_id === organisationId ? 'shipper' : 'forwarder';

const presentBooking = (row: BookingRow, role: BookingRole, orderIds: string[]) => ({
  id: row.id,
  reference: row.reference,
  status: row.status,
  myRole: role,
  shipperOrganisationId: row.shipper_organisation_id,
  forwarderOrganisationId: row.forwarder_organisation_id,
  orderIds,
  legs: row.request.legs,
  equipment: row.request.equipment,
  cargo: row.request.cargo,
  remarks: row.request.remarks ?? null,
  carrierBookingReference: row.carrier_booking_reference,
  carrierOrganisationId: row.carrier_organisation_id,
  shipmentId: row.shipment_id,
  declineReason: row.decline_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export type BookingView = ReturnType<typeof presentBooking>;

const stepDone: Record<BookingStep, string> = {
  confirm: 'confirmed',
  decline: 'declined',
  cancel: 'cancelled',
};

/**
 * The status a step leads to for this party, or the refusal: 403 for the wrong party (it sees
 * the booking, so hiding it would be pointless), 409 for a booking no longer requested, with its
 * current status in `details`.
 */
const requireStep = (found: { row: BookingRow; role: BookingRole }, step: BookingStep): BookingStatus => {
  const outcome = stepOutcome(step, found.role, found.row.status);
  if (outcome.ok) {
    return outcome.to;
  }
  if (outcome.refusal === 'wrong_party') {
    const party = stepParty(step);
    throw new AppError(
      party === 'forwarder' ? 'logistics.booking_forwarder_only' : 'logistics.booking_shipper_only',
      `Only the ${party} may ${step} a booking.`,
    );
  }
  throw new AppError(
    'logistics.booking_wrong_state',
    `A booking that is ${found.row.status} cannot be ${stepDone[step]}.`,
    { details: { currentStatus: found.row.status } },
  );
};

const requireBooking = async (deps: LogisticsDeps, organisationId: string, bookingId: string) => {
  const found = await findBookingFor(deps.db.kysely, organisationId, bookingId);
  if (found === undefined) {
    throw bookingNotFound(bookingId);
  }
  return found;
};

/**
 * Sends a booking request from `organisationId`, the shipper (seller or buyer of every order it
 * names), to a forwarder: the route, equipment and cargo it wants moved.
 */
export const requestBooking = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: RequestBookingInput,
) => {
  const { reference, forwarderOrganisationId, orderIds, ...content } = input;
  const now = deps.now();
  const errors = checkBookingRequest(reference, content, deps.codes, now.toISOString().slice(0, 10));
  errors.push(...(await checkShipmentOrders(deps, organisationId, orderIds)).errors);
  if (forwarderOrganisationId === organisationId) {
    errors.push({
      field: 'forwarderOrganisationId',
      code: 'logistics.booking_own_organisation',
      message: 'your own organisation',
    });
  } else {
    const kind = await deps.organisationKind(forwarderOrganisationId);
    if (kind === undefined) {
      errors.push({
        field: 'forwarderOrganisationId',
        code: 'logistics.unknown_organisation',
        message: 'no organisation on the hub',
      });
    } else if (!FORWARDER_KINDS.has(kind)) {
      errors.push({
        field: 'forwarderOrganisationId',
        code: 'logistics.not_a_forwarder',
        message: 'neither a logistics provider nor a carrier',
      });
    }
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const row: BookingRow = {
    id: newId('bkg'),
    shipper_organisation_id: organisationId,
    forwarder_organisation_id: forwarderOrganisationId,
    reference,
    status: 'requested',
    request: {
      legs: content.legs,
      equipment: content.equipment,
      cargo: content.cargo,
      ...(content.remarks === undefined ? {} : { remarks: content.remarks }),
    },
    carrier_booking_reference: null,
    carrier_organisation_id: null,
    shipment_id: null,
    decline_reason: null,
    created_at: now,
    updated_at: now,
  };
  await deps.db.transaction(async (trx) => {
    await insertBooking(trx, row, orderIds);
    await publishEvent(trx, {
      topic: logisticsEvents.bookingRequested,
      organisationId,
      payload: { bookingId: row.id, shipperOrganisationId: organisationId, forwarderOrganisationId },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'booking', id: row.id },
      detail: { forwarderOrganisationId, orderIds },
    });
  });
  deps.afterCommit();
  return presentBooking(row, 'shipper', [...orderIds].sort());
};

/** A booking as its shipper or forwarder sees it; 404 for anyone else, as for none at all. */
export const getBooking = async (deps: LogisticsDeps, organisationId: string, bookingId: string) => {
  const found = await requireBooking(deps, organisationId, bookingId);
  return presentBooking(found.row, found.role, await listBookingOrders(deps.db.kysely, bookingId));
};

/** A page of the bookings the organisation sent or received, newest first. */
export const listBookings = async (deps: LogisticsDeps, filter: BookingFilter) => {
  const rows = await listBookingsFor(deps.db.kysely, filter);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      myRole: roleOf(row, filter.organisationId),
      shipperOrganisationId: row.shipper_organisation_id,
      forwarderOrganisationId: row.forwarder_organisation_id,
      origin: row.request.legs[0]?.origin ?? null,
      destination: row.request.legs.at(-1)?.destination ?? null,
      departureDate: row.request.legs[0]?.departureDate ?? null,
      carrierBookingReference: row.carrier_booking_reference,
      shipmentId: row.shipment_id,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
};

/**
 * Confirms a requested booking as its forwarder: the carrier's booking reference, the planned legs
 * and the containers if known. The shipment is created through the create-shipment service, with
 * the requester as shipper and the forwarder as forwarder, in the transaction that confirms the
 * booking; the booking row is locked there, so of two confirms racing one wins and the other gets
 * 409 with nothing created.
 */
export const confirmBooking = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  bookingId: string,
  input: ConfirmBookingInput,
) => {
  const found = await requireBooking(deps, organisationId, bookingId);
  requireStep(found, 'confirm');
  const { row } = found;
  const orderIds = await listBookingOrders(deps.db.kysely, bookingId);
  const prepared = await prepareShipment(deps, row.shipper_organisation_id, {
    reference: row.reference,
    orderIds,
    forwarderOrganisationId: row.forwarder_organisation_id,
    carrierOrganisationId: input.carrierOrganisationId,
    carrierBookingReference: input.carrierBookingReference,
    legs: input.legs,
    containers: input.containers,
    cargo: row.request.cargo,
  });
  const updatedAt = deps.now();
  const confirmed = await deps.db.transaction(async (trx) => {
    const locked = await findBookingFor(trx, organisationId, bookingId, true);
    if (locked === undefined) {
      throw bookingNotFound(bookingId);
    }
    const status = requireStep(locked, 'confirm');
    await storeShipment(trx, prepared);
    const change = {
      status,
      carrier_booking_reference: input.carrierBookingReference,
      carrier_organisation_id: input.carrierOrganisationId ?? null,
      shipment_id: prepared.row.id,
      decline_reason: null,
      updated_at: updatedAt,
    };
    if (!(await decideBooking(trx, bookingId, change))) {
      throw new Error(`booking ${bookingId} changed under its row lock`);
    }
    await publishEvent(trx, {
      topic: logisticsEvents.bookingConfirmed,
      organisationId,
      payload: {
        bookingId,
        shipmentId: prepared.row.id,
        shipperOrganisationId: row.shipper_organisation_id,
        forwarderOrganisationId: row.forwarder_organisation_id,
      },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'booking', id: bookingId },
      detail: { shipmentId: prepared.row.id, carrierBookingReference: input.carrierBookingReference },
    });
    return { ...locked.row, ...change };
  });
  deps.afterCommit();
  return presentBooking(confirmed, found.role, orderIds);
};

/** Declines (forwarder) or cancels (shipper) a requested booking; the same lock as confirming. */
const closeBooking = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  bookingId: string,
  step: 'decline' | 'cancel',
  reason: string | null,
) => {
  const found = await requireBooking(deps, organisationId, bookingId);
  requireStep(found, step);
  const updatedAt = deps.now();
  const closed = await deps.db.transaction(async (trx) => {
    const locked = await findBookingFor(trx, organisationId, bookingId, true);
    if (locked === undefined) {
      throw bookingNotFound(bookingId);
    }
    const status = requireStep(locked, step);
    const change = {
      status,
      carrier_booking_reference: null,
      carrier_organisation_id: null,
      shipment_id: null,
      decline_reason: step === 'decline' ? reason : null,
      updated_at: updatedAt,
    };
    if (!(await decideBooking(trx, bookingId, change))) {
      throw new Error(`booking ${bookingId} changed under its row lock`);
    }
    await publishEvent(trx, {
      topic: step === 'decline' ? logisticsEvents.bookingDeclined : logisticsEvents.bookingCancelled,
      organisationId,
      payload: {
        bookingId,
        shipperOrganisationId: locked.row.shipper_organisation_id,
        forwarderOrganisationId: locked.row.forwarder_organisation_id,
      },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'booking', id: bookingId },
      ...(reason === null ? {} : { detail: { reason } }),
    });
    return { ...locked.row, ...change };
  });
  deps.afterCommit();
  return presentBooking(closed, found.role, await listBookingOrders(deps.db.kysely, bookingId));
};

export const declineBooking = (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  bookingId: string,
  reason: string,
) => closeBooking(deps, ctx, organisationId, bookingId, 'decline', reason);

export const cancelBooking = (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  bookingId: string,
) => closeBooking(deps, ctx, organisationId, bookingId, 'cancel', null);
