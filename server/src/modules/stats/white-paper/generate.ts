import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { loadPublishedIndex } from '../zhejiang-index/index.ts';
import type { WhitePaperLang } from './messages.ts';
import { renderWhitePaperHtml } from './render-html.ts';
import { renderWhitePaperPdf } from './render-pdf.ts';
import { buildWhitePaper, type WhitePaper } from './report.ts';

export type WhitePaperFormat = 'pdf' | 'html';
export const whitePaperFormats = ['pdf', 'html'] as const;

export type WhitePaperFile = { bytes: Uint8Array; contentType: string; fileName: string; paper: WhitePaper };

/** The file name a reader saves: year, language and format, nothing else. */
export const whitePaperFileName = (year: number, lang: WhitePaperLang, format: WhitePaperFormat) =>
  `white-paper-${year}-${lang}.${format}`;

/**
 * Builds the year's report and renders it as PDF or HTML. `onStep` hears each step, and each
 * section as the renderer lays it out (the CLI prints them on stderr).
 */
export const generateWhitePaper = async (
  db: Database,
  options: { year: number; lang: WhitePaperLang; format: WhitePaperFormat; now: Date },
  onStep: (step: string) => void = () => {},
): Promise<WhitePaperFile> => {
  onStep('reading the figures');
  const paper = await buildWhitePaper(db, options);
  const onSection = (id: string) => onStep(`section ${id}`);
  const bytes =
    options.format === 'pdf'
      ? await renderWhitePaperPdf(paper, onSection)
      : new TextEncoder().encode(renderWhitePaperHtml(paper, onSection));
  onStep(`${options.format.toUpperCase()} written, ${bytes.byteLength} bytes`);
  return {
    bytes,
    contentType: options.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    fileName: whitePaperFileName(options.year, options.lang, options.format),
    paper,
  };
};

/**
 * What the report of `year` is made of, in one cheap read: the rollup totals of the year and the
 * year before, and the published index's identity. Equal fingerprints on the same day mean the
 * same bytes, so a public route can answer from a cache.
 */
export const whitePaperFingerprint = async (db: Database, year: number): Promise<string> => {
  const { rows } = await sql<{ facts: string | null; usd: string | null; cny: string | null }>`
    select sum(facts)::text as facts, sum(usd_minor)::text as usd, sum(cny_minor)::text as cny
    from stats.rollup_main
    where month between ${`${year - 1}-01-01`}::date and ${`${year}-12-01`}::date`.execute(db.kysely);
  const index = await loadPublishedIndex(db, year);
  const row = rows[0];
  return [
    row?.facts ?? '0',
    row?.usd ?? '0',
    row?.cny ?? '0',
    index === null ? 'no-index' : `${index.specId}/${index.specVersion}/${index.publishedAt}`,
  ].join('|');
};
