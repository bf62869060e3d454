import { readFileSync } from 'node:fs';
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Inflate } from './pdf-attachment.ts';
import { findBundleInPdf } from './pdf-attachment.ts';
import { buildScenario } from './test-support.ts';
import { createVerifier } from './verify.ts';

const scenario = buildScenario();

const nodeInflate: Inflate = (data, maxBytes) => {
  try {
    return new Uint8Array(
      inflateSync(data, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH }),
    );
  } catch {
    return undefined;
  }
};

async function pdfWithAttachment(
  content: Uint8Array,
  name = 'INV-2026-0001.tradehub.json',
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  const font = await document.embedFont(StandardFonts.Helvetica);
  page.drawText('Commercial invoice INV-2026-0001', { x: 50, y: 780, size: 14, font });
  await document.attach(content, name, {
    mimeType: 'application/json',
    description: 'tradehub verification bundle',
  });
  return document.save();
}

describe('finding the bundle attached to a PDF', () => {
  it('finds it in a PDF made by pdf-lib, with node:zlib or DecompressionStream, and it verifies', async () => {
    const { bundle, trustPolicy } = await scenario;
    const pdf = await pdfWithAttachment(utf8Encode(JSON.stringify(bundle)));
    for (const options of [{ inflate: nodeInflate }, {}]) {
      const found = await findBundleInPdf(pdf, options);
      expect(found.ok).toBe(true);
      if (found.ok) {
        expect(found.bundle).toEqual(bundle);
        expect((await createVerifier(trustPolicy).verify(found.bytes)).verdict).toBe('VALID');
      }
    }
  });

  it('finds it in a PDF written by another tool (pypdf, FlateDecode), and it verifies', async () => {
    const { trustPolicy } = await scenario;
    const pdf = new Uint8Array(readFileSync(new URL('./testdata/pypdf-attachment.pdf', import.meta.url)));
    expect(new TextDecoder().decode(pdf)).toContain('/Producer (pypdf)');
    const found = await findBundleInPdf(pdf, { inflate: nodeInflate });
    if (!found.ok) {
      throw new Error(found.message);
    }
    const report = await createVerifier(trustPolicy).verify(found.bytes);
    expect(report.verdict).toBe('VALID');
    expect(report.document?.documentType).toBe('CommercialInvoice');
  });

  it('skips attachments that are not bundles and takes the bundle among them', async () => {
    const { bundle } = await scenario;
    const document = await PDFDocument.create();
    document.addPage();
    await document.attach(utf8Encode('{"type":"something-else"}'), 'other.json', {
      mimeType: 'application/json',
    });
    await document.attach(utf8Encode('tradehub-bundle/v1 but not JSON'), 'notes.txt', {
      mimeType: 'text/plain',
    });
    await document.attach(utf8Encode(JSON.stringify(bundle)), 'b.tradehub.json', {
      mimeType: 'application/json',
    });
    const found = await findBundleInPdf(await document.save(), { inflate: nodeInflate });
    expect(found.ok && found.bundle).toEqual(bundle);
  });

  it('finds an uncompressed stream, with or without a /Length it can trust', async () => {
    const { bundle } = await scenario;
    const json = JSON.stringify(bundle);
    const body = (dictionary: string) =>
      utf8Encode(
        `%PDF-1.7\n1 0 obj\n<< /Type /EmbeddedFile ${dictionary} >>\nstream\n${json}\nendstream\nendobj\n%%EOF\n`,
      );
    for (const dictionary of [`/Length ${utf8Encode(json).length}`, '/Length 3', '/Length 9 0 R', '']) {
      const found = await findBundleInPdf(body(dictionary));
      expect(found.ok).toBe(true);
    }
  });

  it('says when the file is no PDF, or a PDF without a bundle', async () => {
    expect(await findBundleInPdf(utf8Encode('{"type":"tradehub-bundle/v1"}'))).toMatchObject({
      ok: false,
      reason: 'not_a_pdf',
    });
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await findBundleInPdf(await plain.save(), { inflate: nodeInflate })).toMatchObject({
      ok: false,
      reason: 'no_bundle',
    });
  });

  it('does not inflate past the per-stream and total bounds (a compressed bomb)', async () => {
    const bomb = deflateSync(new Uint8Array(50 * 1024 * 1024));
    const pdf = new Uint8Array([
      ...utf8Encode(
        `%PDF-1.7\n1 0 obj\n<< /Type /EmbeddedFile /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
      ),
      ...bomb,
      ...utf8Encode('\nendstream\nendobj\n'),
    ]);
    const asked: number[] = [];
    const found = await findBundleInPdf(pdf, {
      inflate: (data, maxBytes) => {
        asked.push(maxBytes);
        return nodeInflate(data, maxBytes);
      },
    });
    expect(found).toMatchObject({ ok: false, reason: 'no_bundle' });
    expect(asked).toEqual([1024 * 1024]);
  });

  it('never throws on random bytes or on a mutated real PDF, and looks at a bounded number of streams', async () => {
    const { bundle } = await scenario;
    const real = await pdfWithAttachment(utf8Encode(JSON.stringify(bundle)));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4096 }).map((b) => new Uint8Array([...utf8Encode('%PDF-1.4\n'), ...b])),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }).map((edits) => {
            const copy = real.slice();
            for (const [at, value] of edits) {
              copy[at % copy.length] = value;
            }
            return copy;
          }),
          fc
            .array(fc.constantFrom('>>stream\n', 'endstream', ' /Length 99 ', '/FlateDecode', 'obj', 'x'), {
              maxLength: 200,
            })
            .map((parts) => utf8Encode(`%PDF-1.7\n${parts.join('')}`)),
        ),
        async (pdf) => {
          let inflated = 0;
          const result = await findBundleInPdf(pdf, {
            maxStreams: 50,
            inflate: (data, maxBytes) => {
              inflated++;
              return nodeInflate(data, maxBytes);
            },
          });
          expect(typeof result.ok).toBe('boolean');
          expect(inflated).toBeLessThanOrEqual(50);
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);

  it('stays linear on a PDF of many stream keywords', async () => {
    const many = utf8Encode(`%PDF-1.7\n${'1 0 obj << /Length 1 >>stream\nx\nendstream\n'.repeat(100_000)}`);
    const found = await findBundleInPdf(many, { maxStreams: 1_000_000 });
    expect(found).toMatchObject({ ok: false, reason: 'no_bundle' });
  }, 30_000);
});
