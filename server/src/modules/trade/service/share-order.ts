import type { Actor } from '../../../platform/access/index.ts';
import { actorId, grantRelation } from '../../../platform/access/index.ts';
import type { TradeDeps } from '../deps.ts';
import { tradeEvents } from '../events.ts';
import { findDirectoryEntries, type ShareRole, upsertShare } from '../repository.ts';
import { loadOrderForChange } from './access.ts';
import type { WriteContext } from './context.ts';
import { validationFailed } from './prepare-content.ts';
import { recordChange } from './record-change.ts';

/** The relation that lets another organisation read one order and its documents, nothing else. */
export const orderViewer = (orderId: string, organisationId: string) => ({
  subject: { type: 'organisation', id: organisationId },
  relation: 'viewer',
  object: { type: 'order', id: orderId },
});

const createdBy = (actor: Actor | null) => (actor === null ? null : actorId(actor));

/** Shares an order with a forwarder, broker, bank or other organisation, by the seller or the buyer. */
export const shareOrder = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  input: { organisationId: string; role: ShareRole },
) => {
  const share = await deps.db.transaction(async (trx) => {
    const { row } = await loadOrderForChange(trx, organisationId, orderId, undefined);
    const target = (await findDirectoryEntries(trx, [input.organisationId])).get(input.organisationId);
    if (target === undefined) {
      throw validationFailed([
        {
          field: 'organisationId',
          code: 'trade.unknown_organisation',
          message: 'no such organisation on the hub',
        },
      ]);
    }
    if (
      input.organisationId === row.seller_organisation_id ||
      input.organisationId === row.buyer_organisation_id
    ) {
      throw validationFailed([
        {
          field: 'organisationId',
          code: 'trade.same_organisation',
          message: 'the seller and the buyer already see the order',
        },
      ]);
    }
    const now = deps.now();
    await grantRelation(trx, orderViewer(orderId, input.organisationId), createdBy(ctx.actor));
    await upsertShare(trx, {
      order_id: orderId,
      organisation_id: input.organisationId,
      role: input.role,
      shared_by_organisation_id: organisationId,
      shared_at: now,
    });
    await recordChange(
      trx,
      ctx,
      row,
      {
        organisationId,
        action: 'share',
        topic: tradeEvents.orderShared,
        detail: { sharedWithOrganisationId: input.organisationId, role: input.role },
      },
      now,
    );
    return {
      organisationId: input.organisationId,
      name: target.name,
      role: input.role,
      sharedAt: now.toISOString(),
      sharedByOrganisationId: organisationId,
    };
  });
  deps.afterCommit();
  return share;
};
