import { codeListError } from './code-list-error.ts';
import { parseCsv } from './csv.ts';

/** Level of an HS code: 2 chapter, 4 heading, 6 subheading. */
export type HsLevel = 2 | 4 | 6;

/** One chapter, heading or subheading of the Harmonized System. */
export type HsEntry = {
  readonly code: string;
  readonly description: string;
  readonly level: HsLevel;
  /** The chapter or heading this entry belongs to; null for chapters. */
  readonly parent: string | null;
  /** HS section in Roman numerals (`I`-`XXI`). */
  readonly section: string;
};

/** Read-only lookup and search over one edition of the HS nomenclature. */
export type HsIndex = {
  readonly size: number;
  /** The entry with this 2-, 4- or 6-digit code, or undefined. */
  lookup(code: string): HsEntry | undefined;
  /** The headings of a chapter or the subheadings of a heading; the chapters when no code is given. */
  children(code?: string): readonly HsEntry[];
  /** Entries whose code starts with a digit query, or whose description holds every word of a text query. */
  search(query: string, limit?: number): HsEntry[];
  /** True when `code` is six digits and a subheading of this edition. */
  isValidHs6(code: string): boolean;
};

const HS_CODE_PATTERN = /^(?:\d{2}|\d{4}|\d{6})$/;
const REQUIRED_COLUMNS = ['section', 'hscode', 'description', 'parent', 'level'] as const;
const LIST = 'HS CSV';
const DEFAULT_SEARCH_LIMIT = 20;

/** True when `code` has the shape of an HS chapter, heading or subheading: 2, 4 or 6 digits. */
export function isHsCodeFormat(code: string): boolean {
  return HS_CODE_PATTERN.test(code);
}

/** The digits of an HS code as people write it (`0101.21`, `8471 30`), without separators. */
export function normalizeHsCode(input: string): string {
  return input.replace(/[\s.]/g, '');
}

type IndexedEntry = { entry: HsEntry; searchText: string };

function columnIndexes(header: readonly string[]): Record<(typeof REQUIRED_COLUMNS)[number], number> {
  const indexes = REQUIRED_COLUMNS.map((column) => {
    const index = header.indexOf(column);
    if (index < 0) {
      throw codeListError(LIST, 1, `the header has no ${column} column`);
    }
    return [column, index] as const;
  });
  return Object.fromEntries(indexes) as Record<(typeof REQUIRED_COLUMNS)[number], number>;
}

function toEntry(cells: readonly string[], columns: ReturnType<typeof columnIndexes>, row: number): HsEntry {
  const cell = (column: keyof typeof columns): string => cells[columns[column]] ?? '';
  const code = cell('hscode');
  if (!isHsCodeFormat(code)) {
    throw codeListError(LIST, row, `${JSON.stringify(code)} is not a 2, 4 or 6 digit HS code`);
  }
  if (cell('level') !== String(code.length)) {
    throw codeListError(
      LIST,
      row,
      `level ${cell('level')} does not match the ${code.length}-digit code ${code}`,
    );
  }
  const parent = code.length === 2 ? null : code.slice(0, -2);
  if (cell('parent') !== (parent ?? 'TOTAL')) {
    throw codeListError(LIST, row, `parent ${cell('parent')} of ${code} should be ${parent ?? 'TOTAL'}`);
  }
  return {
    code,
    description: cell('description'),
    level: code.length as HsLevel,
    parent,
    section: cell('section'),
  };
}

type RowEntry = { entry: HsEntry; row: number };

function readEntries(text: string): RowEntry[] {
  const [header = [], ...rows] = parseCsv(text);
  const columns = columnIndexes(header);
  const entries: RowEntry[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== header.length) {
      throw codeListError(LIST, row, `${cells.length} cells where the header has ${header.length}`);
    }
    // TOTAL is UN Comtrade's root row, not part of the nomenclature.
    if (cells[columns.hscode] !== 'TOTAL') {
      entries.push({ entry: Object.freeze(toEntry(cells, columns, row)), row });
    }
  });
  return entries;
}

function indexByCode(entries: readonly RowEntry[]): Map<string, HsEntry> {
  const byCode = new Map<string, HsEntry>();
  for (const { entry, row } of entries) {
    if (byCode.has(entry.code)) {
      throw codeListError(LIST, row, `${entry.code} appears twice`);
    }
    byCode.set(entry.code, entry);
  }
  return byCode;
}

function indexChildren(
  entries: readonly RowEntry[],
  byCode: ReadonlyMap<string, HsEntry>,
): Map<string, HsEntry[]> {
  const children = new Map<string, HsEntry[]>();
  for (const { entry, row } of entries) {
    if (entry.parent !== null && !byCode.has(entry.parent)) {
      throw codeListError(LIST, row, `${entry.code} belongs to ${entry.parent}, which is not in the file`);
    }
    const siblings = children.get(entry.parent ?? '') ?? [];
    siblings.push(entry);
    children.set(entry.parent ?? '', siblings);
  }
  return children;
}

function scoreDescription(searchText: string, words: readonly string[]): number {
  let score = 0;
  for (const word of words) {
    const at = searchText.indexOf(word);
    if (at < 0) {
      return -1;
    }
    // A word that starts a word of the description ranks above one found inside another word.
    score += at === 0 || !/[a-z0-9]/.test(searchText.charAt(at - 1)) ? 2 : 1;
  }
  return score;
}

function searchEntries(indexed: readonly IndexedEntry[], query: string, limit: number): HsEntry[] {
  const digits = normalizeHsCode(query.trim());
  if (/^\d{1,6}$/.test(digits)) {
    return indexed
      .filter(({ entry }) => entry.code.startsWith(digits))
      .slice(0, limit)
      .map(({ entry }) => entry);
  }
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) {
    return [];
  }
  return indexed
    .map(({ entry, searchText }) => ({ entry, score: scoreDescription(searchText, words) }))
    .filter(({ score }) => score >= 0)
    .sort((a, b) => b.score - a.score || (a.entry.code < b.entry.code ? -1 : 1))
    .slice(0, limit)
    .map(({ entry }) => entry);
}

/**
 * Builds an HsIndex from the Harmonized System CSV (`section,hscode,description,parent,level`, as in
 * `data/harmonized-system.csv`). Codes are read as text, so leading zeros stay. Throws AppError
 * `kernel.invalid_code_list` (or `kernel.invalid_csv`) when a row breaks the code tree.
 */
export function parseHsCsv(text: string): HsIndex {
  const entries = readEntries(text);
  const byCode = indexByCode(entries);
  const children = indexChildren(entries, byCode);
  const indexed = entries.map(({ entry }) => ({ entry, searchText: entry.description.toLowerCase() }));
  return {
    size: entries.length,
    lookup: (code) => byCode.get(code),
    children: (code) => children.get(code ?? '') ?? [],
    search: (query, limit = DEFAULT_SEARCH_LIMIT) => searchEntries(indexed, query, Math.max(0, limit)),
    isValidHs6: (code) => /^\d{6}$/.test(code) && byCode.has(code),
  };
}
