import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseUnecePartCsv, type UnlocodeEntry } from '@tradehub/kernel';
import type { Database } from '../db/index.ts';
import { codesTables } from './code-lists.ts';

export type ImportProgress = { file: string; done: number; total: number };

const batchSize = 1000;

// UNECE publishes its CSV parts in Windows-1252 (documented as Latin-1, but bytes such as 0x9C only
// make sense as CP1252). A file that is valid UTF-8 (a re-published copy) is read as UTF-8.
const decode = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
};

const rowOf = (entry: UnlocodeEntry, source: string) => ({
  code: entry.code,
  country: entry.country,
  location: entry.location,
  name: entry.name,
  name_ascii: entry.nameAscii,
  subdivision: entry.subdivision === '' ? null : entry.subdivision,
  functions: entry.functions,
  status: entry.status === '' ? null : entry.status,
  latitude: entry.coordinates === null ? null : entry.coordinates.lat.toFixed(6),
  longitude: entry.coordinates === null ? null : entry.coordinates.lon.toFixed(6),
  source,
});

/**
 * Loads official UNECE UN/LOCODE CSV parts into the database, replacing earlier imports of the same
 * codes. Each file commits as a whole, so a bad file leaves nothing half-loaded.
 */
export const importUnlocode = async (
  db: Database,
  files: readonly string[],
  onProgress: (progress: ImportProgress) => void,
) => {
  let imported = 0;
  for (const file of files) {
    const entries = parseUnecePartCsv(decode(await readFile(file)));
    const source = basename(file);
    await db.transaction(async (trx) => {
      for (let start = 0; start < entries.length; start += batchSize) {
        const rows = entries.slice(start, start + batchSize).map((entry) => rowOf(entry, source));
        // Alternative-name entries repeat a code within one file; the first one wins.
        const unique = [...new Map(rows.map((row) => [row.code, row])).values()];
        await codesTables(trx)
          .insertInto('codes.unlocode_entries')
          .values(unique)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              name_ascii: eb.ref('excluded.name_ascii'),
              subdivision: eb.ref('excluded.subdivision'),
              functions: eb.ref('excluded.functions'),
              status: eb.ref('excluded.status'),
              latitude: eb.ref('excluded.latitude'),
              longitude: eb.ref('excluded.longitude'),
              source: eb.ref('excluded.source'),
            })),
          )
          .execute();
        onProgress({
          file: source,
          done: Math.min(start + batchSize, entries.length),
          total: entries.length,
        });
      }
    });
    imported += entries.length;
  }
  return { imported };
};
