import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { thrownAppError } from '../test-support.ts';
import { formatCsv } from './csv.ts';
import { type HsIndex, isHsCodeFormat, normalizeHsCode, parseHsCsv } from './hs.ts';

const HEADER = 'section,hscode,description,parent,level';
const SMALL = [
  HEADER,
  'I,01,Animals; live,TOTAL,2',
  'I,0101,"Horses, asses, mules and hinnies; live",01,4',
  'I,010121,"Horses; live, pure-bred breeding animals",0101,6',
  'I,010129,"Horses; live, other than pure-bred breeding animals",0101,6',
  'XVI,84,Nuclear reactors; machinery,TOTAL,2',
  'XVI,8471,Automatic data processing machines,84,4',
  'XVI,847130,"Portable automatic data processing machines, weighing not more than 10kg",8471,6',
  'TOTAL,TOTAL,Total of all HS2022 commodities,TOTAL,5',
  '',
].join('\n');

describe('parseHsCsv on a small file', () => {
  const index = parseHsCsv(SMALL);

  it('indexes chapters, headings and subheadings, leaving out TOTAL', () => {
    expect(index.size).toBe(7);
    expect(index.lookup('010121')).toEqual({
      code: '010121',
      description: 'Horses; live, pure-bred breeding animals',
      level: 6,
      parent: '0101',
      section: 'I',
    });
    expect(index.lookup('01')?.parent).toBeNull();
    expect(index.lookup('TOTAL')).toBeUndefined();
    expect(index.lookup('1')).toBeUndefined();
  });

  it('walks the tree', () => {
    expect(index.children().map((e) => e.code)).toEqual(['01', '84']);
    expect(index.children('0101').map((e) => e.code)).toEqual(['010121', '010129']);
    expect(index.children('010121')).toEqual([]);
  });

  it('checks six-digit subheadings', () => {
    expect(index.isValidHs6('847130')).toBe(true);
    expect(index.isValidHs6('847190')).toBe(false);
    expect(index.isValidHs6('8471')).toBe(false);
    expect(index.isValidHs6('84713O')).toBe(false);
  });

  it('searches by code prefix and by description words', () => {
    expect(index.search('0101').map((e) => e.code)).toEqual(['0101', '010121', '010129']);
    expect(index.search('0101.2').map((e) => e.code)).toEqual(['010121', '010129']);
    expect(index.search('horses breeding').map((e) => e.code)).toEqual(['010121', '010129']);
    expect(index.search('HORSES', 2)).toHaveLength(2);
    expect(index.search('horses', 0)).toEqual([]);
    expect(index.search('  ')).toEqual([]);
    expect(index.search('zebra')).toEqual([]);
  });

  it('ranks whole-word matches above matches inside words', () => {
    const text = [HEADER, 'I,01,Unlive things,TOTAL,2', 'I,02,Live things,TOTAL,2'].join('\n');
    expect(
      parseHsCsv(text)
        .search('live')
        .map((e) => e.code),
    ).toEqual(['02', '01']);
  });
});

describe('parseHsCsv on malformed files', () => {
  it.each([
    ['a missing column', 'section,hscode,description,level\nI,01,x,2'],
    ['a 3-digit code', `${HEADER}\nI,010,x,TOTAL,3`],
    ['a level that does not match', `${HEADER}\nI,01,x,TOTAL,4`],
    ['a wrong parent', `${HEADER}\nI,01,x,TOTAL,2\nI,0101,x,02,4`],
    ['a missing parent', `${HEADER}\nI,0101,x,01,4`],
    ['a duplicate code', `${HEADER}\nI,01,x,TOTAL,2\nI,01,y,TOTAL,2`],
    ['a short row', `${HEADER}\nI,01,x,TOTAL`],
  ])('refuses %s', (_, text) => {
    const error = thrownAppError(() => parseHsCsv(text), 'kernel.invalid_code_list');
    expect(error.details).toHaveProperty('row');
  });

  it('throws only AppErrors on arbitrary input', () => {
    const line = fc.string({
      unit: fc.constantFrom('0', '1', ',', 'I', 'TOTAL', '"', '\n', 'x', '2', '4'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          line.map((rest) => `${HEADER}\n${rest}`),
          fc.string(),
        ),
        (text) => {
          try {
            parseHsCsv(text);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads back any well-formed tree written as CSV', () => {
    const tree = fc.uniqueArray(fc.stringMatching(/^\d{6}$/), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(tree, fc.string(), (codes, description) => {
        const rows = new Map<string, string[]>();
        for (const code of codes) {
          rows.set(code.slice(0, 2), ['I', code.slice(0, 2), description, 'TOTAL', '2']);
          rows.set(code.slice(0, 4), ['I', code.slice(0, 4), description, code.slice(0, 2), '4']);
          rows.set(code, ['I', code, description, code.slice(0, 4), '6']);
        }
        const index = parseHsCsv(formatCsv([HEADER.split(','), ...rows.values()]));
        expect(index.size).toBe(rows.size);
        for (const code of codes) {
          expect(index.isValidHs6(code)).toBe(true);
          expect(index.lookup(code)?.description).toBe(description);
        }
      }),
    );
  });
});

describe('the shipped HS 2022 file', () => {
  let index: HsIndex;
  beforeAll(() => {
    index = parseHsCsv(readFileSync(new URL('../../data/harmonized-system.csv', import.meta.url), 'utf8'));
  });

  it('has the documented counts', () => {
    // 6,940 data rows, less UN Comtrade's TOTAL root.
    expect(index.size).toBe(6939);
    expect(index.children()).toHaveLength(97);
    const levels = { 2: 0, 4: 0, 6: 0 };
    for (const chapter of index.children()) {
      levels[2]++;
      for (const heading of index.children(chapter.code)) {
        levels[4]++;
        levels[6] += index.children(heading.code).length;
      }
    }
    expect(levels).toEqual({ 2: 97, 4: 1229, 6: 5613 });
    expect(index.lookup('77')).toBeUndefined();
  });

  it('finds real subheadings', () => {
    expect(index.isValidHs6('847130')).toBe(true);
    expect(index.isValidHs6('610910')).toBe(true);
    expect(index.lookup('0101')?.description).toBe('Horses, asses, mules and hinnies; live');
    expect(index.search('t-shirts').map((e) => e.code)).toContain('610910');
    expect(index.search('6109').map((e) => e.code)).toEqual(['6109', '610910', '610990']);
  });
});

describe('HS code helpers', () => {
  it('checks the 2, 4 or 6 digit shape', () => {
    expect(['01', '0101', '010121'].every(isHsCodeFormat)).toBe(true);
    expect(['', '1', '010', '01012', '0101210', '01a1', ' 01'].some(isHsCodeFormat)).toBe(false);
  });

  it('removes the separators people write', () => {
    expect(normalizeHsCode('0101.21')).toBe('010121');
    expect(normalizeHsCode(' 8471 30 ')).toBe('847130');
  });
});
