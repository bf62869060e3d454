import type { PaymentsModule } from '../../modules/payments/index.ts';
import type { TradeModule } from '../../modules/trade/index.ts';

/** What the order-escrow flow needs: the modules it spans and the organisation directory. */
export type OrderEscrowDeps = {
  now: () => Date;
  payments: Pick<PaymentsModule, 'fundEscrow' | 'resolveEscrow' | 'findEscrow' | 'dueEscrows'>;
  trade: Pick<TradeModule, 'getOrder'>;
  /** The organisation's kind (identity): mediators decide disputes, carriers confirm delivery. */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
};
