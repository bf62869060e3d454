import type { Selectable } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

type EventCallbacksTable = {
  id: string;
  organisation_id: string;
  description: string | null;
  secret_sealed: string;
  created_at: Date;
  created_by: string | null;
};

type CallbackTables = { 'logistics.event_callbacks': EventCallbacksTable };

export type EventCallbackRow = Selectable<EventCallbacksTable>;

const tables = (ex: Executor) => ex.withTables<CallbackTables>();

export const insertEventCallback = async (ex: Executor, row: EventCallbackRow) => {
  await tables(ex).insertInto('logistics.event_callbacks').values(row).execute();
};

/** The callback by its id alone: the carrier's call names no organisation, the signature decides. */
export const findEventCallback = (ex: Executor, callbackId: string) =>
  tables(ex)
    .selectFrom('logistics.event_callbacks')
    .selectAll()
    .where('id', '=', callbackId)
    .executeTakeFirst();

/** The organisation's callbacks, oldest first, without their sealed secrets. */
export const listEventCallbacks = (ex: Executor, organisationId: string) =>
  tables(ex)
    .selectFrom('logistics.event_callbacks')
    .select(['id', 'organisation_id', 'description', 'created_at', 'created_by'])
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();

/** Deletes the organisation's callback; false when it has none with this id. */
export const deleteEventCallback = async (ex: Executor, organisationId: string, callbackId: string) => {
  const result = await tables(ex)
    .deleteFrom('logistics.event_callbacks')
    .where('id', '=', callbackId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
};
