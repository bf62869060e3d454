import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, isApiError, seg } from './client.ts';
import { orderKeys } from './orders.ts';
import { paymentKeys } from './payments.ts';

// An order's escrow (server/src/flows/order-escrow/routes.ts; contract in docs/payments.md,
// "Order escrow"). Amounts are decimal strings in the order's currency, never JSON numbers.

export const RELEASE_TRIGGERS = ['buyer_acceptance', 'delivery', 'date'] as const;
export type ReleaseTrigger = (typeof RELEASE_TRIGGERS)[number];

export const ESCROW_STATUSES = ['funded', 'released', 'refunded', 'split'] as const;
export type EscrowStatus = (typeof ESCROW_STATUSES)[number];

export type EscrowEvent = {
  seq: number;
  kind: EscrowStatus;
  reason: string;
  at: string;
  byOrganisationId: string | null;
  byActorType: 'user' | 'api_key' | 'system';
  byLabel: string;
  transferId: string;
  sellerAmount: string | null;
  buyerAmount: string | null;
  note: string | null;
};

export type Escrow = {
  id: string;
  orderId: string;
  status: EscrowStatus;
  amount: string;
  currency: string;
  releaseTrigger: ReleaseTrigger;
  releaseOn: string | null;
  buyerOrganisationId: string;
  sellerOrganisationId: string;
  mediatorOrganisationId: string | null;
  pendingTransferId: string;
  resolutionTransferId: string | null;
  /** Shown to the buyer and the seller only. */
  debitAccountId: string | null;
  creditAccountId: string | null;
  sellerAmount: string | null;
  buyerAmount: string | null;
  createdAt: string;
  updatedAt: string;
  events: EscrowEvent[];
};

export type FundInput = {
  debitAccountId: string;
  releaseTrigger: ReleaseTrigger;
  releaseOn?: string;
  mediatorOrganisationId?: string;
  note?: string;
};

export type EscrowOutcome = 'release' | 'refund';

const path = (orgId: string, orderId: string) => `/api/orgs/${seg(orgId)}/orders/${seg(orderId)}/escrow`;

export const escrowKey = (orgId: string, orderId: string) =>
  [...orderKeys.one(orgId, orderId), 'escrow'] as const;

/** The order's escrow, or null while the order has none (404 `escrow.not_found`). */
export const getEscrow = async (
  orgId: string,
  orderId: string,
  signal?: AbortSignal,
): Promise<Escrow | null> => {
  try {
    return await apiGet<Escrow>(path(orgId, orderId), undefined, signal);
  } catch (error) {
    if (isApiError(error) && error.code === 'escrow.not_found') {
      return null;
    }
    throw error;
  }
};

export const fundEscrow = (orgId: string, orderId: string, input: FundInput): Promise<Escrow> =>
  apiPost<Escrow>(path(orgId, orderId), input);

export const resolveEscrow = (
  orgId: string,
  orderId: string,
  outcome: EscrowOutcome,
  note?: string,
): Promise<Escrow> => apiPost<Escrow>(`${path(orgId, orderId)}/${outcome}`, note ? { note } : {});

export const splitEscrow = (
  orgId: string,
  orderId: string,
  input: { sellerAmount: string; note?: string },
): Promise<Escrow> => apiPost<Escrow>(`${path(orgId, orderId)}/split`, input);

export const useEscrow = (orgId: string, orderId: string) =>
  useQuery({
    queryKey: escrowKey(orgId, orderId),
    queryFn: ({ signal }) => getEscrow(orgId, orderId, signal),
  });

/** Any escrow step moves money: the escrow, the order and the organisation's balances are refreshed. */
export const useEscrowMutation = <Input>(orgId: string, write: (input: Input) => Promise<Escrow>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: orderKeys.all(orgId) }),
        queryClient.invalidateQueries({ queryKey: paymentKeys.all(orgId) }),
      ]);
    },
  });
};
