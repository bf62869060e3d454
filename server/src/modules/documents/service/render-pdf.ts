import { formatMoneyAmount, parseMoney } from '@tradehub/kernel';
import { PDFDocument, type PDFFont, type PDFPage, type RGB, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import {
  loadPdfFaces,
  type PdfFace,
  type PdfFaceName,
  subsetPdfFace,
  unshapedFontkit,
} from '../../../platform/pdf/index.ts';
import {
  type Bilingual,
  type DocumentKindSpec,
  type FieldRender,
  type KindColumn,
  kindOfDocumentType,
} from '../domain/kinds/index.ts';
import type { TradehubBundle } from './build-bundle.ts';

export type PdfDocumentFacts = {
  documentType: string;
  documentNumber: string;
  status: string;
  docHashHex: string;
  logIndex: number;
  verificationUrl: string;
  issuedAt: Date;
};

/** The marker drawn where the embedded font has no glyph for a character (e.g. an emoji). */
export const NOT_DRAWABLE_MARK = '[?]';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 40;
const FOOTER_SPACE = 40;
const QR_SIZE = 96;
const LABEL_WIDTH = 150;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/** File name of the attached bundle: the document number, made safe for any file system. */
export const bundleFileName = (documentNumber: string): string =>
  `${documentNumber.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'document'}.tradehub.json`;

// The embedded Noto Sans SC faces, their HarfBuzz subsetting and the unshaped layout are the
// platform's (platform/pdf), shared with every PDF the hub draws; the benchmarks preload them here.
export { preloadPdfFonts } from '../../../platform/pdf/index.ts';

type FaceName = PdfFaceName;
type Face = PdfFace;

// UN/ECE Recommendation 20 and 21 codes that trade documents use most, named in both languages;
// any other code is printed as it is.
const unitNames: Record<string, Bilingual> = {
  PCE: { en: 'pcs', zh: '件' },
  H87: { en: 'pcs', zh: '件' },
  C62: { en: 'units', zh: '个' },
  SET: { en: 'sets', zh: '套' },
  PR: { en: 'pairs', zh: '双' },
  DZN: { en: 'dozen', zh: '打' },
  KGM: { en: 'kg', zh: '千克' },
  TNE: { en: 't', zh: '吨' },
  GRM: { en: 'g', zh: '克' },
  MTR: { en: 'm', zh: '米' },
  MTK: { en: 'm²', zh: '平方米' },
  MTQ: { en: 'm³', zh: '立方米' },
  LTR: { en: 'l', zh: '升' },
  CT: { en: 'cartons', zh: '纸箱' },
  PK: { en: 'packages', zh: '包' },
  PX: { en: 'pallets', zh: '托盘' },
  BX: { en: 'boxes', zh: '盒' },
  BG: { en: 'bags', zh: '袋' },
};

const groupThousands = (amount: string): string => {
  const negative = amount.startsWith('-');
  const [whole = '', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
};

/** `USD 12,500.00`, `JPY 1,235`: the currency's own number of decimals, never via a float. */
export const formatMoneyText = (value: unknown): string => {
  const m = value as { amount?: unknown; currency?: unknown } | null;
  if (typeof m?.amount !== 'string' || typeof m.currency !== 'string') {
    return plainText(value);
  }
  try {
    return `${m.currency} ${groupThousands(formatMoneyAmount(parseMoney(m.amount, m.currency)))}`;
  } catch {
    return `${m.currency} ${m.amount}`;
  }
};

const formatQuantity = (value: unknown): string => {
  const q = value as { value?: unknown; unitCode?: unknown } | null;
  if (typeof q?.value !== 'string' || typeof q.unitCode !== 'string') {
    return plainText(value);
  }
  const unit = unitNames[q.unitCode];
  return `${groupThousands(q.value)} ${unit === undefined ? q.unitCode : `${unit.en} ${unit.zh}`}`;
};

const formatParty = (value: unknown): string => {
  const p = value as Record<string, unknown> | null;
  if (p === null || typeof p !== 'object') {
    return plainText(value);
  }
  const lines = [String(p.name ?? '')];
  if (typeof p.nameZh === 'string') {
    lines.push(p.nameZh);
  }
  if (Array.isArray(p.addressLines)) {
    lines.push(...p.addressLines.map(String));
  }
  const place = [p.postalCode, p.city, p.country].filter((v) => typeof v === 'string').join(' ');
  if (place !== '') {
    lines.push(place);
  }
  if (typeof p.companyId === 'string') {
    lines.push(`ID ${p.companyId}`);
  }
  return lines.join('\n');
};

function plainText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const json = JSON.stringify(value) ?? '';
  return json.length > 300 ? `${json.slice(0, 297)}...` : json;
}

const at = (root: unknown, path: string): unknown => {
  let value = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
};

/** A value as text for its render kind; a text field shows its Chinese twin (`<path>Zh`) too. */
const formatValue = (root: unknown, path: string, render: FieldRender): string => {
  const value = at(root, path);
  switch (render) {
    case 'money':
      return formatMoneyText(value);
    case 'quantity':
    case 'measure':
      return formatQuantity(value);
    case 'party':
      return formatParty(value);
    case 'flag':
      return value === true ? '[X] 是 Yes' : '[ ] 否 No';
    case 'lines':
      return Array.isArray(value) ? value.map(plainText).join('\n') : plainText(value);
    default: {
      const twin = at(root, `${path}Zh`);
      return typeof twin === 'string' ? `${plainText(value)}\n${twin}` : plainText(value);
    }
  }
};

/** `商业发票 Commercial Invoice`; a shared box number (`4. `) is printed once. */
const bilingual = (text: Bilingual) => {
  const number = /^\d+\.\s*/.exec(text.en)?.[0];
  return number !== undefined && text.zh.startsWith(number)
    ? `${text.zh} ${text.en.slice(number.length)}`
    : `${text.zh} ${text.en}`;
};

type TextFace = FaceName | 'mono';
type TextOp = { page: PDFPage; text: string; x: number; y: number; size: number; face: TextFace; color: RGB };

/**
 * Lays text out top to bottom over as many pages as it needs. Text is measured with the whole
 * face and recorded; it is drawn once the layout is done, with fonts cut down to the characters
 * it used. Shapes are drawn at once.
 */
class Layout {
  pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  marked = false;
  readonly ops: TextOp[] = [];
  readonly used: Record<FaceName, Set<number>> = { regular: new Set(), bold: new Set() };
  private readonly advances: Record<TextFace, Map<string, number>> = {
    regular: new Map(),
    bold: new Map(),
    mono: new Map(),
  };

  constructor(
    private readonly pdf: PDFDocument,
    private readonly faces: Record<FaceName, Face>,
    private readonly mono: PDFFont,
  ) {
    this.newPage();
  }

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

  // Characters the face cannot draw become a visible marker (the attached file has them exactly).
  clean(text: string): string {
    let out = '';
    let inRun = false;
    for (const char of text.replace(/[\r\t]+/g, ' ')) {
      const code = char.codePointAt(0) ?? 0;
      if (this.faces.regular.characters.has(code) || char === '\n') {
        out += char;
        inRun = false;
      } else if (!inRun) {
        out += NOT_DRAWABLE_MARK;
        inRun = true;
        this.marked = true;
      }
    }
    return out;
  }

  /** The advance of `char` at 1 pt, cached (kerning is ignored: a fraction of a point). */
  advance(face: TextFace, char: string): number {
    const cache = this.advances[face];
    let width = cache.get(char);
    if (width === undefined) {
      if (face === 'mono') {
        width = this.mono.widthOfTextAtSize(char, 1);
      } else {
        const metrics = this.faces[face].metrics;
        width = metrics.glyphForCodePoint(char.codePointAt(0) ?? 0).advanceWidth / metrics.unitsPerEm;
      }
      cache.set(char, width);
    }
    return width;
  }

  wrap(text: string, face: TextFace, size: number, width: number, maxLines = 12): string[] {
    const lines: string[] = [];
    for (const paragraph of this.clean(text).split('\n')) {
      let current = '';
      let used = 0;
      for (const char of paragraph) {
        const advance = this.advance(face, char) * size;
        if (current !== '' && used + advance > width) {
          lines.push(current);
          current = '';
          used = 0;
        }
        current += char;
        used += advance;
      }
      lines.push(current);
    }
    return lines.length > maxLines ? [...lines.slice(0, maxLines - 1), '...'] : lines;
  }

  text(
    text: string,
    x: number,
    y: number,
    size: number,
    face: TextFace,
    color: RGB = rgb(0, 0, 0),
    page = this.page,
  ) {
    if (face !== 'mono') {
      for (const char of text) {
        this.used[face].add(char.codePointAt(0) ?? 0);
      }
    }
    this.ops.push({ page, text, x, y, size, face, color });
  }

  heading(text: string, size = 11) {
    this.need(size + 14);
    this.y -= 6;
    this.text(this.clean(text), MARGIN, this.y - size, size, 'bold', rgb(0.1, 0.2, 0.45));
    this.y -= size + 4;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.5,
      color: rgb(0.6, 0.65, 0.75),
    });
    this.y -= 6;
  }

  /** A label (Chinese and English) and its value, wrapped within `width`. */
  field(label: string, value: string, options: { mono?: boolean; width?: number } = {}) {
    const width = options.width ?? CONTENT_WIDTH;
    const face: TextFace = options.mono === true ? 'mono' : 'regular';
    const size = options.mono === true ? 7.5 : 9;
    const lines =
      options.mono === true
        ? this.wrapMono(value.replace(/[^\x20-\x7e]/g, '?'), size, width - LABEL_WIDTH)
        : this.wrap(value, face, size, width - LABEL_WIDTH);
    const labelLines = this.wrap(label, 'bold', 8, LABEL_WIDTH - 8, 3);
    const height = Math.max(lines.length * 12, labelLines.length * 10) + 3;
    this.need(height);
    labelLines.forEach((line, i) => {
      this.text(line, MARGIN, this.y - 9 - i * 10, 8, 'bold', rgb(0.3, 0.3, 0.3));
    });
    lines.forEach((line, i) => {
      this.text(line, MARGIN + LABEL_WIDTH, this.y - 9 - i * 12, size, face);
    });
    this.y -= height;
  }

  wrapMono(text: string, size: number, width: number): string[] {
    const perLine = Math.max(1, Math.floor(width / (size * 0.6)));
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += perLine) {
      lines.push(text.slice(i, i + perLine));
    }
    return lines.length === 0 ? [''] : lines;
  }

  /** A table of `rows`, with a bilingual header repeated on every page it spans. */
  table(columns: readonly KindColumn[], rows: readonly unknown[]) {
    const totalWeight = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / totalWeight) * CONTENT_WIDTH);
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const size = 7.5;
    const drawHeader = () => {
      const cells = columns.map((c, i) => [
        ...this.wrap(c.label.zh, 'bold', size, (widths[i] ?? 0) - 4, 2),
        ...this.wrap(c.label.en, 'bold', size, (widths[i] ?? 0) - 4, 2),
      ]);
      const height = Math.max(...cells.map((lines) => lines.length)) * 9 + 4;
      this.need(height + 12);
      this.page.drawRectangle({
        x: MARGIN,
        y: this.y - height,
        width: CONTENT_WIDTH,
        height,
        color: rgb(0.92, 0.94, 0.97),
      });
      cells.forEach((lines, i) => {
        lines.forEach((line, j) => {
          this.text(line, (xs[i] ?? 0) + 2, this.y - 8 - j * 9, size, 'bold');
        });
      });
      this.y -= height + 2;
    };
    drawHeader();
    for (const row of rows) {
      const cells = columns.map((c, i) =>
        this.wrap(formatValue(row, c.path, c.render), 'regular', size, (widths[i] ?? 0) - 4, 6),
      );
      const height = Math.max(...cells.map((lines) => lines.length)) * 9 + 3;
      if (this.y - height < MARGIN + FOOTER_SPACE) {
        this.newPage();
        drawHeader();
      }
      cells.forEach((lines, i) => {
        lines.forEach((line, j) => {
          this.text(line, (xs[i] ?? 0) + 2, this.y - 8 - j * 9, size, 'regular');
        });
      });
      this.y -= height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y + 1 },
        end: { x: PAGE_WIDTH - MARGIN, y: this.y + 1 },
        thickness: 0.25,
        color: rgb(0.8, 0.8, 0.8),
      });
    }
    this.y -= 4;
  }

  /** Embeds each face cut down to the characters drawn with it, then draws the recorded text. */
  async draw() {
    this.pdf.registerFontkit(unshapedFontkit);
    const embed = async (face: FaceName) =>
      this.used[face].size === 0
        ? undefined
        : this.pdf.embedFont(await subsetPdfFace(this.faces[face], this.used[face]), { subset: false });
    const fonts: Record<TextFace, PDFFont | undefined> = {
      regular: await embed('regular'),
      bold: await embed('bold'),
      mono: this.mono,
    };
    for (const op of this.ops) {
      const font = fonts[op.face];
      if (font !== undefined && op.text !== '') {
        op.page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font, color: op.color });
      }
    }
  }
}

const drawQr = (layout: Layout, text: string) => {
  const page = layout.page;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = QR_SIZE / count;
  const left = PAGE_WIDTH - MARGIN - QR_SIZE;
  const top = PAGE_HEIGHT - MARGIN;
  // One path of unit squares (a run of dark modules in a row is one rectangle), scaled to the
  // code's size: a few hundred path segments instead of a rectangle operator per module.
  let path = '';
  for (let row = 0; row < count; row += 1) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) {
        col += 1;
      }
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  page.drawSvgPath(path, { x: left, y: top, scale: cell, color: rgb(0, 0, 0) });
  layout.text('扫码验证 Scan to verify', left + 4, top - QR_SIZE - 10, 7, 'regular');
};

const statusLabels: Record<string, Bilingual> = {
  active: { en: 'Active', zh: '有效' },
  revoked: { en: 'Revoked', zh: '已撤销' },
  suspended: { en: 'Suspended', zh: '已暂停' },
};

/** The kind to lay the subject out by, when the subject is one the kind's schema accepts. */
const layoutKind = (documentType: string, subject: Record<string, unknown>): DocumentKindSpec | undefined => {
  const spec = kindOfDocumentType(documentType);
  if (spec === undefined) {
    return undefined;
  }
  const { type: _type, documentNumber: _number, version: _version, replaces: _replaces, ...fields } = subject;
  return spec.subject.safeParse(fields).success ? spec : undefined;
};

/**
 * A printable A4 PDF of a signed document, labelled in Chinese and English side by side, with
 * every field of its kind (line tables, money per currency), the issuer, document hash, log
 * index and a QR code of the verification link. The text is drawn in an embedded, subset CJK
 * font. The tradehub-bundle/v1 is attached as `<documentNumber>.tradehub.json` (PDF/A-3 style
 * associated file), so the PDF alone verifies offline (`tradehub-verify file.pdf`).
 */
export const renderDocumentPdf = async (
  facts: PdfDocumentFacts,
  bundle: TradehubBundle,
  now: Date,
): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const layout = new Layout(pdf, await loadPdfFaces(), await pdf.embedFont(StandardFonts.Courier));
  const credential = bundle.credential;
  const issuer = (credential.issuer ?? {}) as { id?: string; name?: string };
  const subject = (credential.credentialSubject ?? {}) as Record<string, unknown>;
  const spec = layoutKind(facts.documentType, subject);
  const title = spec?.title ?? kindOfDocumentType(facts.documentType)?.title;

  const headerWidth = CONTENT_WIDTH - QR_SIZE - 12;
  const titleLines = layout.wrap(
    title === undefined ? facts.documentType : `${title.zh} / ${title.en}`,
    'bold',
    16,
    headerWidth,
    2,
  );
  for (const line of titleLines) {
    layout.text(line, MARGIN, layout.y - 16, 16, 'bold');
    layout.y -= 20;
  }
  layout.y -= 6;
  layout.field('单据编号 Document No.', facts.documentNumber, { width: headerWidth });
  if (typeof subject.version === 'number' && subject.version > 1) {
    layout.field('版本 Version', `${subject.version} (replaces ${String(subject.replaces ?? '')})`, {
      width: headerWidth,
    });
  }
  layout.field('签发方 Issuer', issuer.name ?? '', { width: headerWidth });
  layout.field('签发时间 Issued', String(credential.validFrom ?? ''), { width: headerWidth });
  if (typeof credential.validUntil === 'string') {
    layout.field('有效期至 Valid until', credential.validUntil, { width: headerWidth });
  }
  const status = statusLabels[facts.status];
  layout.field('状态 Status', status === undefined ? facts.status : `${status.zh} ${status.en}`, {
    width: headerWidth,
  });
  drawQr(layout, facts.verificationUrl);
  layout.y = Math.min(layout.y, PAGE_HEIGHT - MARGIN - QR_SIZE - 16);

  if (spec !== undefined) {
    for (const section of spec.sections) {
      if ('table' in section) {
        const rows = at(subject, section.table.path);
        if (Array.isArray(rows) && rows.length > 0) {
          layout.heading(bilingual(section.title));
          layout.table(section.table.columns, rows);
        }
        continue;
      }
      const present = section.fields.filter((f) => at(subject, f.path) !== undefined);
      if (present.length === 0) {
        continue;
      }
      layout.heading(bilingual(section.title));
      for (const field of present) {
        const value = formatValue(subject, field.path, field.render);
        layout.field(bilingual(field.label), value, {
          mono: field.render === 'code' && /^[\x20-\x7e]*$/.test(value),
        });
      }
    }
  } else {
    layout.heading('单据内容 Document fields');
    const fields = Object.entries(subject).filter(([key]) => key !== 'type' && key !== 'documentNumber');
    for (const [key, value] of fields.slice(0, 60)) {
      layout.field(key, plainText(value));
    }
    if (fields.length > 60) {
      layout.field('...', `${fields.length - 60} more fields in the attached file / 其余字段见附件`);
    }
  }

  layout.heading('验证信息 Verification');
  layout.field('签发方 DID Issuer DID', issuer.id ?? '', { mono: true });
  layout.field('凭证 Credential', String(credential.id ?? ''), { mono: true });
  layout.field('单据哈希 Document hash', `SHA-256 ${facts.docHashHex}`, { mono: true });
  layout.field('透明日志 Transparency log', `entry ${facts.logIndex}`);
  layout.field('验证链接 Verify at', facts.verificationUrl, { mono: true });

  const fileName = bundleFileName(facts.documentNumber);
  const footer = [
    `附件 Attached: ${fileName} (tradehub-bundle/v1). 离线验证 Verify offline: npx tradehub-verify <this file>`,
    ...(layout.marked
      ? [
          `${NOT_DRAWABLE_MARK} 标记无法显示的字符，附件中为原文 marks characters the font cannot draw; the attached file has them exactly.`,
        ]
      : []),
  ];
  layout.pages.forEach((page, p) => {
    footer.forEach((text, i) => {
      layout.text(layout.clean(text), MARGIN, MARGIN - 6 - i * 10, 7, 'regular', rgb(0, 0, 0), page);
    });
    layout.text(
      `${p + 1} / ${layout.pages.length}`,
      PAGE_WIDTH - MARGIN - 30,
      MARGIN - 6 - footer.length * 10,
      7,
      'regular',
      rgb(0, 0, 0),
      page,
    );
  });
  await layout.draw();

  await pdf.attach(new TextEncoder().encode(JSON.stringify(bundle, null, 2)), fileName, {
    mimeType: 'application/json',
    description: 'tradehub verification bundle (tradehub-bundle/v1)',
    creationDate: facts.issuedAt,
    modificationDate: now,
  });
  pdf.setTitle(
    `${title === undefined ? facts.documentType : `${title.zh} / ${title.en}`} ${facts.documentNumber}`,
  );
  pdf.setLanguage('zh-CN');
  pdf.setProducer('tradehub');
  pdf.setCreator('tradehub');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  return pdf.save();
};
