import { randomBytes } from 'node:crypto';
import type { Executor } from '../../../platform/access/index.ts';
import type { TradeDeps } from '../deps.ts';
import { insertInvitation, revokeInvitations } from '../repository.ts';
import { invitationTokenHash } from './context.ts';

/**
 * Records an invitation for a buyer not on the hub and returns the link that claims the order.
 * The hub has no mail provider yet, so the link goes back to the seller to send; only a keyed
 * hash of its token is stored, and nothing about it is logged. An earlier unclaimed invitation
 * for the order stops working.
 */
export const inviteBuyer = async (
  ex: Executor,
  deps: TradeDeps,
  orderId: string,
  email: string,
  now: Date,
): Promise<string> => {
  await revokeInvitations(ex, orderId, now);
  const token = randomBytes(32).toString('base64url');
  await insertInvitation(ex, {
    token_hash: invitationTokenHash(deps.secretKey, token),
    order_id: orderId,
    email,
    created_at: now,
  });
  return `${deps.publicUrl.replace(/\/+$/, '')}/order-invitations/${token}`;
};
