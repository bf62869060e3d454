import type { OrderContentJson } from '../domain/order-json.ts';
import { allowedActions, type OrderSide } from '../domain/order-state-machine.ts';
import type { OrderRow } from '../repository.ts';
import type { OrderRole } from './access.ts';

/** The organisation whose answer the order awaits (null when settled, or while the buyer is invited). */
const awaitingOrganisationOf = (row: OrderRow): string | null =>
  row.awaiting_side === 'seller'
    ? row.seller_organisation_id
    : row.awaiting_side === 'buyer'
      ? row.buyer_organisation_id
      : null;

export const stateOf = (row: OrderRow) => ({
  status: row.status,
  createdBy: row.created_by_side,
  awaiting: row.awaiting_side,
});

/** An order as `role` sees it (OrderView of the HTTP contract). */
export const presentOrder = (row: OrderRow, role: OrderRole) => ({
  id: row.id,
  version: row.version,
  status: row.status,
  myRole: role,
  sellerOrganisationId: row.seller_organisation_id,
  buyerOrganisationId: row.buyer_organisation_id,
  buyerInvitation:
    row.buyer_invitation_email === null
      ? null
      : {
          email: row.buyer_invitation_email,
          status: row.buyer_organisation_id === null ? ('pending' as const) : ('claimed' as const),
        },
  createdByOrganisationId: row.created_by_organisation_id,
  awaitingOrganisationId: awaitingOrganisationOf(row),
  allowedActions: role === 'shared' ? [] : allowedActions(stateOf(row), role as OrderSide),
  content: row.content as OrderContentJson,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export type OrderView = ReturnType<typeof presentOrder>;

/** What `q` finds an order by: its reference, party names, line descriptions and HS codes. */
export const searchTextOf = (content: OrderContentJson): string =>
  [
    content.buyerReference,
    content.seller.name,
    content.buyer.name,
    ...content.lines.flatMap((line) => [line.descriptionEn, line.descriptionZh ?? '', line.hsCode]),
  ]
    .join('\n')
    .toLowerCase();
