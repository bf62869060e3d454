import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { ProductFacts, RequirementFacts } from './domain/draft-order-content.ts';
import type { StoredMeetingStatus } from './domain/meeting-state.ts';

/** A meeting row as the service reads it (timestamps as Date, slots as stored JSON). */
export type MeetingRow = {
  id: string;
  organisation_id: string;
  counterpart_organisation_id: string;
  lead_id: string | null;
  mode: 'online' | 'booth';
  video_url: string | null;
  booth_id: string | null;
  event_id: string | null;
  agenda: string;
  language: string;
  status: StoredMeetingStatus;
  proposed_by_organisation_id: string;
  proposal: number;
  slots: { startsAt: string; endsAt: string }[];
  requester_time_zone: string;
  counterpart_time_zone: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  draft_order_id: string | null;
  draft_order_claimed_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type HistoryRow = {
  meeting_id: string;
  seq: number;
  at: Date;
  action: string;
  from_status: string | null;
  to_status: string;
  by_organisation_id: string;
  by_actor_type: 'user' | 'api_key' | 'system';
  by_actor_id: string | null;
  by_label: string;
  detail: Record<string, unknown>;
};

export type NoteRow = {
  id: string;
  meeting_id: string;
  organisation_id: string;
  visibility: 'private' | 'shared';
  body: string;
  by_label: string;
  created_at: Date;
};

export type BoothRow = {
  id: string;
  code: string;
  event_id: string;
  exhibitor_organisation_id: string | null;
  event_name_en: string;
  event_name_zh: string;
  event_starts_on: string;
  event_ends_on: string;
  event_time_zone: string;
  event_status: string;
  event_unlocode: string | null;
  venue_en: string | null;
  venue_zh: string | null;
};

const meetingColumns = sql.raw(`id, organisation_id, counterpart_organisation_id, lead_id, mode, video_url,
  booth_id, event_id, agenda, language, status, proposed_by_organisation_id, proposal, slots,
  requester_time_zone, counterpart_time_zone, starts_at, ends_at, draft_order_id, draft_order_claimed_at,
  version, created_at, updated_at`);

/** Where `organisationId` is one of the two parties: every read of a meeting goes through this. */
const partyOf = (organisationId: string) =>
  sql`(organisation_id = ${organisationId} or counterpart_organisation_id = ${organisationId})`;

export const insertMeeting = async (ex: Executor, row: MeetingRow) => {
  await sql`insert into expo.meetings (id, organisation_id, counterpart_organisation_id, lead_id, mode,
      video_url, booth_id, event_id, agenda, language, status, proposed_by_organisation_id, proposal, slots,
      requester_time_zone, counterpart_time_zone, starts_at, ends_at, draft_order_id, draft_order_claimed_at,
      version, created_at, updated_at)
    values (${row.id}, ${row.organisation_id}, ${row.counterpart_organisation_id}, ${row.lead_id}, ${row.mode},
      ${row.video_url}, ${row.booth_id}, ${row.event_id}, ${row.agenda}, ${row.language}, ${row.status},
      ${row.proposed_by_organisation_id}, ${row.proposal}, ${JSON.stringify(row.slots)}::jsonb,
      ${row.requester_time_zone}, ${row.counterpart_time_zone}, ${row.starts_at}, ${row.ends_at},
      ${row.draft_order_id}, ${row.draft_order_claimed_at}, ${row.version}, ${row.created_at}, ${row.updated_at})`.execute(
    ex,
  );
};

/** Writes the mutable columns of a meeting whose version the caller read (optimistic lock). */
export const updateMeeting = async (ex: Executor, row: MeetingRow, readVersion: number): Promise<boolean> => {
  const result = await sql`update expo.meetings set
      video_url = ${row.video_url}, status = ${row.status},
      proposed_by_organisation_id = ${row.proposed_by_organisation_id}, proposal = ${row.proposal},
      slots = ${JSON.stringify(row.slots)}::jsonb, requester_time_zone = ${row.requester_time_zone},
      counterpart_time_zone = ${row.counterpart_time_zone}, starts_at = ${row.starts_at}, ends_at = ${row.ends_at},
      version = ${row.version}, updated_at = ${row.updated_at}
    where id = ${row.id} and version = ${readVersion}`.execute(ex);
  return (result.numAffectedRows ?? 0n) === 1n;
};

/** The meeting if `organisationId` is a party of it; `forUpdate` locks the row for a change. */
export const findMeetingForParty = async (
  ex: Executor,
  meetingId: string,
  organisationId: string,
  forUpdate = false,
): Promise<MeetingRow | undefined> => {
  const { rows } = await sql<MeetingRow>`select ${meetingColumns} from expo.meetings
    where id = ${meetingId} and ${partyOf(organisationId)} ${forUpdate ? sql`for update` : sql``}`.execute(
    ex,
  );
  return rows[0];
};

/** The party's meetings, newest proposal first, optionally only those touching [from, to). */
export const listMeetingsForParty = async (
  ex: Executor,
  organisationId: string,
  filter: { from?: Date; to?: Date; statuses?: readonly StoredMeetingStatus[]; limit: number },
): Promise<MeetingRow[]> => {
  const { rows } = await sql<MeetingRow>`select ${meetingColumns} from expo.meetings
    where ${partyOf(organisationId)}
      ${filter.statuses === undefined || filter.statuses.length === 0 ? sql`` : sql`and status in (${sql.join(filter.statuses)})`}
      ${filter.to === undefined ? sql`` : sql`and coalesce(starts_at, (slots -> 0 ->> 'startsAt')::timestamptz) < ${filter.to}`}
      ${filter.from === undefined ? sql`` : sql`and coalesce(ends_at, (slots -> -1 ->> 'endsAt')::timestamptz) > ${filter.from}`}
    order by coalesce(starts_at, (slots -> 0 ->> 'startsAt')::timestamptz), id
    limit ${filter.limit}`.execute(ex);
  return rows;
};

/**
 * Confirmed meetings of any of `organisationIds` that overlap [startsAt, endsAt), other than
 * `exceptId`: the double-booking check. Run it under partyLocks so two confirms cannot race.
 */
export const findConfirmedOverlaps = async (
  ex: Executor,
  organisationIds: readonly string[],
  startsAt: Date,
  endsAt: Date,
  exceptId: string | null,
): Promise<MeetingRow[]> => {
  const { rows } = await sql<MeetingRow>`select ${meetingColumns} from expo.meetings
    where status = 'confirmed'
      and (organisation_id in (${sql.join(organisationIds)}) or counterpart_organisation_id in (${sql.join(organisationIds)}))
      and starts_at < ${endsAt} and ends_at > ${startsAt}
      ${exceptId === null ? sql`` : sql`and id <> ${exceptId}`}
    order by starts_at, id`.execute(ex);
  return rows;
};

/**
 * Transaction-scoped advisory locks on each party's calendar, taken in a fixed order so two
 * transactions locking the same pair cannot deadlock. Every write that books time takes them
 * before its overlap check, which makes check-then-write atomic on PostgreSQL (PGlite runs one
 * transaction at a time anyway).
 */
export const lockPartyCalendars = async (ex: Executor, organisationIds: readonly string[]) => {
  for (const id of [...new Set(organisationIds)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${`expo.meetings:${id}`}))`.execute(ex);
  }
};

export const nextHistorySeq = async (ex: Executor, meetingId: string): Promise<number> => {
  const { rows } = await sql<{ seq: number }>`select coalesce(max(seq), 0) + 1 as seq
    from expo.meeting_history where meeting_id = ${meetingId}`.execute(ex);
  return Number(rows[0]?.seq ?? 1);
};

export const insertHistory = async (ex: Executor, row: HistoryRow) => {
  await sql`insert into expo.meeting_history (meeting_id, seq, at, action, from_status, to_status,
      by_organisation_id, by_actor_type, by_actor_id, by_label, detail)
    values (${row.meeting_id}, ${row.seq}, ${row.at}, ${row.action}, ${row.from_status}, ${row.to_status},
      ${row.by_organisation_id}, ${row.by_actor_type}, ${row.by_actor_id}, ${row.by_label},
      ${JSON.stringify(row.detail)}::jsonb)`.execute(ex);
};

export const listHistory = async (ex: Executor, meetingId: string): Promise<HistoryRow[]> => {
  const { rows } = await sql<HistoryRow>`select meeting_id, seq, at, action, from_status, to_status,
      by_organisation_id, by_actor_type, by_actor_id, by_label, detail
    from expo.meeting_history where meeting_id = ${meetingId} order by seq`.execute(ex);
  return rows;
};

export const insertNote = async (ex: Executor, row: NoteRow) => {
  await sql`insert into expo.meeting_notes (id, meeting_id, organisation_id, visibility, body, by_label, created_at)
    values (${row.id}, ${row.meeting_id}, ${row.organisation_id}, ${row.visibility}, ${row.body},
      ${row.by_label}, ${row.created_at})`.execute(ex);
};

/** The notes `organisationId` may read: its own (private or shared) and the other party's shared ones. */
export const listNotesFor = async (
  ex: Executor,
  meetingId: string,
  organisationId: string,
): Promise<NoteRow[]> => {
  const { rows } =
    await sql<NoteRow>`select id, meeting_id, organisation_id, visibility, body, by_label, created_at
    from expo.meeting_notes
    where meeting_id = ${meetingId} and (organisation_id = ${organisationId} or visibility = 'shared')
    order by created_at, id`.execute(ex);
  return rows;
};

export const findBooth = async (ex: Executor, boothId: string): Promise<BoothRow | undefined> => {
  const { rows } = await sql<BoothRow>`select b.id, b.code, b.event_id, b.exhibitor_organisation_id,
      e.name_en as event_name_en, e.name_zh as event_name_zh,
      to_char(e.starts_on, 'YYYY-MM-DD') as event_starts_on, to_char(e.ends_on, 'YYYY-MM-DD') as event_ends_on,
      e.time_zone as event_time_zone, e.status as event_status, e.unlocode as event_unlocode,
      e.venue_en, e.venue_zh
    from expo.booths b join expo.events e on e.id = b.event_id
    where b.id = ${boothId}`.execute(ex);
  return rows[0];
};

export const findBooths = async (
  ex: Executor,
  boothIds: readonly string[],
): Promise<Map<string, BoothRow>> => {
  const found = new Map<string, BoothRow>();
  for (const id of new Set(boothIds)) {
    const booth = await findBooth(ex, id);
    if (booth !== undefined) {
      found.set(id, booth);
    }
  }
  return found;
};

/** The requirement and product behind a lead, for pre-filling a draft order. */
export const findLeadFacts = async (
  ex: Executor,
  leadId: string,
): Promise<{ requirement: RequirementFacts; product: ProductFacts } | undefined> => {
  const { rows } = await sql<RequirementFacts & { product: ProductFacts }>`select
      r.hs_code as "hsCode", r.quantity::text as quantity, r.quantity_unit as "quantityUnit",
      r.target_price_currency as "targetPriceCurrency", r.target_price_minor::text as "targetPriceMinor",
      r.destination_country as "destinationCountry", r.destination_unlocode as "destinationUnlocode",
      json_build_object('id', p.id, 'nameEn', p.name_en, 'nameZh', p.name_zh, 'hsCode', p.hs_code,
        'moq', p.moq::text, 'moqUnit', p.moq_unit, 'priceCurrency', p.price_currency,
        'priceMinMinor', p.price_min_minor::text, 'exhibitorUnlocode', x.unlocode) as product
    from expo.matches m
      join expo.requirements r on r.id = m.requirement_id
      join expo.products p on p.id = m.product_id
      join expo.exhibitors x on x.organisation_id = p.organisation_id
    where m.id = ${leadId}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    return undefined;
  }
  const { product, ...requirement } = row;
  return { requirement, product };
};

/**
 * Claims the right to draft the meeting's order: true for the one caller that may create it; a
 * claim older than two minutes belongs to a request that died, and may be taken over.
 */
export const claimDraftOrder = async (ex: Executor, meetingId: string, now: Date): Promise<boolean> => {
  const stale = new Date(now.getTime() - 120_000);
  const result = await sql`update expo.meetings set draft_order_claimed_at = ${now}
    where id = ${meetingId} and draft_order_id is null
      and (draft_order_claimed_at is null or draft_order_claimed_at < ${stale})`.execute(ex);
  return (result.numAffectedRows ?? 0n) === 1n;
};

export const releaseDraftOrderClaim = async (ex: Executor, meetingId: string) => {
  await sql`update expo.meetings set draft_order_claimed_at = null
    where id = ${meetingId} and draft_order_id is null`.execute(ex);
};

export const linkDraftOrder = async (ex: Executor, meetingId: string, orderId: string, now: Date) => {
  await sql`update expo.meetings set draft_order_id = ${orderId}, version = version + 1, updated_at = ${now}
    where id = ${meetingId}`.execute(ex);
};

/** Replaces the organisation's feed link (the hash of its token). */
export const replaceFeed = async (
  ex: Executor,
  organisationId: string,
  tokenSha256: string,
  label: string,
  now: Date,
) => {
  await sql`insert into expo.meeting_feeds (organisation_id, token_sha256, created_by_label, created_at)
    values (${organisationId}, ${tokenSha256}, ${label}, ${now})
    on conflict (organisation_id) do update set token_sha256 = excluded.token_sha256,
      created_by_label = excluded.created_by_label, created_at = excluded.created_at`.execute(ex);
};

export const deleteFeed = async (ex: Executor, organisationId: string): Promise<boolean> => {
  const result = await sql`delete from expo.meeting_feeds where organisation_id = ${organisationId}`.execute(
    ex,
  );
  return (result.numAffectedRows ?? 0n) > 0n;
};

export const findFeedOrganisation = async (
  ex: Executor,
  tokenSha256: string,
): Promise<string | undefined> => {
  const { rows } = await sql<{ organisation_id: string }>`select organisation_id from expo.meeting_feeds
    where token_sha256 = ${tokenSha256}`.execute(ex);
  return rows[0]?.organisation_id;
};

export const findFeedOf = async (
  ex: Executor,
  organisationId: string,
): Promise<{ created_at: Date; created_by_label: string } | undefined> => {
  const { rows } = await sql<{
    created_at: Date;
    created_by_label: string;
  }>`select created_at, created_by_label
    from expo.meeting_feeds where organisation_id = ${organisationId}`.execute(ex);
  return rows[0];
};
