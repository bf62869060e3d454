import { AppError, type FieldError, isAppError, type Money, newId, parseMoney } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import { findOrganisationDirectoryEntries } from '../../identity/index.ts';
import type { FinanceDeps } from '../deps.ts';
import { canonicalCode } from '../domain/canonical-invoice.ts';
import { type InvoiceParty, readCredentialInvoice } from '../domain/invoice-credential.ts';
import { readAgreedOrder } from '../domain/purchase-order.ts';
import {
  closeOpenOffers,
  findOrderRequestsInProgress,
  findRequestsInProgress,
  insertRequest,
  insertShare,
  listEvents,
  listOffers,
  listShares,
  listVisibleRequests,
  type RequestRow,
  type RequestStatus,
  type SubjectKind,
  updateRequest,
} from '../repository-financing.ts';
import type { WriteContext } from './context.ts';
import {
  exporterOnly,
  presentRequest,
  type RequestView,
  recordEvent,
  requireStatus,
  type ViewerRole,
  visibleRequest,
} from './financing-common.ts';

export type CreateRequestInput = {
  /** An invoice the organisation issued; or else `orderId`. */
  documentId?: string | undefined;
  /** An agreed order the organisation is the seller of (purchase-order financing). */
  orderId?: string | undefined;
  requestedAmount: { amount: string; currency: string };
  tenorDays: number;
  evidenceDocumentIds?: readonly string[] | undefined;
};

const invalid = (errors: FieldError[]) =>
  new AppError('http.validation_failed', 'The financing request has invalid fields.', {
    fieldErrors: errors,
  });

/** The request with what `organisationId` may see of its offers, shares and events. */
export const viewOf = async (
  deps: FinanceDeps,
  ex: Executor,
  organisationId: string,
  row: RequestRow,
  role: ViewerRole,
): Promise<RequestView> => {
  const [offers, shares, events] = await Promise.all([
    listOffers(ex, row.id, role === 'exporter' ? undefined : organisationId),
    role === 'exporter' ? listShares(ex, row.id) : Promise.resolve([]),
    listEvents(ex, row.id),
  ]);
  return presentRequest(
    row,
    { organisationId, role },
    { offers, shares: shares.map((share) => share.bank_organisation_id), events },
    deps.now(),
  );
};

/** What a request finances, as the hub read it: never as the caller states it. */
type Subject = {
  kind: SubjectKind;
  documentId: string | null;
  credentialId: string | null;
  orderId: string | null;
  orderVersion: number | null;
  number: string;
  issueDate: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  amount: Money;
};

/** Not an order the organisation sells (another's, one it only sees, or none): one answer. */
const orderNotFound = (orderId: string) =>
  new AppError('finance.order_not_found', `Order ${orderId} is not an order your organisation sells.`);

/** The order, or an invoice of it, has an accepted offer or is disbursed. */
export const orderAlreadyFinanced = (orderId: string) =>
  new AppError(
    'finance.order_already_financed',
    `Order ${orderId} (its purchase order or an invoice of it) is already being financed.`,
    { details: { orderId } },
  );

const ORDER_SEARCH_PAGES = 10;

/**
 * The order an invoice belongs to, when the hub knows it: the exporter's order whose buyer
 * reference the invoice names, or, when several carry that reference, the one it was issued
 * from. An invoice naming no order (or one the hub does not hold) stands alone.
 */
const orderOfInvoice = async (
  deps: FinanceDeps,
  organisationId: string,
  documentId: string,
  orderRef: string | null,
): Promise<string | null> => {
  if (orderRef === null) {
    return null;
  }
  const wanted = canonicalCode(orderRef);
  // `q` matches within any text of the order (PO-1 finds PO-17 too): page until the exact ones are
  // all seen, as far as a seller plausibly has orders sharing a reference's text.
  const candidates: { id: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < ORDER_SEARCH_PAGES; page += 1) {
    const { items, nextCursor } = await deps.orders.list({
      organisationId,
      role: 'seller',
      q: orderRef,
      cursor,
      limit: 100,
    });
    candidates.push(...items.filter((order) => canonicalCode(order.content.buyerReference) === wanted));
    if (nextCursor === null) {
      break;
    }
    cursor = nextCursor;
  }
  if (candidates.length <= 1) {
    return candidates[0]?.id ?? null;
  }
  for (const candidate of candidates) {
    const order = await deps.orders.get(organisationId, candidate.id);
    if (order.documents.some((document) => document.documentId === documentId)) {
      return order.id;
    }
  }
  return null;
};

/** The invoice, read from the signed credential of a document the organisation issued. */
const invoiceSubject = async (
  deps: FinanceDeps,
  organisationId: string,
  documentId: string,
  statuses: ReadonlyMap<string, string>,
): Promise<Subject> => {
  const status = statuses.get(documentId);
  if (status === undefined) {
    throw new AppError(
      'finance.invoice_not_found',
      `Document ${documentId} is not a document your organisation issued.`,
    );
  }
  if (status !== 'active') {
    throw new AppError(
      'finance.invoice_not_active',
      `Invoice ${documentId} is ${status}: only a valid invoice can be financed.`,
      { details: { documentStatus: status } },
    );
  }
  const { credential } = await deps.documents.bundle(organisationId, documentId);
  const read = readCredentialInvoice(credential);
  if (!read.ok) {
    throw read.reason === 'not_an_invoice'
      ? new AppError('finance.not_an_invoice', `Document ${documentId} is not a commercial invoice.`)
      : new AppError(
          'finance.invoice_unreadable',
          `The invoice credential lacks a readable ${read.field ?? 'field'}.`,
          { details: { field: read.field ?? null } },
        );
  }
  const { invoice } = read;
  return {
    kind: 'invoice',
    documentId,
    credentialId: invoice.credentialId,
    orderId: await orderOfInvoice(deps, organisationId, documentId, invoice.orderRef),
    orderVersion: null,
    number: invoice.number,
    issueDate: invoice.issueDate,
    seller: invoice.seller,
    buyer: invoice.buyer,
    amount: invoice.amount,
  };
};

/** The purchase order, read from the agreed version of an order the organisation sells. */
const orderSubject = async (deps: FinanceDeps, organisationId: string, orderId: string): Promise<Subject> => {
  const order = await deps.orders.get(organisationId, orderId).catch((error: unknown) => {
    // Trade answers an order the organisation may not see like one that does not exist.
    throw isAppError(error) && error.code === 'trade.order_not_found' ? orderNotFound(orderId) : error;
  });
  // The buyer, or a bank or forwarder it is shared with, sees the order but owns no receivable.
  if (order.myRole !== 'seller' || order.sellerOrganisationId !== organisationId) {
    throw orderNotFound(orderId);
  }
  const read = readAgreedOrder(order);
  if (!read.ok) {
    throw read.reason === 'not_financeable'
      ? new AppError(
          'finance.order_not_financeable',
          `Order ${orderId} is ${read.status}: only an order both parties agreed, not yet completed, is financed as a purchase order.`,
          { details: { orderStatus: read.status } },
        )
      : new AppError('finance.order_unreadable', `The agreed order lacks a readable ${read.field}.`, {
          details: { field: read.field },
        });
  }
  const po = read.order;
  return {
    kind: 'purchase_order',
    documentId: null,
    credentialId: null,
    orderId: po.orderId,
    orderVersion: po.version,
    number: po.number,
    issueDate: po.issueDate,
    seller: po.seller,
    buyer: po.buyer,
    amount: po.amount,
  };
};

/** The amount asked for, in the subject's currency and at most its total; or its field errors. */
const requestedMinorOf = (
  input: CreateRequestInput['requestedAmount'],
  subject: Subject,
  errors: FieldError[],
): bigint => {
  const what = subject.kind === 'invoice' ? 'invoice' : 'order';
  try {
    const requested = parseMoney(input.amount.trim(), input.currency.trim().toUpperCase());
    if (requested.currency !== subject.amount.currency) {
      errors.push({
        field: 'requestedAmount.currency',
        code: 'finance.currency_mismatch',
        message: `Financing is requested in the ${what}'s currency, ${subject.amount.currency}`,
      });
    } else if (requested.amountMinor <= 0n) {
      errors.push({
        field: 'requestedAmount.amount',
        code: 'finance.amount_not_positive',
        message: 'More than zero',
      });
    } else if (requested.amountMinor > subject.amount.amountMinor) {
      errors.push({
        field: 'requestedAmount.amount',
        code:
          subject.kind === 'invoice'
            ? 'finance.requested_exceeds_invoice'
            : 'finance.requested_exceeds_order',
        message: `At most the amount of the ${what}`,
      });
    }
    return requested.amountMinor;
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    errors.push({ field: 'requestedAmount.amount', code: 'kernel.invalid_format', message: error.message });
    return 0n;
  }
};

/**
 * The exporter asks for financing of a commercial invoice it issued, or of a purchase order: an
 * order it sells that both parties agreed. Refused with the reason: another organisation's
 * invoice or order, or none (404, the same answer), not an invoice (422), revoked or suspended
 * (409), an order not agreed, completed or cancelled (409 with its status), already being
 * financed on the hub (409; an order and its invoices count as one), or an amount above the
 * invoice or order. The fields are read from the signed credential or the agreed order, never
 * from the caller.
 */
export const createFinancingRequest = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  input: CreateRequestInput,
): Promise<RequestView> => {
  if ((input.documentId === undefined) === (input.orderId === undefined)) {
    throw invalid([
      {
        field: input.documentId === undefined ? 'documentId' : 'orderId',
        code: 'finance.one_subject',
        message: 'Name either an invoice (documentId) or a purchase order (orderId)',
      },
    ]);
  }
  const evidence = [...new Set(input.evidenceDocumentIds ?? [])];
  const statuses = await deps.documents.statuses(organisationId, [
    ...(input.documentId === undefined ? [] : [input.documentId]),
    ...evidence,
  ]);
  const subject =
    input.documentId !== undefined
      ? await invoiceSubject(deps, organisationId, input.documentId, statuses)
      : await orderSubject(deps, organisationId, input.orderId ?? '');
  const errors: FieldError[] = [];
  evidence.forEach((id, i) => {
    const evidenceStatus = statuses.get(id);
    if (evidenceStatus !== 'active') {
      errors.push({
        field: `evidenceDocumentIds.${i}`,
        code: 'finance.evidence_not_valid',
        message:
          evidenceStatus === undefined
            ? 'Not a document your organisation issued'
            : `The document is ${evidenceStatus}`,
      });
    }
  });
  const requestedMinor = requestedMinorOf(input.requestedAmount, subject, errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return deps.db.transaction(async (trx) => {
    if (subject.documentId !== null && (await findRequestsInProgress(trx, subject.documentId)).length > 0) {
      throw alreadyFinanced(subject.documentId);
    }
    if (subject.orderId !== null && (await findOrderRequestsInProgress(trx, subject.orderId)).length > 0) {
      throw orderAlreadyFinanced(subject.orderId);
    }
    const now = deps.now();
    const row: RequestRow = {
      id: newId('fin'),
      exporter_organisation_id: organisationId,
      subject_kind: subject.kind,
      document_id: subject.documentId,
      credential_id: subject.credentialId,
      order_id: subject.orderId,
      order_version: subject.orderVersion,
      invoice_number: subject.number,
      invoice_issue_date: subject.issueDate,
      seller_name: subject.seller.name,
      seller_country: subject.seller.country,
      seller_company_id: subject.seller.companyId,
      buyer_name: subject.buyer.name,
      buyer_country: subject.buyer.country,
      buyer_company_id: subject.buyer.companyId,
      invoice_amount_minor: subject.amount.amountMinor.toString(),
      currency: subject.amount.currency,
      requested_amount_minor: requestedMinor.toString(),
      tenor_days: input.tenorDays,
      evidence_document_ids: evidence,
      status: 'draft',
      accepted_offer_id: null,
      exporter_account_id: null,
      registration_id: null,
      disbursement_transfer_id: null,
      repayment_transfer_id: null,
      created_at: now,
      updated_at: now,
    };
    const detail =
      subject.kind === 'invoice'
        ? { documentId: subject.documentId, orderId: subject.orderId }
        : { orderId: subject.orderId, orderVersion: subject.orderVersion };
    await insertRequest(trx, row);
    await recordEvent(trx, ctx, row.id, organisationId, 'created', now, detail);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'financing_request', id: row.id },
      detail,
    });
    return viewOf(deps, trx, organisationId, row, 'exporter');
  });
};

/** Another request of the same invoice has an accepted offer or is disbursed. */
export const alreadyFinanced = (documentId: string) =>
  new AppError(
    'finance.invoice_already_financed',
    `Invoice ${documentId} is already being financed through another request.`,
  );

/** The exporter shares the request with banks; only organisations of kind bank may see it. */
export const shareFinancingRequest = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  requestId: string,
  bankOrganisationIds: readonly string[],
): Promise<RequestView> => {
  const banks = [...new Set(bankOrganisationIds)];
  const directory = await findOrganisationDirectoryEntries(deps.db.kysely, banks);
  const errors: FieldError[] = [];
  banks.forEach((id, i) => {
    if (directory.get(id)?.kind !== 'bank' || id === organisationId) {
      errors.push({
        field: `bankOrganisationIds.${i}`,
        code: 'finance.not_a_bank',
        message: 'Financing requests are shared with banks only',
      });
    }
  });
  return deps.db.transaction(async (trx) => {
    const { row, role } = await visibleRequest(trx, organisationId, requestId, true);
    exporterOnly(role);
    requireStatus(row, ['draft', 'open', 'offered'], 'shared');
    if (errors.length > 0) {
      throw invalid(errors);
    }
    const now = deps.now();
    const added: string[] = [];
    for (const bank of banks) {
      if (await insertShare(trx, { request_id: requestId, bank_organisation_id: bank, shared_at: now })) {
        added.push(bank);
      }
    }
    const status: RequestStatus = row.status === 'draft' ? 'open' : row.status;
    if (added.length > 0) {
      await updateRequest(trx, requestId, { status, updated_at: now });
      await recordEvent(trx, ctx, requestId, organisationId, 'shared', now, { bankOrganisationIds: added });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'financing_request', id: requestId },
        detail: { bankOrganisationIds: added },
      });
    }
    const updated = added.length > 0 ? { ...row, status, updated_at: now } : row;
    return viewOf(deps, trx, organisationId, updated, 'exporter');
  });
};

/** The exporter withdraws a request no offer of which it has accepted; open offers lapse. */
export const withdrawFinancingRequest = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  requestId: string,
): Promise<RequestView> =>
  deps.db.transaction(async (trx) => {
    const { row, role } = await visibleRequest(trx, organisationId, requestId, true);
    exporterOnly(role);
    requireStatus(row, ['draft', 'open', 'offered'], 'withdrawn');
    const now = deps.now();
    await closeOpenOffers(trx, requestId, 'lapsed');
    await updateRequest(trx, requestId, { status: 'withdrawn', updated_at: now });
    await recordEvent(trx, ctx, requestId, organisationId, 'withdrawn', now);
    await ctx.audit(trx, { organisationId, object: { type: 'financing_request', id: requestId } });
    return viewOf(deps, trx, organisationId, { ...row, status: 'withdrawn', updated_at: now }, role);
  });

export const getFinancingRequest = async (
  deps: FinanceDeps,
  organisationId: string,
  requestId: string,
): Promise<RequestView> => {
  const { row, role } = await visibleRequest(deps.db.kysely, organisationId, requestId);
  return viewOf(deps, deps.db.kysely, organisationId, row, role);
};

/** The requests the organisation made and those shared with it, newest first. */
export const listFinancingRequests = async (
  deps: FinanceDeps,
  organisationId: string,
  options: { status?: RequestStatus | undefined; cursor?: string | undefined; limit: number },
) => {
  const rows = await listVisibleRequests(deps.db.kysely, organisationId, options);
  const page = rows.slice(0, options.limit);
  const items: RequestView[] = [];
  for (const row of page) {
    const role: ViewerRole = row.exporter_organisation_id === organisationId ? 'exporter' : 'bank';
    items.push(await viewOf(deps, deps.db.kysely, organisationId, row, role));
  }
  return { items, nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
};
