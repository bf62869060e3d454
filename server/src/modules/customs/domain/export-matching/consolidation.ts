// CEB701 summary consolidation (汇总申报) of released 9610 export lists. One summary becomes one
// customs declaration form (报关单). What the reference states (§3.2 CEB701, §7): a summary is
// applied for by one e-commerce enterprise (ebcCode, the consignor) at one customs office
// (customsCode) over one time range (startTime/endTime); summaryFlag 2 also separates by producer
// (ownerCode); itemNameFlag 1 keeps original item names apart; a simplified (A) list is classified
// by the first 4 HS digits. Grouping also by trade mode, transport mode, destination country and
// exit port (and items by final destination, HS code and currency) is how GACC 2014 No.12 is
// commonly quoted, which the reference does not carry: marked unverified in the README.
import { addDecimal, type CebDecimal, formatDecimal, parseCebDecimal, ZERO } from './decimal.ts';

export type SummaryLine = {
  gnum: number;
  gcode: string;
  itemName: string;
  country: string;
  currency: string;
  unit: string;
  qty: string;
  totalPrice: string;
};

export type ReleasedList = {
  invtNo: string;
  logisticsNo: string;
  ebcCode: string;
  ownerCode: string;
  customsCode: string;
  tradeMode: string;
  trafMode: string;
  country: string;
  portCode: string;
  statisticsFlag: string;
  grossWeight: string;
  netWeight: string;
  lines: readonly SummaryLine[];
};

export type SummaryOptions = {
  /** 1: by consignor; 2: by consignor and producer (CEB701 summaryFlag). */
  summaryFlag: '1' | '2';
  /** 1: items keep their original item name apart (CEB701 itemNameFlag); 0: they do not. */
  itemNameFlag: '0' | '1';
};

export type SummaryItem = {
  gcode: string;
  itemName: string | null;
  country: string;
  currency: string;
  unit: string;
  qty: string;
  totalPrice: string;
};

export type SummaryGroup = {
  key: {
    ebcCode: string;
    ownerCode: string | null;
    customsCode: string;
    tradeMode: string;
    trafMode: string;
    country: string;
    portCode: string;
  };
  /** The lists in CEB701 documents: at most 100 lists and 100 goods lines per document. */
  chunks: ReleasedList[][];
  items: SummaryItem[];
  /** Σ totalPrice per currency. */
  totals: Record<string, string>;
  grossWeight: string;
  netWeight: string;
};

// CEB701 holds ≤ 100 invtNo per SummaryApply, CEB792 ≤ 100 lines per SummaryResult, and each
// message ≤ 100 documents: a group over that becomes further summaries.
const PER_DOCUMENT = 100;
const DOCUMENTS_PER_SUMMARY = 100;

const num = (text: string): CebDecimal => parseCebDecimal(text) ?? ZERO;

/** The declaration-form HS code of a line: 4 digits padded for a simplified (A) list (§3.2). */
export const summaryHsCode = (gcode: string, statisticsFlag: string): string =>
  statisticsFlag === 'A' ? gcode.slice(0, 4).padEnd(10, '0') : gcode;

/** Groups released lists into summaries: every list in exactly one, in a stable order. */
export const consolidate = (lists: readonly ReleasedList[], options: SummaryOptions): SummaryGroup[] => {
  const byKey = new Map<string, ReleasedList[]>();
  for (const list of [...lists].sort((a, b) => a.invtNo.localeCompare(b.invtNo))) {
    const key = [
      list.ebcCode,
      options.summaryFlag === '2' ? list.ownerCode : '',
      list.customsCode,
      list.tradeMode,
      list.trafMode,
      list.country,
      list.portCode,
    ].join('\u0000');
    byKey.set(key, [...(byKey.get(key) ?? []), list]);
  }
  const groups: SummaryGroup[] = [];
  for (const members of byKey.values()) {
    const chunks: ReleasedList[][] = [];
    let current: ReleasedList[] = [];
    let lineCount = 0;
    for (const list of members) {
      if (
        current.length === PER_DOCUMENT ||
        (current.length > 0 && lineCount + list.lines.length > PER_DOCUMENT)
      ) {
        chunks.push(current);
        current = [];
        lineCount = 0;
      }
      current.push(list);
      lineCount += list.lines.length;
    }
    chunks.push(current);
    for (let start = 0; start < chunks.length; start += DOCUMENTS_PER_SUMMARY) {
      groups.push(summarise(chunks.slice(start, start + DOCUMENTS_PER_SUMMARY), options));
    }
  }
  return groups;
};

const summarise = (chunks: ReleasedList[][], options: SummaryOptions): SummaryGroup => {
  const lists = chunks.flat();
  const first = lists[0] as ReleasedList;
  const items = new Map<
    string,
    { item: Omit<SummaryItem, 'qty' | 'totalPrice'>; qty: CebDecimal; total: CebDecimal }
  >();
  const totals = new Map<string, CebDecimal>();
  let gross = ZERO;
  let net = ZERO;
  for (const list of lists) {
    gross = addDecimal(gross, num(list.grossWeight));
    net = addDecimal(net, num(list.netWeight));
    for (const line of list.lines) {
      const gcode = summaryHsCode(line.gcode, list.statisticsFlag);
      const itemName = options.itemNameFlag === '1' ? line.itemName : null;
      const key = [gcode, itemName ?? '', line.country, line.currency, line.unit].join('\u0000');
      const entry = items.get(key) ?? {
        item: { gcode, itemName, country: line.country, currency: line.currency, unit: line.unit },
        qty: ZERO,
        total: ZERO,
      };
      entry.qty = addDecimal(entry.qty, num(line.qty));
      entry.total = addDecimal(entry.total, num(line.totalPrice));
      items.set(key, entry);
      totals.set(line.currency, addDecimal(totals.get(line.currency) ?? ZERO, num(line.totalPrice)));
    }
  }
  return {
    key: {
      ebcCode: first.ebcCode,
      ownerCode: options.summaryFlag === '2' ? first.ownerCode : null,
      customsCode: first.customsCode,
      tradeMode: first.tradeMode,
      trafMode: first.trafMode,
      country: first.country,
      portCode: first.portCode,
    },
    chunks,
    items: [...items.values()].map(({ item, qty, total }) => ({
      ...item,
      qty: formatDecimal(qty),
      totalPrice: formatDecimal(total),
    })),
    totals: Object.fromEntries([...totals].map(([currency, total]) => [currency, formatDecimal(total)])),
    grossWeight: formatDecimal(gross),
    netWeight: formatDecimal(net),
  };
};
