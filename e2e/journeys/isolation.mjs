// One organisation's member can neither see nor change another organisation, however they ask:
// through the UI with a doctored "current organisation", or by calling the API from the page.
import assert from 'node:assert/strict';
import { fetchInPage, logIn } from '../support/browser.mjs';
import { expectText, expectValue } from '../support/expect.mjs';
import { DESKTOP } from './language.mjs';

const ORG_STORAGE_KEY = 'tradehub.organisationId'; // web/src/lib/storage.ts

/** Fails if any of the other organisation's identifying data appears in `text`. */
const assertNoTrace = (text, other, label) => {
  for (const value of [other.orgId, other.nameZh, other.nameEn]) {
    assert.ok(!text.includes(value), `${label} does not show "${value}"`);
  }
};

const assertNotFound = async (page, path, other, init = {}) => {
  const { status, contentType, text } = await fetchInPage(page, path, init);
  const label = `${init.method ?? 'GET'} ${path}`;
  assert.equal(status, 404, `${label} answers 404`);
  assert.match(contentType, /^application\/problem\+json/, `${label} is a problem document`);
  assert.equal(JSON.parse(text).status, 404, `${label} problem status`);
  assert.ok(!text.includes(other.nameZh) && !text.includes(other.nameEn), `${label} names nothing`);
};

/** chen.li's organisation as her own session sees it, fetched outside the browser. */
const ownView = async (baseUrl, account) => {
  const response = await fetch(`${baseUrl}/api/orgs/${account.orgId}`, {
    headers: { accept: 'application/json', cookie: account.cookie },
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(response.status, 200, 'the owner still reads her organisation');
  return response.json();
};

export const crossOrganisationIsolation = async ({ scope, demo, baseUrl }) => {
  const { jonas, chen } = demo;
  const page = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Europe/Berlin' });
  await logIn(page, jonas.email);
  await expectText(page.getByTestId('welcome-org-name'), jonas.nameEn, 'own organisation');

  // The app remembers the current organisation in localStorage; pointing it at chen.li's must
  // fall back to jonas's own organisation without even asking the server for the other one.
  const asked = [];
  page.on('request', (request) => {
    if (request.url().includes(chen.orgId)) {
      asked.push(request.url());
    }
  });
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [ORG_STORAGE_KEY, chen.orgId]);
  await page.goto('/org/profile');
  await expectValue(page.getByTestId('profile-name-en'), jonas.nameEn, 'profile of the own organisation');
  await expectText(page.getByTestId('current-org'), jonas.nameEn, 'organisation in the header');
  assertNoTrace(await page.locator('body').textContent(), chen, 'the profile page');
  assert.deepEqual(asked, [], 'the UI never requested the other organisation');

  // Asked directly with jonas's session, the API answers as if the organisation did not exist.
  const base = `/api/orgs/${chen.orgId}`;
  for (const path of [base, `${base}/members`, `${base}/invitations`, `${base}/api-keys`, `${base}/audit`]) {
    await assertNotFound(page, path, chen);
  }
  const before = await ownView(baseUrl, chen);
  await assertNotFound(page, base, chen, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nameEn: 'Taken over by e2e' }),
  });
  assert.deepEqual(await ownView(baseUrl, chen), before, 'the other organisation is unchanged');
};
