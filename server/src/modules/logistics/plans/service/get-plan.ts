import { AppError } from '@tradehub/kernel';
import type { LogisticsDeps } from '../../deps.ts';
import { findVisibleShipment } from '../../repository.ts';
import {
  buildPlan,
  noPlaces,
  type TransportObservation,
  transportObservationOf,
} from '../domain/route-plan.ts';
import { listTransportEvents } from '../repository-plans.ts';

/**
 * The multimodal plan of a shipment `organisationId` is a party of, planned against what its
 * transport events report; 404 for anyone else, as for the shipment itself.
 */
export const getShipmentPlan = async (deps: LogisticsDeps, organisationId: string, shipmentId: string) => {
  const found = await findVisibleShipment(deps.db.kysely, organisationId, shipmentId);
  if (found === undefined) {
    throw new AppError('logistics.shipment_not_found', `No shipment ${shipmentId}.`);
  }
  const events = await listTransportEvents(deps.db.kysely, shipmentId);
  const observations = events.flatMap((event, order): TransportObservation[] => {
    const observation = transportObservationOf(event.body, order);
    return observation === undefined ? [] : [observation];
  });
  return buildPlan(
    { id: found.row.id, reference: found.row.reference, legs: found.row.content.legs },
    observations,
    deps.codes.lookupUnlocode ?? noPlaces,
  );
};
