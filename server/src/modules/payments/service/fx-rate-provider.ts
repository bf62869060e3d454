import { parseCsv } from '@tradehub/kernel';

/** One rate a provider offers: units of `to` per unit of `from`, as a decimal string. */
export type ProvidedRate = { from: string; to: string; rate: string; source: string };

/** Where FX rates come from: operator entry over HTTP, a CSV file, or a market-data adapter. */
export type FxRateProvider = { name: string; rates: () => Promise<ProvidedRate[]> };

/**
 * Rates from a CSV text with the header `from,to,rate` (e.g. a bank's daily rate sheet). Rates
 * stay decimal strings; they are parsed into scaled integers when a quote is stored.
 */
export const csvFxRateProvider = (name: string, csv: string): FxRateProvider => ({
  name,
  rates: async () => {
    const [header, ...rows] = parseCsv(csv);
    const column = (label: string) => header?.findIndex((cell) => cell.trim().toLowerCase() === label) ?? -1;
    const [from, to, rate] = [column('from'), column('to'), column('rate')];
    if (from < 0 || to < 0 || rate < 0) {
      throw new Error(`${name}: the CSV needs the columns from,to,rate`);
    }
    return rows
      .filter((row) => row.some((cell) => cell.trim() !== ''))
      .map((row) => ({
        from: (row[from] ?? '').trim().toUpperCase(),
        to: (row[to] ?? '').trim().toUpperCase(),
        rate: (row[rate] ?? '').trim(),
        source: name,
      }));
  },
});
