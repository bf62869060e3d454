import type { Database } from '../../platform/db/index.ts';
import type { WriteContext as PaymentsWriteContext, Posted, TransferInput } from '../payments/index.ts';
import type { RegistryKey } from './domain/fingerprints.ts';
import type { OrderForFinance } from './domain/purchase-order.ts';

/** What the finance module needs from the composition root. */
export type FinanceDeps = {
  db: Database;
  now: () => Date;
  /**
   * The registry keys, the current one first: new registrations are fingerprinted under it, and
   * checks look up every one, so rows made under a retired key are still found until they lapse.
   */
  registryKeys: readonly [RegistryKey, ...RegistryKey[]];
  /** The documents module's reads, for the invoice credential a financing request is made for. */
  documents: {
    /** active | revoked | suspended for each of the ids the organisation issued; others absent. */
    statuses: (organisationId: string, documentIds: readonly string[]) => Promise<Map<string, string>>;
    /**
     * The document's verification bundle (its signed credential first); AppError
     * documents.not_yet_anchored until a witnessed checkpoint covers it.
     */
    bundle: (organisationId: string, documentId: string) => Promise<{ credential: Record<string, unknown> }>;
  };
  /** The trade module's reads (its index.ts), for purchase orders and the order of an invoice. */
  orders: {
    /**
     * An order as `organisationId` sees it, with its history and documents; throws AppError
     * `trade.order_not_found` for an order it may not see.
     */
    get: (organisationId: string, orderId: string) => Promise<OrderForFinance>;
    /**
     * A page of the organisation's orders as seller whose reference, parties or lines contain
     * `q`, newest first; `nextCursor` continues it.
     */
    list: (filter: {
      organisationId: string;
      role: 'seller';
      q: string;
      cursor: string | undefined;
      limit: number;
    }) => Promise<{
      items: readonly { id: string; content: { buyerReference: string } }[];
      nextCursor: string | null;
    }>;
  };
  /** The payments ledger: disbursement and repayment are transfers in it. */
  payments: {
    createTransfer: (
      ctx: PaymentsWriteContext,
      organisationId: string,
      input: TransferInput,
    ) => Promise<Posted>;
  };
};
