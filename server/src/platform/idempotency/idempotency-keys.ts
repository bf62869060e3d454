import type { Generated } from 'kysely';
import type { Executor } from '../access/index.ts';

type KeysTable = {
  scope: string;
  key: string;
  request_hash: string;
  request_id: string;
  created_at: Generated<Date>;
  status_code: number | null;
  sealed_response: string | null;
};
type IdempotencyTables = { 'idempotency.keys': KeysTable };

const tables = (ex: Executor) => ex.withTables<IdempotencyTables>();

/** How long a key is remembered; a retry after that is a new request (Stripe keeps 24 hours). */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

export type IdempotencyClaim = { scope: string; key: string; requestHash: string; requestId: string };

export type StoredKey = { requestHash: string; statusCode: number | null; sealedResponse: string | null };

/** The live record of a key, if any. */
export const findIdempotencyKey = async (ex: Executor, scope: string, key: string, now: Date) => {
  const row = await tables(ex)
    .selectFrom('idempotency.keys')
    .select(['request_hash', 'status_code', 'sealed_response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('created_at', '>', new Date(now.getTime() - idempotencyWindowMs))
    .executeTakeFirst();

  return row === undefined
    ? undefined
    : { requestHash: row.request_hash, statusCode: row.status_code, sealedResponse: row.sealed_response };
};

/**
 * Claims a key inside the caller's transaction. False when a live claim exists already (another
 * request with the same key got there first); an expired one is taken over.
 */
export const claimIdempotencyKey = async (
  ex: Executor,
  claim: IdempotencyClaim,
  now: Date,
): Promise<boolean> => {
  const expiredBefore = new Date(now.getTime() - idempotencyWindowMs);
  const claimed = await tables(ex)
    .insertInto('idempotency.keys')
    .values({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.requestHash,
      request_id: claim.requestId,
      status_code: null,
      sealed_response: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key'])
        .doUpdateSet({
          request_hash: claim.requestHash,
          request_id: claim.requestId,
          created_at: now,
          status_code: null,
          sealed_response: null,
        })
        .where('idempotency.keys.created_at', '<', expiredBefore),
    )
    .returning('key')
    .executeTakeFirst();

  return claimed !== undefined;
};

/** Stores the answer sent for a claimed key, so a retry replays it. */
export const storeIdempotentResponse = async (
  ex: Executor,
  claim: IdempotencyClaim,
  statusCode: number,
  sealedResponse: string,
) => {
  await tables(ex)
    .updateTable('idempotency.keys')
    .set({ status_code: statusCode, sealed_response: sealedResponse })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('request_id', '=', claim.requestId)
    .execute();
};
