import { describe, expect, it } from 'vitest';
import { checkExportInventory } from './checks.ts';
import { routeB2bExport } from './routing.ts';
import { matchedExport } from './test-fixtures.ts';

// The §7.1 rule at its boundaries: ≤ CNY 5,000 inclusive with no licence, inspection or duty goes
// on the simplified list (6-digit HS); anything else on a declaration form (10-digit HS).

const clean = { licence: false, inspection: false, duty: false };

describe('9710/9810 routing', () => {
  it.each([
    ['0.01', 'simplified_list'],
    ['4999.99', 'simplified_list'],
    ['5000', 'simplified_list'],
    ['5000.00', 'simplified_list'],
    ['5000.00000', 'simplified_list'],
    ['5000.00001', 'declaration_form'],
    ['5000.01', 'declaration_form'],
    ['12000', 'declaration_form'],
  ])('value %s CNY → %s', (value, route) => {
    const routed = routeB2bExport({ valueCny: value, ...clean });
    expect(routed.route).toBe(route);
    expect(routed.hsDigits).toBe(route === 'simplified_list' ? 6 : 10);
    if (route === 'declaration_form') {
      expect(routed.reasons).toEqual(['over_value']);
    }
  });

  it.each([
    ['licence', { ...clean, licence: true }],
    ['inspection', { ...clean, inspection: true }],
    ['duty', { ...clean, duty: true }],
  ] as const)('%s at 5,000.00 → declaration form', (reason, flags) => {
    const routed = routeB2bExport({ valueCny: '5000.00', ...flags });
    expect(routed).toEqual({ route: 'declaration_form', hsDigits: 10, reasons: [reason] });
  });

  it('gives every reason at once, and treats a value not in CNY as unproven', () => {
    expect(
      routeB2bExport({ valueCny: '5000.01', licence: true, inspection: true, duty: true }).reasons,
    ).toEqual(['over_value', 'licence', 'inspection', 'duty']);
    expect(routeB2bExport({ valueCny: null, ...clean }).reasons).toEqual(['value_not_in_cny']);
  });
});

describe('export list checks', () => {
  const list = () => matchedExport().inventory;

  it('passes a clean 9610 list', () => {
    expect(checkExportInventory(list(), () => false)).toMatchObject({
      failures: [],
      route: null,
      goodsValue: '62.5',
    });
  });

  it('refuses a licence on a simplified (A) list, a wrong flag, an import list and bad codes', () => {
    const base = list();
    const codes = (head: Record<string, string>, lines = base.lines) =>
      checkExportInventory({ head: { ...base.head, ...head }, lines }, () => false).failures.map(
        (f) => f.code,
      );
    expect(codes({ licenseNo: 'L123' })).toEqual(['customs.export_simplified_licence']);
    expect(codes({ ieFlag: 'I' })).toEqual(['customs.export_ie_flag']);
    expect(codes({ statisticsFlag: 'C' })).toEqual(['customs.export_statistics_flag']);
    expect(codes({ tradeMode: '0110' })).toEqual(['customs.export_trade_mode']);
    expect(codes({ country: 'DE' })).toEqual(['customs.export_code_list']);
    expect(codes({ tradeMode: '1210' })).toEqual(['customs.export_special_zone']);
    expect(
      codes(
        {},
        base.lines.map((l) => ({ ...l, gcode: '2601110000' })),
      ),
    ).toEqual(['customs.export_simplified_duty']);
    expect(
      codes(
        {},
        base.lines.map((l) => ({ ...l, totalPrice: '0' })),
      ),
    ).toEqual(['customs.export_value']);
    expect(
      codes(
        {},
        base.lines.map((l) => ({ ...l, price: '12.50', totalPrice: '62.49' })),
      ),
    ).toEqual(['customs.export_value']);
    expect(
      codes(
        {},
        base.lines.map((l) => ({ ...l, price: '12.50' })),
      ),
    ).toEqual([]);
  });

  it('routes a 9710 list and requires an approved warehouse filing on 9810', () => {
    const base = list();
    const b2b = { head: { ...base.head, tradeMode: '9710', statisticsFlag: 'B' }, lines: base.lines };
    expect(checkExportInventory(b2b, () => false).route?.route).toBe('simplified_list');
    const large = { ...b2b, lines: b2b.lines.map((l) => ({ ...l, totalPrice: '5000.01' })) };
    const refused = checkExportInventory(large, () => false);
    expect(refused.route?.route).toBe('declaration_form');
    expect(refused.failures.map((f) => f.code)).toEqual(['customs.export_declaration_form_required']);
    const w = { head: { ...b2b.head, tradeMode: '9810' }, lines: b2b.lines };
    expect(checkExportInventory(w, () => true).failures.map((f) => f.code)).toEqual([
      'customs.export_warehouse_missing',
    ]);
    const named = { ...w, head: { ...w.head, note: '海外仓 OWH202600000001' } };
    expect(checkExportInventory(named, () => false).failures.map((f) => f.code)).toEqual([
      'customs.export_warehouse_not_filed',
    ]);
    expect(checkExportInventory(named, (no) => no === 'OWH202600000001').failures).toEqual([]);
  });
});
