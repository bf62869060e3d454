import { AppError } from '@tradehub/kernel';
import type { EscrowOutcome, EscrowRecord, EscrowTrigger } from '../../modules/payments/index.ts';
import type { TradeModule } from '../../modules/trade/index.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import type { OrderEscrowDeps } from './deps.ts';

type Order = Awaited<ReturnType<TradeModule['getOrder']>>;
type WriteContext = Parameters<OrderEscrowDeps['payments']['fundEscrow']>[0];

const fundableStatuses = new Set(['accepted', 'in_fulfilment']);
const endedStatuses = new Set(['cancelled', 'rejected']);
const mediatorKinds = new Set(['mediator', 'arbitration_body']);
const carrierKinds = new Set(['carrier', 'logistics_provider']);

export type FundInput = {
  debitAccountId: string;
  releaseTrigger: EscrowTrigger;
  releaseOn?: string | undefined;
  mediatorOrganisationId?: string | undefined;
  note?: string | undefined;
};

/** The escrow of an order `organisationId` sees (party or shared): 404 for anyone else. */
export const getOrderEscrow = async (deps: OrderEscrowDeps, organisationId: string, orderId: string) => {
  await deps.trade.getOrder(organisationId, orderId);
  const record = await deps.payments.findEscrow(orderId);
  if (record === undefined) {
    throw new AppError('escrow.not_found', `Order ${orderId} has no escrow.`);
  }
  return record;
};

/**
 * The buyer reserves the order's total, in the order's currency, on one of its accounts for the
 * seller. The amount is the order's, never the caller's: an agreed order's content is fixed.
 */
export const fundOrderEscrow = async (
  deps: OrderEscrowDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  input: FundInput,
): Promise<EscrowRecord> => {
  const order = await deps.trade.getOrder(organisationId, orderId);
  if (order.myRole !== 'buyer' || order.buyerOrganisationId === null) {
    throw new AppError('escrow.buyer_only', 'Only the buyer of the order funds its escrow.');
  }
  if (!fundableStatuses.has(order.status)) {
    throw new AppError(
      'escrow.order_not_fundable',
      'An order is funded once it is accepted (or in fulfilment).',
      { details: { currentStatus: order.status } },
    );
  }
  const releaseOn = checkReleaseOn(deps, input);
  const mediatorOrganisationId = await checkMediator(deps, order, input.mediatorOrganisationId);
  return deps.payments.fundEscrow(ctx, {
    orderId,
    buyerOrganisationId: order.buyerOrganisationId,
    sellerOrganisationId: order.sellerOrganisationId,
    mediatorOrganisationId,
    debitAccountId: input.debitAccountId,
    amount: order.content.total.amount,
    currency: order.content.total.currency,
    releaseTrigger: input.releaseTrigger,
    releaseOn,
    note: input.note ?? null,
  });
};

const checkReleaseOn = (deps: OrderEscrowDeps, input: FundInput): string | null => {
  if (input.releaseTrigger !== 'date') {
    return null;
  }
  if (input.releaseOn === undefined) {
    throw new AppError('escrow.release_on_required', 'The date trigger needs a release date.', {
      fieldErrors: [
        { field: 'releaseOn', code: 'escrow.release_on_required', message: 'A release date is required.' },
      ],
    });
  }
  if (input.releaseOn < deps.now().toISOString().slice(0, 10)) {
    throw new AppError('escrow.release_on_past', 'The release date has passed.', {
      fieldErrors: [{ field: 'releaseOn', code: 'escrow.release_on_past', message: 'The date has passed.' }],
    });
  }
  return input.releaseOn;
};

// The mediator is named by the buyer in the terms the seller sees before it ships, and must be a
// body the order is shared with, so it can read the order it decides on.
const checkMediator = async (deps: OrderEscrowDeps, order: Order, mediatorId: string | undefined) => {
  if (mediatorId === undefined) {
    return null;
  }
  const shared = order.shares.some((s) => s.organisationId === mediatorId);
  if (!shared || !mediatorKinds.has((await deps.organisationKind(mediatorId)) ?? '')) {
    throw new AppError(
      'escrow.invalid_mediator',
      'The mediator must be a mediation or arbitration body the order is shared with.',
      {
        fieldErrors: [
          {
            field: 'mediatorOrganisationId',
            code: 'escrow.invalid_mediator',
            message: 'Not a mediator the order is shared with.',
          },
        ],
      },
    );
  }
  return mediatorId;
};

/** Who the caller is to this escrow, decided from the order it sees and the escrow's terms. */
type Standing = 'buyer' | 'seller' | 'mediator' | 'carrier' | 'other';

const standingOf = async (
  deps: OrderEscrowDeps,
  order: Order,
  record: EscrowRecord,
  organisationId: string,
): Promise<Standing> => {
  if (organisationId === record.escrow.buyerOrganisationId) {
    return 'buyer';
  }
  if (organisationId === record.escrow.sellerOrganisationId) {
    return 'seller';
  }
  if (organisationId === record.escrow.mediatorOrganisationId) {
    return 'mediator';
  }
  const share = order.shares.find((s) => s.organisationId === organisationId);
  if (share?.role === 'forwarder' || carrierKinds.has((await deps.organisationKind(organisationId)) ?? '')) {
    return 'carrier';
  }
  return 'other';
};

export type ResolveRequest = {
  outcome: EscrowOutcome;
  note: string | null;
  /** Called when the caller acts as the mediator: a dispute outcome is a person's decision. */
  asMediator: () => void;
};

/**
 * Release, refund or split, each by whom the escrow's terms allow:
 * - release: the buyer (acceptance, or confirming delivery); the carrier the order is shared
 *   with, when the trigger is delivery; the mediator (a dispute the seller won);
 * - refund: the seller, any time; the buyer once the order is cancelled or rejected; the mediator;
 * - split: the mediator only.
 */
export const resolveOrderEscrow = async (
  deps: OrderEscrowDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  request: ResolveRequest,
): Promise<EscrowRecord> => {
  const order = await deps.trade.getOrder(organisationId, orderId);
  const record = await deps.payments.findEscrow(orderId);
  if (record === undefined) {
    throw new AppError('escrow.not_found', `Order ${orderId} has no escrow.`);
  }
  const standing = await standingOf(deps, order, record, organisationId);
  const reason = reasonFor(standing, record, order, request.outcome);
  if (standing === 'mediator') {
    request.asMediator();
  }
  return deps.payments.resolveEscrow(ctx, record.escrow.id, request.outcome, {
    organisationId,
    reason,
    note: request.note,
  });
};

const reasonFor = (
  standing: Standing,
  record: EscrowRecord,
  order: Order,
  outcome: EscrowOutcome,
): string => {
  const trigger = record.escrow.releaseTrigger;
  if (outcome.kind === 'release') {
    if (standing === 'buyer') {
      return trigger === 'buyer_acceptance'
        ? 'buyer_acceptance'
        : trigger === 'delivery'
          ? 'delivery_confirmed'
          : 'buyer_release';
    }
    if (standing === 'carrier' && trigger === 'delivery') {
      return 'delivery_confirmed';
    }
    if (standing === 'mediator') {
      return 'dispute_outcome';
    }
    throw new AppError(
      'escrow.release_not_allowed',
      trigger === 'delivery'
        ? 'The buyer or the carrier confirms delivery.'
        : trigger === 'date'
          ? 'The escrow is released on its date, or earlier by the buyer.'
          : "The escrow is released by the buyer's acceptance.",
      { details: { releaseTrigger: trigger } },
    );
  }
  if (outcome.kind === 'refund') {
    if (standing === 'seller') {
      return 'seller_refund';
    }
    if (standing === 'buyer' && endedStatuses.has(order.status)) {
      return 'order_cancelled';
    }
    if (standing === 'mediator') {
      return 'dispute_outcome';
    }
    throw new AppError(
      'escrow.refund_not_allowed',
      'The seller refunds; the buyer only once the order is cancelled or rejected; or the mediator.',
    );
  }
  if (standing === 'mediator') {
    return 'dispute_outcome';
  }
  throw new AppError('escrow.mediator_only', 'Only the mediator named in the escrow splits it.');
};

/**
 * The date trigger: each funded escrow whose day has come is released to the seller, or refunded
 * to the buyer when its order was cancelled or rejected meanwhile. Returns how many it settled.
 */
export const releaseDueEscrows = async (deps: OrderEscrowDeps, limit: number): Promise<number> => {
  const now = deps.now();
  let settled = 0;
  for (const { escrow } of await deps.payments.dueEscrows(now, limit)) {
    // The seller sees its own order whatever became of it.
    const order = await deps.trade.getOrder(escrow.sellerOrganisationId, escrow.orderId);
    const refund = endedStatuses.has(order.status);
    const action = refund ? 'payments.escrow.refund' : 'payments.escrow.release';
    const ctx: WriteContext = {
      actor: null,
      audit: async (ex, change) => {
        for (const organisationId of [escrow.buyerOrganisationId, escrow.sellerOrganisationId]) {
          await appendAudit(ex, {
            organisationId,
            actor: { type: 'system', id: null, label: 'tradehub' },
            action,
            object: change.object,
            requestId: `escrow-date:${escrow.id}`,
            outcome: 'success',
            statusCode: 200,
            ...(change.detail === undefined ? {} : { detail: change.detail }),
          });
        }
      },
    };
    try {
      await deps.payments.resolveEscrow(
        ctx,
        escrow.id,
        { kind: refund ? 'refund' : 'release' },
        {
          organisationId: null,
          reason: refund ? 'order_cancelled' : 'date_reached',
          note: null,
        },
      );
      settled += 1;
    } catch (error) {
      // Someone settled it between the scan and the lock: nothing left to do for this one.
      if (!(error instanceof AppError && error.code === 'payments.escrow_settled')) {
        throw error;
      }
    }
  }
  return settled;
};
