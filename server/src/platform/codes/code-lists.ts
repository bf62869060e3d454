import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  checkUnlocode,
  type HsIndex,
  parseHsCsv,
  parseUnlocodeCsv,
  type UnlocodeEntry,
  UnlocodeIndex,
} from '@tradehub/kernel';
import type { Executor } from '../access/index.ts';

type UnlocodeRow = {
  code: string;
  country: string;
  location: string;
  name: string;
  name_ascii: string;
  subdivision: string | null;
  functions: string;
  status: string | null;
  latitude: string | null;
  longitude: string | null;
  source: string;
};
type CodesTables = { 'codes.unlocode_entries': UnlocodeRow };

export const codesTables = (ex: Executor) => ex.withTables<CodesTables>();

const kernelDataFile = (name: string) => fileURLToPath(import.meta.resolve(`@tradehub/kernel/data/${name}`));

export type CodeLists = {
  unlocodes: UnlocodeIndex;
  hs: HsIndex;
  /** verified: in the list; unverified: well-formed, country not loaded; invalid otherwise. */
  checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
};

const entryOfRow = (row: UnlocodeRow): UnlocodeEntry => ({
  code: row.code,
  country: row.country,
  location: row.location,
  name: row.name,
  nameAscii: row.name_ascii,
  subdivision: row.subdivision ?? '',
  functions: row.functions,
  status: row.status ?? '',
  coordinates:
    row.latitude !== null && row.longitude !== null
      ? { lat: Number(row.latitude), lon: Number(row.longitude) }
      : null,
});

/**
 * Loads the code lists once at start-up: the shipped UN/LOCODE subset and HS 2022 from the kernel's
 * data files, then any UN/LOCODE entries an operator imported into the database.
 */
// The shipped files never change while the process runs, so they are read and parsed once per
// process however many hubs it builds (the tests build several); only the database part differs.
let shipped: Promise<{ unlocodeEntries: UnlocodeEntry[]; hs: HsIndex }> | undefined;

const loadShippedCodeLists = () => {
  shipped ??= Promise.all([
    readFile(kernelDataFile('unlocode-subset.csv'), 'utf8'),
    readFile(kernelDataFile('harmonized-system.csv'), 'utf8'),
  ]).then(([unlocodeCsv, hsCsv]) => ({
    unlocodeEntries: parseUnlocodeCsv(unlocodeCsv),
    hs: parseHsCsv(hsCsv),
  }));
  return shipped;
};

export const loadCodeLists = async (ex: Executor): Promise<CodeLists> => {
  const [{ unlocodeEntries, hs }, imported] = await Promise.all([
    loadShippedCodeLists(),
    codesTables(ex).selectFrom('codes.unlocode_entries').selectAll().execute(),
  ]);
  const unlocodes = new UnlocodeIndex();
  unlocodes.add(unlocodeEntries);
  unlocodes.add(imported.map(entryOfRow));

  return {
    unlocodes,
    hs,
    checkUnlocode: (code) => {
      const result = checkUnlocode(code, unlocodes);
      return result.status === 'invalid' ? 'invalid' : result.status;
    },
  };
};
