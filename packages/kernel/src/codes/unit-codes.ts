import { UNECE_REC20, UNECE_REC21 } from './unit-codes.data.ts';

/** A unit code of the table; only isUnitCode makes one. */
export type UnitCode = string & { readonly __unitCode: true };

/**
 * One code Peppol BIS Billing 3.0 accepts as `@unitCode`: a UN/ECE Recommendation 20 unit of
 * measure, or a Recommendation 21 package type written with an "X" prefix (e.g. `XBX` box).
 */
export type UnitCodeEntry = {
  readonly code: UnitCode;
  /** The English name as UN/ECE publishes it. */
  readonly name: string;
  readonly source: 'rec20' | 'rec21';
};

function parseTable(text: string, source: UnitCodeEntry['source']): UnitCodeEntry[] {
  return text.split('\n').map((line) => {
    const space = line.indexOf(' ');
    // Rec 21 codes travel with the "X" prefix so they cannot collide with Rec 20 codes.
    const code = (source === 'rec21' ? `X${line.slice(0, space)}` : line.slice(0, space)) as UnitCode;
    return Object.freeze({ code, name: line.slice(space + 1), source });
  });
}

const UNIT_CODES: readonly UnitCodeEntry[] = Object.freeze(
  [...parseTable(UNECE_REC20, 'rec20'), ...parseTable(UNECE_REC21, 'rec21')].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  ),
);
const BY_CODE: ReadonlyMap<string, UnitCodeEntry> = new Map(UNIT_CODES.map((entry) => [entry.code, entry]));

/** True when `value` is a Rec 20 unit code or an X-prefixed Rec 21 package code (case-sensitive, e.g. `KGM`, `H87`, `XBX`). */
export function isUnitCode(value: unknown): value is UnitCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

/** The English name of a unit code (`KGM` -> `kilogram`), or undefined for an unknown code. */
export function unitCodeName(code: string): string | undefined {
  return BY_CODE.get(code)?.name;
}

/** Every unit code, sorted by code and frozen. */
export function listUnitCodes(): readonly UnitCodeEntry[] {
  return UNIT_CODES;
}
