import { readFileSync } from 'node:fs';
import { money } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import {
  buildPeppolInvoiceXml,
  type PeppolInvoice,
  parsePeppolDocument,
  parsePeppolInvoice,
} from './index.ts';
import { checkPeppolRules } from './peppol-rules.ts';
import { validateUbl, validateUblFiles } from './test-ubl-schemas.ts';

// The official OpenPEPPOL credit note example (testdata/README.md) through the shared Peppol model:
// rules, round trip, the OASIS CreditNote schema, and what a credit note does differently.

const original = readFileSync(
  new URL('./testdata/peppol-base-creditnote-correction.xml', import.meta.url),
  'utf8',
);
const model = parsePeppolDocument(original);
const rebuilt = buildPeppolInvoiceXml(model);

// The example with the two fields whose place differs from the invoice's: VAT point date (before
// the type code) and due date (in the payment means).
const dated: PeppolInvoice = { ...model, taxPointDate: '2017-11-10', dueDate: '2017-12-13' };

describe('official example base-creditnote-correction.xml', () => {
  it('passes the ported rules as published', () => {
    expect(checkPeppolRules(original)).toEqual([]);
  });

  it('is read as a credit note with what it says', () => {
    expect(model).toMatchObject({
      documentKind: 'creditNote',
      invoiceNumber: 'Snippet1',
      issueDate: '2017-11-13',
      typeCode: '381',
      note: 'Please note we have a new phone number: 22 22 22 22',
      buyerReference: '0150abc',
      precedingInvoices: [{ id: 'Snippet1' }],
      paymentTerms: 'Payment within 10 days, 2% discount',
      chargeTotalAmount: money('EUR', 2500n),
      taxAmount: money('EUR', 33125n),
      payableAmount: money('EUR', 165625n),
    });
    expect(model.dueDate).toBeUndefined();
    expect(model.lines.map((line) => [line.quantity, line.unitCode, line.lineTotal])).toEqual([
      ['7', 'DAY', money('EUR', 280000n)],
      ['-3', 'DAY', money('EUR', -150000n)],
    ]);
  });

  it('round-trips: parse, build, parse again gives the same model', () => {
    expect(parsePeppolDocument(rebuilt)).toEqual(model);
  });

  it('is rebuilt as a CreditNote, not an Invoice', () => {
    expect(rebuilt).toContain('xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(rebuilt).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(rebuilt).toContain('<cbc:CreditedQuantity unitCode="DAY">-3</cbc:CreditedQuantity>');
    expect(rebuilt).not.toMatch(/Invoice(Line|TypeCode|dQuantity)/);
  });

  it('the example and its rebuild pass the rules and the official UBL 2.4 CreditNote schema', async () => {
    expect(checkPeppolRules(rebuilt)).toEqual([]);
    expect(await validateUblFiles('CreditNote', [original, rebuilt])).toEqual([[], []]);
  });

  it('parsePeppolInvoice refuses it: a caller that expects an invoice never gets a credit note', () => {
    expect(() => parsePeppolInvoice(original)).toThrow(
      expect.objectContaining({
        fieldErrors: [expect.objectContaining({ field: 'file', code: 'trade.not_ubl_document' })],
      }),
    );
  });
});

describe('what a credit note writes differently', () => {
  const xml = buildPeppolInvoiceXml(dated);

  it('the due date goes into the first payment means, the VAT point date before the type code', () => {
    expect(xml).not.toContain('<cbc:DueDate>');
    expect(xml).toMatch(
      /<cbc:PaymentMeansCode name="Credit transfer">30<\/cbc:PaymentMeansCode>\s*<cbc:PaymentDueDate>2017-12-13<\/cbc:PaymentDueDate>/,
    );
    expect(xml).toMatch(
      /<cbc:TaxPointDate>2017-11-10<\/cbc:TaxPointDate>\s*<cbc:CreditNoteTypeCode>381<\/cbc:CreditNoteTypeCode>/,
    );
    expect(parsePeppolDocument(xml)).toEqual(dated);
    expect(checkPeppolRules(xml)).toEqual([]);
  });

  it('a project reference is an additional document reference of type 50 (UBL 2.1 CreditNote has no ProjectReference)', async () => {
    const withProject: PeppolInvoice = { ...dated, projectReference: 'PRJ-7' };
    const projectXml = buildPeppolInvoiceXml(withProject);
    expect(projectXml).not.toContain('ProjectReference');
    expect(projectXml).toMatch(
      /<cac:AdditionalDocumentReference>\s*<cbc:ID>PRJ-7<\/cbc:ID>\s*<cbc:DocumentTypeCode>50<\/cbc:DocumentTypeCode>/,
    );
    expect(parsePeppolDocument(projectXml)).toEqual(withProject);
    expect(await validateUbl('CreditNote', projectXml)).toEqual([]);
  });

  it('the schema refuses the invoice element order: VAT point date after the type code', async () => {
    const invoiceOrder = xml.replace(
      /(<cbc:TaxPointDate>2017-11-10<\/cbc:TaxPointDate>)(\s*)(<cbc:CreditNoteTypeCode>381<\/cbc:CreditNoteTypeCode>)/,
      '$3$2$1',
    );
    expect(invoiceOrder).not.toBe(xml);
    const [valid, swapped] = await validateUblFiles('CreditNote', [xml, invoiceOrder]);
    expect(valid).toEqual([]);
    expect(swapped?.join('\n')).toContain('TaxPointDate');
  });

  it('the same model written as an invoice keeps the invoice order and places', async () => {
    const asInvoice = buildPeppolInvoiceXml({ ...dated, documentKind: 'invoice', typeCode: '380' });
    expect(asInvoice).toMatch(
      /<cbc:DueDate>2017-12-13<\/cbc:DueDate>\s*<cbc:InvoiceTypeCode>380<\/cbc:InvoiceTypeCode>\s*<cbc:Note>[^<]*<\/cbc:Note>\s*<cbc:TaxPointDate>/,
    );
    expect(asInvoice).not.toContain('PaymentDueDate');
    expect(await validateUbl('Invoice', asInvoice)).toEqual([]);
  });

  it('the builder refuses a credit note with a due date and no payment means to carry it', () => {
    const { paymentMeans: _none, ...noMeans } = dated;
    expect(() => buildPeppolInvoiceXml(noMeans)).toThrow(
      expect.objectContaining({
        fieldErrors: [expect.objectContaining({ field: 'paymentMeans', code: 'kernel.required' })],
      }),
    );
  });
});

describe('rules that tell a credit note from an invoice', () => {
  const rules = (xml: string) => checkPeppolRules(xml).map((violation) => violation.rule);

  it('P0101: a credit note takes the credit note type codes, not 380', () => {
    expect(rules(original.replace('>381</cbc:CreditNoteTypeCode>', '>380</cbc:CreditNoteTypeCode>'))).toEqual(
      ['PEPPOL-EN16931-P0101'],
    );
    expect(rules(original.replace('>381</cbc:CreditNoteTypeCode>', '>396</cbc:CreditNoteTypeCode>'))).toEqual(
      [],
    );
  });

  it('P0100: an invoice takes the invoice type codes of the official list (381 is a credit note)', () => {
    const invoice = readFileSync(new URL('./testdata/peppol-base-example.xml', import.meta.url), 'utf8');
    expect(invoice).toContain('>380</cbc:InvoiceTypeCode>');
    expect(rules(invoice.replace('>380</cbc:InvoiceTypeCode>', '>381</cbc:InvoiceTypeCode>'))).toEqual([
      'PEPPOL-EN16931-P0100',
    ]);
    for (const allowed of ['388', '384', '80']) {
      expect(
        rules(invoice.replace('>380</cbc:InvoiceTypeCode>', `>${allowed}</cbc:InvoiceTypeCode>`)),
      ).toEqual([]);
    }
  });

  it('R120 and BR-CO-10 read the credited quantity and the credit note lines', () => {
    expect(rules(original.replace('">7</cbc:CreditedQuantity>', '">8</cbc:CreditedQuantity>'))).toEqual([
      'PEPPOL-EN16931-R120',
    ]);
    const oneLine = original.replace(
      /<cac:CreditNoteLine>\s*<cbc:ID>2<\/cbc:ID>[\s\S]*?<\/cac:CreditNoteLine>/,
      '',
    );
    expect(rules(oneLine)).toContain('BR-CO-10');
    const noLines = original.replace(/<cac:CreditNoteLine>[\s\S]*<\/cac:CreditNoteLine>/, '');
    expect(rules(noLines)).toContain('BR-16');
  });

  it('BR-CO-25 is bound to the invoice: a credit note without due date or terms passes, an invoice does not', () => {
    const { paymentTerms: _terms, ...noTerms } = model;
    expect(noTerms.payableAmount.amountMinor).toBeGreaterThan(0n);
    expect(rules(buildPeppolInvoiceXml(noTerms))).toEqual([]);
    expect(rules(buildPeppolInvoiceXml({ ...noTerms, documentKind: 'invoice', typeCode: '380' }))).toEqual([
      'BR-CO-25',
    ]);
  });

  it('UBL-CR-412: a payment means due date belongs to a credit note, not to an invoice', () => {
    const asInvoice = buildPeppolInvoiceXml({ ...dated, documentKind: 'invoice', typeCode: '380' });
    const withMeansDate = asInvoice.replace(
      '30</cbc:PaymentMeansCode>',
      '30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2017-12-13</cbc:PaymentDueDate>',
    );
    expect(withMeansDate).not.toBe(asInvoice);
    expect(rules(asInvoice)).toEqual([]);
    expect(rules(withMeansDate)).toEqual(['UBL-CR-412']);
  });
});
