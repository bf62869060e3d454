import { AppError, type FieldError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { BONDED_TRADE_MODES, bondedDemandOf, stockShortfalls } from '../domain/bonded/stock.ts';
import { formatAmount, parseAmount } from '../domain/tax/fixed-decimal.ts';
import type { CebMessage, CebRecord } from '../formats/ceb/index.ts';

// The 1210 bonded account books (保税账册): goods declared into a book become stock once the
// supervised site's CEB711 inbound list for their bill is accepted; a released (or inspected)
// 1210 inventory list takes its lines out; a CEB623 cancel or CEB625 return puts them back.
//
// Concurrency: every change to an item's stock first locks its bonded_stock row (items in
// item-number order, so two lists never wait on each other crosswise); the check "available >=
// declared" and the write happen under that lock, and the row's check constraint refuses a negative
// quantity even if this code were wrong.

type Record_ = Readonly<Record<string, unknown>>;
const text = (record: Record_, name: string): string =>
  typeof record[name] === 'string' ? (record[name] as string).trim() : '';
const list = (value: unknown): CebRecord[] =>
  Array.isArray(value)
    ? value
    : value !== undefined && value !== null && typeof value === 'object'
      ? [value as CebRecord]
      : [];

/** What screening a list's bonded stock decided: not bonded, refused with reasons, or takeable. */
export type BondedScreening =
  | { kind: 'not_bonded' }
  | { kind: 'refused'; reasons: FieldError[] }
  | { kind: 'ok'; take: (parcelId: string, organisationId: string, at: Date) => Promise<void> };

/**
 * Checks a 1210/1239 inventory list against its book and locks the items' stock rows until the
 * transaction ends; `take` then writes the release. Lists of other trade modes are not bonded.
 */
export const screenBondedInventory = async (
  trx: Executor,
  inventory: CebRecord,
): Promise<BondedScreening> => {
  const head = (list(inventory.InventoryHead)[0] ?? {}) as Record_;
  if (!BONDED_TRADE_MODES.has(text(head, 'tradeMode'))) {
    return { kind: 'not_bonded' };
  }
  const parsed = bondedDemandOf(head, list(inventory.InventoryList));
  if (parsed.demand === null) {
    return { kind: 'refused', reasons: parsed.errors };
  }
  const demand = parsed.demand;
  const book = (
    await sql<{ id: string; area_code: string; ebc_code: string }>`
      select id, area_code, ebc_code from customs.bonded_books where ems_no = ${demand.emsNo}`.execute(trx)
  ).rows[0];
  if (book === undefined) {
    return {
      kind: 'refused',
      reasons: [
        {
          field: 'InventoryHead.emsNo',
          code: 'customs.bonded_book_unknown',
          message: `账册 ${demand.emsNo} 不存在或无库存 (no stock was ever received into book ${demand.emsNo})`,
        },
      ],
    };
  }
  if (book.area_code !== demand.areaCode || (demand.ebcCode !== '' && book.ebc_code !== demand.ebcCode)) {
    return {
      kind: 'refused',
      reasons: [
        {
          field: 'InventoryHead.areaCode',
          code: 'customs.bonded_book_mismatch',
          message: `账册 ${demand.emsNo} 不属于该区内企业或电商企业 (book ${demand.emsNo} belongs to another warehouse or e-commerce enterprise)`,
        },
      ],
    };
  }
  const items = [...demand.byItem.keys()];
  const rows = (
    await sql<{ item_record_no: string; quantity: string }>`
      select item_record_no, quantity::text as quantity from customs.bonded_stock
      where book_id = ${book.id} and item_record_no in (${sql.join(items)})
      order by item_record_no
      for update`.execute(trx)
  ).rows;
  const available = new Map(rows.map((row) => [row.item_record_no, parseAmount(row.quantity) ?? 0n]));
  const shortfalls = stockShortfalls(demand, available);
  if (shortfalls.length > 0) {
    return { kind: 'refused', reasons: shortfalls };
  }
  return {
    kind: 'ok',
    take: async (parcelId, organisationId, at) => {
      const values = demand.lines.map(
        (line) =>
          sql`(${book.id}, ${line.itemRecordNo}, 'release', ${`-${formatAmount(line.quantity)}`}::numeric, ${parcelId}, ${line.gnum}, ${organisationId}, ${at})`,
      );
      await sql`insert into customs.bonded_stock_entries (book_id, item_record_no, kind, quantity, parcel_id, gnum, organisation_id, at)
        values ${sql.join(values)}`.execute(trx);
      for (const [item, quantity] of demand.byItem) {
        await sql`update customs.bonded_stock set quantity = quantity - ${formatAmount(quantity)}::numeric, updated_at = ${at}
          where book_id = ${book.id} and item_record_no = ${item}`.execute(trx);
      }
    },
  };
};

/**
 * Puts a cancelled (CEB623), returned (CEB625) or refused-after-inspection parcel's goods back into
 * its book: all it took for a cancel or a refusal; for a return the quantities of the refund list's
 * lines (by gnum, at most what the line took), or everything when the list names no lines. Nothing
 * when the parcel took no stock.
 */
export const restoreBondedStock = async (
  trx: Executor,
  input: {
    parcelId: string;
    kind: 'cancel' | 'return' | 'refusal';
    refundLines: readonly CebRecord[];
    organisationId: string;
    at: Date;
  },
): Promise<void> => {
  const taken = (
    await sql<{ book_id: string; item_record_no: string; gnum: number; quantity: string }>`
      select book_id, item_record_no, gnum, (-quantity)::text as quantity from customs.bonded_stock_entries
      where parcel_id = ${input.parcelId} and kind = 'release' order by item_record_no, gnum`.execute(trx)
  ).rows;
  if (taken.length === 0) {
    return;
  }
  const refunded = new Map<number, bigint>();
  for (const line of input.refundLines) {
    const qty = parseAmount(text(line, 'qty'));
    if (qty !== null && qty > 0n) {
      refunded.set(Number(text(line, 'gnum')), qty);
    }
  }
  const back = taken
    .map((row) => {
      const took = parseAmount(row.quantity) ?? 0n;
      const wanted = input.kind !== 'return' || refunded.size === 0 ? took : (refunded.get(row.gnum) ?? 0n);
      return { ...row, quantity: wanted < took ? wanted : took };
    })
    .filter((row) => row.quantity > 0n);
  if (back.length === 0) {
    return;
  }
  const bookId = (back[0] as { book_id: string }).book_id;
  await sql`select 1 from customs.bonded_stock where book_id = ${bookId}
    and item_record_no in (${sql.join([...new Set(back.map((row) => row.item_record_no))])})
    order by item_record_no for update`.execute(trx);
  for (const row of back) {
    // The unique (kind, parcel, gnum) index makes a replayed cancel or return change nothing.
    const inserted = await sql`
      insert into customs.bonded_stock_entries (book_id, item_record_no, kind, quantity, parcel_id, gnum, organisation_id, at)
      values (${row.book_id}, ${row.item_record_no}, ${input.kind}, ${formatAmount(row.quantity)}::numeric,
        ${input.parcelId}, ${row.gnum}, ${input.organisationId}, ${input.at})
      on conflict (kind, parcel_id, gnum) where parcel_id is not null do nothing`.execute(trx);
    if (Number(inserted.numAffectedRows ?? 0n) > 0) {
      await sql`update customs.bonded_stock set quantity = quantity + ${formatAmount(row.quantity)}::numeric,
          updated_at = ${input.at}
        where book_id = ${row.book_id} and item_record_no = ${row.item_record_no}`.execute(trx);
    }
  }
};

export type InboundLine = {
  itemRecordNo: string;
  gcode: string;
  gname: string;
  unit?: string | undefined;
  qty: string;
};
export type InboundInput = {
  ebcCode: string;
  areaCode: string;
  emsNo: string;
  billNo: string;
  operatorCode: string;
  lines: InboundLine[];
};

const invalid = (fieldErrors: FieldError[]) =>
  new AppError('http.validation_failed', 'The inbound declaration is not valid', { fieldErrors });

/**
 * An enterprise declares goods into its account book (the first-line entry into the zone), under
 * the master bill they arrive with and the supervised site that receives them. The goods are stock
 * only once that site's CEB711 inbound list for the bill has been accepted: at once when it
 * already has, else when it arrives.
 */
export const declareBondedInbound = async (
  deps: Pick<CustomsDeps, 'db' | 'now'>,
  organisationId: string,
  input: InboundInput,
  audit?: (trx: Executor, inboundId: string) => Promise<void>,
) => {
  const errors: FieldError[] = [];
  const items = new Set<string>();
  input.lines.forEach((line, index) => {
    const qty = parseAmount(line.qty);
    if (qty === null || qty <= 0n) {
      errors.push({
        field: `lines[${index}].qty`,
        code: 'customs.bonded_quantity_invalid',
        message: 'a decimal above 0 with at most 5 fraction digits',
      });
    }
    if (items.has(line.itemRecordNo)) {
      errors.push({
        field: `lines[${index}].itemRecordNo`,
        code: 'customs.bonded_item_repeated',
        message: 'each item once per inbound',
      });
    }
    items.add(line.itemRecordNo);
  });
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const now = deps.now();
  return deps.db.transaction(async (trx) => {
    await sql`insert into customs.bonded_books (id, organisation_id, ebc_code, area_code, ems_no, created_at)
      values (${newId('bbk')}, ${organisationId}, ${input.ebcCode}, ${input.areaCode}, ${input.emsNo}, ${now})
      on conflict (ems_no) do nothing`.execute(trx);
    const book = (
      await sql<{ id: string; organisation_id: string; ebc_code: string; area_code: string }>`
        select id, organisation_id, ebc_code, area_code from customs.bonded_books where ems_no = ${input.emsNo}`.execute(
        trx,
      )
    ).rows[0] as { id: string; organisation_id: string; ebc_code: string; area_code: string };
    if (book.organisation_id !== organisationId) {
      throw new AppError('customs.bonded_book_foreign', 'Another organisation keeps this account book.', {
        fieldErrors: [
          { field: 'emsNo', code: 'customs.bonded_book_foreign', message: 'not your account book' },
        ],
      });
    }
    if (book.ebc_code !== input.ebcCode || book.area_code !== input.areaCode) {
      throw invalid([
        {
          field: 'areaCode',
          code: 'customs.bonded_book_mismatch',
          message: `book ${input.emsNo} is kept for ${book.ebc_code} in ${book.area_code}`,
        },
      ]);
    }
    for (const [index, line] of input.lines.entries()) {
      await sql`insert into customs.bonded_stock (book_id, item_record_no, gcode, gname, unit, quantity, updated_at)
        values (${book.id}, ${line.itemRecordNo}, ${line.gcode}, ${line.gname}, ${line.unit ?? null}, 0, ${now})
        on conflict (book_id, item_record_no) do nothing`.execute(trx);
      const item = (
        await sql<{ gcode: string }>`select gcode from customs.bonded_stock
          where book_id = ${book.id} and item_record_no = ${line.itemRecordNo}`.execute(trx)
      ).rows[0];
      if (item?.gcode !== line.gcode) {
        throw invalid([
          {
            field: `lines[${index}].gcode`,
            code: 'customs.bonded_item_hs_mismatch',
            message: `item ${line.itemRecordNo} is kept under HS ${item?.gcode ?? ''}`,
          },
        ]);
      }
    }
    const id = newId('bin');
    const inserted =
      await sql`insert into customs.bonded_inbounds (id, book_id, organisation_id, bill_no, operator_code,
        state, lines, declared_at)
      values (${id}, ${book.id}, ${organisationId}, ${input.billNo}, ${input.operatorCode}, 'declared',
        ${JSON.stringify(input.lines)}::jsonb, ${now})
      on conflict (book_id, bill_no) do nothing`.execute(trx);
    if (Number(inserted.numAffectedRows ?? 0n) === 0) {
      throw new AppError(
        'customs.bonded_inbound_duplicate',
        'Goods under this bill were already declared into the book.',
        {
          fieldErrors: [
            { field: 'billNo', code: 'customs.bonded_inbound_duplicate', message: 'already declared' },
          ],
        },
      );
    }
    const delivery = (
      await sql<{ message_id: string }>`select message_id from customs.delivery_lists
        where bill_no = ${input.billNo} and operator_code = ${input.operatorCode} order by received_at limit 1`.execute(
        trx,
      )
    ).rows[0];
    if (delivery !== undefined) {
      await confirmInbound(trx, id, delivery.message_id, now);
    }
    await audit?.(trx, id);
    return { id, bookId: book.id, state: delivery === undefined ? 'declared' : 'confirmed' };
  });
};

/** Posts a declared inbound's lines to the book's stock (its rows locked in item order). */
const confirmInbound = async (trx: Executor, inboundId: string, messageId: string, at: Date) => {
  const inbound = (
    await sql<{ book_id: string; organisation_id: string; lines: InboundLine[] | string }>`
      update customs.bonded_inbounds set state = 'confirmed', confirmed_at = ${at}, delivery_message_id = ${messageId}
      where id = ${inboundId} and state = 'declared'
      returning book_id, organisation_id, lines`.execute(trx)
  ).rows[0];
  if (inbound === undefined) {
    return;
  }
  const lines = (
    typeof inbound.lines === 'string' ? JSON.parse(inbound.lines) : inbound.lines
  ) as InboundLine[];
  for (const line of [...lines].sort((a, b) => (a.itemRecordNo < b.itemRecordNo ? -1 : 1))) {
    const qty = formatAmount(parseAmount(line.qty) ?? 0n);
    await sql`update customs.bonded_stock set quantity = quantity + ${qty}::numeric, updated_at = ${at}
      where book_id = ${inbound.book_id} and item_record_no = ${line.itemRecordNo}`.execute(trx);
    await sql`insert into customs.bonded_stock_entries (book_id, item_record_no, kind, quantity, inbound_id, organisation_id, at)
      values (${inbound.book_id}, ${line.itemRecordNo}, 'inbound', ${qty}::numeric, ${inboundId}, ${inbound.organisation_id}, ${at})`.execute(
      trx,
    );
  }
};

/**
 * Records an accepted CEB711 inbound list and confirms the inbounds declared under its bill for
 * its site operator: their goods become stock in the same transaction as the list's acceptance.
 */
export const recordDeliveryList = async (
  trx: Executor,
  input: { messageId: string; organisationId: string; message: CebMessage; now: Date },
): Promise<void> => {
  for (const document of input.message.documents) {
    const head = (list(document.DeliveryHead)[0] ?? {}) as Record_;
    const billNo = text(head, 'billNo');
    const operatorCode = text(head, 'operatorCode');
    await sql`insert into customs.delivery_lists (message_id, organisation_id, bill_no, rkd_no, operator_code,
        customs_code, waybills, received_at)
      values (${input.messageId}, ${input.organisationId}, ${billNo}, ${text(head, 'rkdNo') || null}, ${operatorCode},
        ${text(head, 'customsCode')}, ${list(document.DeliveryList).length}, ${input.now})
      on conflict do nothing`.execute(trx);
    const pending = (
      await sql<{ id: string }>`select id from customs.bonded_inbounds
        where bill_no = ${billNo} and operator_code = ${operatorCode} and state = 'declared'
        order by id for update`.execute(trx)
    ).rows;
    for (const inbound of pending) {
      await confirmInbound(trx, inbound.id, input.messageId, input.now);
    }
  }
};
