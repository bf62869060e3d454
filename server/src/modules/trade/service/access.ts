import { AppError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { OrderSide } from '../domain/order-state-machine.ts';
import { findOrder, isSharedWith, type OrderRow } from '../repository.ts';

export type OrderRole = OrderSide | 'shared';

/** The side `organisationId` is on, if it is the seller or the buyer. */
export const sideOf = (row: OrderRow, organisationId: string): OrderSide | undefined =>
  row.seller_organisation_id === organisationId
    ? 'seller'
    : row.buyer_organisation_id === organisationId
      ? 'buyer'
      : undefined;

const notFound = (orderId: string) => new AppError('trade.order_not_found', `No order ${orderId}.`);

/**
 * The order as `organisationId` may see it, with its role; 404 for an order it is no party of and
 * was not shared with, so probing ids reveals nothing.
 */
export const loadVisibleOrder = async (
  ex: Executor,
  organisationId: string,
  orderId: string,
  forUpdate = false,
): Promise<{ row: OrderRow; role: OrderRole }> => {
  const row = await findOrder(ex, orderId, forUpdate);
  if (row === undefined) {
    throw notFound(orderId);
  }
  const side = sideOf(row, organisationId);
  if (side !== undefined) {
    return { row, role: side };
  }
  if (await isSharedWith(ex, orderId, organisationId)) {
    return { row, role: 'shared' };
  }
  throw notFound(orderId);
};

/** The order for a change by a party of it: 403 for an organisation it is only shared with. */
export const loadOrderForChange = async (
  ex: Executor,
  organisationId: string,
  orderId: string,
  version: number | undefined,
): Promise<{ row: OrderRow; side: OrderSide }> => {
  const { row, role } = await loadVisibleOrder(ex, organisationId, orderId, true);
  if (role === 'shared') {
    throw new AppError('trade.not_a_party', 'The order is shared with your organisation to read only.');
  }
  if (version !== undefined && row.version !== version) {
    throw new AppError('trade.version_conflict', `The order is at version ${row.version}, not ${version}.`, {
      details: { currentVersion: row.version, currentStatus: row.status },
    });
  }
  return { row, side: role };
};
