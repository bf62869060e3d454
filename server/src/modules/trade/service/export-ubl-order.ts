import type { TradeDeps } from '../deps.ts';
import { type OrderContentJson, orderContentFromJson } from '../domain/order-json.ts';
import { loadVisibleOrder } from './access.ts';

/** The order as a UBL 2.4 Order document. */
export const exportUblOrder = async (deps: TradeDeps, organisationId: string, orderId: string) => {
  const { row } = await loadVisibleOrder(deps.db.kysely, organisationId, orderId);
  return deps.formats.buildUblOrder(orderContentFromJson(row.content as OrderContentJson), { orderId });
};
