import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import type { EventHandler, OutboxEvent } from './event-bus.ts';
import type { EventTables } from './tables.ts';

/**
 * Wraps a consumer so each event changes the database once although it may be delivered more
 * than once: in one transaction it records `(consumerName, event id)` in `events.consumed` and
 * runs `handler` with that transaction only when the record is new. A handler that throws rolls
 * back its record too, so the retry runs it again.
 */
export const idempotentConsumer =
  (
    db: Database,
    consumerName: string,
    handler: (event: OutboxEvent, trx: Transaction<object>) => Promise<void>,
  ): EventHandler =>
  (event) =>
    db.transaction(async (trx) => {
      const recorded = await trx
        .withTables<EventTables>()
        .insertInto('events.consumed')
        .values({ consumer: consumerName, event_id: event.id })
        .onConflict((conflict) => conflict.columns(['consumer', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (recorded !== undefined) {
        await handler(event, trx);
      }
    });
