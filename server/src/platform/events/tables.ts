import type { ColumnType, Generated } from 'kysely';

export type OutboxTable = {
  id: string;
  seq: Generated<string>;
  topic: string;
  organisation_id: string | null;
  // Written as a JSON string so both engines serialise it the same way; read back parsed.
  payload: ColumnType<unknown, string, string>;
  occurred_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  dispatched_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  dead_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
};

export type ConsumedTable = {
  consumer: string;
  event_id: string;
  consumed_at: Generated<Date>;
};

export type EventTables = { 'events.outbox': OutboxTable; 'events.consumed': ConsumedTable };
