// The export three-document matching rules (出口三单对碰): the 9610 export inventory list (CEB603)
// against its order (CEB303), collection voucher (CEB403) and waybill (CEB505). The reference
// (customs-cbec.md §3) gives the export field tables and join fields but, unlike import (§5.2), no
// matching table: the rules that follow from fields the spec defines as links (the same order,
// platform, e-commerce enterprise, goods line and waybill) reject; value comparisons that
// integrators apply by analogy with import warn until confirmed. The README lists them all.
import { compareDecimal, formatDecimal, parseCebDecimal, sumDecimals } from './decimal.ts';
import type {
  ExportDocumentKind,
  ExportDocuments,
  ExportFields,
  ExportFinding,
  ExportFindingField,
  ExportRuleBasis,
  ExportSeverity,
} from './types.ts';

export type ExportRule = {
  id: string;
  pair: 'order_receipts' | 'inventory_order' | 'inventory_waybill';
  basis: ExportRuleBasis;
  code: string;
  /** What the rule expects, in English, for the README and the findings. */
  expects: string;
  check: (docs: Required<ExportDocuments>) => ExportFindingField[][];
};

const ref = (
  document: ExportDocumentKind,
  field: string,
  value: string | undefined,
  gnum?: number,
): ExportFindingField =>
  gnum === undefined
    ? { document, field, value: value ?? null }
    : { document, field, gnum, value: value ?? null };

/** One mismatch when the two fields differ as text (codes, numbers as sent). */
const sameText = (
  a: [ExportDocumentKind, ExportFields, string],
  b: [ExportDocumentKind, ExportFields, string],
  { optional = false }: { optional?: boolean } = {},
): ExportFindingField[][] => {
  const left = a[1][a[2]];
  const right = b[1][b[2]];
  if (optional && (left === undefined || right === undefined)) {
    return [];
  }
  return left === right ? [] : [[ref(a[0], a[2], left), ref(b[0], b[2], right)]];
};

const sameValue = (left: string | undefined, right: string | undefined): boolean => {
  const a = parseCebDecimal(left);
  const b = parseCebDecimal(right);
  return a !== null && b !== null && compareDecimal(a, b) === 0;
};

const gnumOf = (line: ExportFields): number => Number(line.gnum);

/** Per gnum in both documents, the mismatches of one line field. */
const lineField =
  (field: string, orderField: string, compare: 'text' | 'value') =>
  (docs: Required<ExportDocuments>): ExportFindingField[][] => {
    const orderLines = new Map(docs.order.lines.map((line) => [gnumOf(line), line]));
    const out: ExportFindingField[][] = [];
    for (const line of docs.inventory.lines) {
      const gnum = gnumOf(line);
      const orderLine = orderLines.get(gnum);
      if (orderLine === undefined) {
        continue;
      }
      const left = line[field];
      const right = orderLine[orderField];
      const same = compare === 'text' ? left === right : sameValue(left, right);
      if (!same) {
        out.push([ref('inventory', field, left, gnum), ref('order', orderField, right, gnum)]);
      }
    }
    return out;
  };

// The reference gives no tolerance and no official weight check (§13): 0.1 kg or 5 %, as import.
const WEIGHT_TOLERANCE_KG = parseCebDecimal('0.1') ?? { unscaled: 1n, scale: 1 };

export const EXPORT_RULES: readonly ExportRule[] = [
  {
    id: 'order_receipts.ebp_code',
    pair: 'order_receipts',
    basis: 'spec',
    code: 'customs.export_match_ebp_code',
    expects: 'the collection voucher to name the order’s platform (order.ebpCode = receipts.ebpCode)',
    check: (d) => sameText(['order', d.order.head, 'ebpCode'], ['receipts', d.receipts, 'ebpCode']),
  },
  {
    id: 'order_receipts.ebc_code',
    pair: 'order_receipts',
    basis: 'spec',
    code: 'customs.export_match_ebc_code',
    expects: 'the same e-commerce enterprise on order and voucher (order.ebcCode = receipts.ebcCode)',
    check: (d) => sameText(['order', d.order.head, 'ebcCode'], ['receipts', d.receipts, 'ebcCode']),
  },
  {
    id: 'order_receipts.charge',
    pair: 'order_receipts',
    basis: 'integrator_practice',
    code: 'customs.export_match_charge',
    expects:
      'the amount collected to equal goods value plus freight (receipts.charge = goodsValue + freight)',
    check: (d) => {
      const total = sumDecimals([d.order.head.goodsValue, d.order.head.freight]);
      const charge = parseCebDecimal(d.receipts.charge);
      return total !== null && charge !== null && compareDecimal(total, charge) === 0
        ? []
        : [
            [
              ref('order', 'goodsValue+freight', total === null ? undefined : formatDecimal(total)),
              ref('receipts', 'charge', d.receipts.charge),
            ],
          ];
    },
  },
  {
    id: 'order_receipts.currency',
    pair: 'order_receipts',
    basis: 'integrator_practice',
    code: 'customs.export_match_currency',
    expects: 'the voucher in the order’s currency (order.currency = receipts.currency)',
    check: (d) => sameText(['order', d.order.head, 'currency'], ['receipts', d.receipts, 'currency']),
  },
  {
    id: 'inventory_order.ebc_code',
    pair: 'inventory_order',
    basis: 'spec',
    code: 'customs.export_match_ebc_code',
    expects:
      'the consignor on the list to be the order’s e-commerce enterprise (inventory.ebcCode = order.ebcCode)',
    check: (d) => sameText(['inventory', d.inventory.head, 'ebcCode'], ['order', d.order.head, 'ebcCode']),
  },
  {
    id: 'inventory_order.gnum',
    pair: 'inventory_order',
    basis: 'spec',
    code: 'customs.export_match_gnum',
    expects: 'each list line to be an order line and each order line on the list (gnum one to one)',
    check: (d) => {
      const orderGnums = new Set(d.order.lines.map(gnumOf));
      const listGnums = new Set(d.inventory.lines.map(gnumOf));
      const out: ExportFindingField[][] = [];
      for (const gnum of listGnums) {
        if (!orderGnums.has(gnum)) {
          out.push([ref('inventory', 'gnum', String(gnum), gnum), ref('order', 'gnum', undefined, gnum)]);
        }
      }
      for (const gnum of orderGnums) {
        if (!listGnums.has(gnum)) {
          out.push([ref('inventory', 'gnum', undefined, gnum), ref('order', 'gnum', String(gnum), gnum)]);
        }
      }
      return out;
    },
  },
  {
    id: 'inventory_order.item_no',
    pair: 'inventory_order',
    basis: 'integrator_practice',
    code: 'customs.export_match_item_no',
    expects: 'the same item number on each line (inventory.itemNo = order.itemNo)',
    check: lineField('itemNo', 'itemNo', 'text'),
  },
  {
    id: 'inventory_order.qty',
    pair: 'inventory_order',
    basis: 'integrator_practice',
    code: 'customs.export_match_qty',
    expects: 'the same quantity on each line (inventory.qty = order.qty)',
    check: lineField('qty', 'qty', 'value'),
  },
  {
    id: 'inventory_order.total_price',
    pair: 'inventory_order',
    basis: 'integrator_practice',
    code: 'customs.export_match_total_price',
    expects: 'the same line total on each line (inventory.totalPrice = order.totalPrice)',
    check: lineField('totalPrice', 'totalPrice', 'value'),
  },
  {
    id: 'inventory_order.goods_value',
    pair: 'inventory_order',
    basis: 'integrator_practice',
    code: 'customs.export_match_goods_value',
    expects:
      'the list lines to add up to the order’s goods value (Σ inventory.totalPrice = order.goodsValue)',
    check: (d) => {
      const total = sumDecimals(d.inventory.lines.map((line) => line.totalPrice));
      return total !== null && sameValue(formatDecimal(total), d.order.head.goodsValue)
        ? []
        : [
            [
              ref('inventory', 'Σ totalPrice', total === null ? undefined : formatDecimal(total)),
              ref('order', 'goodsValue', d.order.head.goodsValue),
            ],
          ];
    },
  },
  {
    id: 'inventory_order.currency',
    pair: 'inventory_order',
    basis: 'integrator_practice',
    code: 'customs.export_match_currency',
    expects: 'each list line in the order’s currency (inventory.currency = order.currency)',
    check: (d) =>
      d.inventory.lines
        .filter((line) => line.currency !== d.order.head.currency)
        .map((line) => [
          ref('inventory', 'currency', line.currency, gnumOf(line)),
          ref('order', 'currency', d.order.head.currency),
        ]),
  },
  {
    id: 'inventory_waybill.logistics_no',
    pair: 'inventory_waybill',
    basis: 'spec',
    code: 'customs.export_match_logistics_no',
    expects: 'the list to name the waybill (inventory.logisticsCode + logisticsNo = waybill’s)',
    check: (d) => [
      ...sameText(['inventory', d.inventory.head, 'logisticsCode'], ['waybill', d.waybill, 'logisticsCode']),
      ...sameText(['inventory', d.inventory.head, 'logisticsNo'], ['waybill', d.waybill, 'logisticsNo']),
    ],
  },
  {
    id: 'inventory_waybill.ebc_code',
    pair: 'inventory_waybill',
    basis: 'integrator_practice',
    code: 'customs.export_match_ebc_code',
    expects:
      'the waybill’s e-commerce enterprise, when it names one, to be the consignor (waybill.ebcCode = inventory.ebcCode)',
    check: (d) =>
      sameText(['waybill', d.waybill, 'ebcCode'], ['inventory', d.inventory.head, 'ebcCode'], {
        optional: true,
      }),
  },
  {
    id: 'inventory_waybill.pack_no',
    pair: 'inventory_waybill',
    basis: 'integrator_practice',
    code: 'customs.export_match_pack_no',
    expects: 'the same number of packages (inventory.packNo = waybill.packNo)',
    check: (d) => sameText(['inventory', d.inventory.head, 'packNo'], ['waybill', d.waybill, 'packNo']),
  },
  {
    id: 'inventory_waybill.gross_weight',
    pair: 'inventory_waybill',
    basis: 'integrator_practice',
    code: 'customs.export_match_gross_weight',
    expects:
      'the gross weights within 0.1 kg or 5 % of each other (inventory.grossWeight ≈ waybill.grossWeight)',
    check: (d) => {
      const a = parseCebDecimal(d.inventory.head.grossWeight);
      const b = parseCebDecimal(d.waybill.grossWeight);
      const mismatch = [
        [
          ref('inventory', 'grossWeight', d.inventory.head.grossWeight),
          ref('waybill', 'grossWeight', d.waybill.grossWeight),
        ],
      ];
      if (a === null || b === null) {
        return mismatch;
      }
      // |a − b| × 100 ≤ max(0.1 × 100, 5 × b), all in integers at a common scale.
      const scale = Math.max(a.scale, b.scale, WEIGHT_TOLERANCE_KG.scale);
      const up = (v: { unscaled: bigint; scale: number }) => v.unscaled * 10n ** BigInt(scale - v.scale);
      const diff = up(a) - up(b);
      const absolute = diff < 0n ? -diff : diff;
      const allowed =
        up(WEIGHT_TOLERANCE_KG) * 100n > up(b) * 5n ? up(WEIGHT_TOLERANCE_KG) * 100n : up(b) * 5n;
      return absolute * 100n <= allowed ? [] : mismatch;
    },
  },
];

/** Severity by basis: what the spec implies rejects, integrator practice warns. */
export const defaultSeverity = (rule: ExportRule): ExportSeverity =>
  rule.basis === 'spec' ? 'reject' : 'warn';

const describe = (field: ExportFindingField): string =>
  `${field.gnum === undefined ? `${field.document}.${field.field}` : `${field.document} line ${field.gnum} ${field.field}`} ${
    field.value === null ? '(absent)' : JSON.stringify(field.value)
  }`;

/** The findings of one rule on present documents, at the given severity. */
export const runRule = (
  rule: ExportRule,
  docs: Required<ExportDocuments>,
  severity: ExportSeverity,
): ExportFinding[] =>
  rule.check(docs).map((fields) => ({
    rule: rule.id,
    severity,
    code: rule.code,
    message: `Expected ${rule.expects}: ${fields.map(describe).join(' vs ')}`,
    fields,
  }));
