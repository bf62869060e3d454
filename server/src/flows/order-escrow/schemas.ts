import { z } from 'zod';

const ZId = z.string().min(1).max(64);
const ZNote = z.string().trim().min(1).max(1000);

export const ZOrderParams = z.object({ orgId: ZId, orderId: ZId });

export const ZFundInput = z.strictObject({
  /** The buyer's account in the order's currency the money is reserved on. */
  debitAccountId: ZId,
  releaseTrigger: z.enum(['buyer_acceptance', 'delivery', 'date']),
  releaseOn: z.iso.date().optional(),
  mediatorOrganisationId: ZId.optional(),
  note: ZNote.optional(),
});

export const ZResolveInput = z.strictObject({ note: ZNote.optional() });

export const ZSplitInput = z.strictObject({
  /** What the seller receives; the rest returns to the buyer. */
  sellerAmount: z.string().min(1).max(40),
  note: ZNote.optional(),
});

const ZEscrowStatus = z.enum(['funded', 'released', 'refunded', 'split']);

export const ZEscrow = z.object({
  id: z.string(),
  orderId: z.string(),
  status: ZEscrowStatus,
  amount: z.string(),
  currency: z.string(),
  releaseTrigger: z.enum(['buyer_acceptance', 'delivery', 'date']),
  releaseOn: z.string().nullable(),
  buyerOrganisationId: z.string(),
  sellerOrganisationId: z.string(),
  mediatorOrganisationId: z.string().nullable(),
  pendingTransferId: z.string(),
  resolutionTransferId: z.string().nullable(),
  debitAccountId: z.string().nullable(),
  creditAccountId: z.string().nullable(),
  sellerAmount: z.string().nullable(),
  buyerAmount: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({
      seq: z.number(),
      kind: ZEscrowStatus,
      reason: z.string(),
      at: z.string(),
      byOrganisationId: z.string().nullable(),
      byActorType: z.enum(['user', 'api_key', 'system']),
      byLabel: z.string(),
      transferId: z.string(),
      sellerAmount: z.string().nullable(),
      buyerAmount: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
