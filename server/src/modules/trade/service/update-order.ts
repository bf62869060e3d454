import { AppError } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import type { OrderContentInput } from '../domain/order-json.ts';
import { tradeEvents } from '../events.ts';
import { revokeInvitations } from '../repository.ts';
import { loadOrderForChange } from './access.ts';
import type { WriteContext } from './context.ts';
import { inviteBuyer } from './invite-buyer.ts';
import { prepareContent, sideInContent, validationFailed } from './prepare-content.ts';
import { presentOrder } from './presenters.ts';
import { recordChange } from './record-change.ts';

/**
 * Replaces the content of a draft, by the organisation that drafted it, at the version it read.
 * The seller (the owner) stays; the buyer may still be changed, and a new e-mail address gets a
 * new invitation link (the old one stops working).
 */
export const updateOrder = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  input: { version: number; content: OrderContentInput },
) => {
  const result = await deps.db.transaction(async (trx) => {
    const { row, side } = await loadOrderForChange(trx, organisationId, orderId, input.version);
    if (row.status !== 'draft') {
      throw new AppError(
        'trade.not_editable',
        'Only a draft is edited; answer an offer with a counter-offer.',
        {
          details: { currentStatus: row.status },
        },
      );
    }
    if (row.created_by_organisation_id !== organisationId) {
      throw new AppError('trade.not_your_move', 'Only the organisation that drafted the order edits it.');
    }
    const content = await prepareContent(trx, deps, input.content);
    if (
      content.seller.organisationId !== row.seller_organisation_id ||
      sideInContent(content, organisationId) !== side
    ) {
      throw validationFailed([
        {
          field: 'content.seller.organisationId',
          code: 'trade.parties_changed',
          message: 'the seller of an order and your side in it stay the same',
        },
      ]);
    }
    const now = deps.now();
    const buyerId = content.buyer.organisationId ?? null;
    const email = buyerId === null ? (content.buyer.email ?? null) : null;
    let invitationUrl: string | undefined;
    if (email === null) {
      await revokeInvitations(trx, orderId, now);
    } else if (email !== row.buyer_invitation_email || row.buyer_organisation_id !== null) {
      invitationUrl = await inviteBuyer(trx, deps, orderId, email, now);
    }
    const updated = await recordChange(
      trx,
      ctx,
      row,
      {
        organisationId,
        action: 'update',
        content,
        buyerOrganisationId: buyerId,
        buyerInvitationEmail: email,
        topic: tradeEvents.orderUpdated,
      },
      now,
    );
    return { updated, side, invitationUrl };
  });
  deps.afterCommit();
  return {
    ...presentOrder(result.updated, result.side),
    ...(result.invitationUrl === undefined ? {} : { invitationUrl: result.invitationUrl }),
  };
};
