import { newId } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import type { Actor } from '../../../platform/access/index.ts';
import type { PaymentsDeps } from '../deps.ts';
import { formatAmount, parseAmountMinor } from '../domain/amount.ts';
import {
  type Escrow,
  type EscrowEvent,
  type EscrowStatus,
  type EscrowTrigger,
  findEscrowByOrder,
  findPayeeAccountId,
  insertEscrow,
  insertEscrowEvent,
  listDueEscrows,
  listEscrowEvents,
  lockEscrow,
  settleEscrow,
} from '../escrow-repository.ts';
import { refused, type WriteContext } from './context.ts';
import { postTransfers, requestHashOf, rethrowLedgerConstraint } from './posting.ts';

// Escrow is money the ledger already knows how to hold: a pending transfer from the buyer to the
// seller. These use cases only add the record of why it was reserved and how it was resolved,
// written in the same transaction as the posting, so an escrow and its money never disagree.
// Who may fund, release, refund or split is decided by the caller (the order-escrow flow): here
// the resolution runs as the system, like the expiry sweeper.

export type FundEscrowInput = {
  orderId: string;
  buyerOrganisationId: string;
  sellerOrganisationId: string;
  mediatorOrganisationId: string | null;
  /** The buyer's account the money is reserved on. */
  debitAccountId: string;
  amount: string;
  currency: string;
  releaseTrigger: EscrowTrigger;
  /** YYYY-MM-DD (UTC), for the date trigger only. */
  releaseOn: string | null;
  note: string | null;
};

export type EscrowOutcome =
  | { kind: 'release' }
  | { kind: 'refund' }
  | { kind: 'split'; sellerAmount: string };

export type EscrowActedBy = {
  /** Null when the hub acts (the date trigger). */
  organisationId: string | null;
  reason: string;
  note: string | null;
};

const actedBy = (actor: Actor | null) =>
  actor === null
    ? { byActorType: 'system' as const, byActorId: null, byLabel: 'tradehub' }
    : actor.kind === 'user'
      ? { byActorType: 'user' as const, byActorId: actor.userId, byLabel: actor.label }
      : { byActorType: 'api_key' as const, byActorId: actor.apiKeyId, byLabel: actor.label };

const amountOrNull = (minor: bigint | null, currency: string) =>
  minor === null ? null : formatAmount(minor, currency);

/** An escrow with its steps, as the API shows it; account ids only to the buyer and the seller. */
export const escrowJson = (escrow: Escrow, events: readonly EscrowEvent[], viewerOrganisationId: string) => {
  const isParty =
    viewerOrganisationId === escrow.buyerOrganisationId ||
    viewerOrganisationId === escrow.sellerOrganisationId;
  return {
    id: escrow.id,
    orderId: escrow.orderId,
    status: escrow.status,
    amount: formatAmount(escrow.amountMinor, escrow.currency),
    currency: escrow.currency,
    releaseTrigger: escrow.releaseTrigger,
    releaseOn: escrow.releaseOn,
    buyerOrganisationId: escrow.buyerOrganisationId,
    sellerOrganisationId: escrow.sellerOrganisationId,
    mediatorOrganisationId: escrow.mediatorOrganisationId,
    pendingTransferId: escrow.pendingTransferId,
    resolutionTransferId: escrow.resolutionTransferId,
    debitAccountId: isParty ? escrow.debitAccountId : null,
    creditAccountId: isParty ? escrow.creditAccountId : null,
    sellerAmount: amountOrNull(escrow.sellerAmountMinor, escrow.currency),
    buyerAmount: amountOrNull(escrow.buyerAmountMinor, escrow.currency),
    createdAt: escrow.createdAt.toISOString(),
    updatedAt: escrow.updatedAt.toISOString(),
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      reason: e.reason,
      at: e.at.toISOString(),
      byOrganisationId: e.byOrganisationId,
      byActorType: e.byActorType,
      byLabel: e.byLabel,
      transferId: e.transferId,
      sellerAmount: amountOrNull(e.sellerAmountMinor, escrow.currency),
      buyerAmount: amountOrNull(e.buyerAmountMinor, escrow.currency),
      note: e.note,
    })),
  };
};

export type EscrowJson = ReturnType<typeof escrowJson>;
export type EscrowRecord = { escrow: Escrow; events: EscrowEvent[] };

const escrowExists = () => refused('payments.escrow_exists', 'This order already has an escrow.');

/** The ledger's transaction, with a concurrent second funding of the order told apart. */
const inEscrowTransaction = <T>(deps: PaymentsDeps, work: (trx: Transaction<object>) => Promise<T>) =>
  deps.db.transaction(work).catch((error: unknown): never => {
    const pg = error as { code?: string; constraint?: string; message?: string };
    if (
      pg.code === '23505' &&
      `${pg.constraint ?? ''} ${pg.message ?? ''}`.includes('escrows_one_per_order')
    ) {
      throw escrowExists();
    }
    return rethrowLedgerConstraint(error);
  });

/** Reserves the order's amount on the buyer's account for the seller's account in that currency. */
export const fundEscrow = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  input: FundEscrowInput,
): Promise<EscrowRecord> => {
  const now = deps.now();
  const amountMinor = parseAmountMinor(input.amount, input.currency);
  const id = newId('esc');
  return inEscrowTransaction<EscrowRecord>(deps, async (trx) => {
    if ((await findEscrowByOrder(trx, input.orderId)) !== undefined) {
      throw escrowExists();
    }
    const creditAccountId = await findPayeeAccountId(trx, input.sellerOrganisationId, input.currency);
    if (creditAccountId === undefined) {
      throw refused(
        'payments.escrow_payee_account_missing',
        `The seller has no open ${input.currency} account to be paid into.`,
        undefined,
        { currency: input.currency },
      );
    }
    const [posted] = await postTransfers(trx, { organisationId: input.buyerOrganisationId, now }, [
      {
        op: 'pending',
        // '#' never appears in a client's id, so the escrow's transfers cannot collide with one.
        clientId: `#escrow:${id}`,
        debitAccountId: input.debitAccountId,
        creditAccountId,
        amountMinor,
        currency: input.currency,
        expiresAt: null,
        reference: input.orderId,
        requestHash: requestHashOf({ op: 'escrow', escrowId: id, orderId: input.orderId }),
      },
    ]);
    if (posted === undefined) {
      throw new Error('postTransfers returned no result');
    }
    await insertEscrow(trx, {
      id,
      orderId: input.orderId,
      buyerOrganisationId: input.buyerOrganisationId,
      sellerOrganisationId: input.sellerOrganisationId,
      mediatorOrganisationId: input.mediatorOrganisationId,
      pendingTransferId: posted.transfer.id,
      amountMinor,
      currency: input.currency,
      releaseTrigger: input.releaseTrigger,
      releaseOn: input.releaseOn,
      createdAt: now,
    });
    await insertEscrowEvent(trx, {
      escrowId: id,
      kind: 'funded',
      reason: 'funded',
      byOrganisationId: input.buyerOrganisationId,
      ...actedBy(ctx.actor),
      transferId: posted.transfer.id,
      sellerAmountMinor: null,
      buyerAmountMinor: null,
      note: input.note,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId: input.buyerOrganisationId,
      object: { type: 'escrow', id },
      detail: { orderId: input.orderId, transferId: posted.transfer.id },
    });
    return readEscrow(trx, input.orderId);
  });
};

const readEscrow = async (ex: Parameters<typeof findEscrowByOrder>[0], orderId: string) => {
  const escrow = await findEscrowByOrder(ex, orderId);
  if (escrow === undefined) {
    throw refused('payments.escrow_not_found', `Order ${orderId} has no escrow.`);
  }
  return { escrow, events: await listEscrowEvents(ex, escrow.id) };
};

/** The order's escrow and its steps, or undefined when it has none. */
export const findEscrow = async (deps: PaymentsDeps, orderId: string): Promise<EscrowRecord | undefined> => {
  const escrow = await findEscrowByOrder(deps.db.kysely, orderId);
  return escrow === undefined
    ? undefined
    : { escrow, events: await listEscrowEvents(deps.db.kysely, escrow.id) };
};

const statusOf: Record<EscrowOutcome['kind'], Exclude<EscrowStatus, 'funded'>> = {
  release: 'released',
  refund: 'refunded',
  split: 'split',
};

/**
 * Resolves a funded escrow exactly once: release posts it all to the seller, refund voids it (the
 * buyer's reservation is released), split posts part and releases the rest. The escrow row is
 * locked first, so a second outcome waits and is then refused with `payments.escrow_settled`.
 */
export const resolveEscrow = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  escrowId: string,
  outcome: EscrowOutcome,
  by: EscrowActedBy,
): Promise<EscrowRecord> => {
  const now = deps.now();
  return inEscrowTransaction<EscrowRecord>(deps, async (trx) => {
    const escrow = await lockEscrow(trx, escrowId);
    if (escrow === undefined) {
      throw refused('payments.escrow_not_found', `No escrow ${escrowId}.`);
    }
    if (escrow.status !== 'funded') {
      throw refused('payments.escrow_settled', `The escrow was already ${escrow.status}.`, undefined, {
        status: escrow.status,
      });
    }
    const sellerAmountMinor =
      outcome.kind === 'release'
        ? escrow.amountMinor
        : outcome.kind === 'refund'
          ? 0n
          : parseAmountMinor(outcome.sellerAmount, escrow.currency, 'sellerAmount');
    if (outcome.kind === 'split' && (sellerAmountMinor <= 0n || sellerAmountMinor >= escrow.amountMinor)) {
      // All or nothing is a release or a refund: a split names a part strictly between.
      throw refused(
        'payments.escrow_invalid_split',
        `The seller's part must be more than zero and less than ${formatAmount(escrow.amountMinor, escrow.currency)}.`,
        'sellerAmount',
      );
    }
    const op = outcome.kind === 'refund' ? 'void' : 'post';
    const [posted] = await postTransfers(
      trx,
      { organisationId: escrow.buyerOrganisationId, now, system: true },
      [
        {
          op,
          clientId: `#escrow:${escrow.id}:${outcome.kind}`,
          pendingId: escrow.pendingTransferId,
          ...(op === 'post' ? { amountMinor: sellerAmountMinor } : {}),
          reference: escrow.orderId,
          requestHash: requestHashOf({
            op: `escrow.${outcome.kind}`,
            escrowId: escrow.id,
            amountMinor: sellerAmountMinor.toString(),
          }),
        },
      ],
    );
    if (posted === undefined) {
      throw new Error('postTransfers returned no result');
    }
    const status = statusOf[outcome.kind];
    const buyerAmountMinor = escrow.amountMinor - sellerAmountMinor;
    await settleEscrow(trx, escrow.id, {
      status,
      sellerAmountMinor,
      buyerAmountMinor,
      transferId: posted.transfer.id,
      at: now,
    });
    await insertEscrowEvent(trx, {
      escrowId: escrow.id,
      kind: status,
      reason: by.reason,
      byOrganisationId: by.organisationId,
      ...actedBy(ctx.actor),
      transferId: posted.transfer.id,
      sellerAmountMinor,
      buyerAmountMinor,
      note: by.note,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId: by.organisationId,
      object: { type: 'escrow', id: escrow.id },
      detail: {
        orderId: escrow.orderId,
        outcome: outcome.kind,
        reason: by.reason,
        transferId: posted.transfer.id,
      },
    });
    return readEscrow(trx, escrow.orderId);
  });
};

/** Funded date-triggered escrows whose day (UTC) has come: the flow decides each one's outcome. */
export const dueEscrows = async (deps: PaymentsDeps, now: Date, limit: number): Promise<EscrowRecord[]> => {
  const escrows = await listDueEscrows(deps.db.kysely, now.toISOString().slice(0, 10), limit);
  return escrows.map((escrow) => ({ escrow, events: [] }));
};
