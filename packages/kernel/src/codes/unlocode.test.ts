import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { thrownAppError } from '../test-support.ts';
import { formatCsv } from './csv.ts';
import {
  checkUnlocode,
  normalizeUnlocode,
  parseUnecePartCsv,
  parseUnlocodeCoordinates,
  parseUnlocodeCsv,
  type UnlocodeEntry,
  UnlocodeIndex,
  unlocodeFunctions,
} from './unlocode.ts';

const SUBSET_HEADER =
  'Change,Country,Location,Name,NameWoDiacritics,Subdivision,Status,Function,Date,IATA,Coordinates,Remarks';

// Lines in the layout of the official UNECE release parts: no header, Function before Status.
const UNECE_PART = [
  ',"AD",,".ANDORRA",,,,,,,,',
  ',"AD","ALV","Andorra la Vella","Andorra la Vella",,"--34-6--","AI","0601",,"4230N 00131E",""',
  '"+","AE","HIL","Hail","Hail","AZ","------7-","RL","1801",,"3500N 03330E",',
  '"=","AE","","Ruwais = Ar Ruways","Ruwais = Ar Ruways","",,"",,"","",""',
  '"X","AE","OLD","Old Place","Old Place",,"1-------","RL","1801",,,',
  ',"NL",,".NETHERLANDS",,,,,,,,',
  ',"NL","RTM","Rotterdam","Rotterdam","ZH","12345---","AF","0601",,"5155N 00430E","Europoort"',
  ',"VN","ANP","An Phú","An Phu","44","--3-----","RL","1401",,"1051N 10505E",',
  ',"BR","SSZ","Santos","Santos","SP","1--4----","AI","0501","","2357S 04619W",',
].join('\r\n');

function entry(overrides: Partial<UnlocodeEntry> & Pick<UnlocodeEntry, 'code' | 'name'>): UnlocodeEntry {
  return {
    country: overrides.code.slice(0, 2),
    location: overrides.code.slice(2),
    nameAscii: overrides.name,
    subdivision: '',
    functions: '1-------',
    status: 'AI',
    coordinates: null,
    ...overrides,
  };
}

describe('parseUnecePartCsv', () => {
  const entries = parseUnecePartCsv(UNECE_PART);

  it('skips country headers, reference rows and entries marked X', () => {
    expect(entries.map((e) => e.code)).toEqual(['ADALV', 'AEHIL', 'NLRTM', 'VNANP', 'BRSSZ']);
  });

  it('maps the UNECE column order', () => {
    expect(entries[0]).toEqual({
      code: 'ADALV',
      country: 'AD',
      location: 'ALV',
      name: 'Andorra la Vella',
      nameAscii: 'Andorra la Vella',
      subdivision: '',
      functions: '--34-6--',
      status: 'AI',
      coordinates: { lat: 42.5, lon: 1.516667 },
    });
    expect(entries[2]).toMatchObject({ subdivision: 'ZH', functions: '12345---', status: 'AF' });
    expect(entries[3]).toMatchObject({ name: 'An Phú', nameAscii: 'An Phu' });
    expect(entries[4]?.coordinates).toEqual({ lat: -23.95, lon: -46.316667 });
  });

  it('refuses rows that are not UN/LOCODE rows', () => {
    thrownAppError(() => parseUnecePartCsv(',"NL","RT1","Bad",,,,,,,,'), 'kernel.invalid_code_list');
    thrownAppError(() => parseUnecePartCsv(',"nl","RTM","Bad",,,,,,,,'), 'kernel.invalid_code_list');
    thrownAppError(() => parseUnecePartCsv(',"N","LRTM","Bad",,,,,,,,'), 'kernel.invalid_code_list');
    const error = thrownAppError(() => parseUnecePartCsv(',"NL","RTM","Short"'), 'kernel.invalid_code_list');
    expect(error.details).toEqual({ list: 'UNECE UN/LOCODE CSV', row: 1 });
    thrownAppError(() => parseUnecePartCsv(',"NL","RTM","Bad"quote,,,,,,,,'), 'kernel.invalid_csv');
  });
});

describe('parseUnlocodeCsv', () => {
  it('reads the subset layout: header, Status before Function', () => {
    const text = [
      SUBSET_HEADER,
      ',GB,ABD,Aberdeen,Aberdeen,ABE,AF,1--4----,1401,ABZ,5708N 00206W,',
      'x,IT,MRN,Marnello,Marnello,,XX,-2------,2407,,,',
    ].join('\n');
    expect(parseUnlocodeCsv(text)).toEqual([
      {
        code: 'GBABD',
        country: 'GB',
        location: 'ABD',
        name: 'Aberdeen',
        nameAscii: 'Aberdeen',
        subdivision: 'ABE',
        functions: '1--4----',
        status: 'AF',
        iata: 'ABZ',
        coordinates: { lat: 57.133333, lon: -2.1 },
      },
    ]);
  });

  it('refuses a file without the expected header', () => {
    thrownAppError(() => parseUnlocodeCsv(UNECE_PART), 'kernel.invalid_code_list');
    thrownAppError(() => parseUnlocodeCsv(''), 'kernel.invalid_code_list');
  });

  it('reads back any entries written in its layout', () => {
    const anyEntry = fc.record({
      country: fc.stringMatching(/^[A-Z]{2}$/),
      location: fc.stringMatching(/^[A-Z2-9]{3}$/),
      name: fc.string({ minLength: 1 }),
      subdivision: fc.stringMatching(/^[A-Z0-9]{0,3}$/),
      status: fc.constantFrom('AI', 'RL', ''),
      functions: fc.stringMatching(/^[0-9B-]{8}$/),
    });
    fc.assert(
      fc.property(fc.array(anyEntry, { maxLength: 10 }), (records) => {
        const rows = records.map((r) => [
          '',
          r.country,
          r.location,
          r.name,
          r.name,
          r.subdivision,
          r.status,
          r.functions,
          '',
          '',
          '',
          '',
        ]);
        const parsed = parseUnlocodeCsv(formatCsv([SUBSET_HEADER.split(','), ...rows]));
        expect(parsed.map((e) => [e.code, e.name, e.subdivision, e.status, e.functions])).toEqual(
          records.map((r) => [r.country + r.location, r.name, r.subdivision, r.status, r.functions]),
        );
      }),
    );
  });

  it('throws only AppErrors on arbitrary input, for both layouts', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.stringMatching(/^[A-Z2-9]{2,3}$/),
      fc.constant('X'),
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 13 }).map((cells) => formatCsv([cells]));
    const text = fc.array(line, { maxLength: 5 }).map((lines) => lines.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), fc.boolean(), (body, withHeader) => {
        for (const parse of [
          () => parseUnecePartCsv(body),
          () => parseUnlocodeCsv(withHeader ? `${SUBSET_HEADER}\n${body}` : body),
        ]) {
          try {
            for (const e of parse()) {
              expect(e.code).toMatch(/^[A-Z]{2}[A-Z2-9]{3}$/);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseUnlocodeCoordinates', () => {
  it.each([
    ['5155N 00430E', { lat: 51.916667, lon: 4.5 }],
    ['0117N 10350E', { lat: 1.283333, lon: 103.833333 }],
    ['3352S 15112E', { lat: -33.866667, lon: 151.2 }],
    ['4043N 07400W', { lat: 40.716667, lon: -74 }],
    ['0000N 00000E', { lat: 0, lon: 0 }],
    // UNECE data has minute values of 60 or more; they carry into the degrees.
    ['5130N 00760W', { lat: 51.5, lon: -8 }],
  ])('reads %s', (text, expected) => {
    expect(parseUnlocodeCoordinates(text)).toEqual(expected);
  });

  it.each(['', '5155N', '5155N 0430E', '5155X 00430E', '9100N 00000E', '0000N 18100E', 'abc'])(
    'gives null for %j',
    (text) => {
      expect(parseUnlocodeCoordinates(text)).toBeNull();
    },
  );

  it('stays within range for any well-formed text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}[NS] \d{5}[EW]$/), (text) => {
        const result = parseUnlocodeCoordinates(text);
        if (result !== null) {
          expect(Math.abs(result.lat)).toBeLessThanOrEqual(90);
          expect(Math.abs(result.lon)).toBeLessThanOrEqual(180);
        }
      }),
    );
  });
});

describe('unlocodeFunctions', () => {
  it('names the positions that are set', () => {
    expect(unlocodeFunctions('1--45---')).toEqual(['port', 'airport', 'postal']);
    expect(unlocodeFunctions('12345678')).toEqual([
      'port',
      'rail',
      'road',
      'airport',
      'postal',
      'inland_port',
      'fixed_transport',
    ]);
    expect(unlocodeFunctions('-------B')).toEqual(['border_crossing']);
    expect(unlocodeFunctions('0-------')).toEqual([]);
  });
});

describe('UnlocodeIndex', () => {
  const index = new UnlocodeIndex(parseUnecePartCsv(UNECE_PART));
  index.add([
    entry({ code: 'NLRTM', name: 'Rotterdam' }),
    entry({ code: 'NLRTM', name: 'Europoort/Rotterdam' }),
    entry({ code: 'BRSAO', name: 'São Paulo', nameAscii: 'Sao Paulo' }),
    entry({ code: 'NLAMS', name: 'Amsterdam' }),
    entry({ code: 'NLROT', name: 'Rotterdam Airport', functions: '---4----' }),
  ]);

  it('ignores re-added entries and keeps alternative names', () => {
    expect(index.size).toBe(9);
    expect(index.lookup('NLRTM')?.name).toBe('Rotterdam');
    expect(index.lookupAll('NLRTM').map((e) => e.name)).toEqual(['Rotterdam', 'Europoort/Rotterdam']);
    expect(index.lookup('XXAAA')).toBeUndefined();
    expect(index.lookupAll('XXAAA')).toEqual([]);
  });

  it('lists its countries', () => {
    expect(index.countries()).toEqual(['AD', 'AE', 'BR', 'NL', 'VN']);
    expect(index.hasCountry('NL')).toBe(true);
    expect(index.hasCountry('CN')).toBe(false);
  });

  it('searches by exact code, code prefix and name, best first', () => {
    expect(index.search('NLRTM').map((e) => e.name)).toEqual(['Europoort/Rotterdam', 'Rotterdam']);
    expect(index.search('nl rtm')[0]?.code).toBe('NLRTM');
    expect(index.search('NLR').map((e) => e.code)).toEqual(['NLROT', 'NLRTM', 'NLRTM']);
    expect(index.search('rotterdam').map((e) => e.name)).toEqual([
      'Rotterdam',
      'Rotterdam Airport',
      'Europoort/Rotterdam',
    ]);
    // Location-code prefix first; then NLROT, whose name ("Rotterdam Airport") contains "rt".
    expect(index.search('RT', { country: 'NL' }).map((e) => e.code)).toEqual(['NLRTM', 'NLRTM', 'NLROT']);
  });

  it('ignores case and diacritics in names', () => {
    expect(index.search('sao paulo').map((e) => e.code)).toEqual(['BRSAO']);
    expect(index.search('SÃO').map((e) => e.code)).toEqual(['BRSAO']);
    expect(index.search('an phu').map((e) => e.code)).toEqual(['VNANP']);
  });

  it('filters by country and limits', () => {
    expect(index.search('a', { country: 'BR' }).every((e) => e.country === 'BR')).toBe(true);
    expect(index.search('rotterdam', { limit: 1 })).toHaveLength(1);
    expect(index.search('rotterdam', { limit: 0 })).toEqual([]);
    expect(index.search('')).toEqual([]);
    expect(index.search('', { country: 'NL' })).toHaveLength(4);
  });
});

describe('checkUnlocode', () => {
  const index = new UnlocodeIndex([entry({ code: 'NLRTM', name: 'Rotterdam' })]);

  it('verifies codes in the index, in any common spelling', () => {
    for (const code of ['NLRTM', 'nlrtm', ' NL RTM ']) {
      expect(checkUnlocode(code, index)).toEqual({ status: 'verified', entry: index.lookup('NLRTM') });
    }
  });

  it('calls a well-formed code of a country without data unverified', () => {
    expect(checkUnlocode('CNSHA', index)).toEqual({ status: 'unverified', code: 'CNSHA' });
    expect(checkUnlocode('cn yiw', index)).toEqual({ status: 'unverified', code: 'CNYIW' });
  });

  it('says why other codes are invalid', () => {
    expect(checkUnlocode('NLXXX', index)).toEqual({ status: 'invalid', reason: 'not_found' });
    expect(checkUnlocode('UKLON', index)).toEqual({ status: 'invalid', reason: 'unknown_country' });
    expect(checkUnlocode('XZAAA', index)).toEqual({ status: 'invalid', reason: 'unknown_country' });
    for (const code of ['', 'NLRT', 'NLRTMX', 'NLRT1', 'NLRT0', 'N1RTM', 'NL-RTM']) {
      expect(checkUnlocode(code, index)).toEqual({ status: 'invalid', reason: 'format' });
    }
  });

  it('normalises only the spaced form', () => {
    expect(normalizeUnlocode(' nl rtm ')).toBe('NLRTM');
    expect(normalizeUnlocode('NL  RTM')).toBe('NL  RTM');
  });

  it('answers every string with one of the documented outcomes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 7 }), fc.stringMatching(/^[A-Z]{2}[A-Z0-9]{3}$/)),
        (code) => {
          const result = checkUnlocode(code, index);
          expect(['verified', 'unverified', 'invalid']).toContain(result.status);
          if (result.status === 'unverified') {
            expect(result.code).toMatch(/^[A-Z]{2}[A-Z2-9]{3}$/);
            expect(index.hasCountry(result.code.slice(0, 2))).toBe(false);
          }
        },
      ),
    );
  });
});

describe('the shipped UN/LOCODE subset', () => {
  let index: UnlocodeIndex;
  let entries: UnlocodeEntry[];
  beforeAll(() => {
    entries = parseUnlocodeCsv(
      readFileSync(new URL('../../data/unlocode-subset.csv', import.meta.url), 'utf8'),
    );
    index = new UnlocodeIndex(entries);
  });

  it('has the documented rows, less the two marked for removal', () => {
    expect(entries).toHaveLength(14_243 - 2);
    expect(index.countries()).toHaveLength(19);
    expect(index.countries()).not.toContain('CN');
    expect(entries.filter((e) => e.country === 'SG')).toHaveLength(20);
    expect(entries.filter((e) => e.coordinates !== null).length).toBeGreaterThan(8600);
  });

  it('verifies real ports and leaves countries without data unverified', () => {
    expect(checkUnlocode('NLRTM', index).status).toBe('verified');
    expect(checkUnlocode('SGSIN', index).status).toBe('verified');
    expect(checkUnlocode('CNSHA', index).status).toBe('unverified');
    expect(checkUnlocode('NLZZZ', index)).toEqual({ status: 'invalid', reason: 'not_found' });
    expect(index.lookupAll('ITFCO').length).toBe(2);
    expect(index.search('rotterdam', { country: 'NL' })[0]?.code).toBe('NLRTM');
  });
});
