import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, problem, recordAuditSuccess, sendProblem } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import { transportModes } from '../domain/shipment.ts';
import { ZCargoLine, ZContainer, ZLeg } from '../schemas.ts';
import type { WriteContext } from '../service/context.ts';
import { bookingStatuses } from './domain/booking.ts';
import {
  cancelBooking,
  confirmBooking,
  declineBooking,
  getBooking,
  listBookings,
  requestBooking,
} from './service/bookings.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const ZOrgParams = z.object({ orgId: id });
const ZBookingParams = ZOrgParams.extend({ bookingId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const bookingAccess = { ...orgAccess, objects: { bookingId: 'booking' } };

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** A refused step says where the booking stands, so the client need not fetch it again. */
const withCurrentStatus = async <T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'logistics.booking_wrong_state') {
      return sendProblem(reply, {
        ...problem(request, 409, error.code, error.message),
        currentStatus: error.details?.currentStatus,
      } as ReturnType<typeof problem>);
    }
    throw error;
  }
};

const ZRequestedLeg = z.strictObject({
  mode: z.enum(transportModes),
  origin: z.string().length(5),
  destination: z.string().length(5),
  departureDate: z.string().max(10),
});

const ZEquipment = z.strictObject({
  sizeType: z.string().length(4),
  count: z.number().int().min(1).max(999),
});

const ZBookingRequest = z.strictObject({
  reference: text(35),
  forwarderOrganisationId: id,
  orderIds: z.array(id).min(1).max(20),
  legs: z.array(ZRequestedLeg).min(1).max(20),
  equipment: z.array(ZEquipment).max(50).default([]),
  cargo: z.array(ZCargoLine).min(1).max(500),
  remarks: text(2000).optional(),
});

const ZBookingConfirmation = z.strictObject({
  carrierBookingReference: text(35),
  carrierOrganisationId: id.optional(),
  legs: z.array(ZLeg).min(1).max(20),
  containers: z.array(ZContainer).max(200).default([]),
});

const ZStatus = z.enum(bookingStatuses);
const ZRole = z.enum(['shipper', 'forwarder']);

const ZBookingView = z.object({
  id: z.string(),
  reference: z.string(),
  status: ZStatus,
  myRole: ZRole,
  shipperOrganisationId: z.string(),
  forwarderOrganisationId: z.string(),
  orderIds: z.array(z.string()),
  legs: z.array(ZRequestedLeg),
  equipment: z.array(ZEquipment),
  cargo: z.array(ZCargoLine),
  remarks: z.string().nullable(),
  carrierBookingReference: z.string().nullable(),
  carrierOrganisationId: z.string().nullable(),
  shipmentId: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ZBookingSummary = z.object({
  id: z.string(),
  reference: z.string(),
  status: ZStatus,
  myRole: ZRole,
  shipperOrganisationId: z.string(),
  forwarderOrganisationId: z.string(),
  origin: z.string().nullable(),
  destination: z.string().nullable(),
  departureDate: z.string().nullable(),
  carrierBookingReference: z.string().nullable(),
  shipmentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Registers the booking routes (the contract in docs/logistics-bookings.md). */
export const registerBookingRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/orgs/:orgId/logistics/bookings';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Bookings the organisation sent (as shipper) or received (as forwarder), newest first',
        params: ZOrgParams,
        querystring: z.strictObject({
          role: z.enum(['sent', 'received']).optional(),
          status: ZStatus.optional(),
          cursor: id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZBookingSummary), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      const { cursor, ...query } = request.query;
      return listBookings(deps, { organisationId: orgId, ...query, before: cursor });
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Send a booking request to a forwarder for orders the organisation is seller or buyer of',
        params: ZOrgParams,
        body: ZBookingRequest,
        response: { 201: ZBookingView },
      },
      config: { access: orgAccess, audit: 'logistics.booking.request' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'shipment.write', orgId);
      return reply.status(201).send(await requestBooking(deps, writeContext(request), orgId, request.body));
    },
  );

  app.get(
    `${base}/:bookingId`,
    {
      schema: {
        tags,
        summary: 'A booking as its shipper or forwarder sees it',
        params: ZBookingParams,
        response: { 200: ZBookingView },
      },
      config: { access: bookingAccess },
    },
    async (request) => {
      const { orgId, bookingId } = request.params;
      asOrganisation(request, 'shipment.read', orgId);
      return getBooking(deps, orgId, bookingId);
    },
  );

  app.post(
    `${base}/:bookingId/confirm`,
    {
      schema: {
        tags,
        summary:
          "Confirm a requested booking as its forwarder: the carrier's booking reference and the planned legs create the shipment",
        params: ZBookingParams,
        body: ZBookingConfirmation,
        response: { 200: ZBookingView },
      },
      config: { access: bookingAccess, audit: 'logistics.booking.confirm' },
    },
    async (request, reply) => {
      const { orgId, bookingId } = request.params;
      asOrganisation(request, 'shipment.write', orgId);
      return withCurrentStatus(request, reply, () =>
        confirmBooking(deps, writeContext(request), orgId, bookingId, request.body),
      );
    },
  );

  app.post(
    `${base}/:bookingId/decline`,
    {
      schema: {
        tags,
        summary: 'Decline a requested booking as its forwarder, saying why',
        params: ZBookingParams,
        body: z.strictObject({ reason: text(500) }),
        response: { 200: ZBookingView },
      },
      config: { access: bookingAccess, audit: 'logistics.booking.decline' },
    },
    async (request, reply) => {
      const { orgId, bookingId } = request.params;
      asOrganisation(request, 'shipment.write', orgId);
      return withCurrentStatus(request, reply, () =>
        declineBooking(deps, writeContext(request), orgId, bookingId, request.body.reason),
      );
    },
  );

  app.post(
    `${base}/:bookingId/cancel`,
    {
      schema: {
        tags,
        summary: 'Withdraw a booking request as its shipper while the forwarder has not decided',
        params: ZBookingParams,
        response: { 200: ZBookingView },
      },
      config: { access: bookingAccess, audit: 'logistics.booking.cancel' },
    },
    async (request, reply) => {
      const { orgId, bookingId } = request.params;
      asOrganisation(request, 'shipment.write', orgId);
      return withCurrentStatus(request, reply, () =>
        cancelBooking(deps, writeContext(request), orgId, bookingId),
      );
    },
  );
};
