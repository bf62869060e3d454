import { AppError, moneyFromJson } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import { publishEvent } from '../../../platform/events/index.ts';
import type { OrderContentJson } from '../domain/order-json.ts';
import { insertHistory, type OrderChange, type OrderRow, updateOrder } from '../repository.ts';
import { actingAs, type WriteContext } from './context.ts';
import { searchTextOf } from './presenters.ts';

export type RecordedChange = {
  /** The organisation acting. */
  organisationId: string;
  action: string;
  note?: string | undefined;
  /** The new content, when the change touches it. */
  content?: OrderContentJson | undefined;
  status?: OrderRow['status'];
  awaitingSide?: OrderRow['awaiting_side'];
  buyerOrganisationId?: string | null;
  buyerInvitationEmail?: string | null;
  topic: string;
  detail?: Record<string, unknown>;
};

/**
 * Writes one change of an order in the caller's transaction: the row (version + 1, refused when
 * someone changed it since it was read), its history row, its outbox event and its audit row.
 */
export const recordChange = async (
  trx: Transaction<object>,
  ctx: WriteContext,
  row: OrderRow,
  change: RecordedChange,
  now: Date,
): Promise<OrderRow> => {
  const content = change.content ?? (row.content as OrderContentJson);
  const next: OrderChange = {
    status: change.status ?? row.status,
    awaiting_side: change.awaitingSide === undefined ? row.awaiting_side : change.awaitingSide,
    content,
    buyer_reference: content.buyerReference,
    currency: content.total.currency,
    total_minor: String(totalMinorOf(content)),
    search_text: searchTextOf(content),
    buyer_organisation_id:
      change.buyerOrganisationId === undefined ? row.buyer_organisation_id : change.buyerOrganisationId,
    buyer_invitation_email:
      change.buyerInvitationEmail === undefined ? row.buyer_invitation_email : change.buyerInvitationEmail,
    updated_at: now,
  };
  if (!(await updateOrder(trx, row.id, row.version, next))) {
    throw new AppError('trade.version_conflict', 'The order was changed by someone else meanwhile.', {
      details: { currentStatus: row.status },
    });
  }
  const version = row.version + 1;
  await insertHistory(trx, {
    order_id: row.id,
    version,
    at: now,
    action: change.action,
    status: next.status,
    by_organisation_id: change.organisationId,
    ...actingAs(ctx.actor),
    note: change.note ?? null,
    content: change.content ?? null,
    detail: change.detail ?? null,
  });
  await publishEvent(trx, {
    topic: change.topic,
    organisationId: row.seller_organisation_id,
    payload: {
      orderId: row.id,
      version,
      action: change.action,
      status: next.status,
      byOrganisationId: change.organisationId,
      sellerOrganisationId: row.seller_organisation_id,
      buyerOrganisationId: next.buyer_organisation_id,
      ...(change.detail ?? {}),
    },
  });
  await ctx.audit(trx, {
    organisationId: change.organisationId,
    object: { type: 'order', id: row.id },
    detail: { action: change.action, version, status: next.status },
  });
  return { ...row, ...next, content, version };
};

/** The total in minor units, as the list filters and sorts on it. */
export const totalMinorOf = (content: OrderContentJson): bigint => moneyFromJson(content.total).amountMinor;
