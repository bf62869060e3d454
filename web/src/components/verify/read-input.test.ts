import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { INPUT_ERRORS, MAX_PDF_BYTES, readVerificationInput } from './read-input.ts';

const encoder = new TextEncoder();

const bundle = {
  type: 'tradehub-bundle/v1',
  credential: {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:0190f1c2-0000-7000-8000-000000000001',
    type: ['VerifiableCredential', 'TradeDocumentCredential'],
    issuer: { id: 'did:web:hub.example:org:org_1', name: 'Yiwu' },
    credentialSubject: { type: 'CommercialInvoice', documentNumber: 'INV-1' },
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofValue: 'z1' },
  },
  tlogProof:
    'c2sp.org/tlog-proof@v1\nindex 0\n\nhub.example/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— hub.example/log AAAAAA==\n',
  issuerDidDocument: { id: 'did:web:hub.example:org:org_1', verificationMethod: [] },
};

const json = (value: unknown) => encoder.encode(JSON.stringify(value));

const pdfWith = async (attachment: Uint8Array | null) => {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('INV-1');
  if (attachment) {
    await pdf.attach(attachment, 'INV-1.tradehub.json', { mimeType: 'application/json' });
  }
  return pdf.save();
};

describe('readVerificationInput', () => {
  it('reads a bundle, and a bare credential, as JSON (with or without a byte-order mark)', async () => {
    expect(await readVerificationInput(json(bundle))).toEqual({
      ok: true,
      input: { kind: 'bundle', value: bundle, source: 'json' },
    });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...json(bundle.credential)]);
    expect(await readVerificationInput(withBom)).toEqual({
      ok: true,
      input: { kind: 'credential', value: bundle.credential, source: 'json' },
    });
  });

  it('finds the bundle attached to a PDF made with pdf-lib', async () => {
    const result = await readVerificationInput(await pdfWith(json(bundle)));
    expect(result.ok && result.input.kind === 'bundle' && result.input.source).toBe('pdf');
    expect(result.ok && result.input.value.tlogProof).toBe(bundle.tlogProof);
  });

  it('names what is wrong with other files', async () => {
    expect(await readVerificationInput(new Uint8Array())).toEqual({ ok: false, error: 'empty' });
    expect(await readVerificationInput(encoder.encode('{"type":'))).toEqual({ ok: false, error: 'not_json' });
    expect(await readVerificationInput(new Uint8Array([0xff, 0xfe, 0x00]))).toEqual({
      ok: false,
      error: 'not_json',
    });
    expect(await readVerificationInput(json({ hello: 'world' }))).toEqual({
      ok: false,
      error: 'not_recognised',
    });
    expect(await readVerificationInput(json([bundle]))).toEqual({ ok: false, error: 'not_recognised' });
    expect(await readVerificationInput(await pdfWith(null))).toEqual({
      ok: false,
      error: 'pdf_without_bundle',
    });
    const otherJson = await pdfWith(json({ type: 'something-else/v1' }));
    expect(await readVerificationInput(otherJson)).toEqual({ ok: false, error: 'pdf_without_bundle' });
    const big = new Uint8Array(1024 * 1024 + 1).fill(0x20);
    expect(await readVerificationInput(big)).toEqual({ ok: false, error: 'too_large' });
    const bigPdf = new Uint8Array(MAX_PDF_BYTES + 1);
    bigPdf.set(encoder.encode('%PDF-1.7\n'));
    expect(await readVerificationInput(bigPdf)).toEqual({ ok: false, error: 'too_large' });
  });

  it('never throws on random bytes, PDF-looking or not', async () => {
    const head = encoder.encode(
      '%PDF-1.7\n1 0 obj\n<< /Filter /FlateDecode /Type /EmbeddedFile >>\nstream\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.uint8Array({ maxLength: 2048 }), async (pdfLike, tail) => {
        const bytes = pdfLike ? new Uint8Array([...head, ...tail]) : tail;
        const result = await readVerificationInput(bytes);
        expect(result.ok ? result.input.kind : INPUT_ERRORS.includes(result.error)).toBeTruthy();
      }),
      { numRuns: 200 },
    );
  });

  it('has an explanation of every input error in both languages', () => {
    for (const error of INPUT_ERRORS) {
      expect(en.verify.inputErrors[error], `en ${error}`).toMatch(/\S/);
      expect(zhCN.verify.inputErrors[error], `zh-CN ${error}`).toMatch(/\S/);
    }
  });
});
