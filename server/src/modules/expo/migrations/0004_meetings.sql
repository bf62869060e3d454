-- Meetings between two organisations (issue 11 §4): an online meeting or a booth appointment at an
-- offline expo event. The requester owns the row (organisation_id); the counterpart is the other
-- party and reads and acts on it too. A third organisation sees nothing.
create table expo.meetings (
  id text primary key,
  -- The requester.
  organisation_id text not null references identity.organisations (id),
  counterpart_organisation_id text not null references identity.organisations (id)
    check (counterpart_organisation_id <> organisation_id),
  -- The matchmaking lead the meeting came from, when it did.
  lead_id text references expo.matches (id),
  mode text not null check (mode in ('online', 'booth')),
  -- Online: the video link, or null while it is "to be sent".
  video_url text check (length(video_url) <= 2000),
  -- Booth appointment: the booth and its event (the slot lies within the event's dates).
  booth_id text references expo.booths (id),
  event_id text references expo.events (id),
  agenda text not null default '' check (length(agenda) <= 4000),
  -- BCP 47 tag of the meeting's language.
  language text not null check (length(language) between 2 and 35),
  status text not null check (status in ('requested', 'confirmed', 'declined', 'cancelled')),
  -- The current proposal: who made it, its number (1, then one more per reschedule), its slots
  -- ([{ startsAt, endsAt }] in UTC) and the proposer's IANA time zone.
  proposed_by_organisation_id text not null references identity.organisations (id),
  proposal int not null check (proposal >= 1),
  slots jsonb not null,
  -- Each party's IANA time zone as it last told it (the counterpart's when it answers).
  requester_time_zone text not null,
  counterpart_time_zone text,
  -- The slot the counterpart picked; set while confirmed (and kept after a later cancel).
  starts_at timestamptz,
  ends_at timestamptz,
  -- The trade order drafted from the meeting, and the claim that keeps two drafts from racing.
  draft_order_id text,
  draft_order_claimed_at timestamptz,
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((mode = 'booth') = (booth_id is not null)),
  check (mode = 'online' or video_url is null),
  check (status <> 'confirmed' or (starts_at is not null and ends_at is not null and ends_at > starts_at))
);
create index meetings_by_requester on expo.meetings (organisation_id, created_at desc);
create index meetings_by_counterpart on expo.meetings (counterpart_organisation_id, created_at desc);
-- The overlap check reads the confirmed meetings of a party around a slot.
create index meetings_confirmed_requester on expo.meetings (organisation_id, starts_at) where status = 'confirmed';
create index meetings_confirmed_counterpart on expo.meetings (counterpart_organisation_id, starts_at)
  where status = 'confirmed';

-- Every change of a meeting, in order: request, confirm, decline, cancel, reschedule, draft order.
create table expo.meeting_history (
  meeting_id text not null references expo.meetings (id),
  seq int not null,
  at timestamptz not null,
  action text not null,
  from_status text,
  to_status text not null,
  by_organisation_id text not null references identity.organisations (id),
  by_actor_type text not null check (by_actor_type in ('user', 'api_key', 'system')),
  by_actor_id text,
  by_label text not null,
  detail jsonb not null default '{}',
  primary key (meeting_id, seq)
);

-- Notes on a meeting: a private note is its author organisation's alone; a shared one both read.
create table expo.meeting_notes (
  id text primary key,
  meeting_id text not null references expo.meetings (id),
  -- The author's organisation: it owns the note.
  organisation_id text not null references identity.organisations (id),
  visibility text not null check (visibility in ('private', 'shared')),
  body text not null check (length(body) between 1 and 8000),
  by_label text not null,
  created_at timestamptz not null
);
create index meeting_notes_by_meeting on expo.meeting_notes (meeting_id, created_at);

-- A secret feed link per organisation, for calendar applications that subscribe without a session:
-- only the SHA-256 of its token is kept; a new link replaces the old one, revoking drops it.
create table expo.meeting_feeds (
  organisation_id text primary key references identity.organisations (id),
  token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_by_label text not null,
  created_at timestamptz not null
);
