import { type Kysely, sql } from 'kysely';
import { type Database, type Logger, outsideTransaction } from '../db/index.ts';
import { backoffDelayMs, type RetryPolicy } from './backoff.ts';
import type { EventTables } from './tables.ts';

/** An event as delivered to a subscriber. */
export type OutboxEvent = {
  id: string;
  /** Position in the outbox; a decimal string because it is a bigint. */
  seq: string;
  topic: string;
  organisationId: string | null;
  payload: unknown;
  occurredAt: Date;
  /** Which delivery attempt this is, from 1. */
  attempt: number;
};

/** Throws to ask for a retry; must tolerate seeing one event more than once. */
export type EventHandler = (event: OutboxEvent) => Promise<void>;

/** Cancels a scheduled callback. */
export type CancelTimer = () => void;

/** Schedules `callback` after `delayMs`; injectable so tests control time. */
export type ScheduleTimer = (callback: () => void, delayMs: number) => CancelTimer;

export type EventBusOptions = {
  db: Database;
  logger: Logger;
  retry?: RetryPolicy;
  /** How often to look for events that no `notify()` announced (written by another node). */
  pollIntervalMs?: number;
  /** Events claimed per query. */
  batchSize?: number;
  /** How long a claimed event stays hidden from other dispatchers while it is being delivered. */
  leaseMs?: number;
  /** The time used for due dates and backoff; a test advances it instead of waiting. */
  now?: () => Date;
  /** Jitter source in [0, 1). */
  random?: () => number;
  setTimer?: ScheduleTimer;
};

export type EventBus = {
  /**
   * Calls `handler` for every event of `topic` (or every event with `'*'`). `consumerName`
   * names the subscriber in logs and errors. Returns a function that unsubscribes.
   */
  subscribe(topic: string, consumerName: string, handler: EventHandler): () => void;
  /** Wakes the dispatcher; call it after committing a transaction that published events. */
  notify(): void;
  /** Starts dispatching: at once, after every `notify()` and every poll interval. */
  start(): void;
  /** Stops the timers and waits for the delivery in progress; for graceful shutdown. */
  stop(): Promise<void>;
  /** Delivers every due event now and returns how many were delivered; for tests and the CLI. */
  dispatchPending(): Promise<number>;
};

const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxAttempts: 10 };
const DEFAULT_POLL_INTERVAL_MS = 1_000;
const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_LEASE_MS = 60_000;
const MAX_ERROR_LENGTH = 2_000;

const realTimer: ScheduleTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

type ClaimedRow = {
  id: string;
  seq: string;
  topic: string;
  organisation_id: string | null;
  payload: unknown;
  occurred_at: Date;
  attempts: number;
};

type Subscription = { topic: string; consumerName: string; handler: EventHandler };

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * The in-process event bus over the transactional outbox. The dispatcher claims due rows with
 * `FOR UPDATE SKIP LOCKED` and pushes them `leaseMs` into the future (so several dispatchers,
 * in this process or on other nodes, never deliver one event at the same time), runs the
 * subscribers outside any transaction, then marks the row delivered or schedules a retry with
 * exponential backoff. Delivery is at least once: a crash after a handler ran delivers again
 * when the lease runs out, hence `idempotentConsumer`.
 */
export const createEventBus = (options: EventBusOptions): EventBus => {
  const { db, logger } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? realTimer;
  const outbox: Kysely<EventTables> = db.kysely.withTables<EventTables>();

  const subscriptions: Subscription[] = [];
  let running = false;
  let cancelTimer: CancelTimer | undefined;
  let passInProgress = false;
  let wakeRequested = false;
  // Passes run one after another, whoever asks (the loop or a test).
  let chain: Promise<unknown> = Promise.resolve();

  const claim = async (): Promise<ClaimedRow[]> => {
    const at = now();
    const leaseUntil = new Date(at.getTime() + leaseMs);
    const { rows } = await sql<ClaimedRow>`
      update events.outbox
      set attempts = attempts + 1, next_attempt_at = ${leaseUntil}
      where id in (
        select id from events.outbox
        where dispatched_at is null and dead_at is null and next_attempt_at <= ${at}
        order by seq
        limit ${batchSize}
        for update skip locked
      )
      returning id, seq, topic, organisation_id, payload, occurred_at, attempts`.execute(db.kysely);
    // RETURNING does not keep the subquery's order.
    return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  };

  const deliver = async (row: ClaimedRow): Promise<boolean> => {
    const event: OutboxEvent = {
      id: row.id,
      seq: row.seq,
      topic: row.topic,
      organisationId: row.organisation_id,
      payload: row.payload,
      occurredAt: row.occurred_at,
      attempt: row.attempts,
    };
    const failures: string[] = [];
    for (const subscription of subscriptions) {
      if (subscription.topic !== '*' && subscription.topic !== event.topic) {
        continue;
      }
      try {
        await subscription.handler(event);
      } catch (error) {
        failures.push(`${subscription.consumerName}: ${describeError(error)}`);
      }
    }
    const at = now();
    if (failures.length === 0) {
      await outbox
        .updateTable('events.outbox')
        .set({ dispatched_at: at })
        .where('id', '=', event.id)
        .where('dispatched_at', 'is', null)
        .execute();
      return true;
    }
    const lastError = failures.join('; ').slice(0, MAX_ERROR_LENGTH);
    const context = { eventId: event.id, topic: event.topic, attempt: event.attempt, error: lastError };
    if (event.attempt >= retry.maxAttempts) {
      await outbox
        .updateTable('events.outbox')
        .set({ dead_at: at, last_error: lastError })
        .where('id', '=', event.id)
        .execute();
      logger.error(context, 'event delivery failed for the last time; the event is dead until replayed');
      return false;
    }
    const delayMs = backoffDelayMs(event.attempt, retry, random);
    await outbox
      .updateTable('events.outbox')
      .set({ next_attempt_at: new Date(at.getTime() + delayMs), last_error: lastError })
      .where('id', '=', event.id)
      .execute();
    logger.warn({ ...context, retryInMs: delayMs }, 'event delivery failed; it will be retried');
    return false;
  };

  // Claims and delivers batches until fewer than a full batch is due. A stop between batches
  // leaves the rest unclaimed for the next start.
  const drain = async (stopWhenStopped: boolean): Promise<number> => {
    let delivered = 0;
    for (;;) {
      const rows = await claim();
      for (const row of rows) {
        if (await deliver(row)) {
          delivered += 1;
        }
      }
      if (rows.length < batchSize || (stopWhenStopped && !running)) {
        return delivered;
      }
    }
  };

  const serialised = (stopWhenStopped: boolean): Promise<number> => {
    const pass = chain.then(() => drain(stopWhenStopped));
    chain = pass.catch(() => {});
    return pass;
  };

  const schedule = (delayMs: number): void => {
    cancelTimer?.();
    // Timers started from inside a transaction callback must not inherit its context.
    cancelTimer = outsideTransaction(() =>
      setTimer(() => {
        cancelTimer = undefined;
        void outsideTransaction(tick);
      }, delayMs),
    );
  };

  const tick = async (): Promise<void> => {
    if (!running || passInProgress) {
      return;
    }
    passInProgress = true;
    wakeRequested = false;
    try {
      await serialised(true);
    } catch (error) {
      logger.warn({ err: error }, 'the event dispatcher could not read the outbox; it will try again');
    } finally {
      passInProgress = false;
    }
    if (running) {
      schedule(wakeRequested ? 0 : pollIntervalMs);
    }
  };

  return {
    subscribe: (topic, consumerName, handler) => {
      if (subscriptions.some((s) => s.topic === topic && s.consumerName === consumerName)) {
        throw new Error(`${consumerName} is already subscribed to ${topic}`);
      }
      const subscription: Subscription = { topic, consumerName, handler };
      subscriptions.push(subscription);
      return () => {
        const index = subscriptions.indexOf(subscription);
        if (index >= 0) {
          subscriptions.splice(index, 1);
        }
      };
    },
    notify: () => {
      if (!running) {
        return;
      }
      wakeRequested = true;
      if (!passInProgress) {
        schedule(0);
      }
    },
    start: () => {
      if (running) {
        return;
      }
      running = true;
      schedule(0);
    },
    stop: async () => {
      running = false;
      cancelTimer?.();
      cancelTimer = undefined;
      await chain;
    },
    dispatchPending: () => serialised(false),
  };
};
