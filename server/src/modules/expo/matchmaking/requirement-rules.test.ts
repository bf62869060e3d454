import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRequirement,
  earliestToday,
  isCalendarDate,
  type RequirementInput,
} from './requirement-rules.ts';

const codes = {
  isHs6: (code: string) => ['853952', '660191'].includes(code),
  isUnitCode: (code: string) => ['H87', 'KGM'].includes(code),
  checkUnlocode: (code: string) =>
    /^[A-Z]{2}[A-Z2-9]{3}$/.test(code) ? ('verified' as const) : ('invalid' as const),
};
const now = new Date('2026-11-27T10:00:00Z');
const valid: RequirementInput = {
  title: 'LED bulbs',
  hsCode: '8539.52',
  quantity: '20000',
  unit: 'h87',
  targetPrice: { amount: '3.50', currency: 'myr' },
  destinationCountry: 'my',
  destinationUnlocode: 'MY PKG',
  certifications: ['CE', 'ce', 'RoHS'],
  deadline: '2026-12-31',
};
const codesOf = (input: RequirementInput) => {
  const checked = checkRequirement(input, codes, now);
  return checked.ok ? [] : checked.errors.map((e) => [e.field, e.code]);
};

describe('checkRequirement', () => {
  it('normalises a valid requirement', () => {
    const checked = checkRequirement(valid, codes, now);
    expect(checked).toEqual({
      ok: true,
      values: {
        title: 'LED bulbs',
        description: '',
        hsCode: '853952',
        quantity: '20000',
        unit: 'H87',
        targetPrice: { amountMinor: 350n, currency: 'MYR' },
        destinationCountry: 'MY',
        destinationUnlocode: 'MYPKG',
        certifications: ['CE', 'RoHS'],
        deadline: '2026-12-31',
      },
    });
  });

  it('names each bad field with its code', () => {
    expect(codesOf({ ...valid, destinationCountry: undefined })).toEqual([
      ['destinationCountry', 'expo.required'],
    ]);
    expect(codesOf({ ...valid, deadline: '2026-11-01' })).toEqual([
      ['deadline', 'expo.requirement_deadline_past'],
    ]);
    expect(codesOf({ ...valid, targetPrice: { amount: '-2', currency: 'USD' } })).toEqual([
      ['targetPrice.amount', 'expo.requirement_price_negative'],
    ]);
    expect(codesOf({ ...valid, hsCode: '123456' })).toEqual([['hsCode', 'expo.unknown_hs_code']]);
    expect(codesOf({ ...valid, destinationUnlocode: 'CNSHA' })).toEqual([
      ['destinationUnlocode', 'expo.unknown_unlocode'],
    ]);
  });

  it('lets a buyer west of Greenwich name today late in the evening', () => {
    // 02:00 UTC on the 28th is still the 27th in New York: the 27th is not past anywhere yet.
    expect(earliestToday(new Date('2026-11-28T02:00:00Z'))).toBe('2026-11-27');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('never throws and always answers values or field errors, whatever the input', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', ' ', '1.5', '-1', '1e9', '2027-01-01', 'MY'),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            title: text,
            description: text,
            hsCode: fc.option(text, { nil: null }),
            quantity: text,
            unit: text,
            targetPrice: fc.option(fc.record({ amount: text, currency: text }), { nil: null }),
            destinationCountry: fc.option(text, { nil: null }),
            destinationUnlocode: fc.option(text, { nil: null }),
            certifications: fc.array(text, { maxLength: 5 }),
            deadline: text,
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const checked = checkRequirement(input, codes, now);
          if (checked.ok) {
            expect(checked.values.destinationCountry).toMatch(/^[A-Z]{2}$/);
            expect(checked.values.deadline >= '2026-11-26').toBe(true);
          } else {
            expect(checked.errors.length).toBeGreaterThan(0);
            for (const error of checked.errors) {
              expect(error.code).toMatch(/^(expo|kernel)\.[a-z_]+$/);
            }
          }
        },
      ),
    );
  });
});
