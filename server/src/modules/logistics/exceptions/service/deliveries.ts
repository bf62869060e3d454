import { createHmac } from 'node:crypto';
import { newId } from '@tradehub/kernel';
import {
  type EventBus,
  idempotentConsumer,
  type OutboxEvent,
  publishEvent,
} from '../../../../platform/events/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import { logisticsEvents } from '../../events.ts';
import {
  findSubscription,
  recordDeliveryOutcome,
  subscriptionsForShipment,
} from '../repository-exceptions.ts';
import { createSecretBox } from '../secret-box.ts';
import type { ExceptionView } from './changes.ts';

/** A callback that has not answered in this time failed; the outbox retries it later. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const FAN_OUT = 'logistics.exception-callbacks.fan-out';
const DELIVER = 'logistics.exception-callbacks.deliver';

type DeliveryRequest = {
  subscriptionId: string;
  deliveryId: string;
  type: string;
  occurredAt: string;
  exception: ExceptionView;
};

/** The signature header value of a body: `sha256=` and the hex HMAC-SHA256 under the secret. */
export const signatureOf = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/**
 * Delivers exception events to subscribers through the outbox, in two steps. A raised, updated
 * or resolved exception fans out, once (an idempotent consumer), into one delivery event per
 * subscription of the shipment's shipper, forwarder and carrier. Each delivery then POSTs its
 * callback and fails when the answer is not 2xx, so the outbox retries that subscription alone
 * with the platform backoff, never the others and never the ingest that raised it.
 */
export const registerExceptionDeliveries = (
  deps: Pick<LogisticsDeps, 'db' | 'now' | 'secretKey' | 'afterCommit'>,
  bus: Pick<EventBus, 'subscribe'>,
) => {
  const fanOut = idempotentConsumer(deps.db, FAN_OUT, async (event, trx) => {
    const { exception } = event.payload as { exception: ExceptionView };
    for (const subscription of await subscriptionsForShipment(trx, exception.shipmentId)) {
      const request: DeliveryRequest = {
        subscriptionId: subscription.id,
        deliveryId: newId('dlv'),
        type: event.topic,
        occurredAt: event.occurredAt.toISOString(),
        exception,
      };
      await publishEvent(trx, {
        topic: logisticsEvents.exceptionDeliveryRequested,
        organisationId: subscription.organisation_id,
        payload: request,
      });
    }
  });
  const box = createSecretBox(deps.secretKey);
  const deliver = async (event: OutboxEvent) => {
    const request = event.payload as DeliveryRequest;
    const subscription = await findSubscription(deps.db.kysely, request.subscriptionId);
    if (subscription === undefined) {
      // Deleted since: the subscriber asked for nothing more.
      return;
    }
    const body = JSON.stringify({
      id: request.deliveryId,
      type: request.type,
      occurredAt: request.occurredAt,
      exception: request.exception,
    });
    let status = 0;
    try {
      const answer = await fetch(subscription.callback_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'tradehub-exception-callbacks/1',
          'x-tradehub-delivery': request.deliveryId,
          'x-tradehub-event': request.type,
          'x-tradehub-signature': signatureOf(box.open(subscription.secret_sealed), body),
        },
        body,
        // A redirect could lead the hub to an address the URL check would have refused.
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = answer.status;
      await answer.body?.cancel();
    } finally {
      await recordDeliveryOutcome(deps.db.kysely, subscription.id, status, deps.now());
    }
    if (status < 200 || status >= 300) {
      // The URL is the subscriber's own; the error names the delivery, not the address.
      throw new Error(
        `exception callback ${request.deliveryId} answered ${status === 0 ? 'nothing' : status}`,
      );
    }
  };
  for (const topic of [
    logisticsEvents.exceptionRaised,
    logisticsEvents.exceptionUpdated,
    logisticsEvents.exceptionResolved,
  ]) {
    bus.subscribe(topic, FAN_OUT, async (event) => {
      await fanOut(event);
      deps.afterCommit();
    });
  }
  bus.subscribe(logisticsEvents.exceptionDeliveryRequested, DELIVER, deliver);
};
