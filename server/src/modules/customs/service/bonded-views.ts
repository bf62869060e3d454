import { AppError } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { CustomsDeps } from '../deps.ts';
import { positiveListStatus } from './bonded-positive-list.ts';
import type { Viewer } from './views.ts';

// What an organisation sees of bonded stock: the account books it keeps (a customs authority:
// every book), their stock by item and their inbounds, the lists refused for stock or the positive
// list among the parcels it is a party to, and the positive list in force.

const REFUSAL_CODES = [
  'customs.not_on_positive_list',
  'customs.bonded_stock_short',
  'customs.bonded_item_not_in_book',
  'customs.bonded_book_unknown',
  'customs.bonded_book_mismatch',
  'customs.bonded_ems_no_required',
  'customs.bonded_area_code_required',
  'customs.bonded_item_record_required',
  'customs.bonded_quantity_invalid',
];

const ownBooks = (viewer: Viewer) =>
  viewer.isCustoms ? sql`true` : sql`b.organisation_id = ${viewer.organisationId}`;

export const bondedOverview = async (deps: CustomsDeps, viewer: Viewer) => {
  const db = deps.db.kysely;
  const books = (
    await sql<{ id: string; ebc_code: string; area_code: string; ems_no: string; created_at: Date }>`
      select b.id, b.ebc_code, b.area_code, b.ems_no, b.created_at from customs.bonded_books b
      where ${ownBooks(viewer)} order by b.ems_no limit 200`.execute(db)
  ).rows;
  const ids = books.map((book) => book.id);
  const stock =
    ids.length === 0
      ? []
      : (
          await sql<{
            book_id: string;
            item_record_no: string;
            gcode: string;
            gname: string;
            unit: string | null;
            quantity: string;
            released: string;
          }>`
            select s.book_id, s.item_record_no, s.gcode, s.gname, s.unit, s.quantity::text as quantity,
              coalesce((select -sum(e.quantity) from customs.bonded_stock_entries e
                where e.book_id = s.book_id and e.item_record_no = s.item_record_no and e.kind = 'release'), 0)::text as released
            from customs.bonded_stock s where s.book_id in (${sql.join(ids)})
            order by s.book_id, s.item_record_no`.execute(db)
        ).rows;
  const inbounds =
    ids.length === 0
      ? []
      : (
          await sql<{
            id: string;
            book_id: string;
            bill_no: string;
            operator_code: string;
            state: string;
            declared_at: Date;
            confirmed_at: Date | null;
            items: number;
          }>`
            select id, book_id, bill_no, operator_code, state, declared_at, confirmed_at,
              jsonb_array_length(lines) as items
            from customs.bonded_inbounds where book_id in (${sql.join(ids)})
            order by declared_at desc limit 200`.execute(db)
        ).rows;
  const visibleParcel = viewer.isCustoms
    ? sql`true`
    : sql`exists (select 1 from customs.parcel_parties pp where pp.parcel_id = p.id and pp.organisation_id = ${viewer.organisationId})`;
  const refused = (
    await sql<{
      id: string;
      order_no: string;
      trade_mode: string | null;
      refusal_code: string;
      updated_at: Date;
    }>`
      select p.id, p.order_no, p.trade_mode, p.refusal_code, p.updated_at from customs.parcels p
      where p.state = 'refused' and p.refusal_code in (${sql.join(REFUSAL_CODES)}) and ${visibleParcel}
      order by p.updated_at desc limit 50`.execute(db)
  ).rows;
  return {
    books: books.map((book) => ({
      id: book.id,
      ebcCode: book.ebc_code,
      areaCode: book.area_code,
      emsNo: book.ems_no,
      createdAt: new Date(book.created_at).toISOString(),
      items: stock
        .filter((row) => row.book_id === book.id)
        .map((row) => ({
          itemRecordNo: row.item_record_no,
          gcode: row.gcode,
          gname: row.gname,
          unit: row.unit,
          quantity: row.quantity,
          released: row.released,
        })),
      inbounds: inbounds
        .filter((row) => row.book_id === book.id)
        .map((row) => ({
          id: row.id,
          billNo: row.bill_no,
          operatorCode: row.operator_code,
          state: row.state,
          items: Number(row.items),
          declaredAt: new Date(row.declared_at).toISOString(),
          confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at).toISOString(),
        })),
    })),
    refusedLists: refused.map((row) => ({
      parcelId: row.id,
      orderNo: row.order_no,
      tradeMode: row.trade_mode,
      refusalCode: row.refusal_code,
      at: new Date(row.updated_at).toISOString(),
    })),
    positiveList: await positiveListStatus(deps.db),
  };
};

/** A book's ledger, newest first; 404 for a book the viewer does not keep (customs: any). */
export const bondedLedger = async (
  deps: CustomsDeps,
  viewer: Viewer,
  bookId: string,
  query: { before?: number | undefined; limit: number },
) => {
  const db = deps.db.kysely;
  const book = (
    await sql<{
      id: string;
    }>`select b.id from customs.bonded_books b where b.id = ${bookId} and ${ownBooks(viewer)}`.execute(db)
  ).rows[0];
  if (book === undefined) {
    throw new AppError('customs.bonded_book_not_found', 'No such account book.');
  }
  const rows = (
    await sql<{
      id: string;
      item_record_no: string;
      kind: string;
      quantity: string;
      inbound_id: string | null;
      parcel_id: string | null;
      gnum: number | null;
      order_no: string | null;
      at: Date;
    }>`
      select e.id::text as id, e.item_record_no, e.kind, e.quantity::text as quantity, e.inbound_id, e.parcel_id, e.gnum,
        p.order_no, e.at
      from customs.bonded_stock_entries e left join customs.parcels p on p.id = e.parcel_id
      where e.book_id = ${bookId} ${query.before === undefined ? sql`` : sql`and e.id < ${query.before}`}
      order by e.id desc limit ${query.limit}`.execute(db)
  ).rows;
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      itemRecordNo: row.item_record_no,
      kind: row.kind,
      quantity: row.quantity,
      inboundId: row.inbound_id,
      parcelId: row.parcel_id,
      orderNo: row.order_no,
      gnum: row.gnum,
      at: new Date(row.at).toISOString(),
    })),
    nextBefore: rows.length === query.limit ? Number(rows.at(-1)?.id) : null,
  };
};
