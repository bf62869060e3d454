import { AppError, type FieldError, isAppError, newId, parseMoney } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import { findOrganisationDirectoryEntries } from '../../identity/index.ts';
import type { FinanceDeps } from '../deps.ts';
import { readCredentialInvoice } from '../domain/invoice-credential.ts';
import {
  closeOpenOffers,
  findRequestsInProgress,
  insertRequest,
  insertShare,
  listEvents,
  listOffers,
  listShares,
  listVisibleRequests,
  type RequestRow,
  type RequestStatus,
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
  documentId: string;
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

/**
 * The exporter asks for financing of a commercial invoice it issued. Refused with the reason:
 * another organisation's document or none (404, the same answer), not an invoice (422),
 * revoked or suspended (409), already being financed on the hub (409), or an amount above the
 * invoice. The invoice fields are read from the signed credential, never from the caller.
 */
export const createFinancingRequest = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  input: CreateRequestInput,
): Promise<RequestView> => {
  const evidence = [...new Set(input.evidenceDocumentIds ?? [])];
  const ids = [input.documentId, ...evidence];
  const statuses = await deps.documents.statuses(organisationId, ids);
  const status = statuses.get(input.documentId);
  if (status === undefined) {
    throw new AppError(
      'finance.invoice_not_found',
      `Document ${input.documentId} is not a document your organisation issued.`,
    );
  }
  if (status !== 'active') {
    throw new AppError(
      'finance.invoice_not_active',
      `Invoice ${input.documentId} is ${status}: only a valid invoice can be financed.`,
      { details: { documentStatus: status } },
    );
  }
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
  const { credential } = await deps.documents.bundle(organisationId, input.documentId);
  const read = readCredentialInvoice(credential);
  if (!read.ok) {
    throw read.reason === 'not_an_invoice'
      ? new AppError('finance.not_an_invoice', `Document ${input.documentId} is not a commercial invoice.`)
      : new AppError(
          'finance.invoice_unreadable',
          `The invoice credential lacks a readable ${read.field ?? 'field'}.`,
          { details: { field: read.field ?? null } },
        );
  }
  const { invoice } = read;
  let requestedMinor = 0n;
  try {
    const requested = parseMoney(
      input.requestedAmount.amount.trim(),
      input.requestedAmount.currency.trim().toUpperCase(),
    );
    requestedMinor = requested.amountMinor;
    if (requested.currency !== invoice.amount.currency) {
      errors.push({
        field: 'requestedAmount.currency',
        code: 'finance.currency_mismatch',
        message: `Financing is requested in the invoice's currency, ${invoice.amount.currency}`,
      });
    } else if (requestedMinor <= 0n) {
      errors.push({
        field: 'requestedAmount.amount',
        code: 'finance.amount_not_positive',
        message: 'More than zero',
      });
    } else if (requestedMinor > invoice.amount.amountMinor) {
      errors.push({
        field: 'requestedAmount.amount',
        code: 'finance.requested_exceeds_invoice',
        message: 'At most the amount of the invoice',
      });
    }
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    errors.push({ field: 'requestedAmount.amount', code: 'kernel.invalid_format', message: error.message });
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return deps.db.transaction(async (trx) => {
    if ((await findRequestsInProgress(trx, input.documentId)).length > 0) {
      throw alreadyFinanced(input.documentId);
    }
    const now = deps.now();
    const row: RequestRow = {
      id: newId('fin'),
      exporter_organisation_id: organisationId,
      document_id: input.documentId,
      credential_id: invoice.credentialId,
      invoice_number: invoice.number,
      invoice_issue_date: invoice.issueDate,
      seller_name: invoice.seller.name,
      seller_country: invoice.seller.country,
      seller_company_id: invoice.seller.companyId,
      buyer_name: invoice.buyer.name,
      buyer_country: invoice.buyer.country,
      buyer_company_id: invoice.buyer.companyId,
      invoice_amount_minor: invoice.amount.amountMinor.toString(),
      currency: invoice.amount.currency,
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
    await insertRequest(trx, row);
    await recordEvent(trx, ctx, row.id, organisationId, 'created', now, { documentId: input.documentId });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'financing_request', id: row.id },
      detail: { documentId: input.documentId },
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
