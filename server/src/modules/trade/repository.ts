import { type ColumnType, type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { OrderContentJson } from './domain/order-json.ts';
import type { OrderSide, OrderStatus } from './domain/order-state-machine.ts';
import type { TradeDocumentKind } from './domain/trade-document-kinds.ts';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

type OrdersTable = {
  id: string;
  seller_organisation_id: string;
  buyer_organisation_id: string | null;
  buyer_invitation_email: string | null;
  created_by_organisation_id: string;
  created_by_side: OrderSide;
  status: OrderStatus;
  awaiting_side: OrderSide | null;
  content: Json<OrderContentJson>;
  buyer_reference: string;
  currency: string;
  total_minor: ColumnType<string, string, string>;
  search_text: string;
  version: number;
  created_at: Date;
  updated_at: Date;
};
type HistoryTable = {
  order_id: string;
  version: number;
  at: Date;
  action: string;
  status: OrderStatus;
  by_organisation_id: string;
  by_actor_type: 'user' | 'api_key' | 'system';
  by_actor_id: string | null;
  by_label: string;
  note: string | null;
  content: NullableJson<OrderContentJson>;
  detail: NullableJson<Record<string, unknown>>;
};
type InvitationsTable = {
  token_hash: Uint8Array;
  order_id: string;
  email: string;
  created_at: Date;
  claimed_by_organisation_id: string | null;
  claimed_at: Date | null;
  revoked_at: Date | null;
};
type SharesTable = {
  order_id: string;
  organisation_id: string;
  role: ShareRole;
  shared_by_organisation_id: string;
  shared_at: Date;
};
type OrderDocumentsTable = {
  order_id: string;
  document_id: string;
  kind: TradeDocumentKind;
  document_number: string;
  issue_date: string;
  version: number;
  replaces_document_id: string | null;
  issued_at: Date;
};
type RelationsTable = {
  subject_type: string;
  subject_id: string;
  relation: string;
  object_type: string;
  object_id: string;
};

export type ShareRole = 'forwarder' | 'broker' | 'bank' | 'other';

type TradeTables = {
  'trade.orders': OrdersTable;
  'trade.order_history': HistoryTable;
  'trade.order_invitations': InvitationsTable;
  'trade.order_shares': SharesTable;
  'trade.order_documents': OrderDocumentsTable;
  // Read only, to list the orders shared with an organisation; the platform owns the table.
  'access.relations': RelationsTable;
};

export type OrderRow = Selectable<OrdersTable>;
export type HistoryRow = Selectable<HistoryTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type ShareRow = Selectable<SharesTable>;
export type OrderDocumentRow = Selectable<OrderDocumentsTable>;

/** The module's tables on any executor; the only place this module names its SQL tables. */
const tables = (ex: Executor) => ex.withTables<TradeTables>();

export type NewOrderRow = Omit<OrderRow, 'content'> & { content: OrderContentJson };

const jsonOf = (value: unknown) => JSON.stringify(value);

export const insertOrder = (ex: Executor, row: NewOrderRow) =>
  tables(ex)
    .insertInto('trade.orders')
    .values({ ...row, content: jsonOf(row.content) })
    .execute();

/** The order, locked for the rest of the transaction when `forUpdate`. */
export const findOrder = async (
  ex: Executor,
  id: string,
  forUpdate = false,
): Promise<OrderRow | undefined> => {
  const query = tables(ex).selectFrom('trade.orders').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

export type OrderChange = Pick<
  OrderRow,
  'status' | 'awaiting_side' | 'buyer_reference' | 'currency' | 'total_minor' | 'search_text' | 'updated_at'
> & {
  content: OrderContentJson;
  buyer_organisation_id: string | null;
  buyer_invitation_email: string | null;
};

/** Applies a change if the order is still at `expectedVersion`; false when someone changed it first. */
export const updateOrder = async (
  ex: Executor,
  id: string,
  expectedVersion: number,
  change: OrderChange,
): Promise<boolean> => {
  const result = await tables(ex)
    .updateTable('trade.orders')
    .set({ ...change, content: jsonOf(change.content), version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

/** Moves the version on for a change that touches no order column (a share, a document). */
export const bumpOrderVersion = async (ex: Executor, id: string, expectedVersion: number, at: Date) => {
  const result = await tables(ex)
    .updateTable('trade.orders')
    .set({ version: expectedVersion + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export type NewHistoryRow = Omit<HistoryRow, 'content' | 'detail'> & {
  content: OrderContentJson | null;
  detail: Record<string, unknown> | null;
};

export const insertHistory = (ex: Executor, row: NewHistoryRow) =>
  tables(ex)
    .insertInto('trade.order_history')
    .values({
      ...row,
      content: row.content === null ? null : jsonOf(row.content),
      detail: row.detail === null ? null : jsonOf(row.detail),
    })
    .execute();

export const listHistory = (ex: Executor, orderId: string) =>
  tables(ex)
    .selectFrom('trade.order_history')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('version')
    .execute();

/** True when `organisationId` was granted viewer on the order (a forwarder, broker or bank). */
export const isSharedWith = async (ex: Executor, orderId: string, organisationId: string) =>
  (await tables(ex)
    .selectFrom('access.relations')
    .select('relation')
    .where('subject_type', '=', 'organisation')
    .where('subject_id', '=', organisationId)
    .where('relation', '=', 'viewer')
    .where('object_type', '=', 'order')
    .where('object_id', '=', orderId)
    .executeTakeFirst()) !== undefined;

export type OrderFilter = {
  organisationId: string;
  role?: 'seller' | 'buyer' | 'shared' | undefined;
  status?: OrderStatus | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

const escapeLike = (text: string) => text.replaceAll(/[\\%_]/g, (c) => `\\${c}`);

/** The orders the organisation is seller, buyer or a shared party of, newest first, with the count. */
export const listOrders = async (ex: Executor, filter: OrderFilter) => {
  const sharedIds = tables(ex)
    .selectFrom('access.relations')
    .select('object_id')
    .where('subject_type', '=', 'organisation')
    .where('subject_id', '=', filter.organisationId)
    .where('relation', '=', 'viewer')
    .where('object_type', '=', 'order');
  const base = tables(ex)
    .selectFrom('trade.orders')
    .where((eb) => {
      const seller = eb('seller_organisation_id', '=', filter.organisationId);
      const buyer = eb('buyer_organisation_id', '=', filter.organisationId);
      const shared = eb('id', 'in', sharedIds);
      switch (filter.role) {
        case 'seller':
          return seller;
        case 'buyer':
          return buyer;
        case 'shared':
          return eb.and([shared, eb('seller_organisation_id', '<>', filter.organisationId)]);
        default:
          return eb.or([seller, buyer, shared]);
      }
    })
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status as OrderStatus))
    .$if(filter.q !== undefined, (qb) =>
      qb.where(sql<boolean>`search_text like ${`%${escapeLike((filter.q ?? '').toLowerCase())}%`}`),
    );
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .$if(filter.cursor !== undefined, (qb) => qb.where('id', '<', filter.cursor as string))
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.slice(0, filter.limit), more: rows.length > filter.limit, total: Number(count.n) };
};

export const insertInvitation = (
  ex: Executor,
  row: Omit<InvitationRow, 'claimed_by_organisation_id' | 'claimed_at' | 'revoked_at'>,
) => tables(ex).insertInto('trade.order_invitations').values(row).execute();

export const findInvitation = (ex: Executor, tokenHash: Uint8Array) =>
  tables(ex)
    .selectFrom('trade.order_invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

/** The invitation that counts for an order: the newest one not superseded. */
export const findCurrentInvitation = (ex: Executor, orderId: string) =>
  tables(ex)
    .selectFrom('trade.order_invitations')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const revokeInvitations = (ex: Executor, orderId: string, at: Date) =>
  tables(ex)
    .updateTable('trade.order_invitations')
    .set({ revoked_at: at })
    .where('order_id', '=', orderId)
    .where('revoked_at', 'is', null)
    .where('claimed_at', 'is', null)
    .execute();

export const claimInvitation = async (
  ex: Executor,
  tokenHash: Uint8Array,
  organisationId: string,
  at: Date,
) => {
  const result = await tables(ex)
    .updateTable('trade.order_invitations')
    .set({ claimed_by_organisation_id: organisationId, claimed_at: at })
    .where('token_hash', '=', tokenHash)
    .where('claimed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const listShares = (ex: Executor, orderId: string) =>
  tables(ex)
    .selectFrom('trade.order_shares')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('shared_at')
    .execute();

export const upsertShare = (ex: Executor, row: ShareRow) =>
  tables(ex)
    .insertInto('trade.order_shares')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['order_id', 'organisation_id']).doUpdateSet({
        role: row.role,
        shared_by_organisation_id: row.shared_by_organisation_id,
        shared_at: row.shared_at,
      }),
    )
    .execute();

export const deleteShare = async (ex: Executor, orderId: string, organisationId: string) => {
  const result = await tables(ex)
    .deleteFrom('trade.order_shares')
    .where('order_id', '=', orderId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
};

export const insertOrderDocument = (ex: Executor, row: OrderDocumentRow) =>
  tables(ex).insertInto('trade.order_documents').values(row).execute();

export const listOrderDocuments = (ex: Executor, orderId: string) =>
  tables(ex)
    .selectFrom('trade.order_documents')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('issued_at')
    .execute();

export const findOrderDocument = (ex: Executor, orderId: string, documentId: string) =>
  tables(ex)
    .selectFrom('trade.order_documents')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();

/** The highest version issued of one kind for the order, 0 when none. */
export const latestDocumentVersion = async (ex: Executor, orderId: string, kind: TradeDocumentKind) => {
  const row = await tables(ex)
    .selectFrom('trade.order_documents')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
};

// The organisation directory (public names, kind, country) belongs to identity; trade reads it
// through identity's index so the SQL on identity's tables stays in one module.
export {
  type DirectoryEntry,
  findOrganisationDirectoryEntries as findDirectoryEntries,
  searchOrganisationDirectory as searchDirectory,
} from '../identity/index.ts';
