import { AppError } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import type { OrderContentJson } from '../domain/order-json.ts';
import { tradeEvents } from '../events.ts';
import { claimInvitation, findInvitation, findOrder } from '../repository.ts';
import { invitationTokenHash, type WriteContext } from './context.ts';
import { presentOrder } from './presenters.ts';
import { recordChange } from './record-change.ts';

/** The invited buyer's organisation takes its place in the order; the link then stops working. */
export const claimOrderInvitation = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  token: string,
) => {
  const updated = await deps.db.transaction(async (trx) => {
    const tokenHash = invitationTokenHash(deps.secretKey, token);
    const invitation = await findInvitation(trx, tokenHash);
    const row = invitation === undefined ? undefined : await findOrder(trx, invitation.order_id, true);
    if (invitation === undefined || invitation.revoked_at !== null || row === undefined) {
      throw new AppError('trade.invitation_not_found', 'This invitation link is not valid.');
    }
    if (invitation.claimed_at !== null || row.buyer_organisation_id !== null) {
      throw new AppError('trade.invitation_claimed', 'The order has already been claimed by its buyer.');
    }
    if (row.seller_organisation_id === organisationId) {
      throw new AppError('trade.invitation_claimed', 'The seller cannot claim its own order as buyer.');
    }
    const now = deps.now();
    await claimInvitation(trx, tokenHash, organisationId, now);
    const before = row.content as OrderContentJson;
    return recordChange(
      trx,
      ctx,
      row,
      {
        organisationId,
        action: 'claim',
        content: { ...before, buyer: { ...before.buyer, organisationId } },
        buyerOrganisationId: organisationId,
        topic: tradeEvents.orderClaimed,
      },
      now,
    );
  });
  deps.afterCommit();
  return presentOrder(updated, 'buyer');
};
