import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canMoveServiceContract,
  checkTechnology,
  chinaDay,
  deliveryFits,
  isCalendarDate,
  registrationNumber,
  technologyCatalogue,
} from './domain-services-trade.ts';

describe('deliveries against a contract', () => {
  it('never lets accepted deliveries add up beyond the contract value', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: -10n, max: 10n ** 15n }), { maxLength: 30 }),
        (value, attempts) => {
          let delivered = 0n;
          for (const attempt of attempts) {
            if (deliveryFits(value, delivered, attempt)) {
              delivered += attempt;
            }
          }
          expect(delivered <= value).toBe(true);
          expect(delivered >= 0n).toBe(true);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('accepts a delivery that makes up the value exactly, and refuses zero', () => {
    expect(deliveryFits(100n, 60n, 40n)).toBe(true);
    expect(deliveryFits(100n, 60n, 41n)).toBe(false);
    expect(deliveryFits(100n, 0n, 0n)).toBe(false);
  });

  it('ends a contract once', () => {
    expect(canMoveServiceContract('active', 'completed')).toBe(true);
    expect(canMoveServiceContract('active', 'terminated')).toBe(true);
    expect(canMoveServiceContract('completed', 'active')).toBe(false);
    expect(canMoveServiceContract('terminated', 'completed')).toBe(false);
  });
});

describe('technology catalogue rules', () => {
  it('accepts a free technology only without a catalogue entry', () => {
    expect(checkTechnology({ direction: 'export', category: 'free', catalogueEntry: null })).toMatchObject({
      outcome: 'accepted',
      category: 'free',
    });
    expect(
      checkTechnology({ direction: 'export', category: 'free', catalogueEntry: 'EX-R-AI-INTERFACE' }),
    ).toMatchObject({ outcome: 'invalid', code: 'not_allowed' });
  });

  it('refuses a prohibited technology, with or without its entry', () => {
    expect(
      checkTechnology({ direction: 'export', category: 'prohibited', catalogueEntry: null }).outcome,
    ).toBe('refused');
    expect(
      checkTechnology({ direction: 'export', category: 'prohibited', catalogueEntry: 'EX-P-CELL-CLONING' }),
    ).toMatchObject({ outcome: 'refused', entry: { id: 'EX-P-CELL-CLONING' } });
  });

  it('asks a restricted technology for an entry of its own direction and category', () => {
    expect(
      checkTechnology({ direction: 'export', category: 'restricted', catalogueEntry: null }),
    ).toMatchObject({
      code: 'required',
    });
    expect(
      checkTechnology({ direction: 'export', category: 'restricted', catalogueEntry: 'NOPE' }),
    ).toMatchObject({ code: 'unknown' });
    expect(
      checkTechnology({ direction: 'import', category: 'restricted', catalogueEntry: 'EX-R-LIDAR' }),
    ).toMatchObject({ code: 'mismatch' });
    expect(
      checkTechnology({ direction: 'export', category: 'restricted', catalogueEntry: 'EX-R-LIDAR' }),
    ).toMatchObject({ outcome: 'accepted', category: 'restricted' });
  });

  it('ships every entry marked unverified, with unique ids', () => {
    const ids = technologyCatalogue.entries.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(technologyCatalogue.entries.every((entry) => !entry.verified)).toBe(true);
    expect(technologyCatalogue.entries.length).toBeGreaterThanOrEqual(8);
  });

  it('numbers registrations by year, region, direction and sequence', () => {
    expect(registrationNumber(2026, 'export', 42)).toBe('2026330000E000042');
    expect(registrationNumber(2026, 'import', 1)).toBe('2026330000I000001');
  });
});

describe('dates', () => {
  it('takes exactly the calendar dates, written YYYY-MM-DD', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (at) => {
          expect(isCalendarDate(at.toISOString().slice(0, 10))).toBe(true);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const accepted = isCalendarDate(text);
        expect(accepted).toBe(/^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(text));
      }),
      { seed: 8, numRuns: 200 },
    );
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('dates by Beijing time', () => {
    expect(chinaDay(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(chinaDay(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31');
  });
});
