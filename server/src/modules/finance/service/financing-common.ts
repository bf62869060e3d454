import { AppError, formatMoneyAmount, money, newId } from '@tradehub/kernel';
import { actorId, type Executor } from '../../../platform/access/index.ts';
import { registryInvoice } from '../domain/invoice-credential.ts';
import {
  type EventKind,
  type EventRow,
  findRequest,
  insertEvent,
  isSharedWith,
  type OfferRow,
  type RequestRow,
  type RequestStatus,
} from '../repository-financing.ts';
import type { WriteContext } from './context.ts';

/** The exporter that made the request, or a bank it shared the request with. */
export type ViewerRole = 'exporter' | 'bank';

/** Unknown, or not shared with the caller: the same answer, so ids reveal nothing. */
export const requestNotFound = (id: string) =>
  new AppError('finance.request_not_found', `No financing request ${id}.`);

/**
 * The request as `organisationId` may see it, with its role in it; 404 for everyone else. With
 * `forUpdate` the row is locked, so that state changes of one request happen one at a time.
 */
export const visibleRequest = async (
  ex: Executor,
  organisationId: string,
  requestId: string,
  forUpdate = false,
): Promise<{ row: RequestRow; role: ViewerRole }> => {
  const row = await findRequest(ex, requestId, forUpdate);
  if (row === undefined) {
    throw requestNotFound(requestId);
  }
  if (row.exporter_organisation_id === organisationId) {
    return { row, role: 'exporter' };
  }
  if (await isSharedWith(ex, requestId, organisationId)) {
    return { row, role: 'bank' };
  }
  throw requestNotFound(requestId);
};

export const exporterOnly = (role: ViewerRole) => {
  if (role !== 'exporter') {
    throw new AppError('finance.exporter_only', 'Only the exporter that made the request may do this.');
  }
};

/** A step the request's status does not allow; `details.currentStatus` says where it stands. */
export const requireStatus = (row: RequestRow, allowed: readonly RequestStatus[], step: string) => {
  if (!allowed.includes(row.status)) {
    throw new AppError('finance.request_wrong_state', `A request that is ${row.status} cannot be ${step}.`, {
      details: { currentStatus: row.status },
    });
  }
};

export const moneyJson = (amountMinor: string | bigint, currency: string) => ({
  amount: formatMoneyAmount(money(currency, BigInt(amountMinor))),
  currency,
});

export const recordEvent = (
  ex: Executor,
  ctx: WriteContext,
  requestId: string,
  organisationId: string,
  kind: EventKind,
  at: Date,
  detail: Record<string, unknown> = {},
) =>
  insertEvent(ex, {
    id: newId('fev'),
    request_id: requestId,
    organisation_id: organisationId,
    actor_type: ctx.actor.kind,
    actor_id: actorId(ctx.actor),
    kind,
    detail,
    at,
  });

/**
 * The subject of a request as the duplicate-financing registry reads it, under the asset type of
 * the same name as the subject's kind (`invoice` or `purchase_order`).
 */
export const registryInvoiceOf = (row: RequestRow) =>
  registryInvoice({
    number: row.invoice_number,
    issueDate: row.invoice_issue_date,
    seller: { name: row.seller_name, country: row.seller_country, companyId: row.seller_company_id },
    buyer: { name: row.buyer_name, country: row.buyer_country, companyId: row.buyer_company_id },
    amount: moneyJson(row.invoice_amount_minor, row.currency),
  });

/** An offer past its expiry is shown lapsed, though its row says open until something closes it. */
export const offerStatusAt = (offer: OfferRow, now: Date) =>
  offer.status === 'open' && offer.expires_at.getTime() <= now.getTime() ? 'lapsed' : offer.status;

export const presentOffer = (offer: OfferRow, now: Date) => ({
  id: offer.id,
  requestId: offer.request_id,
  bankOrganisationId: offer.bank_organisation_id,
  amount: moneyJson(offer.amount_minor, offer.currency),
  rate: offer.rate,
  fee: moneyJson(offer.fee_minor, offer.currency),
  tenorDays: offer.tenor_days,
  disbursement: moneyJson(offer.disbursement_minor, offer.currency),
  repayment: moneyJson(offer.repayment_minor, offer.currency),
  expiresAt: offer.expires_at.toISOString(),
  status: offerStatusAt(offer, now),
  createdAt: offer.created_at.toISOString(),
});

export type OfferView = ReturnType<typeof presentOffer>;

const presentEvent = (event: EventRow) => ({
  id: event.id,
  organisationId: event.organisation_id,
  kind: event.kind,
  detail: event.detail,
  at: event.at.toISOString(),
});

/**
 * A request as `viewer` sees it. A bank sees the request, its own offers and events, and no
 * other bank: not who else it was shared with, what they offered, nor the exporter's account
 * until its own offer is accepted.
 */
export const presentRequest = (
  row: RequestRow,
  viewer: { organisationId: string; role: ViewerRole },
  related: { offers: readonly OfferRow[]; shares: readonly string[]; events: readonly EventRow[] },
  now: Date,
) => {
  const accepted = related.offers.find((offer) => offer.id === row.accepted_offer_id);
  const isFinancier = accepted !== undefined && accepted.bank_organisation_id === viewer.organisationId;
  const own = (organisationId: string) =>
    viewer.role === 'exporter' || organisationId === viewer.organisationId;
  return {
    id: row.id,
    status: row.status,
    role: viewer.role,
    exporterOrganisationId: row.exporter_organisation_id,
    subjectKind: row.subject_kind,
    documentId: row.document_id,
    credentialId: row.credential_id,
    orderId: row.order_id,
    orderVersion: row.order_version,
    // The subject's number, date, parties and total: the invoice's, or the purchase order's.
    invoice: {
      number: row.invoice_number,
      issueDate: row.invoice_issue_date,
      seller: { name: row.seller_name, country: row.seller_country, companyId: row.seller_company_id },
      buyer: { name: row.buyer_name, country: row.buyer_country, companyId: row.buyer_company_id },
      amount: moneyJson(row.invoice_amount_minor, row.currency),
    },
    registryAssetType: row.subject_kind,
    registryInvoice: registryInvoiceOf(row),
    requestedAmount: moneyJson(row.requested_amount_minor, row.currency),
    tenorDays: row.tenor_days,
    evidenceDocumentIds: row.evidence_document_ids,
    sharedWith: viewer.role === 'exporter' ? [...related.shares] : [viewer.organisationId],
    acceptedOfferId: viewer.role === 'exporter' || isFinancier ? row.accepted_offer_id : null,
    exporterAccountId: viewer.role === 'exporter' || isFinancier ? row.exporter_account_id : null,
    registrationId: isFinancier ? row.registration_id : null,
    disbursementTransferId: viewer.role === 'exporter' || isFinancier ? row.disbursement_transfer_id : null,
    repaymentTransferId: viewer.role === 'exporter' || isFinancier ? row.repayment_transfer_id : null,
    offers: related.offers
      .filter((offer) => own(offer.bank_organisation_id))
      .map((offer) => presentOffer(offer, now)),
    events: related.events.filter((event) => own(event.organisation_id)).map(presentEvent),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

export type RequestView = ReturnType<typeof presentRequest>;
