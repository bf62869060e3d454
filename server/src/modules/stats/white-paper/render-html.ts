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
 * The white paper as one self-contained HTML file: inline CSS, charts drawn here as inline SVG (no
 * script, no font or image fetched), a table beside every chart for screen readers and copying,
 * and print rules so that a browser's "Print to PDF" gives clean pages. Written as well-formed
 * XHTML-compatible markup, so any XML parser reads it back.
 */

const esc = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Coordinates with one decimal, so the same data gives the same bytes on every machine. */
const n = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

export const chartColours = ['#1f4e99', '#e07b00', '#2e8b57', '#8b2e8b', '#b22222'] as const;
export const lightColours: Record<TrafficLight, string> = {
  green: '#2e8b57',
  amber: '#e0a100',
  red: '#c0392b',
  none: '#999999',
};

const css = `
*{box-sizing:border-box}
body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1b1b1b;margin:0 auto;max-width:960px;padding:24px;line-height:1.5}
h1{font-size:28px;color:#1f3a6e;margin:0 0 8px}
h2{font-size:21px;color:#1f3a6e;border-bottom:2px solid #c9d3e6;padding-bottom:4px;margin-top:40px}
h3{font-size:16px;color:#1f3a6e;margin:24px 0 8px}
.subtitle{font-size:17px;color:#444}
.meta{color:#555;font-size:13px}
.synthetic{background:#fff4d6;border:1px solid #e0a100;color:#6b4b00;padding:8px 12px;font-weight:bold;margin:12px 0}
nav ol{padding-left:20px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
caption{text-align:left;font-weight:bold;padding:4px 0;color:#333}
th,td{border-bottom:1px solid #dde2ea;padding:4px 6px;vertical-align:top}
th{background:#eef2f8;text-align:left}
td.r,th.r{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
.light{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;vertical-align:baseline}
figure{margin:12px 0;break-inside:avoid}
figcaption{font-size:13px;color:#333;font-weight:bold}
svg{max-width:100%;height:auto}
svg text{font-size:11px;fill:#333}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{margin-top:40px;font-size:12px;color:#666;border-top:1px solid #ccc;padding-top:8px}
@media print{body{max-width:none;padding:0}section{break-before:page}h2,h3{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid}.synthetic{position:static}}
@page{size:A4;margin:18mm 15mm}
`;

// A caption that repeats the subsection heading just above it stays for screen readers only.
const captionClass = (caption: string, heading: string) => (caption === heading ? ' class="sr"' : '');

const tableHtml = (table: Table, heading: string) => {
  const cls = (i: number) => (table.align[i] === 'right' ? ' class="r"' : '');
  return `<div class="scroll"><table><caption${captionClass(table.caption, heading)}>${esc(table.caption)}</caption><thead><tr>${table.columns
    .map((c, i) => `<th scope="col"${cls(i)}>${esc(c)}</th>`)
    .join('')}</tr></thead><tbody>${table.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${esc(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
};

const kpiHtml = (caption: string, columns: string[], items: Kpi[]) =>
  `<div class="scroll"><table class="kpis"><caption>${esc(caption)}</caption><thead><tr>${columns
    .map((c) => `<th scope="col">${esc(c)}</th>`)
    .join('')}</tr></thead><tbody>${items
    .map(
      (k) =>
        `<tr><td>${esc(k.label)}</td><td class="r">${esc(k.actual)}</td><td class="r">${esc(
          k.goal,
        )}</td><td><span class="light" style="background:${lightColours[k.status]}"></span>${esc(
          k.statusText,
        )}</td><td>${esc(k.note)}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;

/** A label cut to about `width` em (a CJK character counts as one, a Latin one as half). */
const fitLabel = (label: string, width: number) => {
  let used = 0;
  let out = '';
  for (const char of label) {
    used += (char.codePointAt(0) ?? 0) <= 0x024f ? 0.55 : 1;
    if (used > width) {
      return `${out}…`;
    }
    out += char;
  }
  return out;
};

const barSvg = (chart: BarChart) => {
  const width = 720;
  const labelWidth = 230;
  const barArea = 330;
  const row = 22;
  const height = chart.items.length * row + 10;
  const max = Math.max(1, ...chart.items.map((i) => i.value));
  const bars = chart.items
    .map((item, i) => {
      const y = 5 + i * row;
      const w = (item.value / max) * barArea;
      return `<text x="${n(labelWidth - 6)}" y="${n(y + 15)}" text-anchor="end">${esc(fitLabel(item.label, 19))}</text><rect x="${n(
        labelWidth,
      )}" y="${n(y + 3)}" width="${n(w)}" height="${n(row - 7)}" fill="${chartColours[0]}"/><text x="${n(
        labelWidth + w + 6,
      )}" y="${n(y + 15)}">${esc(item.text)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(
    chart.title,
  )}"><line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#888"/>${bars}</svg>`;
};

const lineSvg = (chart: LineChart) => {
  const width = 720;
  const height = 280;
  const left = 110;
  const right = 20;
  const top = 30;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...chart.ticks.map((t) => t.value));
  const x = (i: number) => left + (chart.xLabels.length <= 1 ? 0 : (i / (chart.xLabels.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const grid = chart.ticks
    .map(
      (t) =>
        `<line x1="${left}" y1="${n(y(t.value))}" x2="${width - right}" y2="${n(y(t.value))}" stroke="#e3e7ee"/><text x="${
          left - 6
        }" y="${n(y(t.value) + 4)}" text-anchor="end">${esc(t.text)}</text>`,
    )
    .join('');
  const xLabels = chart.xLabels
    .map(
      (label, i) =>
        `<text x="${n(x(i))}" y="${height - bottom + 16}" text-anchor="middle">${esc(label)}</text>`,
    )
    .join('');
  const lines = chart.series
    .map((series, s) => {
      const colour = chartColours[s % chartColours.length];
      const points = series.values
        .map((v, i) => (v === null ? null : `${n(x(i))},${n(y(v))}`))
        .filter((p): p is string => p !== null)
        .join(' ');
      const dots = series.values
        .map((v, i) =>
          v === null ? '' : `<circle cx="${n(x(i))}" cy="${n(y(v))}" r="2.5" fill="${colour}"/>`,
        )
        .join('');
      const legendX = left + s * Math.min(160, plotW / chart.series.length);
      const legend = `<rect x="${n(legendX)}" y="8" width="12" height="12" fill="${colour}"/><text x="${n(
        legendX + 18,
      )}" y="18">${esc(series.name)}</text>`;
      // Two series are this year and the year before: the second one dashed.
      const dashed = s === 1 && chart.series.length === 2;
      return `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"${
        dashed ? ' stroke-dasharray="5 3"' : ''
      }/>${dots}${legend}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(
    chart.title,
  )}">${grid}<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${
    top + plotH
  }" stroke="#555"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#555"/>${xLabels}${lines}</svg>`;
};

const bandSvg = (chart: BandChart) => {
  const width = 720;
  const left = 120;
  const right = 30;
  const row = 24;
  const top = 30;
  const height = top + chart.items.length * row + 10;
  const plotW = width - left - right;
  const x = (rank: number) => left + ((rank - 1) / Math.max(1, chart.maxRank - 1)) * plotW;
  const axis = Array.from({ length: chart.maxRank }, (_, i) => i + 1)
    .map(
      (r) =>
        `<line x1="${n(x(r))}" y1="${top - 4}" x2="${n(x(r))}" y2="${height - 10}" stroke="#eef1f6"/><text x="${n(
          x(r),
        )}" y="${top - 8}" text-anchor="middle">${r}</text>`,
    )
    .join('');
  const rows = chart.items
    .map((item, i) => {
      const y = top + i * row + row / 2;
      return `<text x="${left - 8}" y="${n(y + 4)}" text-anchor="end">${esc(item.label)}</text><line x1="${n(
        x(item.low),
      )}" y1="${n(y)}" x2="${n(x(item.high))}" y2="${n(y)}" stroke="${chartColours[1]}" stroke-width="6" stroke-linecap="round" opacity="0.45"/><line x1="${n(
        x(item.median),
      )}" y1="${n(y - 6)}" x2="${n(x(item.median))}" y2="${n(y + 6)}" stroke="${chartColours[1]}" stroke-width="2"/><circle cx="${n(
        x(item.rank),
      )}" cy="${n(y)}" r="4.5" fill="${chartColours[0]}"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(
    chart.title,
  )}">${axis}${rows}</svg>`;
};

const chartSvg = (chart: Chart) =>
  chart.kind === 'bar' ? barSvg(chart) : chart.kind === 'line' ? lineSvg(chart) : bandSvg(chart);

const blockHtml = (block: Block, heading: string) => {
  switch (block.kind) {
    case 'heading':
      return `<h3>${esc(block.text)}</h3>`;
    case 'paragraph':
      return `<p>${esc(block.text)}</p>`;
    case 'kpis':
      return kpiHtml(block.caption, block.columns, block.items);
    case 'chart':
      return `<figure><figcaption${captionClass(block.chart.title, heading)}>${esc(
        block.chart.title,
      )}</figcaption>${chartSvg(block.chart)}</figure>`;
    case 'table':
      return tableHtml(block.table, heading);
  }
};

/** The text of the subsection heading that a block follows directly (through its chart). */
const headingBefore = (blocks: readonly Block[], i: number): string => {
  for (let j = i - 1; j >= 0; j -= 1) {
    const block = blocks[j];
    if (block?.kind === 'heading') {
      return block.text;
    }
    if (block?.kind !== 'chart') {
      return '';
    }
  }
  return '';
};

/** The white paper as a single HTML document (UTF-8 text). */
export const renderWhitePaperHtml = (
  paper: WhitePaper,
  onSection: (id: string) => void = () => {},
): string => {
  const banner = paper.synthetic ? `<p class="synthetic" role="note">${esc(paper.syntheticBanner)}</p>` : '';
  const toc = `<nav aria-label="${esc(paper.contentsTitle)}"><h2>${esc(paper.contentsTitle)}</h2><ol>${paper.sections
    .map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`)
    .join('')}</ol></nav>`;
  const sections = paper.sections
    .map((s) => {
      onSection(s.id);
      return `<section id="${s.id}"><h2>${esc(s.title)}</h2>${s.blocks.map((block, i) => blockHtml(block, headingBefore(s.blocks, i))).join('\n')}</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${paper.lang}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="tradehub ${paper.version}"/>
<meta name="date" content="${paper.generatedAt}"/>
<title>${esc(paper.title)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${esc(paper.title)}</h1>
<p class="subtitle">${esc(paper.subtitle)}</p>
<p class="meta">${esc(paper.periodText)} · ${esc(paper.generatedOnText)} · ${esc(paper.publisher)}</p>
${banner}
</header>
${toc}
${sections}
<footer>${esc(paper.title)} · ${esc(paper.version)}${paper.synthetic ? ` · ${esc(paper.syntheticFooter)}` : ''}</footer>
</body>
</html>
`;
};
