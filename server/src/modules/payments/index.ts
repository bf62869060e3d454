import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from './deps.ts';
import { registerPaymentsRoutes } from './routes.ts';
import type { WriteContext } from './service/context.ts';
import { type CreateAccountInput, createAccount } from './service/create-account.ts';
import { createBatch } from './service/create-batch.ts';
import { loadFxQuotes } from './service/create-fx-quote.ts';
import { createTransfer, type TransferInput } from './service/create-transfer.ts';
import { dayRate } from './service/day-rate.ts';
import {
  dueEscrows,
  type EscrowActedBy,
  type EscrowOutcome,
  type FundEscrowInput,
  findEscrow,
  fundEscrow,
  resolveEscrow,
} from './service/escrow.ts';
import { expirePendingTransfers } from './service/expire-pending-transfers.ts';
import type { FxRateProvider } from './service/fx-rate-provider.ts';
import { ledgerInvariants } from './service/ledger-invariants.ts';
import { type ResolveInput, resolvePending } from './service/resolve-pending.ts';

export type { PaymentsDeps } from './deps.ts';
export { paymentsErrorStatuses } from './errors.ts';
export type { Escrow, EscrowEvent, EscrowStatus, EscrowTrigger } from './escrow-repository.ts';
// ISO 20022 messages (pain.001 in; pacs.008, pacs.002, camt.053 out): pure, see docs/iso20022.md.
export * from './formats/iso20022/index.ts';
// Outbound payments over the rails (sandbox, CIPS, e-CNY): docs/payment-rails.md.
export { type Pacs008Read, readPacs002, readPacs008 } from './rails/messages-read.ts';
export { railFieldErrorCodes } from './rails/rails.ts';
export { sandboxRejection, sandboxSettle } from './rails/sandbox.ts';
export type {
  PaymentRail,
  RailId,
  RailsSettings,
  RailTransportSetting,
  RailTransportSettings,
  StatusReport,
} from './rails/types.ts';
export type { Account, AccountKind, Transfer } from './repository.ts';
export type { AuditedChange, WriteContext } from './service/context.ts';
export type { CreateAccountInput } from './service/create-account.ts';
export type { TransferInput } from './service/create-transfer.ts';
export {
  type EscrowActedBy,
  type EscrowJson,
  type EscrowOutcome,
  type EscrowRecord,
  escrowJson,
  type FundEscrowInput,
} from './service/escrow.ts';
export { csvFxRateProvider, type FxRateProvider, type ProvidedRate } from './service/fx-rate-provider.ts';
export { type LedgerInvariants, ledgerInvariants } from './service/ledger-invariants.ts';
export type { Posted } from './service/posting.ts';
export type { ResolveInput } from './service/resolve-pending.ts';

/** How often the sweeper looks for expired pending transfers, and how many it expires at a time. */
const SWEEP_INTERVAL_MS = 5_000;
const SWEEP_BATCH = 100;

/** The payments module bound to its dependencies: what the composition root and flows use. */
export const createPaymentsModule = (deps: PaymentsDeps) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    // A failed sweep (the database restarting) is simply retried at the next tick.
    running = expirePendingTransfers(deps, deps.now(), SWEEP_BATCH).catch(() => 0);
  };
  return {
    registerRoutes: (app: FastifyInstance) => registerPaymentsRoutes(app, deps),
    // The same use cases the HTTP routes run, for callers in the hub's process (flows, the
    // benchmark): `ctx` says who acts and audits the change in the ledger's transaction; the
    // caller has already decided that `organisationId` may act.
    /** Opens an account of the organisation (an overdraft or unlimited account: banks only). */
    createAccount: (ctx: WriteContext, organisationId: string, input: CreateAccountInput) =>
      createAccount(deps, ctx, organisationId, input),
    /** Posts or reserves one transfer debiting an account of the organisation; idempotent by `input.id`. */
    createTransfer: (ctx: WriteContext, organisationId: string, input: TransferInput) =>
      createTransfer(deps, ctx, organisationId, input),
    /** Linked transfers in one transaction: all commit or none does. */
    createBatch: (ctx: WriteContext, organisationId: string, inputs: readonly TransferInput[]) =>
      createBatch(deps, ctx, organisationId, inputs),
    /** Posts (all or part of) or voids a pending transfer, exactly once. */
    resolvePending: (
      ctx: WriteContext,
      organisationId: string,
      pendingId: string,
      op: 'post' | 'void',
      input: ResolveInput,
    ) => resolvePending(deps, ctx, organisationId, pendingId, op, input),
    /** Expires up to `limit` pending transfers past their deadline; returns how many. */
    expirePendingTransfers: (now: Date, limit: number) => expirePendingTransfers(deps, now, limit),
    /** The last rate quoted for the pair by the end of a day (UTC), within a week; for statistics. */
    dayRate: (from: string, to: string, day: string) => dayRate(deps, from, to, day),
    /** Stores the provider's rates as quotes of the institution, valid for `ttlSeconds`. */
    loadFxQuotes: (organisationId: string, provider: FxRateProvider, ttlSeconds: number) =>
      loadFxQuotes(deps, organisationId, provider, ttlSeconds),
    // Order escrow (docs/payments.md, "Order escrow"): the order-escrow flow decides who may;
    // each call is one transaction holding the escrow row, its event, the audit and the posting.
    /** Reserves an order's amount on the buyer's account for the seller's account in that currency. */
    fundEscrow: (ctx: WriteContext, input: FundEscrowInput) => fundEscrow(deps, ctx, input),
    /** Releases, refunds or splits a funded escrow, exactly once. */
    resolveEscrow: (ctx: WriteContext, escrowId: string, outcome: EscrowOutcome, by: EscrowActedBy) =>
      resolveEscrow(deps, ctx, escrowId, outcome, by),
    /** The order's escrow with its steps, or undefined. */
    findEscrow: (orderId: string) => findEscrow(deps, orderId),
    /** Funded escrows released by date whose day (UTC) has come, at most `limit`. */
    dueEscrows: (now: Date, limit: number) => dueEscrows(deps, now, limit),
    /** Conservation, limits and resolve-once, recomputed from the tables. */
    ledgerInvariants: () => ledgerInvariants(deps.db.kysely),
    /** Expires due pending transfers in the background until `stop`. */
    sweeper: {
      start: () => {
        timer ??= setInterval(sweep, SWEEP_INTERVAL_MS);
        timer.unref();
      },
      stop: async () => {
        clearInterval(timer);
        timer = undefined;
        await running;
      },
    },
  };
};

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
