import { AppError } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import type { OrderContentJson } from '../domain/order-json.ts';
import { findDirectoryEntries, findInvitation, findOrder } from '../repository.ts';
import { invitationTokenHash } from './context.ts';

/** What an invited buyer sees before claiming: who offers what, for which e-mail address. */
export const getOrderInvitation = async (deps: TradeDeps, token: string) => {
  const ex = deps.db.kysely;
  const invitation = await findInvitation(ex, invitationTokenHash(deps.secretKey, token));
  const order = invitation === undefined ? undefined : await findOrder(ex, invitation.order_id);
  if (invitation === undefined || invitation.revoked_at !== null || order === undefined) {
    throw new AppError('trade.invitation_not_found', 'This invitation link is not valid.');
  }
  const content = order.content as OrderContentJson;
  const seller = (await findDirectoryEntries(ex, [order.seller_organisation_id])).get(
    order.seller_organisation_id,
  );
  return {
    orderId: order.id,
    email: invitation.email,
    status: invitation.claimed_at === null ? ('pending' as const) : ('claimed' as const),
    sellerOrganisationId: order.seller_organisation_id,
    sellerName: seller?.name ?? content.seller.name,
    buyerReference: content.buyerReference,
    orderStatus: order.status,
    total: content.total,
    lineCount: content.lines.length,
  };
};
