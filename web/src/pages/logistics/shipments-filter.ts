import type { ShipmentPlan, ShipmentSummary, TransportMode } from '../../api/logistics.ts';
import { modesOf, type ShipmentStatus, shipmentStatus } from '../../components/logistics/shipment-model.ts';

export type ShipmentFilters = { text: string; status: ShipmentStatus | null; mode: TransportMode | null };

/**
 * The listed shipments that match the filters. The API lists shipments without filters, so they
 * apply to the loaded pages; a status or mode filter hides a shipment whose plan has not loaded.
 */
export const filterShipments = (
  summaries: readonly ShipmentSummary[],
  plans: ReadonlyMap<string, ShipmentPlan>,
  filters: ShipmentFilters,
): ShipmentSummary[] => {
  const text = filters.text.trim().toLowerCase();
  return summaries.filter((summary) => {
    const plan = plans.get(summary.id);
    if (text !== '') {
      const haystack = [
        summary.reference,
        summary.carrierBookingReference ?? '',
        summary.transportDocumentReference ?? '',
        ...(plan?.legs.flatMap((leg) => [leg.origin.code, leg.destination.code, leg.carrierName ?? '']) ??
          []),
      ]
        .join(' ')
        .toLowerCase();
      if (!haystack.includes(text)) {
        return false;
      }
    }
    if (filters.status !== null && (!plan || shipmentStatus(plan.legs) !== filters.status)) {
      return false;
    }
    if (filters.mode !== null && (!plan || !modesOf(plan.legs).includes(filters.mode))) {
      return false;
    }
    return true;
  });
};
