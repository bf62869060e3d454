import type { PartyRole, ShipmentRow } from '../repository.ts';

/** A shipment as a party of it sees it (ShipmentView of the HTTP contract). */
export const presentShipment = (row: ShipmentRow, extra: { roles: PartyRole[]; orderIds: string[] }) => ({
  id: row.id,
  reference: row.reference,
  shipperOrganisationId: row.shipper_organisation_id,
  forwarderOrganisationId: row.forwarder_organisation_id,
  carrierOrganisationId: row.carrier_organisation_id,
  carrierBookingReference: row.carrier_booking_reference,
  transportDocumentReference: row.transport_document_reference,
  orderIds: extra.orderIds,
  myRoles: [...extra.roles].sort(),
  legs: row.content.legs,
  containers: row.content.containers,
  cargo: row.content.cargo,
  createdAt: row.created_at.toISOString(),
});

export type ShipmentView = ReturnType<typeof presentShipment>;
