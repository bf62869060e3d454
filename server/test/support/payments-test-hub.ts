import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import { pino } from 'pino';
import { buildHub, type Hub } from '../../src/app.ts';
import { createArgon2PasswordHasher } from '../../src/modules/identity/index.ts';
import { ledgerInvariants } from '../../src/modules/payments/index.ts';
import { createLogger } from '../../src/platform/logging/index.ts';
import { createTestDatabase } from './test-db.ts';
import { createParty, type Party, testLogDir } from './test-hub.ts';

// Tests only: a full hub whose clock the test moves, so that quotes and pending transfers expire
// without waiting, and helpers that read the ledger straight from its tables.

const fastPasswords = createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
let hubCount = 0;

export type Clock = { now: () => Date; advanceSeconds: (seconds: number) => void };

export const createClock = (start = new Date('2026-11-02T08:00:00Z')): Clock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceSeconds: (seconds) => {
      current += seconds * 1000;
    },
  };
};

export type PaymentsTestHub = { hub: Hub; clock: Clock; close: () => Promise<void> };

export const createPaymentsTestHub = async (): Promise<PaymentsTestHub> => {
  mkdirSync(testLogDir, { recursive: true });
  hubCount += 1;
  const logger = createLogger({
    level: 'debug',
    destination: pino.destination({
      dest: `${testLogDir}payments-hub-${process.pid}-${hubCount}.log`,
      sync: true,
    }),
  });
  const db = await createTestDatabase();
  const clock = createClock();
  const hub = await buildHub({
    config: {
      publicUrl: 'http://localhost:8080',
      bodyLimitBytes: 4 * 1024 * 1024,
      writeRateMax: 1_000_000,
      webDistDir: '/nonexistent',
    },
    db,
    logger,
    passwords: fastPasswords,
    now: clock.now,
  });
  // The test moves the clock and sweeps when it means to; a background sweep would race it.
  await hub.payments.sweeper.stop();
  return {
    hub,
    clock,
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
};

export type Answer = { status: number; body: Record<string, unknown> };

/** One HTTP call as `party` (JSON in, JSON or problem+json out). */
export const call = async (hub: Hub, party: Party, method: 'GET' | 'POST', url: string, payload?: object) => {
  const response = await hub.app.inject({
    method,
    url,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() } satisfies Answer;
};

export const paymentsUrl = (party: Party, path: string) =>
  `/api/orgs/${party.organisationId}/payments${path}`;

/** Opens an account for `party` over HTTP and returns its id. */
export const openAccount = async (hub: Hub, party: Party, body: object): Promise<string> => {
  const answer = await call(hub, party, 'POST', paymentsUrl(party, '/accounts'), body);
  if (answer.status !== 201) {
    throw new Error(`open account: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return String(answer.body.id);
};

export { createParty, type Party };

/** Every account's balances and the number of transfers: equal before and after means nothing moved. */
export const ledgerSnapshot = async (hub: Hub) => {
  const accounts = await sql<{ id: string; dp: string; dq: string; cp: string; cq: string; v: string }>`
    select id, debits_pending as dp, debits_posted as dq, credits_pending as cp, credits_posted as cq,
      version as v
    from payments.accounts order by id`.execute(hub.db.kysely);
  const transfers = await sql<{ n: string }>`select count(*)::text as n from payments.transfers`.execute(
    hub.db.kysely,
  );
  return { accounts: accounts.rows, transfers: transfers.rows[0]?.n };
};

/** The invariants, reported with what broke them. */
export const invariantsOf = (hub: Hub) => ledgerInvariants(hub.db.kysely);
