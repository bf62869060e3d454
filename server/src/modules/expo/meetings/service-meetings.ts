import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Actor, Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps, ExpoWriteContext } from '../deps.ts';
import { findLeadForParty } from '../matchmaking/index.ts';
import { draftOrderContent } from './domain/draft-order-content.ts';
import {
  allowedActions,
  effectiveStatus,
  type MeetingStatus,
  remindersDue,
  type StoredMeetingStatus,
  statusAfter,
} from './domain/meeting-state.ts';
import { type EventWindow, type Slot, slotErrors } from './domain/slots.ts';
import { isTimeZone, localDateTime } from './domain/time-zones.ts';
import {
  type BoothRow,
  claimDraftOrder,
  findBooth,
  findBooths,
  findConfirmedOverlaps,
  findLeadFacts,
  findMeetingForParty,
  insertHistory,
  insertMeeting,
  insertNote,
  linkDraftOrder,
  listHistory,
  listMeetingsForParty,
  listNotesFor,
  lockPartyCalendars,
  type MeetingRow,
  nextHistorySeq,
  releaseDraftOrderClaim,
  updateMeeting,
} from './repository-meetings.ts';

/** Who acts (the organisation in the path, a party of the meeting) and how the change is audited. */
export type MeetingContext = ExpoWriteContext & { organisationId: string };

export type SlotInput = { startsAt: string; endsAt: string };

export type RequestMeetingInput = {
  counterpartOrganisationId?: string | undefined;
  leadId?: string | undefined;
  mode: 'online' | 'booth';
  videoUrl?: string | undefined;
  boothId?: string | undefined;
  slots: SlotInput[];
  timeZone: string;
  agenda?: string | undefined;
  language: string;
};

export type ActInput =
  | { action: 'confirm'; version: number; slotIndex: number; timeZone?: string | undefined }
  | { action: 'decline' | 'cancel'; version: number; reason?: string | undefined }
  | { action: 'reschedule'; version: number; slots: SlotInput[]; timeZone: string };

const invalid = (errors: FieldError[]) =>
  new AppError('expo.invalid', 'The meeting has invalid fields.', { fieldErrors: errors });

const notFound = (meetingId: string) => new AppError('expo.not_found', `No meeting ${meetingId}.`);

const actingAs = (actor: Actor | null) =>
  actor === null
    ? { by_actor_type: 'system' as const, by_actor_id: null, by_label: 'tradehub' }
    : actor.kind === 'user'
      ? { by_actor_type: 'user' as const, by_actor_id: actor.userId, by_label: actor.label }
      : { by_actor_type: 'api_key' as const, by_actor_id: actor.apiKeyId, by_label: actor.label };

const toSlots = (slots: readonly SlotInput[]): Slot[] =>
  slots.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));

// Stored in UTC with milliseconds dropped: what the calendar export and the overlap check use.
const storedSlots = (slots: readonly Slot[]) =>
  slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));

const windowOf = (booth: BoothRow): EventWindow => ({
  startsOn: booth.event_starts_on,
  endsOn: booth.event_ends_on,
  timeZone: booth.event_time_zone,
});

const timeZoneErrors = (timeZone: string, field: string): FieldError[] =>
  isTimeZone(timeZone)
    ? []
    : [
        {
          field,
          code: 'expo.meeting_unknown_time_zone',
          message: 'an IANA time zone, e.g. Asia/Kuala_Lumpur',
        },
      ];

/**
 * A 409 naming the confirmed meeting a slot would double-book. The caller learns the id and time of
 * a clash only when it is a party of that meeting; the other party's diary stays private, so it is
 * told only that the other party is busy then.
 */
const conflictError = (clash: MeetingRow, organisationId: string, slotIndex: number) => {
  const ours =
    clash.organisation_id === organisationId || clash.counterpart_organisation_id === organisationId;
  const when = `${clash.starts_at?.toISOString()}–${clash.ends_at?.toISOString()}`;
  const message = ours
    ? `Slot ${slotIndex + 1} overlaps your confirmed meeting ${clash.id} (${when}).`
    : `Slot ${slotIndex + 1} overlaps a confirmed meeting of the other party.`;
  return new AppError('expo.meeting_slot_conflict', message, {
    fieldErrors: [
      {
        field: `slots.${slotIndex}.startsAt`,
        code: ours ? 'expo.meeting_slot_overlaps_own' : 'expo.meeting_slot_overlaps_other',
        message: ours ? clash.id : 'the other party is busy then',
      },
    ],
  });
};

const checkNoOverlap = async (
  ex: Executor,
  parties: readonly string[],
  slots: readonly Slot[],
  exceptId: string | null,
  organisationId: string,
) => {
  for (const [index, slot] of slots.entries()) {
    const clash = (await findConfirmedOverlaps(ex, parties, slot.startsAt, slot.endsAt, exceptId))[0];
    if (clash !== undefined) {
      throw conflictError(clash, organisationId, index);
    }
  }
};

const recordHistory = async (
  ex: Executor,
  ctx: MeetingContext,
  meeting: MeetingRow,
  action: string,
  from: StoredMeetingStatus | null,
  detail: Record<string, unknown>,
  at: Date,
) => {
  await insertHistory(ex, {
    meeting_id: meeting.id,
    seq: await nextHistorySeq(ex, meeting.id),
    at,
    action,
    from_status: from,
    to_status: meeting.status,
    by_organisation_id: ctx.organisationId,
    ...actingAs(ctx.actor),
    detail,
  });
};

type Names = ReadonlyMap<string, { name: string; nameZh: string; country?: string }>;

/** A meeting as one of its parties sees it. */
const present = (
  meeting: MeetingRow,
  organisationId: string,
  now: Date,
  names: Names,
  booths: ReadonlyMap<string, BoothRow>,
) => {
  const isRequester = meeting.organisation_id === organisationId;
  const party = (id: string, timeZone: string | null) => ({
    organisationId: id,
    name: names.get(id)?.name ?? id,
    nameZh: names.get(id)?.nameZh ?? id,
    timeZone,
  });
  const booth = meeting.booth_id === null ? undefined : booths.get(meeting.booth_id);
  const status: MeetingStatus = effectiveStatus(meetingView(meeting), now);
  return {
    id: meeting.id,
    version: meeting.version,
    status,
    myRole: isRequester ? ('requester' as const) : ('counterpart' as const),
    requester: party(meeting.organisation_id, meeting.requester_time_zone),
    counterpart: party(meeting.counterpart_organisation_id, meeting.counterpart_time_zone),
    leadId: meeting.lead_id,
    mode: meeting.mode,
    videoUrl: meeting.video_url,
    booth:
      booth === undefined
        ? null
        : {
            id: booth.id,
            code: booth.code,
            eventId: booth.event_id,
            eventNameEn: booth.event_name_en,
            eventNameZh: booth.event_name_zh,
            eventStartsOn: booth.event_starts_on,
            eventEndsOn: booth.event_ends_on,
            eventTimeZone: booth.event_time_zone,
            venueEn: booth.venue_en,
            venueZh: booth.venue_zh,
          },
    agenda: meeting.agenda,
    language: meeting.language,
    proposal: meeting.proposal,
    proposedByOrganisationId: meeting.proposed_by_organisation_id,
    slots: meeting.slots,
    startsAt: meeting.starts_at?.toISOString() ?? null,
    endsAt: meeting.ends_at?.toISOString() ?? null,
    draftOrderId: meeting.draft_order_id,
    allowedActions: allowedActions(meetingView(meeting), organisationId, now),
    createdAt: meeting.created_at.toISOString(),
    updatedAt: meeting.updated_at.toISOString(),
  };
};

export type PresentedMeeting = ReturnType<typeof present>;

const meetingView = (meeting: MeetingRow) => ({
  status: meeting.status,
  endsAt: meeting.ends_at,
  proposedByOrganisationId: meeting.proposed_by_organisation_id,
});

const presentMany = async (deps: ExpoDeps, ex: Executor, meetings: MeetingRow[], organisationId: string) => {
  const names = await deps.organisationNames([
    ...new Set(meetings.flatMap((m) => [m.organisation_id, m.counterpart_organisation_id])),
  ]);
  const booths = await findBooths(
    ex,
    meetings.flatMap((m) => (m.booth_id === null ? [] : [m.booth_id])),
  );
  const now = deps.now();
  return meetings.map((m) => present(m, organisationId, now, names, booths));
};

const presentOne = async (deps: ExpoDeps, ex: Executor, meeting: MeetingRow, organisationId: string) =>
  (await presentMany(deps, ex, [meeting], organisationId))[0] as PresentedMeeting;

/**
 * Asks another organisation for a meeting: online, or at a booth of an offline expo event. With a
 * lead, the counterpart is the lead's other party. Slots are checked (future, ≤ 4 h, inside the
 * event) and must not overlap a confirmed meeting of either party.
 */
export const requestMeeting = async (deps: ExpoDeps, ctx: MeetingContext, input: RequestMeetingInput) => {
  const now = deps.now();
  const errors: FieldError[] = [...timeZoneErrors(input.timeZone, 'timeZone')];
  let counterpartId = input.counterpartOrganisationId;
  if (input.leadId !== undefined) {
    const lead = await findLeadForParty(deps.db, input.leadId, ctx.organisationId);
    if (lead === undefined) {
      errors.push({
        field: 'leadId',
        code: 'expo.meeting_unknown_lead',
        message: 'no lead of yours with this id',
      });
    } else {
      const other =
        lead.buyerOrganisationId === ctx.organisationId
          ? lead.supplierOrganisationId
          : lead.buyerOrganisationId;
      if (counterpartId !== undefined && counterpartId !== other) {
        errors.push({
          field: 'counterpartOrganisationId',
          code: 'expo.meeting_counterpart_mismatch',
          message: "the lead's other party is another organisation",
        });
      }
      counterpartId = other;
    }
  }
  if (counterpartId === undefined && input.leadId === undefined) {
    errors.push({
      field: 'counterpartOrganisationId',
      code: 'expo.required',
      message: 'whom to meet, or a lead',
    });
  } else if (counterpartId === ctx.organisationId) {
    errors.push({
      field: 'counterpartOrganisationId',
      code: 'expo.meeting_same_organisation',
      message: 'a meeting is between two organisations',
    });
  } else if (
    counterpartId !== undefined &&
    !(await deps.organisationNames([counterpartId])).has(counterpartId)
  ) {
    errors.push({
      field: 'counterpartOrganisationId',
      code: 'expo.meeting_unknown_organisation',
      message: 'no such organisation on the hub',
    });
  }
  let booth: BoothRow | undefined;
  if (input.mode === 'booth') {
    if (input.boothId === undefined) {
      errors.push({ field: 'boothId', code: 'expo.required', message: 'the booth of the appointment' });
    } else {
      booth = await findBooth(deps.db.kysely, input.boothId);
      // An appointment is at an offline event that is on (a draft or cancelled event has no booths
      // to visit), at the booth of one of the two parties.
      const ofParty =
        booth !== undefined &&
        (booth.exhibitor_organisation_id === ctx.organisationId ||
          (booth.exhibitor_organisation_id !== null && booth.exhibitor_organisation_id === counterpartId));
      if (
        booth === undefined ||
        booth.event_status !== 'published' ||
        booth.event_unlocode === null ||
        !ofParty
      ) {
        errors.push({
          field: 'boothId',
          code: 'expo.meeting_unknown_booth',
          message: "no booth of either party's at a published offline event",
        });
        booth = undefined;
      }
    }
    if (input.videoUrl !== undefined) {
      errors.push({
        field: 'videoUrl',
        code: 'expo.meeting_video_link_online_only',
        message: 'a booth appointment has no video link',
      });
    }
  }
  const slots = toSlots(input.slots);
  errors.push(...slotErrors(slots, now, booth === undefined ? undefined : windowOf(booth)));
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const counterpart = counterpartId as string;
  const meeting = await deps.db.transaction(async (trx) => {
    const parties = [ctx.organisationId, counterpart];
    await lockPartyCalendars(trx, parties);
    await checkNoOverlap(trx, parties, slots, null, ctx.organisationId);
    const row: MeetingRow = {
      id: newId('emt'),
      organisation_id: ctx.organisationId,
      counterpart_organisation_id: counterpart,
      lead_id: input.leadId ?? null,
      mode: input.mode,
      video_url: input.mode === 'online' ? (input.videoUrl ?? null) : null,
      booth_id: booth?.id ?? null,
      event_id: booth?.event_id ?? null,
      agenda: input.agenda ?? '',
      language: input.language,
      status: 'requested',
      proposed_by_organisation_id: ctx.organisationId,
      proposal: 1,
      slots: storedSlots(slots),
      requester_time_zone: input.timeZone,
      counterpart_time_zone: null,
      starts_at: null,
      ends_at: null,
      draft_order_id: null,
      draft_order_claimed_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertMeeting(trx, row);
    await recordHistory(trx, ctx, row, 'request', null, { slots: row.slots }, now);
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_meeting', id: row.id },
      detail: { counterpartOrganisationId: counterpart, mode: row.mode },
    });
    return row;
  });
  return presentOne(deps, deps.db.kysely, meeting, ctx.organisationId);
};

/**
 * One step by a party: confirm a slot, decline, cancel, or propose new slots. Confirming takes both
 * parties' calendar locks before the overlap check, so two confirms racing for the same hour
 * cannot both win.
 */
export const actOnMeeting = async (
  deps: ExpoDeps,
  ctx: MeetingContext,
  meetingId: string,
  input: ActInput,
) => {
  const now = deps.now();
  if (input.action === 'reschedule' || input.action === 'confirm') {
    const zoneErrors = input.timeZone === undefined ? [] : timeZoneErrors(input.timeZone, 'timeZone');
    if (zoneErrors.length > 0) {
      throw invalid(zoneErrors);
    }
  }
  const updated = await deps.db.transaction(async (trx) => {
    const peek = await findMeetingForParty(trx, meetingId, ctx.organisationId);
    if (peek === undefined) {
      throw notFound(meetingId);
    }
    const parties = [peek.organisation_id, peek.counterpart_organisation_id];
    await lockPartyCalendars(trx, parties);
    const meeting = (await findMeetingForParty(trx, meetingId, ctx.organisationId, true)) as MeetingRow;
    if (meeting.version !== input.version) {
      throw new AppError('expo.version_conflict', `The meeting is at version ${meeting.version}; reload it.`);
    }
    if (!allowedActions(meetingView(meeting), ctx.organisationId, now).includes(input.action)) {
      throw new AppError(
        'expo.meeting_wrong_state',
        `A ${effectiveStatus(meetingView(meeting), now)} meeting cannot be ${input.action}ed by you.`,
      );
    }
    const isRequester = meeting.organisation_id === ctx.organisationId;
    const next: MeetingRow = {
      ...meeting,
      status: statusAfter(input.action),
      version: meeting.version + 1,
      updated_at: now,
    };
    const setZone = (timeZone: string | undefined) => {
      if (timeZone === undefined) {
        return;
      }
      if (isRequester) {
        next.requester_time_zone = timeZone;
      } else {
        next.counterpart_time_zone = timeZone;
      }
    };
    let detail: Record<string, unknown> = {};
    if (input.action === 'confirm') {
      const picked = meeting.slots[input.slotIndex];
      if (picked === undefined) {
        throw invalid([
          {
            field: 'slotIndex',
            code: 'expo.meeting_no_such_slot',
            message: `the proposal has ${meeting.slots.length} slots`,
          },
        ]);
      }
      const slot = { startsAt: new Date(picked.startsAt), endsAt: new Date(picked.endsAt) };
      const late = slotErrors([slot], now, undefined).filter((e) => e.code === 'expo.meeting_slot_in_past');
      if (late.length > 0) {
        throw invalid(late.map((e) => ({ ...e, field: 'slotIndex' })));
      }
      const clash = (await findConfirmedOverlaps(trx, parties, slot.startsAt, slot.endsAt, meeting.id))[0];
      if (clash !== undefined) {
        throw conflictError(clash, ctx.organisationId, input.slotIndex);
      }
      next.starts_at = slot.startsAt;
      next.ends_at = slot.endsAt;
      setZone(input.timeZone);
      detail = { slotIndex: input.slotIndex, startsAt: picked.startsAt, endsAt: picked.endsAt };
    } else if (input.action === 'reschedule') {
      const slots = toSlots(input.slots);
      const booth = meeting.booth_id === null ? undefined : await findBooth(trx, meeting.booth_id);
      const errors = slotErrors(slots, now, booth === undefined ? undefined : windowOf(booth));
      if (errors.length > 0) {
        throw invalid(errors);
      }
      await checkNoOverlap(trx, parties, slots, meeting.id, ctx.organisationId);
      next.slots = storedSlots(slots);
      next.proposal = meeting.proposal + 1;
      next.proposed_by_organisation_id = ctx.organisationId;
      next.starts_at = null;
      next.ends_at = null;
      setZone(input.timeZone);
      detail = { slots: next.slots, previousStartsAt: meeting.starts_at?.toISOString() ?? null };
    } else {
      detail = input.reason === undefined ? {} : { reason: input.reason };
    }
    if (!(await updateMeeting(trx, next, meeting.version))) {
      throw new AppError('expo.version_conflict', 'The meeting changed meanwhile; reload it.');
    }
    await recordHistory(trx, ctx, next, input.action, meeting.status, detail, now);
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_meeting', id: meeting.id },
      detail: { action: input.action },
    });
    return next;
  });
  return presentOne(deps, deps.db.kysely, updated, ctx.organisationId);
};

/** The party's meetings for the calendar, each with its reminder flags. */
export const listMeetings = async (
  deps: ExpoDeps,
  organisationId: string,
  filter: {
    from?: Date | undefined;
    to?: Date | undefined;
    status?: MeetingStatus | undefined;
    limit?: number;
  },
) => {
  const stored: StoredMeetingStatus | undefined = filter.status === 'held' ? 'confirmed' : filter.status;
  const rows = await listMeetingsForParty(deps.db.kysely, organisationId, {
    ...(filter.from === undefined ? {} : { from: filter.from }),
    ...(filter.to === undefined ? {} : { to: filter.to }),
    ...(stored === undefined ? {} : { statuses: [stored] }),
    limit: filter.limit ?? 500,
  });
  const items = await presentMany(deps, deps.db.kysely, rows, organisationId);
  return { items: filter.status === undefined ? items : items.filter((m) => m.status === filter.status) };
};

/**
 * What is coming up: confirmed meetings not yet over and requests awaiting an answer, soonest
 * first, each with which reminder is due now (the in-app stand-in for e-mail reminders).
 */
export const upcomingMeetings = async (deps: ExpoDeps, organisationId: string) => {
  const now = deps.now();
  const rows = await listMeetingsForParty(deps.db.kysely, organisationId, {
    from: now,
    statuses: ['confirmed', 'requested'],
    limit: 200,
  });
  const items = await presentMany(deps, deps.db.kysely, rows, organisationId);
  return {
    now: now.toISOString(),
    items: items
      .filter((m) => m.status === 'confirmed' || m.status === 'requested')
      .map((m) => {
        const start = m.startsAt === null ? null : new Date(m.startsAt);
        const due = start === null ? { dayBefore: false, quarterHour: false } : remindersDue(start, now);
        return {
          ...m,
          // A request waiting on this organisation is itself something to act on.
          awaitingMe: m.status === 'requested' && m.proposedByOrganisationId !== organisationId,
          reminders: due,
          minutesToStart: start === null ? null : Math.ceil((start.getTime() - now.getTime()) / 60_000),
        };
      }),
  };
};

/** One meeting with its history and the notes this party may read. */
export const getMeeting = async (deps: ExpoDeps, organisationId: string, meetingId: string) => {
  const meeting = await findMeetingForParty(deps.db.kysely, meetingId, organisationId);
  if (meeting === undefined) {
    throw notFound(meetingId);
  }
  const presented = await presentOne(deps, deps.db.kysely, meeting, organisationId);
  const history = await listHistory(deps.db.kysely, meetingId);
  const notes = await listNotesFor(deps.db.kysely, meetingId, organisationId);
  const localTimes = (zone: string | null) =>
    zone === null || meeting.starts_at === null ? null : localDateTime(meeting.starts_at, zone);
  return {
    ...presented,
    localStart: {
      requester: localTimes(meeting.requester_time_zone),
      counterpart: localTimes(meeting.counterpart_time_zone),
    },
    history: history.map((h) => ({
      seq: h.seq,
      at: h.at.toISOString(),
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      byOrganisationId: h.by_organisation_id,
      byLabel: h.by_label,
      detail: h.detail,
    })),
    notes: notes.map((n) => ({
      id: n.id,
      visibility: n.visibility,
      body: n.body,
      byOrganisationId: n.organisation_id,
      byLabel: n.by_label,
      mine: n.organisation_id === organisationId,
      createdAt: n.created_at.toISOString(),
    })),
  };
};

/** A note on the meeting: `private` is read by the author's organisation only, `shared` by both. */
export const addMeetingNote = async (
  deps: ExpoDeps,
  ctx: MeetingContext,
  meetingId: string,
  input: { visibility: 'private' | 'shared'; body: string },
) => {
  const now = deps.now();
  await deps.db.transaction(async (trx) => {
    const meeting = await findMeetingForParty(trx, meetingId, ctx.organisationId);
    if (meeting === undefined) {
      throw notFound(meetingId);
    }
    const id = newId('emn');
    await insertNote(trx, {
      id,
      meeting_id: meetingId,
      organisation_id: ctx.organisationId,
      visibility: input.visibility,
      body: input.body,
      by_label: actingAs(ctx.actor).by_label,
      created_at: now,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_meeting', id: meetingId },
      detail: { note: id, visibility: input.visibility },
    });
  });
  return getMeeting(deps, ctx.organisationId, meetingId);
};

/**
 * Turns a confirmed (or held) meeting that came from a lead into a draft trade order, pre-filled
 * from the lead's requirement and product, once: a second call answers the same order. A claim
 * on the meeting keeps two concurrent calls from drafting two orders; the order is created in the
 * trade module's own transaction, which also records this request's audit entry.
 */
export const draftOrderFromMeeting = async (deps: ExpoDeps, ctx: MeetingContext, meetingId: string) => {
  const now = deps.now();
  const meeting = await findMeetingForParty(deps.db.kysely, meetingId, ctx.organisationId);
  if (meeting === undefined) {
    throw notFound(meetingId);
  }
  // The order exists: answer it again, and say so in the trail (a write route always audits).
  const existing = async (orderId: string) => {
    await deps.db.transaction((trx) =>
      ctx.audit(trx, {
        organisationId: ctx.organisationId,
        object: { type: 'order', id: orderId },
        detail: { meetingId, existing: true },
      }),
    );
    return { orderId, created: false };
  };
  if (meeting.draft_order_id !== null) {
    return existing(meeting.draft_order_id);
  }
  const status = effectiveStatus(meetingView(meeting), now);
  if (status !== 'confirmed' && status !== 'held') {
    throw new AppError('expo.meeting_not_confirmed', 'Only a confirmed meeting turns into an order.');
  }
  if (meeting.lead_id === null) {
    throw new AppError(
      'expo.meeting_without_lead',
      'This meeting came from no lead: draft the order on the orders page, naming the goods.',
    );
  }
  const lead = await findLeadForParty(deps.db, meeting.lead_id, ctx.organisationId);
  const facts = await findLeadFacts(deps.db.kysely, meeting.lead_id);
  if (lead === undefined || facts === undefined) {
    throw new AppError('expo.meeting_without_lead', 'The lead of this meeting is gone.');
  }
  const names = await deps.organisationNames([lead.buyerOrganisationId, lead.supplierOrganisationId]);
  const partyOf = (id: string) => ({
    organisationId: id,
    name: names.get(id)?.name ?? id,
    country: names.get(id)?.country ?? 'CN',
  });
  const content = draftOrderContent({
    meetingId,
    seller: partyOf(lead.supplierOrganisationId),
    buyer: partyOf(lead.buyerOrganisationId),
    requirement: facts.requirement,
    product: facts.product,
  });
  if (content === undefined) {
    throw new AppError(
      'expo.meeting_no_delivery_place',
      "Neither the exhibitor's port nor the buyer's destination place is known: draft the order on the orders page.",
    );
  }
  if (!(await claimDraftOrder(deps.db.kysely, meetingId, now))) {
    const again = await findMeetingForParty(deps.db.kysely, meetingId, ctx.organisationId);
    if (again !== undefined && again.draft_order_id !== null) {
      return existing(again.draft_order_id);
    }
    throw new AppError(
      'expo.meeting_draft_in_progress',
      'The order is being drafted; ask again in a moment.',
    );
  }
  let orderId: string;
  try {
    orderId = (await deps.createDraftOrder(ctx, ctx.organisationId, content)).id;
  } catch (error) {
    await releaseDraftOrderClaim(deps.db.kysely, meetingId);
    throw error;
  }
  await deps.db.transaction(async (trx) => {
    await linkDraftOrder(trx, meetingId, orderId, now);
    const linked = (await findMeetingForParty(trx, meetingId, ctx.organisationId)) as MeetingRow;
    await recordHistory(trx, ctx, linked, 'draft_order', linked.status, { orderId }, now);
  });
  return { orderId, created: true };
};

/** The meetings the party has a time for (confirmed, held, or cancelled after confirming). */
export const calendarMeetings = async (deps: ExpoDeps, organisationId: string) => {
  const rows = await listMeetingsForParty(deps.db.kysely, organisationId, {
    statuses: ['confirmed', 'cancelled'],
    limit: 1000,
  });
  return presentMany(
    deps,
    deps.db.kysely,
    rows.filter((m) => m.starts_at !== null),
    organisationId,
  );
};
