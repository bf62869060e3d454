#!/usr/bin/env node
// Generates packages/kernel/src/codes/iso3166.generated.ts and iso4217.generated.ts from the CSV files in
// packages/kernel/data. Plain Node, no dependencies, so it runs before anything is built.
//
//   node scripts/generate-code-tables.mjs           write the tables
//   node scripts/generate-code-tables.mjs --check   exit 1 when the committed tables are stale
//
// The output is laid out the way Biome formats it, so `biome check` passes on the generated files.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const KERNEL = new URL('../packages/kernel/', import.meta.url);
const LINE_WIDTH = 110;

// RFC 4180. Deliberately a separate implementation from the kernel's parseCsv: the kernel test that
// re-parses the CSV with parseCsv then cross-checks both parsers.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (c === '"') {
      if (field !== '') {
        throw new Error(`CSV: quote inside an unquoted field at offset ${i}`);
      }
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      endRow();
    } else {
      field += c;
    }
  }
  if (quoted) {
    throw new Error('CSV: a quoted field is not closed');
  }
  if (field !== '' || row.length > 0) {
    endRow();
  }
  return rows;
}

function readTable(name) {
  const [header, ...rows] = parseCsv(readFileSync(new URL(`data/${name}`, KERNEL), 'utf8'));
  return rows.map((cells) => {
    if (cells.length !== header.length) {
      throw new Error(`${name}: a row has ${cells.length} cells, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((column, i) => [column, cells[i]]));
  });
}

const padNumeric = (value) => (value === '' ? '' : value.padStart(3, '0'));

// Entity names in codes-all.csv are upper case with diacritics (TÜRKİYE); this makes them comparable.
const normaliseName = (name) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/\s*\(THE\)\s*/g, ' ')
    .trim();

function currentCurrencies() {
  const byCode = new Map();
  for (const row of readTable('codes-all.csv')) {
    if (row.WithdrawalDate !== '' || row.AlphabeticCode === '') {
      continue;
    }
    const currency = byCode.get(row.AlphabeticCode) ?? {
      code: row.AlphabeticCode,
      numeric: padNumeric(row.NumericCode),
      minorUnit: row.MinorUnit === '-' ? null : Number(row.MinorUnit),
      name: row.Currency,
      entities: [],
    };
    currency.entities.push(normaliseName(row.Entity));
    byCode.set(currency.code, currency);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

// The first listed current currency; when country-codes.csv has none (Türkiye in this release), the
// currency that codes-all.csv gives for an entity with the country's name.
function primaryCurrency(row, currencies) {
  const current = new Set(currencies.map((c) => c.code));
  const listed = row['ISO4217-currency_alphabetic_code'].split(',').filter((code) => current.has(code));
  if (listed.length > 0) {
    return listed[0];
  }
  const names = [row['ISO4217-currency_country_name'], row.official_name_en, row['CLDR display name']]
    .filter((name) => name !== '')
    .map(normaliseName);
  const match = currencies.find((c) => c.entities.some((entity) => names.includes(entity)));
  return match ? match.code : null;
}

function countries(currencies) {
  return readTable('country-codes.csv')
    .map((row) => ({
      alpha2: row['ISO3166-1-Alpha-2'],
      alpha3: row['ISO3166-1-Alpha-3'],
      numeric: padNumeric(row['ISO3166-1-numeric']),
      nameEn: row['CLDR display name'] || row.official_name_en,
      nameZh: row['UNTERM Chinese Short'] || row.official_name_cn,
      currency: primaryCurrency(row, currencies),
    }))
    .sort((a, b) => (a.alpha2 < b.alpha2 ? -1 : 1));
}

// Biome keeps single quotes unless the text holds a single quote and no double quote.
function literal(value) {
  if (value === null || typeof value === 'number') {
    return String(value);
  }
  if (value.includes("'") && !value.includes('"')) {
    return `"${value.replaceAll('\\', '\\\\')}"`;
  }
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

// Wide (CJK) characters take two columns in Biome's line width; counting every character from U+1100 up
// as wide can only break a line Biome would have kept, which Biome then leaves alone.
const displayWidth = (text) =>
  [...text].reduce((width, char) => width + (/[\u1100-\uffdc]/u.test(char) ? 2 : 1), 0);

function objectLiteral(record) {
  const members = Object.entries(record).map(([key, value]) => `${key}: ${literal(value)}`);
  const oneLine = `  { ${members.join(', ')} },`;
  if (displayWidth(oneLine) <= LINE_WIDTH) {
    return oneLine;
  }
  return ['  {', ...members.map((member) => `    ${member},`), '  },'].join('\n');
}

function module(header, typeName, typeBody, constName, constDoc, records) {
  return [
    ...header.map((line) => `// ${line}`),
    '',
    `/** ${typeBody.doc} */`,
    `export type ${typeName} = {`,
    ...typeBody.fields.map((field) => `  ${field};`),
    '};',
    '',
    `/** ${constDoc} */`,
    `export const ${constName}: readonly ${typeName}[] = [`,
    ...records.map(objectLiteral),
    '];',
    '',
  ].join('\n');
}

const HEADER = [
  'Generated by scripts/generate-code-tables.mjs from packages/kernel/data/country-codes.csv and',
  'codes-all.csv (ODC-PDDL-1.0, see packages/kernel/data/LICENSE). Do not edit by hand: run',
  '`node scripts/generate-code-tables.mjs`; a kernel test fails when this file is stale.',
];

export function generate() {
  const currencies = currentCurrencies();
  const iso4217 = module(
    HEADER,
    'Iso4217Row',
    {
      doc: 'One current ISO 4217 currency or fund; `minorUnit` is null where ISO gives none (gold, SDR).',
      fields: ['code: string', 'numeric: string', 'minorUnit: number | null', 'name: string'],
    },
    'ISO4217_ROWS',
    'Current ISO 4217 currencies and funds (no withdrawal date), sorted by code.',
    currencies.map(({ entities, ...currency }) => currency),
  );
  const iso3166 = module(
    HEADER,
    'Iso3166Row',
    {
      doc: 'One ISO 3166-1 country or territory; `currency` is its primary ISO 4217 currency, if any.',
      fields: [
        'alpha2: string',
        'alpha3: string',
        'numeric: string',
        'nameEn: string',
        'nameZh: string',
        'currency: string | null',
      ],
    },
    'ISO3166_ROWS',
    'ISO 3166-1 countries and territories, sorted by alpha-2 code.',
    countries(currencies),
  );
  return { 'iso3166.generated.ts': iso3166, 'iso4217.generated.ts': iso4217 };
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, content] of Object.entries(generate())) {
    const url = new URL(`src/codes/${name}`, KERNEL);
    let current = null;
    try {
      current = readFileSync(url, 'utf8');
    } catch {
      current = null;
    }
    if (current === content) {
      console.log(`${name}: up to date`);
    } else if (check) {
      console.error(`${name}: stale; run node scripts/generate-code-tables.mjs`);
      stale++;
    } else {
      writeFileSync(url, content);
      console.log(`${name}: written (${content.split('\n').length} lines)`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main();
}
