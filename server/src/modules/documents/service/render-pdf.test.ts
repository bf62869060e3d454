import fontkit from '@pdf-lib/fontkit';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { type DocumentKind, kindSpecs } from '../domain/kinds/index.ts';
import { sampleSubjects } from '../domain/kinds/samples.ts';
import type { TradehubBundle } from './build-bundle.ts';
import { formatMoneyText, renderDocumentPdf } from './render-pdf.ts';

const bundleOf = (documentType: string, documentNumber: string, subject: Record<string, unknown>) =>
  ({
    type: 'tradehub-bundle/v1',
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:01938f2e-0000-7000-8000-000000000001',
      type: ['VerifiableCredential', 'TradeDocumentCredential'],
      issuer: {
        id: 'did:web:hub.example:org:org_1',
        name: 'Yiwu Small Commodities Import & Export Co., Ltd.',
      },
      validFrom: '2026-11-27T08:00:00.000Z',
      credentialSubject: { ...subject, type: documentType, documentNumber },
    },
    tlogProof: 'not a proof: the renderer only attaches it',
  }) as unknown as TradehubBundle;

const facts = (documentType: string, documentNumber: string) => ({
  documentType,
  documentNumber,
  status: 'active',
  docHashHex: 'ab'.repeat(32),
  logIndex: 42,
  verificationUrl: 'https://hub.example/verify?doc=doc_1&t=token',
  issuedAt: new Date('2026-11-27T08:00:00Z'),
});

const lookupDict = (pdf: PDFDocument, value: unknown): PDFDict | undefined => {
  const object = value instanceof PDFRef ? pdf.context.lookup(value) : value;
  return object instanceof PDFDict ? object : undefined;
};

/** The fonts of a PDF: base name, embedded font file size, and the code points its ToUnicode maps. */
const fontsOf = (pdf: PDFDocument) => {
  const fonts: {
    baseFont: string;
    fontFileBytes: number;
    unicode: Set<number>;
    outlined: (code: number) => boolean;
  }[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype'))?.toString() !== '/Type0') {
      continue;
    }
    const baseFont = object.get(PDFName.of('BaseFont'))?.toString() ?? '';
    const descendants = object.lookup(PDFName.of('DescendantFonts'), PDFArray);
    const cid = lookupDict(pdf, descendants.get(0));
    const descriptor = lookupDict(pdf, cid?.get(PDFName.of('FontDescriptor')));
    const file = descriptor?.lookup(PDFName.of('FontFile2'));
    const toUnicode = object.lookup(PDFName.of('ToUnicode'));
    const unicode = new Set<number>();
    if (toUnicode instanceof PDFRawStream) {
      const cmap = new TextDecoder().decode(decodePDFRawStream(toUnicode).decode());
      for (const match of cmap.matchAll(/<([0-9a-fA-F]{4})> <([0-9a-fA-F]{4,8})>/g)) {
        unicode.add(Number.parseInt(match[2] ?? '', 16));
      }
    }
    const program =
      file instanceof PDFRawStream ? fontkit.create(decodePDFRawStream(file).decode()) : undefined;
    fonts.push({
      baseFont,
      fontFileBytes: file instanceof PDFRawStream ? file.getContentsSize() : 0,
      unicode,
      // The embedded font program itself has an outline for the character (not just a mapping).
      outlined: (code) => {
        const glyph = program?.glyphForCodePoint(code);
        return glyph !== undefined && glyph.id !== 0 && glyph.path.toSVG() !== '';
      },
    });
  }
  return fonts;
};

const attachmentOf = (pdf: PDFDocument) => {
  const names = pdf.catalog.lookup(PDFName.of('Names'), PDFDict);
  const embedded = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  const fileName = embedded.lookup(0, PDFString, PDFHexString).decodeText();
  const stream = embedded.lookup(1, PDFDict).lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) {
    throw new Error('the attachment is not a stream');
  }
  return {
    fileName,
    json: JSON.parse(new TextDecoder().decode(decodePDFRawStream(stream).decode())) as unknown,
  };
};

const codePoints = (text: string) =>
  [...text].filter((c) => c.trim() !== '').map((c) => c.codePointAt(0) ?? 0);

describe('renderDocumentPdf', () => {
  const kinds = Object.keys(sampleSubjects) as DocumentKind[];

  it('has a sample of every registered kind but the bill of lading, which the eBL work owns', () => {
    expect(kinds.length).toBeGreaterThanOrEqual(6);
    for (const spec of kindSpecs.values()) {
      if (spec.kind !== 'bill_of_lading') {
        expect(kinds).toContain(spec.kind);
      }
    }
  });

  for (const kind of kinds) {
    it(`draws a ${kind} in both languages with a subset-embedded CJK font and the bundle attached`, async () => {
      const spec = kindSpecs.get(kind);
      const subject = sampleSubjects[kind];
      if (spec === undefined || subject === undefined) {
        throw new Error(`no spec or sample for ${kind}`);
      }
      expect(spec.subject.safeParse(subject).success).toBe(true);
      const bundle = bundleOf(spec.documentType, `${kind.toUpperCase()}-0042`, subject);
      const bytes = await renderDocumentPdf(
        facts(spec.documentType, `${kind.toUpperCase()}-0042`),
        bundle,
        new Date(),
      );
      const pdf = await PDFDocument.load(bytes);
      const fonts = fontsOf(pdf).filter((f) => f.baseFont.includes('NotoSansSC'));
      expect(fonts.length).toBeGreaterThanOrEqual(1);
      for (const font of fonts) {
        // A subset: the whole face is 10 MB; the glyphs one page uses are a few tens of kilobytes.
        expect(font.fontFileBytes).toBeGreaterThan(1000);
        expect(font.fontFileBytes).toBeLessThan(400_000);
        expect(font.baseFont).toMatch(/^\/NotoSansSC-(Regular|Bold)/);
      }
      const drawn = new Set(fonts.flatMap((f) => [...f.unicode]));
      // The title in both scripts, a Chinese label, and Chinese text from the subject itself.
      const expected = [
        spec.title.zh,
        spec.title.en,
        '签发方',
        'Issuer',
        '扫码验证',
        '义乌市小商品进出口有限公司',
      ];
      for (const text of expected) {
        for (const code of codePoints(text)) {
          expect(drawn.has(code), `${String.fromCodePoint(code)} of "${text}" drawn`).toBe(true);
          expect(
            fonts.some((f) => f.unicode.has(code) && f.outlined(code)),
            `${String.fromCodePoint(code)} has an outline in the embedded font`,
          ).toBe(true);
        }
      }
      const attached = attachmentOf(pdf);
      expect(attached.fileName).toBe(`${kind.toUpperCase()}-0042.tradehub.json`);
      expect(attached.json).toEqual(JSON.parse(JSON.stringify(bundle)));
    });
  }

  it('lays a long packing list over several pages, repeating nothing it should not', async () => {
    const sample = sampleSubjects.packing_list as { lines: Record<string, unknown>[] } & Record<
      string,
      unknown
    >;
    const line = sample.lines[0] as Record<string, unknown>;
    const lines = Array.from({ length: 150 }, (_, i) => ({ ...line, lineNumber: i + 1 }));
    const subject = { ...sample, lines, totalPackages: 150 * 100 };
    const bytes = await renderDocumentPdf(
      facts('PackingList', 'PL-LONG'),
      bundleOf('PackingList', 'PL-LONG', subject),
      new Date(),
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(2);
    expect(attachmentOf(pdf).fileName).toBe('PL-LONG.tradehub.json');
  });

  it('falls back to the top-level fields for a subject outside the kinds, still drawing Chinese', async () => {
    const subject = { consignee: '杭州贸易有限公司', totalAmount: '12500.00' };
    const bytes = await renderDocumentPdf(
      facts('Other', 'X-1'),
      bundleOf('Other', 'X-1', subject),
      new Date(),
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const drawn = new Set(fontsOf(pdf).flatMap((f) => [...f.unicode]));
    for (const code of codePoints('杭州贸易有限公司')) {
      expect(drawn.has(code)).toBe(true);
    }
  });
});

describe('formatMoneyText', () => {
  it('groups thousands and keeps the currency’s own decimals, from decimal strings', () => {
    expect(formatMoneyText({ amount: '12500', currency: 'USD' })).toBe('USD 12,500.00');
    expect(formatMoneyText({ amount: '1234567.5', currency: 'CNY' })).toBe('CNY 1,234,567.50');
    expect(formatMoneyText({ amount: '1235', currency: 'JPY' })).toBe('JPY 1,235');
    expect(formatMoneyText({ amount: '-0.125', currency: 'KWD' })).toBe('KWD -0.125');
    expect(formatMoneyText({ amount: '12345678901234567.89', currency: 'USD' })).toBe(
      'USD 12,345,678,901,234,567.89',
    );
  });
});
