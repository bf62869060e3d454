import type { Transaction } from 'kysely';
import type { LogisticsDeps } from '../../deps.ts';
import type { ShipmentLeg } from '../../domain/shipment.ts';
import { delayOf, matchLeg, plannedTimeOf, transportObservationOf } from '../../plans/domain/route-plan.ts';
import { judgeObservation } from '../domain/exception-rules.ts';
import {
  actualMilestoneExists,
  liveExceptionsOf,
  lockShipmentsForJudging,
} from '../repository-exceptions.ts';
import { applyExceptionChanges } from './changes.ts';

/** An event stored for the first time, with the shipment it was tied to. */
export type AcceptedEvent = { shipmentId: string; body: Record<string, unknown> };

/**
 * Judges newly stored events inside the ingest transaction: each estimated or actual departure or
 * arrival that falls on a leg may raise, update or resolve that milestone's delay and gap
 * exceptions (exceptions/domain/exception-rules.ts), in the order the events were sent. Events of
 * other kinds cost nothing here. Delivery to subscribers happens after commit, through the outbox,
 * so a slow callback never holds up ingest.
 */
export const judgeAcceptedEvents = async (
  deps: Pick<LogisticsDeps, 'now'>,
  trx: Transaction<object>,
  accepted: readonly AcceptedEvent[],
): Promise<number> => {
  const observations = accepted.flatMap(({ shipmentId, body }, order) => {
    const observation = transportObservationOf(body, order);
    return observation === undefined || observation.classifier === 'PLN' ? [] : [{ shipmentId, observation }];
  });
  if (observations.length === 0) {
    return 0;
  }
  const shipments = await lockShipmentsForJudging(
    trx,
    observations.map((o) => o.shipmentId),
  );
  const at = deps.now();
  // The live exceptions per shipment, read once unless a change makes them stale.
  const live = new Map<string, Awaited<ReturnType<typeof liveExceptionsOf>>>();
  let published = 0;
  for (const { shipmentId, observation } of observations) {
    const shipment = shipments.get(shipmentId);
    const legIndex = shipment === undefined ? undefined : matchLeg(shipment.content.legs, observation);
    if (shipment === undefined || legIndex === undefined || observation.classifier === 'PLN') {
      continue;
    }
    const leg = shipment.content.legs[legIndex] as ShipmentLeg;
    const { milestone } = observation;
    let ofShipment = live.get(shipmentId);
    if (ofShipment === undefined) {
      ofShipment = await liveExceptionsOf(trx, shipmentId);
      live.set(shipmentId, ofShipment);
    }
    const ofMilestone = ofShipment.filter((x) => x.leg_index === legIndex && x.milestone === milestone);
    const asLive = (kind: 'delay' | 'gap') => {
      const found = ofMilestone.find((x) => x.kind === kind);
      return found === undefined
        ? undefined
        : { id: found.id, delayMinutes: found.delay_minutes, observedClassifier: found.observed_classifier };
    };
    const place = milestone === 'departure' ? leg.origin : leg.destination;
    const delayMinutes = delayOf(leg, milestone, observation.atMs);
    const changes = judgeObservation({
      observed: {
        at: observation.at,
        classifier: observation.classifier,
        eventId: observation.eventID,
        delayMinutes,
      },
      thresholdMinutes: shipment.thresholdMinutes,
      liveDelay: asLive('delay'),
      liveGap: asLive('gap'),
      // Asked only of a late estimate, the one case the answer changes anything.
      actualKnown:
        observation.classifier === 'EST' &&
        delayMinutes > shipment.thresholdMinutes &&
        (await actualMilestoneExists(trx, shipmentId, milestone, place.toUpperCase())),
    });
    if (changes.length > 0) {
      // Read again for the next event of this shipment in the batch.
      live.delete(shipmentId);
    }
    published += await applyExceptionChanges(
      trx,
      {
        shipmentId,
        shipmentReference: shipment.reference,
        shipperOrganisationId: shipment.shipperOrganisationId,
        legIndex,
        milestone,
        expectedAt: plannedTimeOf(leg, milestone),
      },
      changes,
      at,
    );
  }
  return published;
};
