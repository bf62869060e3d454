#!/usr/bin/env node
// Browser journeys of tradehub: starts the real hub on a fresh PGlite data directory, drives
// Debian's Chromium through playwright-core, and prints one line per journey and a closing
// `e2e: N passed, M failed` that .ci/run reads. Run with `npm run e2e` (builds the web app first).
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  customsBuyerSeesOwnQuota,
  customsOfficerRevealsOnAPhone,
  customsPlatformUploadsADay,
} from './journeys/customs.mjs';
import { customsBondedStockFalls } from './journeys/customs-bonded.mjs';
import { customsExportUploadReleaseSummarise } from './journeys/customs-export.mjs';
import {
  eblBankEndorsesAndTransfers,
  eblBuyerSurrendersCarrierAccepts,
  eblChainDownloadsAndVerifies,
  eblShipperTransfersToBank,
} from './journeys/ebl.mjs';
import {
  expoBuyerAsksNingboForMeeting,
  expoBuyerBooksBoothAppointment,
  expoBuyerPostsRequirementSeesMatches,
  expoBuyerTurnsMeetingIntoDraftOrder,
  expoMeetingOnAPhone,
  expoPagesAtDesktopWidth,
  expoPagesOnAPhone,
  expoSupplierConfirmsMeeting,
} from './journeys/expo.mjs';
import { expoCatalogueHallAndBooth } from './journeys/expo-catalogue.mjs';
import { expoIpLicenseeAcceptsLicence, expoIpOwnerPreparesDisputeOnAPhone } from './journeys/expo-ip.mjs';
import { expoSearchFromTheHall } from './journeys/expo-search.mjs';
import {
  expoServicesTradeCommerceAndPhone,
  expoServicesTradeRecordsAndRegisters,
} from './journeys/expo-services-trade.mjs';
import {
  financeCreditClaimPaidOut,
  financeCreditInsuranceLimitAndDeclaration,
  financeCreditSnapshotSharedWithBank,
} from './journeys/finance-credit.mjs';
import { crossOrganisationIsolation } from './journeys/isolation.mjs';
import { loginInChinese, switchToEnglish } from './journeys/language.mjs';
import { desktopLayout, phoneSizedScreen } from './journeys/layout.mjs';
import {
  logisticsExporterSeesMapAndDelay,
  logisticsForwarderConfirmsBooking,
  logisticsHamburgReturnRestocked,
} from './journeys/logistics.mjs';
import {
  ordersBuyerVerifiesInvoice,
  ordersForwarderSeesOnlyShared,
  ordersImportUbl,
  ordersIssueAndShare,
  ordersNegotiate,
  ordersOnAPhone,
} from './journeys/orders.mjs';
import { auditTrailShowsChanges, createApiKey, editOrganisationProfile } from './journeys/organisation.mjs';
import {
  escrowBuyerFundsExporterPaidOnDelivery,
  financeExporterFinancesInvoiceAtBank,
  financeSecondBankRefusedByRegistry,
  paymentsBankLedgerOnAPhone,
  paymentsOutboundOverRails,
  paymentsRegistryDuplicateFinancing,
} from './journeys/payments.mjs';
import { statsCommerceDrillsInto9710, statsEnglishPhoneAndExporterKeptOut } from './journeys/stats.mjs';
import { statsIndexCommerceOpensPublishedIndex, statsIndexPublicOnAPhone } from './journeys/stats-index.mjs';
import { statsPolicyBoardOnAPhone, statsPolicyBoardOverdueAddTask } from './journeys/stats-policy.mjs';
import { statsReportingErrorFixedAccepted } from './journeys/stats-reporting.mjs';
import { issueDownloadVerifyTamper, logProvesEntryKeyRotatedAndRevoked } from './journeys/trust.mjs';
import { DEMO_PASSWORD, launchBrowser, openScope } from './support/browser.mjs';
import { startHub, stopHub } from './support/hub.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
const artifactsDir = join(here, 'artifacts');

// In order: the audit journey checks what the profile and API key journeys changed.
const JOURNEYS = [
  ['login in Chinese', loginInChinese],
  ['switch to English', switchToEnglish],
  ['edit the organisation profile', editOrganisationProfile],
  ['create an API key', createApiKey],
  ['audit trail shows the changes', auditTrailShowsChanges],
  ['phone-sized screen', phoneSizedScreen],
  ['1280 px layout', desktopLayout],
  ['cross-organisation isolation in the browser', crossOrganisationIsolation],
  // In order: the second continues with the document the first issued (state.trust).
  ['issue a document, download it, verify it, tamper with it', issueDownloadVerifyTamper],
  [
    'the log explorer proves the document; its signing key is rotated and revoked, it still verifies',
    logProvesEntryKeyRotatedAndRevoked,
  ],
  // In order: each orders step continues with what the one before made (state.orders).
  ['orders: exporter offers, buyer counters, exporter accepts', ordersNegotiate],
  ['orders: exporter issues invoice and packing list, shares with the forwarder', ordersIssueAndShare],
  ['orders: the forwarder sees the shared order and nothing else', ordersForwarderSeesOnlyShared],
  ['orders: buyer downloads the invoice PDF, it verifies, a modified one fails', ordersBuyerVerifiesInvoice],
  ['orders: order and eBL pages on a phone and at 1280 px', ordersOnAPhone],
  ['orders: exporter imports the OASIS UBL Order example, completing what it lacks', ordersImportUbl],
  // In order: each eBL step continues with the record the one before moved (state.ebl).
  ['ebl: carrier issues to the shipper, shipper transfers to the bank', eblShipperTransfersToBank],
  ['ebl: bank endorses and transfers to the buyer, a stale tab gets 409', eblBankEndorsesAndTransfers],
  ['ebl: buyer surrenders, carrier accepts, timeline in order', eblBuyerSurrendersCarrierAccepts],
  ['ebl: chain JSON downloads, tradehub-verify names the carrier, phone fits', eblChainDownloadsAndVerifies],
  // In order: customs finds the parcel the platform's upload failed (state.customs).
  ['customs: platform uploads a day, board fills, a failed parcel shows why', customsPlatformUploadsADay],
  [
    'customs: officer reveals the buyer, releases an inspected parcel; phone-sized',
    customsOfficerRevealsOnAPhone,
  ],
  ['customs: a buyer sees their own quota on the public page', customsBuyerSeesOwnQuota],
  [
    'customs-bonded: the platform sees its bonded stock fall as 1210 lists are released; phone fits',
    customsBondedStockFalls,
  ],
  [
    'customs-export: the exporter uploads a day of export messages, they are released, the summary gets its CEB792',
    customsExportUploadReleaseSummarise,
  ],
  [
    'payments: bank checks and registers an invoice, the insurer gets exact match',
    paymentsRegistryDuplicateFinancing,
  ],
  ['payments: bank pays, reserves and posts; accounts and registry fit a phone', paymentsBankLedgerOnAPhone],
  // In order: the financing step uses the EUR accounts the escrow step opened (state.escrow).
  [
    'escrow and finance: buyer funds in EUR, confirms delivery, exporter is paid and converts to CNY',
    escrowBuyerFundsExporterPaidOnDelivery,
  ],
  [
    'escrow and finance: bank finances the invoice, the insurer is refused by the registry',
    financeExporterFinancesInvoiceAtBank,
  ],
  [
    'escrow and finance: a second bank trying to finance the same invoice is refused by the registry',
    financeSecondBankRefusedByRegistry,
  ],
  [
    'payments: rails: exporter pays over the sandbox, settled and rejected; fits a phone',
    paymentsOutboundOverRails,
  ],
  [
    'finance-credit: exporter signs a credit snapshot and shares it with the bank, which reads it in English',
    financeCreditSnapshotSharedWithBank,
  ],
  [
    'finance-credit: insurer issues a policy, approves a buyer limit, the exporter declares a shipment',
    financeCreditInsuranceLimitAndDeclaration,
  ],
  [
    'finance-credit: exporter claims an unpaid shipment with its invoice, the insurer accepts and pays',
    financeCreditClaimPaidOut,
  ],
  // In order: each logistics step continues with what the one before made (state.logistics).
  [
    "logistics: the Ningbo forwarder confirms the Yiwu exporter's booking, creating the shipment",
    logisticsForwarderConfirmsBooking,
  ],
  [
    'logistics: carrier events arrive, the exporter sees the shipment on the map and a delay; phone fits',
    logisticsExporterSeesMapAndDelay,
  ],
  [
    'logistics: a return at the Hamburg warehouse is received, inspected and restocked',
    logisticsHamburgReturnRestocked,
  ],
  [
    'expo-services: the platform records a delivery, exports the table, registers a technology export contract',
    expoServicesTradeRecordsAndRegisters,
  ],
  [
    'expo-services: the commerce department sees every contract; both pages fit a phone',
    expoServicesTradeCommerceAndPhone,
  ],
  [
    'expo-catalogue: the buyer browses the hall, a Ningbo LED product and the expo; the exporter exports its products',
    expoCatalogueHallAndBooth,
  ],
  [
    'expo-search: the buyer searches the hall for LED lights, narrows to CE, and searches 手电筒 on a phone',
    expoSearchFromTheHall,
  ],
  [
    'stats: the commerce department sees the four targets, drills into 9710 by partner, exports the table',
    statsCommerceDrillsInto9710,
  ],
  [
    'stats: the dashboard in English on a phone; an exporter is kept out',
    statsEnglishPhoneAndExporterKeptOut,
  ],
  [
    'stats-reporting: an enterprise submits a monthly report with an error, fixes it, the department accepts it',
    statsReportingErrorFixedAccepted,
  ],
  [
    'stats-index: the commerce department opens the published Zhejiang Index, its charts and the CSV',
    statsIndexCommerceOpensPublishedIndex,
  ],
  ['stats-index: the public index page on a phone, from the login page', statsIndexPublicOnAPhone],
  [
    'stats-policy: the commerce department sees the overdue task on the board, opens the measure, adds a task',
    statsPolicyBoardOverdueAddTask,
  ],
  ['stats-policy: the board and a measure on a phone', statsPolicyBoardOnAPhone],
  // In order: each expo step continues with what the one before made (state.expo).
  [
    'expo: the Kuala Lumpur buyer posts an LED requirement with CE and sees Yiwu and Ningbo matched, scores explained',
    expoBuyerPostsRequirementSeesMatches,
  ],
  ['expo: the buyer asks the Ningbo exhibitor for a meeting from its match', expoBuyerAsksNingboForMeeting],
  [
    'expo: the Ningbo supplier confirms the slot in Chinese and gets the calendar file',
    expoSupplierConfirmsMeeting,
  ],
  [
    'expo: the buyer turns the meeting into a draft order and sees the order page',
    expoBuyerTurnsMeetingIntoDraftOrder,
  ],
  ['expo: the calendar, the meeting and the order on a phone', expoMeetingOnAPhone],
  ['expo: the buyer books a booth appointment at the expo from her calendar', expoBuyerBooksBoothAppointment],
  ['expo: every expo page on a phone', expoPagesOnAPhone],
  ['expo: every expo page at 1280 px', expoPagesAtDesktopWidth],
  // In order: the owner sees the licence the importer accepted in the step before.
  [
    'expo-ip: the Hamburg importer finds the LED patent and its listing and accepts its licence',
    expoIpLicenseeAcceptsLicence,
  ],
  [
    'expo-ip: the Ningbo owner turns the marketplace alert into a dispute intake on a phone',
    expoIpOwnerPreparesDisputeOnAPhone,
  ],
];

// `E2E_JOURNEY=<part of a name>` runs only the matching journeys (while working on one of them);
// several parts separated by `|` run the journeys matching any of them.
const wanted = process.env.E2E_JOURNEY?.split('|').filter((part) => part !== '');
const SELECTED = wanted?.length
  ? JOURNEYS.filter(([name]) => wanted.some((part) => name.includes(part)))
  : JOURNEYS;

// Generous next to the ~5 s a journey takes, but a hung journey cannot stall the whole run.
const JOURNEY_TIMEOUT_MS = 60_000;

const DEMO_USERS = {
  chen: 'chen.li@yiwu-commodities.example',
  jonas: 'jonas.becker@elbe-handelshaus.example',
  carrier: 'li.qiang@zhe-euro-rail.example',
  bank: 'sun.hui@silkroad-bank.example',
  // The second bank, refused by the registry for an invoice the first one financed.
  bank2: 'lu.wen@yonggang-bank.example',
  platform: 'wang.fang@cbselect.example',
  customs: 'xu.yan@hangzhou-customs.example',
  commerce: 'lin.tao@commerce.zj.example',
};

const log = (line) => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Ids and names of the demo users' organisations, read once from the API (they are generated on
 * each fresh start), so journeys compare the UI with the server's data rather than copies of it.
 */
const loadDemoAccount = async (baseUrl, email) => {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) {
    throw new Error(`demo login ${email} answered ${response.status}: ${await response.text()}`);
  }
  const { user, memberships } = await response.json();
  const { organisation } = memberships[0];
  return {
    email,
    // The session of this API login, for checks from outside the browser.
    cookie: response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; '),
    displayName: user.displayName,
    orgId: organisation.id,
    nameZh: organisation.nameZh,
    nameEn: organisation.nameEn,
  };
};

const loadDemoAccounts = async (baseUrl) => {
  const entries = await Promise.all(
    Object.entries(DEMO_USERS).map(async ([key, email]) => [key, await loadDemoAccount(baseUrl, email)]),
  );
  return Object.fromEntries(entries);
};

const withTimeout = (promise, ms, what) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds(ms)}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const fileSafe = (name) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

/** Runs one journey in its own browser scope; true when it passed. */
const runJourney = async (name, journey, shared) => {
  const started = Date.now();
  const scope = openScope({ browser: shared.browser, baseUrl: shared.baseUrl, artifactsDir });
  try {
    await withTimeout(journey({ ...shared, scope }), JOURNEY_TIMEOUT_MS, name);
    scope.assertClean();
    log(`ok   ${name} (${seconds(Date.now() - started)})`);
    for (const note of scope.notes) {
      log(`     note: ${note}`);
    }
    return true;
  } catch (error) {
    log(`FAIL ${name} (${seconds(Date.now() - started)})`);
    log(`     ${String(error?.stack ?? error).replaceAll('\n', '\n     ')}`);
    // A script error in the page is often the cause of the failed step, so it is shown too.
    for (const problem of scope.problems) {
      log(`     also: ${problem}`);
    }
    const page = scope.lastPage;
    if (page && !page.isClosed()) {
      const file = `FAILED-${fileSafe(name)}.png`;
      await page
        .screenshot({ path: join(artifactsDir, file), fullPage: true, timeout: 5_000 })
        .then(() => log(`     screenshot: e2e/artifacts/${file}`))
        .catch((shotError) => log(`     (no screenshot: ${shotError.message})`));
    }
    return false;
  } finally {
    await scope.close();
  }
};

let runningHub;

// Interrupted (Ctrl+C, CI cancelling): the hub must not outlive the runner.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    runningHub?.child.kill('SIGTERM');
    process.exit(130);
  });
}

const runAll = async () => {
  let hub;
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    hub = await startHub({ repoRoot, log });
    runningHub = hub;
    const demo = await loadDemoAccounts(hub.baseUrl);
    browser = await launchBrowser();
    const shared = { browser, baseUrl: hub.baseUrl, repoRoot, artifactsDir, demo, state: {} };
    for (const [name, journey] of SELECTED) {
      if (await runJourney(name, journey, shared)) {
        passed += 1;
      } else {
        failed += 1;
      }
    }
  } catch (error) {
    // Without a hub or a browser no journey could run; each one counts as failed so the CI totals
    // show the breakage.
    log(`e2e setup failed: ${String(error?.stack ?? error)}`);
    failed = SELECTED.length - passed;
  } finally {
    await browser?.close().catch((error) => log(`closing Chromium: ${error.message}`));
    await stopHub(hub, { logFile: join(artifactsDir, 'hub.log') }).catch((error) =>
      log(`stopping the hub: ${error.message}`),
    );
  }
  return { passed, failed };
};

const main = async () => {
  const started = Date.now();
  // Stale screenshots from an earlier run (a FAILED-… that no longer fails) would mislead.
  await rm(artifactsDir, { recursive: true, force: true });
  await mkdir(artifactsDir, { recursive: true });
  const { passed, failed } = await runAll();
  log(`took ${seconds(Date.now() - started)}; screenshots in e2e/artifacts/`);
  log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
};

process.exit(await main());
