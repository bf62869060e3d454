import type { FieldError } from '@tradehub/kernel';
import { formatAmount, parseAmount } from '../tax/fixed-decimal.ts';

// What a 1210 (bonded) import inventory list takes out of its account book. The reference (§2.5)
// makes emsNo (the book), areaCode (the in-zone warehouse enterprise) and each line's itemRecordNo
// (the book's item number) mandatory for bonded lists; the legal quantity qty1 is what the book
// counts (books are kept in legal units), falling back to qty when qty1 is absent.

export const BONDED_TRADE_MODES: ReadonlySet<string> = new Set(['1210', '1239']);

export type BondedLine = { gnum: number; itemRecordNo: string; gcode: string; quantity: bigint };
export type BondedDemand = {
  emsNo: string;
  areaCode: string;
  ebcCode: string;
  lines: BondedLine[];
  /** Per item, in item order (the order rows are locked in, so two lists never deadlock). */
  byItem: Map<string, bigint>;
};

type Head = Readonly<Record<string, unknown>>;
const text = (record: Head, name: string): string =>
  typeof record[name] === 'string' ? (record[name] as string).trim() : '';

/**
 * The account book, warehouse and per-item quantities a bonded list declares, or the field errors
 * that make it undeclarable as bonded (missing book, item numbers or quantities).
 */
export const bondedDemandOf = (
  head: Head,
  lines: readonly Head[],
): { demand: BondedDemand; errors: [] } | { demand: null; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const emsNo = text(head, 'emsNo');
  const areaCode = text(head, 'areaCode');
  if (emsNo === '') {
    errors.push({
      field: 'InventoryHead.emsNo',
      code: 'customs.bonded_ems_no_required',
      message: '保税进口清单须填写账册编号 emsNo (a 1210 list names its account book)',
    });
  }
  if (areaCode === '') {
    errors.push({
      field: 'InventoryHead.areaCode',
      code: 'customs.bonded_area_code_required',
      message: '保税进口清单须填写区内企业代码 areaCode (a 1210 list names its bonded warehouse)',
    });
  }
  const parsed: BondedLine[] = [];
  for (const line of lines) {
    const gnum = Number(text(line, 'gnum'));
    const itemRecordNo = text(line, 'itemRecordNo');
    const quantity = parseAmount(text(line, 'qty1') || text(line, 'qty'));
    if (itemRecordNo === '') {
      errors.push({
        field: `InventoryList[gnum=${gnum}].itemRecordNo`,
        code: 'customs.bonded_item_record_required',
        message: '保税进口清单须填写账册备案料号 itemRecordNo (a 1210 line names its book item)',
      });
    } else if (quantity === null || quantity <= 0n) {
      errors.push({
        field: `InventoryList[gnum=${gnum}].qty1`,
        code: 'customs.bonded_quantity_invalid',
        message: 'the legal quantity must be above 0',
      });
    } else {
      parsed.push({ gnum, itemRecordNo, gcode: text(line, 'gcode'), quantity });
    }
  }
  if (errors.length > 0) {
    return { demand: null, errors };
  }
  const byItem = new Map<string, bigint>();
  for (const line of [...parsed].sort((a, b) => (a.itemRecordNo < b.itemRecordNo ? -1 : 1))) {
    byItem.set(line.itemRecordNo, (byItem.get(line.itemRecordNo) ?? 0n) + line.quantity);
  }
  return {
    demand: { emsNo, areaCode, ebcCode: text(head, 'ebcCode'), lines: parsed, byItem },
    errors: [],
  };
};

/**
 * The lines the book cannot cover. The wording follows what bonded systems answer ("账册…料号…
 * 库存不足"); the exact customs text is (unverified: check before relying on it).
 */
export const stockShortfalls = (
  demand: BondedDemand,
  available: ReadonlyMap<string, bigint>,
): FieldError[] => {
  const errors: FieldError[] = [];
  for (const [item, wanted] of demand.byItem) {
    const have = available.get(item);
    if (have === undefined) {
      errors.push({
        field: `InventoryList[itemRecordNo=${item}]`,
        code: 'customs.bonded_item_not_in_book',
        message: `账册 ${demand.emsNo} 无料号 ${item} 的库存 (item ${item} has no stock in book ${demand.emsNo})`,
      });
    } else if (have < wanted) {
      errors.push({
        field: `InventoryList[itemRecordNo=${item}]`,
        code: 'customs.bonded_stock_short',
        message: `账册 ${demand.emsNo} 料号 ${item} 库存不足：可用 ${formatAmount(have)}，申报 ${formatAmount(wanted)} (insufficient bonded stock)`,
      });
    }
  }
  return errors;
};
