/**
 * A meeting's life: requested → confirmed (the party that did not propose picks a slot) |
 * declined | cancelled (either side); confirmed → cancelled, or held once its slot has ended.
 * A reschedule is a new proposal by either side and sends the meeting back to `requested`.
 * `held` is not stored: it is a confirmed meeting whose end has passed, so no job has to run.
 */
export const storedMeetingStatuses = ['requested', 'confirmed', 'declined', 'cancelled'] as const;
export type StoredMeetingStatus = (typeof storedMeetingStatuses)[number];
export const meetingStatuses = [...storedMeetingStatuses, 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingActions = ['confirm', 'decline', 'cancel', 'reschedule'] as const;
export type MeetingAction = (typeof meetingActions)[number];

export type MeetingView = {
  status: StoredMeetingStatus;
  endsAt: Date | null;
  proposedByOrganisationId: string;
};

/** What the meeting is now, as its parties see it. */
export const effectiveStatus = (meeting: MeetingView, now: Date): MeetingStatus =>
  meeting.status === 'confirmed' && meeting.endsAt !== null && meeting.endsAt.getTime() <= now.getTime()
    ? 'held'
    : meeting.status;

/** The actions `organisationId` (a party) may take now; the routes refuse the others with a 409. */
export const allowedActions = (meeting: MeetingView, organisationId: string, now: Date): MeetingAction[] => {
  const status = effectiveStatus(meeting, now);
  if (status === 'requested') {
    // The proposer waits for the other side; it may still withdraw or propose other times.
    return meeting.proposedByOrganisationId === organisationId
      ? ['cancel', 'reschedule']
      : ['confirm', 'decline', 'reschedule'];
  }
  if (status === 'confirmed') {
    return ['cancel', 'reschedule'];
  }
  return [];
};

/** The status an action leads to. */
export const statusAfter = (action: MeetingAction): StoredMeetingStatus =>
  action === 'confirm'
    ? 'confirmed'
    : action === 'decline'
      ? 'declined'
      : action === 'cancel'
        ? 'cancelled'
        : 'requested';

/** The reminders the calendar sets (VALARM) and the in-app list flags: a day and a quarter hour ahead. */
export const reminderOffsetsMinutes = [24 * 60, 15] as const;

/**
 * Which reminders are due for a meeting starting at `startsAt`: the 24-hour one from a day before
 * the start, the 15-minute one from a quarter hour before; neither once the meeting has begun.
 */
export const remindersDue = (startsAt: Date, now: Date): { dayBefore: boolean; quarterHour: boolean } => {
  const leftMs = startsAt.getTime() - now.getTime();
  return {
    dayBefore: leftMs > 0 && leftMs <= 24 * 3_600_000,
    quarterHour: leftMs > 0 && leftMs <= 15 * 60_000,
  };
};
