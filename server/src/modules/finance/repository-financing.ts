import type { ColumnType, Selectable } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';

/** What a request finances: an issued invoice credential, or an agreed order (pre-shipment). */
export type SubjectKind = 'invoice' | 'purchase_order';
export type RequestStatus = 'draft' | 'open' | 'offered' | 'accepted' | 'disbursed' | 'repaid' | 'withdrawn';
export type OfferStatus = 'open' | 'accepted' | 'lapsed' | 'withdrawn';
export type EventKind =
  | 'created'
  | 'shared'
  | 'offered'
  | 'accepted'
  | 'disbursed'
  | 'disbursement_refused'
  | 'repaid'
  | 'withdrawn';

type BigintText = ColumnType<string, string, string>;

type RequestsTable = {
  id: string;
  exporter_organisation_id: string;
  subject_kind: SubjectKind;
  /** The invoice's document and credential; null for a purchase order. */
  document_id: string | null;
  credential_id: string | null;
  /** The purchase order, or the order an invoice belongs to when the hub knows it. */
  order_id: string | null;
  /** The agreed version of a purchase order; null for an invoice. */
  order_version: number | null;
  /** The invoice's, or the purchase order's number (and below its date, parties and total). */
  invoice_number: string;
  invoice_issue_date: string;
  seller_name: string;
  seller_country: string;
  seller_company_id: string | null;
  buyer_name: string;
  buyer_country: string;
  buyer_company_id: string | null;
  invoice_amount_minor: BigintText;
  currency: string;
  requested_amount_minor: BigintText;
  tenor_days: number;
  evidence_document_ids: string[];
  status: RequestStatus;
  accepted_offer_id: string | null;
  exporter_account_id: string | null;
  registration_id: string | null;
  disbursement_transfer_id: string | null;
  repayment_transfer_id: string | null;
  created_at: Date;
  updated_at: Date;
};

type SharesTable = { request_id: string; bank_organisation_id: string; shared_at: Date };

type OffersTable = {
  id: string;
  request_id: string;
  bank_organisation_id: string;
  amount_minor: BigintText;
  currency: string;
  rate: string;
  fee_minor: BigintText;
  tenor_days: number;
  disbursement_minor: BigintText;
  repayment_minor: BigintText;
  expires_at: Date;
  status: OfferStatus;
  bank_account_id: string | null;
  created_at: Date;
};

type EventsTable = {
  id: string;
  request_id: string;
  organisation_id: string;
  actor_type: 'user' | 'api_key' | null;
  actor_id: string | null;
  kind: EventKind;
  detail: ColumnType<Record<string, unknown>, string, never>;
  at: Date;
};

type FinancingTables = {
  'finance.financing_requests': RequestsTable;
  'finance.request_shares': SharesTable;
  'finance.financing_offers': OffersTable;
  'finance.financing_events': EventsTable;
};

export type RequestRow = Selectable<RequestsTable>;
export type OfferRow = Selectable<OffersTable>;
export type EventRow = Selectable<EventsTable>;

const tables = (ex: Executor) => ex.withTables<FinancingTables>();

export const insertRequest = (ex: Executor, row: RequestRow) =>
  tables(ex).insertInto('finance.financing_requests').values(row).execute();

export const findRequest = (ex: Executor, id: string, forUpdate = false) => {
  const query = tables(ex).selectFrom('finance.financing_requests').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export const updateRequest = (
  ex: Executor,
  id: string,
  change: Partial<Omit<RequestRow, 'id' | 'created_at'>> & { updated_at: Date },
) => tables(ex).updateTable('finance.financing_requests').set(change).where('id', '=', id).execute();

/** Requests of this invoice whose financing is under way (an accepted offer, or disbursed). */
export const findRequestsInProgress = (ex: Executor, documentId: string) =>
  tables(ex)
    .selectFrom('finance.financing_requests')
    .select(['id', 'status'])
    .where('document_id', '=', documentId)
    .where('status', 'in', ['accepted', 'disbursed'])
    .execute();

/**
 * Requests of this order whose financing is under way: the purchase order's own, or one of an
 * invoice of the order.
 */
export const findOrderRequestsInProgress = (ex: Executor, orderId: string) =>
  tables(ex)
    .selectFrom('finance.financing_requests')
    .select(['id', 'status', 'subject_kind'])
    .where('order_id', '=', orderId)
    .where('status', 'in', ['accepted', 'disbursed'])
    .execute();

/** Requests the organisation made, or that were shared with it; newest first. */
export const listVisibleRequests = (
  ex: Executor,
  organisationId: string,
  options: { status?: RequestStatus | undefined; cursor?: string | undefined; limit: number },
) =>
  tables(ex)
    .selectFrom('finance.financing_requests')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('exporter_organisation_id', '=', organisationId),
        eb(
          'id',
          'in',
          eb
            .selectFrom('finance.request_shares')
            .select('request_id')
            .where('bank_organisation_id', '=', organisationId),
        ),
      ]),
    )
    .$if(options.status !== undefined, (qb) => qb.where('status', '=', options.status as RequestStatus))
    .$if(options.cursor !== undefined, (qb) => qb.where('id', '<', options.cursor as string))
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();

export const isSharedWith = async (ex: Executor, requestId: string, organisationId: string) =>
  (await tables(ex)
    .selectFrom('finance.request_shares')
    .select('request_id')
    .where('request_id', '=', requestId)
    .where('bank_organisation_id', '=', organisationId)
    .executeTakeFirst()) !== undefined;

export const listShares = (ex: Executor, requestId: string) =>
  tables(ex)
    .selectFrom('finance.request_shares')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('shared_at')
    .orderBy('bank_organisation_id')
    .execute();

/** Inserts the share unless it exists; true when it is new. */
export const insertShare = async (ex: Executor, row: Selectable<SharesTable>) =>
  (
    await tables(ex)
      .insertInto('finance.request_shares')
      .values(row)
      .onConflict((oc) => oc.columns(['request_id', 'bank_organisation_id']).doNothing())
      .executeTakeFirst()
  ).numInsertedOrUpdatedRows === 1n;

export const insertOffer = (ex: Executor, row: OfferRow) =>
  tables(ex).insertInto('finance.financing_offers').values(row).execute();

export const findOffer = (ex: Executor, requestId: string, offerId: string) =>
  tables(ex)
    .selectFrom('finance.financing_offers')
    .selectAll()
    .where('id', '=', offerId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();

/** The request's offers, oldest first; only `bankOrganisationId`'s when given. */
export const listOffers = (ex: Executor, requestId: string, bankOrganisationId?: string) =>
  tables(ex)
    .selectFrom('finance.financing_offers')
    .selectAll()
    .where('request_id', '=', requestId)
    .$if(bankOrganisationId !== undefined, (qb) =>
      qb.where('bank_organisation_id', '=', bankOrganisationId as string),
    )
    .orderBy('id')
    .execute();

export const setOfferStatus = (ex: Executor, offerId: string, status: OfferStatus, bankAccountId?: string) =>
  tables(ex)
    .updateTable('finance.financing_offers')
    .set({ status, ...(bankAccountId === undefined ? {} : { bank_account_id: bankAccountId }) })
    .where('id', '=', offerId)
    .execute();

/** Marks the request's other open offers (or one bank's, when it makes a new one) with `status`. */
export const closeOpenOffers = (
  ex: Executor,
  requestId: string,
  status: 'lapsed' | 'withdrawn',
  options: { exceptOfferId?: string; bankOrganisationId?: string } = {},
) =>
  tables(ex)
    .updateTable('finance.financing_offers')
    .set({ status })
    .where('request_id', '=', requestId)
    .where('status', '=', 'open')
    .$if(options.exceptOfferId !== undefined, (qb) => qb.where('id', '<>', options.exceptOfferId as string))
    .$if(options.bankOrganisationId !== undefined, (qb) =>
      qb.where('bank_organisation_id', '=', options.bankOrganisationId as string),
    )
    .execute();

export const insertEvent = (
  ex: Executor,
  row: Omit<EventRow, 'detail'> & { detail: Record<string, unknown> },
) =>
  tables(ex)
    .insertInto('finance.financing_events')
    .values({ ...row, detail: JSON.stringify(row.detail) })
    .execute();

/** The request's events in order; a bank sees those of its own and of the exporter only. */
export const listEvents = (ex: Executor, requestId: string) =>
  tables(ex)
    .selectFrom('finance.financing_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
