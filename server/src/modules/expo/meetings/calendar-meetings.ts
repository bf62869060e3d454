import { buildCalendar, type CalendarEvent } from './domain/icalendar.ts';
import { reminderOffsetsMinutes } from './domain/meeting-state.ts';
import type { PresentedMeeting } from './service-meetings.ts';

/** Where the meeting happens, in the calendar's LOCATION. */
const locationOf = (m: PresentedMeeting): string =>
  m.booth !== null
    ? [`Booth / 展位 ${m.booth.code}`, m.booth.eventNameEn, m.booth.eventNameZh, m.booth.venueEn]
        .filter((p) => p !== null)
        .join(', ')
    : (m.videoUrl ?? 'Online, link to be sent / 线上，链接待发送');

/** One meeting with a time as a VEVENT; both names in both languages, since either party may import it. */
export const meetingEvent = (m: PresentedMeeting): CalendarEvent | undefined => {
  if (m.startsAt === null || m.endsAt === null) {
    return undefined;
  }
  const other = m.myRole === 'requester' ? m.counterpart : m.requester;
  return {
    uid: `${m.id}@tradehub`,
    stamp: new Date(m.updatedAt),
    sequence: m.version,
    startsAt: new Date(m.startsAt),
    endsAt: new Date(m.endsAt),
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    summary: `Meeting with ${other.name} / 与${other.nameZh}会谈`,
    description: [
      m.agenda,
      `${m.requester.name} (${m.requester.timeZone}) – ${m.counterpart.name}${m.counterpart.timeZone === null ? '' : ` (${m.counterpart.timeZone})`}`,
      `Language / 语言: ${m.language}`,
      `tradehub meeting / 会议 ${m.id}`,
    ]
      .filter((line) => line !== '')
      .join('\n'),
    location: locationOf(m),
    ...(m.videoUrl === null ? {} : { url: m.videoUrl }),
    alarmsMinutesBefore: reminderOffsetsMinutes,
  };
};

/** The calendar text of some meetings (one, or an organisation's feed). */
export const meetingsCalendar = (name: string, meetings: readonly PresentedMeeting[]): string =>
  buildCalendar(
    name,
    meetings.flatMap((m) => {
      const event = meetingEvent(m);
      return event === undefined ? [] : [event];
    }),
  );
