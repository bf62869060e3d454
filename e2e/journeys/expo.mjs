// The expo acceptance journey of issue 11 in the browser: the Kuala Lumpur buyer (Klang Valley
// Trading, aisyah.rahman, English) posts a requirement for LED lights with CE certification to
// Malaysia and gets the Yiwu and Ningbo exhibitors matched, each score explained component by
// component; she asks the Ningbo lighting maker for a meeting; the supplier (qian.yu, Chinese,
// Shanghai time) confirms the slot on the meeting page and gets the .ics; the buyer turns the
// meeting into a draft order with one action and lands on the order page. The expo pages are
// then checked at 1280 px and on a phone.
//
// Split into steps that run in order and pass what they made on in `state.expo`, so each stays
// well inside the per-journey time limit and a failure names the step.
import assert from 'node:assert/strict';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  pickOption,
  waitForApi,
  waitForMotionDone,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectCount, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 390, height: 844 };
export const EXPO_BUYER_EMAIL = 'aisyah.rahman@klangvalley-trading.example';
export const EXPO_NINGBO_EMAIL = 'qian.yu@mingliang-lighting.example';
const KUALA_LUMPUR = 'Asia/Kuala_Lumpur';
const SHANGHAI = 'Asia/Shanghai';
const REQUIREMENTS_PATH = /^\/api\/orgs\/[^/]+\/expo\/requirements$/;
const MEETINGS_PATH = /^\/api\/orgs\/[^/]+\/expo\/meetings$/;
const MEETING_ACTIONS_PATH = /^\/api\/orgs\/[^/]+\/expo\/meetings\/[^/]+\/actions$/;
const DRAFT_ORDER_PATH = /^\/api\/orgs\/[^/]+\/expo\/meetings\/[^/]+\/draft-order$/;

/** A text check: the element's text contains `part`. */
const including = (part) => (text) => text.includes(part);

const getJson = async (page, path) => {
  const response = await fetchInPage(page, path);
  assert.equal(response.status, 200, `${path}: ${response.text}`);
  return JSON.parse(response.text);
};

const myOrganisation = async (page) => {
  const me = await getJson(page, '/api/me');
  const membership = me.memberships?.[0];
  assert.ok(membership, 'the demo user belongs to an organisation');
  return membership.organisation;
};

/** The input of an Ant Design picker whose test id may sit on the input or on its wrapper. */
const pickerInput = async (page, testId) => {
  const box = page.getByTestId(testId).first();
  await box.waitFor();
  const tag = await box.evaluate((element) => element.tagName);
  return tag === 'INPUT' ? box : box.locator('input').first();
};

/** Types a value into an Ant Design date (or date-time) picker and confirms it with Enter. */
const typeIntoPicker = async (page, testId, value) => {
  const input = await pickerInput(page, testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await waitForMotionDone(page, { timeout: 5_000 }).catch(() => {});
};

/** A calendar day some days ahead (YYYY-MM-DD), and a wall-clock time on it. */
const dayAhead = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Step 1: the buyer posts the requirement and reads the explained matches. */
export const expoBuyerPostsRequirementSeesMatches = async ({ scope, repoRoot, state }) => {
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: KUALA_LUMPUR });
  await logIn(page, EXPO_BUYER_EMAIL);
  const buyer = await myOrganisation(page);
  await page.goto('/expo/requirements');
  await page.getByTestId('mm-requirements-page').waitFor();
  await waitForSpinnersGone(page);

  await page.getByTestId('mm-requirement-new').click();
  await waitForMotionDone(page, { timeout: 5_000 }).catch(() => {});
  const title = `LED lights with CE certification ${Date.now()}`;
  await page.getByTestId('mm-field-title').fill(title);
  await page
    .getByTestId('mm-field-description')
    .fill('LED lighting for shops in Kuala Lumpur: panels, bulbs or floodlights; CE certificate required.');
  await page.getByTestId('mm-field-quantity').fill('2000');
  await page.getByTestId('mm-field-amount').fill('15.00');
  await pickOption(page, 'mm-field-country', /\(MY\)/, 'Malaysia');
  const certifications = page.getByTestId('mm-field-certifications');
  await certifications.click();
  await page.keyboard.type('CE');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await typeIntoPicker(page, 'mm-field-deadline', dayAhead(30));
  const posted = waitForApi(page, 'POST', REQUIREMENTS_PATH);
  await page.getByTestId('mm-requirement-submit').click();
  const postedResponse = await posted;
  assert.equal(postedResponse.status(), 201, `the requirement is posted: ${await postedResponse.text()}`);
  const requirement = await postedResponse.json();
  assert.deepEqual(requirement.certifications, ['CE'], 'CE is asked for');
  assert.equal(requirement.destinationCountry, 'MY', 'to Malaysia');

  await page.waitForURL((url) => url.pathname === `/expo/requirements/${requirement.id}`);
  await page.getByTestId('mm-requirement-page').waitFor();
  await waitForSpinnersGone(page);
  const matches = await getJson(page, `/api/orgs/${buyer.id}/expo/requirements/${requirement.id}/matches`);
  const yiwu = matches.items.find((lead) => /Yiwu/.test(lead.exhibitor.nameEn));
  const ningbo = matches.items.find((lead) => /Ningbo/.test(lead.exhibitor.nameEn));
  assert.ok(yiwu, `a Yiwu exhibitor is matched (${matches.items.map((l) => l.exhibitor.nameEn).join(', ')})`);
  assert.ok(ningbo, 'a Ningbo exhibitor is matched');

  const cards = page.getByTestId('mm-lead');
  await expectCount(cards, 2, 'match cards');
  for (const lead of [yiwu, ningbo]) {
    const card = page.locator(`[data-testid="mm-lead"][data-lead-id="${lead.id}"]`);
    await expectText(card, including(lead.exhibitor.nameEn), `${lead.exhibitor.nameEn} is shown`);
    await expectText(
      card.getByTestId('mm-lead-score'),
      en('expoMatchmaking.score', { score: lead.score }),
      `${lead.exhibitor.nameEn} with its score`,
    );
    // The explanation: one row per scored component, each with a sentence.
    await card.getByTestId('mm-lead-why').locator('.ant-collapse-header').click();
    const rows = card.getByTestId('mm-lead-breakdown').locator('.mm-breakdown-row');
    await expectCount(rows, lead.components.length, `${lead.exhibitor.nameEn}: every component explained`);
    const certification = card.locator('.mm-breakdown-row[data-component="certifications"]');
    if ((await certification.count()) > 0) {
      await expectText(certification, /\S/, 'the certification component says why');
    }
  }
  await assertNoHorizontalOverflow(page, 'the matches at 1280 px');
  await scope.screenshot(page, 'expo-matches-en-1280.png');
  state.expo = { buyerOrgId: buyer.id, requirementId: requirement.id, leadId: ningbo.id, ningbo };
};

/** Step 2: the buyer asks the Ningbo exhibitor for a meeting from its match card. */
export const expoBuyerAsksNingboForMeeting = async ({ scope, repoRoot, state }) => {
  assert.ok(state.expo?.leadId, 'step 1 found the Ningbo lead');
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: KUALA_LUMPUR });
  await logIn(page, EXPO_BUYER_EMAIL, { next: `/expo/requirements/${state.expo.requirementId}` });
  await page.waitForURL((url) => url.pathname === `/expo/requirements/${state.expo.requirementId}`);
  await page.getByTestId('mm-requirement-page').waitFor();
  await waitForSpinnersGone(page);
  const card = page.locator(`[data-testid="mm-lead"][data-lead-id="${state.expo.leadId}"]`);
  await card.getByTestId('mm-lead-meeting').click();
  await waitForMotionDone(page, { timeout: 5_000 }).catch(() => {});
  // Three days ahead, 10:00 in Kuala Lumpur: 02:00 UTC.
  const day = dayAhead(3);
  await typeIntoPicker(page, 'mm-meeting-start', `${day} 10:00`);
  await page
    .getByTestId('mm-meeting-agenda')
    .fill('Prices for 2,000 LED panels, CE test reports, lead time to Port Klang.');
  const requested = waitForApi(page, 'POST', MEETINGS_PATH);
  await page.getByTestId('mm-meeting-submit').click();
  const response = await requested;
  assert.equal(response.status(), 201, `the meeting is requested: ${await response.text()}`);
  const meeting = await response.json();
  assert.equal(meeting.leadId, state.expo.leadId, 'from the lead');
  assert.equal(meeting.slots[0].startsAt, `${day}T02:00:00.000Z`, '10:00 in Kuala Lumpur is 02:00 UTC');
  await page.waitForURL((url) => url.pathname === `/expo/meetings/${meeting.id}`);
  await waitForSpinnersGone(page);
  await expectText(page.getByTestId('meeting-status'), en('expoMeetings.status.requested'), 'requested');
  await assertNoHorizontalOverflow(page, 'the meeting page at 1280 px');
  state.expo.meetingId = meeting.id;
  state.expo.startsAt = meeting.slots[0].startsAt;
};

/** Step 3: the Ningbo supplier, in Chinese on Shanghai time, finds the request and confirms it. */
export const expoSupplierConfirmsMeeting = async ({ scope, repoRoot, state }) => {
  assert.ok(state.expo?.meetingId, 'step 2 requested a meeting');
  const zh = translator(repoRoot, 'zh-CN');
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP, timezoneId: SHANGHAI });
  await logIn(page, EXPO_NINGBO_EMAIL, { next: '/expo/meetings' });
  await page.waitForURL((url) => url.pathname === '/expo/meetings');
  await waitForSpinnersGone(page);
  // The calendar: the request waits for this side's answer.
  const upcoming = page.getByTestId('meetings-upcoming');
  await expectText(upcoming, including(zh('expoMeetings.awaitingYou')), 'the request awaits the supplier');
  await page.locator(`a[href="/expo/meetings/${state.expo.meetingId}"]`).first().click();
  await page.waitForURL((url) => url.pathname === `/expo/meetings/${state.expo.meetingId}`);
  await waitForSpinnersGone(page);
  // 02:00 UTC is 10:00 in Shanghai too; the buyer's own zone is named beside it.
  await expectText(page.getByTestId('meeting-slots'), /10:00 \(UTC\+8\)/, 'the slot in Shanghai time');
  await expectText(page.getByTestId('meeting-slots'), including(KUALA_LUMPUR), "the buyer's zone beside it");
  const confirmed = waitForApi(page, 'POST', MEETING_ACTIONS_PATH);
  await page.getByTestId('meeting-confirm').click();
  const response = await confirmed;
  assert.equal(response.status(), 200, `confirmed: ${await response.text()}`);
  await expectText(page.getByTestId('meeting-status'), zh('expoMeetings.status.confirmed'), 'confirmed');
  // The calendar file: one VEVENT with the meeting's UID, in UTC, with both reminders.
  const ics = await fetchInPage(page, `${await page.getByTestId('meeting-ics').getAttribute('href')}`);
  assert.equal(ics.status, 200, 'the .ics downloads');
  assert.match(ics.contentType, /text\/calendar/, 'as text/calendar');
  assert.match(ics.text, new RegExp(`UID:${state.expo.meetingId}@tradehub`), 'with the meeting as UID');
  assert.match(
    ics.text,
    new RegExp(`DTSTART:${state.expo.startsAt.replace(/[-:]/g, '').replace('.000', '')}`),
  );
  assert.equal(ics.text.match(/BEGIN:VALARM/g)?.length, 2, 'two reminders');
  await assertNoHorizontalOverflow(page, 'the confirmed meeting at 1280 px');
  await scope.screenshot(page, 'expo-meeting-confirmed-zh-1280.png');
  // Subscribing a calendar application: the secret link, shown once, opens the feed without a
  // session, with the confirmed meeting in it.
  await page.goto('/expo/meetings');
  await page.getByTestId('meetings-subscribe').click();
  const made = waitForApi(page, 'POST', /\/expo\/meetings\/feed$/, 201);
  await page.getByTestId('meetings-feed-create').click();
  await made;
  const link = await eventually(
    () => page.getByTestId('meetings-feed-link').inputValue(),
    (value) => value.includes('/api/expo/meetings/feed.ics?token='),
    'the feed link is shown',
  );
  const feed = await fetch(link, { signal: AbortSignal.timeout(10_000) });
  assert.equal(feed.status, 200, 'the feed opens without a session');
  assert.match(await feed.text(), new RegExp(`UID:${state.expo.meetingId}@tradehub`), 'with the meeting');
};

/** Step 4: the buyer turns the confirmed meeting into a draft order and sees the order page. */
export const expoBuyerTurnsMeetingIntoDraftOrder = async ({ scope, repoRoot, state }) => {
  assert.ok(state.expo?.meetingId, 'step 2 requested a meeting');
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: KUALA_LUMPUR });
  await logIn(page, EXPO_BUYER_EMAIL, { next: `/expo/meetings/${state.expo.meetingId}` });
  await page.waitForURL((url) => url.pathname === `/expo/meetings/${state.expo.meetingId}`);
  await waitForSpinnersGone(page);
  await expectText(
    page.getByTestId('meeting-status'),
    en('expoMeetings.status.confirmed'),
    'confirmed by Ningbo',
  );
  const drafted = waitForApi(page, 'POST', DRAFT_ORDER_PATH);
  await page.getByTestId('meeting-draft-order').click();
  const response = await drafted;
  assert.equal(response.status(), 200, `the draft order: ${await response.text()}`);
  const { orderId, created } = await response.json();
  assert.equal(created, true, 'a new order');
  await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
  await waitForSpinnersGone(page);
  await expectText(
    page.getByTestId('order-reference'),
    `EXPO-${state.expo.meetingId}`,
    'the order names the meeting',
  );
  const order = await getJson(page, `/api/orgs/${state.expo.buyerOrgId}/orders/${orderId}`);
  assert.equal(order.status, 'draft', 'a draft');
  assert.equal(order.buyerOrganisationId, state.expo.buyerOrgId, 'the buyer is Klang Valley Trading');
  assert.equal(order.content.lines[0].hsCode, state.expo.ningbo.product.hsCode, "the product's HS code");
  assert.equal(order.content.incoterms.namedPlace.unlocode, 'CNNGB', 'FOB Ningbo');
  await expectText(page.getByTestId('order-seller'), order.content.seller.name, 'the Ningbo seller');
  await assertNoHorizontalOverflow(page, 'the draft order at 1280 px');
  await scope.screenshot(page, 'expo-draft-order-en-1280.png');
  // The meeting now links the order, and a second click answers the same one.
  const again = await fetchInPage(
    page,
    `/api/orgs/${state.expo.buyerOrgId}/expo/meetings/${state.expo.meetingId}/draft-order`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
  );
  assert.deepEqual(JSON.parse(again.text), { orderId, created: false }, 'once only');
  state.expo.orderId = orderId;
};

/**
 * Step 6: from her calendar, the buyer books a booth appointment at Ningbo's booth at the expo
 * (three weeks ahead, Hangzhou), through the request dialog: organisation picker, booth picker,
 * a slot typed in her own zone.
 */
export const expoBuyerBooksBoothAppointment = async ({ scope, repoRoot, state }) => {
  assert.ok(state.expo?.ningbo, 'step 1 found the Ningbo lead');
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: KUALA_LUMPUR });
  await logIn(page, EXPO_BUYER_EMAIL, { next: '/expo/meetings' });
  await page.waitForURL((url) => url.pathname === '/expo/meetings');
  await waitForSpinnersGone(page);
  const exhibitor = await getJson(page, `/api/expo/exhibitors/${state.expo.ningbo.supplierOrganisationId}`);
  const booth = exhibitor.booths[0];
  assert.ok(booth, 'Ningbo has a booth at the expo');
  await page.getByTestId('meetings-new').click();
  await page.getByTestId('meeting-request-form').waitFor();
  await pickOption(page, 'meeting-counterpart', exhibitor.displayNameEn, 'Mingliang');
  await page.getByTestId('meeting-mode').getByText(en('expoMeetings.modes.booth')).click();
  await pickOption(page, 'meeting-booth', booth.code);
  // The expo's first day, 10:00 in Kuala Lumpur (also 10:00 in Hangzhou).
  await page.getByTestId('meeting-slot-start-0').fill(`${booth.startsOn}T10:00`);
  await page.getByTestId('meeting-agenda').fill('Samples of the LED panels at the booth.');
  const requested = waitForApi(page, 'POST', MEETINGS_PATH);
  await page.getByTestId('meeting-request-submit').click();
  const response = await requested;
  assert.equal(response.status(), 201, `the appointment is requested: ${await response.text()}`);
  const meeting = await response.json();
  assert.equal(meeting.mode, 'booth', 'a booth appointment');
  assert.equal(meeting.booth.code, booth.code, 'at the Ningbo booth');
  assert.equal(meeting.slots[0].startsAt, new Date(`${booth.startsOn}T10:00:00+08:00`).toISOString());
  await page.waitForURL((url) => url.pathname === `/expo/meetings/${meeting.id}`);
  await expectText(page.getByTestId('meeting-status'), en('expoMeetings.status.requested'), 'requested');
  await assertNoHorizontalOverflow(page, 'the booth appointment at 1280 px');
};

// The expo pages, each with the test id that shows it has loaded. They are visited at 1280 px and
// on a phone by journeys of their own rather than inside the layout journeys, which would then
// risk the 60 s limit of one journey.
export const EXPO_PAGES = [
  { name: 'expo-hall', path: '/expo', ready: 'expo-hall-page' },
  { name: 'expo-booth', path: '/expo/booth', ready: 'expo-booth-page' },
  { name: 'expo-services-trade', path: '/expo/services-trade', ready: 'svc-table' },
  { name: 'expo-technology-contracts', path: '/expo/technology-contracts', ready: 'tec-table' },
  { name: 'expo-meetings', path: '/expo/meetings', ready: 'meetings-week' },
  { name: 'expo-requirements', path: '/expo/requirements', ready: 'mm-requirements-page' },
  { name: 'expo-leads', path: '/expo/leads', ready: 'mm-leads-page' },
  { name: 'expo-trends', path: '/expo/trends', ready: 'mm-trends-page' },
  { name: 'expo-ip', path: '/expo/ip', ready: 'ip-registry-page' },
];

/** Visits the expo pages by address: each loads and fits the width. */
export const visitExpoPages = async (page, scope, label) => {
  for (const entry of EXPO_PAGES) {
    await page.goto(entry.path);
    await page.getByTestId(entry.ready).first().waitFor();
    await waitForSpinnersGone(page);
    await assertNoHorizontalOverflow(page, `${label} ${entry.name}`);
    await scope.screenshot(page, `${label}-${entry.name}.png`);
  }
};

/** Step 5: on her phone, in English (her saved language), the buyer's calendar, the meeting and the order fit the width. */
export const expoMeetingOnAPhone = async ({ scope, repoRoot, state }) => {
  assert.ok(state.expo?.orderId, 'step 4 drafted the order');
  const en = translator(repoRoot, 'en');
  const page = await scope.newPage({
    locale: 'en',
    viewport: PHONE,
    isMobile: true,
    timezoneId: KUALA_LUMPUR,
  });
  await logIn(page, EXPO_BUYER_EMAIL, { next: '/expo/meetings' });
  await page.waitForURL((url) => url.pathname === '/expo/meetings');
  await waitForSpinnersGone(page);
  await expectText(
    page.locator('.page-header-title').first(),
    en('expoMeetings.title'),
    'the calendar in her language',
  );
  await assertNoHorizontalOverflow(page, 'phone calendar');
  await scope.screenshot(page, 'expo-calendar-en-phone.png');
  await page.goto(`/expo/meetings/${state.expo.meetingId}`);
  await page.getByTestId('meeting-status').waitFor();
  await waitForSpinnersGone(page);
  // The meeting links the order it became.
  await expectText(page.getByTestId('meeting-order-link'), en('expoMeetings.openOrder'), 'the order link');
  await assertNoHorizontalOverflow(page, 'phone meeting page');
  await page.getByTestId('meeting-order-link').click();
  await page.waitForURL((url) => url.pathname === `/orders/${state.expo.orderId}`);
  await page.getByTestId('order-reference').waitFor();
  await waitForSpinnersGone(page);
  await assertNoHorizontalOverflow(page, 'phone order page');
};

/** The expo pages on a phone, in Chinese, for the Hamburg importer (a party with no showcase). */
export const expoPagesOnAPhone = async ({ scope, demo }) => {
  const page = await scope.newPage({
    locale: 'zh-CN',
    viewport: PHONE,
    isMobile: true,
    timezoneId: 'Europe/Berlin',
  });
  await logIn(page, demo.jonas.email);
  await visitExpoPages(page, scope, 'phone');
};

/** The expo pages at 1280 px, in English. */
export const expoPagesAtDesktopWidth = async ({ scope, demo }) => {
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Europe/Berlin' });
  await logIn(page, demo.jonas.email);
  await visitExpoPages(page, scope, 'desktop');
};
