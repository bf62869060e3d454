import { AppError } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import { type OrderContentJson, orderContentFromJson } from '../domain/order-json.ts';
import type { OrderStatus } from '../domain/order-state-machine.ts';
import { listHistory } from '../repository.ts';
import { loadVisibleOrder } from './access.ts';

// UNCL 4343 response codes: accepted (AP), rejected (RE), accepted with changes (CA).
const responseCodeOf = (status: OrderStatus): { code: 'AP' | 'RE' | 'CA'; action: string } | undefined => {
  switch (status) {
    case 'accepted':
    case 'in_fulfilment':
    case 'completed':
      return { code: 'AP', action: 'accept' };
    case 'rejected':
      return { code: 'RE', action: 'reject' };
    case 'countered':
      return { code: 'CA', action: 'counter' };
    default:
      return undefined;
  }
};

/** The answer to the order as a UBL 2.4 OrderResponse, once it was accepted, rejected or countered. */
export const exportUblOrderResponse = async (deps: TradeDeps, organisationId: string, orderId: string) => {
  const ex = deps.db.kysely;
  const { row } = await loadVisibleOrder(ex, organisationId, orderId);
  const response = responseCodeOf(row.status);
  if (response === undefined) {
    throw new AppError('trade.no_order_response', `An order that is ${row.status} has not been answered.`, {
      details: { currentStatus: row.status },
    });
  }
  const answer = (await listHistory(ex, orderId)).filter((h) => h.action === response.action).at(-1);
  return deps.formats.buildUblOrderResponse(orderContentFromJson(row.content as OrderContentJson), {
    orderId,
    responseCode: response.code,
    ...(answer?.note == null ? {} : { note: answer.note }),
    issueDate: (answer?.at ?? row.updated_at).toISOString().slice(0, 10),
  });
};
