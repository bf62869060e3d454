import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

// Expo meetings over HTTP (docs/expo-meetings.md): a buyer asks a matched supplier for a meeting,
// the supplier confirms a slot, both take notes, export it to their calendars, and the buyer turns
// it into a draft order. Every bad input of the spec, the double-booking race, and organisation
// isolation: a third organisation reaches nothing of a meeting it is not a party of.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let buyer: Party; // the Kuala Lumpur buyer
let supplier: Party; // the Ningbo exhibitor
let outsider: Party; // a third organisation (also the expo's organiser)
let other: Party; // a fourth, for the race

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string; message: string }[];
type Meeting = {
  id: string;
  version: number;
  status: string;
  myRole: string;
  slots: { startsAt: string; endsAt: string }[];
  startsAt: string | null;
  allowedActions: string[];
  draftOrderId: string | null;
  counterpart: { organisationId: string; timeZone: string | null };
  history: { action: string; toStatus: string }[];
  notes: { body: string; visibility: string; mine: boolean }[];
  localStart: { requester: { date: string; time: string } | null };
};

const leadId = 'eld_meetingstestlead0000001';
const boothId = 'ebt_meetingstestbooth000001';

const call = async (
  party: Party,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  payload?: object,
  headers: Record<string, string> = {},
) => {
  const res = await ctx.hub.app.inject({
    method,
    url: `/api/orgs/${party.organisationId}${path}`,
    headers: { cookie: party.cookie, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  const type = res.headers['content-type'] ?? '';
  return {
    status: res.statusCode,
    body: (String(type).includes('json') ? res.json<Json>() : {}) as Json,
    text: res.body,
    type: String(type),
  };
};
const fieldCodes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

const hour = 3_600_000;
// Whole hours from now, so every slot is in the future whatever the wall clock says.
const base = Math.ceil(Date.now() / hour) * hour + 48 * hour;
const at = (hours: number) => new Date(base + hours * hour).toISOString();
const slot = (from: number, to: number) => ({ startsAt: at(from), endsAt: at(to) });
const day = (offsetDays: number) => new Date(base + offsetDays * 24 * hour).toISOString().slice(0, 10);

const request = (party: Party, body: object, headers: Record<string, string> = {}) =>
  call(party, 'POST', '/expo/meetings', body, headers);
const act = (party: Party, meetingId: string, body: object) =>
  call(party, 'POST', `/expo/meetings/${meetingId}/actions`, body);
const get = async (party: Party, meetingId: string) => {
  const answer = await call(party, 'GET', `/expo/meetings/${meetingId}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as Meeting;
};

beforeAll(async () => {
  ctx = await createTestHub();
  buyer = await createParty(ctx.hub, 'MeetBuyer', { kind: 'importer' });
  supplier = await createParty(ctx.hub, 'MeetSupplier');
  outsider = await createParty(ctx.hub, 'MeetOutsider');
  other = await createParty(ctx.hub, 'MeetOther');
  // The catalogue and matchmaking rows a lead stands on, written directly: this file tests meetings.
  const db = ctx.hub.db.kysely;
  const now = new Date();
  await sql`insert into expo.exhibitors (organisation_id, display_name_zh, display_name_en, country, unlocode,
      status, version, created_at, updated_at)
    values (${supplier.organisationId}, '宁波明亮照明', 'Ningbo Mingliang Lighting', 'CN', 'CNNGB', 'published', 1, ${now}, ${now})`.execute(
    db,
  );
  await sql`insert into expo.products (id, organisation_id, name_zh, name_en, hs_code, hs_chapter, moq, moq_unit,
      price_currency, price_min_minor, price_max_minor, lead_time_days, status, version, created_at, updated_at)
    values ('epr_meetingstestproduct0001', ${supplier.organisationId}, 'LED面板灯', 'LED panel light', '940542', '94',
      1000, 'H87', 'USD', 350, 500, 30, 'published', 1, ${now}, ${now})`.execute(db);
  await sql`insert into expo.requirements (id, organisation_id, title, quantity, quantity_unit, target_price_currency,
      target_price_minor, destination_country, destination_unlocode, certifications, deadline, status, version,
      created_at, updated_at)
    values ('erq_meetingstestrequirement', ${buyer.organisationId}, 'LED lights with CE', 5000, 'H87', 'USD', 320,
      'MY', 'MYPKG', '{CE}', ${day(30)}, 'open', 1, ${now}, ${now})`.execute(db);
  await sql`insert into expo.matches (id, requirement_id, organisation_id, supplier_organisation_id, product_id,
      score, components, created_at, updated_at)
    values (${leadId}, 'erq_meetingstestrequirement', ${buyer.organisationId}, ${supplier.organisationId},
      'epr_meetingstestproduct0001', 82, '[]', ${now}, ${now})`.execute(db);
  // An offline expo in Hangzhou, organised by the outsider, from day 10 to day 12 (China time).
  await sql`insert into expo.events (id, organisation_id, kind, name_zh, name_en, starts_on, ends_on, time_zone,
      venue_en, unlocode, status, created_at, updated_at)
    values ('eev_meetingstestevent000001', ${outsider.organisationId}, 'annual_expo', '全球数字贸易博览会',
      'Global Digital Trade Expo', ${day(10)}, ${day(12)}, 'Asia/Shanghai', 'Hangzhou Expo Centre', 'CNHGH',
      'published', ${now}, ${now})`.execute(db);
  await sql`insert into expo.halls (id, event_id, organisation_id, name_zh, name_en, created_at)
    values ('ehl_meetingstesthall0000001', 'eev_meetingstestevent000001', ${outsider.organisationId}, '一号馆', 'Hall 1', ${now})`.execute(
    db,
  );
  await sql`insert into expo.booths (id, hall_id, event_id, organisation_id, code, exhibitor_organisation_id, assigned_at, created_at)
    values (${boothId}, 'ehl_meetingstesthall0000001', 'eev_meetingstestevent000001', ${outsider.organisationId}, 'A-12',
      ${supplier.organisationId}, ${now}, ${now})`.execute(db);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('expo meetings', () => {
  let meeting: Meeting;

  it('lets the buyer ask the supplier of a lead for an online meeting, and the supplier see it', async () => {
    const answer = await request(
      buyer,
      {
        leadId,
        mode: 'online',
        slots: [slot(0, 1), slot(2, 3)],
        timeZone: 'Asia/Kuala_Lumpur',
        agenda: 'LED panels, CE certificates, price for 5,000 pieces',
        language: 'en',
      },
      { 'idempotency-key': 'meet-request-1' },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    meeting = answer.body as unknown as Meeting;
    expect(meeting).toMatchObject({
      status: 'requested',
      myRole: 'requester',
      counterpart: { organisationId: supplier.organisationId, timeZone: null },
      allowedActions: ['cancel', 'reschedule'],
    });
    expect(meeting.id).toMatch(/^emt_/);
    // The same key and request replay the first answer: no second meeting.
    const again = await request(
      buyer,
      {
        leadId,
        mode: 'online',
        slots: [slot(0, 1), slot(2, 3)],
        timeZone: 'Asia/Kuala_Lumpur',
        agenda: 'LED panels, CE certificates, price for 5,000 pieces',
        language: 'en',
      },
      { 'idempotency-key': 'meet-request-1' },
    );
    expect((again.body as Json).id).toBe(meeting.id);
    const seen = await get(supplier, meeting.id);
    expect(seen).toMatchObject({
      myRole: 'counterpart',
      allowedActions: ['confirm', 'decline', 'reschedule'],
    });
    const upcoming = await call(supplier, 'GET', '/expo/meetings/upcoming');
    expect((upcoming.body.items as Json[]).find((m) => m.id === meeting.id)).toMatchObject({
      awaitingMe: true,
    });
  });

  it('refuses every bad input with field errors, never a 500', async () => {
    const good = {
      counterpartOrganisationId: supplier.organisationId,
      mode: 'online',
      timeZone: 'Asia/Kuala_Lumpur',
      language: 'en',
    };
    const past = await request(buyer, {
      ...good,
      slots: [{ startsAt: '2020-01-01T10:00:00+08:00', endsAt: '2020-01-01T11:00:00+08:00' }],
    });
    expect([past.status, fieldCodes(past.body)]).toEqual([
      400,
      [['slots.0.startsAt', 'expo.meeting_slot_in_past']],
    ]);
    const reversed = await request(buyer, { ...good, slots: [slot(5, 4)] });
    expect(fieldCodes(reversed.body)).toEqual([['slots.0.endsAt', 'expo.meeting_slot_end_before_start']]);
    const long = await request(buyer, { ...good, slots: [slot(5, 10)] });
    expect(fieldCodes(long.body)).toEqual([['slots.0.endsAt', 'expo.meeting_slot_too_long']]);
    const zone = await request(buyer, { ...good, timeZone: '+08:00', slots: [slot(5, 6)] });
    expect(fieldCodes(zone.body)).toEqual([['timeZone', 'expo.meeting_unknown_time_zone']]);
    const self = await request(buyer, {
      ...good,
      counterpartOrganisationId: buyer.organisationId,
      slots: [slot(5, 6)],
    });
    expect(fieldCodes(self.body)).toEqual([['counterpartOrganisationId', 'expo.meeting_same_organisation']]);
    const nobody = await request(buyer, {
      ...good,
      counterpartOrganisationId: 'org_nobody',
      slots: [slot(5, 6)],
    });
    expect(fieldCodes(nobody.body)).toEqual([
      ['counterpartOrganisationId', 'expo.meeting_unknown_organisation'],
    ]);
    const noOne = await request(buyer, {
      mode: 'online',
      timeZone: 'UTC',
      language: 'en',
      slots: [slot(5, 6)],
    });
    expect(fieldCodes(noOne.body)).toEqual([['counterpartOrganisationId', 'expo.required']]);
    // A lead the caller is no party of is unknown to it.
    const foreignLead = await request(outsider, {
      ...good,
      counterpartOrganisationId: undefined,
      leadId,
      slots: [slot(5, 6)],
    });
    expect(fieldCodes(foreignLead.body)).toEqual([['leadId', 'expo.meeting_unknown_lead']]);
    const mismatch = await request(buyer, {
      ...good,
      counterpartOrganisationId: outsider.organisationId,
      leadId,
      slots: [slot(5, 6)],
    });
    expect(fieldCodes(mismatch.body)).toEqual([
      ['counterpartOrganisationId', 'expo.meeting_counterpart_mismatch'],
    ]);
    // Shape errors from the schema: no offset, too many slots, an unknown field, a 10,000-character agenda.
    const local = await request(buyer, {
      ...good,
      slots: [{ startsAt: '2030-01-01T10:00:00', endsAt: '2030-01-01T11:00:00' }],
    });
    expect(local.status).toBe(400);
    const six = await request(buyer, {
      ...good,
      slots: [0, 1, 2, 3, 4, 5].map((n) => slot(10 + n, 10.5 + n)),
    });
    expect(six.status).toBe(400);
    const extra = await request(buyer, { ...good, slots: [slot(5, 6)], colour: 'red' });
    expect(extra.status).toBe(400);
    const agenda = await request(buyer, { ...good, slots: [slot(5, 6)], agenda: 'x'.repeat(10_000) });
    expect(agenda.status).toBe(400);
    const http = await request(buyer, { ...good, slots: [slot(5, 6)], videoUrl: 'javascript:alert(1)' });
    expect(http.status).toBe(400);
  });

  it('books a booth appointment only inside the event days in the event time zone', async () => {
    const booth = {
      counterpartOrganisationId: supplier.organisationId,
      mode: 'booth',
      boothId,
      timeZone: 'Asia/Kuala_Lumpur',
      language: 'zh-CN',
    };
    // Day 10 in Hangzhou starts at 16:00 UTC on day 9: 15:00–16:00 UTC that day is outside.
    const dayTen = Date.parse(`${day(10)}T00:00:00+08:00`);
    const before = await request(buyer, {
      ...booth,
      slots: [{ startsAt: new Date(dayTen - hour).toISOString(), endsAt: new Date(dayTen).toISOString() }],
    });
    expect([before.status, fieldCodes(before.body)]).toEqual([
      400,
      [['slots.0.startsAt', 'expo.meeting_slot_outside_event']],
    ]);
    const inside = await request(buyer, {
      ...booth,
      slots: [
        {
          startsAt: new Date(dayTen + 2 * hour).toISOString(),
          endsAt: new Date(dayTen + 3 * hour).toISOString(),
        },
      ],
    });
    expect(inside.status, JSON.stringify(inside.body)).toBe(201);
    expect(inside.body).toMatchObject({
      mode: 'booth',
      booth: { code: 'A-12', eventTimeZone: 'Asia/Shanghai' },
    });
    const unknownBooth = await request(buyer, { ...booth, boothId: 'ebt_nothing', slots: [slot(5, 6)] });
    expect(fieldCodes(unknownBooth.body)).toEqual([['boothId', 'expo.meeting_unknown_booth']]);
    // The supplier's booth is no place for the buyer to meet a third organisation.
    const elsewhere = await request(buyer, {
      ...booth,
      counterpartOrganisationId: outsider.organisationId,
      slots: [
        {
          startsAt: new Date(dayTen + 6 * hour).toISOString(),
          endsAt: new Date(dayTen + 7 * hour).toISOString(),
        },
      ],
    });
    expect(fieldCodes(elsewhere.body)).toEqual([['boothId', 'expo.meeting_unknown_booth']]);
    const withLink = await request(buyer, {
      ...booth,
      videoUrl: 'https://meet.example/abc',
      slots: [
        {
          startsAt: new Date(dayTen + 4 * hour).toISOString(),
          endsAt: new Date(dayTen + 5 * hour).toISOString(),
        },
      ],
    });
    expect(fieldCodes(withLink.body)).toEqual([['videoUrl', 'expo.meeting_video_link_online_only']]);
  });

  it('lets only the side that did not propose confirm a slot, with version checks', async () => {
    const own = await act(buyer, meeting.id, { action: 'confirm', version: meeting.version, slotIndex: 0 });
    expect([own.status, own.body.code]).toEqual([409, 'expo.meeting_wrong_state']);
    const stale = await act(supplier, meeting.id, {
      action: 'confirm',
      version: meeting.version + 5,
      slotIndex: 0,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'expo.version_conflict']);
    const noSlot = await act(supplier, meeting.id, {
      action: 'confirm',
      version: meeting.version,
      slotIndex: 3,
    });
    expect(fieldCodes(noSlot.body)).toEqual([['slotIndex', 'expo.meeting_no_such_slot']]);
    const confirmed = await act(supplier, meeting.id, {
      action: 'confirm',
      version: meeting.version,
      slotIndex: 1,
      timeZone: 'Asia/Shanghai',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', startsAt: at(2), endsAt: at(3) });
    const detail = await get(buyer, meeting.id);
    expect(detail.counterpart.timeZone).toBe('Asia/Shanghai');
    expect(detail.history.map((h) => [h.action, h.toStatus])).toEqual([
      ['request', 'requested'],
      ['confirm', 'confirmed'],
    ]);
    expect(detail.localStart.requester).not.toBeNull();
    meeting = detail;
  });

  it("refuses a slot overlapping a confirmed meeting of either party, naming the caller's own", async () => {
    const mine = await request(buyer, {
      counterpartOrganisationId: outsider.organisationId,
      mode: 'online',
      slots: [slot(2.5, 3.5)],
      timeZone: 'UTC',
      language: 'en',
    });
    expect([mine.status, mine.body.code]).toEqual([409, 'expo.meeting_slot_conflict']);
    expect(String(mine.body.detail)).toContain(meeting.id);
    expect(fieldCodes(mine.body)).toEqual([['slots.0.startsAt', 'expo.meeting_slot_overlaps_own']]);
    // The outsider asking the busy supplier learns only that it is busy, not which meeting.
    const theirs = await request(outsider, {
      counterpartOrganisationId: supplier.organisationId,
      mode: 'online',
      slots: [slot(2, 2.5)],
      timeZone: 'UTC',
      language: 'en',
    });
    expect([theirs.status, fieldCodes(theirs.body)]).toEqual([
      409,
      [['slots.0.startsAt', 'expo.meeting_slot_overlaps_other']],
    ]);
    expect(theirs.text).not.toContain(meeting.id);
    // Back to back is no overlap.
    const next = await request(outsider, {
      counterpartOrganisationId: supplier.organisationId,
      mode: 'online',
      slots: [slot(3, 4)],
      timeZone: 'UTC',
      language: 'en',
    });
    expect(next.status).toBe(201);
  });

  it('lets only one of two racing confirms book the same hour', async () => {
    // The outsider asks the buyer and `other` for the same hour; both confirm at once.
    const one = await request(outsider, {
      counterpartOrganisationId: buyer.organisationId,
      mode: 'online',
      slots: [slot(20, 21)],
      timeZone: 'UTC',
      language: 'en',
    });
    const two = await request(outsider, {
      counterpartOrganisationId: other.organisationId,
      mode: 'online',
      slots: [slot(20.5, 21.5)],
      timeZone: 'UTC',
      language: 'en',
    });
    expect([one.status, two.status]).toEqual([201, 201]);
    const answers = await Promise.all([
      act(buyer, String(one.body.id), { action: 'confirm', version: 1, slotIndex: 0 }),
      act(other, String(two.body.id), { action: 'confirm', version: 1, slotIndex: 0 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('expo.meeting_slot_conflict');
  });

  it('keeps private notes to their organisation and shows shared ones to both', async () => {
    for (const [party, visibility, body] of [
      [buyer, 'private', 'Their price is 10% above target'],
      [buyer, 'shared', 'Please bring CE test reports'],
      [supplier, 'private', 'Buyer is price sensitive'],
    ] as const) {
      const answer = await call(party, 'POST', `/expo/meetings/${meeting.id}/notes`, { visibility, body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const mine = await get(buyer, meeting.id);
    expect(mine.notes.map((n) => [n.body, n.mine])).toEqual([
      ['Their price is 10% above target', true],
      ['Please bring CE test reports', true],
    ]);
    const theirs = await get(supplier, meeting.id);
    expect(theirs.notes.map((n) => [n.body, n.mine])).toEqual([
      ['Please bring CE test reports', false],
      ['Buyer is price sensitive', true],
    ]);
    expect(JSON.stringify(theirs)).not.toContain('10% above target');
    const empty = await call(buyer, 'POST', `/expo/meetings/${meeting.id}/notes`, {
      visibility: 'shared',
      body: '   ',
    });
    expect(empty.status).toBe(400);
  });

  it('exports the meeting and the feed as iCalendar with reminders, read back by ical.js', async () => {
    const one = await call(buyer, 'GET', `/expo/meetings/${meeting.id}/calendar.ics`);
    expect(one.status).toBe(200);
    expect(one.type).toContain('text/calendar');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(one.text)).getFirstSubcomponent('vevent') ?? undefined,
    );
    expect(event.uid).toBe(`${meeting.id}@tradehub`);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(at(2)).toISOString());
    expect(one.text).toContain(
      `DTSTART:${at(2)
        .replaceAll(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    );
    const feed = await call(supplier, 'GET', '/expo/meetings.ics');
    const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent');
    const same = events.find((e) => e.getFirstPropertyValue('uid') === `${meeting.id}@tradehub`);
    expect(same?.getAllSubcomponents('valarm').length).toBe(2);
    // A meeting with no confirmed slot has nothing to export.
    const requested = (await call(buyer, 'GET', '/expo/meetings?status=requested')).body.items as Meeting[];
    const open = requested[0];
    expect(open).toBeDefined();
    const none = await call(buyer, 'GET', `/expo/meetings/${open?.id}/calendar.ics`);
    expect([none.status, none.body.code]).toEqual([409, 'expo.meeting_not_scheduled']);
  });

  it('gives calendar applications a secret feed link, shown once, that a revoke closes', async () => {
    expect((await call(buyer, 'GET', '/expo/meetings/feed')).body).toMatchObject({ active: false });
    const created = await call(buyer, 'POST', '/expo/meetings/feed', {});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const path = String(created.body.path);
    const token = new URL(path, 'http://x').searchParams.get('token') ?? '';
    rememberSecret(token);
    expect(token.length).toBeGreaterThanOrEqual(40);
    // No session: the token is the credential.
    const feed = await ctx.hub.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain(`UID:${meeting.id}@tradehub`);
    const status = await call(buyer, 'GET', '/expo/meetings/feed');
    expect(status.body).toMatchObject({ active: true });
    expect(status.text).not.toContain(token);
    // A new link replaces the old one; a made-up one and a revoked one open nothing.
    const again = await call(buyer, 'POST', '/expo/meetings/feed', {});
    rememberSecret(new URL(String(again.body.path), 'http://x').searchParams.get('token') ?? '');
    expect((await ctx.hub.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const wrong = await ctx.hub.app.inject({
      method: 'GET',
      url: '/api/expo/meetings/feed.ics?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    });
    expect(wrong.statusCode).toBe(404);
    expect((await ctx.hub.app.inject({ method: 'GET', url: '/api/expo/meetings/feed.ics' })).statusCode).toBe(
      400,
    );
    expect((await call(buyer, 'DELETE', '/expo/meetings/feed')).status).toBe(204);
    expect((await ctx.hub.app.inject({ method: 'GET', url: String(again.body.path) })).statusCode).toBe(404);
    // Another organisation cannot make one for the buyer.
    const foreign = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${buyer.organisationId}/expo/meetings/feed`,
      headers: { cookie: outsider.cookie },
      payload: {},
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('lists the calendar window and the upcoming meetings with reminder flags', async () => {
    const window = await call(
      buyer,
      'GET',
      `/expo/meetings?from=${encodeURIComponent(at(1))}&to=${encodeURIComponent(at(4))}`,
    );
    expect((window.body.items as Meeting[]).map((m) => m.id)).toContain(meeting.id);
    const later = await call(buyer, 'GET', `/expo/meetings?from=${encodeURIComponent(at(30))}`);
    expect((later.body.items as Meeting[]).map((m) => m.id)).not.toContain(meeting.id);
    const upcoming = await call(buyer, 'GET', '/expo/meetings/upcoming');
    const item = (upcoming.body.items as Json[]).find((m) => m.id === meeting.id);
    // The meeting is two days off: no reminder due yet.
    expect(item).toMatchObject({ reminders: { dayBefore: false, quarterHour: false }, awaitingMe: false });
  });

  it('turns the confirmed meeting into one draft order, pre-filled from the lead', async () => {
    const requestedId = (
      (await call(buyer, 'GET', '/expo/meetings?status=requested')).body.items as Meeting[]
    )[0]?.id;
    const early = await call(buyer, 'POST', `/expo/meetings/${requestedId}/draft-order`, {});
    expect([early.status, early.body.code]).toEqual([409, 'expo.meeting_not_confirmed']);
    const [first, second] = await Promise.all([
      call(buyer, 'POST', `/expo/meetings/${meeting.id}/draft-order`, {}),
      call(buyer, 'POST', `/expo/meetings/${meeting.id}/draft-order`, {}),
    ]);
    const created = [first, second].find((a) => a.status === 200 && a.body.created === true);
    expect(created, JSON.stringify([first.body, second.body])).toBeDefined();
    const orderId = String(created?.body.orderId);
    // The other concurrent call got the same order, or was told it is being drafted.
    for (const answer of [first, second]) {
      expect(answer.status === 200 ? answer.body.orderId : answer.body.code).toBe(
        answer.status === 200 ? orderId : 'expo.meeting_draft_in_progress',
      );
    }
    const again = await call(supplier, 'POST', `/expo/meetings/${meeting.id}/draft-order`, {});
    expect(again.body).toEqual({ orderId, created: false });
    const order = await call(buyer, 'GET', `/orders/${orderId}`);
    expect(order.status, JSON.stringify(order.body)).toBe(200);
    expect(order.body).toMatchObject({
      status: 'draft',
      sellerOrganisationId: supplier.organisationId,
      buyerOrganisationId: buyer.organisationId,
      content: {
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
        lines: [
          {
            hsCode: '940542',
            quantity: '5000',
            unitCode: 'H87',
            unitPrice: { amount: '3.20', currency: 'USD' },
          },
        ],
      },
    });
    const linked = await get(buyer, meeting.id);
    expect(linked.draftOrderId).toBe(orderId);
    expect(linked.history.at(-1)?.action).toBe('draft_order');
  });

  it('declines, cancels and reschedules with a history row for each', async () => {
    const created = await request(buyer, {
      counterpartOrganisationId: supplier.organisationId,
      mode: 'online',
      slots: [slot(40, 41)],
      timeZone: 'UTC',
      language: 'en',
    });
    const id = String(created.body.id);
    const moved = await act(supplier, id, {
      action: 'reschedule',
      version: 1,
      slots: [slot(42, 43), slot(44, 45)],
      timeZone: 'Asia/Shanghai',
    });
    expect(moved.body).toMatchObject({
      status: 'requested',
      proposal: 2,
      proposedByOrganisationId: supplier.organisationId,
    });
    // Now the buyer answers the supplier's proposal.
    const confirmed = await act(buyer, id, { action: 'confirm', version: 2, slotIndex: 1 });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', startsAt: at(44) });
    const cancelled = await act(supplier, id, { action: 'cancel', version: 3, reason: 'Travel changed' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedActions: [] });
    const late = await act(buyer, id, { action: 'confirm', version: 4, slotIndex: 0 });
    expect(late.body.code).toBe('expo.meeting_wrong_state');
    expect((await get(buyer, id)).history.map((h) => h.action)).toEqual([
      'request',
      'reschedule',
      'confirm',
      'cancel',
    ]);
    const declined = await request(buyer, {
      counterpartOrganisationId: supplier.organisationId,
      mode: 'online',
      slots: [slot(50, 51)],
      timeZone: 'UTC',
      language: 'en',
    });
    const no = await act(supplier, String(declined.body.id), { action: 'decline', version: 1 });
    expect(no.body).toMatchObject({ status: 'declined' });
    // A cancelled meeting stays in the feed as CANCELLED, so calendars drop it.
    const feed = await call(buyer, 'GET', '/expo/meetings.ics');
    expect(feed.text).toMatch(new RegExp(`UID:${id}@tradehub[\\s\\S]*?STATUS:CANCELLED`));
  });

  it('shows a third organisation nothing of a meeting it is not a party of', async () => {
    const paths = [
      ['GET', `/expo/meetings/${meeting.id}`],
      ['GET', `/expo/meetings/${meeting.id}/calendar.ics`],
      ['POST', `/expo/meetings/${meeting.id}/actions`, { action: 'cancel', version: meeting.version }],
      ['POST', `/expo/meetings/${meeting.id}/notes`, { visibility: 'shared', body: 'hello' }],
      ['POST', `/expo/meetings/${meeting.id}/draft-order`, {}],
    ] as const;
    for (const [method, path, body] of paths) {
      // The outsider under its own organisation: the meeting is not found.
      const own = await call(outsider, method, path, body);
      expect([own.status, own.body.code], `${method} ${path}`).toEqual([404, 'expo.not_found']);
      // The outsider naming the buyer's organisation: not a member, not found either.
      const res = await ctx.hub.app.inject({
        method,
        url: `/api/orgs/${buyer.organisationId}${path}`,
        headers: { cookie: outsider.cookie },
        ...(body === undefined ? {} : { payload: body }),
      });
      expect(res.statusCode, `${method} ${path} on the buyer`).toBe(404);
      expect(res.body).not.toContain('10% above target');
    }
    const list = await call(outsider, 'GET', '/expo/meetings');
    expect((list.body.items as Meeting[]).map((m) => m.id)).not.toContain(meeting.id);
    const feed = await call(outsider, 'GET', '/expo/meetings.ics');
    expect(feed.text).not.toContain(meeting.id);
    for (const path of ['/expo/meetings', '/expo/meetings/upcoming', '/expo/meetings.ics']) {
      const res = await ctx.hub.app.inject({
        method: 'GET',
        url: `/api/orgs/${buyer.organisationId}${path}`,
        headers: { cookie: outsider.cookie },
      });
      expect(res.statusCode, path).toBe(404);
    }
  });
});
