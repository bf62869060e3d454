import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
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

/** The marker drawn where the standard font cannot draw a character (CJK, Cyrillic, ...). */
export const NOT_DRAWABLE_MARK = '[?]';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 48;
const QR_SIZE = 120;
const MAX_SUBJECT_LINES = 28;

/** File name of the attached bundle: the document number, made safe for any file system. */
export const bundleFileName = (documentNumber: string): string =>
  `${documentNumber.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'document'}.tradehub.json`;

type Writer = {
  line(label: string, value: string, options?: { mono?: boolean }): void;
  heading(text: string): void;
  gap(points: number): void;
  readonly marked: boolean;
};

const createWriter = (page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont; mono: PDFFont }): Writer => {
  const drawable = new Set(fonts.regular.getCharacterSet());
  let y = PAGE_HEIGHT - MARGIN;
  let marked = false;
  // Standard PDF fonts cover WinAnsi only; anything else is replaced by a visible marker (and
  // the footer says so) rather than dropped silently. The attached bundle holds the exact text.
  const clean = (text: string): string => {
    let out = '';
    let inRun = false;
    for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
      const code = char.codePointAt(0) ?? 0;
      if (drawable.has(code)) {
        out += char;
        inRun = false;
      } else if (!inRun) {
        out += NOT_DRAWABLE_MARK;
        inRun = true;
        marked = true;
      }
    }
    return out;
  };
  const wrap = (text: string, font: PDFFont, size: number, width: number): string[] => {
    const lines: string[] = [];
    let current = '';
    for (const char of text) {
      if (font.widthOfTextAtSize(current + char, size) > width && current !== '') {
        lines.push(current);
        current = '';
      }
      current += char;
    }
    lines.push(current);
    return lines;
  };
  const labelWidth = 130;
  const valueWidth = PAGE_WIDTH - 2 * MARGIN - labelWidth - QR_SIZE - 12;
  return {
    heading: (text) => {
      page.drawText(clean(text), { x: MARGIN, y, size: 12, font: fonts.bold });
      y -= 18;
    },
    line: (label, value, options = {}) => {
      if (y < MARGIN + 40) {
        return;
      }
      const font = options.mono === true ? fonts.mono : fonts.regular;
      const size = options.mono === true ? 8.5 : 10;
      page.drawText(clean(label), { x: MARGIN, y, size: 9, font: fonts.bold, color: rgb(0.3, 0.3, 0.3) });
      const parts = wrap(clean(value), font, size, valueWidth).slice(0, 4);
      for (const [i, part] of parts.entries()) {
        page.drawText(part, { x: MARGIN + labelWidth, y: y - i * 12, size, font });
      }
      y -= 15 + (parts.length - 1) * 12;
    },
    gap: (points) => {
      y -= points;
    },
    get marked() {
      return marked;
    },
  };
};

const scalarText = (value: unknown): string => {
  if (typeof value === 'string') {
    return value;
  }
  const json = JSON.stringify(value) ?? '';
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
};

const drawQr = (page: PDFPage, text: string) => {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = QR_SIZE / count;
  const left = PAGE_WIDTH - MARGIN - QR_SIZE;
  const top = PAGE_HEIGHT - MARGIN - 10;
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.modules.get(row, col)) {
        page.drawRectangle({
          x: left + col * cell,
          y: top - (row + 1) * cell,
          width: cell + 0.05,
          height: cell + 0.05,
          color: rgb(0, 0, 0),
        });
      }
    }
  }
  page.drawText('Scan to verify', { x: left + 28, y: top - QR_SIZE - 12, size: 8 });
};

/**
 * A printable A4 page of a signed document: its key fields, issuer, document hash, log index and
 * a QR code of the verification link, with the tradehub-bundle/v1 attached as
 * `<documentNumber>.tradehub.json`, so the PDF alone verifies offline (`tradehub-verify file.pdf`).
 */
export const renderDocumentPdf = async (
  facts: PdfDocumentFacts,
  bundle: TradehubBundle,
  now: Date,
): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    mono: await pdf.embedFont(StandardFonts.Courier),
  };
  const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const write = createWriter(page, fonts);
  const credential = bundle.credential;
  const issuer = (credential.issuer ?? {}) as { id?: string; name?: string };
  const subject = (credential.credentialSubject ?? {}) as Record<string, unknown>;

  write.heading(`${facts.documentType} ${facts.documentNumber}`);
  write.gap(4);
  write.line('Issuer', issuer.name ?? '');
  write.line('Issuer DID', issuer.id ?? '', { mono: true });
  write.line('Credential', String(credential.id ?? ''), { mono: true });
  write.line('Issued', String(credential.validFrom ?? ''));
  if (typeof credential.validUntil === 'string') {
    write.line('Valid until', credential.validUntil);
  }
  write.line('Status', facts.status);
  write.line('Document hash', `SHA-256 ${facts.docHashHex}`, { mono: true });
  write.line('Transparency log', `entry ${facts.logIndex}`);
  write.line('Verify at', facts.verificationUrl, { mono: true });
  write.gap(8);
  write.heading('Document fields');
  const fields = Object.entries(subject).filter(([key]) => key !== 'type' && key !== 'documentNumber');
  for (const [key, value] of fields.slice(0, MAX_SUBJECT_LINES)) {
    write.line(key, scalarText(value));
  }
  if (fields.length > MAX_SUBJECT_LINES) {
    write.line('...', `${fields.length - MAX_SUBJECT_LINES} more fields in the attached file`);
  }
  drawQr(page, facts.verificationUrl);

  const fileName = bundleFileName(facts.documentNumber);
  const footer = [
    `Attached: ${fileName} (tradehub-bundle/v1). Verify offline with: npx tradehub-verify <this file>`,
    ...(write.marked
      ? [
          `${NOT_DRAWABLE_MARK} marks text in a script this page's font cannot draw; the attached file has it exactly.`,
        ]
      : []),
  ];
  footer.forEach((text, i) => {
    page.drawText(text, { x: MARGIN, y: MARGIN - i * 11, size: 7.5, font: fonts.regular });
  });

  await pdf.attach(new TextEncoder().encode(JSON.stringify(bundle, null, 2)), fileName, {
    mimeType: 'application/json',
    description: 'tradehub verification bundle (tradehub-bundle/v1)',
    creationDate: facts.issuedAt,
    modificationDate: now,
  });
  pdf.setTitle(`${facts.documentType} ${facts.documentNumber}`.replace(/[^\x20-\x7e]/g, '?'));
  pdf.setProducer('tradehub');
  pdf.setCreator('tradehub');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  return pdf.save();
};
