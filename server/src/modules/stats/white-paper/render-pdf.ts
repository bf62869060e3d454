import { PDFDocument, type PDFFont, type PDFPage, type RGB, rgb } from 'pdf-lib';
import {
  embedSubsetFace,
  loadPdfFaces,
  type PdfFace,
  type PdfFaceName,
} from '../../../platform/pdf/index.ts';
import { whitePaperMessages } from './messages.ts';
import type {
  BandChart,
  BarChart,
  Block,
  Chart,
  Kpi,
  LineChart,
  Table,
  TrafficLight,
  WhitePaper,
} from './report.ts';

/**
 * The white paper as an A4 PDF drawn with pdf-lib: a title page, a table of contents with page
 * numbers, one chapter per section, tables that continue across pages under a repeated header,
 * charts drawn as vectors, and a footer with the page number (and "synthetic data" when it is).
 * Text is set in the platform's Noto Sans SC, embedded as a subset of the characters used, so
 * Chinese renders everywhere. The creation date is the report's date (the hub clock's day) and
 * pdf-lib's font tags come from a fixed seed: the same data on the same day gives the same bytes.
 */

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 50;
const FOOTER_SPACE = 36;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BLACK = rgb(0.1, 0.1, 0.1);
const NAVY = rgb(0.12, 0.23, 0.43);
const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.8, 0.83, 0.88);
const SERIES: readonly [RGB, RGB, ...RGB[]] = [
  rgb(0.12, 0.31, 0.6),
  rgb(0.88, 0.48, 0),
  rgb(0.18, 0.55, 0.34),
  rgb(0.55, 0.18, 0.55),
  rgb(0.7, 0.13, 0.13),
];
const seriesColour = (i: number): RGB => SERIES[i % SERIES.length] ?? SERIES[0];
const LIGHTS: Record<TrafficLight, RGB> = {
  green: rgb(0.18, 0.55, 0.34),
  amber: rgb(0.88, 0.63, 0),
  red: rgb(0.75, 0.22, 0.17),
  none: rgb(0.6, 0.6, 0.6),
};

type TextOp = {
  page: PDFPage;
  text: string;
  x: number;
  y: number;
  size: number;
  face: PdfFaceName;
  color: RGB;
};

/** Lays the report out page by page; text is recorded and drawn at the end with subset fonts. */
class PaperLayout {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** The subsection heading just drawn: a chart or table titled the same does not repeat it. */
  lastHeading = '';
  readonly ops: TextOp[] = [];
  readonly used: Record<PdfFaceName, Set<number>> = { regular: new Set(), bold: new Set() };
  private readonly advances: Record<PdfFaceName, Map<string, number>> = {
    regular: new Map(),
    bold: new Map(),
  };

  constructor(
    private readonly pdf: PDFDocument,
    private readonly faces: Record<PdfFaceName, PdfFace>,
  ) {}

  newPage() {
    this.page = this.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  need(height: number) {
    if (this.y - height < MARGIN + FOOTER_SPACE) {
      this.newPage();
    }
  }

  /** Characters the face cannot draw become `?` (the HTML edition has them exactly). */
  clean(text: string): string {
    let out = '';
    for (const char of text.replace(/[\r\t\n]+/g, ' ')) {
      out += this.faces.regular.characters.has(char.codePointAt(0) ?? 0) ? char : '?';
    }
    return out;
  }

  width(text: string, face: PdfFaceName, size: number): number {
    let total = 0;
    const cache = this.advances[face];
    for (const char of text) {
      let w = cache.get(char);
      if (w === undefined) {
        const metrics = this.faces[face].metrics;
        w = metrics.glyphForCodePoint(char.codePointAt(0) ?? 0).advanceWidth / metrics.unitsPerEm;
        cache.set(char, w);
      }
      total += w;
    }
    return total * size;
  }

  /** Wraps at spaces where it can (Latin), anywhere between CJK characters. */
  wrap(text: string, face: PdfFaceName, size: number, width: number, maxLines = 50): string[] {
    const lines: string[] = [];
    let current = '';
    for (const char of this.clean(text)) {
      if (current !== '' && this.width(current + char, face, size) > width) {
        const space = current.lastIndexOf(' ');
        if (char !== ' ' && space > 0 && /[\x21-\x7e]/.test(char)) {
          lines.push(current.slice(0, space));
          current = current.slice(space + 1) + char;
        } else {
          lines.push(current.trimEnd());
          current = char === ' ' ? '' : char;
        }
      } else {
        current += char;
      }
    }
    lines.push(current);
    if (lines.length > maxLines) {
      return [...lines.slice(0, maxLines - 1), `${(lines[maxLines - 1] ?? '').slice(0, -1)}…`];
    }
    return lines;
  }

  text(
    text: string,
    x: number,
    y: number,
    size: number,
    face: PdfFaceName,
    color: RGB = BLACK,
    page = this.page,
  ) {
    const clean = this.clean(text);
    for (const char of clean) {
      this.used[face].add(char.codePointAt(0) ?? 0);
    }
    this.ops.push({ page, text: clean, x, y, size, face, color });
  }

  /** Text ending at `right`. */
  textRight(text: string, right: number, y: number, size: number, face: PdfFaceName, color: RGB = BLACK) {
    this.text(text, right - this.width(this.clean(text), face, size), y, size, face, color);
  }

  paragraph(text: string, size = 10, face: PdfFaceName = 'regular', color: RGB = BLACK) {
    const lineHeight = size * 1.55;
    for (const line of this.wrap(text, face, size, CONTENT_WIDTH)) {
      this.need(lineHeight);
      this.text(line, MARGIN, this.y - size, size, face, color);
      this.y -= lineHeight;
    }
    this.y -= 4;
  }

  async draw() {
    const fonts: Record<PdfFaceName, PDFFont | undefined> = {
      regular: await embedSubsetFace(this.pdf, this.faces.regular, this.used.regular),
      bold: await embedSubsetFace(this.pdf, this.faces.bold, this.used.bold),
    };
    for (const op of this.ops) {
      const font = fonts[op.face];
      if (font !== undefined && op.text !== '') {
        op.page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font, color: op.color });
      }
    }
  }
}

/** A table whose header repeats on every page it spans; `lights` puts a coloured dot in a column. */
const drawTable = (
  layout: PaperLayout,
  table: Table,
  lights?: { column: number; values: TrafficLight[] },
) => {
  const size = 8.5;
  const pad = 4;
  // Column widths follow the longest text in each column, within bounds, filling the page.
  const natural = table.columns.map((column, i) =>
    Math.min(
      220,
      Math.max(
        40,
        layout.width(column, 'bold', size) + 2 * pad,
        ...table.rows.map(
          (row) => layout.width(row[i] ?? '', 'regular', size) + 2 * pad + (lights?.column === i ? 12 : 0),
        ),
      ),
    ),
  );
  const totalNatural = natural.reduce((a, b) => a + b, 0);
  const widths = natural.map((w) => (w / totalNatural) * CONTENT_WIDTH);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const lineHeight = size + 3;
  layout.need(60);
  if (table.caption !== layout.lastHeading) {
    layout.text(table.caption, MARGIN, layout.y - 10, 9.5, 'bold', NAVY);
    layout.y -= 16;
  }
  const header = () => {
    const cells = table.columns.map((c, i) => layout.wrap(c, 'bold', size, (widths[i] ?? 0) - 2 * pad, 3));
    const height = Math.max(...cells.map((lines) => lines.length)) * lineHeight + 2 * pad;
    layout.page.drawRectangle({
      x: MARGIN,
      y: layout.y - height,
      width: CONTENT_WIDTH,
      height,
      color: rgb(0.93, 0.95, 0.98),
    });
    cells.forEach((lines, i) => {
      lines.forEach((line, j) => {
        const top = layout.y - pad - size - j * lineHeight + 1;
        if (table.align[i] === 'right') {
          layout.textRight(line, (xs[i] ?? 0) + (widths[i] ?? 0) - pad, top, size, 'bold');
        } else {
          layout.text(line, (xs[i] ?? 0) + pad, top, size, 'bold');
        }
      });
    });
    layout.y -= height;
  };
  layout.need(60);
  header();
  table.rows.forEach((row, r) => {
    const cells = row.map((cell, i) =>
      layout.wrap(cell, 'regular', size, (widths[i] ?? 0) - 2 * pad - (lights?.column === i ? 12 : 0), 8),
    );
    const height = Math.max(1, ...cells.map((lines) => lines.length)) * lineHeight + 2 * pad - 2;
    if (layout.y - height < MARGIN + FOOTER_SPACE) {
      layout.newPage();
      header();
    }
    cells.forEach((lines, i) => {
      const offset = lights?.column === i ? 12 : 0;
      if (offset > 0) {
        layout.page.drawCircle({
          x: (xs[i] ?? 0) + pad + 4,
          y: layout.y - pad - size / 2 + 1,
          size: 3.5,
          color: LIGHTS[lights?.values[r] ?? 'none'],
        });
      }
      lines.forEach((line, j) => {
        const top = layout.y - pad - size - j * lineHeight + 2;
        if (table.align[i] === 'right') {
          layout.textRight(line, (xs[i] ?? 0) + (widths[i] ?? 0) - pad, top, size, 'regular');
        } else {
          layout.text(line, (xs[i] ?? 0) + pad + offset, top, size, 'regular');
        }
      });
    });
    layout.y -= height;
    layout.page.drawLine({
      start: { x: MARGIN, y: layout.y },
      end: { x: PAGE_WIDTH - MARGIN, y: layout.y },
      thickness: 0.4,
      color: RULE,
    });
  });
  layout.y -= 12;
};

const kpiTable = (layout: PaperLayout, caption: string, columns: string[], items: Kpi[]) =>
  drawTable(
    layout,
    {
      caption,
      columns,
      align: ['left', 'right', 'right', 'left', 'left'],
      rows: items.map((k) => [k.label, k.actual, k.goal, k.statusText, k.note]),
    },
    { column: 3, values: items.map((k) => k.status) },
  );

const chartTitle = (layout: PaperLayout, title: string, height: number) => {
  layout.need(height + 22);
  if (title !== layout.lastHeading) {
    layout.text(title, MARGIN, layout.y - 10, 9.5, 'bold', NAVY);
    layout.y -= 18;
  }
};

const drawBar = (layout: PaperLayout, chart: BarChart) => {
  const row = 15;
  const labelWidth = 150;
  const barArea = 250;
  const height = chart.items.length * row + 6;
  chartTitle(layout, chart.title, height);
  const top = layout.y;
  const max = Math.max(1, ...chart.items.map((i) => i.value));
  const axisX = MARGIN + labelWidth;
  layout.page.drawLine({
    start: { x: axisX, y: top },
    end: { x: axisX, y: top - height },
    thickness: 0.6,
    color: GREY,
  });
  chart.items.forEach((item, i) => {
    const y = top - 3 - i * row;
    const label = layout.wrap(item.label, 'regular', 8, labelWidth - 8, 1)[0] ?? '';
    layout.textRight(label, axisX - 5, y - 10, 8, 'regular');
    const w = (item.value / max) * barArea;
    if (w > 0) {
      layout.page.drawRectangle({ x: axisX, y: y - 12, width: w, height: 10, color: SERIES[0] });
    }
    layout.text(item.text, axisX + w + 4, y - 10, 7.5, 'regular', GREY);
  });
  layout.y -= height + 14;
};

const drawLine = (layout: PaperLayout, chart: LineChart) => {
  const height = 170;
  chartTitle(layout, chart.title, height + 30);
  const left = MARGIN + 78;
  const right = PAGE_WIDTH - MARGIN - 10;
  const legendY = layout.y - 8;
  chart.series.forEach((series, s) => {
    const x = left + s * Math.min(130, (right - left) / chart.series.length);
    layout.page.drawRectangle({ x, y: legendY - 1, width: 10, height: 8, color: seriesColour(s) });
    layout.text(series.name, x + 14, legendY, 8, 'regular');
  });
  const top = layout.y - 20;
  const bottom = top - height;
  const max = Math.max(1, ...chart.ticks.map((t) => t.value));
  const x = (i: number) =>
    left + (chart.xLabels.length <= 1 ? 0 : (i / (chart.xLabels.length - 1)) * (right - left));
  const y = (v: number) => bottom + (v / max) * height;
  for (const tick of chart.ticks) {
    layout.page.drawLine({
      start: { x: left, y: y(tick.value) },
      end: { x: right, y: y(tick.value) },
      thickness: 0.4,
      color: RULE,
    });
    layout.textRight(tick.text, left - 5, y(tick.value) - 3, 7, 'regular', GREY);
  }
  layout.page.drawLine({
    start: { x: left, y: bottom },
    end: { x: right, y: bottom },
    thickness: 0.8,
    color: GREY,
  });
  layout.page.drawLine({
    start: { x: left, y: bottom },
    end: { x: left, y: top },
    thickness: 0.8,
    color: GREY,
  });
  chart.xLabels.forEach((label, i) => {
    layout.text(
      label,
      x(i) - layout.width(layout.clean(label), 'regular', 7) / 2,
      bottom - 12,
      7,
      'regular',
      GREY,
    );
  });
  chart.series.forEach((series, s) => {
    const colour = seriesColour(s);
    let previous: { x: number; y: number } | null = null;
    series.values.forEach((value, i) => {
      if (value === null) {
        previous = null;
        return;
      }
      const point = { x: x(i), y: y(value) };
      if (previous !== null) {
        layout.page.drawLine({
          start: previous,
          end: point,
          thickness: 1.6,
          color: colour,
          // Two series are this year and the year before: the second one dashed.
          ...(s === 1 && chart.series.length === 2 ? { dashArray: [4, 2] } : {}),
        });
      }
      layout.page.drawCircle({ x: point.x, y: point.y, size: 1.8, color: colour });
      previous = point;
    });
  });
  layout.y = bottom - 28;
};

const drawBands = (layout: PaperLayout, chart: BandChart) => {
  const row = 17;
  const height = chart.items.length * row + 16;
  chartTitle(layout, chart.title, height);
  const left = MARGIN + 90;
  const right = PAGE_WIDTH - MARGIN - 20;
  const top = layout.y - 12;
  const x = (rank: number) => left + ((rank - 1) / Math.max(1, chart.maxRank - 1)) * (right - left);
  for (let r = 1; r <= chart.maxRank; r += 1) {
    layout.page.drawLine({
      start: { x: x(r), y: top + 2 },
      end: { x: x(r), y: top - chart.items.length * row },
      thickness: 0.3,
      color: RULE,
    });
    const label = String(r);
    layout.text(label, x(r) - layout.width(label, 'regular', 7) / 2, top + 4, 7, 'regular', GREY);
  }
  chart.items.forEach((item, i) => {
    const y = top - 8 - i * row;
    layout.textRight(item.label, left - 8, y - 3, 8, 'regular');
    layout.page.drawLine({
      start: { x: x(item.low), y },
      end: { x: x(item.high), y },
      thickness: 5,
      color: SERIES[1],
      opacity: 0.45,
    });
    layout.page.drawLine({
      start: { x: x(item.median), y: y - 5 },
      end: { x: x(item.median), y: y + 5 },
      thickness: 1.4,
      color: SERIES[1],
    });
    layout.page.drawCircle({ x: x(item.rank), y, size: 3.5, color: SERIES[0] });
  });
  layout.y -= height + 12;
};

const drawChart = (layout: PaperLayout, chart: Chart) =>
  chart.kind === 'bar'
    ? drawBar(layout, chart)
    : chart.kind === 'line'
      ? drawLine(layout, chart)
      : drawBands(layout, chart);

const drawBlock = (layout: PaperLayout, block: Block) => {
  switch (block.kind) {
    case 'heading':
      layout.need(60);
      layout.y -= 6;
      layout.text(block.text, MARGIN, layout.y - 12, 12, 'bold', NAVY);
      layout.y -= 22;
      layout.lastHeading = block.text;
      return;
    case 'paragraph':
      layout.lastHeading = '';
      layout.paragraph(block.text);
      return;
    case 'kpis':
      kpiTable(layout, block.caption, block.columns, block.items);
      return;
    case 'chart':
      drawChart(layout, block.chart);
      return;
    case 'table':
      drawTable(layout, block.table);
      return;
  }
};

/** The white paper as PDF bytes, identical for the same report. */
export const renderWhitePaperPdf = async (
  paper: WhitePaper,
  onSection: (id: string) => void = () => {},
): Promise<Uint8Array> => {
  const m = whitePaperMessages[paper.lang];
  const date = new Date(`${paper.generatedAt}T00:00:00Z`);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const layout = new PaperLayout(pdf, await loadPdfFaces());

  // Title page.
  layout.newPage();
  layout.page.drawRectangle({ x: 0, y: PAGE_HEIGHT - 260, width: PAGE_WIDTH, height: 260, color: NAVY });
  let y = PAGE_HEIGHT - 150;
  for (const line of layout.wrap(paper.title, 'bold', 26, CONTENT_WIDTH, 3)) {
    layout.text(line, MARGIN, y, 26, 'bold', rgb(1, 1, 1));
    y -= 34;
  }
  layout.text(paper.subtitle, MARGIN, PAGE_HEIGHT - 230, 13, 'regular', rgb(0.9, 0.93, 1));
  y = PAGE_HEIGHT - 320;
  for (const line of [paper.periodText, paper.generatedOnText, paper.publisher, paper.version]) {
    layout.text(line, MARGIN, y, 11, 'regular', GREY);
    y -= 20;
  }
  if (paper.synthetic) {
    const lines = layout.wrap(paper.syntheticBanner, 'bold', 11, CONTENT_WIDTH - 24);
    const height = lines.length * 16 + 16;
    y -= 20;
    layout.page.drawRectangle({
      x: MARGIN,
      y: y - height,
      width: CONTENT_WIDTH,
      height,
      color: rgb(1, 0.96, 0.84),
      borderColor: LIGHTS.amber,
      borderWidth: 1,
    });
    lines.forEach((line, i) => {
      layout.text(line, MARGIN + 12, y - 20 - i * 16, 11, 'bold', rgb(0.42, 0.29, 0));
    });
  }

  // Contents: its entries are written once the chapters know their pages.
  layout.newPage();
  const contentsPage = layout.page;
  layout.text(paper.contentsTitle, MARGIN, layout.y - 18, 18, 'bold', NAVY);

  const starts: number[] = [];
  for (const section of paper.sections) {
    onSection(section.id);
    layout.newPage();
    starts.push(layout.pages.length);
    layout.text(section.title, MARGIN, layout.y - 18, 18, 'bold', NAVY);
    layout.y -= 26;
    layout.page.drawLine({
      start: { x: MARGIN, y: layout.y },
      end: { x: PAGE_WIDTH - MARGIN, y: layout.y },
      thickness: 1,
      color: RULE,
    });
    layout.y -= 14;
    for (const block of section.blocks) {
      drawBlock(layout, block);
    }
  }

  paper.sections.forEach((section, i) => {
    const rowY = PAGE_HEIGHT - MARGIN - 60 - i * 26;
    const pageNumber = String(starts[i] ?? '');
    layout.text(section.title, MARGIN, rowY, 12, 'regular', BLACK, contentsPage);
    const titleEnd = MARGIN + layout.width(layout.clean(section.title), 'regular', 12) + 6;
    const numberStart = PAGE_WIDTH - MARGIN - layout.width(pageNumber, 'regular', 12);
    contentsPage.drawLine({
      start: { x: titleEnd, y: rowY + 2 },
      end: { x: numberStart - 6, y: rowY + 2 },
      thickness: 0.6,
      color: RULE,
      dashArray: [1, 3],
    });
    layout.text(pageNumber, numberStart, rowY, 12, 'regular', BLACK, contentsPage);
  });

  const total = layout.pages.length;
  layout.pages.forEach((page, i) => {
    const footerY = MARGIN - 18;
    page.drawLine({
      start: { x: MARGIN, y: MARGIN - 6 },
      end: { x: PAGE_WIDTH - MARGIN, y: MARGIN - 6 },
      thickness: 0.4,
      color: RULE,
    });
    const left = paper.synthetic ? `${paper.title} · ${paper.syntheticFooter}` : paper.title;
    layout.text(
      left,
      MARGIN,
      footerY,
      7.5,
      paper.synthetic ? 'bold' : 'regular',
      paper.synthetic ? LIGHTS.red : GREY,
      page,
    );
    const pageText = m.page(i + 1, total);
    layout.text(
      pageText,
      PAGE_WIDTH - MARGIN - layout.width(layout.clean(pageText), 'regular', 7.5),
      footerY,
      7.5,
      'regular',
      GREY,
      page,
    );
  });

  await layout.draw();
  pdf.setTitle(paper.title);
  pdf.setSubject(paper.subtitle);
  pdf.setLanguage(paper.lang);
  pdf.setProducer('tradehub');
  pdf.setCreator(`tradehub ${paper.version}`);
  pdf.setKeywords([paper.synthetic ? 'synthetic' : 'statistics', String(paper.year)]);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  return pdf.save();
};
