import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionError } from './errors.ts';
import { ID_PREFIXES, type Id, idTimestampMs, isId, newId, type OrganisationId, parseId } from './ids.ts';
import { thrownAppError } from './test-support.ts';

const ID_PATTERN = /^[a-z][a-z0-9]{1,7}_[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

function fixedClock(startMs: number) {
  let timeMs = startMs;
  const now = () => timeMs;
  return { now, set: (value: number) => (timeMs = value) };
}

const zeros = (byteCount: number) => new Uint8Array(byteCount);
const ones = (byteCount: number) => new Uint8Array(byteCount).fill(0xff);

describe('newId', () => {
  it('makes prefixed 26-character ULIDs', () => {
    const id = newId(ID_PREFIXES.organisation);
    expect(id).toMatch(ID_PATTERN);
    expect(id.startsWith('org_')).toBe(true);
    expect(id).toHaveLength(30);
  });

  it('encodes the clock and the randomness in Crockford base32', () => {
    // 1469918176385 ms is the timestamp of the ULID specification's example, 01ARYZ6S41.
    const id = newId('doc', { now: () => 1469918176385, random: zeros });
    expect(id).toBe('doc_01ARYZ6S410000000000000000');
    expect(newId('doc', { now: () => 0, random: ones })).toBe('doc_0000000000ZZZZZZZZZZZZZZZZ');
    expect(newId('doc', { now: () => 2 ** 48 - 1, random: zeros })).toBe('doc_7ZZZZZZZZZ0000000000000000');
  });

  it('is monotonic within one millisecond and when the clock steps back', () => {
    const clock = fixedClock(1_700_000_000_000);
    const first = newId('evt', { now: clock.now, random: zeros });
    const second = newId('evt', { now: clock.now, random: zeros });
    expect(first).toBe('evt_01HF7YAT000000000000000000');
    expect(second).toBe('evt_01HF7YAT000000000000000001');
    clock.set(1_600_000_000_000);
    const third = newId('evt', { now: clock.now, random: zeros });
    expect(third > second).toBe(true);
    expect(idTimestampMs(third)).toBe(1_700_000_000_000);
  });

  it('moves to the next millisecond when the randomness would overflow', () => {
    const clock = fixedClock(1000);
    const first = newId('req', { now: clock.now, random: ones });
    const second = newId('req', { now: clock.now, random: zeros });
    expect(second > first).toBe(true);
    expect(idTimestampMs(second)).toBe(1001);
  });

  it('sorts in creation order across many ids on one clock', () => {
    const clock = fixedClock(1_700_000_000_000);
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      clock.set(1_700_000_000_000 + Math.floor(i / 7));
      ids.push(newId('trf', { now: clock.now }));
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps separate clocks independent', () => {
    const a = fixedClock(5000);
    const b = fixedClock(5000);
    newId('ord', { now: a.now, random: zeros });
    expect(newId('ord', { now: b.now, random: zeros })).toBe(
      newId('ord', { now: () => 5000, random: zeros }),
    );
  });

  it('refuses bad prefixes, clocks and random sources', () => {
    expect(() => newId('Org')).toThrow(AssertionError);
    expect(() => newId('o')).toThrow(AssertionError);
    expect(() => newId('org_x')).toThrow(AssertionError);
    expect(() => newId('org', { now: () => -1 })).toThrow(AssertionError);
    expect(() => newId('org', { now: () => 1.5 })).toThrow(AssertionError);
    expect(() => newId('org', { now: () => 2 ** 48 })).toThrow(AssertionError);
    expect(() => newId('org', { now: () => 1, random: () => new Uint8Array(3) })).toThrow(AssertionError);
  });

  it('has distinct registered prefixes', () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of [
      'org',
      'usr',
      'mbr',
      'inv',
      'key',
      'ses',
      'aud',
      'evt',
      'req',
      'doc',
      'ord',
      'dec',
      'cbm',
      'pcl',
      'rct',
      'mbt',
      'shp',
      'trf',
    ]) {
      expect(prefixes).toContain(prefix);
    }
  });
});

describe('isId and parseId', () => {
  it('accepts ids of the right prefix only', () => {
    const id = newId('org');
    expect(isId('org', id)).toBe(true);
    expect(isId('usr', id)).toBe(false);
    const parsed: OrganisationId = parseId('org', id);
    expect(parsed).toBe(id);
  });

  it.each([
    '',
    'org_',
    'org_01ARYZ6S410000000000000000X',
    'org_01ARYZ6S41000000000000000',
    'org_01aryz6s410000000000000000',
    'org_81ARYZ6S410000000000000000',
    'org_01ARYZ6S41000000000000000I',
    'org-01ARYZ6S410000000000000000',
    'usr_01ARYZ6S410000000000000000',
    ' org_01ARYZ6S410000000000000000',
  ])('refuses %j', (value) => {
    expect(isId('org', value)).toBe(false);
    const error = thrownAppError(() => parseId('org', value), 'kernel.invalid_id');
    expect(error.details).toEqual({ prefix: 'org' });
  });

  it('accepts exactly the strings of the id grammar', () => {
    const near = fc
      .tuple(
        fc.constantFrom('org_', 'org-', 'usr_', ''),
        fc.string({ unit: fc.constantFrom(...'0127AZILOUaz_'), maxLength: 27 }),
      )
      .map(([prefix, body]) => prefix + body);
    fc.assert(
      fc.property(fc.oneof(near, fc.string()), (value) => {
        const expected = /^org_[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(value);
        expect(isId('org', value)).toBe(expected);
        if (expected) {
          expect(parseId('org', value)).toBe(value);
        } else {
          thrownAppError(() => parseId('org', value), 'kernel.invalid_id');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses non-strings', () => {
    expect(isId('org', 42)).toBe(false);
    thrownAppError(() => parseId('org', null), 'kernel.invalid_id');
  });

  it('brands ids so one kind cannot be passed for another', () => {
    const takesOrganisation = (id: OrganisationId) => id;
    const user: Id<'usr'> = newId('usr');
    // @ts-expect-error a user id is not an organisation id
    takesOrganisation(user);
    // @ts-expect-error a plain string is not an id
    takesOrganisation('org_01ARYZ6S410000000000000000');
    expect(takesOrganisation(newId('org'))).toMatch(/^org_/);
  });
});

describe('idTimestampMs', () => {
  it('reads back the clock of any id', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (ms, bytes) => {
          const id = newId('shp', { now: () => ms, random: () => bytes });
          expect(id).toMatch(ID_PATTERN);
          expect(idTimestampMs(id)).toBe(ms);
          expect(isId('shp', id)).toBe(true);
        },
      ),
    );
  });

  it('orders ids by time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 47 }),
        fc.integer({ min: 1, max: 2 ** 47 }),
        (earlier, gap) => {
          const a = newId('aud', { now: () => earlier, random: ones });
          const b = newId('aud', { now: () => earlier + gap, random: zeros });
          expect(a < b).toBe(true);
        },
      ),
    );
  });

  it('refuses malformed ids', () => {
    thrownAppError(() => idTimestampMs('nope'), 'kernel.invalid_id');
    thrownAppError(() => idTimestampMs('_01ARYZ6S410000000000000000'), 'kernel.invalid_id');
    thrownAppError(() => idTimestampMs('org_01ARYZ6S41'), 'kernel.invalid_id');
  });

  it('never throws anything but kernel.invalid_id on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          expect(idTimestampMs(text)).toBeGreaterThanOrEqual(0);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('kernel.invalid_id');
        }
      }),
    );
  });
});
