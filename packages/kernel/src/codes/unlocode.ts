import { codeListError } from './code-list-error.ts';
import { isCountryCode } from './countries.ts';
import { parseCsv } from './csv.ts';

/** A position in decimal degrees, north and east positive. */
export type UnlocodeCoordinates = { readonly lat: number; readonly lon: number };

/** One UN/LOCODE location; `code` is country + location, e.g. `NLRTM`. */
export type UnlocodeEntry = {
  readonly code: string;
  readonly country: string;
  readonly location: string;
  readonly name: string;
  /** The name without diacritics. */
  readonly nameAscii: string;
  /** ISO 3166-2 subdivision suffix, or '' when there is none. */
  readonly subdivision: string;
  /** The 8-position function classifier, e.g. `1--45---`; see unlocodeFunctions. */
  readonly functions: string;
  /** Two-letter status such as `AI` (recognised by an international organisation), or ''. */
  readonly status: string;
  /** IATA code, present only where it differs from the location code. */
  readonly iata?: string;
  readonly coordinates: UnlocodeCoordinates | null;
};

/** What a location is used for, from the positions of the function classifier. */
export type UnlocodeFunction =
  | 'port'
  | 'rail'
  | 'road'
  | 'airport'
  | 'postal'
  | 'inland_port'
  | 'fixed_transport'
  | 'border_crossing';

/** Options of UnlocodeIndex.search. */
export type UnlocodeSearchOptions = { country?: string; limit?: number };

/** Result of checkUnlocode; `unverified` means well-formed, but the data for its country is not loaded. */
export type UnlocodeCheck =
  | { readonly status: 'verified'; readonly entry: UnlocodeEntry }
  | { readonly status: 'unverified'; readonly code: string }
  | { readonly status: 'invalid'; readonly reason: 'format' | 'unknown_country' | 'not_found' };

// Position i of the classifier holds this character when the location has that function.
const FUNCTION_MARKS: readonly [string, UnlocodeFunction][] = [
  ['1', 'port'],
  ['2', 'rail'],
  ['3', 'road'],
  ['4', 'airport'],
  ['5', 'postal'],
  ['6', 'inland_port'],
  ['7', 'fixed_transport'],
  ['B', 'border_crossing'],
];
const SUBSET_COLUMNS = [
  'Change',
  'Country',
  'Location',
  'Name',
  'NameWoDiacritics',
  'Subdivision',
  'Status',
  'Function',
  'Date',
  'IATA',
  'Coordinates',
  'Remarks',
] as const;
// The UNECE release files have no header and put Function before Status.
const UNECE_COLUMNS = [
  ...SUBSET_COLUMNS.slice(0, 6),
  'Function',
  'Status',
  ...SUBSET_COLUMNS.slice(8),
] as const;
type Column = (typeof SUBSET_COLUMNS)[number];

const COORDINATES_PATTERN = /^(\d{2})(\d{2})([NS]) (\d{3})(\d{2})([EW])$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const LOCATION_PATTERN = /^[A-Z2-9]{3}$/;
const UNLOCODE_PATTERN = /^[A-Z]{2}[A-Z2-9]{3}$/;
const DEFAULT_SEARCH_LIMIT = 20;

/** The functions named by a classifier such as `1--45---` (port, airport, postal). */
export function unlocodeFunctions(functions: string): UnlocodeFunction[] {
  return FUNCTION_MARKS.filter(([mark], i) => functions.charAt(i) === mark).map(([, name]) => name);
}

function toDegrees(degrees: string, minutes: string, negative: boolean): number {
  const value = Math.round((Number(degrees) + Number(minutes) / 60) * 1e6) / 1e6;
  return negative ? -value : value;
}

/**
 * Decimal degrees from UN/LOCODE's `DDMMN DDDMME` (`5155N 00430E` is 51.916667, 4.5), or null when
 * empty or malformed. Minutes of 60 or more occur in the UNECE data; they are carried into the
 * degrees rather than dropped. Positions beyond 90° latitude or 180° longitude are null.
 */
export function parseUnlocodeCoordinates(text: string): UnlocodeCoordinates | null {
  const match = COORDINATES_PATTERN.exec(text.trim());
  if (match === null) {
    return null;
  }
  const [, latDegrees = '', latMinutes = '', ns = '', lonDegrees = '', lonMinutes = '', ew = ''] = match;
  const lat = toDegrees(latDegrees, latMinutes, ns === 'S');
  const lon = toDegrees(lonDegrees, lonMinutes, ew === 'W');
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

function toEntry(field: (column: Column) => string, list: string, row: number): UnlocodeEntry | null {
  const country = field('Country');
  const location = field('Location');
  // Rows without a location are the ".COUNTRY NAME" headers and "=" cross-references ("Peking = Beijing");
  // X marks entries due for removal.
  if (location === '' || field('Change').toUpperCase() === 'X') {
    return null;
  }
  if (!COUNTRY_PATTERN.test(country) || !LOCATION_PATTERN.test(location)) {
    throw codeListError(list, row, `${JSON.stringify(`${country} ${location}`)} is not a UN/LOCODE`);
  }
  return Object.freeze({
    code: country + location,
    country,
    location,
    name: field('Name'),
    nameAscii: field('NameWoDiacritics') || field('Name'),
    subdivision: field('Subdivision'),
    functions: field('Function'),
    status: field('Status'),
    ...(field('IATA') === '' ? {} : { iata: field('IATA') }),
    coordinates: parseUnlocodeCoordinates(field('Coordinates')),
  });
}

function rowsToEntries(
  rows: readonly string[][],
  columns: readonly Column[],
  list: string,
  firstRow: number,
): UnlocodeEntry[] {
  const entries: UnlocodeEntry[] = [];
  rows.forEach((cells, i) => {
    const row = firstRow + i;
    if (cells.length === 1 && cells[0] === '') {
      return;
    }
    if (cells.length !== columns.length) {
      throw codeListError(list, row, `${cells.length} cells instead of ${columns.length}`);
    }
    const entry = toEntry((column) => cells[columns.indexOf(column)] ?? '', list, row);
    if (entry !== null) {
      entries.push(entry);
    }
  });
  return entries;
}

/**
 * Entries of a CSV in the layout of `data/unlocode-subset.csv` (and `datasets/un-locode`): a header row
 * `Change,Country,Location,Name,NameWoDiacritics,Subdivision,Status,Function,Date,IATA,Coordinates,Remarks`.
 * Throws AppError `kernel.invalid_code_list` or `kernel.invalid_csv`.
 */
export function parseUnlocodeCsv(text: string): UnlocodeEntry[] {
  const [header = [], ...rows] = parseCsv(text);
  if (header.join(',') !== SUBSET_COLUMNS.join(',')) {
    throw codeListError('UN/LOCODE CSV', 1, `the header must be ${SUBSET_COLUMNS.join(',')}`);
  }
  return rowsToEntries(rows, SUBSET_COLUMNS, 'UN/LOCODE CSV', 2);
}

/**
 * Entries of one part of the official UNECE release CSV (`2024-2 UNLOCODE CodeListPart1.csv`): no
 * header, Function before Status. Country header rows and entries marked X are skipped. The UNECE
 * files are Windows-1252, so decode them (TextDecoder('windows-1252')) before calling this.
 */
export function parseUnecePartCsv(text: string): UnlocodeEntry[] {
  return rowsToEntries(parseCsv(text), UNECE_COLUMNS, 'UNECE UN/LOCODE CSV', 1);
}

// Lower case without diacritics, so "sao paulo" finds "São Paulo".
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A UN/LOCODE as people write it (`nl rtm`, `NL RTM`) in its 5-character form (`NLRTM`). */
export function normalizeUnlocode(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/^([A-Z]{2}) ([A-Z2-9]{3})$/, '$1$2');
}

type Indexed = { entry: UnlocodeEntry; names: string };
type Query = { code: string; folded: string; country: string | undefined };

// 0 exact code, 1 code prefix, 2 name prefix, 3 name word prefix, 4 name substring, -1 no match.
// `names` holds the folded name and the folded ASCII name separated by a line break.
function rank({ entry, names }: Indexed, query: Query): number {
  if (entry.code === query.code) {
    return 0;
  }
  const isCodePrefix = query.code.length >= 2 && entry.code.startsWith(query.code);
  const isLocationPrefix = query.country !== undefined && entry.location.startsWith(query.code);
  if (/^[A-Z2-9]+$/.test(query.code) && (isCodePrefix || isLocationPrefix)) {
    return 1;
  }
  const at = names.indexOf(query.folded);
  if (at < 0) {
    return -1;
  }
  const before = names.charAt(at - 1);
  if (at === 0 || before === '\n') {
    return 2;
  }
  return /[\s\-/(,]/.test(before) ? 3 : 4;
}

function searchIndexed(
  items: readonly Indexed[],
  text: string,
  options: UnlocodeSearchOptions,
): UnlocodeEntry[] {
  const limit = Math.max(0, options.limit ?? DEFAULT_SEARCH_LIMIT);
  const query: Query = {
    code: normalizeUnlocode(text).replace(/\s/g, ''),
    folded: fold(text.trim()),
    country: options.country,
  };
  const inCountry = items.filter(
    ({ entry }) => options.country === undefined || entry.country === options.country,
  );
  if (query.folded === '') {
    return options.country === undefined ? [] : inCountry.slice(0, limit).map(({ entry }) => entry);
  }
  return inCountry
    .map((item) => ({ item, score: rank(item, query) }))
    .filter(({ score }) => score >= 0)
    .sort((a, b) => a.score - b.score || compareMatches(a.item, b.item, a.score))
    .slice(0, limit)
    .map(({ item }) => item.entry);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Code matches read best in code order, name matches in name order.
function compareMatches(a: Indexed, b: Indexed, score: number): number {
  const byCode = compareText(a.entry.code, b.entry.code);
  const byName = compareText(a.names, b.names);
  return score <= 1 ? byCode || byName : byName || byCode;
}

/** A growing set of UN/LOCODE entries with lookup by code and search by code or name. */
export class UnlocodeIndex {
  private readonly byCode = new Map<string, UnlocodeEntry[]>();
  private readonly items: Indexed[] = [];
  private readonly countrySet = new Set<string>();

  /** An index holding `entries`. */
  constructor(entries: readonly UnlocodeEntry[] = []) {
    this.add(entries);
  }

  /** How many entries the index holds. */
  get size(): number {
    return this.items.length;
  }

  /** Adds entries; an entry already present with the same code and name is ignored. */
  add(entries: readonly UnlocodeEntry[]): void {
    for (const entry of entries) {
      const same = this.byCode.get(entry.code) ?? [];
      if (!same.some((other) => other.name === entry.name)) {
        this.byCode.set(entry.code, [...same, entry]);
        this.items.push({ entry, names: `${fold(entry.name)}\n${fold(entry.nameAscii)}` });
        this.countrySet.add(entry.country);
      }
    }
  }

  /** The first entry with this 5-character code, or undefined. */
  lookup(code: string): UnlocodeEntry | undefined {
    return this.byCode.get(code)?.[0];
  }

  /** Every entry with this code: UN/LOCODE lists some places twice, under alternative names. */
  lookupAll(code: string): readonly UnlocodeEntry[] {
    return this.byCode.get(code) ?? [];
  }

  /**
   * Entries matching a code (`NLRTM`, `NL RTM`, a prefix such as `NLR`, or with `country` a location
   * prefix such as `RT`) or a name, case- and diacritic-insensitively; exact codes first, then code
   * prefixes, names starting with the query, words starting with it, and names containing it.
   */
  search(query: string, options: UnlocodeSearchOptions = {}): UnlocodeEntry[] {
    return searchIndexed(this.items, query, options);
  }

  /** The countries that have at least one entry, sorted. */
  countries(): string[] {
    return [...this.countrySet].sort();
  }

  /** True when the index has at least one entry for this country. */
  hasCountry(country: string): boolean {
    return this.countrySet.has(country);
  }
}

/**
 * Checks a UN/LOCODE against ISO 3166 and the loaded data: `verified` when the index has it;
 * `unverified` when it is well-formed but the index has no entries for its country (the data
 * shipped here covers some countries only); otherwise `invalid` with the reason.
 */
export function checkUnlocode(code: string, index: UnlocodeIndex): UnlocodeCheck {
  const normalized = normalizeUnlocode(code);
  if (!UNLOCODE_PATTERN.test(normalized)) {
    return { status: 'invalid', reason: 'format' };
  }
  const country = normalized.slice(0, 2);
  if (!isCountryCode(country)) {
    return { status: 'invalid', reason: 'unknown_country' };
  }
  const entry = index.lookup(normalized);
  if (entry !== undefined) {
    return { status: 'verified', entry };
  }
  return index.hasCountry(country)
    ? { status: 'invalid', reason: 'not_found' }
    : { status: 'unverified', code: normalized };
}
