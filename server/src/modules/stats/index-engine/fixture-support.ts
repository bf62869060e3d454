import { readFileSync } from 'node:fs';
import type { IndexRow } from './run-index.ts';

const fixtures = new URL('./fixtures/', import.meta.url);

/** A CSV as R's write.csv writes it (quoted strings, empty for NA), as records of strings. */
export const readCsv = (path: string): Record<string, string>[] => {
  const text = readFileSync(new URL(path, fixtures), 'utf8').trimEnd();
  const parse = (line: string) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i] as string;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (c === '"') {
          quoted = false;
        } else {
          cell += c;
        }
      } else if (c === '"') {
        quoted = true;
      } else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else {
        cell += c;
      }
    }
    cells.push(cell);
    return cells;
  };
  const [header, ...lines] = text.split('\n');
  const names = parse(header as string);
  return lines.map((line) => {
    const cells = parse(line);
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
};

/** A fixture number: empty is NA (NaN); R writes NaN and Inf as such. */
export const num = (text: string | undefined): number =>
  text === undefined || text === '' || text === 'NA' ? Number.NaN : Number(text);

export const indicatorCodes = [
  'exports_per_capita',
  'cbec_share',
  'platform_count',
  'digital_services_share',
  'data_centres',
  'broadband',
  'logistics_cost',
  'dispute_rate',
] as const;

/** The synthetic inputs (fixtures/inputs.csv) as engine rows. */
export const inputRows = (): IndexRow[] =>
  readCsv('inputs.csv').map((record) => ({
    unit: record.unit as string,
    year: Number(record.year),
    group: record.group,
    values: Object.fromEntries(
      indicatorCodes.map((code) => {
        const value = num(record[code]);
        return [code, Number.isNaN(value) ? null : value];
      }),
    ),
  }));

/** Equal within `tolerance`, relative to the size of the expected value (absolute near zero). */
export const close = (actual: number, expected: number, tolerance = 1e-9) =>
  (Number.isNaN(actual) && Number.isNaN(expected)) ||
  Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
