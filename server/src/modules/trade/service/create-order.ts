import { newId } from '@tradehub/kernel';
import { publishEvent } from '../../../platform/events/index.ts';
import type { TradeDeps } from '../deps.ts';
import type { OrderContentInput, OrderContentJson } from '../domain/order-json.ts';
import { tradeEvents } from '../events.ts';
import { insertHistory, insertOrder, type OrderRow } from '../repository.ts';
import { actingAs, type WriteContext } from './context.ts';
import { inviteBuyer } from './invite-buyer.ts';
import { prepareContent, sideInContent } from './prepare-content.ts';
import { presentOrder, searchTextOf } from './presenters.ts';
import { totalMinorOf } from './record-change.ts';

/**
 * Creates a draft order for `organisationId`, which must be its seller or its buyer. A buyer not
 * on the hub is invited by e-mail: the answer then carries the claim link, once.
 */
export const createOrder = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  input: OrderContentInput,
  origin: 'form' | 'ubl' = 'form',
) => {
  const result = await deps.db.transaction(async (trx) => {
    const content: OrderContentJson = await prepareContent(trx, deps, input);
    const side = sideInContent(content, organisationId);
    const now = deps.now();
    const invitedEmail = content.buyer.organisationId === undefined ? (content.buyer.email ?? null) : null;
    const row: OrderRow = {
      id: newId('ord'),
      seller_organisation_id: content.seller.organisationId as string,
      buyer_organisation_id: content.buyer.organisationId ?? null,
      buyer_invitation_email: invitedEmail,
      created_by_organisation_id: organisationId,
      created_by_side: side,
      status: 'draft',
      awaiting_side: null,
      content,
      buyer_reference: content.buyerReference,
      currency: content.total.currency,
      total_minor: String(totalMinorOf(content)),
      search_text: searchTextOf(content),
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertOrder(trx, { ...row, content });
    const invitationUrl =
      invitedEmail === null ? undefined : await inviteBuyer(trx, deps, row.id, invitedEmail, now);
    await insertHistory(trx, {
      order_id: row.id,
      version: 1,
      at: now,
      action: 'create',
      status: 'draft',
      by_organisation_id: organisationId,
      ...actingAs(ctx.actor),
      note: null,
      content,
      detail: { origin },
    });
    await publishEvent(trx, {
      topic: tradeEvents.orderCreated,
      organisationId: row.seller_organisation_id,
      payload: {
        orderId: row.id,
        version: 1,
        sellerOrganisationId: row.seller_organisation_id,
        buyerOrganisationId: row.buyer_organisation_id,
        byOrganisationId: organisationId,
        origin,
      },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'order', id: row.id },
      detail: { origin, invitedBuyer: invitedEmail !== null },
    });
    return { row, side, invitationUrl };
  });
  deps.afterCommit();
  return {
    ...presentOrder(result.row, result.side),
    ...(result.invitationUrl === undefined ? {} : { invitationUrl: result.invitationUrl }),
  };
};
