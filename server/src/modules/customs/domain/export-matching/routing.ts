// 9710 / 9810 (B2B export) routing, reference §7 and §7.1: a shipment of at most CNY 5,000
// (inclusive) that involves no licence (涉证), inspection (涉检) or tax (涉税) may go on the CBEC
// export list (申报清单) with a 6-digit HS code; anything else must be declared on a customs
// declaration form (报关单, H2018) with the 10-digit code.
import { compareDecimal, parseCebDecimal } from './decimal.ts';

export const SIMPLIFIED_LIST_LIMIT_CNY = '5000';

export type B2bRoutingInput = {
  /** The shipment's goods value in CNY as a decimal string; null when it is not known in CNY. */
  valueCny: string | null;
  licence: boolean;
  inspection: boolean;
  duty: boolean;
};

export type B2bRouteReason = 'over_value' | 'value_not_in_cny' | 'licence' | 'inspection' | 'duty';

export type B2bRoute =
  | { route: 'simplified_list'; hsDigits: 6; reasons: [] }
  | { route: 'declaration_form'; hsDigits: 10; reasons: B2bRouteReason[] };

const LIMIT = parseCebDecimal(SIMPLIFIED_LIST_LIMIT_CNY) ?? { unscaled: 5000n, scale: 0 };

/** The route of one 9710/9810 shipment, with every reason that forces the declaration form. */
export const routeB2bExport = (input: B2bRoutingInput): B2bRoute => {
  const reasons: B2bRouteReason[] = [];
  const value = input.valueCny === null ? null : parseCebDecimal(input.valueCny);
  if (value === null) {
    // Without a value in CNY the ≤ 5,000 condition cannot be shown to hold.
    reasons.push('value_not_in_cny');
  } else if (compareDecimal(value, LIMIT) > 0) {
    reasons.push('over_value');
  }
  if (input.licence) {
    reasons.push('licence');
  }
  if (input.inspection) {
    reasons.push('inspection');
  }
  if (input.duty) {
    reasons.push('duty');
  }
  return reasons.length === 0
    ? { route: 'simplified_list', hsDigits: 6, reasons: [] }
    : { route: 'declaration_form', hsDigits: 10, reasons };
};

/** What each reason says in a receipt (bilingual, as customs return info is read by both). */
export const routeReasonText: Record<B2bRouteReason, string> = {
  over_value: '货值超过5000元 value over CNY 5,000',
  value_not_in_cny: '货值非人民币 value not in CNY (142)',
  licence: '涉证 licence required',
  inspection: '涉检 inspection required',
  duty: '涉税 export duty',
};

// Which goods involve inspection or export duty comes from the tariff's supervision conditions,
// which tradehub does not hold yet: these HS prefixes are ILLUSTRATIVE ONLY (the clearance board
// says so), chosen from chapters commonly under inspection (food, live animals) and goods that
// carry export duty (ores, scrap metal). Replace with the official tariff conditions.
const INSPECTION_PREFIXES = ['01', '02', '03', '04', '16', '20', '21', '3004'];
const EXPORT_DUTY_PREFIXES = ['2601', '2603', '7204', '7404', '7503', '7602'];

export const involvesInspection = (gcode: string): boolean =>
  INSPECTION_PREFIXES.some((prefix) => gcode.startsWith(prefix));
export const involvesExportDuty = (gcode: string): boolean =>
  EXPORT_DUTY_PREFIXES.some((prefix) => gcode.startsWith(prefix));
