import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildHub, type Hub } from '../src/app.ts';
import { createArgon2PasswordHasher } from '../src/modules/identity/index.ts';
import {
  buildPacs002,
  isIban,
  readPacs002,
  readPacs008,
  sandboxSettle,
} from '../src/modules/payments/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import {
  call,
  createParty,
  createPaymentsTestHub,
  invariantsOf,
  ledgerSnapshot,
  openAccount,
  type Party,
  type PaymentsTestHub,
  paymentsUrl,
} from './support/payments-test-hub.ts';
import { createTestDatabase } from './support/test-db.ts';
import { rememberSecret, testLogDir } from './support/test-hub.ts';

// Outbound payments over the rails (docs/payment-rails.md): the sandbox settles or rejects by its
// published rules, CIPS and e-CNY messages stay prepared without a transport and go out through
// an HTTP gateway or a directory when one is configured, status reports move the money exactly
// once, and one organisation never sees another's payments.

// The official pacs.008.001.08 schema the module's own tests use, read as a file (the module's
// test helper is not part of its public entry).
const pacs008Xsd = readFileSync(
  new URL('../src/modules/payments/formats/iso20022/schemas/pacs.008.001.08.xsd', import.meta.url),
  'utf8',
);
const validateIso20022 = async (_schema: 'pacs.008.001.08', xml: string): Promise<string[]> => {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: 'pacs.008.001.08.xsd', contents: pacs008Xsd }],
  });
  return result.errors.map((error) => error.message);
};

type Payment = {
  id: string;
  status: string;
  rail: string;
  amount: string;
  reasonCode: string | null;
  transportState: string | null;
  messageId: string;
  uetr: string;
  endToEndId: string;
  inTransitAccountId: string;
  pendingTransferId: string;
  events: { kind: string; status: string; isoStatus: string | null; reasonCode: string | null }[];
};

let ctx: PaymentsTestHub;
let bank: Party;
let exporter: Party;
let other: Party;
const acc = { bankCny: '', bankEur: '', exporterCny: '', exporterEur: '' };
let counter = 0;
const nextId = (label: string) => `${label}-${++counter}`;

const ibanWith = (bban: string) => {
  for (let check = 2; check < 100; check += 1) {
    const candidate = `DE${String(check).padStart(2, '0')}${bban}`;
    if (isIban(candidate)) {
      return candidate;
    }
  }
  throw new Error('unreachable');
};

const debtor = {
  name: 'Yiwu Small Commodities Import & Export Co., Ltd.',
  postalAddress: {
    streetName: 'Futian Road',
    buildingNumber: '88',
    postCode: '322000',
    townName: 'Yiwu',
    country: 'CN',
  },
};
const hamburg = {
  name: 'Elbe Handelshaus GmbH',
  postalAddress: {
    streetName: 'Am Sandtorkai',
    buildingNumber: '12',
    postCode: '20457',
    townName: 'Hamburg',
    country: 'DE',
  },
  account: { iban: ibanWith('370400440532013000') },
  agentBic: 'COBADEHHXXX',
};
const kualaLumpur = {
  name: 'Klang Valley Trading Sdn. Bhd.',
  postalAddress: {
    streetName: 'Jalan Sultan Ismail',
    buildingNumber: '50',
    townName: 'Kuala Lumpur',
    country: 'MY',
  },
  account: { other: '514012345678' },
  agentBic: 'BKCHMYKLXXX',
  cipsParticipantId: 'BKCHMYKL001',
};
const hangzhouWallet = {
  name: 'Hangzhou CrossBorder Select E-Commerce Co., Ltd.',
  postalAddress: { streetName: 'Wangshang Road', buildingNumber: '699', townName: 'Hangzhou', country: 'CN' },
  account: { wallet: '0031234567890123' },
  agentBic: 'ICBKCNBJZJP',
};

const pay = (party: Party, body: object) =>
  call(ctx.hub, party, 'POST', paymentsUrl(party, '/outbound'), body);

const body = (overrides: Record<string, unknown> = {}) => ({
  id: nextId('pay'),
  rail: 'sandbox',
  debitAccountId: acc.exporterEur,
  amount: '1234.56',
  currency: 'EUR',
  debtor,
  beneficiary: hamburg,
  remittanceInformation: 'INV-2026-0042',
  purposeCode: 'GDDS',
  ...overrides,
});

const balanceOf = async (party: Party, accountId: string) => {
  const answer = await call(ctx.hub, party, 'GET', paymentsUrl(party, `/accounts/${accountId}`));
  expect(answer.status).toBe(200);
  const { balance, available } = answer.body as { balance: string; available: string };
  return { balance, available };
};

const expectInvariants = async (hub: Hub) => {
  const invariants = await invariantsOf(hub);
  expect(
    invariants.ok,
    JSON.stringify(invariants, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ).toBe(true);
};

const statusReport = (
  payment: Payment,
  status: 'ACSP' | 'ACSC' | 'RJCT' | 'PDNG',
  messageId: string,
  reasonCode?: string,
) =>
  buildPacs002({
    messageId,
    createdAt: '2026-11-02T09:00:00+00:00',
    original: { messageId: payment.messageId },
    originalEndToEndId: payment.endToEndId,
    originalUetr: payment.uetr,
    status,
    ...(reasonCode === undefined ? {} : { reasonCode, additionalInformation: ['Account closed'] }),
  });

const postStatus = (party: Party, payment: Payment, message: string) =>
  call(ctx.hub, party, 'POST', paymentsUrl(party, `/outbound/${payment.id}/status`), { message });

const fund = async (party: Party, debit: string, credit: string, amount: string, currency: string) => {
  const answer = await call(ctx.hub, party, 'POST', paymentsUrl(party, '/transfers'), {
    id: nextId('fund'),
    debitAccountId: debit,
    creditAccountId: credit,
    amount,
    currency,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
};

beforeAll(async () => {
  ctx = await createPaymentsTestHub();
  bank = await createParty(ctx.hub, 'Bank', { kind: 'bank' });
  exporter = await createParty(ctx.hub, 'Exporter');
  other = await createParty(ctx.hub, 'Other');
  for (const currency of ['CNY', 'EUR'] as const) {
    const settlement = await openAccount(ctx.hub, bank, {
      currency,
      code: 'settlement',
      kind: 'settlement',
      debitsMustNotExceedCredits: false,
    });
    const main = await openAccount(ctx.hub, exporter, { currency, code: 'main' });
    await fund(bank, settlement, main, '3000000.00', currency);
    acc[currency === 'CNY' ? 'bankCny' : 'bankEur'] = settlement;
    acc[currency === 'CNY' ? 'exporterCny' : 'exporterEur'] = main;
  }
});
afterAll(async () => ctx.close());

describe('sandbox rail', () => {
  it('settles by the rules: reserved, sent, ACSP then ACSC, the reservation posted into in-transit', async () => {
    const before = await balanceOf(exporter, acc.exporterEur);
    const answer = await pay(exporter, body());
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const payment = answer.body as unknown as Payment;
    expect(payment.status).toBe('settled');
    expect(payment.transportState).toBe('in_process');
    expect(payment.events.map((e) => [e.kind, e.status, e.isoStatus])).toEqual([
      ['prepared', 'prepared', null],
      ['submitted', 'submitted', null],
      ['status', 'accepted', 'ACSP'],
      ['status', 'settled', 'ACSC'],
    ]);
    const after = await balanceOf(exporter, acc.exporterEur);
    expect(Number(before.balance) - Number(after.balance)).toBeCloseTo(1234.56, 2);
    expect((await balanceOf(exporter, payment.inTransitAccountId)).balance).toBe('1234.56');
    // The message as it left: a schema-valid pacs.008 naming the beneficiary.
    const xml = await ctx.hub.app.inject({
      method: 'GET',
      url: paymentsUrl(exporter, `/outbound/${payment.id}/message`),
      headers: { cookie: exporter.cookie },
    });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.headers['content-disposition']).toContain(`${payment.messageId}.pacs.008.xml`);
    expect(await validateIso20022('pacs.008.001.08', xml.body)).toEqual([]);
    expect(readPacs008(xml.body)).toMatchObject({
      messageId: payment.messageId,
      uetr: payment.uetr,
      amount: { amountMinor: 123456n, currency: 'EUR' },
      creditor: { name: 'Elbe Handelshaus GmbH' },
    });
    await expectInvariants(ctx.hub);
  });

  it.each([
    ['AC01', { beneficiary: { ...hamburg, account: { other: 'HH-ACCOUNT-9999' } } }],
    ['AC04', { beneficiary: { ...hamburg, account: { other: 'HH-ACCOUNT-0000' } } }],
    ['AM04', { amount: '1000000.01' }],
  ])('rejects with %s, and the reservation is voided: the money is back, once', async (code, overrides) => {
    const before = await balanceOf(exporter, acc.exporterEur);
    const answer = await pay(exporter, body(overrides));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const payment = answer.body as unknown as Payment;
    expect(payment).toMatchObject({ status: 'rejected', reasonCode: code });
    expect(payment.events.at(-1)).toMatchObject({ kind: 'status', isoStatus: 'RJCT', reasonCode: code });
    expect(await balanceOf(exporter, acc.exporterEur)).toEqual(before);
    // A settlement reported after the rejection is refused, and moves nothing.
    const snapshot = await ledgerSnapshot(ctx.hub);
    const late = await postStatus(exporter, payment, statusReport(payment, 'ACSC', `LATE-${code}`));
    expect(late.status, JSON.stringify(late.body)).toBe(409);
    expect(late.body.code).toBe('payments.outbound_illegal_transition');
    expect(await ledgerSnapshot(ctx.hub)).toEqual(snapshot);
    await expectInvariants(ctx.hub);
  });

  it('replays the same id and request; refuses the same id with another request', async () => {
    const request = body();
    const first = await pay(exporter, request);
    expect(first.status).toBe(201);
    const snapshot = await ledgerSnapshot(ctx.hub);
    const again = await pay(exporter, request);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const conflict = await pay(exporter, { ...request, amount: '1.00' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('payments.idempotency_conflict');
    expect(await ledgerSnapshot(ctx.hub)).toEqual(snapshot);
  });

  it.each([
    [
      'no town name',
      { beneficiary: { ...hamburg, postalAddress: { country: 'DE' } } },
      400,
      'beneficiary.postalAddress.townName',
    ],
    ['three decimals in EUR', { amount: '1.005' }, 400, 'amount'],
    ['a zero amount', { amount: '0.00' }, 400, 'amount'],
    [
      'a bad IBAN',
      { beneficiary: { ...hamburg, account: { iban: 'DE00370400440532013000' } } },
      400,
      'beneficiary.account.iban',
    ],
    ['a bad BIC', { beneficiary: { ...hamburg, agentBic: 'NOT-A-BIC' } }, 400, 'beneficiary.agentBic'],
    ['a wallet on the sandbox', { beneficiary: hangzhouWallet }, 400, 'beneficiary.account.wallet'],
    ['an unknown currency', { currency: 'XXY' }, 400, 'currency'],
    ['an account of the wrong currency', { currency: 'CNY' }, 422, 'currency'],
    ['an overdraft', { amount: '9000000.00' }, 422, 'amount'],
  ])('refuses %s with a field error, and nothing moves', async (_label, overrides, status, field) => {
    const snapshot = await ledgerSnapshot(ctx.hub);
    const answer = await pay(exporter, body(overrides));
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    const errors = (answer.body.errors ?? []) as { field: string }[];
    expect(errors.map((e) => e.field).join(' ')).toContain(field);
    expect(await ledgerSnapshot(ctx.hub)).toEqual(snapshot);
  });
});

describe('CIPS and e-CNY without a transport', () => {
  it('CIPS: prepared and reserved, never sent; delivered by hand, then settled by the ACSC report', async () => {
    const before = await balanceOf(exporter, acc.exporterCny);
    const answer = await pay(
      exporter,
      body({
        rail: 'cips',
        currency: 'CNY',
        debitAccountId: acc.exporterCny,
        amount: '50000.00',
        beneficiary: kualaLumpur,
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    let payment = answer.body as unknown as Payment;
    expect(payment).toMatchObject({ status: 'prepared', transportState: 'not_configured' });
    expect(payment.events.map((e) => e.kind)).toEqual(['prepared', 'not_sent']);
    const reserved = await balanceOf(exporter, acc.exporterCny);
    expect(reserved.balance).toBe(before.balance);
    expect(Number(before.available) - Number(reserved.available)).toBe(50000);

    const xml = await ctx.hub.app.inject({
      method: 'GET',
      url: paymentsUrl(exporter, `/outbound/${payment.id}/message`),
      headers: { cookie: exporter.cookie },
    });
    expect(await validateIso20022('pacs.008.001.08', xml.body)).toEqual([]);
    expect(xml.body).toContain('<SttlmMtd>CLRG</SttlmMtd>');
    expect(xml.body).toContain('<MmbId>BKCHMYKL001</MmbId>');

    // A status for a payment that never left is refused; asking to send it without a transport too.
    const early = await postStatus(exporter, payment, statusReport(payment, 'ACSC', 'EARLY-1'));
    expect(early.status).toBe(409);
    const send = await call(
      ctx.hub,
      exporter,
      'POST',
      paymentsUrl(exporter, `/outbound/${payment.id}/submit`),
      {},
    );
    expect(send.status).toBe(409);
    expect(send.body.code).toBe('payments.rail_transport_missing');
    const manual = await call(
      ctx.hub,
      exporter,
      'POST',
      paymentsUrl(exporter, `/outbound/${payment.id}/submit`),
      {
        via: 'manual',
      },
    );
    expect(manual.status, JSON.stringify(manual.body)).toBe(200);
    expect(manual.body).toMatchObject({ status: 'submitted', transportState: 'manual' });

    const mismatch = await postStatus(
      exporter,
      payment,
      statusReport({ ...payment, messageId: 'opm_SOMEONE_ELSE' }, 'ACSC', 'X-1'),
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('payments.status_mismatch');

    const accepted = await postStatus(exporter, payment, statusReport(payment, 'ACSP', 'CIPS-STS-1'));
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.status).toBe('accepted');
    const settled = await postStatus(exporter, payment, statusReport(payment, 'ACSC', 'CIPS-STS-2'));
    expect(settled.status).toBe(201);
    payment = settled.body as unknown as Payment;
    expect(payment.status).toBe('settled');
    // The same report again: answered as before, nothing posted twice.
    const snapshot = await ledgerSnapshot(ctx.hub);
    const replay = await postStatus(exporter, payment, statusReport(payment, 'ACSC', 'CIPS-STS-2'));
    expect(replay.status).toBe(200);
    expect(await ledgerSnapshot(ctx.hub)).toEqual(snapshot);
    const after = await balanceOf(exporter, acc.exporterCny);
    expect(Number(before.balance) - Number(after.balance)).toBe(50000);
    await expectInvariants(ctx.hub);
  });

  it('CIPS refuses EUR and a domestic payment; it needs the participant id', async () => {
    const eur = await pay(exporter, body({ rail: 'cips', beneficiary: kualaLumpur }));
    expect(eur.status).toBe(422);
    expect(eur.body.code).toBe('payments.rail_unsupported');
    const domestic = await pay(
      exporter,
      body({
        rail: 'cips',
        currency: 'CNY',
        debitAccountId: acc.exporterCny,
        beneficiary: { ...kualaLumpur, postalAddress: { townName: 'Hangzhou', country: 'CN' } },
      }),
    );
    expect(domestic.status).toBe(422);
    const { cipsParticipantId: _omit, ...noParticipant } = kualaLumpur;
    const missing = await pay(
      exporter,
      body({ rail: 'cips', currency: 'CNY', debitAccountId: acc.exporterCny, beneficiary: noParticipant }),
    );
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('beneficiary.cipsParticipantId');
  });

  it('e-CNY: the wallet and its scheme in the pacs.008; a rejection gives the money back', async () => {
    const badWallet = await pay(
      exporter,
      body({
        rail: 'ecny',
        currency: 'CNY',
        debitAccountId: acc.exporterCny,
        beneficiary: { ...hangzhouWallet, account: { wallet: '12AB' } },
      }),
    );
    expect(badWallet.status).toBe(400);
    expect(JSON.stringify(badWallet.body.errors)).toContain('payments.invalid_wallet_id');
    const before = await balanceOf(exporter, acc.exporterCny);
    const answer = await pay(
      exporter,
      body({
        rail: 'ecny',
        currency: 'CNY',
        debitAccountId: acc.exporterCny,
        amount: '88.80',
        beneficiary: hangzhouWallet,
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const payment = answer.body as unknown as Payment;
    expect(payment.status).toBe('prepared');
    const xml = await ctx.hub.app.inject({
      method: 'GET',
      url: paymentsUrl(exporter, `/outbound/${payment.id}/message`),
      headers: { cookie: exporter.cookie },
    });
    expect(await validateIso20022('pacs.008.001.08', xml.body)).toEqual([]);
    expect(xml.body).toMatch(
      /<CdtrAcct>\s*<Id>\s*<Othr>\s*<Id>0031234567890123<\/Id><SchmeNm><Prtry>ECNY<\/Prtry><\/SchmeNm>/,
    );
    await call(ctx.hub, exporter, 'POST', paymentsUrl(exporter, `/outbound/${payment.id}/submit`), {
      via: 'manual',
    });
    const rejected = await postStatus(exporter, payment, statusReport(payment, 'RJCT', 'ECNY-STS-1', 'AC04'));
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(201);
    expect(rejected.body).toMatchObject({ status: 'rejected', reasonCode: 'AC04' });
    expect(await balanceOf(exporter, acc.exporterCny)).toEqual(before);
    await expectInvariants(ctx.hub);
  });
});

describe('who sees what', () => {
  it("another organisation sees none of the exporter's payments", async () => {
    const mine = await call(ctx.hub, exporter, 'GET', paymentsUrl(exporter, '/outbound'));
    expect(mine.status).toBe(200);
    const items = mine.body.items as { id: string }[];
    expect(items.length).toBeGreaterThan(3);
    const theirs = await call(ctx.hub, other, 'GET', paymentsUrl(other, '/outbound'));
    expect(theirs.body.items).toEqual([]);
    const id = items[0]?.id ?? '';
    for (const path of [`/outbound/${id}`, `/outbound/${id}/message`]) {
      const answer = await call(ctx.hub, other, 'GET', paymentsUrl(other, path));
      expect(answer.status).toBe(404);
    }
    const onTheirs = await call(ctx.hub, other, 'GET', paymentsUrl(exporter, `/outbound/${id}`));
    expect(onTheirs.status).toBe(404);
    // Paying from the exporter's account as another organisation: no such account.
    const stolen = await pay(other, body());
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('payments.account_not_found');
  });
});

describe('the money in flight moves by the rail only', () => {
  it('refuses voiding the reservation, moving money out of the in-transit account, or squatting its code', async () => {
    const answer = await pay(
      exporter,
      body({
        rail: 'cips',
        currency: 'CNY',
        debitAccountId: acc.exporterCny,
        amount: '10.00',
        beneficiary: kualaLumpur,
      }),
    );
    expect(answer.status).toBe(201);
    const payment = answer.body as unknown as Payment;
    expect(payment.status).toBe('prepared');
    const snapshot = await ledgerSnapshot(ctx.hub);
    const voided = await call(
      ctx.hub,
      exporter,
      'POST',
      paymentsUrl(exporter, `/transfers/${payment.pendingTransferId}/void`),
      {
        id: nextId('void'),
      },
    );
    expect(voided.status, JSON.stringify(voided.body)).toBe(409);
    expect(voided.body.code).toBe('payments.rail_held');
    const settled = (await pay(exporter, body())).body as unknown as Payment;
    const out = await call(ctx.hub, exporter, 'POST', paymentsUrl(exporter, '/transfers'), {
      id: nextId('out'),
      debitAccountId: settled.inTransitAccountId,
      creditAccountId: acc.exporterEur,
      amount: '1.00',
      currency: 'EUR',
    });
    expect(out.status).toBe(409);
    expect(out.body.code).toBe('payments.rail_held');
    const squat = await call(ctx.hub, other, 'POST', paymentsUrl(other, '/accounts'), {
      currency: 'CNY',
      code: '#rail:cips:in-transit',
    });
    expect(squat.status).toBe(409);
    expect(await ledgerSnapshot(ctx.hub)).not.toEqual(snapshot);
    await expectInvariants(ctx.hub);
  });
});

describe('configured transports', () => {
  let hub: Hub;
  let closeDb: () => Promise<void>;
  let server: Server;
  let outbox: string;
  const received: { auth: string | undefined; body: string }[] = [];
  // What the gateway answers: the rules' first report, or one about another message.
  let gatewayReply: 'acsp' | 'about-another-message' = 'acsp';

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'tradehub-ecny-'));
    const secret = 'Bearer gateway-secret-0f3a9c';
    rememberSecret('gateway-secret-0f3a9c');
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      request.on('end', () => {
        received.push({ auth: request.headers.authorization, body: text });
        // The gateway acknowledges with the first report of the rules: accepted for settlement.
        const [acsp = ''] = sandboxSettle(text, new Date('2026-11-02T08:00:00Z'));
        const messageId = readPacs008(text).messageId;
        response.writeHead(200, { 'content-type': 'application/xml', 'x-request-id': 'gw-1' });
        response.end(
          gatewayReply === 'acsp'
            ? acsp
            : acsp.replaceAll(`<OrgnlMsgId>${messageId}<`, '<OrgnlMsgId>SOMEONE-ELSES-MSG<'),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    mkdirSync(testLogDir, { recursive: true });
    const db = await createTestDatabase();
    closeDb = () => db.close();
    hub = await buildHub({
      config: {
        publicUrl: 'http://localhost:8080',
        bodyLimitBytes: 4 * 1024 * 1024,
        writeRateMax: 1_000_000,
        webDistDir: '/nonexistent',
        rails: {
          transports: {
            cips: {
              kind: 'http',
              url: `http://127.0.0.1:${port}/cips`,
              authHeaderName: 'authorization',
              authHeaderValue: secret,
            },
            ecny: { kind: 'directory', dir: outbox },
          },
        },
      },
      db,
      logger: createLogger({
        level: 'debug',
        destination: pino.destination({
          dest: `${testLogDir}payments-outbound-${process.pid}.log`,
          sync: true,
        }),
      }),
      passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    });
    await hub.payments.sweeper.stop();
  });
  afterAll(async () => {
    await hub.close();
    await closeDb();
    await new Promise((resolve) => server.close(resolve));
    rmSync(outbox, { recursive: true, force: true });
  });

  it('CIPS over HTTP with the auth header; e-CNY into the directory', async () => {
    const payer = await createParty(hub, 'Payer');
    const funder = await createParty(hub, 'Funder', { kind: 'bank' });
    const settlement = await openAccount(hub, funder, {
      currency: 'CNY',
      code: 'settlement',
      kind: 'settlement',
      debitsMustNotExceedCredits: false,
    });
    const main = await openAccount(hub, payer, { currency: 'CNY', code: 'main' });
    const funded = await call(hub, funder, 'POST', paymentsUrl(funder, '/transfers'), {
      id: 'fund-1',
      debitAccountId: settlement,
      creditAccountId: main,
      amount: '1000.00',
      currency: 'CNY',
    });
    expect(funded.status).toBe(201);

    const cips = await call(hub, payer, 'POST', paymentsUrl(payer, '/outbound'), {
      ...body({
        rail: 'cips',
        currency: 'CNY',
        debitAccountId: main,
        amount: '100.00',
        beneficiary: kualaLumpur,
      }),
    });
    expect(cips.status, JSON.stringify(cips.body)).toBe(201);
    expect(cips.body).toMatchObject({
      status: 'accepted',
      transportState: 'delivered',
      transportReference: 'gw-1',
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.auth).toBe('Bearer gateway-secret-0f3a9c');
    expect(readPacs008(received[0]?.body ?? '').messageId).toBe(cips.body.messageId);
    // The answer never shows the secret.
    expect(JSON.stringify(cips.body)).not.toContain('gateway-secret');

    const ecny = await call(hub, payer, 'POST', paymentsUrl(payer, '/outbound'), {
      ...body({
        rail: 'ecny',
        currency: 'CNY',
        debitAccountId: main,
        amount: '10.00',
        beneficiary: hangzhouWallet,
      }),
    });
    expect(ecny.status, JSON.stringify(ecny.body)).toBe(201);
    expect(ecny.body).toMatchObject({ status: 'submitted', transportState: 'delivered' });
    const files = readdirSync(outbox);
    expect(files).toEqual([`${String(ecny.body.messageId)}.pacs.008.xml`]);
    const written = readFileSync(join(outbox, files[0] ?? ''), 'utf8');
    expect(await validateIso20022('pacs.008.001.08', written)).toEqual([]);
    expect(readPacs002(sandboxSettle(written, new Date())[0] ?? '').status).toBe('ACSP');
    await expectInvariants(hub);
  });

  it('a gateway reply about another message is noted, and the payment stays recorded as sent', async () => {
    const payer = await createParty(hub, 'Payertwo');
    const funder = await createParty(hub, 'Fundertwo', { kind: 'bank' });
    const settlement = await openAccount(hub, funder, {
      currency: 'CNY',
      code: 'settlement',
      kind: 'settlement',
      debitsMustNotExceedCredits: false,
    });
    const main = await openAccount(hub, payer, { currency: 'CNY', code: 'main' });
    expect(
      (
        await call(hub, funder, 'POST', paymentsUrl(funder, '/transfers'), {
          id: 'fund-2',
          debitAccountId: settlement,
          creditAccountId: main,
          amount: '500.00',
          currency: 'CNY',
        })
      ).status,
    ).toBe(201);
    gatewayReply = 'about-another-message';
    try {
      const sent = await call(hub, payer, 'POST', paymentsUrl(payer, '/outbound'), {
        ...body({
          rail: 'cips',
          currency: 'CNY',
          debitAccountId: main,
          amount: '50.00',
          beneficiary: kualaLumpur,
        }),
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      // Sent, so never sendable again; the reply waits for the operator, the money stays reserved.
      expect(sent.body).toMatchObject({ status: 'submitted', transportState: 'delivered' });
      const submitted = (sent.body.events as { kind: string; detail: string }[]).find(
        (e) => e.kind === 'submitted',
      );
      expect(submitted?.detail).toContain('not applied: a reply about message SOMEONE-ELSES-MSG');
      const again = await call(
        hub,
        payer,
        'POST',
        paymentsUrl(payer, `/outbound/${String(sent.body.id)}/submit`),
        {
          via: 'transport',
        },
      );
      expect(again.status).toBe(409);
    } finally {
      gatewayReply = 'acsp';
    }
    await expectInvariants(hub);
  });
});
