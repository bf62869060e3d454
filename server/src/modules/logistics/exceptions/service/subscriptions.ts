import { randomBytes } from 'node:crypto';
import { AppError, newId } from '@tradehub/kernel';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { checkCallbackUrl, isLocalDevelopmentHub } from '../domain/callback-url.ts';
import {
  countSubscriptions,
  deleteSubscription,
  insertSubscription,
  listSubscriptions,
  type SubscriptionRow,
} from '../repository-exceptions.ts';
import { createSecretBox } from '../secret-box.ts';

/** Enough for every system of one organisation; more is a misconfiguration that multiplies calls. */
export const MAX_SUBSCRIPTIONS_PER_ORGANISATION = 10;

const presentSubscription = (row: SubscriptionRow) => ({
  id: row.id,
  callbackUrl: row.callback_url,
  createdAt: row.created_at.toISOString(),
  lastDeliveryAt: row.last_delivery_at?.toISOString() ?? null,
  lastDeliveryStatus: row.last_delivery_status,
});

export const listExceptionSubscriptions = async (deps: LogisticsDeps, organisationId: string) => ({
  items: (await listSubscriptions(deps.db.kysely, organisationId)).map(presentSubscription),
});

/**
 * Subscribes the organisation to the exceptions of the shipments it ships, forwards or carries.
 * The signing secret is answered here once and stored sealed; it cannot be read back.
 */
export const createExceptionSubscription = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  callbackUrl: string,
) => {
  const refused = checkCallbackUrl(callbackUrl, isLocalDevelopmentHub(deps.publicUrl));
  if (refused !== undefined) {
    throw new AppError('http.validation_failed', 'The callback URL cannot be used.', {
      fieldErrors: [refused],
    });
  }
  const secret = `lxs_${randomBytes(32).toString('base64url')}`;
  const row: SubscriptionRow = {
    id: newId('lsb'),
    organisation_id: organisationId,
    callback_url: new URL(callbackUrl).toString(),
    secret_sealed: createSecretBox(deps.secretKey).seal(secret),
    created_at: deps.now(),
    last_delivery_at: null,
    last_delivery_status: null,
  };
  await deps.db.transaction(async (trx) => {
    if ((await countSubscriptions(trx, organisationId)) >= MAX_SUBSCRIPTIONS_PER_ORGANISATION) {
      throw new AppError(
        'logistics.subscription_limit',
        `An organisation has at most ${MAX_SUBSCRIPTIONS_PER_ORGANISATION} exception subscriptions.`,
      );
    }
    await insertSubscription(trx, row);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'exception_subscription', id: row.id },
      detail: { host: new URL(row.callback_url).host },
    });
  });
  return { subscription: presentSubscription(row), secret };
};

/** Ends a subscription; deliveries still queued for it are dropped. */
export const deleteExceptionSubscription = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  subscriptionId: string,
) => {
  await deps.db.transaction(async (trx) => {
    if (!(await deleteSubscription(trx, organisationId, subscriptionId))) {
      throw new AppError('logistics.subscription_not_found', `No exception subscription ${subscriptionId}.`);
    }
    await ctx.audit(trx, { organisationId, object: { type: 'exception_subscription', id: subscriptionId } });
  });
};
