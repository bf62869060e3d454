import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  call,
  createParty,
  createPaymentsTestHub,
  invariantsOf,
  openAccount,
  type Party,
  type PaymentsTestHub,
  paymentsUrl,
} from './support/payments-test-hub.ts';
import { testEngine } from './support/test-db.ts';

// Many transfers at once between a few hot accounts, in both directions and in batches that lock
// several accounts, with the sweeper racing posts on expired reservations. On PostgreSQL they run
// in parallel on the pool's connections (the case that deadlocks when locks are not taken in id
// order); PGlite has one connection and serialises them, which still checks the answers.

let ctx: PaymentsTestHub;
let bank: Party;
let trader: Party;
let settlement = '';
const hot: string[] = [];
const startMinor = 100_000;

const minorText = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const balanceMinor = async (accountId: string) => {
  const answer = await call(ctx.hub, trader, 'GET', paymentsUrl(trader, `/accounts/${accountId}`));
  return Math.round(Number(answer.body.balance) * 100);
};
const expectOkOrOverdraft = (answer: Answer) => {
  if (answer.status !== 201) {
    expect([answer.status, answer.body.code], JSON.stringify(answer.body)).toEqual([
      422,
      'payments.exceeds_credit_limit',
    ]);
  }
};

beforeAll(async () => {
  ctx = await createPaymentsTestHub();
  bank = await createParty(ctx.hub, 'HotBank', { kind: 'bank' });
  trader = await createParty(ctx.hub, 'HotTrader');
  settlement = await openAccount(ctx.hub, bank, {
    currency: 'EUR',
    code: 'settlement',
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
  for (let i = 0; i < 5; i++) {
    const id = await openAccount(ctx.hub, trader, { currency: 'EUR', code: `hot-${i}` });
    hot.push(id);
    const funded = await call(ctx.hub, bank, 'POST', paymentsUrl(bank, '/transfers'), {
      id: `hot-fund-${i}`,
      debitAccountId: settlement,
      creditAccountId: id,
      amount: minorText(startMinor),
      currency: 'EUR',
    });
    expect(funded.status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

describe(`concurrent transfers on ${testEngine()}`, () => {
  it('never deadlock, never lose an update, and keep the totals exact', async () => {
    const pairs = fc.sample(
      fc.record({
        from: fc.nat(4),
        step: fc.integer({ min: 1, max: 4 }),
        amountMinor: fc.integer({ min: 1, max: 30_000 }),
        batch: fc.boolean(),
      }),
      { numRuns: 240, seed: 42 },
    );
    const requests = pairs.map((pair, i) => {
      const from = hot[pair.from] as string;
      const to = hot[(pair.from + pair.step) % 5] as string;
      const single = {
        id: `hot-${i}`,
        debitAccountId: from,
        creditAccountId: to,
        amount: minorText(pair.amountMinor),
        currency: 'EUR',
      };
      if (!pair.batch) {
        return call(ctx.hub, trader, 'POST', paymentsUrl(trader, '/transfers'), single).then((answer) => ({
          answer,
          legs: [single],
        }));
      }
      // The same money back the other way in the same batch: locks on both accounts, any order.
      const back = { ...single, id: `hot-${i}-back`, debitAccountId: to, creditAccountId: from };
      return call(ctx.hub, trader, 'POST', paymentsUrl(trader, '/transfers/batch'), {
        transfers: [back, single],
      }).then((answer) => ({ answer, legs: [back, single] }));
    });
    const results = await Promise.all(requests);
    const expected = new Map(hot.map((id) => [id, startMinor]));
    let accepted = 0;
    for (const { answer, legs } of results) {
      expectOkOrOverdraft(answer);
      if (answer.status === 201) {
        accepted += 1;
        for (const leg of legs) {
          const minor = Math.round(Number(leg.amount) * 100);
          expected.set(leg.debitAccountId, (expected.get(leg.debitAccountId) ?? 0) - minor);
          expected.set(leg.creditAccountId, (expected.get(leg.creditAccountId) ?? 0) + minor);
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
    let total = 0;
    for (const id of hot) {
      const balance = await balanceMinor(id);
      expect(balance).toBe(expected.get(id));
      expect(balance).toBeGreaterThanOrEqual(0);
      total += balance;
    }
    expect(total).toBe(5 * startMinor);
    const invariants = await invariantsOf(ctx.hub);
    expect(invariants.ok).toBe(true);
  }, 120_000);

  it('resolves each expired reservation exactly once while posts and sweepers race', async () => {
    const reserved: string[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await call(ctx.hub, trader, 'POST', paymentsUrl(trader, '/transfers'), {
        id: `hot-res-${i}`,
        debitAccountId: hot[i % 5],
        creditAccountId: hot[(i + 1) % 5],
        amount: '1.00',
        currency: 'EUR',
        pending: true,
        timeoutSeconds: 30,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      reserved.push(String(answer.body.id));
    }
    ctx.clock.advanceSeconds(31);
    const now = ctx.clock.now();
    const [posts, sweeps] = await Promise.all([
      Promise.all(
        reserved.map((id, i) =>
          call(ctx.hub, trader, 'POST', paymentsUrl(trader, `/transfers/${id}/post`), {
            id: `hot-late-${i}`,
          }),
        ),
      ),
      Promise.all([1, 2, 3].map(() => ctx.hub.payments.expirePendingTransfers(now, 7))),
    ]);
    for (const answer of posts) {
      expect([answer.status, answer.body.code]).toEqual([409, 'payments.pending_expired']);
    }
    expect(sweeps.every((n) => n >= 0 && n <= 7)).toBe(true);
    for (const id of reserved) {
      const seen = await call(ctx.hub, trader, 'GET', paymentsUrl(trader, `/transfers/${id}`));
      expect(seen.body.status).toBe('expired');
    }
    const invariants = await invariantsOf(ctx.hub);
    expect(invariants.pendingResolvedTwice).toEqual([]);
    expect(invariants.ok).toBe(true);
  }, 120_000);
});
