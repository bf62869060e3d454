import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngine } from '../../../test/support/test-db.ts';
import { type Database, type Logger, openDatabase } from '../db/index.ts';
import {
  createEventBus,
  type EventBus,
  type EventBusOptions,
  idempotentConsumer,
  type OutboxEvent,
  publishEvent,
  type ScheduleTimer,
} from './index.ts';

const TOPIC = 'test.parcel.cleared';
const OTHER_TOPIC = 'test.parcel.held';

type LogLine = { level: 'warn' | 'error'; message: string; fields: Record<string, unknown> };

let db: TestDatabase;
let logs: LogLine[];
let clockMs: number;
let buses: EventBus[];

const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => logs.push({ level: 'warn', message: message ?? '', fields }),
  error: (fields, message) => logs.push({ level: 'error', message: message ?? '', fields }),
};

// Timers the test fires by hand, so nothing waits for real time.
const manualTimers = () => {
  const timers: { callback: () => void; delayMs: number; cancelled: boolean }[] = [];
  const setTimer: ScheduleTimer = (callback, delayMs) => {
    const timer = { callback, delayMs, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return {
    setTimer,
    scheduled: () => timers.filter((timer) => !timer.cancelled).map((timer) => timer.delayMs),
    fire: () => {
      for (const timer of timers.splice(0).filter((t) => !t.cancelled)) {
        timer.callback();
      }
    },
  };
};

const bus = (overrides: Partial<EventBusOptions> = {}): EventBus => {
  const created = createEventBus({
    db,
    logger,
    retry: { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5 },
    now: () => new Date(clockMs),
    random: () => 0.5,
    setTimer: manualTimers().setTimer,
    ...overrides,
  });
  buses.push(created);
  return created;
};

const publish = (target: Database, topic = TOPIC, payload: Record<string, unknown> = { parcel: 'P-1' }) =>
  target.transaction((trx) => publishEvent(trx, { topic, organisationId: 'org_test', payload }));

type OutboxRow = {
  id: string;
  attempts: number;
  next_attempt_at: Date;
  dispatched_at: Date | null;
  dead_at: Date | null;
  last_error: string | null;
};

const outboxRow = async (id: string): Promise<OutboxRow | undefined> => {
  const { rows } = await sql<OutboxRow>`
    select id, attempts, next_attempt_at, dispatched_at, dead_at, last_error
    from events.outbox where id = ${id}`.execute(db.kysely);
  return rows[0];
};

beforeAll(async () => {
  db = await createTestDatabase();
  await sql`create table public.effects (event_id text not null, note text not null)`.execute(db.kysely);
});

afterAll(async () => {
  await db.close();
});

beforeEach(async () => {
  logs = [];
  buses = [];
  // Ahead of the database clock, so events written with now() are due at once.
  clockMs = Date.now() + 1_000;
  await sql`delete from events.outbox`.execute(db.kysely);
  await sql`delete from events.consumed`.execute(db.kysely);
  await sql`delete from public.effects`.execute(db.kysely);
  return async () => {
    await Promise.all(buses.map((b) => b.stop()));
  };
});

describe(`the outbox on ${testEngine()}`, () => {
  it('never delivers an event whose transaction rolled back', async () => {
    const events = bus();
    const received: OutboxEvent[] = [];
    events.subscribe(TOPIC, 'recorder', async (event) => {
      received.push(event);
    });
    await expect(
      db.transaction(async (trx) => {
        await publishEvent(trx, { topic: TOPIC, organisationId: null, payload: { parcel: 'P-1' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await events.dispatchPending()).toBe(0);
    expect(received).toEqual([]);
    const { rows } = await sql<{ count: string }>`select count(*) as count from events.outbox`.execute(
      db.kysely,
    );
    expect(rows[0]?.count).toBe('0');
  });

  it('delivers a committed event once notify() wakes the dispatcher', async () => {
    const timers = manualTimers();
    const events = bus({ setTimer: timers.setTimer, pollIntervalMs: 1_000 });
    const received: OutboxEvent[] = [];
    events.subscribe(TOPIC, 'recorder', async (event) => {
      received.push(event);
    });
    events.notify();
    expect(timers.scheduled()).toEqual([]);

    events.start();
    expect(timers.scheduled()).toEqual([0]);
    timers.fire();
    // The empty first pass ends by scheduling the next poll.
    await vi.waitFor(() => expect(timers.scheduled()).toEqual([1_000]), { interval: 2 });

    const id = await publish(db, TOPIC, { parcel: 'P-7', amountMinor: '1250' });
    expect(id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    events.notify();
    expect(timers.scheduled()).toEqual([0]);
    timers.fire();
    await vi.waitFor(() => expect(received).toHaveLength(1), { interval: 2 });

    expect(received[0]).toMatchObject({
      id,
      topic: TOPIC,
      organisationId: 'org_test',
      payload: { parcel: 'P-7', amountMinor: '1250' },
      attempt: 1,
    });
    expect(received[0]?.occurredAt).toBeInstanceOf(Date);
    expect(received[0]?.seq).toMatch(/^\d+$/);
    await vi.waitFor(async () => expect((await outboxRow(id))?.dispatched_at).toBeInstanceOf(Date), {
      interval: 2,
    });

    await events.stop();
    expect(timers.scheduled()).toEqual([]);
    events.notify();
    expect(timers.scheduled()).toEqual([]);
  });

  it('retries a failing handler with exponential backoff until it succeeds', async () => {
    const events = bus();
    const attempts: number[] = [];
    events.subscribe(TOPIC, 'flaky', async (event) => {
      attempts.push(event.attempt);
      if (attempts.length <= 2) {
        throw new Error(`customs gateway down (${attempts.length})`);
      }
    });
    const id = await publish(db);

    expect(await events.dispatchPending()).toBe(0);
    const afterFirst = await outboxRow(id);
    expect(afterFirst).toMatchObject({ attempts: 1, dispatched_at: null, dead_at: null });
    expect(afterFirst?.last_error).toBe('flaky: Error: customs gateway down (1)');
    // 100 ms base, plus 20 % of it times random() = 0.5.
    expect(afterFirst?.next_attempt_at.getTime()).toBe(clockMs + 110);
    expect(logs).toEqual([
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ eventId: id }) }),
    ]);

    // Not due yet: nothing happens however often the dispatcher looks.
    expect(await events.dispatchPending()).toBe(0);
    expect(attempts).toEqual([1]);

    clockMs += 110;
    expect(await events.dispatchPending()).toBe(0);
    expect((await outboxRow(id))?.next_attempt_at.getTime()).toBe(clockMs + 220);

    clockMs += 220;
    expect(await events.dispatchPending()).toBe(1);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await outboxRow(id)).toMatchObject({
      attempts: 3,
      dispatched_at: new Date(clockMs),
      dead_at: null,
    });
  });

  it('marks an event dead after the last allowed attempt and logs an error', async () => {
    const events = bus({ retry: { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 2 } });
    let calls = 0;
    events.subscribe(TOPIC, 'broken', async () => {
      calls += 1;
      throw new Error('always fails');
    });
    const id = await publish(db);

    expect(await events.dispatchPending()).toBe(0);
    clockMs += 10_000;
    expect(await events.dispatchPending()).toBe(0);
    expect(await outboxRow(id)).toMatchObject({
      attempts: 2,
      dispatched_at: null,
      dead_at: new Date(clockMs),
      last_error: 'broken: Error: always fails',
    });
    expect(logs.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ eventId: id, attempt: 2 }) }),
    ]);

    clockMs += 60_000;
    expect(await events.dispatchPending()).toBe(0);
    expect(calls).toBe(2);
  });

  it('gives an idempotent consumer its effect once when an event is delivered twice', async () => {
    const events = bus();
    let effects = 0;
    events.subscribe(
      TOPIC,
      'effects-writer',
      idempotentConsumer(db, 'effects-writer', async (event, trx) => {
        effects += 1;
        await sql`insert into public.effects values (${event.id}, 'cleared')`.execute(trx);
      }),
    );
    const id = await publish(db);
    expect(await events.dispatchPending()).toBe(1);

    // As after a crash between the handler and the mark: the row comes round again.
    await sql`update events.outbox set dispatched_at = null, next_attempt_at = now() where id = ${id}`.execute(
      db.kysely,
    );
    expect(await events.dispatchPending()).toBe(1);

    expect(effects).toBe(1);
    const { rows } = await sql<{ event_id: string }>`select event_id from public.effects`.execute(db.kysely);
    expect(rows).toEqual([{ event_id: id }]);
  });

  it('rolls back an idempotent consumer that fails, so its retry runs the effect', async () => {
    const events = bus();
    let calls = 0;
    events.subscribe(
      TOPIC,
      'effects-writer',
      idempotentConsumer(db, 'effects-writer', async (event, trx) => {
        calls += 1;
        await sql`insert into public.effects values (${event.id}, ${`call ${calls}`})`.execute(trx);
        if (calls === 1) {
          throw new Error('downstream refused');
        }
      }),
    );
    await publish(db);
    expect(await events.dispatchPending()).toBe(0);
    const consumed = await sql<{ n: string }>`select count(*) as n from events.consumed`.execute(db.kysely);
    expect(consumed.rows[0]?.n).toBe('0');

    clockMs += 1_000;
    expect(await events.dispatchPending()).toBe(1);
    const { rows } = await sql<{ note: string }>`select note from public.effects`.execute(db.kysely);
    expect(rows).toEqual([{ note: 'call 2' }]);
  });

  it('routes by topic, sends everything to "*", and forgets unsubscribed handlers', async () => {
    const events = bus();
    const seen: string[] = [];
    events.subscribe(TOPIC, 'cleared-only', async (event) => {
      seen.push(`cleared-only ${event.topic}`);
    });
    const stopAll = events.subscribe('*', 'everything', async (event) => {
      seen.push(`everything ${event.topic}`);
    });
    expect(() => events.subscribe(TOPIC, 'cleared-only', async () => {})).toThrow(/already subscribed/);

    await publish(db, TOPIC);
    await publish(db, OTHER_TOPIC);
    expect(await events.dispatchPending()).toBe(2);
    expect(seen).toEqual([`cleared-only ${TOPIC}`, `everything ${TOPIC}`, `everything ${OTHER_TOPIC}`]);

    stopAll();
    await publish(db, OTHER_TOPIC);
    // No subscriber left for it: delivered to nobody, and marked so.
    expect(await events.dispatchPending()).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it('delivers in outbox order across batches', async () => {
    const events = bus({ batchSize: 2 });
    const order: string[] = [];
    events.subscribe(TOPIC, 'recorder', async (event) => {
      order.push(event.id);
    });
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      ids.push(await publish(db, TOPIC, { n }));
    }
    expect(await events.dispatchPending()).toBe(5);
    expect(order).toEqual(ids);
  });

  it('never lets two dispatchers deliver the same event', async () => {
    // PostgreSQL: a second pool stands for another node. PGlite has one connection per process,
    // so the second dispatcher shares it.
    const otherDb = db.url === undefined ? db : await openDatabase({ databaseUrl: db.url, poolMax: 2 });
    try {
      const deliveries = new Map<string, number>();
      const record = async (event: OutboxEvent) => {
        deliveries.set(event.id, (deliveries.get(event.id) ?? 0) + 1);
        // Yield so the other dispatcher gets a turn mid-batch.
        await new Promise((resolve) => setImmediate(resolve));
      };
      const first = bus({ batchSize: 3 });
      const second = bus({ db: otherDb, batchSize: 3 });
      first.subscribe(TOPIC, 'recorder', record);
      second.subscribe(TOPIC, 'recorder', record);
      const ids: string[] = [];
      for (let n = 0; n < 20; n += 1) {
        ids.push(await publish(db, TOPIC, { n }));
      }

      const [byFirst, bySecond] = await Promise.all([first.dispatchPending(), second.dispatchPending()]);
      expect(byFirst + bySecond).toBe(20);
      expect([...deliveries.keys()].sort()).toEqual([...ids].sort());
      expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
    } finally {
      if (otherDb !== db) {
        await otherDb.close();
      }
    }
  });

  it('finishes the delivery in progress before stop() returns', async () => {
    const timers = manualTimers();
    const events = bus({ setTimer: timers.setTimer });
    let entered: () => void = () => {};
    const handlerEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let finish: () => void = () => {};
    events.subscribe(TOPIC, 'slow', async () => {
      entered();
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    const id = await publish(db);
    events.start();
    timers.fire();
    await handlerEntered;

    let stopped = false;
    const stopping = events.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect((await outboxRow(id))?.dispatched_at).toBeInstanceOf(Date);
    expect(timers.scheduled()).toEqual([]);
  });

  it('keeps polling and logs when the outbox cannot be read', async () => {
    const timers = manualTimers();
    const events = bus({ setTimer: timers.setTimer, pollIntervalMs: 1_000 });
    await sql`alter table events.outbox rename to outbox_away`.execute(db.kysely);
    try {
      events.start();
      timers.fire();
      await vi.waitFor(() => expect(timers.scheduled()).toEqual([1_000]), { interval: 2 });
      expect(logs).toEqual([
        expect.objectContaining({ level: 'warn', message: expect.stringContaining('outbox') }),
      ]);
    } finally {
      await events.stop();
      await sql`alter table events.outbox_away rename to outbox`.execute(db.kysely);
    }
  });

  it('refuses a topic that is not module.entity.verb_past', async () => {
    await expect(
      db.transaction((trx) =>
        publishEvent(trx, { topic: 'ParcelCleared', organisationId: null, payload: {} }),
      ),
    ).rejects.toThrow(/module\.entity\.verb_past/);
  });
});
