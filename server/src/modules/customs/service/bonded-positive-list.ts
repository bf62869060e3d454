import { readFileSync } from 'node:fs';
import type { FieldError } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import {
  linesOffPositiveList,
  type PositiveList,
  parsePositiveListCsv,
  positiveList,
} from '../domain/bonded/positive-list.ts';
import type { CebRecord } from '../formats/ceb/index.ts';

// The positive list in force: the operator's import (customs.positive_list_lines), or the shipped
// illustrative sample while none is imported. Read from the database at each check, so an import
// takes effect at once on every node (unlike the tariff, which is loaded at start).

let sampleCache: PositiveList | undefined;
const sample = (): PositiveList => {
  sampleCache ??= parsePositiveListCsv(
    readFileSync(new URL('../data/positive-list-sample.csv', import.meta.url), 'utf8'),
  );
  return sampleCache;
};

const list = (value: unknown): CebRecord[] =>
  Array.isArray(value)
    ? value
    : value !== undefined && value !== null && typeof value === 'object'
      ? [value as CebRecord]
      : [];

/** The inventory's lines the positive list in force does not cover (empty: all on the list). */
export const positiveListFindings = async (trx: Executor, inventory: CebRecord): Promise<FieldError[]> => {
  const lines = list(inventory.InventoryList).map((line) => ({
    gnum: String(line.gnum ?? ''),
    gcode: typeof line.gcode === 'string' ? line.gcode.trim() : '',
  }));
  const codes = [...new Set(lines.flatMap((line) => [line.gcode, line.gcode.slice(0, 8)]))];
  const found = (
    await sql<{ hs_code: string; imported: boolean }>`
      select hs_code, true as imported from customs.positive_list_lines where hs_code in (${sql.join(codes)})
      union all
      select '', false where not exists (select 1 from customs.positive_list_lines)`.execute(trx)
  ).rows;
  const imported = found.every((row) => row.imported);
  const table = imported ? positiveList(found.map((row) => ({ hsCode: row.hs_code }))) : sample();
  return linesOffPositiveList(table, lines);
};

export type PositiveListStatus = {
  source: 'imported' | 'illustrative_sample';
  lines: number;
  importedAt: string | null;
  fileName: string | null;
};

export const positiveListStatus = async (db: Database): Promise<PositiveListStatus> => {
  const last = (
    await sql<{ lines: number; file_name: string | null; imported_at: Date }>`
      select lines, file_name, imported_at from customs.positive_list_imports order by id desc limit 1`.execute(
      db.kysely,
    )
  ).rows[0];
  const count = Number(
    (await sql<{ n: string }>`select count(*)::text as n from customs.positive_list_lines`.execute(db.kysely))
      .rows[0]?.n ?? 0,
  );
  if (count === 0 || last === undefined) {
    return { source: 'illustrative_sample', lines: sample().rows.length, importedAt: null, fileName: null };
  }
  return {
    source: 'imported',
    lines: count,
    importedAt: new Date(last.imported_at).toISOString(),
    fileName: last.file_name,
  };
};

/**
 * Replaces the positive list with an operator's CSV, all or nothing (AppError
 * customs.invalid_positive_list with each bad line). `progress` is told after each chunk written.
 */
export const importPositiveList = async (
  db: Database,
  csv: string,
  options: {
    now: Date;
    fileName?: string;
    progress?: (done: number, total: number) => void;
    audit?: (trx: Executor) => Promise<void>;
  },
): Promise<{ lines: number }> => {
  const table = parsePositiveListCsv(csv);
  const rows = table.rows;
  await db.transaction(async (trx) => {
    await sql`delete from customs.positive_list_lines`.execute(trx);
    for (let start = 0; start < rows.length; start += 500) {
      const values = rows
        .slice(start, start + 500)
        .map((row) => sql`(${row.hsCode}, ${row.remark ?? null}, ${options.now})`);
      await sql`insert into customs.positive_list_lines (hs_code, remark, imported_at) values ${sql.join(values)}`.execute(
        trx,
      );
      options.progress?.(Math.min(start + 500, rows.length), rows.length);
    }
    await sql`insert into customs.positive_list_imports (lines, file_name, imported_at)
      values (${rows.length}, ${options.fileName ?? null}, ${options.now})`.execute(trx);
    await options.audit?.(trx);
  });
  return { lines: rows.length };
};
