import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
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

type Party = { organisationId: string; role: PartyRole };

/** A shipment that passed every check, ready to be stored in the caller's transaction. */
export type PreparedShipment = { row: ShipmentRow; orderIds: string[]; parties: Party[] };

/**
 * The seller and buyer of each order `organisationId` ships, which must be one it is the seller
 * or the buyer of; an order shared with it to read, or another's, is a field error like one that
 * does not exist. Booking requests check their orders with this too.
 */
export const checkShipmentOrders = async (
  deps: LogisticsDeps,
  organisationId: string,
  orderIds: readonly string[],
): Promise<{ errors: FieldError[]; parties: Party[] }> => {
  const errors: FieldError[] = [];
  const parties: Party[] = [];
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
  return { errors, parties };
};

/**
 * Checks a shipment `organisationId` would ship (content, orders, forwarder and carrier) without
 * storing anything; throws the field errors.
 */
export const prepareShipment = async (
  deps: LogisticsDeps,
  organisationId: string,
  input: CreateShipmentInput,
): Promise<PreparedShipment> => {
  const { orderIds, forwarderOrganisationId, carrierOrganisationId, ...rest } = input;
  const checked = validateShipmentContent(rest, deps.codes);
  const orders = await checkShipmentOrders(deps, organisationId, orderIds);
  const errors: FieldError[] = [...(checked.ok ? [] : checked.errors), ...orders.errors];
  const parties: Party[] = [{ organisationId, role: 'shipper' }, ...orders.parties];
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
  return { row, orderIds, parties };
};

/** Stores a prepared shipment with its outbox event, inside the caller's transaction. */
export const storeShipment = async (trx: Transaction<object>, prepared: PreparedShipment) => {
  const { row, orderIds, parties } = prepared;
  await insertShipment(trx, row, orderIds, parties);
  await publishEvent(trx, {
    topic: logisticsEvents.shipmentCreated,
    organisationId: row.shipper_organisation_id,
    payload: {
      shipmentId: row.id,
      orderIds,
      forwarderOrganisationId: row.forwarder_organisation_id,
      carrierOrganisationId: row.carrier_organisation_id,
    },
  });
};

/** The stored shipment as `organisationId`, one of its parties, sees it. */
export const presentPreparedShipment = (prepared: PreparedShipment, organisationId: string) =>
  presentShipment(prepared.row, {
    roles: [
      ...new Set(prepared.parties.filter((p) => p.organisationId === organisationId).map((p) => p.role)),
    ],
    orderIds: [...prepared.orderIds].sort(),
  });

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
  const prepared = await prepareShipment(deps, organisationId, input);
  await deps.db.transaction(async (trx) => {
    await storeShipment(trx, prepared);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'shipment', id: prepared.row.id },
      detail: { orderIds: prepared.orderIds },
    });
  });
  deps.afterCommit();
  return presentPreparedShipment(prepared, organisationId);
};
