// The customs checks on a matched export inventory list before release (reference §3.2 and §7):
// trade mode, I/E flag, statistics flag and its conditions, code lists, the value rule, special
// zone fields, and for 9710/9810 the route and (9810) the filed overseas warehouse.
import {
  compareDecimal,
  formatDecimal,
  multiplyDecimal,
  parseCebDecimal,
  sumDecimals,
  ZERO,
} from './decimal.ts';
import {
  type B2bRoute,
  involvesExportDuty,
  involvesInspection,
  routeB2bExport,
  routeReasonText,
} from './routing.ts';
import type { ExportInventory } from './types.ts';

export type ExportCheckFailure = { field: string; code: string; message: string };

export type ExportCheckResult = {
  failures: ExportCheckFailure[];
  /** For 9710/9810 lists: the route the §7.1 rule gives. */
  route: B2bRoute | null;
  /** Σ line totalPrice as a decimal string (null when a line total is not a decimal). */
  goodsValue: string | null;
};

export const EXPORT_TRADE_MODES = ['9610', '1210', '1239', '9710', '9810'] as const;

// A 9810 list names its overseas-warehouse filing in the head's `note` (the 2018 export XSD
// predates 9810 and has no field for it): `OWH` followed by 12 digits.
const FILING_PATTERN = /\bOWH\d{12}\b/;
export const filingNumberOf = (inventory: ExportInventory): string | null =>
  FILING_PATTERN.exec(inventory.head.note ?? '')?.[0] ?? null;

const CODE3 = /^\d{3}$/;

/**
 * Checks one export list. `warehouseFiled` answers whether a filing number is an approved
 * overseas-warehouse filing of the list's sender (only asked for 9810).
 */
export const checkExportInventory = (
  inventory: ExportInventory,
  warehouseFiled: (filingNo: string) => boolean,
): ExportCheckResult => {
  const { head, lines } = inventory;
  const failures: ExportCheckFailure[] = [];
  const fail = (field: string, code: string, message: string) => failures.push({ field, code, message });
  const tradeMode = head.tradeMode ?? '';
  if (!(EXPORT_TRADE_MODES as readonly string[]).includes(tradeMode)) {
    fail(
      'tradeMode',
      'customs.export_trade_mode',
      `trade mode ${tradeMode} is not an export CBEC mode (9610, 1210, 1239, 9710, 9810)`,
    );
  }
  if (head.ieFlag !== 'E') {
    fail('ieFlag', 'customs.export_ie_flag', 'an export list has ieFlag E');
  }
  if (head.statisticsFlag !== 'A' && head.statisticsFlag !== 'B') {
    fail(
      'statisticsFlag',
      'customs.export_statistics_flag',
      'statisticsFlag is A (simplified) or B (summary)',
    );
  }
  if (head.statisticsFlag === 'A' && (head.licenseNo ?? '') !== '') {
    // §3.2: a simplified (A) list must involve no licence, export duty or VAT refund.
    fail(
      'licenseNo',
      'customs.export_simplified_licence',
      'goods under a licence cannot go on a simplified (A) list',
    );
  }
  if (
    (tradeMode === '1210' || tradeMode === '1239') &&
    ((head.iacCode ?? '') === '' || (head.emsNo ?? '') === '')
  ) {
    fail('emsNo', 'customs.export_special_zone', 'special-zone exports (1210/1239) need iacCode and emsNo');
  }
  for (const [name, value] of [
    ['country', head.country],
    ['fCurrency', head.fCurrency],
    ['iCurrency', head.iCurrency],
  ] as const) {
    if (!CODE3.test(value ?? '')) {
      fail(name, 'customs.export_code_list', `${name} is a 3-digit JGS-20 code`);
    }
  }
  for (const line of lines) {
    const where = `lines[${line.gnum}]`;
    if (!/^\d{10}$/.test(line.gcode ?? '')) {
      fail(`${where}.gcode`, 'customs.export_code_list', 'gcode is a 10-digit HS code');
    }
    for (const name of ['country', 'currency', 'unit', 'unit1'] as const) {
      if (!CODE3.test(line[name] ?? '')) {
        fail(`${where}.${name}`, 'customs.export_code_list', `${name} is a 3-digit JGS-20 code`);
      }
    }
    const price = parseCebDecimal(line.price);
    const qty = parseCebDecimal(line.qty);
    const lineTotal = parseCebDecimal(line.totalPrice);
    // Only when the list carries price and quantity: the line total must be their product.
    if (
      price !== null &&
      qty !== null &&
      lineTotal !== null &&
      compareDecimal(multiplyDecimal(price, qty), lineTotal) !== 0
    ) {
      fail(`${where}.totalPrice`, 'customs.export_value', 'the line total must equal price × qty');
    }
    if (head.statisticsFlag === 'A' && involvesExportDuty(line.gcode ?? '')) {
      fail(
        `${where}.gcode`,
        'customs.export_simplified_duty',
        'goods under export duty cannot go on a simplified (A) list',
      );
    }
  }
  const total = sumDecimals(lines.map((line) => line.totalPrice));
  if (total === null || compareDecimal(total, ZERO) <= 0) {
    fail(
      'lines.totalPrice',
      'customs.export_value',
      'the goods value (Σ totalPrice) must be a positive amount',
    );
  }
  let route: B2bRoute | null = null;
  if (tradeMode === '9710' || tradeMode === '9810') {
    const inCny = lines.every((line) => line.currency === '142');
    route = routeB2bExport({
      valueCny: inCny && total !== null ? formatDecimal(total) : null,
      licence: (head.licenseNo ?? '') !== '',
      inspection: lines.some((line) => involvesInspection(line.gcode ?? '')),
      duty: lines.some((line) => involvesExportDuty(line.gcode ?? '')),
    });
    if (route.route === 'declaration_form') {
      fail(
        'tradeMode',
        'customs.export_declaration_form_required',
        `declare on a customs declaration form (报关单, H2018) with 10-digit HS: ${route.reasons.map((r) => routeReasonText[r]).join(', ')}`,
      );
    }
    if (tradeMode === '9810') {
      const filingNo = filingNumberOf(inventory);
      if (filingNo === null) {
        fail(
          'note',
          'customs.export_warehouse_missing',
          'a 9810 list names its overseas-warehouse filing (OWH… in note)',
        );
      } else if (!warehouseFiled(filingNo)) {
        fail(
          'note',
          'customs.export_warehouse_not_filed',
          `overseas warehouse ${filingNo} is not an approved filing of the declarant`,
        );
      }
    }
  }
  return { failures, route, goodsValue: total === null ? null : formatDecimal(total) };
};

/** Whether a decimal text is a positive amount (for callers outside the checks). */
export const isPositiveAmount = (text: string | undefined): boolean => {
  const value = parseCebDecimal(text);
  return value !== null && compareDecimal(value, ZERO) > 0;
};
