// The three-document matching rules (三单对碰) and the inventory checks that need only the order,
// payment, waybill and inventory, as data: reference customs-cbec.md §5.1–§5.2. Each rule compares
// one thing between the two documents of one pair, so a finding names exactly which fields on
// which side disagree. Explicit rules (the message spec or a GACC announcement) reject; what the
// reference marks as unverified integrator practice only warns until someone confirms it.

import {
  absDecimal,
  addDecimal,
  type CebDecimal,
  compareDecimal,
  multiplyDecimal,
  parseCebDecimal,
  subtractDecimal,
} from './decimal.ts';
import { describeField, type FindingField, type FindingSeverity, fieldRef } from './findings.ts';
import type {
  DocumentKind,
  ImportInventory,
  ImportInventoryLine,
  ImportOrder,
  ImportOrderLine,
  ImportPayment,
  ImportWaybill,
} from './types.ts';

/** Every rule id, in the order the rules run and findings are listed. */
export const MATCHING_RULE_IDS = [
  'order_payment.order_no',
  'order_payment.ebp_code',
  'order_payment.pay_code',
  'order_payment.pay_transaction_id',
  'order_payment.amount',
  'order_payment.actural_paid_sum',
  'order_payment.currency',
  'order_payment.payer_id_number',
  'order_payment.payer_name',
  'order_payment.pay_time',
  'order_waybill.order_no',
  'order_waybill.consignee',
  'order_waybill.consignee_telephone',
  'order_waybill.consignee_address',
  'order_waybill.freight',
  'inventory_order.order_no',
  'inventory_order.ebp_code',
  'inventory_order.ebc_code',
  'inventory_order.buyer_id_type',
  'inventory_order.buyer_id_number',
  'inventory_order.buyer_name',
  'inventory_order.buyer_telephone',
  'inventory_order.line_gnum',
  'inventory_order.line_gname',
  'inventory_order.line_qty',
  'inventory_order.line_total_price',
  'inventory_order.goods_value',
  'inventory_waybill.logistics_code',
  'inventory_waybill.logistics_no',
  'inventory_waybill.pack_no',
  'inventory_waybill.gross_weight',
  'inventory_payment.order_no',
  'inventory_payment.pay_time',
] as const;

/** The id of a matching rule, `<pair>.<what is compared>`. */
export type MatchingRuleId = (typeof MATCHING_RULE_IDS)[number];

/** The two documents a rule compares. */
export type RulePair =
  | 'order_payment'
  | 'order_waybill'
  | 'inventory_order'
  | 'inventory_waybill'
  | 'inventory_payment';

/**
 * Where a rule comes from: the CEB message specification, a GACC announcement, or practice reported
 * by integrators that no official text states (reference "unverified").
 */
export type RuleBasis = 'spec' | 'regulation' | 'integrator_practice';

/** One disagreement found by one rule. */
export type RuleFinding = {
  rule: MatchingRuleId;
  severity: FindingSeverity;
  /** `customs.match_*`: what the web app translates. */
  code: string;
  /** English, for logs and API clients; personal data in it is masked like in `fields`. */
  message: string;
  /** The compared fields on both sides. */
  fields: FindingField[];
};

/** The documents each pair's rules read. */
export type PairDocuments = {
  order_payment: { order: ImportOrder; payment: ImportPayment };
  order_waybill: { order: ImportOrder; waybill: ImportWaybill };
  inventory_order: { inventory: ImportInventory; order: ImportOrder };
  inventory_waybill: { inventory: ImportInventory; waybill: ImportWaybill };
  inventory_payment: { inventory: ImportInventory; payment: ImportPayment };
};

/**
 * How far the inventory's gross weight may be from the waybill's weight: the larger of an absolute
 * allowance in kg and a percentage of the waybill weight (decimal strings).
 */
export type WeightTolerance = { kilograms: string; percent: string };

/**
 * The reference gives no figure (whether customs compares weights at all is an open point, §13),
 * so these are a starting point for the sandbox: 100 g of scale difference or 5% of the parcel.
 */
export const DEFAULT_WEIGHT_TOLERANCE: WeightTolerance = { kilograms: '0.1', percent: '5' };

/** What a rule's check is given besides the documents. */
export type RuleSettings = { severity: FindingSeverity; weightTolerance: WeightTolerance };

type RuleOf<P extends RulePair> = {
  id: MatchingRuleId;
  pair: P;
  basis: RuleBasis;
  defaultSeverity: FindingSeverity;
  code: string;
  /** What must hold, in English; the rule table in README.md and every finding's message say it. */
  expects: string;
  /** The findings for these documents; severity and tolerance default to the rule's own. */
  check(docs: PairDocuments[P], settings?: Partial<RuleSettings>): RuleFinding[];
};

/** A declarative matching rule of one pair. */
export type MatchingRule = { [P in RulePair]: RuleOf<P> }[RulePair];

type Mismatch = FindingField[];

type RuleDefinition<P extends RulePair> = Omit<RuleOf<P>, 'check'> & {
  inspect(docs: PairDocuments[P], tolerance: WeightTolerance): Mismatch[];
};

function defineRule<P extends RulePair>(definition: RuleDefinition<P>): RuleOf<P> {
  const { inspect, ...rule } = definition;
  return {
    ...rule,
    check: (docs, settings = {}) =>
      inspect(docs, settings.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE).map((fields) => ({
        rule: rule.id,
        severity: settings.severity ?? rule.defaultSeverity,
        code: rule.code,
        message: `Expected ${rule.expects}; found ${fields.map(describeField).join(', ')}`,
        fields,
      })),
  };
}

// A field of one side: which document, which field, its raw value (compared unmasked, shown masked).
type Side = { document: DocumentKind; field: string; value: string | number | undefined; gnum?: number };

function ref(side: Side): FindingField {
  return fieldRef(side.document, side.field, side.value, side.gnum);
}

const asIs = (text: string): string => text;
// ID numbers are compared as the same person's number: a lower-case check character x is the same X.
const idNumber = (text: string): string => text.trim().toUpperCase();

// Identical text on both sides ("must equal"): no normalisation, because customs compares the
// strings as sent and a finding here is meant to predict its rejection.
function sameText(a: Side, b: Side, normalise: (text: string) => string = asIs): Mismatch[] {
  const equal =
    a.value !== undefined &&
    b.value !== undefined &&
    normalise(String(a.value)) === normalise(String(b.value));
  return equal ? [] : [[ref(a), ref(b)]];
}

// Equal by value; a side that is not a decimal cannot be shown equal, so it is a mismatch too.
function sameAmount(a: Side, b: Side): Mismatch[] {
  const left = parseCebDecimal(a.value === undefined ? undefined : String(a.value));
  const right = parseCebDecimal(b.value === undefined ? undefined : String(b.value));
  return left !== null && right !== null && compareDecimal(left, right) === 0 ? [] : [[ref(a), ref(b)]];
}

const TIMESTAMP = /^\d{14}$/;

// `earlier` is not after `later` (YYYYMMDDhhmmss compares as text). A malformed time is left to the
// schema validator: these rules only warn, and a second finding for the same typo would be noise.
function notAfter(earlier: Side, later: Side): Mismatch[] {
  const a = String(earlier.value ?? '');
  const b = String(later.value ?? '');
  if (!TIMESTAMP.test(a) || !TIMESTAMP.test(b)) {
    return [];
  }
  return a <= b ? [] : [[ref(earlier), ref(later)]];
}

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

// Lines keyed by gnum; the first line wins when a gnum repeats (the gnum rule reports the repeat).
function linesByGnum<L extends { gnum: number }>(lines: readonly L[]): Map<number, L> {
  const byGnum = new Map<number, L>();
  for (const line of lines) {
    if (!byGnum.has(line.gnum)) {
      byGnum.set(line.gnum, line);
    }
  }
  return byGnum;
}

function repeatedGnums(lines: readonly { gnum: number }[]): number[] {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const line of lines) {
    if (seen.has(line.gnum)) {
      repeated.add(line.gnum);
    }
    seen.add(line.gnum);
  }
  return [...repeated].sort((a, b) => a - b);
}

// For each inventory line whose gnum is in the order, compare one field of the two lines.
function eachMatchedLine(
  inventory: ImportInventory,
  order: ImportOrder,
  compare: (inventoryLine: ImportInventoryLine, orderLine: ImportOrderLine) => Mismatch[],
): Mismatch[] {
  const orderLines = linesByGnum(order.lines);
  return [...linesByGnum(inventory.lines).values()]
    .sort((a, b) => a.gnum - b.gnum)
    .flatMap((line) => {
      const orderLine = orderLines.get(line.gnum);
      return orderLine === undefined ? [] : compare(line, orderLine);
    });
}

function sumOf(values: readonly string[]): CebDecimal | null {
  let sum: CebDecimal = { unscaled: 0n, scale: 0 };
  for (const value of values) {
    const parsed = parseCebDecimal(value);
    if (parsed === null) {
      return null;
    }
    sum = addDecimal(sum, parsed);
  }
  return sum;
}

const CNY = '142';

/** The rules, in the order of MATCHING_RULE_IDS. */
export const MATCHING_RULES: readonly MatchingRule[] = [
  // Order ↔ payment: joined on orderNo + ebpCode (+ payCode + payTransactionId when the order has them).
  defineRule({
    id: 'order_payment.order_no',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_order_no',
    expects: 'the payment to name the order (order.orderNo = payment.orderNo)',
    inspect: ({ order, payment }) =>
      sameText(
        { document: 'order', field: 'orderNo', value: order.head.orderNo },
        { document: 'payment', field: 'orderNo', value: payment.orderNo },
      ),
  }),
  defineRule({
    id: 'order_payment.ebp_code',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_ebp_code',
    expects: 'the same platform on order and payment (order.ebpCode = payment.ebpCode)',
    inspect: ({ order, payment }) =>
      sameText(
        { document: 'order', field: 'ebpCode', value: order.head.ebpCode },
        { document: 'payment', field: 'ebpCode', value: payment.ebpCode },
      ),
  }),
  defineRule({
    id: 'order_payment.pay_code',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_pay_code',
    expects: 'the payment enterprise the order names, when it names one (order.payCode = payment.payCode)',
    inspect: ({ order, payment }) =>
      present(order.head.payCode)
        ? sameText(
            { document: 'order', field: 'payCode', value: order.head.payCode },
            { document: 'payment', field: 'payCode', value: payment.payCode },
          )
        : [],
  }),
  defineRule({
    id: 'order_payment.pay_transaction_id',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_pay_transaction_id',
    expects:
      'the payment serial the order names, when it names one (order.payTransactionId = payment.payTransactionId)',
    inspect: ({ order, payment }) =>
      present(order.head.payTransactionId)
        ? sameText(
            { document: 'order', field: 'payTransactionId', value: order.head.payTransactionId },
            { document: 'payment', field: 'payTransactionId', value: payment.payTransactionId },
          )
        : [],
  }),
  defineRule({
    id: 'order_payment.amount',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_amount_paid',
    expects: 'the amount paid to equal the order total (order.acturalPaid = payment.amountPaid)',
    inspect: ({ order, payment }) =>
      sameAmount(
        { document: 'order', field: 'acturalPaid', value: order.head.acturalPaid },
        { document: 'payment', field: 'amountPaid', value: payment.amountPaid },
      ),
  }),
  defineRule({
    // The order's own arithmetic: the spec states it together with the amount rule (§2.2, §5.1),
    // and a wrong acturalPaid is what makes the amount rule fail or pass by accident.
    id: 'order_payment.actural_paid_sum',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_actural_paid_sum',
    expects: 'order.acturalPaid = goodsValue + freight + taxTotal − discount',
    inspect: ({ order }) => {
      const { goodsValue, freight, taxTotal, discount, acturalPaid } = order.head;
      const parts = [goodsValue, freight, taxTotal, discount, acturalPaid].map(parseCebDecimal);
      const [goods, fare, tax, deduction, paid] = parts;
      const fields = [
        fieldRef('order', 'acturalPaid', acturalPaid),
        fieldRef('order', 'goodsValue', goodsValue),
        fieldRef('order', 'freight', freight),
        fieldRef('order', 'taxTotal', taxTotal),
        fieldRef('order', 'discount', discount),
      ];
      if (goods == null || fare == null || tax == null || deduction == null || paid == null) {
        return [fields];
      }
      const expected = subtractDecimal(addDecimal(addDecimal(goods, fare), tax), deduction);
      return compareDecimal(expected, paid) === 0 ? [] : [fields];
    },
  }),
  defineRule({
    id: 'order_payment.currency',
    pair: 'order_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_currency',
    expects: 'CNY (142) on order and payment (order.currency = payment.currency = 142)',
    inspect: ({ order, payment }) =>
      order.head.currency === CNY && payment.currency === CNY
        ? []
        : [
            [
              fieldRef('order', 'currency', order.head.currency),
              fieldRef('payment', 'currency', payment.currency),
            ],
          ],
  }),
  defineRule({
    id: 'order_payment.payer_id_number',
    pair: 'order_payment',
    basis: 'regulation',
    defaultSeverity: 'reject',
    code: 'customs.match_payer_id_number',
    expects:
      'an unverified buyer to be the payer (order.buyerIdNumber = payment.payerIdNumber, GACC 2016 No.26 §6)',
    inspect: ({ order, payment }) =>
      order.buyerIdentityVerified === true
        ? []
        : sameText(
            { document: 'order', field: 'buyerIdNumber', value: order.head.buyerIdNumber },
            { document: 'payment', field: 'payerIdNumber', value: payment.payerIdNumber },
            idNumber,
          ),
  }),
  defineRule({
    id: 'order_payment.payer_name',
    pair: 'order_payment',
    basis: 'regulation',
    defaultSeverity: 'reject',
    code: 'customs.match_payer_name',
    expects: 'an unverified buyer to be the payer (order.buyerName = payment.payerName, GACC 2016 No.26 §6)',
    inspect: ({ order, payment }) =>
      order.buyerIdentityVerified === true
        ? []
        : sameText(
            { document: 'order', field: 'buyerName', value: order.head.buyerName },
            { document: 'payment', field: 'payerName', value: payment.payerName },
          ),
  }),
  defineRule({
    id: 'order_payment.pay_time',
    pair: 'order_payment',
    basis: 'integrator_practice',
    defaultSeverity: 'warn',
    code: 'customs.match_pay_time',
    expects: 'the payment not to precede the order (payment.payTime ≥ order.appTime)',
    inspect: ({ order, payment }) =>
      notAfter(
        { document: 'order', field: 'appTime', value: order.head.appTime },
        { document: 'payment', field: 'payTime', value: payment.payTime },
      ),
  }),

  // Order ↔ waybill: joined on orderNo; the consignee must be identical (§2.2).
  defineRule({
    id: 'order_waybill.order_no',
    pair: 'order_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_order_no',
    expects: 'the waybill to name the order (order.orderNo = waybill.orderNo)',
    inspect: ({ order, waybill }) =>
      sameText(
        { document: 'order', field: 'orderNo', value: order.head.orderNo },
        { document: 'waybill', field: 'orderNo', value: waybill.orderNo },
      ),
  }),
  defineRule({
    id: 'order_waybill.consignee',
    pair: 'order_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_consignee',
    expects: 'the same consignee name (order.consignee = waybill.consignee)',
    inspect: ({ order, waybill }) =>
      sameText(
        { document: 'order', field: 'consignee', value: order.head.consignee },
        { document: 'waybill', field: 'consignee', value: waybill.consignee },
      ),
  }),
  defineRule({
    id: 'order_waybill.consignee_telephone',
    pair: 'order_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_consignee_telephone',
    expects: 'the same consignee telephone (order.consigneeTelephone = waybill.consigneeTelephone)',
    inspect: ({ order, waybill }) =>
      sameText(
        { document: 'order', field: 'consigneeTelephone', value: order.head.consigneeTelephone },
        { document: 'waybill', field: 'consigneeTelephone', value: waybill.consigneeTelephone },
      ),
  }),
  defineRule({
    id: 'order_waybill.consignee_address',
    pair: 'order_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_consignee_address',
    expects: 'the same consignee address (order.consigneeAddress = waybill.consigneeAddress)',
    inspect: ({ order, waybill }) =>
      sameText(
        { document: 'order', field: 'consigneeAddress', value: order.head.consigneeAddress },
        { document: 'waybill', field: 'consigneeAddress', value: waybill.consigneeAddress },
      ),
  }),
  defineRule({
    id: 'order_waybill.freight',
    pair: 'order_waybill',
    basis: 'integrator_practice',
    defaultSeverity: 'warn',
    code: 'customs.match_freight',
    expects:
      'the freight the order charged to be the waybill freight, when the waybill states one (order.freight = waybill.freight)',
    inspect: ({ order, waybill }) =>
      present(waybill.freight)
        ? sameAmount(
            { document: 'order', field: 'freight', value: order.head.freight },
            { document: 'waybill', field: 'freight', value: waybill.freight },
          )
        : [],
  }),

  // Inventory ↔ order: joined on orderNo + ebpCode + ebcCode; buyer and lines as the order (§2.5).
  defineRule({
    id: 'inventory_order.order_no',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_order_no',
    expects: 'the inventory to name the order (inventory.orderNo = order.orderNo)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'orderNo', value: inventory.head.orderNo },
        { document: 'order', field: 'orderNo', value: order.head.orderNo },
      ),
  }),
  defineRule({
    id: 'inventory_order.ebp_code',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_ebp_code',
    expects: 'the same platform (inventory.ebpCode = order.ebpCode)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'ebpCode', value: inventory.head.ebpCode },
        { document: 'order', field: 'ebpCode', value: order.head.ebpCode },
      ),
  }),
  defineRule({
    id: 'inventory_order.ebc_code',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_ebc_code',
    expects: 'the same e-commerce enterprise (inventory.ebcCode = order.ebcCode)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'ebcCode', value: inventory.head.ebcCode },
        { document: 'order', field: 'ebcCode', value: order.head.ebcCode },
      ),
  }),
  defineRule({
    id: 'inventory_order.buyer_id_type',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_buyer_id_type',
    expects: 'the same buyer ID type (inventory.buyerIdType = order.buyerIdType)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'buyerIdType', value: inventory.head.buyerIdType },
        { document: 'order', field: 'buyerIdType', value: order.head.buyerIdType },
      ),
  }),
  defineRule({
    id: 'inventory_order.buyer_id_number',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_buyer_id_number',
    expects: 'the same buyer ID number (inventory.buyerIdNumber = order.buyerIdNumber)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'buyerIdNumber', value: inventory.head.buyerIdNumber },
        { document: 'order', field: 'buyerIdNumber', value: order.head.buyerIdNumber },
        idNumber,
      ),
  }),
  defineRule({
    id: 'inventory_order.buyer_name',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_buyer_name',
    expects: 'the same buyer name (inventory.buyerName = order.buyerName)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'buyerName', value: inventory.head.buyerName },
        { document: 'order', field: 'buyerName', value: order.head.buyerName },
      ),
  }),
  defineRule({
    id: 'inventory_order.buyer_telephone',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_buyer_telephone',
    expects: 'the same buyer telephone (inventory.buyerTelephone = order.buyerTelephone)',
    inspect: ({ inventory, order }) =>
      sameText(
        { document: 'inventory', field: 'buyerTelephone', value: inventory.head.buyerTelephone },
        { document: 'order', field: 'buyerTelephone', value: order.head.buyerTelephone },
      ),
  }),
  defineRule({
    id: 'inventory_order.line_gnum',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_line_gnum',
    expects: 'inventory lines one-to-one with order lines by gnum',
    inspect: ({ inventory, order }) => {
      const orderLines = linesByGnum(order.lines);
      const inventoryLines = linesByGnum(inventory.lines);
      const gnums = [...new Set([...orderLines.keys(), ...inventoryLines.keys()])].sort((a, b) => a - b);
      const repeated = new Set([...repeatedGnums(inventory.lines), ...repeatedGnums(order.lines)]);
      return gnums
        .filter((gnum) => repeated.has(gnum) || !orderLines.has(gnum) || !inventoryLines.has(gnum))
        .map((gnum) => [
          fieldRef('inventory', 'gnum', inventoryLines.has(gnum) ? gnum : null, gnum),
          fieldRef('order', 'gnum', orderLines.has(gnum) ? gnum : null, gnum),
        ]);
    },
  }),
  defineRule({
    id: 'inventory_order.line_gname',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_line_gname',
    expects: 'each line named as in the order (inventory gname = order itemName)',
    inspect: ({ inventory, order }) =>
      eachMatchedLine(inventory, order, (line, orderLine) =>
        sameText(
          { document: 'inventory', field: 'gname', value: line.gname, gnum: line.gnum },
          { document: 'order', field: 'itemName', value: orderLine.itemName, gnum: orderLine.gnum },
        ),
      ),
  }),
  defineRule({
    id: 'inventory_order.line_qty',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_line_qty',
    expects: 'each line quantity as in the order (inventory qty = order qty)',
    inspect: ({ inventory, order }) =>
      eachMatchedLine(inventory, order, (line, orderLine) =>
        sameAmount(
          { document: 'inventory', field: 'qty', value: line.qty, gnum: line.gnum },
          { document: 'order', field: 'qty', value: orderLine.qty, gnum: orderLine.gnum },
        ),
      ),
  }),
  defineRule({
    id: 'inventory_order.line_total_price',
    pair: 'inventory_order',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_line_total_price',
    expects: 'each line total as in the order (inventory totalPrice = order totalPrice)',
    inspect: ({ inventory, order }) =>
      eachMatchedLine(inventory, order, (line, orderLine) =>
        sameAmount(
          { document: 'inventory', field: 'totalPrice', value: line.totalPrice, gnum: line.gnum },
          { document: 'order', field: 'totalPrice', value: orderLine.totalPrice, gnum: orderLine.gnum },
        ),
      ),
  }),
  defineRule({
    id: 'inventory_order.goods_value',
    pair: 'inventory_order',
    basis: 'integrator_practice',
    defaultSeverity: 'warn',
    code: 'customs.match_goods_value',
    expects:
      'the inventory lines to add up to the order goods value, non-cash deductions included (Σ inventory totalPrice = order.goodsValue)',
    inspect: ({ inventory, order }) => {
      const sum = sumOf(inventory.lines.map((line) => line.totalPrice));
      const goodsValue = parseCebDecimal(order.head.goodsValue);
      if (sum !== null && goodsValue !== null && compareDecimal(sum, goodsValue) === 0) {
        return [];
      }
      return [
        [
          ...inventory.lines.map((line) => fieldRef('inventory', 'totalPrice', line.totalPrice, line.gnum)),
          fieldRef('order', 'goodsValue', order.head.goodsValue),
        ],
      ];
    },
  }),

  // Inventory ↔ waybill: joined on logisticsCode + logisticsNo.
  defineRule({
    id: 'inventory_waybill.logistics_code',
    pair: 'inventory_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_logistics_code',
    expects: 'the same logistics enterprise (inventory.logisticsCode = waybill.logisticsCode)',
    inspect: ({ inventory, waybill }) =>
      sameText(
        { document: 'inventory', field: 'logisticsCode', value: inventory.head.logisticsCode },
        { document: 'waybill', field: 'logisticsCode', value: waybill.logisticsCode },
      ),
  }),
  defineRule({
    id: 'inventory_waybill.logistics_no',
    pair: 'inventory_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_logistics_no',
    expects: 'the same waybill number (inventory.logisticsNo = waybill.logisticsNo)',
    inspect: ({ inventory, waybill }) =>
      sameText(
        { document: 'inventory', field: 'logisticsNo', value: inventory.head.logisticsNo },
        { document: 'waybill', field: 'logisticsNo', value: waybill.logisticsNo },
      ),
  }),
  defineRule({
    id: 'inventory_waybill.pack_no',
    pair: 'inventory_waybill',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_pack_no',
    expects: 'one package on both (inventory.packNo = waybill.packNo = 1)',
    inspect: ({ inventory, waybill }) =>
      inventory.head.packNo === 1 && waybill.packNo === 1
        ? []
        : [
            [
              fieldRef('inventory', 'packNo', inventory.head.packNo),
              fieldRef('waybill', 'packNo', waybill.packNo),
            ],
          ],
  }),
  defineRule({
    id: 'inventory_waybill.gross_weight',
    pair: 'inventory_waybill',
    basis: 'integrator_practice',
    defaultSeverity: 'warn',
    code: 'customs.match_gross_weight',
    expects: 'the declared gross weight close to the waybill weight (inventory.grossWeight ≈ waybill.weight)',
    inspect: ({ inventory, waybill }, tolerance) => {
      const fields = [
        fieldRef('inventory', 'grossWeight', inventory.head.grossWeight),
        fieldRef('waybill', 'weight', waybill.weight),
      ];
      const gross = parseCebDecimal(inventory.head.grossWeight);
      const weight = parseCebDecimal(waybill.weight);
      const kilograms = parseCebDecimal(tolerance.kilograms);
      const percent = parseCebDecimal(tolerance.percent);
      if (gross === null || weight === null || kilograms === null || percent === null) {
        return [fields];
      }
      // percent% of the waybill weight, exactly: weight × percent / 100.
      const share = multiplyDecimal(absDecimal(weight), percent);
      const relative = { unscaled: share.unscaled, scale: share.scale + 2 };
      const allowed = compareDecimal(kilograms, relative) >= 0 ? kilograms : relative;
      return compareDecimal(absDecimal(subtractDecimal(gross, weight)), allowed) <= 0 ? [] : [fields];
    },
  }),

  // Inventory ↔ payment: joined via orderNo.
  defineRule({
    id: 'inventory_payment.order_no',
    pair: 'inventory_payment',
    basis: 'spec',
    defaultSeverity: 'reject',
    code: 'customs.match_order_no',
    expects: 'the inventory and the payment to name the same order (inventory.orderNo = payment.orderNo)',
    inspect: ({ inventory, payment }) =>
      sameText(
        { document: 'inventory', field: 'orderNo', value: inventory.head.orderNo },
        { document: 'payment', field: 'orderNo', value: payment.orderNo },
      ),
  }),
  defineRule({
    // The spec's requirement is that the payment reaches customs before the inventory is accepted;
    // matchParcel holds the inventory until then. Comparing the business times is our reading of
    // it, not official text, so it only warns.
    id: 'inventory_payment.pay_time',
    pair: 'inventory_payment',
    basis: 'integrator_practice',
    defaultSeverity: 'warn',
    code: 'customs.match_pay_before_inventory',
    expects: 'the payment made before the inventory was declared (payment.payTime ≤ inventory.appTime)',
    inspect: ({ inventory, payment }) =>
      notAfter(
        { document: 'payment', field: 'payTime', value: payment.payTime },
        { document: 'inventory', field: 'appTime', value: inventory.head.appTime },
      ),
  }),
];
