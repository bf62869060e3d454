import type { LogisticsDeps } from '../deps.ts';
import { listVisibleShipments } from '../repository.ts';

/** A page of the shipments the organisation is a party of, newest first. */
export const listShipments = async (
  deps: LogisticsDeps,
  filter: { organisationId: string; limit: number; cursor?: string | undefined },
) => {
  const rows = await listVisibleShipments(deps.db.kysely, filter.organisationId, filter.limit, filter.cursor);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      shipperOrganisationId: row.shipper_organisation_id,
      carrierBookingReference: row.carrier_booking_reference,
      transportDocumentReference: row.transport_document_reference,
      legs: row.content.legs.length,
      containers: row.content.containers.length,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
};
