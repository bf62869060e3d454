import { AppError, isAppError } from '@tradehub/kernel';
import type { WriteContext as PaymentsWriteContext } from '../../payments/index.ts';
import type { FinanceDeps } from '../deps.ts';
import {
  findOffer,
  type OfferRow,
  type RequestRow,
  setOfferStatus,
  updateRequest,
} from '../repository-financing.ts';
import type { WriteContext } from './context.ts';
import {
  exporterOnly,
  moneyJson,
  type RequestView,
  recordEvent,
  registryInvoiceOf,
  requireStatus,
  visibleRequest,
} from './financing-common.ts';
import { viewOf } from './financing-requests.ts';
import { registerInvoice } from './register-invoice.ts';
import { releaseRegistration } from './release-registration.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
// The registration outlives the maturity by this much, so that a late repayment does not let
// the invoice be financed again while the first financing is still outstanding.
const REGISTRATION_GRACE_DAYS = 90;

const paymentsContext = (ctx: WriteContext): PaymentsWriteContext => ({ actor: ctx.actor, audit: ctx.audit });

const notTheFinancier = () =>
  new AppError('finance.not_the_financier', 'Only the bank whose offer was accepted may do this.');

/** The accepted offer of a request in `accepted` or later; the row says which it is. */
const acceptedOffer = async (
  deps: FinanceDeps,
  requestId: string,
  offerId: string | null,
): Promise<OfferRow> => {
  const offer = offerId === null ? undefined : await findOffer(deps.db.kysely, requestId, offerId);
  if (offer === undefined) {
    throw new Error(`financing request ${requestId} has no accepted offer`);
  }
  return offer;
};

// Statuses after which no payable stands behind an order: money lent against it would be lent
// against nothing.
const endedOrderStatuses: ReadonlySet<string> = new Set(['cancelled', 'rejected']);

/**
 * A purchase order cancelled since its financing was accepted is not disbursed against. The order
 * is read as its seller, the exporter, sees it: the bank need not see the order itself.
 */
const requireOrderStands = async (deps: FinanceDeps, row: RequestRow) => {
  if (row.subject_kind !== 'purchase_order' || row.order_id === null) {
    return;
  }
  const order = await deps.orders.get(row.exporter_organisation_id, row.order_id);
  if (endedOrderStatuses.has(order.status)) {
    throw new AppError(
      'finance.order_not_financeable',
      `Order ${row.order_id} is ${order.status}: nothing is disbursed against it.`,
      { details: { orderStatus: order.status, orderId: row.order_id } },
    );
  }
};

/**
 * The bank whose offer was accepted disburses. First it registers the invoice (or the purchase
 * order, under its own asset type) in the duplicate-financing registry: a refusal there (another
 * financier holds it) is the
 * 409 with its reason, and nothing moves. Then the ledger transfer from the bank's account to the
 * exporter's; if that fails, the registration is released, so nothing is left half-done.
 */
export const disburseFinancing = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  requestId: string,
  input: { debitAccountId: string },
): Promise<RequestView> => {
  const { row, role } = await visibleRequest(deps.db.kysely, organisationId, requestId);
  if (role !== 'bank') {
    throw notTheFinancier();
  }
  requireStatus(row, ['accepted'], 'disbursed');
  const offer = await acceptedOffer(deps, requestId, row.accepted_offer_id);
  if (offer.bank_organisation_id !== organisationId || row.exporter_account_id === null) {
    throw notTheFinancier();
  }
  await requireOrderStands(deps, row);
  const now = deps.now();
  let registrationId: string;
  try {
    const registration = await registerInvoice(deps, ctx, organisationId, {
      assetType: row.subject_kind,
      invoice: registryInvoiceOf(row),
      financedAmount: moneyJson(offer.amount_minor, offer.currency),
      expiresAt: new Date(
        now.getTime() + (offer.tenor_days + REGISTRATION_GRACE_DAYS) * DAY_MS,
      ).toISOString(),
      reference: row.id,
    });
    registrationId = registration.id;
  } catch (error) {
    if (isAppError(error) && error.code === 'finance.already_financed') {
      await deps.db.transaction((trx) =>
        recordEvent(trx, ctx, requestId, organisationId, 'disbursement_refused', now, {
          reason: error.code,
        }),
      );
    }
    throw error;
  }
  let transferId: string;
  try {
    const posted = await deps.payments.createTransfer(paymentsContext(ctx), organisationId, {
      id: `finance:${row.id}:disbursement`,
      debitAccountId: input.debitAccountId,
      creditAccountId: row.exporter_account_id,
      ...moneyJson(offer.disbursement_minor, offer.currency),
      reference: row.id,
    });
    transferId = posted.transfer.id;
  } catch (error) {
    await releaseRegistration(deps, ctx, organisationId, registrationId);
    throw error;
  }
  return deps.db.transaction(async (trx) => {
    const locked = await visibleRequest(trx, organisationId, requestId, true);
    requireStatus(locked.row, ['accepted'], 'disbursed');
    const change = {
      status: 'disbursed' as const,
      registration_id: registrationId,
      disbursement_transfer_id: transferId,
      updated_at: now,
    };
    await updateRequest(trx, requestId, change);
    await setOfferStatus(trx, offer.id, 'accepted', input.debitAccountId);
    await recordEvent(trx, ctx, requestId, organisationId, 'disbursed', now, {
      transferId,
      amount: moneyJson(offer.disbursement_minor, offer.currency),
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'financing_request', id: requestId },
      detail: { transferId, registrationId },
    });
    return viewOf(deps, trx, organisationId, { ...locked.row, ...change }, role);
  });
};

/**
 * The exporter repays the bank what the accepted offer says is owed, from the account the
 * buyer's payment came into: a ledger transfer into the account the bank disbursed from, with the
 * request as its reference. Then the registry registration is released, so the invoice is free.
 */
export const repayFinancing = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  requestId: string,
  input: { debitAccountId: string },
): Promise<RequestView> => {
  const { row, role } = await visibleRequest(deps.db.kysely, organisationId, requestId);
  exporterOnly(role);
  requireStatus(row, ['disbursed'], 'repaid');
  const offer = await acceptedOffer(deps, requestId, row.accepted_offer_id);
  if (offer.bank_account_id === null || row.registration_id === null) {
    throw new Error(`disbursed financing request ${requestId} lacks its bank account or registration`);
  }
  const posted = await deps.payments.createTransfer(paymentsContext(ctx), organisationId, {
    id: `finance:${row.id}:repayment`,
    debitAccountId: input.debitAccountId,
    creditAccountId: offer.bank_account_id,
    ...moneyJson(offer.repayment_minor, offer.currency),
    reference: row.id,
  });
  try {
    await releaseRegistration(deps, ctx, offer.bank_organisation_id, row.registration_id);
  } catch (error) {
    // Lapsed past its grace period: the registry no longer holds the invoice anyway.
    if (!(isAppError(error) && error.code === 'finance.registration_not_active')) {
      throw error;
    }
  }
  const now = deps.now();
  return deps.db.transaction(async (trx) => {
    const locked = await visibleRequest(trx, organisationId, requestId, true);
    requireStatus(locked.row, ['disbursed'], 'repaid');
    const change = { status: 'repaid' as const, repayment_transfer_id: posted.transfer.id, updated_at: now };
    await updateRequest(trx, requestId, change);
    await recordEvent(trx, ctx, requestId, organisationId, 'repaid', now, {
      transferId: posted.transfer.id,
      amount: moneyJson(offer.repayment_minor, offer.currency),
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'financing_request', id: requestId },
      detail: { transferId: posted.transfer.id },
    });
    return viewOf(deps, trx, organisationId, { ...locked.row, ...change }, role);
  });
};
