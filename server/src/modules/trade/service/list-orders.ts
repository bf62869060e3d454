import type { TradeDeps } from '../deps.ts';
import { listOrders as listOrderRows, type OrderFilter } from '../repository.ts';
import { sideOf } from './access.ts';
import { presentOrder } from './presenters.ts';

/** The orders the organisation is seller, buyer or a shared party of, newest first. */
export const listOrders = async (deps: TradeDeps, filter: OrderFilter) => {
  const { rows, more, total } = await listOrderRows(deps.db.kysely, filter);
  return {
    items: rows.map((row) => presentOrder(row, sideOf(row, filter.organisationId) ?? 'shared')),
    nextCursor: more ? (rows.at(-1)?.id ?? null) : null,
    total,
  };
};
