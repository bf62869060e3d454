import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiRequest, seg } from './client.ts';

// Expo meetings (server/src/modules/expo/meetings/routes-meetings.ts): requests between two
// organisations, online or at an expo booth; confirm / decline / cancel / reschedule; notes; the
// iCalendar export; and turning a confirmed meeting into a draft order.

export const MEETING_STATUSES = ['requested', 'confirmed', 'declined', 'cancelled', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export type MeetingAction = 'confirm' | 'decline' | 'cancel' | 'reschedule';
export type MeetingMode = 'online' | 'booth';

export type MeetingParty = { organisationId: string; name: string; nameZh: string; timeZone: string | null };
export type MeetingSlot = { startsAt: string; endsAt: string };

export type Meeting = {
  id: string;
  version: number;
  status: MeetingStatus;
  myRole: 'requester' | 'counterpart';
  requester: MeetingParty;
  counterpart: MeetingParty;
  leadId: string | null;
  mode: MeetingMode;
  videoUrl: string | null;
  booth: {
    id: string;
    code: string;
    eventId: string;
    eventNameEn: string;
    eventNameZh: string;
    eventStartsOn: string;
    eventEndsOn: string;
    eventTimeZone: string;
    venueEn: string | null;
    venueZh: string | null;
  } | null;
  agenda: string;
  language: string;
  proposal: number;
  proposedByOrganisationId: string;
  slots: MeetingSlot[];
  startsAt: string | null;
  endsAt: string | null;
  draftOrderId: string | null;
  allowedActions: MeetingAction[];
  createdAt: string;
  updatedAt: string;
};

export type MeetingNote = {
  id: string;
  visibility: 'private' | 'shared';
  body: string;
  byOrganisationId: string;
  byLabel: string;
  mine: boolean;
  createdAt: string;
};

export type MeetingDetail = Meeting & {
  history: {
    seq: number;
    at: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    byOrganisationId: string;
    byLabel: string;
    detail: Record<string, unknown>;
  }[];
  notes: MeetingNote[];
};

export type UpcomingMeeting = Meeting & {
  awaitingMe: boolean;
  reminders: { dayBefore: boolean; quarterHour: boolean };
  minutesToStart: number | null;
};

export type NewMeeting = {
  counterpartOrganisationId?: string;
  leadId?: string;
  mode: MeetingMode;
  videoUrl?: string;
  boothId?: string;
  slots: MeetingSlot[];
  timeZone: string;
  agenda?: string;
  language: string;
};

export type MeetingActionInput =
  | { action: 'confirm'; version: number; slotIndex: number; timeZone?: string }
  | { action: 'decline' | 'cancel'; version: number; reason?: string }
  | { action: 'reschedule'; version: number; slots: MeetingSlot[]; timeZone: string };

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/expo/meetings`;
export const meetingKeys = { all: (orgId: string) => ['orgs', orgId, 'expo', 'meetings'] as const };

/** Where the organisation's calendar feed (text/calendar) and a meeting's .ics file are. */
export const meetingsFeedUrl = (orgId: string) => `/api/orgs/${seg(orgId)}/expo/meetings.ics`;
export const meetingIcsUrl = (orgId: string, meetingId: string) =>
  `${base(orgId)}/${seg(meetingId)}/calendar.ics`;

export const useMeetings = (orgId: string, window: { from?: string; to?: string; status?: MeetingStatus }) =>
  useQuery({
    queryKey: [...meetingKeys.all(orgId), 'list', window.from ?? '', window.to ?? '', window.status ?? ''],
    queryFn: ({ signal }) => apiGet<{ items: Meeting[] }>(base(orgId), window, signal),
  });

export const useUpcomingMeetings = (orgId: string) =>
  useQuery({
    queryKey: [...meetingKeys.all(orgId), 'upcoming'],
    queryFn: ({ signal }) =>
      apiGet<{ now: string; items: UpcomingMeeting[] }>(`${base(orgId)}/upcoming`, undefined, signal),
    // Reminder flags move with the clock: refresh them every minute while the page is open.
    refetchInterval: 60_000,
  });

export const useMeeting = (orgId: string, meetingId: string) =>
  useQuery({
    queryKey: [...meetingKeys.all(orgId), 'one', meetingId],
    queryFn: ({ signal }) => apiGet<MeetingDetail>(`${base(orgId)}/${seg(meetingId)}`, undefined, signal),
  });

const useInvalidating = <Input, Output>(orgId: string, run: (input: Input) => Promise<Output>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: meetingKeys.all(orgId) }),
  });
};

/** Ask for a meeting; other pages (a lead's "ask for a meeting") call this with `{ leadId }`. */
export const useRequestMeeting = (orgId: string) =>
  useInvalidating(orgId, (input: NewMeeting) => apiPost<Meeting>(base(orgId), input));

export const useMeetingAction = (orgId: string, meetingId: string) =>
  useInvalidating(orgId, (input: MeetingActionInput) =>
    apiPost<Meeting>(`${base(orgId)}/${seg(meetingId)}/actions`, input),
  );

export const useAddMeetingNote = (orgId: string, meetingId: string) =>
  useInvalidating(orgId, (input: { visibility: 'private' | 'shared'; body: string }) =>
    apiPost<MeetingDetail>(`${base(orgId)}/${seg(meetingId)}/notes`, input),
  );

export const useDraftOrderFromMeeting = (orgId: string, meetingId: string) =>
  useInvalidating(orgId, (_: undefined) =>
    apiPost<{ orderId: string; created: boolean }>(`${base(orgId)}/${seg(meetingId)}/draft-order`, {}),
  );

/** Whether a secret feed link exists for calendar applications (the link is shown once). */
export const useMeetingFeed = (orgId: string) =>
  useQuery({
    queryKey: [...meetingKeys.all(orgId), 'feed'],
    queryFn: ({ signal }) =>
      apiGet<{ active: boolean; createdAt: string | null; createdBy: string | null }>(
        `${base(orgId)}/feed`,
        undefined,
        signal,
      ),
  });

export const useCreateMeetingFeed = (orgId: string) =>
  useInvalidating(orgId, (_: undefined) =>
    apiPost<{ path: string; createdAt: string }>(`${base(orgId)}/feed`, {}),
  );

export const useRevokeMeetingFeed = (orgId: string) =>
  useInvalidating(orgId, (_: undefined) =>
    apiRequest<undefined>(`${base(orgId)}/feed`, { method: 'DELETE' }),
  );
