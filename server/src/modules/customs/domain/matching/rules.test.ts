import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { untranslated } from '../../../../../test/support/web-i18n.ts';
import type { FindingField } from './findings.ts';
import { matchParcel } from './match-parcel.ts';
import { MATCHING_RULE_IDS, MATCHING_RULES, type MatchingRuleId, type RulePair } from './rules.ts';
import { sampleParcel } from './test-fixtures.ts';
import type { ParcelDocuments } from './types.ts';

type Parcel = ReturnType<typeof sampleParcel>;

// One broken field per rule: the mutation, and the fields the finding must name on both sides.
type Case = { break: (docs: Parcel) => void; fields: FindingField[] };

const f = (document: FindingField['document'], field: string, value: string | null, gnum?: number) =>
  gnum === undefined ? { document, field, value } : { document, field, gnum, value };

const CASES: Record<MatchingRuleId, Case> = {
  'order_payment.order_no': {
    break: (d) => {
      d.payment.orderNo = 'ZJ20250301000999';
    },
    fields: [f('order', 'orderNo', 'ZJ20250301000123'), f('payment', 'orderNo', 'ZJ20250301000999')],
  },
  'order_payment.ebp_code': {
    break: (d) => {
      d.payment.ebpCode = '3301WWWWWW';
    },
    fields: [f('order', 'ebpCode', '3301XXXXXX'), f('payment', 'ebpCode', '3301WWWWWW')],
  },
  'order_payment.pay_code': {
    break: (d) => {
      d.payment.payCode = '3101QQQQQQ';
    },
    fields: [f('order', 'payCode', '3101ZZZZZZ'), f('payment', 'payCode', '3101QQQQQQ')],
  },
  'order_payment.pay_transaction_id': {
    break: (d) => {
      d.payment.payTransactionId = 'P202503011015000002';
    },
    fields: [
      f('order', 'payTransactionId', 'P202503011015000001'),
      f('payment', 'payTransactionId', 'P202503011015000002'),
    ],
  },
  'order_payment.amount': {
    break: (d) => {
      d.payment.amountPaid = '427.30';
    },
    fields: [f('order', 'acturalPaid', '427.31'), f('payment', 'amountPaid', '427.30')],
  },
  'order_payment.actural_paid_sum': {
    break: (d) => {
      d.order.head.taxTotal = '37.30';
    },
    fields: [
      f('order', 'acturalPaid', '427.31'),
      f('order', 'goodsValue', '400.00'),
      f('order', 'freight', '10.00'),
      f('order', 'taxTotal', '37.30'),
      f('order', 'discount', '20.00'),
    ],
  },
  'order_payment.currency': {
    break: (d) => {
      d.payment.currency = '840';
    },
    fields: [f('order', 'currency', '142'), f('payment', 'currency', '840')],
  },
  'order_payment.payer_id_number': {
    break: (d) => {
      d.payment.payerIdNumber = '11010519491231002X';
    },
    fields: [
      f('order', 'buyerIdNumber', '33**************1X'),
      f('payment', 'payerIdNumber', '11**************2X'),
    ],
  },
  'order_payment.payer_name': {
    break: (d) => {
      d.payment.payerName = '李四';
    },
    fields: [f('order', 'buyerName', '张*'), f('payment', 'payerName', '李*')],
  },
  'order_payment.pay_time': {
    break: (d) => {
      d.payment.payTime = '20250301101400';
    },
    fields: [f('order', 'appTime', '20250301101500'), f('payment', 'payTime', '20250301101400')],
  },
  'order_waybill.order_no': {
    break: (d) => {
      d.waybill.orderNo = 'ZJ20250301000999';
    },
    fields: [f('order', 'orderNo', 'ZJ20250301000123'), f('waybill', 'orderNo', 'ZJ20250301000999')],
  },
  'order_waybill.consignee': {
    break: (d) => {
      d.waybill.consignee = '李四';
    },
    fields: [f('order', 'consignee', '张*'), f('waybill', 'consignee', '李*')],
  },
  'order_waybill.consignee_telephone': {
    break: (d) => {
      d.waybill.consigneeTelephone = '13900001234';
    },
    fields: [
      f('order', 'consigneeTelephone', '13*******00'),
      f('waybill', 'consigneeTelephone', '13*******34'),
    ],
  },
  'order_waybill.consignee_address': {
    break: (d) => {
      d.waybill.consigneeAddress = '浙江省杭州市西湖区示例路2号';
    },
    fields: [
      f('order', 'consigneeAddress', '浙江省杭州市西湖区示例路1号'),
      f('waybill', 'consigneeAddress', '浙江省杭州市西湖区示例路2号'),
    ],
  },
  'order_waybill.freight': {
    break: (d) => {
      d.waybill.freight = '12.00';
    },
    fields: [f('order', 'freight', '10.00'), f('waybill', 'freight', '12.00')],
  },
  'inventory_order.order_no': {
    break: (d) => {
      d.inventory.head.orderNo = 'ZJ20250301000999';
    },
    fields: [f('inventory', 'orderNo', 'ZJ20250301000999'), f('order', 'orderNo', 'ZJ20250301000123')],
  },
  'inventory_order.ebp_code': {
    break: (d) => {
      d.inventory.head.ebpCode = '3301WWWWWW';
    },
    fields: [f('inventory', 'ebpCode', '3301WWWWWW'), f('order', 'ebpCode', '3301XXXXXX')],
  },
  'inventory_order.ebc_code': {
    break: (d) => {
      d.inventory.head.ebcCode = '3301VVVVVV';
    },
    fields: [f('inventory', 'ebcCode', '3301VVVVVV'), f('order', 'ebcCode', '3301YYYYYY')],
  },
  'inventory_order.buyer_id_type': {
    break: (d) => {
      d.inventory.head.buyerIdType = '2';
    },
    fields: [f('inventory', 'buyerIdType', '2'), f('order', 'buyerIdType', '1')],
  },
  'inventory_order.buyer_id_number': {
    break: (d) => {
      d.inventory.head.buyerIdNumber = '330106199001010028';
    },
    fields: [
      f('inventory', 'buyerIdNumber', '33**************28'),
      f('order', 'buyerIdNumber', '33**************1X'),
    ],
  },
  'inventory_order.buyer_name': {
    break: (d) => {
      d.inventory.head.buyerName = '张三丰';
    },
    fields: [f('inventory', 'buyerName', '张**'), f('order', 'buyerName', '张*')],
  },
  'inventory_order.buyer_telephone': {
    break: (d) => {
      d.inventory.head.buyerTelephone = '13800009999';
    },
    fields: [f('inventory', 'buyerTelephone', '13*******99'), f('order', 'buyerTelephone', '13*******00')],
  },
  'inventory_order.line_gnum': {
    // A free gift line the order does not have: the totals still agree, only the line pairing breaks.
    break: (d) => {
      d.inventory.lines = [
        ...d.inventory.lines,
        { gnum: 2, gcode: '3304990099', gname: '试用装', qty: '1', price: '0', totalPrice: '0' },
      ];
    },
    fields: [f('inventory', 'gnum', '2', 2), f('order', 'gnum', null, 2)],
  },
  'inventory_order.line_gname': {
    break: (d) => {
      d.inventory.lines = d.inventory.lines.map((line) => ({ ...line, gname: '奶粉' }));
    },
    fields: [f('inventory', 'gname', '奶粉', 1), f('order', 'itemName', '婴儿配方奶粉', 1)],
  },
  'inventory_order.line_qty': {
    break: (d) => {
      d.inventory.lines = d.inventory.lines.map((line) => ({ ...line, qty: '3' }));
    },
    fields: [f('inventory', 'qty', '3', 1), f('order', 'qty', '2', 1)],
  },
  'inventory_order.line_total_price': {
    // Broken on the order line, so the inventory lines still add up to the order's goods value.
    break: (d) => {
      d.order.lines = d.order.lines.map((line) => ({ ...line, totalPrice: '390.00' }));
    },
    fields: [f('inventory', 'totalPrice', '400.00', 1), f('order', 'totalPrice', '390.00', 1)],
  },
  'inventory_order.goods_value': {
    break: (d) => {
      d.order.head.goodsValue = '410.00';
    },
    fields: [f('inventory', 'totalPrice', '400.00', 1), f('order', 'goodsValue', '410.00')],
  },
  'inventory_waybill.logistics_code': {
    break: (d) => {
      d.inventory.head.logisticsCode = '3301MMMMMM';
    },
    fields: [f('inventory', 'logisticsCode', '3301MMMMMM'), f('waybill', 'logisticsCode', '3301LLLLLL')],
  },
  'inventory_waybill.logistics_no': {
    break: (d) => {
      d.inventory.head.logisticsNo = 'YT2025030100002';
    },
    fields: [
      f('inventory', 'logisticsNo', 'YT2025030100002'),
      f('waybill', 'logisticsNo', 'YT2025030100001'),
    ],
  },
  'inventory_waybill.pack_no': {
    break: (d) => {
      d.waybill.packNo = 2;
    },
    fields: [f('inventory', 'packNo', '1'), f('waybill', 'packNo', '2')],
  },
  'inventory_waybill.gross_weight': {
    break: (d) => {
      d.inventory.head.grossWeight = '3.5';
    },
    fields: [f('inventory', 'grossWeight', '3.5'), f('waybill', 'weight', '2.1')],
  },
  'inventory_payment.order_no': {
    break: (d) => {
      d.inventory.head.orderNo = 'ZJ20250301000999';
    },
    fields: [f('inventory', 'orderNo', 'ZJ20250301000999'), f('payment', 'orderNo', 'ZJ20250301000123')],
  },
  'inventory_payment.pay_time': {
    break: (d) => {
      d.inventory.head.appTime = '20250301101600';
    },
    fields: [f('payment', 'payTime', '20250301101620'), f('inventory', 'appTime', '20250301101600')],
  },
};

// Only the two documents of the pair, so a broken join key shows in this pair's rule alone.
function pairOnly(pair: RulePair, docs: Parcel): ParcelDocuments {
  const [left, right] = pair.split('_') as [keyof Parcel, keyof Parcel];
  return { [left]: docs[left], [right]: docs[right] };
}

describe('matching rules', () => {
  it('has one rule per id, in id order, each with a customs code and a basis-consistent default', () => {
    expect(MATCHING_RULES.map((rule) => rule.id)).toEqual([...MATCHING_RULE_IDS]);
    for (const rule of MATCHING_RULES) {
      expect(rule.id.startsWith(`${rule.pair}.`), rule.id).toBe(true);
      expect(rule.code, rule.id).toMatch(/^customs\.match_[a-z_]+$/);
      // Explicit rules reject; what only integrators report warns until confirmed.
      expect(rule.defaultSeverity, rule.id).toBe(rule.basis === 'integrator_practice' ? 'warn' : 'reject');
    }
  });

  it('marks as warn exactly the checks the reference calls unverified', () => {
    const warned = MATCHING_RULES.filter((rule) => rule.defaultSeverity === 'warn').map((rule) => rule.id);
    expect(warned).toEqual([
      'order_payment.pay_time',
      'order_waybill.freight',
      'inventory_order.goods_value',
      'inventory_waybill.gross_weight',
      'inventory_payment.pay_time',
    ]);
  });

  it('finds nothing in the agreeing sample, pair by pair', () => {
    for (const rule of MATCHING_RULES) {
      expect(matchParcel(pairOnly(rule.pair, sampleParcel())).findings, rule.pair).toEqual([]);
    }
  });

  for (const rule of MATCHING_RULES) {
    it(`${rule.id}: one broken field gives exactly this finding, naming both sides`, () => {
      const docs = sampleParcel();
      CASES[rule.id].break(docs);
      const match = matchParcel(pairOnly(rule.pair, docs));
      expect(match.findings).toEqual([
        {
          rule: rule.id,
          severity: rule.defaultSeverity,
          code: rule.code,
          message: expect.stringContaining(`Expected ${rule.expects}; found `),
          fields: CASES[rule.id].fields,
        },
      ]);
      expect(match.rejected).toBe(rule.defaultSeverity === 'reject');
      // With all four documents present the rule still finds exactly this.
      const full = matchParcel(docs);
      expect(full.findings.filter((finding) => finding.rule === rule.id)).toEqual(match.findings);
    });
  }

  it('names the gnum of each line that has no partner, on both sides', () => {
    const docs = sampleParcel();
    docs.inventory.lines = docs.inventory.lines.map((line) => ({ ...line, gnum: 2 }));
    const findings = matchParcel(pairOnly('inventory_order', docs)).findings;
    expect(findings.map((finding) => [finding.rule, finding.fields])).toEqual([
      ['inventory_order.line_gnum', [f('inventory', 'gnum', null, 1), f('order', 'gnum', '1', 1)]],
      ['inventory_order.line_gnum', [f('inventory', 'gnum', '2', 2), f('order', 'gnum', null, 2)]],
    ]);
  });

  it('reports a repeated inventory gnum', () => {
    const docs = sampleParcel();
    const [line] = docs.inventory.lines;
    docs.inventory.lines = line
      ? [
          { ...line, totalPrice: '200.00' },
          { ...line, totalPrice: '200.00' },
        ]
      : [];
    const findings = matchParcel(pairOnly('inventory_order', docs)).findings;
    expect(findings.map((finding) => finding.rule)).toEqual([
      'inventory_order.line_gnum',
      'inventory_order.line_total_price',
    ]);
    expect(findings[0]?.fields).toEqual([f('inventory', 'gnum', '1', 1), f('order', 'gnum', '1', 1)]);
  });

  it('compares decimals by value, not by text', () => {
    const docs = sampleParcel();
    docs.payment.amountPaid = '427.310';
    docs.waybill.freight = '10';
    docs.inventory.lines = docs.inventory.lines.map((line) => ({
      ...line,
      qty: '2.00000',
      totalPrice: '400',
    }));
    docs.inventory.head.grossWeight = '2.10000';
    expect(matchParcel(docs).findings).toEqual([]);
  });

  it('treats an amount that is not a decimal as a mismatch', () => {
    const docs = sampleParcel();
    docs.payment.amountPaid = '427,31';
    expect(matchParcel(pairOnly('order_payment', docs)).findings.map((finding) => finding.rule)).toEqual([
      'order_payment.amount',
    ]);
  });

  it('takes a lower-case check character x as the same ID number', () => {
    const docs = sampleParcel();
    docs.payment.payerIdNumber = '33010619900101001x';
    docs.inventory.head.buyerIdNumber = '33010619900101001x';
    expect(matchParcel(docs).findings).toEqual([]);
  });

  it('lets a verified buyer differ from the payer, but not an unverified one', () => {
    const docs = sampleParcel();
    docs.payment.payerIdNumber = '11010519491231002X';
    docs.payment.payerName = '李四';
    expect(matchParcel(docs).findings.map((finding) => finding.rule)).toEqual([
      'order_payment.payer_id_number',
      'order_payment.payer_name',
    ]);
    docs.order.buyerIdentityVerified = false;
    expect(matchParcel(docs).rejected).toBe(true);
    docs.order.buyerIdentityVerified = true;
    expect(matchParcel(docs)).toEqual({ state: 'matched', missing: [], findings: [], rejected: false });
  });

  it('checks the payment enterprise and serial only when the order names them', () => {
    const docs = sampleParcel();
    docs.payment.payCode = '3101QQQQQQ';
    docs.payment.payTransactionId = 'P-OTHER';
    const { payCode: _payCode, payTransactionId: _serial, ...head } = docs.order.head;
    docs.order.head = head;
    expect(matchParcel(docs).findings).toEqual([]);
  });

  it('skips the freight rule when the waybill states no freight', () => {
    const docs = sampleParcel();
    const { freight: _freight, ...waybill } = docs.waybill;
    docs.waybill = waybill;
    docs.order.head.freight = '10.00';
    expect(matchParcel(docs).findings).toEqual([]);
  });

  it('allows the larger of the absolute and the relative weight tolerance', () => {
    const docs = sampleParcel();
    docs.waybill.weight = '10';
    docs.inventory.head.grossWeight = '10.5'; // 5% of 10 kg = 0.5 kg: on the edge, allowed
    expect(matchParcel(docs).findings).toEqual([]);
    docs.inventory.head.grossWeight = '10.50001';
    expect(matchParcel(docs).findings.map((finding) => finding.rule)).toEqual([
      'inventory_waybill.gross_weight',
    ]);
    docs.inventory.head.grossWeight = '9.4';
    expect(matchParcel(docs, { weightTolerance: { kilograms: '0.6', percent: '0' } }).findings).toEqual([]);
    expect(matchParcel(docs, { weightTolerance: { kilograms: '0', percent: '6' } }).findings).toEqual([]);
    expect(
      matchParcel(docs, { weightTolerance: { kilograms: '0.1', percent: '5' } }).findings.map((x) => x.rule),
    ).toEqual(['inventory_waybill.gross_weight']);
  });
});

describe('rule table in README.md', () => {
  it('lists every rule with its pair, basis, default severity, code and what it expects', async () => {
    const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(
      MATCHING_RULES.map(
        (rule) =>
          `| \`${rule.id}\` | ${rule.pair} | ${rule.basis} | ${rule.defaultSeverity} | \`${rule.code}\` | ${rule.expects} |`,
      ),
    );
  });
});

describe('translations', () => {
  it('has en and zh-CN text in the web app for every finding code and the parcel error', () => {
    const keys = [
      'errors.customs.parcel_not_matched',
      ...new Set(MATCHING_RULES.map((rule) => `fieldErrors.${rule.code}`)),
    ];
    expect(keys.length).toBeGreaterThan(10);
    expect(untranslated(keys)).toEqual([]);
  });
});
