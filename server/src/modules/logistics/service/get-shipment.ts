import { AppError } from '@tradehub/kernel';
import type { LogisticsDeps } from '../deps.ts';
import { findVisibleShipment, listTrackingEvents } from '../repository.ts';
import { presentShipment } from './presenters.ts';

/** How many events a shipment's detail carries; the events route pages through more. */
const TIMELINE_LIMIT = 500;

/** A shipment `organisationId` is a party of, with its events in event-time order; 404 otherwise. */
export const getShipment = async (deps: LogisticsDeps, organisationId: string, shipmentId: string) => {
  const found = await findVisibleShipment(deps.db.kysely, organisationId, shipmentId);
  if (found === undefined) {
    throw new AppError('logistics.shipment_not_found', `No shipment ${shipmentId}.`);
  }
  const events = await listTrackingEvents(deps.db.kysely, {
    organisationId,
    shipmentId,
    limit: TIMELINE_LIMIT,
  });
  return {
    ...presentShipment(found.row, found),
    events: events.slice(0, TIMELINE_LIMIT).map((e) => e.body),
  };
};
