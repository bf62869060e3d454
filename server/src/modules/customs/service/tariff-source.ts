import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { parseTariffCsv, type TariffRow, type TariffTable, tariffTable } from '../domain/tax/tariff.ts';

/** The tariff in force and where it came from (the board shows it). */
export type TariffInForce = { table: TariffTable; source: 'imported' | 'illustrative_sample'; lines: number };

const sample = (): TariffTable =>
  parseTariffCsv(readFileSync(new URL('../data/tariff-sample.csv', import.meta.url), 'utf8'));

/** The operator's imported tariff, or the shipped illustrative sample while none is imported. */
export const loadTariff = async (db: Database): Promise<TariffInForce> => {
  const rows = await sql<{
    hs_code: string;
    mfn_duty_rate: string;
    vat_rate: string;
    consumption_tax_rate: string;
    description_zh: string | null;
    description_en: string | null;
  }>`select hs_code, mfn_duty_rate, vat_rate, consumption_tax_rate, description_zh, description_en
     from customs.tariff_lines order by hs_code`.execute(db.kysely);
  if (rows.rows.length === 0) {
    const table = sample();
    return { table, source: 'illustrative_sample', lines: table.rows.length };
  }
  const table = tariffTable(
    rows.rows.map(
      (row): TariffRow => ({
        hsCode: row.hs_code,
        mfnDutyRate: row.mfn_duty_rate,
        vatRate: row.vat_rate,
        consumptionTaxRate: row.consumption_tax_rate,
        ...(row.description_zh === null ? {} : { descriptionZh: row.description_zh }),
        ...(row.description_en === null ? {} : { descriptionEn: row.description_en }),
      }),
    ),
  );
  return { table, source: 'imported', lines: table.rows.length };
};

/**
 * Replaces the tariff with the lines of an operator's CSV, all or nothing: a file with one bad row
 * is refused whole (AppError customs.invalid_tariff, each problem with its line and column).
 */
export const importTariff = async (db: Database, csv: string, now: Date): Promise<{ lines: number }> => {
  const table = parseTariffCsv(csv);
  await db.transaction(async (trx) => {
    await sql`delete from customs.tariff_lines`.execute(trx);
    for (let start = 0; start < table.rows.length; start += 500) {
      const values = table.rows.slice(start, start + 500).map(
        (row) =>
          sql`(${row.hsCode}, ${row.mfnDutyRate}, ${row.vatRate}, ${row.consumptionTaxRate},
              ${row.descriptionZh ?? null}, ${row.descriptionEn ?? null}, ${now})`,
      );
      await sql`insert into customs.tariff_lines (hs_code, mfn_duty_rate, vat_rate, consumption_tax_rate,
          description_zh, description_en, imported_at)
        values ${sql.join(values)}`.execute(trx);
    }
  });
  return { lines: table.rows.length };
};
