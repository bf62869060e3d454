import { AppError, type FieldError, newId } from '@tradehub/kernel';
import { publishEvent } from '../../../platform/events/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import { type ShipmentContent, validateShipmentContent } from '../domain/shipment.ts';
import { logisticsEvents } from '../events.ts';
import { insertShipment, type PartyRole, type ShipmentRow } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { presentShipment } from './presenters.ts';

export type CreateShipmentInput = ShipmentContent & {
  orderIds: string[];
  forwarderOrganisationId?: string | undefined;
  carrierOrganisationId?: string | undefined;
};

const invalid = (errors: FieldError[]) =>
  new AppError('http.validation_failed', 'The shipment has invalid fields.', { fieldErrors: errors });

/**
 * Creates a shipment for `organisationId`, its shipper, carrying orders it is the seller or buyer
 * of. The forwarder and carrier it names, and the parties of its orders, see it too.
 */
export const createShipment = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: CreateShipmentInput,
) => {
  const { orderIds, forwarderOrganisationId, carrierOrganisationId, ...rest } = input;
  const checked = validateShipmentContent(rest, deps.codes);
  const errors: FieldError[] = checked.ok ? [] : [...checked.errors];
  const parties: { organisationId: string; role: PartyRole }[] = [{ organisationId, role: 'shipper' }];
  const seenOrders = new Set<string>();
  for (const [i, orderId] of orderIds.entries()) {
    if (seenOrders.has(orderId)) {
      errors.push({
        field: `orderIds.${i}`,
        code: 'logistics.duplicate_order',
        message: 'the same order twice',
      });
      continue;
    }
    seenOrders.add(orderId);
    try {
      const order = await deps.orders.partiesOf(organisationId, orderId);
      if (order.myRole !== 'seller' && order.myRole !== 'buyer') {
        throw new AppError('trade.order_not_found', `No order ${orderId}.`);
      }
      parties.push({ organisationId: order.sellerOrganisationId, role: 'seller' });
      if (order.buyerOrganisationId !== null) {
        parties.push({ organisationId: order.buyerOrganisationId, role: 'buyer' });
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'trade.order_not_found') {
        throw error;
      }
      // An order shared to read, or another's, answers as one that does not exist.
      errors.push({
        field: `orderIds.${i}`,
        code: 'logistics.unknown_order',
        message: 'not an order your organisation is the seller or the buyer of',
      });
    }
  }
  for (const [field, id, role] of [
    ['forwarderOrganisationId', forwarderOrganisationId, 'forwarder'],
    ['carrierOrganisationId', carrierOrganisationId, 'carrier'],
  ] as const) {
    if (id === undefined) {
      continue;
    }
    if (!(await deps.organisationExists(id))) {
      errors.push({ field, code: 'logistics.unknown_organisation', message: 'no organisation on the hub' });
    } else {
      parties.push({ organisationId: id, role });
    }
  }
  if (!checked.ok || errors.length > 0) {
    throw invalid(errors);
  }
  const content = checked.content;
  const row: ShipmentRow = {
    id: newId('shp'),
    shipper_organisation_id: organisationId,
    forwarder_organisation_id: forwarderOrganisationId ?? null,
    carrier_organisation_id: carrierOrganisationId ?? null,
    reference: content.reference,
    carrier_booking_reference: content.carrierBookingReference ?? null,
    transport_document_reference: content.transportDocumentReference ?? null,
    content,
    created_at: deps.now(),
  };
  await deps.db.transaction(async (trx) => {
    await insertShipment(trx, row, orderIds, parties);
    await publishEvent(trx, {
      topic: logisticsEvents.shipmentCreated,
      organisationId,
      payload: {
        shipmentId: row.id,
        orderIds,
        forwarderOrganisationId: row.forwarder_organisation_id,
        carrierOrganisationId: row.carrier_organisation_id,
      },
    });
    await ctx.audit(trx, { organisationId, object: { type: 'shipment', id: row.id }, detail: { orderIds } });
  });
  deps.afterCommit();
  return presentShipment(row, {
    roles: [...new Set(parties.filter((p) => p.organisationId === organisationId).map((p) => p.role))],
    orderIds: [...orderIds].sort(),
  });
};
