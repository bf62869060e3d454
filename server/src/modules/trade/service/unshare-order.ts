import { AppError } from '@tradehub/kernel';
import { revokeRelation } from '../../../platform/access/index.ts';
import type { TradeDeps } from '../deps.ts';
import { tradeEvents } from '../events.ts';
import { deleteShare } from '../repository.ts';
import { loadOrderForChange } from './access.ts';
import type { WriteContext } from './context.ts';
import { recordChange } from './record-change.ts';
import { orderViewer } from './share-order.ts';

/** Stops sharing an order with an organisation; from then on it gets 404 for the order. */
export const unshareOrder = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  sharedWith: string,
) => {
  await deps.db.transaction(async (trx) => {
    const { row } = await loadOrderForChange(trx, organisationId, orderId, undefined);
    const removed = await deleteShare(trx, orderId, sharedWith);
    await revokeRelation(trx, orderViewer(orderId, sharedWith));
    if (!removed) {
      throw new AppError('trade.share_not_found', `The order is not shared with ${sharedWith}.`);
    }
    await recordChange(
      trx,
      ctx,
      row,
      {
        organisationId,
        action: 'unshare',
        topic: tradeEvents.orderUnshared,
        detail: { sharedWithOrganisationId: sharedWith },
      },
      deps.now(),
    );
  });
  deps.afterCommit();
};
