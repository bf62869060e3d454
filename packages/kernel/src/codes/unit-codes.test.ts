import { describe, expect, it } from 'vitest';
import { isUnitCode, listUnitCodes, unitCodeName } from './unit-codes.ts';

describe('unit codes (UN/ECE Rec 20 + X-prefixed Rec 21)', () => {
  it('lists every code once, sorted and frozen', () => {
    const codes = listUnitCodes();
    expect(codes.filter((c) => c.source === 'rec20')).toHaveLength(1728);
    expect(codes.filter((c) => c.source === 'rec21')).toHaveLength(377);
    expect(Object.isFrozen(codes)).toBe(true);
    const sorted = codes.map((c) => c.code);
    expect(new Set(sorted).size).toBe(sorted.length);
    expect(sorted).toEqual([...sorted].sort());
    for (const entry of codes) {
      expect(entry.code).toMatch(/^[0-9A-Z]{2,3}$/);
      expect(entry.name.trim()).toBe(entry.name);
      expect(entry.name).not.toBe('');
    }
  });

  it('knows the codes trade documents use most, with their published names', () => {
    expect(unitCodeName('C62')).toBe('one');
    expect(unitCodeName('H87')).toBe('piece');
    expect(unitCodeName('EA')).toBe('each');
    expect(unitCodeName('KGM')).toBe('kilogram');
    expect(unitCodeName('MTR')).toBe('metre');
    expect(unitCodeName('LTR')).toBe('litre');
    expect(unitCodeName('TNE')).toBe('tonne (metric ton)');
    expect(unitCodeName('SET')).toBe('set');
    expect(unitCodeName('10')).toBe('group');
    expect(unitCodeName('ZZ')).toBe('mutually defined');
    expect(unitCodeName('XBX')).toBe('Box');
    expect(unitCodeName('XPX')).toBe('Pallet');
    expect(unitCodeName('XCT')).toBe('Carton');
  });

  it('rejects unknown, lower-case, unprefixed Rec 21 and non-string values', () => {
    expect(isUnitCode('KGM')).toBe(true);
    expect(isUnitCode('XPK')).toBe(true);
    expect(isUnitCode('kgm')).toBe(false);
    expect(isUnitCode('PCS')).toBe(false);
    expect(isUnitCode('BX')).toBe(false);
    // Withdrawn from Rec 20 and dropped from the current Peppol list.
    expect(isUnitCode('GRT')).toBe(false);
    expect(isUnitCode('A1')).toBe(false);
    expect(isUnitCode('')).toBe(false);
    expect(isUnitCode(62)).toBe(false);
    expect(isUnitCode(null)).toBe(false);
    expect(unitCodeName('PCS')).toBeUndefined();
  });
});
