import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import { deleteFeed, findFeedOf, findFeedOrganisation, replaceFeed } from './repository-meetings.ts';
import type { MeetingContext } from './service-meetings.ts';

/** Where a calendar application fetches the feed; the token travels as `token=`, which logs mask. */
export const feedPath = (token: string) => `/api/expo/meetings/feed.ics?token=${token}`;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new secret link to the organisation's meeting calendar, for calendar applications that cannot
 * sign in (Outlook, Google, Apple): whoever holds it reads the calendar, so it is shown once and
 * replaces the previous one. Only its hash is stored.
 */
export const createMeetingFeed = async (deps: ExpoDeps, ctx: MeetingContext) => {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  const label = ctx.actor === null ? 'tradehub' : ctx.actor.label;
  await deps.db.transaction(async (trx) => {
    await replaceFeed(trx, ctx.organisationId, sha256(token), label, now);
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_meeting_feed', id: ctx.organisationId },
    });
  });
  return { path: feedPath(token), createdAt: now.toISOString() };
};

/** Revokes the organisation's feed link: calendars subscribed to it get 404 from now on. */
export const revokeMeetingFeed = async (deps: ExpoDeps, ctx: MeetingContext) => {
  await deps.db.transaction(async (trx) => {
    if (!(await deleteFeed(trx, ctx.organisationId))) {
      throw new AppError('expo.not_found', 'The organisation has no calendar feed link.');
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_meeting_feed', id: ctx.organisationId },
    });
  });
};

/** Whether a link exists (never the link itself: it was shown once). */
export const meetingFeedStatus = async (deps: ExpoDeps, organisationId: string) => {
  const feed = await findFeedOf(deps.db.kysely, organisationId);
  return feed === undefined
    ? { active: false, createdAt: null, createdBy: null }
    : { active: true, createdAt: feed.created_at.toISOString(), createdBy: feed.created_by_label };
};

/** The organisation a feed token opens, or a 404 that says nothing about other tokens. */
export const feedOrganisation = async (deps: ExpoDeps, token: string): Promise<string> => {
  const organisationId = await findFeedOrganisation(deps.db.kysely, sha256(token));
  if (organisationId === undefined) {
    throw new AppError('expo.not_found', 'No calendar feed with this link.');
  }
  return organisationId;
};
