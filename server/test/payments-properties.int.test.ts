import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
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

// Random sequences of transfers, reservations, posts, voids, batches, replays, clock steps and
// sweeps on a few accounts (one with an overdraft), checking after every step: conservation per
// currency, no balance beyond its limit, every pending transfer resolved at most once, replays
// answering the first result without moving anything, refusals moving nothing; and at the end,
// that each account's balance is what the accepted transfers add up to.

let ctx: PaymentsTestHub;
let bank: Party;
let importer: Party;
let exporter: Party;
let bankSettlement = '';
let run = 0;

const minorText = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

const showBigints = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

const expectInvariants = async () => {
  const invariants = await invariantsOf(ctx.hub);
  expect(invariants.ok, showBigints(invariants)).toBe(true);
};

type Holder = { id: string; owner: Party };

const ZMove = fc.record({
  from: fc.nat(3),
  to: fc.nat(3),
  amountMinor: fc.integer({ min: 1, max: 8_000 }),
  pending: fc.boolean(),
  timeoutSeconds: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
});

type Move = typeof ZMove extends fc.Arbitrary<infer M> ? M : never;

const ZCommand = fc.oneof(
  { weight: 4, arbitrary: ZMove.map((move) => ({ t: 'move' as const, ...move })) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('post' as const),
      p: fc.nat(),
      amountMinor: fc.option(fc.integer({ min: 1, max: 8_000 }), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('void' as const), p: fc.nat(), byPayee: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('batch' as const),
      items: fc.array(ZMove, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('replay' as const), k: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 90 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'sweep' as const }) },
);

beforeAll(async () => {
  ctx = await createPaymentsTestHub();
  bank = await createParty(ctx.hub, 'PropBank', { kind: 'bank' });
  importer = await createParty(ctx.hub, 'PropImporter', { kind: 'importer' });
  exporter = await createParty(ctx.hub, 'PropExporter');
  bankSettlement = await openAccount(ctx.hub, bank, {
    currency: 'EUR',
    code: 'settlement',
    kind: 'settlement',
    debitsMustNotExceedCredits: false,
  });
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

/** Four fresh accounts: two customer accounts, one funded by the other party, one bank overdraft line. */
const openAccounts = async (): Promise<Holder[]> => {
  run += 1;
  const holders: Holder[] = [
    { id: await openAccount(ctx.hub, importer, { currency: 'EUR', code: `a-${run}` }), owner: importer },
    { id: await openAccount(ctx.hub, exporter, { currency: 'EUR', code: `b-${run}` }), owner: exporter },
    { id: await openAccount(ctx.hub, importer, { currency: 'EUR', code: `c-${run}` }), owner: importer },
    {
      id: await openAccount(ctx.hub, bank, { currency: 'EUR', code: `od-${run}`, creditLimit: '20.00' }),
      owner: bank,
    },
  ];
  for (const [index, minor] of [
    [0, 10_000],
    [1, 5_000],
  ] as const) {
    const funded = await call(ctx.hub, bank, 'POST', paymentsUrl(bank, '/transfers'), {
      id: `fund-${run}-${index}`,
      debitAccountId: bankSettlement,
      creditAccountId: holders[index]?.id,
      amount: minorText(minor),
      currency: 'EUR',
    });
    expect(funded.status).toBe(201);
  }
  return holders;
};

const balanceMinor = async (holder: Holder) => {
  const answer = await call(
    ctx.hub,
    holder.owner,
    'GET',
    paymentsUrl(holder.owner, `/accounts/${holder.id}`),
  );
  return Math.round(Number(answer.body.balance) * 100);
};

/** A refusal is a 4xx with one of the module's codes (or the schema's), never a 5xx. */
const expectRefusal = (answer: Answer) => {
  expect(answer.status, showBigints(answer.body)).toBeGreaterThanOrEqual(400);
  expect(answer.status, showBigints(answer.body)).toBeLessThan(500);
  expect(String(answer.body.code)).toMatch(/^(payments|http)\./);
};

describe('ledger properties', () => {
  it('hold over random sequences of transfers, reservations, resolutions, batches and replays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ZCommand, { minLength: 5, maxLength: 25 }), async (commands) => {
        const holders = await openAccounts();
        const model = new Map<string, number>(holders.map((h) => [h.id, 0]));
        model.set(holders[0]?.id ?? '', 10_000);
        model.set(holders[1]?.id ?? '', 5_000);
        const pendings: { id: string; debit: Holder; credit: Holder; resolved: number }[] = [];
        const accepted: { party: Party; url: string; body: object; answer: Answer }[] = [];
        let sequence = 0;
        const clientId = () => `p${run}-${++sequence}`;
        const moveBody = (move: Move) => {
          const debit = holders[move.from] as Holder;
          const credit = holders[move.to] as Holder;
          return {
            debit,
            credit,
            body: {
              id: clientId(),
              debitAccountId: debit.id,
              creditAccountId: credit.id,
              amount: minorText(move.amountMinor),
              currency: 'EUR',
              ...(move.pending ? { pending: true } : {}),
              ...(move.pending && move.timeoutSeconds !== undefined
                ? { timeoutSeconds: move.timeoutSeconds }
                : {}),
            },
          };
        };
        const book = (
          answer: Answer,
          debit: Holder,
          credit: Holder,
          pending: boolean,
          amountMinor: number,
        ) => {
          if (pending) {
            pendings.push({ id: String(answer.body.id), debit, credit, resolved: 0 });
            return;
          }
          model.set(debit.id, (model.get(debit.id) ?? 0) - amountMinor);
          model.set(credit.id, (model.get(credit.id) ?? 0) + amountMinor);
        };

        for (const command of commands) {
          const before = await ledgerSnapshot(ctx.hub);
          let refusalMayRelease = false;
          let answer: Answer | undefined;
          if (command.t === 'move') {
            const { debit, credit, body } = moveBody(command);
            answer = await call(ctx.hub, debit.owner, 'POST', paymentsUrl(debit.owner, '/transfers'), body);
            if (answer.status === 201) {
              book(answer, debit, credit, command.pending, command.amountMinor);
              accepted.push({
                party: debit.owner,
                url: paymentsUrl(debit.owner, '/transfers'),
                body,
                answer,
              });
            }
          } else if (command.t === 'batch') {
            // A batch debits accounts of one organisation: the first item's payer sends it.
            const payer = (holders[command.items[0]?.from ?? 0] as Holder).owner;
            const items = command.items.map(moveBody);
            const body = { transfers: items.map((item) => item.body) };
            answer = await call(ctx.hub, payer, 'POST', paymentsUrl(payer, '/transfers/batch'), body);
            if (answer.status === 201) {
              expect(items.every((item) => item.debit.owner === payer)).toBe(true);
              const posted = answer.body.transfers as { id: string }[];
              command.items.forEach((move, i) => {
                const item = items[i] as (typeof items)[number];
                book(
                  { status: 201, body: { id: posted[i]?.id } },
                  item.debit,
                  item.credit,
                  move.pending,
                  move.amountMinor,
                );
              });
              accepted.push({ party: payer, url: paymentsUrl(payer, '/transfers/batch'), body, answer });
            }
          } else if (command.t === 'post' || command.t === 'void') {
            const pending = pendings[command.p % Math.max(1, pendings.length)];
            if (pending === undefined) {
              continue;
            }
            const party =
              command.t === 'void' && command.byPayee ? pending.credit.owner : pending.debit.owner;
            const url = paymentsUrl(party, `/transfers/${pending.id}/${command.t}`);
            const body = {
              id: clientId(),
              ...(command.t === 'post' && command.amountMinor !== undefined
                ? { amount: minorText(command.amountMinor) }
                : {}),
            };
            answer = await call(ctx.hub, party, 'POST', url, body);
            refusalMayRelease = answer.body.code === 'payments.pending_expired';
            if (answer.status === 201) {
              pending.resolved += 1;
              if (command.t === 'post') {
                book(
                  answer,
                  pending.debit,
                  pending.credit,
                  false,
                  Math.round(Number(answer.body.amount) * 100),
                );
              }
              accepted.push({ party, url, body, answer });
            }
            expect(pending.resolved).toBeLessThanOrEqual(1);
          } else if (command.t === 'replay') {
            const earlier = accepted[command.k % Math.max(1, accepted.length)];
            if (earlier === undefined) {
              continue;
            }
            const replay = await call(ctx.hub, earlier.party, 'POST', earlier.url, earlier.body);
            expect(replay.status, showBigints(replay.body)).toBe(200);
            expect(replay.body.id ?? replay.body.transfers).toEqual(
              earlier.answer.body.id ?? earlier.answer.body.transfers,
            );
            expect(await ledgerSnapshot(ctx.hub)).toEqual(before);
          } else if (command.t === 'advance') {
            ctx.clock.advanceSeconds(command.seconds);
          } else {
            await ctx.hub.payments.expirePendingTransfers(ctx.clock.now(), 50);
          }
          if (answer !== undefined && answer.status >= 400) {
            expectRefusal(answer);
            if (!refusalMayRelease) {
              expect(await ledgerSnapshot(ctx.hub)).toEqual(before);
            }
          }
          await expectInvariants();
        }
        for (const holder of holders) {
          expect(await balanceMinor(holder)).toBe(model.get(holder.id));
        }
      }),
      { numRuns: 12, seed: 20261102, endOnFailure: true },
    );
  }, 300_000);

  it('resolve a pending transfer once however concurrent posts, voids and transfers interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 5 }), async (scheduler, racers) => {
        const [payer, payee] = await openAccounts();
        if (payer === undefined || payee === undefined) {
          throw new Error('no accounts');
        }
        const pending = await call(ctx.hub, importer, 'POST', paymentsUrl(importer, '/transfers'), {
          id: `race-${run}`,
          debitAccountId: payer.id,
          creditAccountId: payee.id,
          amount: '60.00',
          currency: 'EUR',
          pending: true,
        });
        expect(pending.status).toBe(201);
        const moves = Array.from({ length: racers }, (_, i) =>
          scheduler.schedule(Promise.resolve(i)).then((k) =>
            k % 3 === 2
              ? call(ctx.hub, importer, 'POST', paymentsUrl(importer, '/transfers'), {
                  id: `race-${run}-move-${k}`,
                  debitAccountId: payer.id,
                  creditAccountId: payee.id,
                  amount: '30.00',
                  currency: 'EUR',
                })
              : call(
                  ctx.hub,
                  importer,
                  'POST',
                  paymentsUrl(
                    importer,
                    `/transfers/${String(pending.body.id)}/${k % 3 === 0 ? 'post' : 'void'}`,
                  ),
                  {
                    id: `race-${run}-${k}`,
                  },
                ),
          ),
        );
        await scheduler.waitAll();
        const answers = await Promise.all(moves);
        const resolutions = answers.filter((a) => a.status === 201 && a.body.pendingId === pending.body.id);
        expect(resolutions.length).toBeLessThanOrEqual(1);
        for (const answer of answers.filter((a) => a.status >= 400)) {
          expectRefusal(answer);
        }
        // 100.00 in, 60.00 reserved: the reservation and the 30.00 transfers never overdraw.
        expect(await balanceMinor(payer)).toBeGreaterThanOrEqual(0);
        await expectInvariants();
      }),
      { numRuns: 10, seed: 7 },
    );
  }, 120_000);
});
