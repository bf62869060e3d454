import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash.ts';
import { parseCsv } from './csv.ts';
import { ISO3166_ROWS } from './iso3166.generated.ts';
import { ISO4217_ROWS } from './iso4217.generated.ts';

const dataFile = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');
const script = fileURLToPath(new URL('../../../../scripts/generate-code-tables.mjs', import.meta.url));

function readTable(name: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(dataFile(name));
  return rows.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])));
}

describe('generated code tables', () => {
  it('are up to date with the CSV files (node scripts/generate-code-tables.mjs --check)', () => {
    const output = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(output).toContain('iso3166.generated.ts: up to date');
    expect(output).toContain('iso4217.generated.ts: up to date');
  });

  it('hold every country of country-codes.csv, as read by the kernel parser', () => {
    const rows = readTable('country-codes.csv');
    expect(rows).toHaveLength(249);
    expect(ISO3166_ROWS).toHaveLength(rows.length);
    const byAlpha2 = new Map(ISO3166_ROWS.map((row) => [row.alpha2, row]));
    for (const row of rows) {
      const generated = byAlpha2.get(row['ISO3166-1-Alpha-2'] ?? '');
      expect(generated?.alpha3).toBe(row['ISO3166-1-Alpha-3']);
      expect(generated?.numeric).toBe((row['ISO3166-1-numeric'] ?? '').padStart(3, '0'));
      expect(generated?.nameEn).toBe(row['CLDR display name'] || row.official_name_en);
      expect(generated?.nameZh).toBe(row['UNTERM Chinese Short'] || row.official_name_cn);
      const listed = (row['ISO4217-currency_alphabetic_code'] ?? '').split(',')[0] || null;
      if (listed !== null) {
        expect(generated?.currency).toBe(listed);
      }
    }
  });

  it('hold every current currency of codes-all.csv, as read by the kernel parser', () => {
    const current = readTable('codes-all.csv').filter(
      (row) => row.WithdrawalDate === '' && row.AlphabeticCode !== '',
    );
    const codes = new Set(current.map((row) => row.AlphabeticCode));
    expect(codes.size).toBe(178);
    expect(ISO4217_ROWS.map((row) => row.code)).toEqual([...codes].sort());
    for (const row of current) {
      const generated = ISO4217_ROWS.find((currency) => currency.code === row.AlphabeticCode);
      expect(generated?.numeric).toBe((row.NumericCode ?? '').padStart(3, '0'));
      expect(generated?.minorUnit).toBe(row.MinorUnit === '-' ? null : Number(row.MinorUnit));
      expect(generated?.name).toBe(row.Currency);
    }
  });

  it('are sorted and unique', () => {
    const alpha2 = ISO3166_ROWS.map((row) => row.alpha2);
    expect(alpha2).toEqual([...new Set(alpha2)].sort());
    expect(new Set(ISO3166_ROWS.map((row) => row.alpha3)).size).toBe(alpha2.length);
    expect(new Set(ISO3166_ROWS.map((row) => row.numeric)).size).toBe(alpha2.length);
  });
});

describe('data files', () => {
  // Checksums as recorded in data/README.md and data/HS-README.md: the copies are byte-for-byte.
  it.each([
    ['country-codes.csv', '67b009b529330b0a6043551189f43faa785c9c3cc0011ad2bdb4eac876356c43'],
    ['codes-all.csv', 'c4b6829a966f0564e77dc6c2d100d268cce61b30f7637bf3d5ec626b0393407f'],
    ['harmonized-system.csv', 'e77ee9e1cfd15a42d1fadeb2c0618d10f6b9ed9aec0e5d66826dc7ef9d3126a5'],
  ])('%s has the documented SHA-256', (name, checksum) => {
    expect(sha256Hex(readFileSync(new URL(`../../data/${name}`, import.meta.url)))).toBe(checksum);
  });

  it('carry a licence file', () => {
    expect(dataFile('LICENSE')).toContain('ODC-PDDL-1.0');
  });
});
