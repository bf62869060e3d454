// An owner's work on their own organisation: edit the profile, create an API key, and find both
// in the audit trail and its CSV export. The audit journey reads what the first two recorded in
// `state`, so it checks these exact changes rather than any similar row.
import assert from 'node:assert/strict';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logIn, waitForApi, waitForSpinnersGone } from '../support/browser.mjs';
import { eventually, expectCount, expectText, expectValue } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const INVALID_USCC = '91350100M000100Y44';
const VALID_USCC = '91350100M000100Y43';

/** chen.li's page; the UI language is whatever the server has saved for her, read from <html lang>. */
const chenPage = async ({ scope, repoRoot, demo }, path) => {
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(page, demo.chen.email, { next: path });
  await page.waitForURL((url) => url.pathname === path);
  const lang = await page.evaluate(() => document.documentElement.lang);
  return { page, t: translator(repoRoot, lang === 'en' ? 'en' : 'zh-CN') };
};

/** Records every write the page sends to the organisation, to prove validation kept one back. */
const recordPatches = (page, orgId) => {
  const patches = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && new URL(request.url()).pathname === `/api/orgs/${orgId}`) {
      patches.push(request);
    }
  });
  return patches;
};

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

export const editOrganisationProfile = async (context) => {
  const { demo, state, scope } = context;
  const orgId = demo.chen.orgId;
  const { page, t } = await chenPage(context, '/org/profile');
  const patches = recordPatches(page, orgId);
  const uscc = page.getByTestId('profile-uscc');
  const usccItem = page.locator('.ant-form-item', { has: uscc });
  const usccError = usccItem.locator('.ant-form-item-explain-error');
  await expectValue(page.getByTestId('profile-name-en'), demo.chen.nameEn, 'English name loaded');

  // Wrong check character: the error shows while typing, and saving sends nothing.
  await uscc.fill(INVALID_USCC);
  await expectText(usccError, t('fieldErrors.kernel.invalid_check_digit'), 'live USCC error');
  assert.equal(patches.length, 0, 'nothing was sent while typing');
  await page.getByTestId('profile-save').click();
  await expectText(usccError, t('fieldErrors.kernel.invalid_check_digit'), 'USCC error after save attempt');
  assert.equal(patches.length, 0, 'an invalid form is not sent');

  await uscc.fill(VALID_USCC);
  await eventually(() => usccError.count(), 0, 'USCC error gone once the code is valid');
  const nameEn = `Yiwu Small Commodities Import & Export Co., Ltd. (e2e ${stamp()})`;
  await page.getByTestId('profile-name-en').fill(nameEn);

  const saved = waitForApi(page, 'PATCH', `/api/orgs/${orgId}`);
  await page.getByTestId('profile-save').click();
  const response = await saved;
  assert.equal(response.status(), 200, 'saving the profile answers 200');
  const body = await response.json();
  assert.equal(body.nameEn, nameEn, 'the server stored the new English name');
  assert.equal(body.uscc, VALID_USCC, 'the server stored the corrected USCC');
  await page.locator('.ant-message-notice').getByText(t('profile.saved'), { exact: true }).waitFor();

  await page.reload();
  await expectValue(page.getByTestId('profile-name-en'), nameEn, 'English name after reload');
  await expectValue(uscc, VALID_USCC, 'USCC after reload');
  await waitForSpinnersGone(page);
  await scope.screenshot(page, 'profile-1280.png');
  state.profile = { nameEn, uscc: VALID_USCC };
};

/** What a person sees: rendered text and the values of visible form fields. */
const visibleOnPage = (page) =>
  page.evaluate(() => {
    // Ant Design's auto-sizing textarea measures text in an off-screen `visibility: hidden` clone.
    const fields = [...document.querySelectorAll('input, textarea')].filter((field) =>
      field.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: rendered text, without hidden nodes, on purpose
    return [document.body.innerText, ...fields.map((field) => field.value)].join('\n');
  });

/** Hidden form fields that still hold `text`, described for a report. */
const hiddenCopies = (page, text) =>
  page.evaluate(
    (text) =>
      [...document.querySelectorAll('input, textarea')]
        .filter((field) => field.value.includes(text))
        .map((field) =>
          field.closest('.ant-modal-wrap')
            ? `<${field.localName} data-testid="${field.dataset.testid}"> in a closed modal`
            : `<${field.localName} name="${field.name}"> under <${field.parentElement?.localName}>`,
        ),
    text,
  );

/** Whether `text` is anywhere in the document, shown or hidden, markup or field value. */
const inDocument = (page, text) =>
  page.evaluate(
    (text) =>
      document.documentElement.outerHTML.includes(text) ||
      [...document.querySelectorAll('input, textarea')].some((field) => field.value.includes(text)),
    text,
  );

const fetchOrg = (baseUrl, orgId, secret) =>
  fetch(`${baseUrl}/api/orgs/${orgId}`, {
    headers: { accept: 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    signal: AbortSignal.timeout(10_000),
  });

export const createApiKey = async (context) => {
  const { demo, state, scope, baseUrl } = context;
  const orgId = demo.chen.orgId;
  const { page } = await chenPage(context, '/org/api-keys');
  await page.getByTestId('api-keys-table').waitFor();

  const name = `e2e read key ${stamp()}`;
  await page.getByTestId('api-key-create').click();
  await page.getByTestId('api-key-name').fill(name);
  // Read is the default scope; the journey makes sure of it rather than relying on it.
  const read = page.getByTestId('api-key-scope-read');
  const write = page.getByTestId('api-key-scope-write');
  await read.check();
  await write.uncheck();

  const created = waitForApi(page, 'POST', `/api/orgs/${orgId}/api-keys`);
  await page.getByTestId('api-key-create-submit').click();
  const response = await created;
  assert.equal(response.status(), 201, 'creating the key answers 201');
  const { apiKey } = await response.json();
  assert.deepEqual(apiKey.scopes, ['read'], 'the key has only the read scope');

  const secretField = page.getByTestId('api-key-secret');
  const secret = await eventually(() => secretField.inputValue(), /^thk_\S+$/, 'secret shown once');
  assert.ok(secret.startsWith(apiKey.prefix), 'the secret starts with the listed prefix');
  // The create dialog closes as the secret dialog opens; the screenshot wants only the latter.
  await page.getByTestId('api-key-create-submit').waitFor({ state: 'detached' });
  await secretField.waitFor({ state: 'visible' });
  await scope.screenshot(page, 'api-key-secret-1280.png', { fullPage: false });

  await page.getByTestId('api-key-secret-done').click();
  await secretField.waitFor({ state: 'hidden' });
  const row = page.getByTestId('api-keys-table').locator('tr.ant-table-row').filter({ hasText: name });
  await expectCount(row, 1, 'the new key is listed');
  const rowText = await row.textContent();
  assert.ok(rowText.includes(apiKey.prefix), 'the listed key shows its prefix');
  // `thk_<key id>_<secret>` (server/src/modules/identity/service/secrets.ts); the part after the
  // key id is what must never show again. It may itself contain "_", hence the fixed-length id.
  const secretPart = secret.match(/^thk_[0-9a-z]{26}_(.+)$/)?.[1];
  assert.ok(secretPart && secretPart.length >= 40, 'the secret has the documented shape');
  const shown = await visibleOnPage(page);
  assert.ok(!shown.includes(secretPart), 'the page no longer shows the secret');
  const leftovers = await hiddenCopies(page, secretPart);
  if (leftovers.length > 0) {
    // Ant Design keeps a closed Modal's last content, and its auto-sizing textarea leaves the last
    // measured text in a hidden clone. Not on screen, so noted for the lead rather than failed.
    scope.note(`the secret stays in the DOM, hidden, after "done": ${leftovers.join('; ')}`);
  }
  await page.reload();
  await expectCount(row, 1, 'the new key is listed after reload');
  assert.ok(!(await inDocument(page, secretPart)), 'after a reload the secret is nowhere in the page');

  // The key works from outside the browser, for its own organisation only.
  assert.equal((await fetchOrg(baseUrl, orgId, secret)).status, 200, 'GET own organisation with the key');
  assert.equal((await fetchOrg(baseUrl, orgId)).status, 401, 'GET without credentials');
  assert.equal(
    (await fetchOrg(baseUrl, demo.jonas.orgId, secret)).status,
    404,
    'GET another organisation with the key',
  );
  state.apiKey = { id: apiKey.id, name, prefix: apiKey.prefix };
};

/** The audit table row for one action on one object. */
const auditRow = (page, action, objectId) =>
  page
    .getByTestId('audit-table')
    .locator('tr.ant-table-row')
    .filter({ has: page.locator(`[data-testid="audit-action"][title="${action}"]`) })
    .filter({ hasText: objectId });

const expectAuditRow = async (page, t, action, objectId) => {
  const row = auditRow(page, action, objectId).first();
  await expectText(row.getByTestId('audit-action'), t(`auditAction.${action}`), `${action} label`);
  await row.getByText(t('auditOutcome.success'), { exact: true }).waitFor();
};

// The export's columns in order (web/src/pages/org-audit-page.tsx), headed in the UI language.
const CSV_COLUMNS = [
  'time',
  'actorType',
  'actor',
  'actorId',
  'action',
  'actionCode',
  'objectType',
  'objectId',
  'outcome',
  'statusCode',
  'requestId',
];

const checkCsv = (bytes, t, orgId) => {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  const header = CSV_COLUMNS.map((column) => t(`audit.columns.${column}`)).join(',');
  assert.equal(lines[0], header, 'the CSV header row');
  const update = lines.find(
    (line) => line.includes(',identity.organisation.update,') && line.includes(orgId),
  );
  assert.ok(update, 'the CSV has the profile update row');
  assert.ok(update.includes(`,${t('auditAction.identity.organisation.update')},`), 'translated action');
  assert.ok(update.includes(`,${t('auditOutcome.success')},200,`), 'outcome and status');
};

export const auditTrailShowsChanges = async (context) => {
  const { demo, state, scope, artifactsDir } = context;
  assert.ok(state.profile, 'needs the profile journey to have saved a change');
  assert.ok(state.apiKey, 'needs the API key journey to have created a key');
  const { page, t } = await chenPage(context, '/org/audit');
  await expectCount(page.getByTestId('audit-table').locator('tr.ant-table-row'), 1, 'audit rows');
  await expectAuditRow(page, t, 'identity.organisation.update', demo.chen.orgId);
  await expectAuditRow(page, t, 'identity.api_key.create', state.apiKey.id);
  await waitForSpinnersGone(page);
  await scope.screenshot(page, 'audit-1280.png');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^tradehub-audit-\d{8}-\d{6}\.csv$/, 'export file name');
  const file = await download.path();
  checkCsv(await readFile(file), t, demo.chen.orgId);
  await copyFile(file, join(artifactsDir, 'audit-export.csv'));
};
