import { hkdfSync, randomBytes } from 'node:crypto';
import { AppError, newId } from '@tradehub/kernel';
import { actorId } from '../../../../platform/access/index.ts';
import { createPersonalDataVault } from '../../../../platform/crypto/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { ingestEvents, MAX_EVENTS_PER_BATCH } from '../../service/ingest-events.ts';
import { verifyNotificationSignature } from '../domain/notification-signature.ts';
import {
  deleteEventCallback,
  type EventCallbackRow,
  findEventCallback,
  insertEventCallback,
  listEventCallbacks,
} from '../repository-callbacks.ts';

/** 32 bytes: the HMAC-SHA256 block is 64, and 32 random bytes are as strong as the hash. */
const SECRET_BYTES = 32;

export const CALLBACK_PATH = '/api/logistics/event-callbacks';

/**
 * Secrets are sealed with AES-256-GCM (platform/crypto) under a key of their own, derived from the
 * hub's secret key, so a sealed callback secret and a sealed personal identifier never share a key.
 */
const secretVault = (deps: LogisticsDeps) =>
  createPersonalDataVault(
    Buffer.from(
      hkdfSync(
        'sha256',
        deps.secretKey,
        Buffer.from('tradehub'),
        Buffer.from('logistics event-callback v1'),
        32,
      ),
    ),
  );

const callbackNotFound = (callbackId: string) =>
  new AppError('logistics.event_callback_not_found', `No event callback ${callbackId}.`);

const presentCallback = (deps: LogisticsDeps, row: Omit<EventCallbackRow, 'secret_sealed'>) => ({
  id: row.id,
  organisationId: row.organisation_id,
  description: row.description,
  callbackUrl: `${deps.publicUrl.replace(/\/+$/, '')}${CALLBACK_PATH}/${row.id}`,
  createdAt: row.created_at.toISOString(),
});

/**
 * Creates an inbound DCSA event subscription for `organisationId`: the callback URL and the secret
 * the carrier's publisher is given (`callbackUrl` and `secret` of its `POST /v2/event-subscriptions`).
 * The secret is answered here once, Base64 as DCSA's `secret` is, and never again.
 */
export const createEventCallback = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: { description?: string | undefined },
) => {
  const secret = randomBytes(SECRET_BYTES).toString('base64');
  const row: EventCallbackRow = {
    id: newId('ecb'),
    organisation_id: organisationId,
    description: input.description ?? null,
    secret_sealed: secretVault(deps).encrypt(secret),
    created_at: deps.now(),
    created_by: ctx.actor === null ? null : actorId(ctx.actor),
  };
  await deps.db.transaction(async (trx) => {
    await insertEventCallback(trx, row);
    await ctx.audit(trx, { organisationId, object: { type: 'event_callback', id: row.id } });
  });
  return { ...presentCallback(deps, row), secret };
};

export const listCallbacks = async (deps: LogisticsDeps, organisationId: string) => ({
  items: (await listEventCallbacks(deps.db.kysely, organisationId)).map((row) => presentCallback(deps, row)),
});

/** Stops the subscription: the carrier's next call is a 404 and nothing it sends is stored. */
export const deleteCallback = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  callbackId: string,
) => {
  await deps.db.transaction(async (trx) => {
    if (!(await deleteEventCallback(trx, organisationId, callbackId))) {
      throw callbackNotFound(callbackId);
    }
    await ctx.audit(trx, { organisationId, object: { type: 'event_callback', id: callbackId } });
  });
};

/** True when a callback with this id exists (the publisher's HEAD check of the URL). */
export const callbackExists = async (deps: LogisticsDeps, callbackId: string) =>
  (await findEventCallback(deps.db.kysely, callbackId)) !== undefined;

/**
 * A carrier's DCSA callback: checks the `Notification-Signature` over the body exactly as received
 * before reading it, then ingests the array of events as sent by the callback's organisation,
 * through the same service (checks, idempotency by eventID, all or nothing) as the batch route.
 * A missing or wrong signature stores nothing and says nothing about why.
 */
export const receiveCallback = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  callbackId: string,
  signature: string | string[] | undefined,
  body: Uint8Array,
) => {
  const row = await findEventCallback(deps.db.kysely, callbackId);
  if (row === undefined) {
    throw callbackNotFound(callbackId);
  }
  const key = Buffer.from(secretVault(deps).decrypt(row.secret_sealed), 'base64');
  if (!verifyNotificationSignature(key, body, signature)) {
    throw new AppError(
      'logistics.callback_signature_invalid',
      'The Notification-Signature header is missing or does not sign this body with the subscription secret.',
    );
  }
  let events: unknown;
  try {
    events = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new AppError('http.malformed_json', 'The body is not JSON.');
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new AppError('http.validation_failed', 'The body is not an array of DCSA events.', {
      fieldErrors: [
        { field: 'body', code: 'kernel.invalid_format', message: 'a JSON array of one or more DCSA events' },
      ],
    });
  }
  if (events.length > MAX_EVENTS_PER_BATCH) {
    // 413 is what a DCSA publisher answers by halving its bundle and sending again.
    throw new AppError(
      'http.payload_too_large',
      `At most ${MAX_EVENTS_PER_BATCH} events per callback; send the rest in another.`,
    );
  }
  return {
    organisationId: row.organisation_id,
    outcomes: await ingestEvents(deps, ctx, row.organisation_id, events, 'batch'),
  };
};
