import { describe, expect, it } from 'vitest';
import { matchExportDocuments } from './match-export.ts';
import { EXPORT_RULES } from './rules.ts';
import { matchedExport } from './test-fixtures.ts';
import type { ExportDocuments } from './types.ts';

// Each export matching rule, both outcomes: the matched fixture passes it, one changed field fails
// it with the rule's own severity and the compared fields named.

type Breaker = (docs: Required<ExportDocuments>) => Required<ExportDocuments>;

const breakers: Record<string, Breaker> = {
  'order_receipts.ebp_code': (d) => ({ ...d, receipts: { ...d.receipts, ebpCode: 'OTHER' } }),
  'order_receipts.ebc_code': (d) => ({ ...d, receipts: { ...d.receipts, ebcCode: 'OTHER' } }),
  'order_receipts.charge': (d) => ({ ...d, receipts: { ...d.receipts, charge: '87.49' } }),
  'order_receipts.currency': (d) => ({ ...d, receipts: { ...d.receipts, currency: '502' } }),
  'inventory_order.ebc_code': (d) => ({
    ...d,
    inventory: { ...d.inventory, head: { ...d.inventory.head, ebcCode: 'OTHER' } },
  }),
  'inventory_order.gnum': (d) => ({
    ...d,
    inventory: { ...d.inventory, lines: d.inventory.lines.map((l) => ({ ...l, gnum: '2' })) },
  }),
  'inventory_order.item_no': (d) => ({
    ...d,
    inventory: { ...d.inventory, lines: d.inventory.lines.map((l) => ({ ...l, itemNo: 'X' })) },
  }),
  'inventory_order.qty': (d) => ({
    ...d,
    inventory: { ...d.inventory, lines: d.inventory.lines.map((l) => ({ ...l, qty: '4' })) },
  }),
  'inventory_order.total_price': (d) => ({
    ...d,
    order: { ...d.order, lines: d.order.lines.map((l) => ({ ...l, totalPrice: '60' })) },
  }),
  'inventory_order.goods_value': (d) => ({
    ...d,
    order: { ...d.order, head: { ...d.order.head, goodsValue: '60' } },
  }),
  'inventory_order.currency': (d) => ({
    ...d,
    inventory: { ...d.inventory, lines: d.inventory.lines.map((l) => ({ ...l, currency: '502' })) },
  }),
  'inventory_waybill.logistics_no': (d) => ({ ...d, waybill: { ...d.waybill, logisticsNo: 'YWE0002' } }),
  'inventory_waybill.ebc_code': (d) => ({ ...d, waybill: { ...d.waybill, ebcCode: 'OTHER' } }),
  'inventory_waybill.pack_no': (d) => ({ ...d, waybill: { ...d.waybill, packNo: '2' } }),
  'inventory_waybill.gross_weight': (d) => ({ ...d, waybill: { ...d.waybill, grossWeight: '1.5' } }),
};

describe('export matching rules', () => {
  it('has a breaking case for every rule', () => {
    expect(Object.keys(breakers).sort()).toEqual(EXPORT_RULES.map((r) => r.id).sort());
  });

  it('matches the agreeing fixture with no finding', () => {
    const match = matchExportDocuments(matchedExport());
    expect(match).toEqual({ state: 'matched', missing: [], findings: [] });
  });

  for (const rule of EXPORT_RULES) {
    it(`${rule.id}: ${rule.basis === 'spec' ? 'rejects' : 'warns'} when broken`, () => {
      const broken = (breakers[rule.id] as Breaker)(matchedExport());
      const match = matchExportDocuments(broken);
      const own = match.findings.filter((f) => f.rule === rule.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own[0]?.severity).toBe(rule.basis === 'spec' ? 'reject' : 'warn');
      expect(own[0]?.code).toBe(rule.code);
      expect(own[0]?.fields.length).toBe(2);
      if (rule.basis === 'spec') {
        expect(match.state).toBe('failed');
      }
      // Configurable: off silences it, reject makes a warning fail the parcel.
      expect(
        matchExportDocuments(broken, { severities: { [rule.id]: 'off' } }).findings.some(
          (f) => f.rule === rule.id,
        ),
      ).toBe(false);
      expect(matchExportDocuments(broken, { severities: { [rule.id]: 'reject' } }).state).toBe('failed');
    });
  }

  it('allows a weight difference within 0.1 kg or 5 %', () => {
    const d = matchedExport();
    expect(matchExportDocuments({ ...d, waybill: { ...d.waybill, grossWeight: '1.05' } }).findings).toEqual(
      [],
    );
    expect(
      matchExportDocuments({
        ...d,
        waybill: { ...d.waybill, grossWeight: '20' },
        inventory: { ...d.inventory, head: { ...d.inventory.head, grossWeight: '21' } },
      }).findings,
    ).toEqual([]);
  });

  it('holds the list while a document is missing, and shows a mismatch before the last one arrives', () => {
    const { order, receipts, inventory } = matchedExport();
    expect(matchExportDocuments({ order, inventory })).toMatchObject({
      state: 'waiting',
      missing: ['receipts', 'waybill'],
    });
    const failed = matchExportDocuments({ order, receipts: { ...receipts, ebcCode: 'X' } });
    expect(failed.state).toBe('failed');
  });

  it('gives the same result whatever subset order the documents came in', () => {
    const all = matchedExport();
    const kinds = ['order', 'receipts', 'waybill', 'inventory'] as const;
    for (let mask = 0; mask < 16; mask += 1) {
      const subset: ExportDocuments = {};
      const reversed: ExportDocuments = {};
      for (const [i, kind] of kinds.entries()) {
        if (mask & (1 << i)) {
          Object.assign(subset, { [kind]: all[kind] });
        }
      }
      for (const kind of [...kinds].reverse()) {
        if (subset[kind] !== undefined) {
          Object.assign(reversed, { [kind]: subset[kind] });
        }
      }
      expect(matchExportDocuments(reversed)).toEqual(matchExportDocuments(subset));
    }
  });
});
