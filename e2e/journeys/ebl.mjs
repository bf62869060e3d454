// The eBL journey of issue 4 in the browser: the carrier (Zhejiang China-Europe Rail Express,
// li.qiang) issues a to-order bill of lading over the API and makes it a transferable record held
// by the shipper (Yiwu, chen.li). In the web app the shipper transfers possession to the bank
// (Hangzhou Silk Road Commercial Bank, sun.hui); the bank endorses to the buyer (Elbe Handelshaus,
// jonas.becker, English) and transfers it, while a second, stale tab of the bank gets the 409
// message; the buyer surrenders for delivery and the carrier accepts. The timeline lists every
// action in order, the chain JSON downloads, and tradehub-verify names the carrier as final holder.
//
// Split into steps that run in order and pass what they made on in `state.ebl`, so each stays well
// inside the per-journey time limit and a failure names the step.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  assertNoHorizontalOverflow,
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
const BERLIN = 'Europe/Berlin';
const ACTIONS_PATH = /^\/api\/orgs\/[^/]+\/transferable-records\/[^/]+\/actions$/;
// Every test id of an action button starts with this; the dialog's confirm button is not one.
const ACTION_BUTTONS = '[data-testid^="ebl-action-"]:not([data-testid="ebl-action-confirm"])';

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

/**
 * The sea waybill of server/src/modules/documents/formats/dcsa/test-support.ts (sampleSeaWaybill)
 * made a negotiable bill of lading: type BOL, issued to order (so no consignee), one electronic
 * original. Copied because the journeys run as plain JavaScript and cannot import TypeScript.
 */
const billOfLading = (reference) => ({
  ...BILL_OF_LADING_SUBJECT,
  transportDocumentReference: reference,
});

const BILL_OF_LADING_SUBJECT = {
  transportDocumentReference: 'NGBHAM2600012',
  transportDocumentStatus: 'ISSUED',
  transportDocumentTypeCode: 'BOL',
  isShippedOnBoardType: true,
  freightPaymentTermCode: 'PRE',
  isElectronic: true,
  isToOrder: true,
  numberOfCopiesWithCharges: 1,
  displayedNameForPortOfLoad: ['Ningbo, China 宁波'],
  shippedOnBoardDate: '2026-03-02',
  termsAndConditions: 'Carriage subject to the carrier’s standard terms. 运输受承运人标准条款约束。',
  receiptTypeAtOrigin: 'CY',
  deliveryTypeAtDestination: 'CY',
  cargoMovementTypeAtOrigin: 'FCL',
  cargoMovementTypeAtDestination: 'FCL',
  issueDate: '2026-03-02',
  serviceContractReference: 'SC-2026-0042',
  declaredValue: {
    amount: '48250.5',
    currency: 'USD',
  },
  carrierCode: 'COSU',
  carrierCodeListProvider: 'NMFTA',
  carrierClauses: ["Shipper's load, stow, weight and count"],
  transports: {
    plannedDepartureDate: '2026-03-02',
    plannedArrivalDate: '2026-04-06',
    preCarriageBy: 'TRUCK',
    placeOfReceipt: {
      UNLocationCode: 'CNYIW',
      locationName: 'Yiwu',
    },
    portOfLoading: {
      UNLocationCode: 'CNNGB',
      locationName: 'Ningbo',
    },
    portOfDischarge: {
      UNLocationCode: 'DEHAM',
      locationName: 'Hamburg',
    },
    vesselVoyages: [
      {
        vesselName: 'COSCO Shipping Aries',
        carrierExportVoyageNumber: '041W',
        universalExportVoyageReference: '2603W',
      },
    ],
  },
  charges: [
    {
      chargeName: 'Basic ocean freight',
      amount: {
        amount: '2850',
        currency: 'USD',
      },
      paymentTermCode: 'PRE',
      calculationBasis: 'Per container',
      unitPrice: '1425',
      quantity: '2',
    },
  ],
  placeOfIssue: {
    locationName: 'Ningbo',
    UNLocationCode: 'CNNGB',
  },
  invoicePayableAt: {
    UNLocationCode: 'CNNGB',
  },
  partyContactDetails: [
    {
      name: 'Li Wei',
      email: 'docs@yiwu-crafts.example.cn',
    },
  ],
  documentParties: {
    shipper: {
      partyName: 'Yiwu Crafts Trading Co., Ltd.',
      address: {
        street: 'Chouzhou North Road',
        streetNumber: '1688',
        city: 'Yiwu',
        countryCode: 'CN',
      },
      identifyingCodes: [
        {
          codeListProvider: 'ZZZ',
          partyCode: '91330782MA2EXAMPLE',
          codeListName: 'USCC',
        },
      ],
      partyContactDetails: [
        {
          name: 'Li Wei',
          phone: '+86 579 8555 0100',
        },
      ],
      displayedAddress: ['1688 Chouzhou North Road', 'Yiwu, Zhejiang, China'],
    },
    issuingParty: {
      partyName: 'COSCO Shipping Lines Co., Ltd.',
      address: {
        street: 'Dongdaming Road',
        streetNumber: '378',
        city: 'Shanghai',
        countryCode: 'CN',
      },
    },
    notifyParties: [
      {
        partyName: 'Hanse Haushaltswaren GmbH',
        partyContactDetails: [
          {
            name: 'Anna Schmidt',
            email: 'import@hanse.example.de',
          },
        ],
      },
    ],
  },
  consignmentItems: [
    {
      carrierBookingReference: 'COSU6312345670',
      descriptionOfGoods: ['Ceramic tableware, porcelain', '陶瓷餐具'],
      HSCodes: ['691110'],
      shippingMarks: ['HANSE HAMBURG', 'C/NO. 1-640'],
      cargoItems: [
        {
          equipmentReference: 'CSQU3054383',
          cargoGrossWeight: {
            value: '18250.5',
            unit: 'KGM',
          },
          cargoGrossVolume: {
            value: '58.2',
            unit: 'MTQ',
          },
          outerPackaging: {
            packageCode: '4G',
            numberOfPackages: 640,
            description: 'Fibreboard boxes',
            woodDeclaration: 'NOT_APPLICABLE',
          },
        },
      ],
      references: [
        {
          type: 'CPO',
          values: ['PO-HH-2026-77'],
        },
      ],
    },
  ],
  utilizedTransportEquipments: [
    {
      equipment: {
        equipmentReference: 'CSQU3054383',
        ISOEquipmentCode: '45G1',
        tareWeight: {
          value: '3900',
          unit: 'KGM',
        },
      },
      isShipperOwned: false,
      seals: [
        {
          number: 'CN1234567',
          source: 'CAR',
        },
      ],
    },
  ],
  references: [
    {
      type: 'CR',
      value: 'ORD-2026-0042',
    },
  ],
  numberOfOriginalsWithCharges: 1,
};

/** The state the earlier steps left; a step whose predecessor failed says so instead of guessing. */
const need = (state, key) => {
  assert.ok(state.ebl?.[key], `an earlier eBL step did not finish (no ${key})`);
  return state.ebl[key];
};

/** JSON over the API with a demo user's session cookie (from Node, not from a page). */
const api = async (baseUrl, account, method, path, body) => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: account.cookie,
      accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
};

/** The translator of the language the page shows (a user's saved language wins over the browser's). */
const pageTranslator = async (page, repoRoot) =>
  translator(repoRoot, (await page.evaluate(() => document.documentElement.lang)) === 'en' ? 'en' : 'zh-CN');

const openRecord = async (page, recordId) => {
  await page.goto(`/ebl/${encodeURIComponent(recordId)}`);
  await page.getByTestId('ebl-number').waitFor();
  await waitForSpinnersGone(page);
};

const expectRecordStatus = (page, status) =>
  eventually(
    () => page.getByTestId('ebl-status').first().getAttribute('data-status', { timeout: 500 }),
    status,
    `the record shows status ${status}`,
  );

/** The holder is named in either language (the page shows the partner's name in the UI language). */
const expectHolder = (page, account) =>
  expectText(
    page.getByTestId('ebl-holder'),
    (text) => text === account.nameZh || text === account.nameEn,
    `the holder is ${account.nameEn}`,
  );

/** The action buttons the page offers, by action name. */
const offeredActions = (page) =>
  page
    .locator(ACTION_BUTTONS)
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid').replace('ebl-action-', '')));

/** Opens an action's dialog and, for a transfer or endorsement, picks the organisation. */
const prepareAction = async (page, action, target) => {
  // Several parties' pages are open at once; only the page in front gets animation frames.
  await page.bringToFront();
  await waitForMotionDone(page);
  await page.getByTestId(`ebl-action-${action}`).click();
  await page.getByTestId('ebl-action-confirm').waitFor();
  if (target) {
    await pickOption(page, 'ebl-target', target.name, target.search);
  }
};

/** Confirms the open dialog; resolves with the server's answer to the action. */
const confirmAction = async (page) => {
  // The dialog must have finished opening (and its page be in front) or the click can miss.
  await page.bringToFront();
  await waitForMotionDone(page);
  const confirm = page.getByTestId('ebl-action-confirm');
  await confirm.waitFor();
  const answered = waitForApi(page, 'POST', ACTIONS_PATH);
  await confirm.click();
  return answered;
};

/** Runs an action through its confirm dialog and expects the server to record it (201). */
const runAction = async (page, action, target) => {
  await prepareAction(page, action, target);
  const response = await confirmAction(page);
  assert.equal(response.status(), 201, `${action} answers 201: ${(await response.text()).slice(0, 300)}`);
  await page.getByTestId('ebl-action-confirm').waitFor({ state: 'detached' });
  return response.json();
};

const SILK_ROAD = { search: 'Silk', name: /Silk Road|丝路/ };
const ELBE = { search: 'Elbe', name: /Elbe|易北/ };

/** 1. The carrier issues the bill of lading to the shipper (API); the shipper transfers it to the bank (browser). */
export const eblShipperTransfersToBank = async ({ scope, repoRoot, baseUrl, demo, state }) => {
  const { carrier, chen, bank } = demo;
  const reference = `EBL${stamp().slice(2)}`;
  const issued = await api(baseUrl, carrier, 'POST', `/api/orgs/${carrier.orgId}/documents`, {
    documentType: 'BillOfLading',
    documentNumber: reference,
    subject: billOfLading(reference),
  });
  assert.equal(issued.status, 201, `the carrier issues the bill of lading: ${issued.text.slice(0, 600)}`);
  const created = await api(baseUrl, carrier, 'POST', `/api/orgs/${carrier.orgId}/transferable-records`, {
    documentId: issued.json().id,
    holderOrganisationId: chen.orgId,
  });
  assert.equal(created.status, 201, `the record is created for the shipper: ${created.text.slice(0, 600)}`);
  const record = created.json();
  assert.equal(record.holderOrganisationId, chen.orgId, 'the shipper holds the new record');
  // Before any transfer the bank is no party of the record: it does not exist for the bank.
  const hidden = await api(baseUrl, bank, 'GET', `/api/orgs/${bank.orgId}/transferable-records/${record.id}`);
  assert.equal(hidden.status, 404, 'the bank cannot read a record it is no party of');

  const shipper = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(shipper, chen.email);
  const t = await pageTranslator(shipper, repoRoot);
  await shipper.goto('/ebl');
  await shipper.getByTestId('ebl-table').waitFor();
  await waitForSpinnersGone(shipper);
  const link = shipper.getByTestId('ebl-link').filter({ hasText: reference });
  await expectCount(link, 1, 'the shipper sees the record she holds in "I hold"');
  await link.click();
  await expectText(shipper.getByTestId('ebl-number'), reference, 'the detail page shows the record');
  await expectRecordStatus(shipper, 'active');
  await expectHolder(shipper, chen);
  assert.deepEqual(
    await offeredActions(shipper),
    ['transfer_holder', 'endorse', 'blank_endorse', 'surrender_for_delivery'],
    'the holder is offered transfer, endorsement and surrender',
  );
  const moved = await runAction(shipper, 'transfer_holder', SILK_ROAD);
  assert.equal(moved.holderOrganisationId, bank.orgId, 'possession passed to the bank');
  await expectHolder(shipper, bank);
  await expectRecordStatus(shipper, 'active');
  await eventually(
    () => offeredActions(shipper),
    (list) => list.length === 0,
    'the shipper has no actions left',
  );
  await expectText(
    shipper.getByTestId('ebl-not-holder'),
    t('ebl.notHolder'),
    'the page says only the holder can act',
  );
  await scope.screenshot(shipper, 'ebl-shipper-after-transfer-1280.png');

  state.ebl = { id: record.id, reference };
};

/** 2. The bank endorses to the buyer and transfers possession; a second, stale tab gets the 409 message. */
export const eblBankEndorsesAndTransfers = async ({ scope, repoRoot, baseUrl, demo, state }) => {
  const recordId = need(state, 'id');
  const { bank, jonas, carrier } = demo;

  // The carrier follows the record but holds nothing yet: no action buttons.
  const issuer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(issuer, carrier.email);
  await openRecord(issuer, recordId);
  await expectRecordStatus(issuer, 'active');
  assert.deepEqual(
    await offeredActions(issuer),
    [],
    'the carrier, not holding the record, has no action buttons',
  );

  const tab = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(tab, bank.email);
  const t = await pageTranslator(tab, repoRoot);
  await tab.goto('/ebl');
  await tab.getByTestId('ebl-table').waitFor();
  await waitForSpinnersGone(tab);
  await expectCount(
    tab.getByTestId('ebl-link').filter({ hasText: need(state, 'reference') }),
    1,
    'the bank sees the record it now holds',
  );
  await openRecord(tab, recordId);
  // A second tab on the same state of the record. It is a second session of the same user rather
  // than a page of the same context: a background page of a context gets no animation frames in
  // headless Chromium, and on focus it would refetch; a second session is as stale as a tab can be.
  const staleTab = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(staleTab, bank.email);
  await openRecord(staleTab, recordId);

  const endorsed = await runAction(tab, 'endorse', ELBE);
  assert.equal(endorsed.endorseeOrganisationId, jonas.orgId, 'the buyer is the endorsee');
  assert.equal(endorsed.holderOrganisationId, bank.orgId, 'the bank still holds the record');

  // The stale tab still shows the head before the endorsement: its action is refused with 409.
  await prepareAction(staleTab, 'transfer_holder', ELBE);
  const refused = await confirmAction(staleTab);
  assert.equal(refused.status(), 409, 'an action from a stale head answers 409');
  assert.equal((await refused.json()).code, 'documents.title_stale_head', 'the 409 is the stale head');
  await expectText(
    staleTab.getByTestId('ebl-action-error').locator('.ant-alert-message, .ant-alert-title').first(),
    t('errors.documents.title_stale_head'),
    'the stale tab shows the translated 409 message',
  );
  await scope.screenshot(staleTab, 'ebl-stale-409-1280.png', { fullPage: false });
  await staleTab.keyboard.press('Escape');
  await staleTab.getByTestId('ebl-action-confirm').waitFor({ state: 'detached' });
  // After the 409 the page reloaded the record: it shows the endorsement the other tab made.
  await expectCount(
    staleTab.locator('[data-testid="ebl-chain-row"][data-action="endorse"]'),
    1,
    'the stale tab now shows the endorsement',
  );

  const moved = await runAction(tab, 'transfer_holder', ELBE);
  assert.equal(moved.holderOrganisationId, jonas.orgId, 'possession passed to the buyer');
  await expectHolder(tab, jonas);
  const chain = await api(baseUrl, bank, 'GET', `/api/orgs/${bank.orgId}/transferable-records/${recordId}`);
  assert.deepEqual(
    chain.json().actions.map((a) => a.action),
    ['issue', 'transfer_holder', 'endorse', 'transfer_holder'],
    'the stale transfer appended nothing',
  );
  await eventually(
    () => offeredActions(tab),
    (list) => list.length === 0,
    'the bank has no actions left',
  );
};

/** 3. The buyer surrenders for delivery (English UI); the carrier accepts; the timeline shows every action in order. */
export const eblBuyerSurrendersCarrierAccepts = async ({ scope, repoRoot, demo, state }) => {
  const recordId = need(state, 'id');
  const { jonas, carrier } = demo;
  const en = translator(repoRoot, 'en');

  const buyer = await scope.newPage({ locale: 'en', viewport: DESKTOP, timezoneId: BERLIN });
  await logIn(buyer, jonas.email);
  await openRecord(buyer, recordId);
  await expectText(buyer.locator('.page-header-title').first(), /\S/, 'the page has a heading');
  await expectText(
    buyer.getByTestId('ebl-action-surrender_for_delivery'),
    en('ebl.actions.surrender_for_delivery'),
    'the buyer sees the surrender button in English',
  );
  const surrendered = await runAction(buyer, 'surrender_for_delivery');
  assert.equal(surrendered.status, 'surrendered', 'the record is surrendered');
  assert.equal(surrendered.holderOrganisationId, carrier.orgId, 'the carrier holds the surrendered record');
  await expectRecordStatus(buyer, 'surrendered');
  assert.deepEqual(await offeredActions(buyer), [], 'after surrendering the buyer has no actions');

  const issuer = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(issuer, carrier.email);
  const t = await pageTranslator(issuer, repoRoot);
  await openRecord(issuer, recordId);
  await expectRecordStatus(issuer, 'surrendered');
  assert.deepEqual(
    await offeredActions(issuer),
    ['accept_surrender', 'reject_surrender'],
    'the carrier may accept or reject the surrender',
  );
  const accepted = await runAction(issuer, 'accept_surrender');
  assert.equal(accepted.status, 'accomplished', 'the record is accomplished');
  await expectHolder(issuer, carrier);
  await expectRecordStatus(issuer, 'accomplished');
  assert.deepEqual(await offeredActions(issuer), [], 'an accomplished record offers no action');
  await expectText(
    issuer.getByTestId('ebl-not-holder'),
    t('ebl.closed'),
    'the page says the record is closed',
  );

  const expected = [
    'issue',
    'transfer_holder',
    'endorse',
    'transfer_holder',
    'surrender_for_delivery',
    'accept_surrender',
  ];
  const rows = issuer.getByTestId('ebl-chain-row');
  await eventually(
    () => rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-action'))),
    (actions) => JSON.stringify(actions) === JSON.stringify(expected),
    `the timeline shows ${expected.join(', ')} in order`,
  );
  const texts = await rows.allTextContents();
  expected.forEach((action, i) => {
    assert.ok(
      texts[i].includes(`${i + 1}. ${t(`ebl.actions.${action}`)}`),
      `timeline row ${i + 1} is labelled ${t(`ebl.actions.${action}`)}: ${texts[i]}`,
    );
  });
  // Every organisation is named, the viewer's own included (not an id).
  const orgIds = Object.values(demo).map((account) => account.orgId);
  for (const text of texts) {
    assert.ok(
      orgIds.every((id) => !text.includes(id)),
      `a timeline row names organisations, not ids: ${text}`,
    );
  }
  await scope.screenshot(issuer, 'ebl-accomplished-1280.png');
};

const execFileAsync = promisify(execFile);

/** 4. The chain JSON downloads in the browser; tradehub-verify names the carrier as final holder; the page fits a phone. */
export const eblChainDownloadsAndVerifies = async ({
  scope,
  repoRoot,
  artifactsDir,
  baseUrl,
  demo,
  state,
}) => {
  const recordId = need(state, 'id');
  const { carrier } = demo;
  const page = await scope.newPage({ locale: 'zh-CN', viewport: DESKTOP });
  await logIn(page, carrier.email);
  await openRecord(page, recordId);
  // The export exists once a witnessed checkpoint covers every action (409 before): the timeline
  // shows each action's log index then.
  await eventually(
    async () => {
      await page.reload();
      await page.getByTestId('ebl-number').waitFor();
      return page.getByTestId('ebl-chain-row').locator('a[href^="/log?entry="]').count();
    },
    6,
    'every action of the chain is in a witnessed checkpoint',
  );

  const downloading = page.waitForEvent('download');
  await page.getByTestId('ebl-download-chain').click();
  const download = await downloading;
  assert.match(
    download.suggestedFilename(),
    /\.title-chain\.json$/,
    'the chain downloads as .title-chain.json',
  );
  const path = join(artifactsDir, download.suggestedFilename());
  await download.saveAs(path);
  const chain = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(chain.type, 'tradehub-title-chain/v1', 'the download is a title chain');
  assert.equal(chain.actions.length, 6, 'the chain has the six actions');

  const cli = join(repoRoot, 'packages', 'verifier', 'bin', 'tradehub-verify.mjs');
  let output;
  try {
    output = await execFileAsync(process.execPath, [cli, path, '--trust-url', baseUrl], {
      cwd: repoRoot,
      timeout: 30_000,
    });
  } catch (error) {
    assert.fail(`tradehub-verify exits ${error.code}: ${error.stdout}${error.stderr}`);
  }
  const holderLine = output.stdout.split('\n').find((line) => line.includes('current holder:'));
  assert.ok(holderLine, `tradehub-verify names a current holder:\n${output.stdout}`);
  assert.ok(
    holderLine.includes(carrier.nameEn) || holderLine.includes(carrier.nameZh),
    `tradehub-verify names the carrier as final holder: ${holderLine}`,
  );
  assert.match(output.stdout, /status: accomplished/, 'tradehub-verify says the record is accomplished');

  const phone = await scope.newPage({ locale: 'en', viewport: PHONE, isMobile: true, timezoneId: BERLIN });
  await logIn(phone, demo.jonas.email);
  await openRecord(phone, recordId);
  await expectCount(phone.getByTestId('ebl-chain-row'), 6, 'the phone shows the whole timeline');
  await assertNoHorizontalOverflow(phone, 'phone eBL detail');
  await scope.screenshot(phone, 'phone-ebl-detail.png');
};
