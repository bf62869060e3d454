import { AppError } from '@tradehub/kernel';
import type { LogisticsDeps } from '../../deps.ts';
import { parseDateTime, type ShipmentLeg, validateLegs } from '../../domain/shipment.ts';
import { minutesBetween, noPlaces, placeOf, routeShape } from '../domain/route-plan.ts';

/**
 * Checks a route as a booking form composes it, with the same checks a shipment's legs get
 * (continuity included), and answers its places, transshipment points and planned transit time.
 */
export const previewRoute = (deps: Pick<LogisticsDeps, 'codes'>, legs: readonly ShipmentLeg[]) => {
  const errors = validateLegs(legs, deps.codes);
  if (errors.length > 0) {
    throw new AppError('http.validation_failed', 'The route has invalid legs.', { fieldErrors: errors });
  }
  const lookup = deps.codes.lookupUnlocode ?? noPlaces;
  return {
    legs: legs.map((leg, index) => ({
      index,
      mode: leg.mode,
      origin: placeOf(leg.origin, lookup),
      destination: placeOf(leg.destination, lookup),
      plannedDeparture: leg.plannedDeparture,
      plannedArrival: leg.plannedArrival,
      plannedMinutes: minutesBetween(
        parseDateTime(leg.plannedDeparture) ?? 0,
        parseDateTime(leg.plannedArrival) ?? 0,
      ),
    })),
    ...routeShape(legs, lookup),
  };
};
