// The trust layer end to end: an owner issues a document in the web app, waits until the log
// anchors it, and downloads its verification bundle and PDF; a stranger without an account checks
// both on the public /verify page (VALID, every check passed), changes one character of the bundle
// (INVALID, the integrity or signature check named), and opens the QR verification link (VALID).
// The verify page is rendered once in Chinese and once in English, and fits a 375 px phone. The
// log explorer proves the document's entry in the browser, and the keys page shows the DID that
// signed it.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertNoHorizontalOverflow,
  fetchInPage,
  logIn,
  pickOption,
  waitForApi,
  waitForMotionDone,
  waitForSpinnersGone,
} from '../support/browser.mjs';
import { eventually, expectText } from '../support/expect.mjs';
import { translator } from '../support/i18n.mjs';
import { DESKTOP } from './language.mjs';

const PHONE = { width: 375, height: 812 };

// Every check of a tradehub bundle; VALID means each of them passed (web/src/components/verify).
const CHECKS = [
  'integrity',
  'signature',
  'issuer_key',
  'issuer_identity',
  'log_inclusion',
  'checkpoint',
  'witnesses',
  'status',
];

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

const json = (text, label) => {
  try {
    return JSON.parse(text);
  } catch {
    assert.fail(`${label} is not JSON: ${text.slice(0, 200)}`);
  }
};

/**
 * Issues a commercial invoice through the web's issue form (web/src/pages/documents-new-page.tsx)
 * and returns the new document's id from the detail page it opens.
 */
const issueInvoiceInTheBrowser = async (page, documentNumber) => {
  await page.goto('/documents/new');
  await page.getByTestId('document-issue-form').waitFor();
  await page.getByTestId('document-number').fill(documentNumber);
  await page.getByTestId('invoice-seller-name').fill('Yiwu Small Commodities Import & Export Co., Ltd.');
  await page.getByTestId('invoice-buyer-name').fill('Elbe Handelshaus GmbH');
  await page.getByTestId('invoice-line-0-description').fill('Ceramic mugs, 350 ml');
  await page.getByTestId('invoice-line-0-hs-code').fill('691200');
  await page.getByTestId('invoice-line-0-quantity').fill('1200');
  await page.getByTestId('invoice-line-0-unit-price').fill('1.85');
  const issued = waitForApi(page, 'POST', /^\/api\/orgs\/[^/]+\/documents$/);
  await page.getByTestId('document-issue-submit').click();
  const response = await issued;
  assert.equal(response.status(), 201, `issuing answers 201: ${(await response.text()).slice(0, 300)}`);
  const { id } = await response.json();
  await page.waitForURL((url) => url.pathname === `/documents/${encodeURIComponent(id)}`);
  return id;
};

/** The detail page shows the document as anchored once a checkpoint covers its log entry. */
const waitUntilAnchored = (page) =>
  eventually(
    () => page.getByTestId('document-anchoring').getAttribute('data-anchored', { timeout: 500 }),
    'true',
    'the document is anchored in the log',
    45_000,
  );

/** Clicks one of the detail page's download buttons and keeps the file the browser downloads. */
const downloadFile = async (page, testId, pattern, artifactsDir) => {
  const downloaded = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const download = await downloaded;
  assert.match(download.suggestedFilename(), pattern, `${testId} downloads a ${pattern} file`);
  const path = join(artifactsDir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
};

/**
 * Changes one character of the credential's content: the last digit of the first amount-like
 * string in the subject (a price, quantity or total), as a forger would.
 */
const changeOneCharacter = (credential) => {
  const candidates = [];
  const walk = (node, path) => {
    if (typeof node === 'string' && /^\d[\d.]*$/.test(node) && path.length > 0) {
      candidates.push({ path, value: node });
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        walk(value, [...path, key]);
      }
    }
  };
  walk(credential.credentialSubject, []);
  const target = candidates.find(({ path }) => /amount|total|price/i.test(path.at(-1))) ?? candidates[0];
  assert.ok(target, 'the credential has an amount to change');
  const last = target.value.at(-1);
  const changed = `${target.value.slice(0, -1)}${last === '9' ? '8' : String(Number(last) + 1)}`;
  let parent = credential.credentialSubject;
  for (const key of target.path.slice(0, -1)) {
    parent = parent[key];
  }
  parent[target.path.at(-1)] = changed;
  return `credentialSubject.${target.path.join('.')}: ${target.value} -> ${changed}`;
};

const verdictOf = (page) => page.getByTestId('verify-verdict');

const expectVerdict = (page, verdict, label) =>
  eventually(() => verdictOf(page).getAttribute('data-verdict', { timeout: 500 }), verdict, label);

const uploadToVerify = async (page, path) => {
  await page.getByTestId('verify-dropzone').locator('input[type=file]').setInputFiles(path);
};

/**
 * Every check row passed; a failure message names the rows that did not, with their reasons. A
 * hub whose trust policy asks for no witnesses gets the verifier's SKIPPED for that one check.
 */
const expectEveryCheckPassed = async (page, label, { witnessesRequired }) => {
  const passed = (entry) => {
    const [name, verdict, reason] = entry.split(':');
    return (
      verdict === 'OK' || (name === 'witnesses' && !witnessesRequired && reason === 'no_witnesses_required')
    );
  };
  const rows = await eventually(
    () =>
      page.evaluate(
        (names) =>
          names.map((name) => {
            const row = document.querySelector(`[data-testid="verify-check-${name}"]`);
            return `${name}:${row?.getAttribute('data-verdict') ?? 'missing'}:${row?.getAttribute('data-reason') ?? ''}`;
          }),
        CHECKS,
      ),
    (list) => list.every(passed),
    `${label}: every check passed`,
  );
  return rows;
};

const resetVerifyPage = async (page) => {
  await page.getByTestId('verify-again').click();
  await page.getByTestId('verify-dropzone').waitFor();
};

export const issueDownloadVerifyTamper = async ({ scope, repoRoot, demo, artifactsDir, state }) => {
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const orgId = demo.chen.orgId;

  // 1. chen.li issues an invoice in the web app and downloads its bundle once the log anchored it.
  const owner = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(owner, demo.chen.email);
  const documentNumber = `E2E-INV-${stamp()}`;
  const documentId = await issueInvoiceInTheBrowser(owner, documentNumber);
  await waitUntilAnchored(owner);
  const bundlePath = await downloadFile(owner, 'document-download-bundle', /\.tradehub\.json$/, artifactsDir);
  const pdfPath = await downloadFile(owner, 'document-download-pdf', /\.pdf$/, artifactsDir);
  const bundle = json(await readFile(bundlePath, 'utf8'), 'downloaded bundle');
  assert.equal(bundle.type, 'tradehub-bundle/v1', 'the download is a tradehub bundle');
  assert.equal(
    bundle.credential.credentialSubject.documentNumber,
    documentNumber,
    'the bundle is of this document',
  );
  const verificationUrl = (await owner.getByTestId('document-verification-url').textContent()).trim();
  const detail = json(
    (await fetchInPage(owner, `/api/orgs/${orgId}/documents/${documentId}`)).text,
    'document',
  );

  // 2. A stranger (no session, Chinese browser) verifies the downloaded file: VALID.
  const stranger = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await stranger.goto('/verify');
  const policy = await fetchInPage(stranger, '/log/trust-policy', {
    headers: { accept: 'application/json' },
  });
  assert.ok(
    policy.status === 200 && policy.contentType.includes('json'),
    `the hub publishes its trust policy at GET /log/trust-policy (answered ${policy.status} ${policy.contentType})`,
  );
  const witnessesRequired = (json(policy.text, 'trust policy').witnesses?.quorum ?? 0) > 0;
  if (!witnessesRequired) {
    scope.note("the hub's trust policy requires no witness cosignatures, so the witnesses check is SKIPPED");
  }
  await expectText(stranger.getByTestId('verify-title'), zh('verify.title'), 'Chinese verify page title');
  await uploadToVerify(stranger, bundlePath);
  await expectVerdict(stranger, 'VALID', 'the downloaded bundle verifies');
  await expectText(
    stranger.getByTestId('verify-verdict-title'),
    zh('verify.verdict.VALID.title'),
    'Chinese verdict',
  );
  await expectEveryCheckPassed(stranger, 'downloaded bundle', { witnessesRequired });
  await expectText(stranger.getByTestId('verify-document-number'), documentNumber, 'document number shown');
  const session = await fetchInPage(stranger, '/api/me');
  assert.equal(session.status, 401, 'the verifying browser has no session');
  await waitForSpinnersGone(stranger);
  await scope.screenshot(stranger, 'verify-valid-zh-1280.png');

  // The printable PDF carries the same bundle as an attachment, found and checked in the browser.
  await resetVerifyPage(stranger);
  await uploadToVerify(stranger, pdfPath);
  await expectVerdict(stranger, 'VALID', 'the downloaded PDF verifies');
  await expectEveryCheckPassed(stranger, 'downloaded PDF', { witnessesRequired });

  // 3. One character of an amount changed: INVALID, and the failed check is named.
  const tampered = structuredClone(bundle);
  const change = changeOneCharacter(tampered.credential);
  const tamperedPath = join(artifactsDir, `${documentNumber}-tampered.tradehub.json`);
  await writeFile(tamperedPath, JSON.stringify(tampered, null, 2));
  await resetVerifyPage(stranger);
  await uploadToVerify(stranger, tamperedPath);
  await expectVerdict(stranger, 'INVALID', 'the changed bundle fails');
  const failed = await stranger.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="verify-check-"][data-verdict="INVALID"]')].map((row) =>
      row.getAttribute('data-testid'),
    ),
  );
  assert.ok(
    failed.includes('verify-check-integrity') || failed.includes('verify-check-signature'),
    `after ${change}, the integrity or signature check fails (failed: ${failed.join(', ')})`,
  );
  await expectText(
    stranger.getByTestId('verify-verdict-title'),
    zh('verify.verdict.INVALID.title'),
    'invalid verdict',
  );
  await scope.screenshot(stranger, 'verify-invalid-zh-1280.png');

  // 4. The QR verification link, in an English browser without a session: VALID.
  const link = new URL(verificationUrl);
  assert.equal(link.pathname, '/verify', 'the verification link opens the verify page');
  const viaLink = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Europe/Berlin' });
  await viaLink.goto(`${link.pathname}${link.search}`);
  await expectVerdict(viaLink, 'VALID', 'the verification link verifies');
  await expectText(
    viaLink.getByTestId('verify-verdict-title'),
    en('verify.verdict.VALID.title'),
    'English verdict',
  );
  await expectEveryCheckPassed(viaLink, 'verification link', { witnessesRequired });

  // 5. On a 375 px phone, a checked document (long hashes, DIDs) fits the width.
  const phone = await scope.newPage({
    locale: 'en',
    viewport: PHONE,
    isMobile: true,
    timezoneId: 'Europe/Berlin',
  });
  await phone.goto('/verify');
  await expectText(phone.getByTestId('verify-title'), en('verify.title'), 'English verify page title');
  await assertNoHorizontalOverflow(phone, 'phone verify page');
  await uploadToVerify(phone, bundlePath);
  await expectVerdict(phone, 'VALID', 'the bundle verifies on the phone');
  await assertNoHorizontalOverflow(phone, 'phone verify page with a result');
  await scope.screenshot(phone, 'verify-phone-375.png');
  state.trust = { bundle, detail, verificationUrl, witnessesRequired };
};

/**
 * Continues with the document the journey above issued (state.trust): its log entry, and the
 * rotation and revocation of the key that signed it. Two journeys, so that each finishes well
 * within the per-journey time on a loaded CI machine.
 */
export const logProvesEntryKeyRotatedAndRevoked = async ({ scope, repoRoot, demo, state }) => {
  assert.ok(state.trust, 'the document of the journey "issue a document, download it, verify it" exists');
  const { bundle, detail, verificationUrl, witnessesRequired } = state.trust;
  const zh = translator(repoRoot, 'zh-CN');
  const en = translator(repoRoot, 'en');
  const orgId = demo.chen.orgId;
  const owner = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(owner, demo.chen.email);
  const link = new URL(verificationUrl);
  const viaLink = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: 'Europe/Berlin' });
  await viaLink.goto(`${link.pathname}${link.search}`);
  await expectVerdict(viaLink, 'VALID', 'the verification link verifies');

  // 6. The log explorer proves the document's entry in the browser; the keys page shows its DID.
  const logIndex = detail.log?.index;
  assert.equal(typeof logIndex, 'number', 'the anchored document has a log index');
  await owner.goto(`/log?entry=${logIndex}`);
  await eventually(
    () => owner.getByTestId('log-proof-verdict').getAttribute('data-verdict', { timeout: 500 }),
    'OK',
    'the inclusion proof verifies in the log explorer',
  );
  await eventually(
    () => owner.getByTestId('log-entry-doc-hash').textContent({ timeout: 500 }),
    (text) => text.trim() === detail.docHash,
    "the entry's document hash is the document's",
  );
  await scope.screenshot(owner, 'log-explorer-1280.png');
  await owner.goto('/org/keys');
  await expectText(
    owner.getByTestId('keys-did'),
    bundle.credential.issuer.id,
    'the DID that issued the document',
  );
  await waitForSpinnersGone(owner);
  await scope.screenshot(owner, 'keys-1280.png');

  // 7. The owner rotates the key that signed the document, then revokes it as superseded: the
  // document, signed before either, still verifies through its link.
  const signingKeyId = bundle.credential.proof.verificationMethod.split('#')[1];
  const lang = await owner.evaluate(() => document.documentElement.lang);
  const t = lang === 'en' ? en : zh;
  // The verify page opened since is in front, and a page behind gets no animation frames: its
  // confirmation would never finish opening, and a click on it confirmed nothing (CI, once).
  await owner.bringToFront();
  await owner.getByTestId('keys-rotate').click();
  await waitForMotionDone(owner, { timeout: 5_000 }).catch(() => {});
  const rotated = waitForApi(owner, 'POST', `/api/orgs/${orgId}/keys/rotate`);
  await owner.getByTestId('keys-rotate-confirm').click();
  assert.equal((await rotated).status(), 201, 'rotating the key answers 201');
  await expectText(
    owner.getByTestId(`key-status-${signingKeyId}`),
    t('keys.status.retired'),
    'the old key is retired',
  );
  await owner.getByTestId(`key-revoke-${signingKeyId}`).click();
  await pickOption(owner, 'key-revoke-reason', t('keys.reasons.superseded'));
  const revoked = waitForApi(owner, 'POST', `/api/orgs/${orgId}/keys/${signingKeyId}/revoke`);
  await owner.getByTestId('key-revoke-submit').click();
  assert.equal((await revoked).status(), 200, 'revoking the key answers 200');
  await expectText(
    owner.getByTestId(`key-status-${signingKeyId}`),
    t('keys.status.revoked'),
    'the old key is revoked',
  );
  await viaLink.reload();
  await expectVerdict(viaLink, 'VALID', 'a document signed before its key was revoked still verifies');
  await expectEveryCheckPassed(viaLink, 'after the revocation', { witnessesRequired });

  // 8. The signed-in trust pages fit a phone too (jonas.becker, English).
  const phoneOwner = await scope.newPage({
    locale: 'en',
    viewport: PHONE,
    isMobile: true,
    timezoneId: 'Europe/Berlin',
  });
  await logIn(phoneOwner, demo.jonas.email, { next: '/org/keys' });
  await phoneOwner.getByTestId('keys-table').locator('tr.ant-table-row').first().waitFor();
  await waitForSpinnersGone(phoneOwner);
  await assertNoHorizontalOverflow(phoneOwner, 'phone keys page');
  await phoneOwner.goto(`/log?entry=${logIndex}`);
  await eventually(
    () => phoneOwner.getByTestId('log-proof-verdict').getAttribute('data-verdict', { timeout: 500 }),
    'OK',
    'the inclusion proof verifies on the phone',
  );
  await waitForSpinnersGone(phoneOwner);
  await assertNoHorizontalOverflow(phoneOwner, 'phone log explorer');
  await scope.screenshot(phoneOwner, 'log-explorer-phone-375.png');
};
