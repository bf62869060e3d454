import { AppError, type FieldError, isAppError, newId, parseMoney } from '@tradehub/kernel';
import type { FinanceDeps } from '../deps.ts';
import { offerMoney, parseRate } from '../domain/financing-terms.ts';
import {
  closeOpenOffers,
  findOffer,
  findOrderRequestsInProgress,
  findRequestsInProgress,
  insertOffer,
  type OfferRow,
  setOfferStatus,
  updateRequest,
} from '../repository-financing.ts';
import type { WriteContext } from './context.ts';
import {
  exporterOnly,
  offerStatusAt,
  type RequestView,
  recordEvent,
  requireStatus,
  visibleRequest,
} from './financing-common.ts';
import { alreadyFinanced, orderAlreadyFinanced, viewOf } from './financing-requests.ts';

export type OfferInput = {
  amount: { amount: string; currency: string };
  /** Annual rate as a decimal string, "0.065" for 6.5 %. */
  rate: string;
  fee: { amount: string; currency: string };
  tenorDays?: number | undefined;
  expiresAt: string;
};

const MAX_OFFER_VALIDITY_MS = 90 * 24 * 60 * 60 * 1000;

const minorOf = (
  field: string,
  input: { amount: string; currency: string },
  currency: string,
  errors: FieldError[],
): bigint | undefined => {
  try {
    const parsed = parseMoney(input.amount.trim(), input.currency.trim().toUpperCase());
    if (parsed.currency !== currency) {
      errors.push({
        field: `${field}.currency`,
        code: 'finance.currency_mismatch',
        message: `Offers are in the invoice's currency, ${currency}`,
      });
      return undefined;
    }
    return parsed.amountMinor;
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    errors.push({ field: `${field}.amount`, code: 'kernel.invalid_format', message: error.message });
    return undefined;
  }
};

/**
 * A bank the request is shared with offers terms. A new offer from the same bank replaces its
 * open one. The amounts it will pay out and be owed are fixed here, once.
 */
export const makeOffer = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  requestId: string,
  input: OfferInput,
): Promise<RequestView> =>
  deps.db.transaction(async (trx) => {
    const { row, role } = await visibleRequest(trx, organisationId, requestId, true);
    if (role !== 'bank') {
      throw new AppError('finance.bank_only', 'Only a bank the request is shared with may offer terms.');
    }
    requireStatus(row, ['open', 'offered'], 'offered terms');
    const now = deps.now();
    const errors: FieldError[] = [];
    const amountMinor = minorOf('amount', input.amount, row.currency, errors);
    const feeMinor = minorOf('fee', input.fee, row.currency, errors);
    if (amountMinor !== undefined) {
      if (amountMinor <= 0n) {
        errors.push({
          field: 'amount.amount',
          code: 'finance.amount_not_positive',
          message: 'More than zero',
        });
      } else if (amountMinor > BigInt(row.requested_amount_minor)) {
        errors.push({
          field: 'amount.amount',
          code: 'finance.offer_exceeds_request',
          message: 'At most the amount requested',
        });
      }
    }
    if (feeMinor !== undefined && amountMinor !== undefined && (feeMinor < 0n || feeMinor >= amountMinor)) {
      errors.push({
        field: 'fee.amount',
        code: 'finance.fee_not_below_amount',
        message: 'The fee is at least zero and less than the amount',
      });
    }
    const rate = parseRate(input.rate.trim());
    if (rate === undefined) {
      errors.push({
        field: 'rate',
        code: 'finance.invalid_rate',
        message: 'An annual rate from 0 to 1 with at most six decimals, such as 0.065',
      });
    }
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_OFFER_VALIDITY_MS) {
      errors.push({
        field: 'expiresAt',
        code: 'finance.offer_expiry_not_after_now',
        message: 'After now and at most 90 days ahead',
      });
    }
    if (errors.length > 0 || amountMinor === undefined || feeMinor === undefined || rate === undefined) {
      throw new AppError('http.validation_failed', 'The offer has invalid fields.', { fieldErrors: errors });
    }
    const tenorDays = input.tenorDays ?? row.tenor_days;
    const { disbursementMinor, repaymentMinor } = offerMoney(amountMinor, feeMinor, rate, tenorDays);
    const offer: OfferRow = {
      id: newId('fof'),
      request_id: requestId,
      bank_organisation_id: organisationId,
      amount_minor: amountMinor.toString(),
      currency: row.currency,
      rate: input.rate.trim(),
      fee_minor: feeMinor.toString(),
      tenor_days: tenorDays,
      disbursement_minor: disbursementMinor.toString(),
      repayment_minor: repaymentMinor.toString(),
      expires_at: expiresAt,
      status: 'open',
      bank_account_id: null,
      created_at: now,
    };
    await closeOpenOffers(trx, requestId, 'withdrawn', { bankOrganisationId: organisationId });
    await insertOffer(trx, offer);
    await updateRequest(trx, requestId, { status: 'offered', updated_at: now });
    await recordEvent(trx, ctx, requestId, organisationId, 'offered', now, { offerId: offer.id });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'financing_request', id: requestId },
      detail: { offerId: offer.id },
    });
    return viewOf(deps, trx, organisationId, { ...row, status: 'offered', updated_at: now }, role);
  });

/**
 * The exporter accepts one open, unexpired offer and names its account to be paid into; the
 * other offers lapse. Refused when another request of the same invoice, or of the same order (its
 * purchase order or an invoice of it), is being financed.
 */
export const acceptOffer = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  requestId: string,
  input: { offerId: string; creditAccountId: string },
): Promise<RequestView> =>
  deps.db
    .transaction(async (trx) => {
      const { row, role } = await visibleRequest(trx, organisationId, requestId, true);
      exporterOnly(role);
      requireStatus(row, ['offered'], 'accepted');
      const offer = await findOffer(trx, requestId, input.offerId);
      if (offer === undefined) {
        throw new AppError('finance.offer_not_found', `No offer ${input.offerId} on this request.`);
      }
      const now = deps.now();
      const offerStatus = offerStatusAt(offer, now);
      if (offerStatus !== 'open') {
        throw new AppError('finance.offer_not_open', `Offer ${offer.id} is ${offerStatus}.`, {
          details: { offerStatus },
        });
      }
      if (row.document_id !== null && (await findRequestsInProgress(trx, row.document_id)).length > 0) {
        throw alreadyFinanced(row.document_id);
      }
      if (row.order_id !== null && (await findOrderRequestsInProgress(trx, row.order_id)).length > 0) {
        throw orderAlreadyFinanced(row.order_id);
      }
      await closeOpenOffers(trx, requestId, 'lapsed', { exceptOfferId: offer.id });
      await setOfferStatus(trx, offer.id, 'accepted');
      const change = {
        status: 'accepted' as const,
        accepted_offer_id: offer.id,
        exporter_account_id: input.creditAccountId,
        updated_at: now,
      };
      await updateRequest(trx, requestId, change);
      await recordEvent(trx, ctx, requestId, organisationId, 'accepted', now, { offerId: offer.id });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'financing_request', id: requestId },
        detail: { offerId: offer.id },
      });
      return viewOf(deps, trx, organisationId, { ...row, ...change }, role);
    })
    .catch(async (error: unknown) => {
      // Two requests of one invoice, or of one order (its purchase order and an invoice of it),
      // accepted at once: the unique indexes let one commit.
      if ((error as { code?: unknown } | null)?.code === '23505') {
        const { row } = await visibleRequest(deps.db.kysely, organisationId, requestId);
        if (
          row.document_id !== null &&
          (await findRequestsInProgress(deps.db.kysely, row.document_id)).length > 0
        ) {
          throw alreadyFinanced(row.document_id);
        }
        if (row.order_id !== null) {
          throw orderAlreadyFinanced(row.order_id);
        }
      }
      throw error;
    });
