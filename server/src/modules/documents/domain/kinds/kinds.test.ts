import { describe, expect, it } from 'vitest';
import { type DocumentKind, documentKinds, kindSpec, kindSpecs, validateKindSubject } from './index.ts';
import { sampleSubjects } from './samples.ts';

const fieldsOf = (kind: DocumentKind, subject: unknown) => {
  const spec = kindSpec(kind);
  if (spec === undefined) {
    throw new Error(`no ${kind}`);
  }
  const result = validateKindSubject(spec, subject, 'subject');
  return result.ok ? [] : result.errors.map((e) => `${e.field} ${e.code}`);
};

const sample = (kind: DocumentKind) => structuredClone(sampleSubjects[kind]) as Record<string, never>;

describe('document kinds', () => {
  it('registers every kind of the API once, each with a bilingual title and a distinct credential type', () => {
    expect([...kindSpecs.keys()].sort()).toEqual([...documentKinds].sort());
    const types = [...kindSpecs.values()].map((s) => s.documentType);
    expect(new Set(types).size).toBe(types.length);
    for (const spec of kindSpecs.values()) {
      expect(spec.title.en).not.toBe('');
      expect(spec.title.zh).toMatch(/[\u4e00-\u9fff]/);
      for (const section of spec.sections) {
        expect(section.title.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('accepts each sample subject', () => {
    for (const [kind, subject] of Object.entries(sampleSubjects)) {
      expect(fieldsOf(kind as DocumentKind, subject), kind).toEqual([]);
    }
  });

  it('names the field of every refusal', () => {
    const invoice = sample('commercial_invoice');
    expect(fieldsOf('commercial_invoice', { ...invoice, seller: undefined })).toContain(
      'subject.seller kernel.required',
    );
    expect(fieldsOf('commercial_invoice', { ...invoice, colour: 'red' })).toContain(
      'subject.colour documents.unknown_field',
    );
    const lines = invoice.lines as unknown as Record<string, unknown>[];
    const tooPrecise = {
      ...invoice,
      lines: [{ ...lines[0], unitPrice: { amount: '4.355', currency: 'USD' } }, lines[1]],
    };
    expect(fieldsOf('commercial_invoice', tooPrecise)).toContain(
      'subject.lines.0.unitPrice.amount kernel.invalid_format',
    );
    expect(fieldsOf('commercial_invoice', { ...invoice, currency: 'XXY' })).toContain(
      'subject.currency kernel.invalid_format',
    );
    const coo = sample('certificate_of_origin');
    const items = coo.items as unknown as Record<string, unknown>[];
    const badItems = [
      { ...items[0], hsCode: '95030070', countryOfOrigin: 'US', originCriterion: 'XX' },
      items[1],
    ];
    expect(fieldsOf('certificate_of_origin', { ...coo, items: badItems })).toEqual(
      expect.arrayContaining([
        'subject.items.0.hsCode kernel.invalid_format',
        'subject.items.0.countryOfOrigin kernel.invalid_format',
        'subject.items.0.originCriterion kernel.invalid_format',
      ]),
    );
    const einvoice = sample('e_invoice');
    expect(
      fieldsOf('e_invoice', { ...einvoice, taxInclusiveAmount: { amount: '6900.01', currency: 'USD' } }),
    ).toContain('subject.taxInclusiveAmount.amount kernel.invalid_format');
    expect(fieldsOf('e_invoice', { ...einvoice, buyerReference: undefined })).toContain(
      'subject.buyerReference kernel.invalid_format',
    );
  });
});
