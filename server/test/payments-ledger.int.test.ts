import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFxRateProvider } from '../src/modules/payments/index.ts';
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

let ctx: PaymentsTestHub;
let bank: Party;
let exporter: Party;
let importer: Party;
const acc = { bankEur: '', bankCny: '', exporterEur: '', exporterCny: '', importerEur: '', importerCny: '' };
let counter = 0;
const nextId = (label: string) => `${label}-${++counter}`;

const balanceOf = async (party: Party, accountId: string) => {
  const answer = await call(ctx.hub, party, 'GET', paymentsUrl(party, `/accounts/${accountId}`));
  expect(answer.status).toBe(200);
  return answer.body as Record<string, string>;
};

const transfer = (party: Party, body: object) =>
  call(ctx.hub, party, 'POST', paymentsUrl(party, '/transfers'), body);

const expectInvariants = async () => {
  const invariants = await invariantsOf(ctx.hub);
  expect(
    invariants,
    JSON.stringify(invariants, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ).toMatchObject({
    ok: true,
  });
  return invariants;
};

/** The refusal carries its code, and neither a balance nor the transfer count changed. */
const expectRefusedAndNothingMoved = async (
  work: () => Promise<{ status: number; body: Record<string, unknown> }>,
  status: number,
  code: string,
) => {
  const before = await ledgerSnapshot(ctx.hub);
  const answer = await work();
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.code).toBe(code);
  expect(await ledgerSnapshot(ctx.hub)).toEqual(before);
  await expectInvariants();
  return answer;
};

beforeAll(async () => {
  ctx = await createPaymentsTestHub();
  bank = await createParty(ctx.hub, 'Bank', { kind: 'bank' });
  exporter = await createParty(ctx.hub, 'Exporter');
  importer = await createParty(ctx.hub, 'Importer', { kind: 'importer' });
  // The bank's settlement accounts mirror money held outside the hub: they may go below zero.
  acc.bankEur = await openAccount(ctx.hub, bank, {
    currency: 'EUR',
    code: 'settlement',
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  acc.bankCny = await openAccount(ctx.hub, bank, {
    currency: 'CNY',
    code: 'settlement',
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  acc.exporterEur = await openAccount(ctx.hub, exporter, { currency: 'EUR', code: 'main' });
  acc.exporterCny = await openAccount(ctx.hub, exporter, { currency: 'CNY', code: 'main' });
  acc.importerEur = await openAccount(ctx.hub, importer, { currency: 'EUR', code: 'main' });
  acc.importerCny = await openAccount(ctx.hub, importer, { currency: 'CNY', code: 'main' });
  const funded = await transfer(bank, {
    id: 'fund-importer',
    debitAccountId: acc.bankEur,
    creditAccountId: acc.importerEur,
    amount: '1000.00',
    currency: 'EUR',
  });
  expect(funded.status, JSON.stringify(funded.body)).toBe(201);
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

describe('accounts', () => {
  it('refuses an unlimited account or an overdraft to an organisation that is not a bank', async () => {
    const unlimited = await call(ctx.hub, exporter, 'POST', paymentsUrl(exporter, '/accounts'), {
      currency: 'EUR',
      code: 'mint',
      debitsMustNotExceedCredits: false,
    });
    expect(unlimited.status).toBe(403);
    expect(unlimited.body.code).toBe('payments.not_a_financial_institution');
    const overdraft = await call(ctx.hub, exporter, 'POST', paymentsUrl(exporter, '/accounts'), {
      currency: 'EUR',
      code: 'od',
      creditLimit: '10.00',
    });
    expect(overdraft.body.code).toBe('payments.not_a_financial_institution');
    const duplicate = await call(ctx.hub, exporter, 'POST', paymentsUrl(exporter, '/accounts'), {
      currency: 'EUR',
      code: 'main',
    });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'payments.account_exists']);
  });

  it('lets a bank grant an overdraft, enforced up to the limit', async () => {
    const od = await openAccount(ctx.hub, bank, {
      currency: 'EUR',
      code: 'overdraft-line',
      creditLimit: '50.00',
    });
    const within = await transfer(bank, {
      id: nextId('od'),
      debitAccountId: od,
      creditAccountId: acc.exporterEur,
      amount: '50.00',
      currency: 'EUR',
    });
    expect(within.status).toBe(201);
    await expectRefusedAndNothingMoved(
      () =>
        transfer(bank, {
          id: nextId('od'),
          debitAccountId: od,
          creditAccountId: acc.exporterEur,
          amount: '0.01',
          currency: 'EUR',
        }),
      422,
      'payments.exceeds_credit_limit',
    );
    expect((await balanceOf(bank, od)).balance).toBe('-50.00');
    // Give it back, so later balances are simple.
    const back = await transfer(exporter, {
      id: nextId('od-back'),
      debitAccountId: acc.exporterEur,
      creditAccountId: od,
      amount: '50.00',
      currency: 'EUR',
    });
    expect(back.status).toBe(201);
    await expectInvariants();
  });
});

describe('single transfers', () => {
  it('moves money between organisations, writes the statement, and replays the same id', async () => {
    const body = {
      id: 'inv-2026-001',
      debitAccountId: acc.importerEur,
      creditAccountId: acc.exporterEur,
      amount: '120.5',
      currency: 'EUR',
      reference: 'PO-77',
    };
    const first = await transfer(importer, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'single',
      amount: '120.50',
      currency: 'EUR',
      clientId: 'inv-2026-001',
    });
    // Same id, same request (the amount written another way): the first transfer, moved once.
    const replay = await transfer(importer, { ...body, amount: '120.50' });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);
    expect((await balanceOf(importer, acc.importerEur)).balance).toBe('879.50');
    expect((await balanceOf(exporter, acc.exporterEur)).balance).toBe('120.50');
    const statement = await call(
      ctx.hub,
      exporter,
      'GET',
      paymentsUrl(exporter, `/accounts/${acc.exporterEur}/entries?limit=100`),
    );
    expect(statement.status).toBe(200);
    const items = statement.body.items as { transferId: string; side: string; balanceAfter: string }[];
    expect(items.at(-1)).toMatchObject({ transferId: first.body.id, side: 'credit', balanceAfter: '120.50' });
    await expectInvariants();
  });

  it('pages the statement', async () => {
    const page = await call(
      ctx.hub,
      exporter,
      'GET',
      paymentsUrl(exporter, `/accounts/${acc.exporterEur}/entries?limit=1`),
    );
    expect((page.body.items as unknown[]).length).toBe(1);
    const next = await call(
      ctx.hub,
      exporter,
      'GET',
      paymentsUrl(
        exporter,
        `/accounts/${acc.exporterEur}/entries?limit=100&cursor=${String(page.body.nextCursor)}`,
      ),
    );
    expect((next.body.items as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('bad input: a 4xx with its code, and nothing moved', () => {
  const base = () => ({
    id: nextId('bad'),
    debitAccountId: acc.importerEur,
    creditAccountId: acc.exporterEur,
    currency: 'EUR',
  });

  it.each([
    ['a negative amount', { amount: '-5.00' }, 400, 'payments.amount_not_positive'],
    ['a zero amount', { amount: '0.00' }, 400, 'payments.amount_not_positive'],
    ['an unknown currency', { amount: '1.00', currency: 'XQQ' }, 400, 'payments.unknown_currency'],
    ['more decimals than the currency has', { amount: '1.001' }, 400, 'payments.too_many_decimals'],
    ['a float-looking amount', { amount: '1e2' }, 400, 'payments.invalid_amount'],
    [
      'a currency other than the accounts hold',
      { amount: '1.00', currency: 'USD' },
      422,
      'payments.currency_mismatch',
    ],
    ['an overdraft', { amount: '100000.00' }, 422, 'payments.exceeds_credit_limit'],
  ])('%s', async (_label, change, status, code) => {
    const answer = await expectRefusedAndNothingMoved(
      () => transfer(importer, { ...base(), ...change }),
      status,
      code,
    );
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code })]));
  });

  it("an amount that would take a balance beyond the ledger's range (not a 500)", async () => {
    // The largest amount the API reads; the bank's settlement account already paid out 1,000.00,
    // so its debits would pass what a bigint holds.
    const answer = await expectRefusedAndNothingMoved(
      () =>
        transfer(bank, {
          id: nextId('huge'),
          debitAccountId: acc.bankEur,
          creditAccountId: acc.exporterEur,
          amount: '92233720368547758.07',
          currency: 'EUR',
        }),
      422,
      'payments.balance_out_of_range',
    );
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
  });

  it('an amount sent as a number', async () => {
    await expectRefusedAndNothingMoved(
      () => transfer(importer, { ...base(), amount: 12.5 }),
      400,
      'http.validation_failed',
    );
  });

  it('a transfer between currencies without a quote', async () => {
    await expectRefusedAndNothingMoved(
      () => transfer(importer, { ...base(), creditAccountId: acc.exporterCny, amount: '1.00' }),
      422,
      'payments.quote_required',
    );
  });

  it('a transfer from the same account to itself', async () => {
    await expectRefusedAndNothingMoved(
      () => transfer(importer, { ...base(), creditAccountId: acc.importerEur, amount: '1.00' }),
      400,
      'payments.same_account',
    );
  });

  it('a replayed id with a different body', async () => {
    const body = { ...base(), amount: '2.00' };
    expect((await transfer(importer, body)).status).toBe(201);
    await expectRefusedAndNothingMoved(
      () => transfer(importer, { ...body, amount: '3.00' }),
      409,
      'payments.idempotency_conflict',
    );
    await expectRefusedAndNothingMoved(
      () => transfer(importer, { ...body, creditAccountId: acc.bankEur }),
      409,
      'payments.idempotency_conflict',
    );
  });

  it("debiting another organisation's account", async () => {
    await expectRefusedAndNothingMoved(
      () => transfer(exporter, { ...base(), amount: '1.00' }),
      404,
      'payments.account_not_found',
    );
  });
});

describe('two-phase transfers', () => {
  const reserve = async (amount: string, timeoutSeconds?: number) => {
    const answer = await transfer(importer, {
      id: nextId('escrow'),
      debitAccountId: acc.importerEur,
      creditAccountId: acc.exporterEur,
      amount,
      currency: 'EUR',
      pending: true,
      ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return String(answer.body.id);
  };
  const resolve = (party: Party, pendingId: string, op: 'post' | 'void', body: object = {}) =>
    call(ctx.hub, party, 'POST', paymentsUrl(party, `/transfers/${pendingId}/${op}`), {
      id: nextId(op),
      ...body,
    });

  it('reserves, then posts part of it and releases the rest, exactly once', async () => {
    const before = await balanceOf(importer, acc.importerEur);
    const pendingId = await reserve('100.00');
    const reserved = await balanceOf(importer, acc.importerEur);
    expect(reserved.debitsPending).toBe('100.00');
    expect(Number(reserved.available)).toBe(Number(before.available) - 100);
    const posted = await resolve(importer, pendingId, 'post', { amount: '60.00' });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ kind: 'post', amount: '60.00', pendingId });
    const after = await balanceOf(importer, acc.importerEur);
    expect(after.debitsPending).toBe('0.00');
    expect(Number(after.balance)).toBeCloseTo(Number(before.balance) - 60, 2);
    // The second post, and a void after it, are refused and move nothing.
    await expectRefusedAndNothingMoved(
      () => resolve(importer, pendingId, 'post'),
      409,
      'payments.pending_already_resolved',
    );
    await expectRefusedAndNothingMoved(
      () => resolve(importer, pendingId, 'void'),
      409,
      'payments.pending_already_resolved',
    );
    const seen = await call(ctx.hub, exporter, 'GET', paymentsUrl(exporter, `/transfers/${pendingId}`));
    expect(seen.body.status).toBe('posted');
  });

  it('refuses to post more than was reserved', async () => {
    const pendingId = await reserve('10.00');
    await expectRefusedAndNothingMoved(
      () => resolve(importer, pendingId, 'post', { amount: '10.01' }),
      422,
      'payments.exceeds_pending_amount',
    );
    expect((await resolve(importer, pendingId, 'void')).status).toBe(201);
  });

  it('lets the payee void, not post', async () => {
    const pendingId = await reserve('5.00');
    const byPayee = await resolve(exporter, pendingId, 'post');
    expect(byPayee.status).toBe(403);
    const voided = await resolve(exporter, pendingId, 'void');
    expect(voided.status).toBe(201);
    await expectInvariants();
  });

  it('refuses a post after expiry; the reservation is released and nothing is posted', async () => {
    const pendingId = await reserve('30.00', 60);
    const posted = await balanceOf(importer, acc.importerEur);
    ctx.clock.advanceSeconds(61);
    const answer = await resolve(importer, pendingId, 'post');
    expect([answer.status, answer.body.code]).toEqual([409, 'payments.pending_expired']);
    const after = await balanceOf(importer, acc.importerEur);
    expect(after.balance).toBe(posted.balance);
    expect(after.debitsPending).toBe('0.00');
    const seen = await call(ctx.hub, importer, 'GET', paymentsUrl(importer, `/transfers/${pendingId}`));
    expect(seen.body.status).toBe('expired');
    // And again: still refused, still nothing moved.
    await expectRefusedAndNothingMoved(
      () => resolve(importer, pendingId, 'post'),
      409,
      'payments.pending_expired',
    );
  });

  it('expires due reservations in the sweeper, each once', async () => {
    const first = await reserve('1.00', 10);
    const second = await reserve('2.00', 10);
    const later = await reserve('3.00', 1000);
    ctx.clock.advanceSeconds(11);
    expect(await ctx.hub.payments.expirePendingTransfers(ctx.clock.now(), 100)).toBe(2);
    expect(await ctx.hub.payments.expirePendingTransfers(ctx.clock.now(), 100)).toBe(0);
    for (const [id, status] of [
      [first, 'expired'],
      [second, 'expired'],
      [later, 'pending'],
    ] as const) {
      const seen = await call(ctx.hub, importer, 'GET', paymentsUrl(importer, `/transfers/${id}`));
      expect(seen.body.status).toBe(status);
    }
    expect((await resolve(importer, later, 'void')).status).toBe(201);
    await expectInvariants();
  });
});

describe('linked batches', () => {
  it('commits every transfer together', async () => {
    const answer = await call(ctx.hub, importer, 'POST', paymentsUrl(importer, '/transfers/batch'), {
      transfers: [
        {
          id: 'batch-1-a',
          debitAccountId: acc.importerEur,
          creditAccountId: acc.exporterEur,
          amount: '1.00',
          currency: 'EUR',
        },
        {
          id: 'batch-1-b',
          debitAccountId: acc.importerEur,
          creditAccountId: acc.exporterEur,
          amount: '2.00',
          currency: 'EUR',
          pending: true,
        },
      ],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const transfers = answer.body.transfers as { batchId: string }[];
    expect(transfers).toHaveLength(2);
    expect(transfers[0]?.batchId).toBe(transfers[1]?.batchId);
    await expectInvariants();
  });

  it('rolls back every transfer when one fails, naming its index and reason', async () => {
    const answer = await expectRefusedAndNothingMoved(
      () =>
        call(ctx.hub, importer, 'POST', paymentsUrl(importer, '/transfers/batch'), {
          transfers: [
            {
              id: 'batch-2-a',
              debitAccountId: acc.importerEur,
              creditAccountId: acc.exporterEur,
              amount: '1.00',
              currency: 'EUR',
            },
            {
              id: 'batch-2-b',
              debitAccountId: acc.importerEur,
              creditAccountId: acc.bankEur,
              amount: '1.00',
              currency: 'EUR',
            },
            {
              id: 'batch-2-c',
              debitAccountId: acc.importerEur,
              creditAccountId: acc.exporterEur,
              amount: '99999.00',
              currency: 'EUR',
            },
          ],
        }),
      422,
      'payments.exceeds_credit_limit',
    );
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ field: 'transfers.2.amount', code: 'payments.exceeds_credit_limit' }),
    ]);
  });

  it('names the index of bad input too', async () => {
    const answer = await expectRefusedAndNothingMoved(
      () =>
        call(ctx.hub, importer, 'POST', paymentsUrl(importer, '/transfers/batch'), {
          transfers: [
            {
              id: 'batch-3-a',
              debitAccountId: acc.importerEur,
              creditAccountId: acc.exporterEur,
              amount: '1.00',
              currency: 'EUR',
            },
            {
              id: 'batch-3-b',
              debitAccountId: acc.importerEur,
              creditAccountId: acc.exporterEur,
              amount: '1.005',
              currency: 'EUR',
            },
          ],
        }),
      400,
      'payments.too_many_decimals',
    );
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'transfers.1.amount' })]);
  });
});

describe('reversal', () => {
  it('sends a posted transfer back with a new transfer, once, by the payee', async () => {
    const original = await transfer(importer, {
      id: nextId('rev'),
      debitAccountId: acc.importerEur,
      creditAccountId: acc.exporterEur,
      amount: '7.00',
      currency: 'EUR',
    });
    const url = (party: Party) => paymentsUrl(party, `/transfers/${String(original.body.id)}/reverse`);
    const byPayer = await call(ctx.hub, importer, 'POST', url(importer), { id: 'rev-by-payer' });
    expect(byPayer.status).toBe(403);
    const before = await balanceOf(importer, acc.importerEur);
    const reversed = await call(ctx.hub, exporter, 'POST', url(exporter), {
      id: 'refund-1',
      reference: 'wrong amount',
    });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);
    expect(reversed.body).toMatchObject({
      reversesId: original.body.id,
      debitAccountId: acc.exporterEur,
      amount: '7.00',
    });
    expect(Number((await balanceOf(importer, acc.importerEur)).balance)).toBeCloseTo(
      Number(before.balance) + 7,
      2,
    );
    const replay = await call(ctx.hub, exporter, 'POST', url(exporter), {
      id: 'refund-1',
      reference: 'wrong amount',
    });
    expect([replay.status, replay.body.id]).toEqual([200, reversed.body.id]);
    await expectRefusedAndNothingMoved(
      () => call(ctx.hub, exporter, 'POST', url(exporter), { id: 'refund-2' }),
      409,
      'payments.already_reversed',
    );
  });
});

describe('FX conversion', () => {
  let quoteId = '';
  let liquidityCny = '';

  beforeAll(async () => {
    // The bank puts CNY liquidity in, from its settlement account.
    liquidityCny = await openAccount(ctx.hub, bank, {
      currency: 'CNY',
      code: 'fx.liquidity',
      kind: 'liquidity',
    });
    const funded = await transfer(bank, {
      id: 'fund-liquidity',
      debitAccountId: acc.bankCny,
      creditAccountId: liquidityCny,
      amount: '100000.00',
      currency: 'CNY',
    });
    expect(funded.status).toBe(201);
    const quote = await call(ctx.hub, bank, 'POST', paymentsUrl(bank, '/fx/quotes'), {
      from: 'EUR',
      to: 'CNY',
      rate: '7.825',
      ttlSeconds: 600,
    });
    expect(quote.status, JSON.stringify(quote.body)).toBe(201);
    quoteId = String(quote.body.id);
  });

  const convert = (id: string, amount: string, quote: string | undefined = quoteId) =>
    call(ctx.hub, importer, 'POST', paymentsUrl(importer, '/fx/conversions'), {
      id,
      quoteId: quote,
      fromAccountId: acc.importerEur,
      toAccountId: acc.exporterCny,
      amount,
    });

  it('refuses FX quotes from an organisation that is not a bank', async () => {
    const answer = await call(ctx.hub, exporter, 'POST', paymentsUrl(exporter, '/fx/quotes'), {
      from: 'EUR',
      to: 'CNY',
      rate: '9.9',
      ttlSeconds: 600,
    });
    expect([answer.status, answer.body.code]).toEqual([403, 'payments.not_a_financial_institution']);
  });

  it('converts half up and posts whole minor units of rounding to the rounding account', async () => {
    const cnyBefore = await balanceOf(exporter, acc.exporterCny);
    // 1.00 EUR * 7.825 = 7.825 CNY: paid 7.83, the liquidity account paid half a fen too much.
    const first = await convert('fx-1', '1.00');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const legs = first.body.transfers as { amount: string; currency: string; creditAccountId: string }[];
    expect(legs.map((t) => [t.amount, t.currency])).toEqual([
      ['1.00', 'EUR'],
      ['7.83', 'CNY'],
    ]);
    // Another half fen: now a whole fen is owed by the rounding account to the liquidity account.
    const second = await convert('fx-2', '1.00');
    const legs2 = second.body.transfers as {
      amount: string;
      currency: string;
      debitAccountId: string;
      creditAccountId: string;
    }[];
    expect(legs2).toHaveLength(3);
    expect(legs2[2]).toMatchObject({ amount: '0.01', currency: 'CNY', creditAccountId: liquidityCny });
    expect(Number((await balanceOf(exporter, acc.exporterCny)).balance)).toBeCloseTo(
      Number(cnyBefore.balance) + 15.66,
      2,
    );
    // Liquidity paid 15.66 and got 0.01 back: 15.65 = 2 * 7.825 exactly.
    expect((await balanceOf(bank, liquidityCny)).balance).toBe('99984.35');
    const replay = await convert('fx-2', '1.00');
    expect(replay.status).toBe(200);
    expect((replay.body.transfers as unknown[]).length).toBe(3);
    await expectInvariants();
  });

  it('refuses a conversion without a quote or with an expired one, moving nothing', async () => {
    await expectRefusedAndNothingMoved(
      () => convert('fx-none', '1.00', 'fxq_missing'),
      422,
      'payments.quote_required',
    );
    const shortQuote = await call(ctx.hub, bank, 'POST', paymentsUrl(bank, '/fx/quotes'), {
      from: 'EUR',
      to: 'CNY',
      rate: '7.8',
      ttlSeconds: 5,
    });
    ctx.clock.advanceSeconds(6);
    await expectRefusedAndNothingMoved(
      () => convert('fx-late', '1.00', String(shortQuote.body.id)),
      422,
      'payments.quote_expired',
    );
    await expectRefusedAndNothingMoved(() => convert('fx-2', '2.00'), 409, 'payments.idempotency_conflict');
  });

  it('loads quotes from a CSV rate sheet through the provider interface', async () => {
    const provider = csvFxRateProvider('daily-sheet', 'from,to,rate\nEUR,CNY,7.8000\nUSD,CNY,7.1\n');
    const quotes = await ctx.hub.payments.loadFxQuotes(bank.organisationId, provider, 600);
    expect(quotes.map((q) => [q.fromCurrency, q.toCurrency, q.rate, q.source])).toEqual([
      ['EUR', 'CNY', '7.8', 'daily-sheet'],
      ['USD', 'CNY', '7.1', 'daily-sheet'],
    ]);
    const converted = await convert('fx-csv', '10.00', quotes[0]?.id);
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    expect((converted.body.transfers as { amount: string }[])[1]?.amount).toBe('78.00');
    await expect(ctx.hub.payments.loadFxQuotes(exporter.organisationId, provider, 600)).rejects.toMatchObject(
      { code: 'payments.not_a_financial_institution' },
    );
    await expect(
      ctx.hub.payments.loadFxQuotes(
        bank.organisationId,
        csvFxRateProvider('bad', 'from,to,rate\nEUR,CNY,-1\n'),
        600,
      ),
    ).rejects.toMatchObject({ code: 'payments.invalid_rate' });
  });

  it('refuses a conversion the liquidity cannot cover, moving nothing', async () => {
    await expectRefusedAndNothingMoved(
      () => convert('fx-big', '900.00'),
      422,
      'payments.exceeds_credit_limit',
    );
  });
});

describe('organisation boundaries', () => {
  it("answers 404 to organisation A for B's accounts and transfers through every route", async () => {
    const bTransfer = await transfer(bank, {
      id: nextId('b-only'),
      debitAccountId: acc.bankEur,
      creditAccountId: acc.importerEur,
      amount: '1.00',
      currency: 'EUR',
    });
    expect(bTransfer.status).toBe(201);
    const bPending = await transfer(bank, {
      id: nextId('b-pending'),
      debitAccountId: acc.bankEur,
      creditAccountId: acc.importerEur,
      amount: '1.00',
      currency: 'EUR',
      pending: true,
    });
    const quote = await call(ctx.hub, bank, 'POST', paymentsUrl(bank, '/fx/quotes'), {
      from: 'EUR',
      to: 'CNY',
      rate: '7.8',
      ttlSeconds: 600,
    });
    // The exporter is party to neither: the bank's accounts and the bank-to-importer transfers are B's.
    const a = exporter;
    const bAccount = acc.bankEur;
    const calls: [string, 'GET' | 'POST', string, object?][] = [
      ['account', 'GET', paymentsUrl(a, `/accounts/${bAccount}`)],
      ['entries', 'GET', paymentsUrl(a, `/accounts/${bAccount}/entries`)],
      ['transfer', 'GET', paymentsUrl(a, `/transfers/${String(bTransfer.body.id)}`)],
      ['post', 'POST', paymentsUrl(a, `/transfers/${String(bPending.body.id)}/post`), { id: 'x-post' }],
      ['void', 'POST', paymentsUrl(a, `/transfers/${String(bPending.body.id)}/void`), { id: 'x-void' }],
      ['reverse', 'POST', paymentsUrl(a, `/transfers/${String(bTransfer.body.id)}/reverse`), { id: 'x-rev' }],
      [
        'debit B',
        'POST',
        paymentsUrl(a, '/transfers'),
        {
          id: 'x-t',
          debitAccountId: bAccount,
          creditAccountId: acc.exporterEur,
          amount: '1.00',
          currency: 'EUR',
        },
      ],
      [
        'batch',
        'POST',
        paymentsUrl(a, '/transfers/batch'),
        {
          transfers: [
            {
              id: 'x-b',
              debitAccountId: bAccount,
              creditAccountId: acc.exporterEur,
              amount: '1.00',
              currency: 'EUR',
            },
          ],
        },
      ],
      [
        'convert',
        'POST',
        paymentsUrl(a, '/fx/conversions'),
        {
          id: 'x-c',
          quoteId: String(quote.body.id),
          fromAccountId: bAccount,
          toAccountId: acc.exporterCny,
          amount: '1.00',
        },
      ],
    ];
    // B's organisation in the path: A is no member of it.
    const onB = (url: string) => url.replace(`/orgs/${a.organisationId}/`, `/orgs/${bank.organisationId}/`);
    const before = await ledgerSnapshot(ctx.hub);
    for (const [label, method, url, body] of calls) {
      for (const target of [url, onB(url)]) {
        const answer = await call(ctx.hub, a, method, target, body);
        expect(answer.status, `${label} ${target}: ${JSON.stringify(answer.body)}`).toBe(404);
        expect(JSON.stringify(answer.body)).not.toContain('"balance"');
      }
    }
    for (const url of [paymentsUrl(a, '/accounts'), onB(paymentsUrl(a, '/accounts'))]) {
      const list = await call(ctx.hub, a, 'GET', url);
      expect(JSON.stringify(list.body)).not.toContain(bAccount);
    }
    expect(await ledgerSnapshot(ctx.hub)).toEqual(before);
    await expectInvariants();
  });
});
