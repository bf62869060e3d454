import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { meetingsCalendar } from './calendar-meetings.ts';
import { meetingActions, meetingStatuses } from './domain/meeting-state.ts';
import { maxSlots } from './domain/slots.ts';
import { createMeetingFeed, feedOrganisation, meetingFeedStatus, revokeMeetingFeed } from './service-feed.ts';
import {
  actOnMeeting,
  addMeetingNote,
  calendarMeetings,
  draftOrderFromMeeting,
  getMeeting,
  listMeetings,
  type MeetingContext,
  requestMeeting,
  upcomingMeetings,
} from './service-meetings.ts';

const tags = ['expo'];
const id = z.string().max(64);
const base = '/api/orgs/:orgId/expo/meetings';
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const meetingAccess = { ...orgAccess, objects: { meetingId: 'expo_meeting' } };
const ZOrgParams = z.object({ orgId: id });
const ZMeetingParams = ZOrgParams.extend({ meetingId: id });

const instant = z.iso
  .datetime({ offset: true })
  .describe('RFC 3339 with an offset, e.g. 2026-12-02T10:00:00+08:00');
const ZSlotInput = z.strictObject({ startsAt: instant, endsAt: instant });
const ZSlots = z.array(ZSlotInput).min(1).max(maxSlots);
const timeZone = z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Kuala_Lumpur');
const version = z.number().int().min(1);

const ZParty = z.object({
  organisationId: z.string(),
  name: z.string(),
  nameZh: z.string(),
  timeZone: z.string().nullable(),
});
const ZMeeting = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(meetingStatuses),
  myRole: z.enum(['requester', 'counterpart']),
  requester: ZParty,
  counterpart: ZParty,
  leadId: z.string().nullable(),
  mode: z.enum(['online', 'booth']),
  videoUrl: z.string().nullable(),
  booth: z
    .object({
      id: z.string(),
      code: z.string(),
      eventId: z.string(),
      eventNameEn: z.string(),
      eventNameZh: z.string(),
      eventStartsOn: z.string(),
      eventEndsOn: z.string(),
      eventTimeZone: z.string(),
      venueEn: z.string().nullable(),
      venueZh: z.string().nullable(),
    })
    .nullable(),
  agenda: z.string(),
  language: z.string(),
  proposal: z.number(),
  proposedByOrganisationId: z.string(),
  slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  draftOrderId: z.string().nullable(),
  allowedActions: z.array(z.enum(meetingActions)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZLocal = z.object({ date: z.string(), time: z.string() }).nullable();
const ZMeetingDetail = ZMeeting.extend({
  localStart: z.object({ requester: ZLocal, counterpart: ZLocal }),
  history: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      byOrganisationId: z.string(),
      byLabel: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
  notes: z.array(
    z.object({
      id: z.string(),
      visibility: z.enum(['private', 'shared']),
      body: z.string(),
      byOrganisationId: z.string(),
      byLabel: z.string(),
      mine: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

const context = (request: FastifyRequest, organisationId: string): MeetingContext => ({
  organisationId,
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** Role check on the organisation in the path: 404 for a non-member, 403 for too small a role. */
const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Meeting requests, booth appointments, the calendar and its iCalendar feed (docs/expo-meetings.md). */
export const registerMeetingRoutes = (root: FastifyInstance, deps: ExpoDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          'Ask an organisation (or the other party of a lead) for an online meeting or a booth appointment, offering 1–5 slots',
        params: ZOrgParams,
        body: z.strictObject({
          counterpartOrganisationId: id.optional(),
          leadId: id.optional().describe('A matchmaking lead of yours: the meeting is with its other party'),
          mode: z.enum(['online', 'booth']),
          videoUrl: z
            .url({ protocol: /^https$/ })
            .max(2000)
            .optional()
            .describe('Online only; leave out while the link is "to be sent"'),
          boothId: id.optional().describe('Booth appointments: a booth of a published offline expo event'),
          slots: ZSlots,
          timeZone: timeZone.describe("The requester's IANA time zone"),
          agenda: z.string().max(4000).optional(),
          language: z
            .string()
            .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'A BCP 47 language tag')
            .describe('e.g. en, zh-CN, ms'),
        }),
        response: { 201: ZMeeting },
      },
      config: { access: orgAccess, audit: 'expo.meeting.request' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_meeting.write', orgId);
      return reply.status(201).send(await requestMeeting(deps, context(request, orgId), request.body));
    },
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The organisation's meetings (either side), by start; optionally a window and a status",
        params: ZOrgParams,
        querystring: z.object({
          from: instant.optional(),
          to: instant.optional(),
          status: z.enum(meetingStatuses).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZMeeting) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_meeting.read', orgId);
      const { from, to, status } = request.query;
      return listMeetings(deps, orgId, {
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
        status,
      });
    },
  );

  app.get(
    `${base}/upcoming`,
    {
      schema: {
        tags,
        summary:
          'Meetings to come and requests awaiting an answer, with the reminders due now (24 h and 15 min before)',
        params: ZOrgParams,
        response: {
          200: z.object({
            now: z.string(),
            items: z.array(
              ZMeeting.extend({
                awaitingMe: z.boolean(),
                reminders: z.object({ dayBefore: z.boolean(), quarterHour: z.boolean() }),
                minutesToStart: z.number().nullable(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'expo_meeting.read', request.params.orgId);
      return upcomingMeetings(deps, request.params.orgId);
    },
  );

  // The feed a calendar application subscribes to (or a person downloads): text/calendar.
  app.get(
    '/api/orgs/:orgId/expo/meetings.ics',
    {
      schema: {
        tags,
        summary:
          "The organisation's meetings as an iCalendar (RFC 5545) feed, with reminders 24 h and 15 min before",
        params: ZOrgParams,
      },
      config: { access: orgAccess },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_meeting.read', orgId);
      const meetings = await calendarMeetings(deps, orgId);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="expo-meetings.ics"')
        .send(meetingsCalendar('tradehub expo meetings / 展会洽谈会议', meetings));
    },
  );

  app.get(
    `${base}/feed`,
    {
      schema: {
        tags,
        summary: 'Whether the organisation has a secret calendar feed link (the link itself was shown once)',
        params: ZOrgParams,
        response: {
          200: z.object({
            active: z.boolean(),
            createdAt: z.string().nullable(),
            createdBy: z.string().nullable(),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'expo_meeting.read', request.params.orgId);
      return meetingFeedStatus(deps, request.params.orgId);
    },
  );

  app.post(
    `${base}/feed`,
    {
      schema: {
        tags,
        summary:
          'A new secret link to the meeting calendar for calendar applications (shown once; replaces the old one)',
        params: ZOrgParams,
        body: z.strictObject({}).optional(),
        response: { 201: z.object({ path: z.string(), createdAt: z.string() }) },
      },
      config: { access: orgAccess, audit: 'expo.meeting.feed_create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_meeting.manage_feed', orgId);
      return reply.status(201).send(await createMeetingFeed(deps, context(request, orgId)));
    },
  );

  app.delete(
    `${base}/feed`,
    {
      schema: { tags, summary: 'Revoke the calendar feed link', params: ZOrgParams },
      config: { access: orgAccess, audit: 'expo.meeting.feed_revoke' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'expo_meeting.manage_feed', orgId);
      await revokeMeetingFeed(deps, context(request, orgId));
      return reply.status(204).send();
    },
  );

  // For calendar applications, which cannot sign in: the secret token is the credential.
  app.get(
    '/api/expo/meetings/feed.ics',
    {
      schema: {
        tags,
        summary: "An organisation's meeting calendar (RFC 5545) by its secret feed link",
        querystring: z.object({ token: z.string().min(20).max(100) }),
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const organisationId = await feedOrganisation(deps, request.query.token);
      const meetings = await calendarMeetings(deps, organisationId);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(meetingsCalendar('tradehub expo meetings / 展会洽谈会议', meetings));
    },
  );

  app.get(
    `${base}/:meetingId`,
    {
      schema: {
        tags,
        summary: 'One meeting: its slots, history, and the notes this organisation may read',
        params: ZMeetingParams,
        response: { 200: ZMeetingDetail },
      },
      config: { access: meetingAccess },
    },
    async (request) => {
      const { orgId, meetingId } = request.params;
      onOrganisation(request, 'expo_meeting.read', orgId);
      return getMeeting(deps, orgId, meetingId);
    },
  );

  app.get(
    `${base}/:meetingId/calendar.ics`,
    {
      schema: {
        tags,
        summary: 'One confirmed meeting as an iCalendar (RFC 5545) file with its reminders',
        params: ZMeetingParams,
      },
      config: { access: meetingAccess },
    },
    async (request, reply) => {
      const { orgId, meetingId } = request.params;
      onOrganisation(request, 'expo_meeting.read', orgId);
      const meeting = await getMeeting(deps, orgId, meetingId);
      if (meeting.startsAt === null) {
        throw new AppError(
          'expo.meeting_not_scheduled',
          'No slot is confirmed yet: nothing to put in a calendar.',
        );
      }
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${meeting.id}.ics"`)
        .send(meetingsCalendar(`tradehub ${meeting.id}`, [meeting]));
    },
  );

  app.post(
    `${base}/:meetingId/actions`,
    {
      schema: {
        tags,
        summary:
          'A step by a party: confirm one offered slot (the side that did not propose), decline, cancel, or reschedule (a new proposal)',
        params: ZMeetingParams,
        body: z.discriminatedUnion('action', [
          z.strictObject({
            action: z.literal('confirm'),
            version,
            slotIndex: z
              .number()
              .int()
              .min(0)
              .max(maxSlots - 1),
            timeZone: timeZone.optional().describe("The confirming party's IANA time zone"),
          }),
          z.strictObject({ action: z.literal('decline'), version, reason: z.string().max(1000).optional() }),
          z.strictObject({ action: z.literal('cancel'), version, reason: z.string().max(1000).optional() }),
          z.strictObject({ action: z.literal('reschedule'), version, slots: ZSlots, timeZone }),
        ]),
        response: { 200: ZMeeting },
      },
      config: { access: meetingAccess, audit: 'expo.meeting.act' },
    },
    async (request) => {
      const { orgId, meetingId } = request.params;
      onOrganisation(request, 'expo_meeting.write', orgId);
      return actOnMeeting(deps, context(request, orgId), meetingId, request.body);
    },
  );

  app.post(
    `${base}/:meetingId/notes`,
    {
      schema: {
        tags,
        summary: 'A note on the meeting: private (your organisation only) or shared (both parties)',
        params: ZMeetingParams,
        body: z.strictObject({
          visibility: z.enum(['private', 'shared']),
          body: z.string().trim().min(1).max(8000),
        }),
        response: { 201: ZMeetingDetail },
      },
      config: { access: meetingAccess, audit: 'expo.meeting.note' },
    },
    async (request, reply) => {
      const { orgId, meetingId } = request.params;
      onOrganisation(request, 'expo_meeting.write', orgId);
      return reply
        .status(201)
        .send(await addMeetingNote(deps, context(request, orgId), meetingId, request.body));
    },
  );

  app.post(
    `${base}/:meetingId/draft-order`,
    {
      schema: {
        tags,
        summary:
          "Turn a confirmed meeting from a lead into a draft trade order, pre-filled from the lead's requirement and product; once",
        params: ZMeetingParams,
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ orderId: z.string(), created: z.boolean() }) },
      },
      config: { access: meetingAccess, audit: 'expo.meeting.draft_order' },
    },
    async (request) => {
      const { orgId, meetingId } = request.params;
      onOrganisation(request, 'expo_meeting.write', orgId);
      return draftOrderFromMeeting(deps, context(request, orgId), meetingId);
    },
  );
};
