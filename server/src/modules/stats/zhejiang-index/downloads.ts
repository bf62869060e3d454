import ExcelJS from 'exceljs';
import { zhejiangCities } from '../facts/dimensions.ts';
import type { RunResult } from './compute.ts';
import { POPULATION_SOURCE } from './indicators.ts';
import type { PublishedIndex } from './published-index.ts';

/**
 * The published index as a data table: per city its rank, index, rebased index, uncertainty band,
 * pillar scores, then every indicator's value and normalised score. Metadata rows come first and
 * say when the data are synthetic, so a copy of the file never passes for official statistics.
 */

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SYNTHETIC_NOTE =
  'SYNTHETIC DATA: demo figures, not official statistics / 合成数据：演示用数字，并非官方统计';

type Cell = string | number | null;

const cityNames = new Map(zhejiangCities.map((c) => [c.code as string, c]));

/** The metadata rows (label, value) above the table. */
const metadata = (index: PublishedIndex): Cell[][] => [
  ['Zhejiang Digital Trade Index / 浙江数字贸易指数', index.year],
  ['synthetic / 合成数据', index.synthetic ? `true — ${SYNTHETIC_NOTE}` : 'false'],
  ['spec / 指标体系', `${index.specId} v${index.specVersion}`],
  ['engine / 计算引擎', index.engine],
  ['base year (= 100) / 基期', index.baseYear],
  ['uncertainty seed, replications / 随机种子、模拟次数', `${index.seed}, ${index.runs}`],
  ['published / 发布', `${index.publishedAt} ${index.publishedBy}`],
  ['population / 人口', POPULATION_SOURCE],
];

/** The table's header and rows, one per city in rank order. */
export const indexTable = (
  index: PublishedIndex,
  result: RunResult,
): { header: string[]; rows: Cell[][] } => {
  const header = [
    'rank',
    'city_code',
    'city_en',
    'city_zh',
    'index',
    'rebased',
    'previous_rank',
    'median_rank',
    'rank_q05',
    'rank_q95',
    ...index.pillars.map((p) => `pillar_${p.id}`),
    ...index.indicators.map((i) => `value_${i.id}`),
    ...index.indicators.map((i) => `score_${i.id}`),
  ];
  const tableOf = new Map(result.table.map((t) => [t.city as string, t]));
  const rows = index.cities.map((city): Cell[] => {
    const t = tableOf.get(city.city);
    const names = cityNames.get(city.city);
    return [
      city.rank,
      city.city,
      names?.en ?? '',
      names?.zh ?? '',
      city.score,
      city.rebased,
      city.previousRank,
      city.uncertainty.medianRank,
      city.uncertainty.q05Rank,
      city.uncertainty.q95Rank,
      ...index.pillars.map((p) => t?.pillars[p.id] ?? null),
      ...index.indicators.map((i) => t?.raw[i.id] ?? null),
      ...index.indicators.map((i) => t?.normalised[i.id] ?? null),
    ];
  });
  return { header, rows };
};

const csvField = (value: Cell) => {
  if (value === null) {
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** UTF-8 CSV: metadata rows, an empty row, the table (RFC 4180, CRLF). */
export const indexCsv = (index: PublishedIndex, result: RunResult): string => {
  const { header, rows } = indexTable(index, result);
  return `${[...metadata(index), [], header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
};

/** The same as an XLSX workbook: sheet "Index" (metadata and table) and sheet "Indicators" (definitions). */
export const indexXlsx = async (index: PublishedIndex, result: RunResult): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  // A fixed creation date: the file depends on the published data only.
  workbook.created = new Date(index.publishedAt);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Index');
  for (const row of metadata(index)) {
    sheet.addRow(row);
  }
  if (index.synthetic) {
    sheet.getCell('A2').font = { bold: true, color: { argb: 'FFC00000' } };
    sheet.getCell('B2').font = { bold: true, color: { argb: 'FFC00000' } };
  }
  sheet.addRow([]);
  const { header, rows } = indexTable(index, result);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(row);
  }
  const definitions = workbook.addWorksheet('Indicators');
  definitions.addRow(['id', 'pillar', 'name_en', 'name_zh', 'unit_en', 'unit_zh']).font = { bold: true };
  for (const i of index.indicators) {
    definitions.addRow([i.id, i.pillar, i.nameEn, i.nameZh, i.unitEn, i.unitZh]);
  }
  definitions.addRow([]);
  definitions.addRow(['pillar', 'weight', 'name_en', 'name_zh']).font = { bold: true };
  for (const p of index.pillars) {
    definitions.addRow([p.id, p.weight, p.nameEn, p.nameZh]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
