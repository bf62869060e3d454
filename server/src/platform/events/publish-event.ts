import { newId } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import type { EventTables } from './tables.ts';

/** `module.entity.verb_past`, e.g. `identity.organisation.created`; module folders may have hyphens. */
const TOPIC_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

export type PublishEventInput = {
  topic: string;
  /** The organisation the event belongs to; null for platform-wide events (a user registered). */
  organisationId: string | null;
  /** Plain JSON: ids and facts, never personal data; money as strings of minor units. */
  payload: Record<string, unknown>;
};

/** True when `topic` has the `module.entity.verb_past` shape. */
export const isEventTopic = (topic: string): boolean => TOPIC_PATTERN.test(topic);

/**
 * Writes an event into the outbox inside the caller's transaction, so it exists if and only if
 * the change it describes commits. Call the bus's `notify()` after the commit. Returns the
 * event's `evt_` id.
 */
export const publishEvent = async (trx: Transaction<object>, input: PublishEventInput): Promise<string> => {
  if (!isEventTopic(input.topic)) {
    throw new Error(`Event topic ${JSON.stringify(input.topic)} is not module.entity.verb_past`);
  }
  const id = newId('evt');
  await trx
    .withTables<EventTables>()
    .insertInto('events.outbox')
    .values({
      id,
      topic: input.topic,
      organisation_id: input.organisationId,
      payload: JSON.stringify(input.payload),
    })
    .execute();
  return id;
};

/**
 * Writes several events into the outbox in one statement (a batch of 500 tracking events would
 * otherwise cost 500 round trips), with the guarantees of publishEvent. Returns their ids in order.
 */
export const publishEvents = async (
  trx: Transaction<object>,
  inputs: readonly PublishEventInput[],
): Promise<string[]> => {
  for (const input of inputs) {
    if (!isEventTopic(input.topic)) {
      throw new Error(`Event topic ${JSON.stringify(input.topic)} is not module.entity.verb_past`);
    }
  }
  const rows = inputs.map((input) => ({
    id: newId('evt'),
    topic: input.topic,
    organisation_id: input.organisationId,
    payload: JSON.stringify(input.payload),
  }));
  for (let at = 0; at < rows.length; at += 1000) {
    await trx
      .withTables<EventTables>()
      .insertInto('events.outbox')
      .values(rows.slice(at, at + 1000))
      .execute();
  }
  return rows.map((row) => row.id);
};
