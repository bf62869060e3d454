import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { presentBooth, presentEvent, presentHall, presentSession } from './presenters.ts';
import {
  assignBooth,
  type EventRow,
  findBooth,
  findExhibitor,
  findOwnEvent,
  findPublishedExhibitors,
  findVisibleEvent,
  insertBooth,
  insertEvent,
  insertHall,
  insertSession,
  listBooths,
  listHalls,
  listSessions,
  listVisibleEvents,
  setEventStatus,
} from './repository.ts';
import { isTimeZone } from './rules.ts';
import { type CatalogueContext, invalid } from './service-showcase.ts';

const notFound = (kind: string, id: string) => new AppError('http.not_found', `No ${kind} ${id}.`);
const clean = (value: string | undefined | null) => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
};

export type EventInput = {
  kind: EventRow['kind'];
  nameZh: string;
  nameEn: string;
  themeZh?: string | undefined;
  themeEn?: string | undefined;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  venueZh?: string | undefined;
  venueEn?: string | undefined;
  unlocode?: string | undefined;
  publish?: boolean | undefined;
};

/** An organiser (any organisation; the demo's is the commerce department) opens an event. */
export const createEvent = async (deps: ExpoDeps, ctx: CatalogueContext, input: EventInput) => {
  const unlocode = clean(input.unlocode)?.toUpperCase() ?? null;
  const problems: FieldError[] = [];
  if (!isTimeZone(input.timeZone)) {
    problems.push({
      field: 'timeZone',
      code: 'expo.unknown_time_zone',
      message: 'An IANA time zone such as Asia/Shanghai',
    });
  }
  if (input.endsOn < input.startsOn) {
    problems.push({
      field: 'endsOn',
      code: 'expo.ends_before_start',
      message: 'The event ends before it starts',
    });
  }
  if (unlocode !== null && deps.codes.checkUnlocode(unlocode) === 'invalid') {
    problems.push({
      field: 'unlocode',
      code: 'expo.unknown_unlocode',
      message: `${unlocode} is not a UN/LOCODE`,
    });
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The event cannot be created: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const at = deps.now();
    const row = await insertEvent(trx, {
      id: newId('eev'),
      organisation_id: ctx.organisationId,
      kind: input.kind,
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn.trim(),
      theme_zh: input.themeZh?.trim() ?? '',
      theme_en: input.themeEn?.trim() ?? '',
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      time_zone: input.timeZone,
      venue_zh: clean(input.venueZh),
      venue_en: clean(input.venueEn),
      unlocode,
      status: input.publish === true ? 'published' : 'draft',
      created_at: at,
      updated_at: at,
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_event', id: row.id } });
    return presentEvent(row);
  });
};

const ownEvent = async (deps: ExpoDeps, organisationId: string, eventId: string) => {
  const event = await findOwnEvent(deps.db.kysely, organisationId, eventId);
  if (event === undefined) {
    throw notFound('expo_event', eventId);
  }
  return event;
};

export const setOwnEventStatus = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  eventId: string,
  status: 'published' | 'cancelled',
) => {
  await ownEvent(deps, ctx.organisationId, eventId);
  return deps.db.transaction(async (trx) => {
    const row = await setEventStatus(trx, eventId, status, deps.now());
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_event', id: eventId } });
    return presentEvent(row);
  });
};

export const addHall = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  eventId: string,
  input: { nameZh: string; nameEn: string; hsChapters?: string[] | undefined },
) => {
  await ownEvent(deps, ctx.organisationId, eventId);
  return deps.db.transaction(async (trx) => {
    const row = await insertHall(trx, {
      id: newId('ehl'),
      event_id: eventId,
      organisation_id: ctx.organisationId,
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn.trim(),
      hs_chapters: [...new Set(input.hsChapters ?? [])].sort(),
      created_at: deps.now(),
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_event', id: eventId } });
    return presentHall(row);
  });
};

/** An exhibitor can be given a booth once its showcase is published (buyers are sent to it). */
const exhibitorProblems = async (
  deps: ExpoDeps,
  exhibitorId: string | null | undefined,
): Promise<FieldError[]> => {
  if (exhibitorId === null || exhibitorId === undefined) {
    return [];
  }
  const showcase = await findExhibitor(deps.db.kysely, exhibitorId);
  return showcase?.status === 'published'
    ? []
    : [
        {
          field: 'exhibitorOrganisationId',
          code: 'expo.not_exhibiting',
          message: 'That organisation has no published showcase',
        },
      ];
};

export const addBooth = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  eventId: string,
  input: { hallId: string; code: string; exhibitorOrganisationId?: string | null | undefined },
) => {
  await ownEvent(deps, ctx.organisationId, eventId);
  const halls = await listHalls(deps.db.kysely, eventId);
  const problems = [
    ...(halls.some((h) => h.id === input.hallId)
      ? []
      : [{ field: 'hallId', code: 'expo.unknown_hall', message: 'No such hall at this event' }]),
    ...(await exhibitorProblems(deps, input.exhibitorOrganisationId)),
  ];
  if (problems.length > 0) {
    throw invalid(problems, 'The booth cannot be added: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const at = deps.now();
    const exhibitor = input.exhibitorOrganisationId ?? null;
    const row = await insertBooth(trx, {
      id: newId('ebt'),
      hall_id: input.hallId,
      event_id: eventId,
      organisation_id: ctx.organisationId,
      code: input.code,
      exhibitor_organisation_id: exhibitor,
      assigned_at: exhibitor === null ? null : at,
      created_at: at,
    });
    if (row === undefined) {
      throw new AppError('expo.catalogue_booth_taken', `Booth ${input.code} exists at this event already.`);
    }
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_event', id: eventId } });
    return presentBooth(row, await exhibitorNames(trx, [row]));
  });
};

/** Gives a booth to an exhibitor, or frees it (null). A booth held by another is not taken over silently. */
export const assignExhibitorToBooth = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  eventId: string,
  boothId: string,
  input: { exhibitorOrganisationId: string | null; replace?: boolean | undefined },
) => {
  await ownEvent(deps, ctx.organisationId, eventId);
  const problems = await exhibitorProblems(deps, input.exhibitorOrganisationId);
  if (problems.length > 0) {
    throw invalid(problems);
  }
  return deps.db.transaction(async (trx) => {
    const booth = await findBooth(trx, eventId, boothId);
    if (booth === undefined) {
      throw notFound('expo_booth', boothId);
    }
    if (
      input.exhibitorOrganisationId !== null &&
      booth.exhibitor_organisation_id !== null &&
      booth.exhibitor_organisation_id !== input.exhibitorOrganisationId &&
      input.replace !== true
    ) {
      throw new AppError('expo.catalogue_booth_taken', `Booth ${booth.code} is given to another exhibitor.`);
    }
    const row = await assignBooth(trx, boothId, input.exhibitorOrganisationId, deps.now());
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_event', id: eventId } });
    return presentBooth(row, await exhibitorNames(trx, [row]));
  });
};

export const addSession = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  eventId: string,
  input: {
    hallId?: string | null | undefined;
    titleZh: string;
    titleEn: string;
    speakerZh?: string | undefined;
    speakerEn?: string | undefined;
    startsAt: string;
    endsAt: string;
  },
) => {
  await ownEvent(deps, ctx.organisationId, eventId);
  const hallId = input.hallId ?? null;
  const problems: FieldError[] = [];
  if (hallId !== null && !(await listHalls(deps.db.kysely, eventId)).some((h) => h.id === hallId)) {
    problems.push({ field: 'hallId', code: 'expo.unknown_hall', message: 'No such hall at this event' });
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) {
    problems.push({
      field: 'endsAt',
      code: 'expo.ends_before_start',
      message: 'The session ends before it starts',
    });
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The session cannot be added: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const row = await insertSession(trx, {
      id: newId('ess'),
      event_id: eventId,
      organisation_id: ctx.organisationId,
      hall_id: hallId,
      title_zh: input.titleZh.trim(),
      title_en: input.titleEn.trim(),
      speaker_zh: clean(input.speakerZh),
      speaker_en: clean(input.speakerEn),
      starts_at: startsAt,
      ends_at: endsAt,
      created_at: deps.now(),
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_event', id: eventId } });
    return presentSession(row);
  });
};

const exhibitorNames = async (
  ex: Executor,
  booths: readonly { exhibitor_organisation_id: string | null }[],
) => {
  const ids = [
    ...new Set(
      booths.flatMap((b) => (b.exhibitor_organisation_id === null ? [] : [b.exhibitor_organisation_id])),
    ),
  ];
  const rows = await findPublishedExhibitors(ex, ids);
  return new Map(
    rows.map((r) => [
      r.organisation_id,
      { displayNameZh: r.display_name_zh, displayNameEn: r.display_name_en },
    ]),
  );
};

/** Events a caller sees: every published one, and the drafts of the organisations it belongs to. */
export const listEvents = async (deps: ExpoDeps, memberOf: readonly string[]) => ({
  items: (await listVisibleEvents(deps.db.kysely, memberOf)).map((row) => ({
    ...presentEvent(row),
    isOrganiser: memberOf.includes(row.organisation_id),
  })),
});

/** One event with its halls, booths (and the exhibitors at them) and schedule. */
export const getEvent = async (deps: ExpoDeps, memberOf: readonly string[], eventId: string) => {
  const event = await findVisibleEvent(deps.db.kysely, eventId, memberOf);
  if (event === undefined) {
    throw notFound('expo_event', eventId);
  }
  const [halls, booths, sessions] = await Promise.all([
    listHalls(deps.db.kysely, eventId),
    listBooths(deps.db.kysely, eventId),
    listSessions(deps.db.kysely, eventId),
  ]);
  const names = await exhibitorNames(deps.db.kysely, booths);
  return {
    ...presentEvent(event),
    isOrganiser: memberOf.includes(event.organisation_id),
    halls: halls.map(presentHall),
    booths: booths.map((b) => presentBooth(b, names)),
    sessions: sessions.map(presentSession),
  };
};
